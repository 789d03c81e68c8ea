"""The search tokens of a page (hooks/search_tokens.py): the same cut as the search box's."""

from __future__ import annotations

from generator.hooks.search_tokens import page_text, spell, tokens


def test_a_character_is_spelt_in_five_letters_of_its_code_point():
    assert spell("電") == "ajgpl"  # U+96FB
    assert spell("𠀀") == "caaaa"  # U+20000, beyond the basic plane


def test_every_pair_of_neighbouring_characters_is_one_token():
    assert tokens("鎖平高速") == [
        spell("鎖") + spell("平"),
        spell("平") + spell("高"),
        spell("高") + spell("速"),
    ]
    # so a word inside a word is found: 公路 in 高速公路, 鎖平 in 鎖平高速公路
    assert set(tokens("公路")) <= set(tokens("鎖平高速公路"))
    assert set(tokens("鎖平")) <= set(tokens("鎖平高速公路"))


def test_a_lone_character_and_other_words_are_tokens_as_they_are():
    assert tokens("裝機2×300MW，年產OC4IDS 3.21億元") == [
        spell("裝") + spell("機"),
        spell("年") + spell("產"),
        spell("億") + spell("元"),
        "2",
        "300mw",
        "oc4ids",
        "3.21",
    ]
    assert tokens("縣 鄉") == [spell("縣"), spell("鄉")]
    assert tokens("水庫 水庫") == [spell("水") + spell("庫")]  # each once


def test_the_text_leaves_out_the_blocks_marked_for_pagefind_to_ignore():
    html = (
        "<h1>龍母溝水庫</h1><p>大壩<br>加固</p>"
        "<div data-pagefind-ignore><table><tr><td>重複的表</td></tr></table></div>"
        "<script>var x = '腳本';</script><p>完成</p>"
    )
    assert page_text(html) == "龍母溝水庫 大壩 加固 完成"

"""MkDocs hook: make Simplified queries and inner words find Traditional pages.

After Material's search plugin has written search/search_index.json, add to every entry an
`alias` field: its title converted to Simplified (OpenCC t2s), cut by jieba's search mode
(which also yields the words inside long words: 公路 in 高速公路), plus the same spans in the
title's own script and in Traditional (s2t), so either script's tree answers queries typed in
either script; one-character words are left out (they cut Material's queries short).
mkdocs.yml boosts the field: `search: fields: {alias: {boost: 1000}}`. See CHINESE_SEARCH.md.
"""

from __future__ import annotations

import json
import os

import jieba
import opencc

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")


def alias_for(title: str) -> str:
    plain = title.replace("\u200b", "")
    simple = _T2S.convert(plain)
    same_length = len(simple) == len(plain)
    words: list[str] = []
    for word, start, end in jieba.tokenize(simple, mode="search"):
        if end - start < 2 or not any("\u3400" <= ch <= "\u9fff" for ch in word):
            continue
        # the Simplified word, the title's own, and the Traditional: a query in either script
        # finds the page in either script's tree
        for form in (word, plain[start:end] if same_length else word, _S2T.convert(word)):
            if form not in words:
                words.append(form)
    return " ".join(words)


def on_post_build(config, **kwargs):
    path = os.path.join(config["site_dir"], "search", "search_index.json")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        index = json.load(f)
    for doc in index["docs"]:
        alias = alias_for(doc.get("title", ""))
        if alias:
            doc["alias"] = alias
    with open(path, "w", encoding="utf-8") as f:
        json.dump(index, f, ensure_ascii=False, separators=(",", ":"))

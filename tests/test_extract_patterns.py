"""Every named pattern of the extractor alone, on its own examples (generator/extract/
patterns.py and names.py, EXAMPLES): what a newcomer changing one rule runs first."""

from __future__ import annotations

import re

import pytest

from generator.extract import names, patterns


def named_patterns():
    """(module.NAME, pattern) of every compiled pattern of the two modules, once each."""
    seen = set()
    for module in (patterns, names):
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern) and id(value) not in seen:
                seen.add(id(value))
                yield f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value


NAMED = list(named_patterns())


def first_match(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    if m is None:
        return None
    groups = [g for g in m.groups() if g is not None]
    return " ".join(groups) if groups else m.group(0)


@pytest.mark.parametrize("name,pattern", NAMED, ids=[n for n, _ in NAMED])
def test_the_pattern_gives_what_its_examples_say(name, pattern):
    examples = patterns.EXAMPLES.get(pattern) or names.EXAMPLES.get(pattern)
    assert examples, f"{name} has no examples: add some to its module's EXAMPLES"
    assert any(v is not None for v in examples.values()), f"{name}: no example that matches"
    got = {text: first_match(pattern, text) for text in examples}
    assert got == examples


def test_the_examples_are_written_in_both_scripts():
    from generator.chinese import script_of

    examples = [patterns.EXAMPLES, names.EXAMPLES]
    texts = [text for table in examples for cases in table.values() for text in cases]
    scripts = {script_of([t]) for t in texts}
    assert scripts == {"hans", "hant"}


def test_the_lexicon_writes_the_data_s_own_words():
    """What the rules write (stages, bases, paces, units) is what the data model accepts."""
    from generator import vocabulary
    from generator.extract import lexicon

    assert {stage for stage, _words in lexicon.STAGE_WORDS} <= set(vocabulary.STAGES)
    assert set(lexicon.AMOUNT_BASIS.values()) <= set(vocabulary.AMOUNT_BASES)
    assert set(lexicon.WHOLE_BASIS.values()) <= set(vocabulary.AMOUNT_BASES)
    assert set(lexicon.PACE.values()) <= set(vocabulary.CHANGE_BASES)
    assert set(lexicon.CAPACITY_UNIT.values()) <= set(vocabulary.CAPACITY_UNITS)
    for words in (lexicon.NAME_SUFFIX, lexicon.LOWER):  # each word in both scripts
        assert {lexicon.twin(w) for w in words} <= set(words)

"""The rules of headline figures (generator/extract/figures.py), each with its examples: every
example reads as the rule says, and needs the rule: without it the sentence reads otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.extract.figures import RULES, Rule, extract_figures

EXAMPLES = [(r, e) for r in RULES for e in r.examples]
IDS = [f"{r.name}-{i}" for r in RULES for i, _ in enumerate(r.examples, 1)]


def plain(figures: list[dict], sentence: str) -> list[dict]:
    """The figures as examples write them: no quote (it must be the sentence), numbers as text."""

    def text(value):
        if isinstance(value, dict):
            return {k: text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [text(v) for v in value]
        return str(value) if isinstance(value, Decimal) else value

    assert all(f.pop("quote") == sentence for f in figures), "every figure quotes the sentence"
    return text(figures)


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_an_example_reads_as_its_rule_says(case):
    rule, example = case
    got = plain(extract_figures(example.text, False), example.text)
    assert got == example.figures, f"{rule.name}: {rule.doc}"


@pytest.mark.parametrize("case", EXAMPLES, ids=IDS)
def test_an_example_needs_its_rule(case):
    rule, example = case
    others = tuple(r for r in RULES if r is not rule)
    without = plain(extract_figures(example.text, False, rules=others), example.text)
    assert without != example.figures, f"{rule.name}'s example reads the same without it"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_has_examples_and_says_what_it_produces(rule):
    assert rule.examples, f"{rule.name} has no example"
    assert rule.doc and len(rule.doc.splitlines()) <= 3, f"{rule.name}: a short docstring"


def test_rule_names_are_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_rule_is_in_the_order():
    """A rule written with @rule but left out of RULES would never run."""
    from generator.extract import figures

    written = {v.name for v in vars(figures).values() if isinstance(v, Rule)}
    assert written == {r.name for r in RULES}


def test_examples_are_in_both_scripts():
    from generator.chinese import script_of

    for rule in RULES:
        scripts = {script_of([e.text]) for e in rule.examples}
        assert scripts >= {"hans", "hant"}, f"{rule.name}: examples in {scripts}"


def test_a_follow_on_sentence_goes_on_about_the_figure_before():
    """Not a rule: a sentence that opens with a change joins the figure the one before ended on."""
    before = {"label": "全县完成投资", "value": {"amount": Decimal("40"), "unit": "亿元"}}
    figures = extract_figures("同比增长6.4%，增速居全市第3位", False, before)
    assert figures == []
    assert before["changes"] == [{"value": Decimal("6.4"), "unit": "%", "basis": "同比"}]
    assert before["rank"] == {"position": 3, "among": "全市", "of": "增速"}

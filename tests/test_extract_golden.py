"""Golden drafts: the exact draft `extract` makes of every text and schedule of the corpus,
compared byte for byte (tests/golden/drafts/). A change to extraction shows here as a diff of
drafts to review; refresh them with `make golden` only when the change is meant."""

from __future__ import annotations

import re

import pytest

from benchmarks.extract_score import own_cases
from generator.extract import extract_document, to_yaml
from tests.conftest import ROOT

DRAFTS = ROOT / "tests" / "golden" / "drafts"
CASES = own_cases()


def golden_name(name: str, part: str | None) -> str:
    stem = name if not part else f"{name}.{part}"
    return re.sub(r"[^\w.-]", "_", stem) + ".yaml"


def test_every_golden_draft_belongs_to_a_case():
    expected = {golden_name(name, part) for name, part, *_ in CASES}
    assert {p.name for p in DRAFTS.glob("*.yaml")} == expected


@pytest.mark.parametrize("case", CASES, ids=[golden_name(c[0], c[1]) for c in CASES])
def test_the_draft_is_the_golden_one(case, update_golden):
    name, part, doc, _hand = case
    draft = to_yaml(extract_document(doc, part=part))
    path = DRAFTS / golden_name(name, part)
    if update_golden:
        DRAFTS.mkdir(parents=True, exist_ok=True)
        path.write_text(draft, "utf-8")
    assert draft == path.read_text("utf-8"), f"{path.name}: the draft changed (make golden)"

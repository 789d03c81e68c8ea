"""Golden test: the Markdown generated from the seed data, byte for byte.

Refresh after an intended change with `make golden` and review the diff like code.
"""

from __future__ import annotations

import shutil

from generator import Paths, load_bulletin
from generator.pages import render_pages
from tests.conftest import ROOT, SEED, TEMPLATES

GOLDEN = ROOT / "tests" / "golden"


def test_generated_markdown_matches_golden(update_golden):
    bulletin, _ = load_bulletin(Paths(SEED))
    pages = render_pages(bulletin, TEMPLATES)
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, "utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected), "pages planned differ from tests/golden/"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/{rel} (make golden)"


def test_rendering_is_deterministic():
    bulletin, _ = load_bulletin(Paths(SEED))
    first = render_pages(bulletin, TEMPLATES)
    bulletin, _ = load_bulletin(Paths(SEED))
    assert render_pages(bulletin, TEMPLATES) == first

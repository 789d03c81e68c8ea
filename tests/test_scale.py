"""The synthetic corpus of the benchmark is valid and deterministic; long builds show progress."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from benchmarks.corpus import generate as make_corpus
from generator import Paths, load_bulletin
from tests.conftest import ROOT


def digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_corpus_is_valid_and_deterministic(tmp_path):
    pages = make_corpus(tmp_path / "a", regions=3, reports=4, projects=40, seed=7)
    make_corpus(tmp_path / "b", regions=3, reports=4, projects=40, seed=7)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    bulletin, problems = load_bulletin(Paths(tmp_path / "a"))
    assert [p.text() for p in problems if p.severity == "error"] == []
    assert len(bulletin.projects) == 120 and len(bulletin.reports) == 12
    assert pages == 3 + 12 + 120 + 5


def test_a_long_build_shows_its_progress(project):
    import shutil

    shutil.rmtree(project / "data")
    make_corpus(project, regions=3, reports=2, projects=170, seed=2)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    output = result.stdout + result.stderr
    assert "mkdocs: building the site" in output
    import re

    done = re.findall(r"pages (\d+) of (\d+)", output)
    assert len(done) >= 5 and done[0][0] == "100"
    assert done[-1][0] == done[-1][1] and int(done[-1][1]) > 520


def test_the_home_page_of_many_regions_links_their_list(project):
    """Past HOME_REGIONS regions, the home page keeps each region's latest figure (a link to
    each) and leaves the list of names and counts to the regions index: it stays small."""
    import shutil

    from generator.pages import HOME_REGIONS
    from generator.pipeline import generate

    shutil.rmtree(project / "data")
    make_corpus(project, regions=HOME_REGIONS + 5, reports=1, projects=3, seed=3)
    generate(Paths(project))
    home = (project / "content" / "index.md").read_text("utf-8")
    bulletin, _ = load_bulletin(Paths(project))
    for region in bulletin.regions:  # each region still linked, once, by its latest figure
        assert home.count(f"(regions/{region.id}.md)") == 1, region.id
    assert f"（{HOME_REGIONS + 5}）](regions/index.md)" in home

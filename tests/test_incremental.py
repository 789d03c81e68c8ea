"""Making again only what a change touches gives the same bytes as a build from nothing.

The generator keeps a key per generated file (generator/incremental.py) and makes again only
files whose key changed. Here every kind of edit an editor or a developer makes is applied to
one project folder generated before (with the preview's memory, and again without it), and
every file of both script trees is compared with a fresh generation of the same data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.incremental import Memory
from generator.pages import page_paths, plan_pages
from generator.pipeline import Paths, first_pages, generate, load_bulletin, other_tree, put_back
from tests.conftest import TEMPLATES


def files(root: Path, script: str) -> dict[str, bytes]:
    out = {}
    for tree in (root / "content", other_tree(root, script)):
        for path in sorted(tree.rglob("*")):
            if path.is_file() and path.name != ".generated.json":
                out[f"{tree.name}/{path.relative_to(tree).as_posix()}"] = path.read_bytes()
    return out


def fresh(project: Path, tmp_path: Path) -> Path:
    """A copy of `project` with nothing generated, generated once."""
    clean = tmp_path / "fresh"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns(".cache", "content"))
    generate(Paths(clean))
    return clean


def override(root: Path, name: str) -> Path:
    """The bulletin's own copy of one of the tool's templates (or its catalogue)."""
    (root / "templates").mkdir(exist_ok=True)
    return Path(shutil.copy(TEMPLATES / name, root / "templates" / name))


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


TIANCHENG = "data/reports/tiancheng/2005-q1.yaml"
DISTRICT = "data/reports/unnamed-district/2023-08.yaml"

EDITS = {
    # a project's amount: its page, its report, its region, the indexes, the open data
    "amount": lambda root: edit(root / TIANCHENG, "progress: ", "progress: 本期新增", 1),
    # a project's name, which the page of a part of it (in another region) links by
    "name": lambda root: edit(root / TIANCHENG, "name: 雷打灘水電站", "name: 雷打灘水電站一期"),
    # a region's name: every page of it, and every page that names it
    "region": lambda root: edit(root / "data/regions.yaml", "name: 天城縣", "name: 天城市"),
    # a report withdrawn: its pages and its projects' pages go
    "removed": lambda root: (root / DISTRICT).unlink(),
    # a new report of a later period, with a project only it names
    "added": lambda root: (root / DISTRICT.replace("2023-08", "2023-09")).write_text(
        (root / DISTRICT)
        .read_text("utf-8")
        .replace("2023-08-31", "2023-09-30")
        .replace("2023-08", "2023-09")
        .replace("id: dongli-keji", "id: dongli-keji-2"),
        "utf-8",
    ),
    # the site's own words: every page
    "words": lambda root: edit(override(root, "messages.yaml"), "hant: 項目", "hant: 項目名"),
}


def link_across_regions(root: Path) -> None:
    """A district project made a part of a county project: its page names the county one."""
    edit(
        root / DISTRICT,
        "  - id: dongli-keji\n",
        "  - id: dongli-keji\n    part_of: leidatan-hydropower\n",
    )


@pytest.mark.parametrize("kind", sorted(EDITS))
@pytest.mark.parametrize("remembered", [True, False], ids=["preview", "build"])
def test_only_what_changed_is_made_again_and_the_result_is_a_fresh_builds(
    project: Path, tmp_path: Path, kind: str, remembered: bool
):
    link_across_regions(project)
    memory = Memory() if remembered else None
    first = generate(Paths(project), memory=memory)
    EDITS[kind](project)
    timings: dict[str, float] = {}
    after = generate(Paths(project), timings, memory=memory)
    expected = fresh(project, tmp_path)
    got, want = files(project, after.script), files(expected, after.script)
    assert sorted(got) == sorted(want)
    different = [path for path in want if got[path] != want[path]]
    assert different == [], f"{kind}: made again differs from a fresh build: {different[:5]}"
    if kind not in ("words", "region"):  # a change of one file makes again a part only
        assert 0 < timings["made"] < timings["files"] * 0.8, timings
    assert first.script == after.script


def test_a_second_run_without_changes_makes_nothing(project: Path):
    generate(Paths(project))
    timings: dict[str, float] = {}
    result = generate(Paths(project), timings)
    assert timings["made"] == 0 and result.written == [] and result.removed == []


def test_a_deleted_generated_page_is_made_again(project: Path):
    generate(Paths(project))
    page = project / "content" / "regions" / "tiancheng.md"
    before = page.read_bytes()
    page.unlink()
    timings: dict[str, float] = {}
    generate(Paths(project), timings)
    assert page.read_bytes() == before and timings["made"] == 1


@pytest.mark.parametrize("damage", [b"not a database or a pickle", b"", b"\x80\x05K\x01."])
def test_a_damaged_cache_is_made_again(project: Path, tmp_path: Path, damage: bytes):
    """What a run keeps in .cache/ for the next (the open data's items, each data file's
    loading and checking) is only a help: damaged, it is ignored."""
    generate(Paths(project))
    kept = project / ".cache" / "generator"
    loadings = sorted(kept.glob("kept/*/checked/*.pickle"))
    assert (kept / "items.sqlite").is_file() and len(loadings) == len(
        list((project / "data").rglob("*.yaml"))
    )
    for path in [kept / "items.sqlite", *loadings]:
        path.write_bytes(damage)
    edit(project / TIANCHENG, "progress: ", "progress: 本期新增", 1)
    after = generate(Paths(project))
    expected = fresh(project, tmp_path)
    assert files(project, after.script) == files(expected, after.script)


def test_a_kept_loading_is_used_only_for_the_same_bytes_and_language(project: Path):
    """A data file's problems come from its loading kept by the last run only while its bytes
    and the editors' language are the same: the error of a file edited since, and a message
    in the language of this run."""
    from generator import i18n
    from generator.errors import DataErrors

    edit(project / TIANCHENG, "progress: ", "progress: [", 1)  # not YAML any more
    with pytest.raises(DataErrors) as english:
        generate(Paths(project))
    i18n.use("hans")
    with pytest.raises(DataErrors) as chinese:
        generate(Paths(project))
    edit(project / TIANCHENG, "progress: [", "progress: {", 1)
    with pytest.raises(DataErrors) as edited:
        generate(Paths(project))
    texts = [e.value.problems[0].text() for e in (english, chinese, edited)]
    assert texts[0].startswith(f"{TIANCHENG}:") and "YAML syntax error" in texts[0]
    assert "YAML 语法错误" in texts[1] and "flow sequence" in texts[1]
    assert "YAML 语法错误" in texts[2] and "flow mapping" in texts[2]


def test_the_pages_planned_for_some_files_are_the_whole_plan_s_that_depend_on_them(project):
    """plan_pages(bulletin, touching) finds, without planning every page, the pages of the
    whole plan that depend on those files (sources, or linked projects' reports); page_paths
    is the whole plan's paths."""
    link_across_regions(project)
    bulletin, _ = load_bulletin(Paths(project))
    whole = plan_pages(bulletin)
    assert page_paths(bulletin) == [page.path for page in whole]
    for source in ["data/regions.yaml"] + sorted(e.source for e in bulletin.reports):
        assert plan_pages(bulletin, {source}) == [p for p in whole if source in p.depends]
    linked = [p.path for p in plan_pages(bulletin, {TIANCHENG})]
    assert "projects/dongli-keji.md" in linked  # a district project, part of a county one


@pytest.mark.parametrize("kind", ["amount", "name"])
def test_the_preview_s_first_pages_are_the_whole_generation_s(
    project: Path, tmp_path: Path, kind: str
):
    """After a report is saved the preview writes its own pages first (first_pages): each one
    the page the whole generation makes next, byte for byte; the whole generation then makes
    the rest, and the result is a fresh build's."""
    link_across_regions(project)
    memory = Memory(kept=True)
    generate(Paths(project), memory=memory)
    EDITS[kind](project)
    first = first_pages(Paths(project), memory, {TIANCHENG})
    assert "reports/tiancheng/2005-q1.md" in first
    assert ("projects/dongli-keji.md" in first) == (kind == "name")  # it names the whole
    early = {rel: (project / "content" / rel).read_bytes() for rel in first}
    after = generate(Paths(project), memory=memory)
    assert not set(first) & set(after.written) and after.written  # the rest: home, data
    assert {rel: (project / "content" / rel).read_bytes() for rel in first} == early
    expected = fresh(project, tmp_path)
    assert files(project, after.script) == files(expected, after.script)


def test_first_pages_leave_to_the_whole_generation_what_they_cannot_make_exactly(
    project: Path,
):
    """No first pages (nothing written) for a save whose pages would be new or gone, for a
    saved file with an error, or for a file that is not a report published before."""
    memory = Memory(kept=True)
    assert first_pages(Paths(project), memory, {TIANCHENG}) == {}  # no generation yet
    generate(Paths(project), memory=memory)
    before = files(project, "hant")
    cases = [
        (TIANCHENG, "id: qinglai-road", "id: qinglai-road-2"),  # a new project page
        (TIANCHENG, "amount: 41162", "amount: 四萬"),  # an error in the file
        ("data/regions.yaml", "name: 天城縣", "name: 天城市"),  # every page
    ]
    for rel, old, new in cases:
        edit(project / rel, old, new)
        assert first_pages(Paths(project), memory, {rel}) == {}, (rel, new)
        edit(project / rel, new, old)
    added = project / DISTRICT.replace("2023-08", "2023-09")
    shutil.copy(project / DISTRICT, added)
    assert first_pages(Paths(project), memory, {added.relative_to(project).as_posix()}) == {}
    assert files(project, "hant") == before


def test_put_back_restores_the_first_pages(project: Path):
    memory = Memory(kept=True)
    generate(Paths(project), memory=memory)
    before = files(project, "hant")
    edit(project / TIANCHENG, "amount: 41162", "amount: 41163")
    first = first_pages(Paths(project), memory, {TIANCHENG})
    assert first and files(project, "hant") != before
    put_back(project / "content", first)
    assert files(project, "hant") == before

"""The build never publishes a bad site: errors change nothing; a killed build keeps site/."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import Paths
from generator.__main__ import main
from generator.errors import BulletinError
from generator.pages import MANIFEST
from generator.pipeline import generate
from tests.conftest import ROOT, SEED, write


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_bad_data_leaves_content_and_site_as_they_were(project, capsys):
    assert main(["--root", str(project), "build"]) == 0
    content, site = snapshot(project / "content"), snapshot(project / "site")
    report = project / "data/reports/tiancheng/2005-q1.yaml"
    report.write_text(report.read_text("utf-8").replace("amount: 3.21,", "amount: -3.21,"), "utf-8")
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "data/reports/tiancheng/2005-q1.yaml:" in err and "is negative" in err
    assert "Nothing was changed" in err
    assert snapshot(project / "content") == content
    assert snapshot(project / "site") == site


def test_a_killed_build_leaves_the_last_good_site_whole_and_the_next_clears_its_copy(project):
    assert main(["--root", str(project), "build"]) == 0
    started = time.monotonic()
    assert main(["--root", str(project), "build"]) == 0
    took = time.monotonic() - started
    before = snapshot(project / "site")
    # killed at points spread over a whole build, the last ones near its end (the swap)
    for share in (0.3, 0.7, 0.95):
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project), "build"],
            cwd=project,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(took * share)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert snapshot(project / "site") == before, f"site/ changed by a build killed at {share}"
    assert main(["--root", str(project), "build"]) == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_copies_of_builds_that_are_gone_are_removed_and_a_running_ones_kept(project):
    dead = project / ".site-new-999999999-abc"  # no such process
    (dead / "regions").mkdir(parents=True)
    (dead / "regions" / "index.html").write_text("half", "utf-8")
    (project / ".site-new-999999999-abc.index").mkdir()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = project / f".site-new-{live.pid}-xyz"
        running.mkdir()
        assert main(["--root", str(project), "build"]) == 0
        left = sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))
        assert left == [running.name]
    finally:
        live.kill()
        live.wait()


POLL = """
import sys, pathlib
site = pathlib.Path(sys.argv[1]); stop = pathlib.Path(sys.argv[2])
reads = misses = 0
while not stop.exists():
    for page in ("index.html", "regions/index.html"):
        try:
            (site / page).read_bytes()
            reads += 1
        except OSError:
            misses += 1
print(reads, misses)
"""


def swaps_seen_missing(tmp_path: Path, swaps: int) -> tuple[int, int]:
    """A reader in another process polls two pages of site/ while it is swapped `swaps`
    times; what it read, and how often a page was missing."""
    from generator.site import swap_in

    site, stop = tmp_path / "site", tmp_path / "stop"
    for folder in (site, site / "regions"):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("0", "utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-c", POLL, str(site), str(stop)], stdout=subprocess.PIPE, text=True
    )
    time.sleep(0.3)  # the reader is reading
    for i in range(swaps):
        new = tmp_path / f".site-new-{os.getpid()}-{i}"
        (new / "regions").mkdir(parents=True)
        (new / "index.html").write_text(str(i), "utf-8")
        (new / "regions" / "index.html").write_text(str(i), "utf-8")
        swap_in(new, site)
    stop.write_text("", "utf-8")
    reads, misses = map(int, reader.communicate(timeout=30)[0].split())
    assert reads > swaps  # it read all along
    return reads, misses


def test_a_reader_never_finds_the_site_missing_while_it_is_replaced(tmp_path):
    _, misses = swaps_seen_missing(tmp_path, 300)
    assert misses == 0


def test_the_reader_does_see_the_gap_of_two_renames(tmp_path, monkeypatch):
    """The poller can fail: where paths cannot be exchanged (two renames), it sees the
    moment without a site."""
    import generator.site

    monkeypatch.setattr(generator.site, "_exchange", lambda a, b: False)
    _, misses = swaps_seen_missing(tmp_path, 2000)
    assert misses > 0


def test_the_generator_removes_only_its_own_pages(project):
    paths = Paths(project)
    generate(paths)
    manifest = (project / "content" / MANIFEST).read_text("utf-8")
    assert "projects/suoping-expressway.md" in manifest
    report = project / "data/reports/tiancheng/2005-q1.yaml"
    text = report.read_text("utf-8")
    start = text.index("  - id: suoping-expressway")
    end = text.index("  - id: honghe-cigarette-factory-upgrade")
    report.write_text(text[:start] + text[end:], "utf-8")
    write(project / "content/notes.md", "# 編輯手記\n")
    _, written, removed, *_ = generate(paths)
    assert removed == ["data/projects/suoping-expressway.json", "projects/suoping-expressway.md"]
    assert not (project / "content/projects/suoping-expressway.md").exists()
    assert (project / "content/notes.md").exists() and (project / "content/about.md").exists()
    assert "notes.md" not in (project / "content" / MANIFEST).read_text("utf-8")
    assert "reports/tiancheng/2005-q1.md" in written


def test_a_rebuild_with_no_change_rewrites_no_file(project):
    paths = Paths(project)
    generate(paths)
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*") if p.is_file()}
    _, written, removed, *_ = generate(paths)
    assert (written, removed) == ([], [])
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


@pytest.mark.parametrize("before", ["nothing", "an edit"])
def test_a_generation_stopped_halfway_is_finished_by_the_next(
    project, tmp_path, monkeypatch, before
):
    """A disk that fills up (or Ctrl-C) while content/ is written leaves some files new and
    others not written; the next run finishes the work, even after the edit was withdrawn:
    no new file is taken for a hand-written page, none is left as the stopped run wrote it."""
    import errno

    from generator import pages

    report = project / "data/reports/tiancheng/2005-q1.yaml"
    text = report.read_text("utf-8")
    if before == "an edit":
        generate(Paths(project))
        report.write_text(text.replace("amount: 41162", "amount: 41163"), "utf-8")
    real, writes = pages.write_if_changed, []

    def filling_up(path, data, *folders):
        writes.append(path)
        if len(writes) > 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data, *folders)

    monkeypatch.setattr(pages, "write_if_changed", filling_up)
    with pytest.raises(BulletinError, match="No space left"):
        generate(Paths(project))
    monkeypatch.undo()
    report.write_text(text, "utf-8")  # the edit withdrawn meanwhile
    generate(Paths(project))
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns(".cache", "content"))
    generate(Paths(clean))

    def tree(root):
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "content").rglob("*"))
            if p.is_file()
        }

    assert tree(project) == tree(clean)


def test_a_generated_page_never_overwrites_a_hand_written_one(project):
    write(project / "content/projects/suoping-expressway.md", "# 手寫\n")
    try:
        generate(Paths(project))
    except BulletinError as exc:
        assert "projects/suoping-expressway.md" in str(exc)
    else:
        raise AssertionError("the hand-written page was overwritten")
    assert (project / "content/projects/suoping-expressway.md").read_text() == "# 手寫\n"


@pytest.mark.parametrize("jobs", ["1", "2", "4"])
@pytest.mark.parametrize("link", ["nowhere.md", "about.md#nowhere"], ids=["page", "anchor"])
def test_a_broken_link_fails_the_strict_build(project, capsys, jobs, link):
    """Whether the trees are built one after the other, at once, or each by two processes
    (whose pages' anchors are checked together): a failing tree stops the build, nothing is
    published and nothing is left beside the site."""
    write(project / "content/notes.md", f"# 編輯手記\n\n[不存在]({link})\n")
    assert main(["--root", str(project), "build", "--jobs", jobs]) == 1
    assert not (project / "site").exists()
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_make_clean_removes_everything_generated(tmp_path):
    """After a build, `make clean` leaves exactly the files under version control."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for rel in tracked:
        if (ROOT / rel).is_file() and not rel.startswith("data/"):  # the editors' data: not ours
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, tmp_path / rel)
    shutil.copytree(SEED / "data", tmp_path / "data")
    before = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["--root", str(tmp_path), "build"]) == 0
    (tmp_path / "generator" / "__pycache__").mkdir(exist_ok=True)
    (tmp_path / "generator" / "__pycache__" / "x.pyc").write_bytes(b"")
    subprocess.run(["make", "clean"], cwd=tmp_path, check=True, capture_output=True)
    after = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.skipif(os.geteuid() != 0, reason="gives the folder to another user: needs root")
def test_a_repository_that_git_refuses_is_said_never_hidden(project, capsys, monkeypatch):
    """As in CI when its user is not the checkout's owner: git's "dubious ownership"."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")  # no safe.directory of this machine's
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "data"], cwd=project, check=True)
    assert main(["--root", str(project), "generate"]) == 0  # its own repository: fine
    capsys.readouterr()
    for path in [project, *project.rglob("*")]:
        os.lchown(path, 65534, 65534)
    assert main(["--root", str(project), "generate"]) == 1
    err = capsys.readouterr().err
    assert "git cannot read the history of" in err and "dubious ownership" in err, err
    assert "safe.directory" in err


def test_a_fault_of_the_previews_one_page_path_is_shown_whole(project):
    from generator.preview import Preview

    said: list[str] = []
    preview = Preview(Paths(project), report=said.append)
    preview.changed, preview.whole = {"index.md"}, False

    def broken(changed):
        raise RuntimeError("a bug in the one-page build")

    preview.built.update = broken
    whole: list[bool] = []
    preview.build(lambda: whole.append(True))
    assert whole == [True]  # the whole site is built instead
    text = "\n".join(said)
    assert "a fault of the preview" in text and "Traceback" in text
    assert "RuntimeError: a bug in the one-page build" in text


def test_a_fault_of_the_previews_first_pages_is_shown_whole_and_the_generation_runs(
    project, monkeypatch
):
    from generator import preview as preview_module
    from generator.preview import Preview

    said: list[str] = []
    preview = Preview(Paths(project), report=said.append)
    preview._refresh()  # the first generation

    def broken(*args):
        raise RuntimeError("a bug in the first pages")

    monkeypatch.setattr(preview_module, "first_pages", broken)
    report = project / "data/reports/tiancheng/2005-q1.yaml"
    report.write_text(report.read_text("utf-8").replace("amount: 41162", "amount: 41163"), "utf-8")
    preview._refresh({"data/reports/tiancheng/2005-q1.yaml"})
    text = "\n".join(said)
    assert "a fault of the preview" in text and "RuntimeError: a bug in the first pages" in text
    page = project / "content/reports/tiancheng/2005-q1.md"
    assert "41163" in page.read_text("utf-8")  # the whole generation made it

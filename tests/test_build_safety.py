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


def test_a_killed_build_leaves_the_last_good_site_whole(project):
    assert main(["--root", str(project), "build"]) == 0
    before = snapshot(project / "site")
    for delay in (0.5, 1.5, 2.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project), "build"],
            cwd=project,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert snapshot(project / "site") == before, f"site/ changed by a build killed at {delay}s"


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


def test_a_generated_page_never_overwrites_a_hand_written_one(project):
    write(project / "content/projects/suoping-expressway.md", "# 手寫\n")
    try:
        generate(Paths(project))
    except BulletinError as exc:
        assert "projects/suoping-expressway.md" in str(exc)
    else:
        raise AssertionError("the hand-written page was overwritten")
    assert (project / "content/projects/suoping-expressway.md").read_text() == "# 手寫\n"


def test_a_broken_link_fails_the_strict_build(project, capsys):
    write(project / "content/notes.md", "# 編輯手記\n\n[不存在](nowhere.md)\n")
    assert main(["--root", str(project), "build"]) == 1
    assert not (project / "site").exists()


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

"""No command prints a Python traceback for anything in data/ or on the command line.

Each bad input gives a clear message (what is wrong, what is expected) and a non-zero exit.
They run as a user runs them, in a subprocess, so an escaping exception would show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

FIXTURES = ROOT / "tests" / "fixtures"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def base(tmp: Path) -> Path:
    shutil.copytree(FIXTURES / "base", tmp / "data")
    shutil.copy(SEED / "bulletin.yml", tmp / "bulletin.yml")
    return tmp


def folder_for_a_file(tmp: Path) -> Path:
    root = base(tmp)
    (root / "data/reports/tiancheng/2005-q2.yaml").mkdir()
    return root


def regions_is_a_folder(tmp: Path) -> Path:
    root = base(tmp)
    (root / "data/regions.yaml").unlink()
    (root / "data/regions.yaml").mkdir()
    return root


def binary_report(tmp: Path) -> Path:
    root = base(tmp)
    (root / "data/reports/tiancheng/2005-q2.yaml").write_bytes(bytes(range(256)) * 4)
    return root


def damaged_manifest(tmp: Path) -> Path:
    root = base(tmp)
    (root / "content").mkdir()
    (root / "content/.generated.json").write_text("[not json", "utf-8")
    return root


def content_is_a_file(tmp: Path) -> Path:
    root = base(tmp)
    (root / "content").write_text("", "utf-8")
    return root


def write(name: str, data: bytes):
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp

    return make


def data_only(tmp: Path) -> Path:
    shutil.copytree(FIXTURES / "base", tmp / "data")
    return tmp


def nothing(tmp: Path) -> Path:
    return tmp


CASES = [  # (what, set-up, arguments, words the message must hold)
    ("root missing", nothing, ["--root", "no-such-folder", "check"], "no such folder"),
    ("root is a file", write("f", b""), ["--root", "f", "check"], "no such folder"),
    ("no data", nothing, ["--root", ".", "check"], "data/regions.yaml:1:1: file is missing"),
    (
        "regions.yaml is a folder",
        regions_is_a_folder,
        ["--root", ".", "check"],
        "data/regions.yaml:1:1: cannot be read",
    ),
    (
        "a folder named like a report",
        folder_for_a_file,
        ["--root", ".", "check"],
        "2005-q2.yaml:1:1: cannot be read",
    ),
    (
        "a binary report",
        binary_report,
        ["--root", ".", "check"],
        "2005-q2.yaml:1:1: not a text file",
    ),
    ("no settings", data_only, ["--root", ".", "generate"], "bulletin.yml: missing"),
    ("a binary report, build", binary_report, ["--root", ".", "build"], "Nothing was changed"),
    ("a damaged manifest", damaged_manifest, ["--root", ".", "generate"], "is damaged"),
    ("content/ is a file", content_is_a_file, ["--root", ".", "generate"], "cannot write"),
    ("extract: missing file", nothing, ["extract", "nope.txt"], "nope.txt: no such file"),
    ("extract: a folder", nothing, ["extract", "."], "is a folder"),
    ("extract: empty file", write("e.txt", b" \n"), ["extract", "e.txt"], "file is empty"),
    (
        "extract: binary",
        write("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ["extract", "b.txt"],
        "not a text file",
    ),
    (
        "new: unknown region",
        base,
        ["--root", ".", "new", "report", "--region", "nowhere", "--period", "2005-Q2"],
        "'nowhere' is not in",
    ),
    (
        "new: bad period",
        base,
        ["--root", ".", "new", "report", "--region", "tiancheng", "--period", "2005-Q9"],
        "expected 2005-Q2",
    ),
    (
        "new: file exists",
        base,
        ["--root", ".", "new", "report", "--region", "tiancheng", "--period", "2005-Q1"],
        "exists already",
    ),
    (
        "new: no regions",
        nothing,
        ["--root", ".", "new", "report", "--region", "tiancheng", "--period", "2005-Q1"],
        "regions.yaml cannot be read",
    ),
    ("unknown command", nothing, ["publish"], "invalid choice"),
]


@pytest.mark.parametrize("what, setup, args, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_a_clear_message_and_no_traceback(tmp_path, what, setup, args, words):
    cwd = setup(tmp_path)
    result = run(*args, cwd=cwd)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert words in result.stderr, result.stderr
    assert 0 < len(result.stderr.strip().splitlines()) <= 4, result.stderr  # a few clear lines

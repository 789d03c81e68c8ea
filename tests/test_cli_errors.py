"""No command prints a Python traceback for anything in data/ or on the command line.

Each bad input gives a clear message (what is wrong, what is expected) and a non-zero exit.
They run as a user runs them, in a subprocess, so an escaping exception would show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
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


def only_content_types(tmp: Path) -> Path:
    """A zip named .docx that holds nothing of a document."""
    with zipfile.ZipFile(tmp / "r.docx", "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    return tmp


def two_parts(tmp: Path) -> Path:
    (tmp / "r.txt").write_text(
        "篇一\n甲县关于投资的报告\n全县投资完成3.2亿元。\n篇二\n乙县关于投资的报告\n"
        "全县投资完成2.1亿元。\n",
        "utf-8",
    )
    return tmp


def a_shard_that_fails(tmp: Path) -> Path:
    root = base(tmp / "shard")
    (root / "data/reports/tiancheng/2005-q1.yaml").write_text("title: [\n", "utf-8")
    return tmp


def region_id_is_a_path(tmp: Path) -> Path:
    """A region id written as an absolute path: nothing outside the output may be touched."""
    root = base(tmp / "project")
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", "utf-8")
    regions = root / "data/regions.yaml"
    regions.write_text(
        regions.read_text("utf-8").replace("id: tiancheng", f"id: {outside}", 1), "utf-8"
    )
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
    ("unknown command", nothing, ["deploy"], "invalid choice"),
    (
        "extract: UTF-16 cut short",
        write("u.txt", b"\xff\xfe" + "全县投资完成3.2亿元".encode("utf-16-le") + b"\x00"),
        ["extract", "u.txt"],
        "u.txt: cannot be read as text: its first bytes say UTF-16, but byte 24 breaks off",
    ),
    (
        "extract: a .docx of nothing",
        only_content_types,
        ["extract", "r.docx"],
        "r.docx: not a readable .docx file, it looks damaged",
    ),
    (
        "extract: a part the document has not",
        two_parts,
        ["extract", "r.txt", "--part", "篇九"],
        "--part 篇九: the document has no such part; its parts are 篇一, 篇二",
    ),
    ("serve: no bulletin", nothing, ["--root", ".", "serve"], "bulletin.yml: missing"),
    ("verify: no site", nothing, ["--root", ".", "verify"], "no such folder"),
    (
        "province: no regions",
        nothing,
        ["province", "--out", "out", "--split", "."],
        "data/regions.yaml:1:1: file is missing",
    ),
    (
        "province: a shard that fails",
        a_shard_that_fails,
        ["province", "--out", "out", "--build", "shard"],
        "shard: its build failed",
    ),
    (
        "province: a region id that is a path",
        region_id_is_a_path,
        ["province", "--out", "out", "--split", "project"],
        "regions[0].id: ",
    ),
    (
        "nginx: a prefix that is no path",
        nothing,
        ["nginx", "--prefix", "tzgb", "--root", "/srv/b"],
        "--prefix 'tzgb': expected the column's path, e.g. /tzgb/",
    ),
    (
        "nginx: a folder that would break the block",
        nothing,
        ["nginx", "--prefix", "/tzgb/", "--root", "/srv/b; include /etc/x"],
        "--root '/srv/b; include /etc/x': expected the site's folder",
    ),
    ("build: no jobs", base, ["--root", ".", "build", "--jobs", "0"], "expected a number of jobs"),
    ("nginx: no site", nothing, ["nginx", "--root", "/srv/b"], "no built site here"),
    (
        "init: an id that is a path",
        nothing,
        ["init", "b", "--region", "/etc", "--name", "河西县", "--kind", "县"],
        "--region '/etc': ",
    ),
]


@pytest.mark.parametrize("what, setup, args, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_a_clear_message_and_no_traceback(tmp_path, what, setup, args, words):
    cwd = setup(tmp_path)
    result = run(*args, cwd=cwd)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert words in result.stderr, result.stderr
    assert 0 < len(result.stderr.strip().splitlines()) <= 4, result.stderr  # a few clear lines
    if what == "province: a region id that is a path":
        assert (tmp_path / "outside" / "keep.txt").read_text("utf-8") == "mine"

"""Shared fixtures: the repository root, a scratch copy of the project, YAML writers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.layout import TOOL_TEMPLATES

# the tool's own messages in English, whatever this machine's locale (tests/test_bad_data.py
# reads the Simplified and Traditional ones on purpose)
os.environ["LANGUAGE"] = "en"

ROOT = Path(__file__).resolve().parent.parent
# The tool's tests never read data/ (the editors'): they build this frozen copy of the seed
# bulletin, and small bulletins of their own.
SEED = ROOT / "tests" / "fixtures" / "seed"
TEMPLATES = TOOL_TEMPLATES


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the seed data instead of comparing",
    )


@pytest.fixture(autouse=True)
def _messages_back_in_english():
    """A test that runs a command in Chinese leaves the next one in English."""
    yield
    from generator import i18n

    i18n.use("en")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def copy_seed(target: Path) -> Path:
    """A bulletin to build in: the frozen seed (its settings and data), nothing generated."""
    shutil.copytree(SEED, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the seed bulletin to build in (the tool comes from the package)."""
    return copy_seed(tmp_path)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed bulletin built once, as `make site` builds a bulletin: its folder."""
    root = copy_seed(tmp_path_factory.mktemp("seed") / "bulletin")
    subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build"],
        check=True,
        capture_output=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    return root


def write(path: Path, text: str) -> Path:
    """Write dedented YAML text to a file, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path

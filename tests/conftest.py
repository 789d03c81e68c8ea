"""Shared fixtures: the repository root, a scratch copy of the project, YAML writers."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the seed data instead of comparing",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project (data, templates, content, config) to build in."""
    generated = shutil.ignore_patterns(
        ".generated.json",
        "regions",
        "reports",
        "projects",
        "index.md",
        "about.md",
        "data",
        "feed.xml",
        "search",  # content/search: the search box's tables
    )
    for name in ("data", "templates", "content", "site_overrides", "hooks"):
        if (ROOT / name).exists():
            shutil.copytree(
                ROOT / name, tmp_path / name, ignore=generated if name == "content" else None
            )
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def write(path: Path, text: str) -> Path:
    """Write dedented YAML text to a file, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path

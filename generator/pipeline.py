"""The build, top to bottom: load all, validate all, assemble, render, write, build the site."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .bulletin import Bulletin, ReportEntry, assemble
from .checks import check_across, check_regions, check_report, check_report_path, load_file
from .errors import BulletinError, DataError, DataErrors
from .messages import load
from .model import RegionsFile, Report
from .opendata import data_files
from .pages import localize_pages, render_marked, write_pages
from .scripts import other, search_tables, write_tree
from .settings import read_settings


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def site(self) -> Path:
        return self.root / "site"


def report_files(data: Path) -> list[Path]:
    return sorted((data / "reports").glob("*/*.yaml")) + sorted((data / "reports").glob("*/*.yml"))


def load_bulletin(paths: Paths) -> tuple[Bulletin | None, list[DataError]]:
    """Load and check every data file. Returns the bulletin (None on errors) and all problems."""
    problems: list[DataError] = []
    regions_path = paths.data / "regions.yaml"
    rel = "data/regions.yaml"
    regions = {}
    if not regions_path.exists():
        problems.append(DataError(rel, 1, 1, "", "file is missing; expected the list of regions"))
    else:
        doc, regions_file, found = load_file(regions_path, rel, RegionsFile)
        problems += found
        if regions_file:
            problems += check_regions(rel, doc, regions_file)
            regions = {r.id: r for r in regions_file.regions}
    loaded = []
    for path in report_files(paths.data):
        rel = path.relative_to(paths.root).as_posix()
        doc, report, found = load_file(path, rel, Report)
        problems += found
        if report is not None:
            problems += check_report_path(rel, path, report, doc)
            problems += check_report(rel, doc, report)
            loaded.append((rel, doc, report))
    problems += check_across(regions, loaded)
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    entries = [
        ReportEntry(rel, Path(rel).stem, report, regions[report.region])
        for rel, _, report in loaded
    ]
    return assemble(list(regions.values()), entries), problems


def data_changed(root: Path) -> dict[str, dt.date]:
    """The date each data file last changed, from git (one call); empty outside a repository.

    A file with uncommitted changes has no date: the page says so instead of guessing.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", "data"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "data"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, dt.date] = {}
    for block in log.split("\0")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            dates.setdefault(name.strip(), day)  # newest first: keep the first seen
    for line in dirty.splitlines():
        dates.pop(line[3:].strip(), None)
    return dates


class Generated(NamedTuple):
    problems: list[DataError]  # warnings only: errors raise
    written: list[str]
    removed: list[str]
    latest: dt.date | None  # the newest date in the data (the site's build date)
    script: str = "hant"  # the script of the primary site (content/)


def generate(
    paths: Paths, timings: dict[str, float] | None = None, *, both_trees: bool = True
) -> Generated:
    """Check the data and write content/ (and the other script's tree, unless `both_trees` is
    false: the preview shows the primary one). Raises DataErrors (writing nothing) on any
    error.

    `timings`, when given, receives the seconds of each stage (load+check, render, write).
    """
    clock = time.perf_counter
    t0 = clock()
    bulletin, problems = load_bulletin(paths)
    if bulletin is None:
        raise DataErrors(problems)
    t1 = clock()
    from .site import primary_script

    settings = read_settings(paths.root)
    script = primary_script(paths.root, bulletin)  # from the data just loaded
    marked = render_marked(
        bulletin,
        paths.templates,
        data_changed(paths.root),
    )
    messages = load(paths.templates)
    trees = {script: localize_pages(marked, script, messages)}
    both = both_trees and both_scripts(settings)
    if both:
        trees[other(script)] = localize_pages(marked, other(script), messages)
    data = data_files(bulletin, settings, script, messages) | search_tables()
    t2 = clock()
    try:
        written, removed = write_pages(paths.content, trees[script] | data)
        if both:  # the other script's tree, beside content/
            write_tree(
                paths.content, other_tree(paths.root, script), other(script), trees[other(script)]
            )
    except OSError as exc:  # a full disk, a read-only folder, a file where a folder belongs
        raise BulletinError(
            f"cannot write {exc.filename or paths.content}: {exc.strerror or exc}"
        ) from None
    if timings is not None:
        timings.update(
            load_check=t1 - t0,
            render=t2 - t1,
            write=clock() - t2,
            files=len(trees[script]) + len(data),
        )
    return Generated(problems, written, removed, bulletin.latest_date, script)


def both_scripts(settings) -> bool:
    """Whether the site is published in both scripts (BULLETIN_ONE_SCRIPT=1: only the primary,
    for the benchmark's comparison)."""
    return settings.both_scripts and os.environ.get("BULLETIN_ONE_SCRIPT") != "1"


def other_tree(root: Path, script: str) -> Path:
    """Where the generator writes the pages in the script other than `script`."""
    return root / ".cache" / f"tree-{other(script)}"

"""The build, top to bottom: load all, validate all, assemble, render, write, build the site."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import subprocess
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from .bulletin import Bulletin, ReportEntry, assemble
from .checks import check_across, check_regions, check_report, check_report_path, load_file
from .errors import BulletinError, DataError, DataErrors
from .i18n import tr
from .incremental import Keys, Memory, fingerprint
from .layout import template_dirs
from .messages import load
from .model import RegionsFile, Report
from .opendata import data_files, data_plan
from .pages import (
    make_environment,
    page_paths,
    plan_pages,
    read_manifest,
    render_trees,
    require_templates,
    write_if_changed,
    write_pages,
    write_whole,
)
from .scripts import SCRIPTS, files_under, other, search_table, search_tables, write_tree
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
    def templates(self) -> list[Path]:
        """The templates' search path: the bulletin's overrides, then the tool's."""
        return template_dirs(self.root)

    @property
    def site(self) -> Path:
        return self.root / "site"


def report_files(data: Path) -> list[Path]:
    return sorted((data / "reports").glob("*/*.yaml")) + sorted((data / "reports").glob("*/*.yml"))


def check_report_file(path: Path, rel: str) -> tuple:
    """One report file loaded and checked on its own: (document, report or None, problems)."""
    doc, report, found = load_file(path, rel, Report)
    if report is not None:
        found = found + check_report_path(rel, path, report, doc)
        found += check_report(rel, doc, report)
    return doc, report, found


def load_bulletin(
    paths: Paths, memory: Memory | None = None, jobs: int = 1
) -> tuple[Bulletin | None, list[DataError]]:
    """Load and check every data file. Returns the bulletin (None on errors) and all problems.

    With `memory` (the preview's), a file whose bytes are those of the last run is not loaded
    and checked again; `memory.digests` holds every data file's digest afterwards. With
    `jobs` > 1 and a memory that keeps files on disk, many files not kept yet are loaded by
    that many processes first."""
    memory = memory if memory is not None else Memory()
    memory.digests = {}
    checked = memory.checked
    problems: list[DataError] = []
    regions_path = paths.data / "regions.yaml"
    rel = "data/regions.yaml"
    regions = {}
    if not regions_path.exists():
        problems.append(
            DataError(rel, 1, 1, "", tr("file is missing; expected the list of regions"))
        )
    else:

        def check_regions_file():
            doc, regions_file, found = load_file(regions_path, rel, RegionsFile)
            if regions_file:
                found = found + check_regions(rel, doc, regions_file)
            return regions_file, found

        regions_file, found = checked(regions_path, rel, check_regions_file)
        problems += found
        if regions_file:
            regions = {r.id: r for r in regions_file.regions}
    loaded = []
    files = [(path, path.relative_to(paths.root).as_posix()) for path in report_files(paths.data)]
    digests = memory.prefetch(files, check_report_file, jobs)
    for path, rel in files:
        make = partial(check_report_file, path, rel)
        doc, report, found = checked(path, rel, make, digests.get(rel))
        problems += found
        if report is not None:
            loaded.append((rel, doc, report))
    for rel in set(memory.loaded) - set(memory.digests):  # files no longer there
        del memory.loaded[rel]
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

    A file with uncommitted changes has no date: the page says so instead of guessing. With no
    git on the machine, or outside a repository, no file has one. A repository that git
    refuses to read (e.g. "dubious ownership" when CI's user is not the checkout's owner) is
    an error that says so, never every page's date silently lost.
    """

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            env=dict(os.environ, LC_ALL="C", LANGUAGE="C"),  # its messages in one language
        )

    try:
        inside = git("rev-parse", "--is-inside-work-tree")
    except OSError:  # no git here: the pages say their dates are not recorded
        return {}
    if inside.returncode != 0 and "not a git repository" in inside.stderr:
        return {}
    if inside.returncode == 0 and git("rev-parse", "-q", "--verify", "HEAD").returncode == 1:
        return {}  # a new repository with nothing committed yet: no file has a date
    log, dirty = inside, inside
    if inside.returncode == 0:
        log = git("log", "--format=%x00%cs", "--name-only", "--", "data")
        dirty = git("status", "--porcelain", "--", "data") if log.returncode == 0 else log
    failed = next((r for r in (inside, log, dirty) if r.returncode != 0), None)
    if failed is not None:
        cause = (failed.stderr.strip().splitlines() or ["no message"])[0]
        raise BulletinError(
            tr(
                "git cannot read the history of {root} ({cause}); the pages' dates come from "
                "it. Where CI's user is not the checkout's owner: git config --global --add "
                "safe.directory <the folder>",
                root=root,
                cause=cause,
            )
        )
    log, dirty = log.stdout, dirty.stdout
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
    paths: Paths,
    timings: dict[str, float] | None = None,
    *,
    both_trees: bool = True,
    memory: Memory | None = None,
    jobs: int = 1,
) -> Generated:
    """Check the data and write content/ (and the other script's tree, unless `both_trees` is
    false: the preview shows the primary one). Raises DataErrors (writing nothing) on any
    error. Only files whose key changed are made again (generator/incremental.py); `memory`
    (the preview's) also keeps the loaded data between runs.

    `timings`, when given, receives the seconds of each stage (load+check, render, write).
    """
    with no_cycle_collection():
        started = time.perf_counter()
        if memory is None:  # one run: what an earlier run kept
            memory = Memory()
            memory.restore(items_cache(paths.root))
            memory.keep_on_disk(kept_folder(paths.root))
        restored = time.perf_counter() - started
        result = _generate(paths, timings, both_trees, memory, jobs)
        if timings is not None:
            timings["load_check"] += restored
        started = time.perf_counter()
        if not memory.kept:
            memory.store(items_cache(paths.root))
            memory.forget_unused()
            # the items as one JSON file, as versions before 2026-12-03 kept them
            items_cache(paths.root).with_name("items.json").unlink(missing_ok=True)
        if timings is not None:
            timings["write"] += time.perf_counter() - started
        return result


@contextlib.contextmanager
def no_cycle_collection():
    """Python's cycle collector off: it would walk every loaded value again and again (a
    second or more with a large bulletin loaded), for cycles the generator does not make."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def items_cache(root: Path) -> Path:
    """Where a run keeps the open data's items for the next (generator/incremental.py)."""
    return root / ".cache" / "generator" / "items.sqlite"


def kept_folder(root: Path) -> Path:
    """Where a run keeps the data files it loaded and checked and the compiled templates,
    for the next (Memory.keep_on_disk)."""
    return root / ".cache" / "generator" / "kept"


def _generate(
    paths: Paths,
    timings: dict[str, float] | None,
    both_trees: bool,
    memory: Memory,
    jobs: int = 1,
) -> Generated:
    clock = time.perf_counter
    t0 = clock()
    bulletin, problems = load_bulletin(paths, memory, jobs)
    if bulletin is None:
        raise DataErrors(problems)
    t1 = clock()
    from .site import primary_script

    require_templates(paths.templates)
    settings = read_settings(paths.root)
    shape = fingerprint(paths.root, paths.templates)
    inputs = tuple(sorted(memory.digests.items(), key=str))
    script = memory.once("script", (shape, inputs), primary_script, paths.root, bulletin)
    both = both_trees and both_scripts(settings)
    changed = data_changed(paths.root)
    keys = Keys(f"{shape}-{script}", memory.digests, changed)
    plan = plan_pages(bulletin)
    page_keys = {page.path: keys.of(page.path, page.depends) for page in plan}
    data_keys = {
        path: keys.everything(path) if depends is None else keys.of(path, depends)
        for path, depends in data_plan(bulletin).items()
    }
    tables = {search_table(s): keys.of(search_table(s), ()) for s in SCRIPTS}
    every = page_keys | data_keys | tables
    owned = read_manifest(paths.content)
    stale = stale_files(paths, every, owned, other_tree(paths.root, script) if both else None)
    messages = load(paths.templates)
    scripts = (script, other(script)) if both else (script,)
    rendered = [page for page in plan if page.path in stale]
    trees, data = render_trees(
        bulletin,
        paths.templates,
        changed,
        rendered,
        memory.once(
            "environment",
            shape,
            make_environment,
            paths.templates,
            messages,
            memory.disk and memory.disk / "templates",
        ),
        scripts,
        messages,
        jobs,
        # the open data, made here while the workers render the pages
        meanwhile=lambda: data_files(
            bulletin, settings, script, messages, wanted=stale, keys=data_keys, memory=memory
        ),
    )
    if stale & set(tables):  # made from OpenCC's tables alone: the same unless the code changed
        data |= {path: text for path, text in search_tables().items() if path in stale}
    t2 = clock()
    try:

        def other_script(written: list[str]) -> None:  # its tree, beside content/
            write_tree(
                paths.content,
                other_tree(paths.root, script),
                other(script),
                trees[other(script)],
                keep=set(page_keys) - {page.path for page in rendered},
                unchanged=set(every) - set(written),
            )

        written, removed = write_pages(
            paths.content, trees[script] | data, every, owned, other_script if both else None
        )
    except OSError as exc:  # a full disk, a read-only folder, a file where a folder belongs
        raise BulletinError(
            tr(
                "cannot write {path}: {reason}",
                path=exc.filename or paths.content,
                reason=exc.strerror or exc,
            )
        ) from None
    if memory.kept:  # what the preview's next first pages start from
        memory.last = Last(bulletin, script, changed, messages)
    if timings is not None:
        timings.update(
            load_check=t1 - t0,
            render=t2 - t1,
            write=clock() - t2,
            files=len(every),
            made=len(stale),
        )
    return Generated(problems, written, removed, bulletin.latest_date, script)


class Last(NamedTuple):
    """What the last generation that succeeded made its pages from (the preview keeps it)."""

    bulletin: Bulletin
    script: str
    changed: dict[str, dt.date]
    messages: object


def first_pages(paths: Paths, memory: Memory, saved: set[str]) -> dict[str, bytes]:
    """The preview's first step after report files were saved: the pages made from them alone
    (the report's, its region's and its projects') written at once, before the whole
    generation makes the rest (the pages that list everything, the open data) and runs the
    checks across files. The pages are those the whole generation makes: the same bulletin,
    plan and templates; where that cannot be known cheaply, nothing is done here, and the
    whole generation does it all: no generation succeeded before, a file that is not a
    report already published was saved (or bulletin.yml, a template, data/regions.yaml), a
    saved file has an error, or a page would be new or gone.

    Returns the pages written, each with its bytes before, so that they can be put back if
    the whole generation finds an error (`put_back`)."""
    with no_cycle_collection():
        return _first_pages(paths, memory, saved)


def _first_pages(paths: Paths, memory: Memory, saved: set[str]) -> dict[str, bytes]:
    last = memory.last
    if not isinstance(last, Last) or not saved:
        return {}
    entries = {entry.source: entry for entry in last.bulletin.reports}
    if not saved <= entries.keys():
        return {}
    regions = {region.id: region for region in last.bulletin.regions}
    for rel in sorted(saved):
        path = paths.root / rel
        if not path.is_file():
            return {}
        make = partial(check_report_file, path, rel)
        _doc, report, found = memory.checked(path, rel, make)
        if report is None or report.region not in regions:
            return {}
        if any(problem.severity == "error" for problem in found):
            return {}  # the whole generation says what is wrong
        entries[rel] = ReportEntry(rel, Path(rel).stem, report, regions[report.region])
    bulletin = assemble(last.bulletin.regions, list(entries.values()))
    if page_paths(bulletin) != page_paths(last.bulletin):
        return {}
    whole = len(entries) + 1  # a page made from every data file waits for the whole generation
    pages = [page for page in plan_pages(bulletin, saved) if len(page.sources) < whole]
    changed = {rel: day for rel, day in last.changed.items() if rel not in saved}
    env = memory.made.get("environment", (None, None))[1]
    if env is None:
        return {}
    trees, _ = render_trees(
        bulletin, paths.templates, changed, pages, env, (last.script,), last.messages
    )
    return _write_first(paths.content, trees[last.script])


def _write_first(content: Path, pages: dict[str, str]) -> dict[str, bytes]:
    """The pages whose bytes differ written, whole: each with its bytes before."""
    written: dict[str, bytes] = {}
    try:
        for rel, text in pages.items():
            target, data = content / rel, text.encode("utf-8")
            try:
                before = target.read_bytes()
            except FileNotFoundError:  # planned, but gone from content/: the whole generation
                continue
            if data != before:
                write_whole(target, data)
                written[rel] = before
    except OSError:  # a full disk: none of them, as the whole generation would leave it
        put_back(content, written)
        raise
    return written


def put_back(content: Path, written: dict[str, bytes]) -> None:
    """The pages `first_pages` wrote, as they were before it."""
    for rel, before in written.items():
        write_if_changed(content / rel, before)


def stale_files(
    paths: Paths, keys: dict[str, str], old: dict[str, str], other: Path | None
) -> set[str]:
    """The generated files to make again: a key not the one the manifest (`old`) recorded,
    or the file gone (from content/, or from the other script's tree `other`)."""
    there = files_under(paths.content)  # one walk each: cheaper than a stat per file
    tree = files_under(other) if other is not None else None
    return {
        path
        for path, key in keys.items()
        if old.get(path) != key
        or path not in there
        or (tree is not None and path.endswith(".md") and path not in tree)
    }


def both_scripts(settings) -> bool:
    """Whether the site is published in both scripts (BULLETIN_ONE_SCRIPT=1: only the primary,
    for the benchmark's comparison)."""
    return settings.both_scripts and os.environ.get("BULLETIN_ONE_SCRIPT") != "1"


def other_tree(root: Path, script: str) -> Path:
    """Where the generator writes the pages in the script other than `script`."""
    return root / ".cache" / f"tree-{other(script)}"

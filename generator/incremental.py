"""Making again only what a change touches.

Every generated file has a key: a hash of what it is made from, which is

- the fingerprint of everything that shapes every page: the templates and the message
  catalogue, the generator's own code, mkdocs.yml (the settings), the lock file (the
  libraries' versions) and the published script; and
- for each data file the page depends on (`Page.depends`: its sources, data/regions.yaml and
  the files of projects it links to), that file's bytes and the date it last changed.

A page whose key is the one the manifest (content/.generated.json) recorded, and whose file is
still there, is not rendered or written again. So a saved report makes again its own page, its
region's page, its projects' pages and the pages that list everything (home, the indexes, the
open data's whole-bulletin files), not the other regions' thousands of pages.

A template that shows data beyond a page's dependencies must name them in `plan_pages`
(`Page.also`): tests/test_incremental.py builds after changes of every kind and compares
with a build from nothing.

`Memory` is what one generation keeps for the next in the same process (the live preview):
each data file loaded and checked, by the hash of its bytes, and the open-data records. A
single run keeps both in .cache/generator/ for the next: the records as text, the loaded files
pickled (as Sphinx keeps its environment), for a tool of the same code, libraries and language
only; a cache that cannot be read is ignored and everything is made again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import shutil
import sqlite3
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .layout import BASE_CONFIG, SETTINGS, Folders, files_of

CODE = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:  # unreadable: loading it says why
        return None


def fingerprint(root: Path, templates: Folders) -> str:
    """What shapes every generated file (but the script it is published in), as one hash:
    the templates a bulletin is rendered with (its own and the tool's), the tool's code and
    base settings, the bulletin's settings and its lock file."""
    h = hashlib.blake2b(digest_size=16)
    files = list(files_of(templates).items())
    files += [(p.name, p) for p in sorted(CODE.glob("*.py"))]
    files += [(p.name, p) for p in (BASE_CONFIG, root / SETTINGS, root / "requirements.lock")]
    for name, path in files:
        h.update(f"\0{name}\0{file_digest(path)}".encode())
    return h.hexdigest()


def checked_tag() -> str:
    """What a kept file's loading and checking depends on besides its bytes: the tool's code
    and message catalogues, Python's and the libraries' versions, the editors' language."""
    from .i18n import language

    return digest(f"{_tool_digest()}\0{language()}".encode())


@cache
def _tool_digest() -> str:
    import pydantic
    import yaml

    h = hashlib.blake2b(digest_size=16)
    for path in sorted(CODE.rglob("*")):
        if path.suffix in (".py", ".mo", ".po") and "__pycache__" not in path.parts:
            h.update(f"\0{path.relative_to(CODE)}\0{file_digest(path)}".encode())
    h.update(f"{sys.version}\0{pydantic.VERSION}\0{yaml.__version__}".encode())
    return h.hexdigest()


@dataclass
class Keys:
    """The key of a generated file from the files it depends on."""

    fingerprint: str
    digests: dict[str, str | None]  # data file -> digest of its bytes
    changed: dict[str, dt.date]  # data file -> the date it last changed (git)
    _parts: dict[str, bytes] = field(default_factory=dict, repr=False)

    def _part(self, source: str) -> bytes:
        part = self._parts.get(source)
        if part is None:
            part = self._parts[source] = (
                f"{source}\0{self.digests.get(source)}\0{self.changed.get(source)}\n".encode()
            )
        return part

    def of(self, path: str, depends: tuple[str, ...] | list[str]) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self.fingerprint}\0{path}\n".encode())
        for source in depends:
            h.update(self._part(source))
        return h.hexdigest()

    def everything(self, path: str) -> str:
        """The key of a file made from all the data (the home page, the indexes)."""
        return self.of(path, sorted(self.digests))


@dataclass
class Memory:
    """Kept between generations in one process (the preview); empty for a single build."""

    kept: bool = False  # kept between generations: worth filling at the first one

    # data file -> (digest, what loading and checking it gave)
    loaded: dict[str, tuple[str, tuple]] = field(default_factory=dict)
    # open-data record -> (key, record)
    records: dict[str, tuple[str, object]] = field(default_factory=dict)
    # data file -> digest of its bytes, as the last load found them
    digests: dict[str, str | None] = field(default_factory=dict)
    stored: dict = field(default_factory=dict, repr=False)  # the items as last restored/stored
    disk: Path | None = None  # where a single run keeps things for the next: keep_on_disk
    # name -> (what it was made from, value): see `once`
    made: dict[str, tuple[tuple, object]] = field(default_factory=dict)
    # the last generation that succeeded (pipeline.Last), for the preview's first pages
    last: object = None

    def once(self, name: str, key: object, make, *args):
        """`make(*args)`, made again only when `key` (what it is made from) changed."""
        hit = self.made.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make(*args)
        self.made[name] = (key, value)
        return value

    def checked(self, path: Path, rel: str, make, key: str | None = None) -> tuple:
        """What loading and checking the data file `rel` gives: remembered if its bytes are
        those of the last time, or made now. `key`: the digest of its bytes, if known."""
        key = self.digests[rel] = key or file_digest(path)
        hit = self.loaded.get(rel)
        if key is not None and hit is not None and hit[0] == key:
            return hit[1]
        result = self._from_disk(rel, key) if self.disk and key else None
        if result is None:
            result = make()
            if self.disk and key:
                self._to_disk(rel, key, result)
        self.loaded[rel] = (key, result)
        return result

    def restore(self, path: Path) -> None:
        """The whole-bulletin files' items (text) that an earlier run kept in `path` (SQLite:
        a run after one edit rewrites only that edit's rows), so that a build after one edit
        makes only that edit's part of them. Anything unreadable is ignored: every item is
        then made."""
        try:
            with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
                rows = db.execute("SELECT name, key, item FROM items").fetchall()
        except (sqlite3.Error, ValueError):
            return
        for name, key, item in rows:
            if isinstance(name, str) and isinstance(key, str) and isinstance(item, str):
                self.records.setdefault(name, (key, item))
        self.stored = self._texts()

    def store(self, path: Path) -> None:
        """Keep the items (text) for the next run: the rows that changed. Where they cannot be
        written (a read-only folder), the next run makes them again: nothing else changes."""
        texts = self._texts()
        changed = [(n, *item) for n, item in texts.items() if self.stored.get(n) != item]
        gone = [(n,) for n in self.stored.keys() - texts.keys()]
        if not changed and not gone:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._write_rows(path, changed, gone)
        except sqlite3.DatabaseError:  # damaged: kept again whole
            try:
                path.unlink(missing_ok=True)
                self._write_rows(path, [(n, *item) for n, item in texts.items()], [])
            except (OSError, sqlite3.Error):
                return
        except (OSError, sqlite3.Error):
            return
        self.stored = texts

    @staticmethod
    def _write_rows(path: Path, changed: list, gone: list) -> None:
        with contextlib.closing(sqlite3.connect(path)) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS items (name TEXT PRIMARY KEY, key TEXT, item TEXT)"
            )
            db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", changed)
            db.executemany("DELETE FROM items WHERE name = ?", gone)

    def _texts(self) -> dict[str, tuple[str, str]]:
        return {n: (k, v) for n, (k, v) in self.records.items() if isinstance(v, str)}

    def keep_on_disk(self, folder: Path) -> None:
        """Keep in `folder` what the next run can use instead of making it again, for a tool
        of the same code, libraries and language (a folder of its own, `disk`): each data
        file's loading and checking (one file each, named by the data file's path and bytes)
        and the compiled templates (Jinja's bytecode cache). `forget_unused` removes what this
        run did not use."""
        self.disk = folder / checked_tag()

    def _disk_file(self, rel: str, key: str) -> str:
        name = digest(f"{rel}\0{key}".encode())
        return f"{self.disk}/checked/{name}.pickle"

    def _from_disk(self, rel: str, key: str) -> tuple | None:
        try:
            with open(self._disk_file(rel, key), "rb") as f:
                kept = pickle.load(f)
        except Exception:  # noqa: BLE001 - none kept, or damaged in any way: load the file
            return None
        if isinstance(kept, tuple) and len(kept) == 3 and kept[:2] == (rel, key):
            return kept[2]
        return None

    def _to_disk(self, rel: str, key: str, result: tuple) -> None:
        path = self._disk_file(rel, key)
        tmp = f"{path}.{os.getpid()}.tmp"  # another run (the preview's) may write it too
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(tmp, "wb") as f:
                pickle.dump((rel, key, result), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except Exception:  # noqa: BLE001 - a read-only folder, or not picklable: loaded again
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def prefetch(self, files: list[tuple[Path, str]], make, jobs: int) -> dict[str, str | None]:
        """Load and check, by `jobs` forked processes, the data files (path, rel) that are
        neither remembered nor kept on disk, `make(path, rel)` each; every worker keeps its
        files' results on disk, where `checked` then finds them. Only where there are enough
        of them to pay for the workers (a first run, a new version of the tool). Returns the
        digests it read (rel -> digest; none when there is nothing to load by workers)."""
        if self.disk is None or jobs <= 1:
            return {}
        todo, digests = [], {}
        for path, rel in files:
            key = digests[rel] = file_digest(path)
            hit = self.loaded.get(rel)
            if key is None or (hit is not None and hit[0] == key):
                continue
            if not os.path.exists(self._disk_file(rel, key)):
                todo.append((self.disk, make, path, rel, key))
        if len(todo) >= PREFETCH_FROM:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pool.map(_prefetch_one, todo, chunksize=max(1, len(todo) // (jobs * 4)))
        return digests

    def forget_unused(self) -> None:
        """Remove the kept files this run did not use, and other tools' folders."""
        if self.disk is None or not self.disk.parent.is_dir():
            return
        for folder in self.disk.parent.iterdir():
            if folder != self.disk:
                shutil.rmtree(folder, ignore_errors=True)
        checked = self.disk / "checked"
        used = {self._disk_file(rel, key) for rel, (key, _) in self.loaded.items()}
        for name in os.listdir(checked) if checked.is_dir() else ():
            if f"{checked}/{name}" not in used:
                with contextlib.suppress(OSError):
                    os.unlink(f"{checked}/{name}")

    def record(self, name: str, key: str, make):
        """The record `name` made from what `key` names: remembered, or made now."""
        hit = self.records.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make()
        self.records[name] = (key, value)
        return value


PREFETCH_FROM = 40  # fewer files load faster in one process than workers start


def _prefetch_one(work: tuple) -> None:
    disk, make, path, rel, key = work
    Memory(disk=disk)._to_disk(rel, key, make(path, rel))

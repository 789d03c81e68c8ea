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
each data file loaded and checked, by the hash of its bytes, and the open-data records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
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
    # name -> (what it was made from, value): see `once`
    made: dict[str, tuple[tuple, object]] = field(default_factory=dict)

    def once(self, name: str, key: object, make, *args):
        """`make(*args)`, made again only when `key` (what it is made from) changed."""
        hit = self.made.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make(*args)
        self.made[name] = (key, value)
        return value

    def checked(self, path: Path, rel: str, make) -> tuple:
        """What loading and checking the data file `rel` gives: remembered if its bytes are
        those of the last time, or made now."""
        key = self.digests[rel] = file_digest(path)
        hit = self.loaded.get(rel)
        if key is not None and hit is not None and hit[0] == key:
            return hit[1]
        result = make()
        self.loaded[rel] = (key, result)
        return result

    def restore(self, path: Path) -> None:
        """The whole-bulletin files' items (text) that an earlier run kept in `path`, so that
        a build after one edit makes only that edit's part of them. Anything unreadable is
        ignored: every item is then made."""
        try:
            items = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(items, dict):
            for name, item in items.items():
                if (
                    isinstance(item, list)
                    and len(item) == 2
                    and all(isinstance(x, str) for x in item)
                ):
                    self.records.setdefault(name, (item[0], item[1]))
        self.stored = self._texts()

    def store(self, path: Path) -> None:
        """Keep the items (text) for the next run, if they changed. Where they cannot be
        written (a read-only folder), the next run makes them again: nothing else changes."""
        texts = self._texts()
        if texts == self.stored:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(texts, ensure_ascii=False, sort_keys=True), "utf-8")
            tmp.replace(path)
        except OSError:
            return
        self.stored = texts

    def _texts(self) -> dict[str, list[str]]:
        return {n: [k, v] for n, (k, v) in self.records.items() if isinstance(v, str)}

    def record(self, name: str, key: str, make):
        """The record `name` made from what `key` names: remembered, or made now."""
        hit = self.records.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make()
        self.records[name] = (key, value)
        return value

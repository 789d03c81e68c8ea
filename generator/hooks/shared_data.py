"""MkDocs hook: the other script's tree links the open data where the primary tree has it.

The open data (every file under `data/` but its pages) is the same bytes in both scripts, so
the site holds one copy of it, the primary tree's; the other tree has none (generator/
scripts.py:write_tree leaves it out), which spares the generator and MkDocs a file per project
and the county's upload half the data. The other tree's Markdown still links the data as if it
were beside its pages (`../data/projects/x.json`), and this hook, in that tree's build only
(its configuration names the primary's docs: `extra.script.shared_data`):
- adds each data file of the primary's docs to the tree's files, to be copied nowhere, so that
  MkDocs resolves and checks a link to it as to any file (a link to a file that does not
  exist still fails a --strict build);
- once MkDocs has made a page's links relative to the page, makes each link to one of those
  files climb out of the tree's prefix (`hant/`) to the primary's `data/`.
"""

from __future__ import annotations

import os
import posixpath
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.structure.files import File, InclusionLevel

from generator.urls import OPEN_DATA, open_data

_state: dict = {"page": None, "elsewhere": set()}  # the page converting; the shared files


class _Elsewhere(File):
    """A file of the primary tree: links reach it there; nothing is copied."""

    def copy_file(self, dirty: bool = False) -> None:
        return None

    def is_modified(self) -> bool:
        return False


def _primary_docs(config) -> str | None:
    """The primary tree's docs, when this is the other script's tree."""
    docs = (config.extra.get("script") or {}).get("shared_data")
    if not docs:
        return None
    return os.path.normpath(os.path.join(os.path.dirname(config.config_file_path or "."), docs))


def on_config(config, **kwargs):
    _state.update(page=None, elsewhere=set())
    if _primary_docs(config):
        config.markdown_extensions.append(_Links())
    return config


def on_files(files, config, **kwargs):
    docs = _primary_docs(config)
    if docs is None:
        return files
    top = len(docs) + 1
    for folder, dirs, names in os.walk(os.path.join(docs, OPEN_DATA)):
        dirs.sort()
        for name in sorted(names):
            rel = os.path.join(folder, name)[top:].replace(os.sep, "/")
            if open_data(rel) and files.get_file_from_path(rel) is None:
                _state["elsewhere"].add(rel)
                files.append(
                    _Elsewhere(
                        rel,
                        docs,
                        config.site_dir,
                        config.use_directory_urls,
                        inclusion=InclusionLevel.NOT_IN_NAV,
                    )
                )
    return files


def on_page_markdown(markdown, page, **kwargs):
    _state["page"] = page
    return markdown


class _Climb(Treeprocessor):
    """After MkDocs has made the links relative (its priority 0): a link to a shared file made
    relative to where the file is, out of the tree's prefix."""

    def run(self, root: Element) -> None:
        page = _state["page"]
        if page is None:
            return
        url = page.url
        here = url if url.endswith("/") or not url else posixpath.dirname(url)
        for element in root.iter("a"):
            href = element.get("href") or ""
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
                continue
            target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
            if target in _state["elsewhere"]:  # from the page, inside the prefix, to the target
                path = posixpath.relpath(f"/{target}", posixpath.join("/prefix", here))
                element.set("href", urlunsplit(("", "", quote(path), parts.query, parts.fragment)))


class _Links(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Climb(md), "bulletin_shared_data", -1)

"""One bulletin in both scripts: which one a bulletin is published in, and the other tree.

The primary site is published in the script most of the data is written in (or the one
`bulletin.yml` names: `script: hans`); the whole site is published again in
the other script under its own prefix. Both trees come from one render (generator/messages.py):
the site's own words are the catalogue's form for the tree's script, the data is converted
with OpenCC, and the report's own sentences stay as written with the converted form beside
them where the scripts differ.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .chinese import LANG, OPENCC, converter, foreign
from .messages import Messages, localize
from .pages import write_all, write_if_changed
from .settings import site_config
from .urls import open_data


@dataclass(frozen=True)
class Script:
    id: str  # hant | hans
    opencc: str  # the conversion into this script
    lang: str  # BCP 47: zh-Hant, zh-Hans
    theme: str  # Material's language for this script (site_overrides/partials/languages)
    label: str  # the catalogue's name of this script (what the switch says)
    prefix: str  # where this script's tree lives when it is not the primary one


SCRIPTS = {
    "hant": Script("hant", OPENCC["hant"], LANG["hant"], "zh-Hant", "scriptHant", "hant"),
    "hans": Script("hans", OPENCC["hans"], LANG["hans"], "zh-Hans", "scriptHans", "hans"),
}


def other(script: str) -> str:
    return "hans" if script == "hant" else "hant"


CONVERTED = (".md",)  # hand-written pages; open data stays as the reports wrote it


def search_table(script: str) -> str:
    """Where the table that converts a query into `script` is, under content/."""
    return f"search/to-{script}.json"


@cache
def search_tables() -> dict[str, str]:
    """What the search box converts a query with, into each script, character by character
    (OpenCC's character table): `foreign` for the characters only the other script has, `also`
    for those both scripts write (a query with a foreign character is searched both with and
    without them converted). Path under content/ -> JSON."""
    import json

    out = {}
    for script in ("hans", "hant"):
        config = OPENCC[script]
        chars = [chr(code) for code in range(0x3400, 0xA000)]
        # one conversion of every character, one per line (the lines stay aligned)
        converted = converter(config).convert("\n".join(chars)).split("\n")
        table: dict[str, dict[str, str]] = {"foreign": {}, "also": {}}
        for char, to in zip(chars, converted, strict=True):
            if to != char and len(to) == 1:
                # 电 only Simplified has; 厂 and 征 are written in Traditional too (廠, 徵)
                table["foreign" if foreign(char, script) else "also"][char] = to
        out[search_table(script)] = json.dumps(
            table, ensure_ascii=False, separators=(",", ":"), sort_keys=True
        )
    return out


def write_tree(
    content: Path,
    target: Path,
    script: str,
    generated: dict[str, str],
    messages: Messages | None = None,
    keep: set[str] = frozenset(),
    unchanged: set[str] = frozenset(),
) -> Path:
    """The tree of `script` at `target`: the generated pages in it (`generated`, path ->
    text; `keep`: generated before and unchanged), every other file of content/ converted
    (pages) or as it is (a hard link), but the open data, which the primary tree alone has
    (generator/hooks/shared_data.py). Writes only files whose bytes changed and removes files
    no longer there. `unchanged`: generated files of content/ that this run did not write
    (their links made before are still the same files). (Paths as strings: at 10,000 pages
    pathlib costs more than the work.)"""
    wanted: set[str] = set(keep)
    root = f"{target}/"
    there = files_under(target)

    def put(rel: str, data: bytes) -> None:
        wanted.add(rel)
        write_if_changed(root + rel, data)

    wanted.update(generated)
    write_all(sorted(generated.items()), root)
    for rel, source in sorted(files_under(content).items()):
        if rel in generated or rel in keep or rel == ".generated.json" or open_data(rel):
            continue  # the open data is the primary tree's (generator/hooks/shared_data.py)
        if rel.endswith(CONVERTED):
            data = localize(Path(source).read_text("utf-8"), script, messages).encode("utf-8")
            put(rel, data)
        else:  # open data and assets: the same file
            wanted.add(rel)
            if rel not in unchanged or rel not in there:
                _same_file(source, root + rel)
    for rel, path in there.items():
        if rel not in wanted:
            os.unlink(path)
    for folder, _, _ in os.walk(target, topdown=False):  # the deepest first
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)  # left empty
    return target


def files_under(root: Path) -> dict[str, str]:
    """Every file under `root`: its path from `root` (with /) -> its path."""
    out = {}
    top = len(str(root)) + 1
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            out[path[top:].replace(os.sep, "/")] = path
    return out


def _same_file(source: str, dest: str) -> None:
    """`dest` is `source`: a hard link (a copy across devices), made again when the generator
    has replaced `source` with a new file."""
    try:
        a, b = os.stat(source), os.stat(dest)
        if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
            return
        os.unlink(dest)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def _converted_names(config: dict, script: str) -> dict:
    """The configuration's own words (site name, description, navigation titles) in
    `script`."""
    convert = converter(SCRIPTS[script].opencc).convert

    def nav(items):
        out = []
        for item in items or []:
            if isinstance(item, dict):
                out.append(
                    {convert(k): nav(v) if isinstance(v, list) else v for k, v in item.items()}
                )
            else:
                out.append(item)
        return out

    names = {k: convert(config[k]) for k in ("site_name", "site_description") if config.get(k)}
    if config.get("nav"):
        names["nav"] = nav(config["nav"])
    return names


def tree_config(root: Path, script: str, primary: str, docs_dir: Path, messages: Messages) -> Path:
    """The MkDocs configuration of one script's tree: the bulletin's (generator/settings.py)
    with its docs, its theme language and where the other script's pages are (for the
    switch and hreflang)."""
    import json

    this, that = SCRIPTS[script], SCRIPTS[other(script)]
    # from this tree's root to the other's: the primary is at the root, the other under its
    # prefix
    to_other = f"{that.prefix}/" if script == primary else "../"
    # each tree's own address, so that its canonical links and sitemap name its pages
    config = site_config(root)
    site_url = config.get("site_url", "")
    roots = {primary: site_url, other(primary): site_url + SCRIPTS[other(primary)].prefix + "/"}
    config.update(_converted_names(config, script))
    config["docs_dir"] = str(docs_dir)
    if site_url:
        config["site_url"] = roots[script]
    config["theme"]["language"] = this.theme
    # the switch names the other script in this page's own script: 简体 / 繁体
    config.setdefault("extra", {})["script"] = {
        "lang": this.lang,
        "other_lang": that.lang,
        "other_label": messages.text(that.label, script),
        "to_other": to_other,
        # from this tree's root to the site's (where the search index is)
        "to_site_root": "" if script == primary else "../",
        # the sitemap's hreflang alternates (absolute, so only with a site_url)
        "other_root": roots[other(script)] if site_url else "",
    }
    if script != primary:  # its pages link the primary's open data (generator/hooks/shared_data.py)
        config["extra"]["script"]["shared_data"] = "content"
    # the text size switch (assets/textsize.js), in this tree's script
    config["extra"]["text_size"] = {
        key: messages.text(word, script)
        for key, word in (
            ("label", "textSize"),
            ("standard", "textStandard"),
            ("large", "textLarge"),
        )
    }
    path = root / f".mkdocs-{script}.yml"
    text = json.dumps(config, ensure_ascii=False, indent=1) + "\n"  # JSON is YAML
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path

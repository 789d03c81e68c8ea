"""One bulletin in both scripts: which one a bulletin is published in, and the other tree.

The primary site is published in the script most of the data is written in (or the one
`mkdocs.yml` names: `extra: {bulletin: {script: hans}}`); the whole site is published again in
the other script under its own prefix. Both trees come from one render (generator/messages.py):
the site's own words are the catalogue's form for the tree's script, the data is converted
with OpenCC, and the report's own sentences stay as written with the converted form beside
them where the scripts differ.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .messages import Messages, converter, foreign, localize
from .settings import read_settings


@dataclass(frozen=True)
class Script:
    id: str  # hant | hans
    opencc: str  # the conversion into this script
    lang: str  # BCP 47: zh-Hant, zh-Hans
    theme: str  # Material's language for this script (site_overrides/partials/languages)
    label: str  # the catalogue's name of this script (what the switch says)
    prefix: str  # where this script's tree lives when it is not the primary one


SCRIPTS = {
    "hant": Script("hant", "s2t", "zh-Hant", "zh-Hant", "scriptHant", "hant"),
    "hans": Script("hans", "t2s", "zh-Hans", "zh-Hans", "scriptHans", "hans"),
}


def other(script: str) -> str:
    return "hans" if script == "hant" else "hant"


def script_of(texts) -> str:
    """The script most of these texts are written in: the one with more characters that only
    it has (a character that OpenCC t2s changes is Traditional; one s2t changes, Simplified)."""
    traditional = simplified = 0
    for text in texts:
        t, s = _script_counts(text)
        traditional += t
        simplified += s
    return "hans" if simplified > traditional else "hant"


@lru_cache(maxsize=1 << 17)  # the preview asks again for the same names after every save
def _script_counts(text: str) -> tuple[int, int]:
    """(characters only Traditional writes, characters only Simplified writes) in `text`."""
    converted = converter("t2s").convert(text), converter("s2t").convert(text)
    traditional = simplified = 0
    for a, s, t in zip(text, *converted, strict=False):
        traditional += s != a
        simplified += t != a
    return traditional, simplified


CONVERTED = (".md",)  # hand-written pages; open data stays as the reports wrote it


@cache
def search_tables() -> dict[str, str]:
    """What the search box converts a query with, into each script, character by character
    (OpenCC's character table): `foreign` for the characters only the other script has, `also`
    for those both scripts write (a query with a foreign character is searched both with and
    without them converted). Path under content/ -> JSON."""
    import json

    out = {}
    for script, config in (("hans", "t2s"), ("hant", "s2t")):
        chars = [chr(code) for code in range(0x3400, 0xA000)]
        # one conversion of every character, one per line (the lines stay aligned)
        converted = converter(config).convert("\n".join(chars)).split("\n")
        table: dict[str, dict[str, str]] = {"foreign": {}, "also": {}}
        for char, to in zip(chars, converted, strict=True):
            if to != char and len(to) == 1:
                # 电 only Simplified has; 厂 and 征 are written in Traditional too (廠, 徵)
                table["foreign" if foreign(char, script) else "also"][char] = to
        out[f"search/to-{script}.json"] = json.dumps(
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
) -> Path:
    """The tree of `script` at `target`: the generated pages in it (`generated`, path ->
    text), every other file of content/ converted (pages) or as it is. Writes only files whose
    bytes changed and removes files no longer there."""
    wanted: set[Path] = set()

    def put(dest: Path, data: bytes) -> None:
        wanted.add(dest)
        if not dest.exists() or dest.read_bytes() != data:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)

    for rel, text in sorted(generated.items()):
        put(target / rel, text.encode("utf-8"))
    wanted.update(target / rel for rel in keep)  # generated before, unchanged
    for source in sorted(content.rglob("*")):
        rel = source.relative_to(content).as_posix()
        if source.is_dir() or rel in generated or rel in keep or source.name == ".generated.json":
            continue
        if source.suffix in CONVERTED:
            data = localize(source.read_text("utf-8"), script, messages).encode("utf-8")
            put(target / rel, data)
        else:  # open data and assets: the same file
            wanted.add(target / rel)
            _same_file(source, target / rel)
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return target


def _same_file(source: Path, dest: Path) -> None:
    """`dest` is `source`: a hard link (a copy across devices), made again when the generator
    has replaced `source` with a new file."""
    if dest.exists() and os.path.samefile(source, dest):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def _converted_names(root: Path, script: str) -> dict:
    """mkdocs.yml's own words (site name, description, navigation titles) in `script`."""
    import yaml

    from .settings import _ConfigLoader

    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader) or {}
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
    """The MkDocs configuration of one script's tree: mkdocs.yml with its docs, its theme
    language and where the other script's pages are (for the switch and hreflang)."""
    import json

    this, that = SCRIPTS[script], SCRIPTS[other(script)]
    # from this tree's root to the other's: the primary is at the root, the other under its
    # prefix
    to_other = f"{that.prefix}/" if script == primary else "../"
    # each tree's own address, so that its canonical links and sitemap name its pages
    site_url = read_settings(root).site_url
    roots = {primary: site_url, other(primary): site_url + SCRIPTS[other(primary)].prefix + "/"}
    config = {
        "INHERIT": "mkdocs.yml",
        "docs_dir": str(docs_dir),
        **({"site_url": roots[script]} if site_url else {}),
        **_converted_names(root, script),
        "theme": {"language": this.theme},
        # the switch names the other script in this page's own script: 简体 / 繁体
        "extra": {
            "script": {
                "lang": this.lang,
                "other_lang": that.lang,
                "other_label": messages.text(that.label, script),
                "to_other": to_other,
                # from this tree's root to the site's (where the search index is)
                "to_site_root": "" if script == primary else "../",
                # the sitemap's hreflang alternates (absolute, so only with a site_url)
                "other_root": roots[other(script)] if site_url else "",
            }
        },
    }
    path = root / f".mkdocs-{script}.yml"
    text = json.dumps(config, ensure_ascii=False, indent=1) + "\n"  # JSON is YAML
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path

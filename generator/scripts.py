"""One bulletin in both scripts: which one a bulletin is published in, and the other tree.

The templates and hand-written pages are written in Traditional characters. The primary site
is published in the script most of the data is written in (or the one `mkdocs.yml` names:
`extra: {bulletin: {script: hans}}`); the whole site is published again in the other script
under its own prefix. A tree in another script than the templates' is the generated Markdown
converted with OpenCC, except the report's own sentences (`<span class="as-written">`), which
stay as written, with the converted form beside them where the scripts differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATE_SCRIPT = "hant"  # templates/ and content/about.md are written in Traditional


@dataclass(frozen=True)
class Script:
    id: str  # hant | hans
    opencc: str  # the conversion into this script
    lang: str  # BCP 47: zh-Hant, zh-Hans
    theme: str  # Material's language for this script (site_overrides/partials/languages)
    label: str  # what the switch says, in this script
    prefix: str  # where this script's tree lives when it is not the primary one


SCRIPTS = {
    "hant": Script("hant", "s2t", "zh-Hant", "zh-Hant", "繁體", "hant"),
    "hans": Script("hans", "t2s", "zh-Hans", "zh-Hans", "简体", "hans"),
}


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def other(script: str) -> str:
    return "hans" if script == "hant" else "hant"


def script_of(texts) -> str:
    """The script most of these texts are written in: the one with more characters that only
    it has (a character that OpenCC t2s changes is Traditional; one s2t changes, Simplified)."""
    to_simple, to_trad = _converter("t2s"), _converter("s2t")
    traditional = simplified = 0
    for text in texts:
        for a, s, t in zip(text, to_simple.convert(text), to_trad.convert(text), strict=False):
            traditional += s != a
            simplified += t != a
    return "hans" if simplified > traditional else "hant"


AS_WRITTEN = re.compile(r'<span class="as-written">(.*?)</span>', re.S)


def convert_text(text: str, script: str) -> str:
    """Text in `script`; the report's own sentences stay as written, the converted form
    beside them where it differs."""
    convert = _converter(SCRIPTS[script].opencc).convert
    out, last = [], 0
    for m in AS_WRITTEN.finditer(text):
        out.append(convert(text[last : m.start()]))
        converted = convert(m.group(1))
        out.append(m.group(0))
        if converted != m.group(1):
            out.append(
                f'<span class="converted" lang="{SCRIPTS[script].lang}">（{converted}）</span>'
            )
        last = m.end()
    out.append(convert(text[last:]))
    return "".join(out)


CONVERTED = (".md",)  # pages; open data stays as the reports wrote it


def write_tree(content: Path, target: Path, script: str) -> Path:
    """content/ in `script` at `target`: pages converted, every other file as it is. Writes
    only files whose bytes changed and removes files no longer in content/."""
    wanted: set[Path] = set()
    for source in sorted(content.rglob("*")):
        if source.is_dir():
            continue
        rel = source.relative_to(content)
        dest = target / rel
        wanted.add(dest)
        if source.suffix in CONVERTED:
            data = convert_text(source.read_text("utf-8"), script).encode("utf-8")
        else:
            data = source.read_bytes()
        if not dest.exists() or dest.read_bytes() != data:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return target


def _converted_names(root: Path, script: str) -> dict:
    """mkdocs.yml's own words (site name, description, navigation titles) in `script`."""
    import yaml

    from .settings import _ConfigLoader

    if script == TEMPLATE_SCRIPT:
        return {}
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader) or {}
    convert = _converter(SCRIPTS[script].opencc).convert

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


def tree_config(root: Path, script: str, primary: str, docs_dir: Path) -> Path:
    """The MkDocs configuration of one script's tree: mkdocs.yml with its docs, its theme
    language and where the other script's pages are (for the switch and hreflang)."""
    import json

    this, that = SCRIPTS[script], SCRIPTS[other(script)]
    # from this tree's root to the other's: the primary is at the root, the other under its
    # prefix
    to_other = f"{that.prefix}/" if script == primary else "../"
    config = {
        "INHERIT": "mkdocs.yml",
        "docs_dir": str(docs_dir),
        **_converted_names(root, script),
        "theme": {"language": this.theme},
        # the switch names the other script in this page's own script: 简体 / 繁体
        "extra": {
            "script": {
                "lang": this.lang,
                "other_lang": that.lang,
                "other_label": _converter(this.opencc).convert(that.label),
                "to_other": to_other,
            }
        },
    }
    path = root / f".mkdocs-{script}.yml"
    text = json.dumps(config, ensure_ascii=False, indent=1) + "\n"  # JSON is YAML
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path

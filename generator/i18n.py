"""The words an editor reads, in the bulletin's script: Simplified, Traditional, or English.

Every message an editor may see is written in the code in English, as a template with named
fields, through `_()` ("unknown key {key!r}{hint}; expected one of: {allowed}"). The
translations are a gettext catalogue, `generator/locale/zh_Hans/LC_MESSAGES/editor.po`,
read with Babel (already installed with Material for MkDocs; no compiled `.mo` to keep in
step). The Traditional forms are the Simplified ones converted with OpenCC, the same converter
the site's Traditional pages use, unless `locale/zh_Hant/LC_MESSAGES/editor.po` gives an entry
its own wording.

Which language: the locale variables first, as gettext reads them (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG; `C` and `POSIX` say nothing): zh_CN, zh_SG or zh_Hans give Simplified,
zh_TW, zh_HK, zh_MO or zh_Hant Traditional, any other language English. Without them, the
bulletin's `editor_language` setting, and without that, its script (`auto`: the script its
reports are written in, Simplified when there are none).
A developer or a log gets English with LANG=en_US.UTF-8 (or LANGUAGE=en).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"
LANGUAGES = ("hans", "hant", "en")
_current = {"language": "en"}


def _(message: str) -> str:
    """The message template in the current language (English if the catalogue lacks it)."""
    language = _current["language"]
    if language == "en":
        return message
    return _catalogue(language).get(message) or message


def tr(message: str, /, **fields: object) -> str:
    """The message in the current language with its fields filled in."""
    return _(message).format(**fields)


def language() -> str:
    return _current["language"]


def use(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _current["language"] = language


def from_environment(environ=os.environ) -> str | None:
    """The language the locale variables ask for, or None if they say nothing."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        first = value.split(":")[0].split(".")[0].split("@")[0]
        if not first or first in ("C", "POSIX"):
            continue
        if re.match(r"(?i)zh[_-](?:TW|HK|MO|Hant)", first):
            return "hant"
        if first.lower().startswith("zh"):
            return "hans"
        return "en"
    return None


def choose(root: Path | None) -> str:
    """Set and return the language of this run (see the module's notes)."""
    chosen = from_environment() or _from_settings(root) or "hans"
    use(chosen)
    return chosen


def _from_settings(root: Path | None) -> str | None:
    """editor_language, else the script, of the bulletin's settings, read leniently: a
    broken bulletin.yml must still be reported in its editor's language."""
    import yaml

    try:
        settings = yaml.safe_load((root / "bulletin.yml").read_text("utf-8")) if root else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(settings, dict):
        return None
    wanted = settings.get("editor_language")
    if wanted in LANGUAGES:
        return wanted
    script = settings.get("script")
    if script in ("hans", "hant"):
        return script
    return _script_of_data(root)  # auto: the script the reports are written in


def _script_of_data(root: Path) -> str | None:
    """The script the first reports are written in (chinese.script_of, the build's own test,
    on a sniff of at most 20 files, 200 KB: loading the whole bulletin is the command's job);
    None if there are none."""
    from .chinese import script_of

    texts = []
    for path in sorted((root / "data" / "reports").rglob("*.yaml"))[:20]:
        try:
            texts.append(path.read_text("utf-8", errors="replace")[:10_000])
        except OSError:
            continue
    return script_of(texts) if texts else None


@cache
def _catalogue(language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    def entries(name: str) -> dict[str, str]:
        path = LOCALE / name / "LC_MESSAGES" / "editor.po"
        if not path.exists():
            return {}
        with path.open("rb") as handle:
            return {m.id: m.string for m in read_po(handle) if m.id and m.string}

    simplified = entries("zh_Hans")
    if language == "hans":
        return simplified
    from .chinese import OPENCC, converter

    to_traditional = converter(OPENCC["hant"]).convert
    return {k: to_traditional(v) for k, v in simplified.items()} | entries("zh_Hant")

"""The site's own words in both scripts: one catalogue, templates/messages.yaml.

A page is rendered once. Where it says something of its own (a heading, a table header, the
word 增長 in 同比增長22%), the template or the generator writes a marker, `\\x02key\\x03`;
`localize()` then gives one tree the catalogue's form in its script and converts the text
from data into that script with OpenCC, except the report's own sentences
(`<span class="as-written">`), which stay as written with the converted form beside them.
So both trees come from one render, the site's words are the catalogue's (never a
character conversion of them), and the markers cannot clash with data: STX and ETX are
control characters, which `check` refuses in every data file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .chinese import LANG, OPENCC, converter, foreign
from .errors import BulletinError
from .i18n import tr
from .layout import TOOL_TEMPLATES, Folders, find

CATALOGUE = "messages.yaml"  # in the templates folder
SCRIPTS = ("hant", "hans")
KEY = re.compile(r"[A-Za-z][A-Za-z0-9]*")
MARKER = re.compile("\x02([A-Za-z][A-Za-z0-9]*)\x03")
# characters Markdown or HTML give a meaning to: a message is put into pages as it is
UNSAFE = re.compile(r"[<>&\[\]*_\\{}|#]")


def m(key: str) -> str:
    """The marker of a message, resolved per script by `localize()`."""
    return f"\x02{key}\x03"


class Messages:
    """The catalogue: key -> {hant: ..., hans: ...}."""

    def __init__(self, entries: dict[str, dict[str, str]], where: str):
        self.entries = entries
        self.where = where

    def text(self, key: str, script: str) -> str:
        try:
            return self.entries[key][script]
        except KeyError:
            raise BulletinError(
                tr(
                    "{where}: no message {key!r}; add it with a hant and a hans form",
                    where=self.where,
                    key=key,
                )
            ) from None

    def words(self, script: str):
        """key -> text in `script` (for files that are not converted: open data, feeds)."""
        return lambda key: self.text(key, script)


@cache
def _load(path: Path, stamp: float) -> Messages:
    import yaml

    where = str(path)
    try:
        entries = yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise BulletinError(
            tr("{where}: cannot read the message catalogue: {why}", where=where, why=exc.strerror)
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise BulletinError(
            tr("{where}: not valid YAML: {exc}", where=where + line, exc=exc)
        ) from None
    if not isinstance(entries, dict):
        raise BulletinError(
            tr("{where}: expected a mapping of message keys to their two forms", where=where)
        )
    for key, forms in entries.items():
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise BulletinError(
                tr(
                    "{where}: {key!r}: a key is letters and digits, e.g. latestStage",
                    where=where,
                    key=key,
                )
            )
        if not isinstance(forms, dict) or set(forms) != set(SCRIPTS):
            raise BulletinError(
                tr(
                    "{where}: {key}: expected exactly two forms, hant and hans",
                    where=where,
                    key=key,
                )
            )
        for script, text in forms.items():
            if not isinstance(text, str) or not text.strip():
                raise BulletinError(
                    tr(
                        "{where}: {key}.{script}: expected text",
                        where=where,
                        key=key,
                        script=script,
                    )
                )
            if key != "aboutPage" and UNSAFE.search(text):
                raise BulletinError(
                    tr(
                        "{where}: {key}.{script}: {mark!r} would be read as Markdown or HTML; "
                        "write the words only",
                        where=where,
                        key=key,
                        script=script,
                        mark=UNSAFE.search(text).group(0),
                    )
                )
    return Messages(entries, where)


def load(templates: Folders) -> Messages:
    """The catalogue of a templates search path (a bulletin may replace the tool's)."""
    path = find(templates, CATALOGUE)
    try:
        stamp = path.stat().st_mtime
    except OSError:
        raise BulletinError(
            tr(
                "{path}: the message catalogue is missing; expected it beside the templates",
                path=path,
            )
        ) from None
    return _load(path, stamp)


def default() -> Messages:
    """The tool's own catalogue (for callers without a bulletin)."""
    return load(TOOL_TEMPLATES)


AS_WRITTEN = re.compile(
    r'<span class="as-written">(.*?)</span>(?:<span class="converted"[^>]*>.*?</span>)?', re.S
)


def localize(text: str, script: str, messages: Messages | None) -> str:
    """`text` in `script`: markers become the catalogue's words, text in the other script is
    converted, the report's own sentences stay as written (the converted form beside them
    where they are in the other script)."""
    opencc = converter(OPENCC[script]).convert

    def convert(part: str) -> str:
        return opencc(part) if foreign(part, script) else part

    def word(mk: re.Match) -> str:
        if messages is None:
            raise BulletinError(tr("a message marker ({key}) outside a page", key=mk.group(1)))
        return messages.text(mk.group(1), script)

    def plain(part: str) -> str:
        if not foreign(part, script):  # the common case: only the site's words to put in
            return MARKER.sub(word, part)
        out, last = [], 0
        for mk in MARKER.finditer(part):
            out.append(convert(part[last : mk.start()]))
            out.append(word(mk))
            last = mk.end()
        out.append(convert(part[last:]))
        return "".join(out)

    out, last = [], 0
    for mw in AS_WRITTEN.finditer(text):
        out.append(plain(text[last : mw.start()]))
        written = mw.group(1)
        out.append(f'<span class="as-written">{written}</span>')
        if foreign(written, script):
            out.append(
                f'<span class="converted" lang="{LANG[script]}">（{opencc(written)}）</span>'
            )
        last = mw.end()
    out.append(plain(text[last:]))
    return "".join(out)

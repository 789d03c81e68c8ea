"""YAML files -> plain values (dict, list, str, Decimal, date, bool, None) with positions.

Safety: only the standard YAML tags, no anchors or aliases, limits on size and depth,
duplicate keys rejected. Numbers become Decimal built from the scalar's text, never float.
"""

from __future__ import annotations

import array
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .i18n import _, tr

try:  # the C composer is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000  # a report is a few tens of KB; anything larger is a mistake or an attack
MAX_DEPTH = 20
MAX_NODES = 200_000

_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Document:
    """A loaded file: its value and where every value (and every mapping key) stood."""

    path: Path
    value: object
    # YAML marks as the composer made them; turned into a Position only when one is asked for
    positions: dict[tuple, yaml.Mark] = field(default_factory=dict)
    key_positions: dict[tuple, yaml.Mark] = field(default_factory=dict)

    def where(self, loc: tuple, *, key: bool = False) -> Position:
        """The position of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        if key and loc in self.key_positions:
            return _mark(self.key_positions[loc])
        while loc:
            if loc in self.positions:
                return _mark(self.positions[loc])
            loc = loc[:-1]
        return _mark(self.positions[()]) if () in self.positions else Position(1, 1)

    # kept between runs (generator/incremental.py): the marks as two ints each, the lines
    # and columns of a dict's marks in one array (a pickled mark would be 20 times larger)
    def __getstate__(self) -> dict:
        return {
            "path": self.path,
            "value": self.value,
            "positions": _packed(self.positions),
            "key_positions": _packed(self.key_positions),
        }

    def __setstate__(self, state: dict) -> None:
        self.path, self.value = state["path"], state["value"]
        self.positions = _unpacked(state["positions"])
        self.key_positions = _unpacked(state["key_positions"])


def _packed(marks: dict) -> tuple[tuple, bytes]:
    numbers = array.array("i")
    for mark in marks.values():
        if isinstance(mark, tuple):
            numbers.extend(mark)
        else:
            numbers.append(mark.line)
            numbers.append(mark.column)
    return tuple(marks), numbers.tobytes()


def _unpacked(packed: tuple[tuple, bytes]) -> dict:
    locs, raw = packed
    numbers = array.array("i")
    numbers.frombytes(raw)
    pairs = iter(numbers)
    return dict(zip(locs, zip(pairs, pairs, strict=True), strict=True))


class LoadError(Exception):
    """A file that cannot be read as data: where and why."""

    def __init__(self, line: int, col: int, message: str, loc: tuple = ()):
        self.line, self.col, self.message, self.loc = line, col, message, loc
        super().__init__(f"{line}:{col}: {message}")


def _mark(mark) -> Position:
    """A YAML mark's position (or a kept one's: its line and column, from 0)."""
    if isinstance(mark, tuple):
        return Position(mark[0] + 1, mark[1] + 1)
    return Position(mark.line + 1, mark.column + 1)


def _pos(node: yaml.Node) -> Position:
    return _mark(node.start_mark)


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:  # a folder where a file belongs, no permission, a broken link
        raise LoadError(
            1, 1, tr("cannot be read ({reason}); expected a YAML file", reason=exc.strerror or exc)
        ) from None
    if len(raw) > MAX_BYTES:
        raise LoadError(
            1,
            1,
            tr(
                "file is {size} bytes; the limit is {limit} bytes",
                size=f"{len(raw):,}",
                limit=f"{MAX_BYTES:,}",
            ),
        )
    if b"\x00" in raw:
        raise LoadError(1, 1, _("not a text file (binary content); expected a YAML file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(line, col, _("file is not UTF-8 text; save it as UTF-8")) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise LoadError(1, 1, _("file is empty; expected a YAML mapping"))
    for n, ln in enumerate(text.splitlines(), 1):
        indent = len(ln) - len(ln.lstrip(" \t"))
        if "\t" in ln[:indent]:
            raise LoadError(n, ln.index("\t") + 1, _("tab in indentation; indent with spaces"))
    return text


def compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise LoadError(line, col, tr("YAML syntax error: {what}", what=what)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        before = text[: max(found, 0)]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise LoadError(
            line,
            col,
            tr(
                "character U+{code} is not allowed in YAML (a control character); "
                "expected printable text: delete it",
                code=f"{exc.character:04X}",
            ),
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(1, 1, tr("YAML error: {error}", error=exc)) from None
    if node is None:
        raise LoadError(1, 1, _("file is empty; expected a YAML mapping"))
    return node


def _alias_position(text: str) -> Position | None:
    """Where the first alias (*name) stands; only looked for once one has been found."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return Position(event.start_mark.line + 1, event.start_mark.column + 1)
    return None


class _Converter:
    def __init__(self, doc: Document, text: str):
        self.doc, self.text = doc, text
        self.seen: set[int] = set()

    def value(self, node: yaml.Node, loc: tuple, depth: int) -> object:
        if id(node) in self.seen:
            p = _alias_position(self.text) or _pos(node)
            raise LoadError(
                p.line, p.col, _("YAML aliases (*name) are not allowed; write the value out"), loc
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES or depth > MAX_DEPTH:
            p = _pos(node)
            what = (
                tr("more than {count} values", count=MAX_NODES)
                if depth <= MAX_DEPTH
                else tr("nested deeper than {depth} levels", depth=MAX_DEPTH)
            )
            raise LoadError(p.line, p.col, tr("{what}; a report needs far less", what=what), loc)
        self.doc.positions[loc] = node.start_mark
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.bad_tag(node, loc)
            return [self.value(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def bad_tag(self, node: yaml.Node, loc: tuple) -> LoadError:
        p = _pos(node)
        return LoadError(
            p.line,
            p.col,
            tr(
                "tag {tag!r} is not allowed; "
                "use plain values (text, numbers, dates, lists, mappings)",
                tag=node.tag,
            ),
            loc,
        )

    def mapping(self, node: yaml.MappingNode, loc: tuple, depth: int) -> dict:
        if node.tag != _TAG + "map":
            raise self.bad_tag(node, loc)
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                p = _pos(key_node)
                raise LoadError(p.line, p.col, _("mapping keys must be plain text"), loc)
            key = key_node.value
            if key in out:
                p, first = _pos(key_node), _mark(self.doc.key_positions[loc + (key,)])
                raise LoadError(
                    p.line,
                    p.col,
                    tr(
                        "duplicate key {key!r} (first at line {line}); each key may appear once",
                        key=key,
                        line=first.line,
                    ),
                    loc + (key,),
                )
            self.doc.key_positions[loc + (key,)] = key_node.start_mark
            out[key] = self.value(value_node, loc + (key,), depth + 1)
        return out

    def scalar(self, node: yaml.ScalarNode, loc: tuple) -> object:
        tag, text = node.tag, node.value
        if tag == _TAG + "str":
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return text.lower() in ("true", "yes", "on", "y")
        if tag in (_TAG + "int", _TAG + "float"):
            return self.number(node, loc)
        if tag == _TAG + "timestamp":
            return self.date(node, loc)
        raise self.bad_tag(node, loc)

    def number(self, node: yaml.ScalarNode, loc: tuple) -> Decimal:
        text = node.value
        p = _pos(node)
        if not _DECIMAL.match(text):
            raise LoadError(
                p.line, p.col, tr("number {text!r} is not a plain decimal number", text=text), loc
            )
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:
            raise LoadError(p.line, p.col, tr("{text!r} is not a number", text=text), loc) from None

    def date(self, node: yaml.ScalarNode, loc: tuple) -> dt.date:
        p = _pos(node)
        try:
            return dt.date.fromisoformat(node.value)
        except ValueError:
            raise LoadError(
                p.line,
                p.col,
                tr("{text!r} is not a real date; expected YYYY-MM-DD", text=node.value),
                loc,
            ) from None


def load_document(path: Path) -> Document:
    """Read one YAML file safely. Raises LoadError with the line and column."""
    text = read_text(path)
    node = compose(text)
    doc = Document(path=path, value=None)
    doc.value = _Converter(doc, text).value(node, (), 0)
    return doc

"""`python -m generator review DRAFT.yaml SOURCE`: the source with every number marked.

One self-contained HTML page: the report's text (and its tables) with each number the draft
uses highlighted and linked to the field that holds it, each number the draft does not use
marked in another colour (what an editor may have missed), and dates and years greyed. Beside
it, the draft's values, each linked back to where the source writes it. Every text is
escaped: the page shows the source, it never runs it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import BulletinError
from .extract import clean, written_numbers
from .i18n import _, language, tr
from .readers import Document, Paragraph, Table, read_document

NUMBER = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?%?|百分之[零〇一二三四五六七八九十百]+(?:[點点][零〇一二三四五六七八九]+)?"
)
# a number that dates the text or counts its order, not a fact to enter
DATE_LIKE = re.compile(
    r"^(?:年|月|日|號|号|時|时|季度|版|頁|页|屆|届|次會|次会|五規劃|五规划"
    r"|[—–\-~至到]\d{1,2}月)"
)
YEAR = re.compile(r"^(?:19|20)\d\d$")
SKIP_KEYS = {"quote", "id", "region", "published", "published_as", "period", "source", "notes"}


@dataclass(frozen=True)
class Value:
    path: str  # figures[0].value.amount
    number: Decimal
    of: str  # the figure's label or the project's name

    @property
    def shown(self) -> str:
        return format(self.number, "f")


def _decimal(text: str) -> Decimal | None:
    try:
        return abs(Decimal(text)).normalize()
    except (InvalidOperation, ValueError):
        return None


def draft_values(path: Path) -> list[Value]:
    """Every number the draft enters, with the field that holds it (the file may not pass
    `check` yet: the review comes before)."""
    from .loading import LoadError, load_document

    try:
        doc = load_document(path)
    except LoadError as exc:
        raise BulletinError(f"{path}:{exc.line}:{exc.col}: {exc.message}") from None
    values: list[Value] = []

    def walk(node, where: str, of: str) -> None:
        if isinstance(node, dict):
            of = str(node.get("label") or node.get("name") or of)
            for key, value in node.items():
                if key not in SKIP_KEYS:
                    walk(value, f"{where}.{key}" if where else str(key), of)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]", of)
        elif isinstance(node, Decimal | int) and not isinstance(node, bool):
            values.append(Value(where, abs(Decimal(node)).normalize(), of))

    walk(doc.value, "", "")
    return values


def _token_value(token: str) -> Decimal | None:
    if token.startswith("百分之"):
        token = written_numbers(token)
    return _decimal(token.rstrip("%"))


class Marker:
    """Marks the numbers of a source text by what the draft did with them, and counts."""

    def __init__(self, values: list[Value]):
        self.fields: dict[Decimal, list[str]] = {}
        for value in values:
            self.fields.setdefault(value.number, []).append(value.path)
        self.seen: set[Decimal] = set()
        self.counts = {"used": 0, "unused": 0, "dates": 0}

    def mark(self, text: str) -> str:
        out, last = [], 0
        for m in NUMBER.finditer(text):
            out.append(html.escape(text[last : m.start()]))
            last = m.end()
            out.append(self._token(m.group(), text[m.end() : m.end() + 4]))
        out.append(html.escape(text[last:]))
        return "".join(out)

    def _token(self, token: str, after: str) -> str:
        value = _token_value(token)
        shown = html.escape(token)
        if value is None or DATE_LIKE.match(after) or YEAR.match(token):
            self.counts["dates"] += 1
            return f'<span class="date">{shown}</span>'
        anchor = f"s{self.counts['used'] + self.counts['unused'] + 1}"
        if value in self.fields:
            self.counts["used"] += 1
            self.seen.add(value)
            paths = self.fields[value]
            return (
                f'<a class="used" id="{anchor}" href="#{_field_id(paths[0])}" '
                f'title="{html.escape(", ".join(paths))}">{shown}</a>'
            )
        self.counts["unused"] += 1
        return f'<mark class="unused" id="{anchor}" title="not in the draft">{shown}</mark>'


def _field_id(path: str) -> str:
    return "f-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _order_column(table: Table) -> int | None:
    from .extract.schedule import find_header

    found = find_header(table)
    if found is None:
        return None
    return next((j for j, (kind, _) in found[2].items() if kind == "seq"), None)


def _source_html(doc: Document, marker: Marker) -> str:
    parts = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{marker.mark(clean(block.text))}</p>")
        elif isinstance(block, Table):
            order = _order_column(block)  # 序號: numbers that count rows, not facts
            rows = []
            for row in block.rows:
                if not any(row):
                    continue
                cells = []
                for j, cell in enumerate(row):
                    if j and cell and cell == row[j - 1]:  # a merged cell: shown once
                        cell = ""
                    cells.append(
                        f'<td class="date">{html.escape(cell)}</td>'
                        if j == order
                        else f"<td>{marker.mark(cell)}</td>"
                    )
                rows.append("<tr>" + "".join(cells) + "</tr>")
            rows = "".join(rows)
            parts.append(f"<table><caption>{html.escape(block.name)}</caption>{rows}</table>")
    return "\n".join(parts)


# what a value of the draft is, by the field that holds it (the last named key of its path)
FIELD_NAMES = {
    "value": "value",
    "plan": "plan",
    "share_of_plan": "share of the plan",
    "share": "share",
    "changes": "change",
    "rank": "rank",
    "amounts": "amount",
    "capacity": "capacity",
    "physical_progress": "physical progress",
}


def field_name(path: str) -> str:
    """The editor's name of the field a value is in: figures[0].changes[1].value -> change."""
    for key in reversed(re.findall(r"[a-z_]+", path)):
        if key in FIELD_NAMES:
            return _(FIELD_NAMES[key])
    return ""


def review_page(draft: Path, source: Path) -> tuple[str, dict[str, int]]:
    """The review page, and its counts: used, unused, dates, invented (draft values the
    source does not write)."""
    values = draft_values(draft)
    marker = Marker(values)
    body = _source_html(read_document(source), marker)
    counts = dict(marker.counts, invented=sum(v.number not in marker.seen for v in values))
    missing = html.escape(_("not written in the source"))
    fields = "\n".join(
        f'<li id="{_field_id(v.path)}">{html.escape(v.of)} {html.escape(field_name(v.path))} '
        f"<code>{html.escape(v.path)}</code> <b>{html.escape(v.shown)}</b>"
        + ("" if v.number in marker.seen else f' <strong class="missing">{missing}</strong>')
        + "</li>"
        for v in values
    )
    title = tr("Review: {draft} against {source}", draft=draft.name, source=source.name)
    legend = tr(
        '<span class="key-used">Green</span>: a number the draft uses (follow it to the '
        'field). <span class="key-unused">Orange</span>: a number the draft does not use: '
        'missing, or not a fact. <span class="date">Grey</span>: dates and years. {used} used, '
        "{unused} not used, {invented} draft values not written in the source.",
        used=counts["used"],
        unused=counts["unused"],
        invented=counts["invented"],
    )
    lang = {"hans": "zh-Hans", "hant": "zh-Hant", "en": "en"}[language()]
    page = f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font: 16px/1.7 system-ui, sans-serif; margin: 0; color: #1b1b1b; }}
header {{ padding: .8rem 1.2rem; background: #f1f3f6; border-bottom: 1px solid #ccd; }}
main {{ display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); gap: 1.5rem;
        padding: 1rem 1.2rem; }}
@media (max-width: 50rem) {{ main {{ grid-template-columns: 1fr; }} }}
a.used, .key-used {{ background: #c8f0d0; color: #0b4a1c; border-bottom: 2px solid #1f8a3b;
          text-decoration: none; padding: 0 .1em; }}
mark.unused, .key-unused {{ background: #ffd7a8; color: #6b3300; border-bottom: 2px dashed #c25e00;
               padding: 0 .1em; }}
.date {{ color: #707070; }}
.missing {{ color: #a00000; }}
table {{ border-collapse: collapse; margin: 1rem 0; font-size: 14px; }}
td {{ border: 1px solid #bbb; padding: .2rem .4rem; }}
caption {{ text-align: left; font-weight: bold; }}
li:target, a:target, mark:target {{ outline: 3px solid #0a58ca; }}
</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p>{legend}</p>
</header>
<main>
<section aria-label="{html.escape(_("source"))}">
{body}
</section>
<aside aria-label="{html.escape(_("draft values"))}">
<h2>{html.escape(_("The draft's values"))}</h2>
<ol>
{fields}
</ol>
</aside>
</main>
</body>
</html>
"""
    return page, counts

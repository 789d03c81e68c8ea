"""A PDF's pages -> paragraphs and tables, from where each word is printed (pdfplumber).

A PDF keeps no table, only words at places. A table is found in one of two ways:

- ruled: the lines drawn around its cells (pdfplumber's table finder, "lines" strategy);
  a cell spanning rows or columns is given to every row and column it covers, as a merged
  cell of a workbook is;
- unruled (columns aligned by whitespace): a run of lines of three or more words with no
  sentence punctuation, with the lines between them (group rows) and above them (the
  header) that stay inside its width. Its columns are the gaps no word of the body
  crosses; a word of the header over two columns (「1—9月」 over 完成投資 and 占計劃%) is
  in both.

In either, the lines of one cell are joined (a header 「年度計劃投資(億」 / 「元)」, a long
name wrapped inside its cell): words of one column a line apart with no row's space between
them are one cell, and cells whose heights overlap are one row (a one-line amount beside a
name on two lines). Everything else on a page is a paragraph a line, in reading order.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from statistics import median

from .readers import _DIGIT_HAN_GAP, Paragraph, Table

_PROSE = re.compile(r"[，。；,;]|[：:].{12,}")  # a unit line 「單位：萬元」 is no prose
_NUMERIC = re.compile(r"^[-+]?[\d.,%％]+$")
_ASCII_END = re.compile(r"[A-Za-z]$")
_ASCII_START = re.compile(r"^[A-Za-z]")


class LayoutError(ValueError):
    """The PDF library could not lay out a page (a damaged or unusual file)."""


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    row: int = -1  # in an unruled table: the line with numbers it is on (-1: none, -2: header)


@dataclass
class Cell:
    text: str
    top: float
    bottom: float
    column: int


def blocks(raw: bytes) -> list[Paragraph | Table]:
    import logging

    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    for name in ("pdfminer", "pdfplumber"):  # their notes on damaged files: the error below
        logging.getLogger(name).setLevel(logging.CRITICAL)
    out: list[Paragraph | Table] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            for n, page in enumerate(pdf.pages, 1):
                out += page_blocks(page, n)
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LayoutError(f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # pdfminer's own errors share no base class beyond Exception
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
            raise LayoutError(f"{type(exc).__name__}: {exc}") from None
        raise
    return out


def page_blocks(page, n: int) -> list[Paragraph | Table]:
    """One page: (top, block) of each table and each line of prose, in reading order."""
    found = [
        t
        for t in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        if len(t.rows) >= 2 and len(t.columns) >= 3  # a box around a paragraph is no table
    ]
    words = [
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(x_tolerance=3, y_tolerance=3, keep_blank_chars=False)
    ]
    if not words:
        return []
    height = median(w.bottom - w.top for w in words)
    free = [w for w in words if not any(_inside(w, t.bbox) for t in found)]
    items: list[tuple[float, str, object]] = [(t.bbox[1], "table", _ruled_rows(t)) for t in found]
    lines = _lines(free, height)
    used: set[int] = set()
    for region in _regions(lines, height):
        used.update(region)
        region_words = [w for i in region for w in lines[i]]
        rows = _unruled_rows([lines[i] for i in region], region_words, height)
        items.append((lines[region[0]][0].top, "table", rows))
    for i, line in enumerate(lines):
        if i not in used:
            text = _DIGIT_HAN_GAP.sub("", " ".join(w.text for w in line))
            items.append((line[0].top, "text", text))
    items.sort(key=lambda item: item[0])
    tables = sum(kind == "table" for _, kind, _ in items)
    out: list[Paragraph | Table] = []
    k = 0
    for _, kind, payload in items:
        if kind == "text":
            out.append(Paragraph(payload))
        elif any(any(c for c in row) for row in payload):
            k += 1
            out.append(Table(f"第{n}頁" + (f"表{k}" if tables > 1 else ""), payload))
    return out


def _inside(w: Word, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _join(parts: list[str]) -> str:
    """Lines of one cell as one text: Chinese and numbers run on, Latin words get a space."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and _ASCII_END.search(out) and _ASCII_START.match(part):
            out += " "
        out += part
    return out


# --- ruled tables ---------------------------------------------------------------------------
def _ruled_rows(table) -> list[list[str]]:
    """The cell texts of a ruled table, a merged cell's text in every place it covers."""
    texts = table.extract(x_tolerance=3, y_tolerance=3)
    tops = [r.bbox[1] for r in table.rows]
    lefts = [c.bbox[0] for c in table.columns]
    rows = [["" for _ in lefts] for _ in tops]
    for i, row in enumerate(table.rows):
        for j, bbox in enumerate(row.cells):
            if bbox is None or i >= len(texts) or j >= len(texts[i]):
                continue
            text = _join((texts[i][j] or "").split("\n"))
            x0, top, x1, bottom = bbox
            for r, y in enumerate(tops):
                if top <= y + 0.5 < bottom:
                    for c, x in enumerate(lefts):
                        if x0 <= x + 0.5 < x1:
                            rows[r][c] = text
    return rows


# --- unruled tables -------------------------------------------------------------------------
def _lines(words: list[Word], height: float) -> list[list[Word]]:
    """Words on one baseline, top to bottom, each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= height * 0.3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _is_row(line: list[Word]) -> bool:
    return len(line) >= 3 and not any(_PROSE.search(w.text) for w in line)


def _regions(lines: list[list[Word]], height: float) -> list[list[int]]:
    """Indexes of the lines of each unruled table: a run of row-like lines (at least two),
    the lines between and above them that have no prose and stay inside their width."""
    regions: list[list[int]] = []
    i = 0
    while i < len(lines):
        if not _is_row(lines[i]):
            i += 1
            continue
        left, right = lines[i][0].x0, lines[i][-1].x1
        region = [i]
        j = i + 1
        while j < len(lines) and lines[j][0].top - _bottom(lines[region[-1]]) <= height * 2.5:
            line = lines[j]
            if _is_row(line):
                left, right = min(left, line[0].x0), max(right, line[-1].x1)
            elif not _within(line, left, right, height):
                break
            region.append(j)
            j += 1
        if sum(_is_row(lines[k]) for k in region) < 2:
            i += 1
            continue
        k = region[0] - 1  # header lines of fewer words, above the first row-like line
        done = regions[-1][-1] if regions else -1
        while k > done and _within(lines[k], left, right, height):
            if lines[region[0]][0].top - _bottom(lines[k]) > height * 2.5:
                break
            region.insert(0, k)
            k -= 1
        regions.append(region)
        i = region[-1] + 1
    return regions


def _bottom(line: list[Word]) -> float:
    return max(w.bottom for w in line)


def _within(line: list[Word], left: float, right: float, height: float) -> bool:
    slack = height
    return not any(_PROSE.search(w.text) for w in line) and all(
        w.x0 >= left - slack and w.x1 <= right + slack for w in line
    )


def _columns(body: list[Word]) -> list[tuple[float, float]]:
    """The x-ranges no gap crosses: each column of the body."""
    spans: list[list[float]] = []
    for w in sorted(body, key=lambda w: w.x0):
        if spans and w.x0 < spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    return [(a, b) for a, b in spans]


def _overlap(w: Word, span: tuple[float, float]) -> float:
    return max(0.0, min(w.x1, span[1]) - max(w.x0, span[0]))


def _unruled_rows(lines: list[list[Word]], words: list[Word], height: float) -> list[list[str]]:
    """An unruled table's rows of cell texts. The body is from the first row-like line that
    writes a number on; the columns are the body's; a header word is in each column it
    covers most of, or in the one it overlaps most, or a column of its own."""
    first_body = next(
        (
            k
            for k, line in enumerate(lines)
            if _is_row(line) and any(_NUMERIC.match(w.text) for w in line)
        ),
        0,
    )
    body = [w for line in lines[first_body:] if _is_row(line) for w in line]
    for k, line in enumerate(lines):  # a cell never spans two lines of numbers, nor the header
        numbered = _is_row(line) and any(_NUMERIC.match(w.text) for w in line)
        for w in line:
            w.row = -2 if k < first_body else k if numbered else -1
    columns = _columns(body)
    for w in words:  # a header over a column the body leaves empty: a column of its own
        if not any(_overlap(w, span) > 0 for span in columns):
            columns = sorted([*columns, (w.x0, w.x1)])
    placed: list[tuple[Word, int]] = []
    for w in words:
        covered = [
            c for c, span in enumerate(columns) if _overlap(w, span) >= 0.6 * (span[1] - span[0])
        ]
        if len(covered) >= 2:
            placed += [(w, c) for c in covered]
        else:
            placed.append((w, max(range(len(columns)), key=lambda c: _overlap(w, columns[c]))))
    return _rows_of(_cells(placed, len(columns), height), len(columns), height)


def _cells(placed: list[tuple[Word, int]], width: int, height: float) -> list[Cell]:
    """Words of one column one under the other with less than a row's space between them
    are one cell (never two numbers: those are two rows)."""
    cells: list[Cell] = []
    for c in range(width):
        column = sorted((w for w, col in placed if col == c), key=lambda w: (w.top, w.x0))
        run: list[Word] = []
        for w in column:
            if run and abs(w.top - run[-1].top) <= height * 0.3:  # on the same line
                run.append(w)
                continue
            if (
                run
                and w.top - run[-1].bottom < height * 0.45
                and not (_NUMERIC.match(w.text) and _NUMERIC.match(run[-1].text))
                and _may_join(run, w)
            ):
                run.append(w)
                continue
            if run:
                cells.append(_cell(run, c))
            run = [w]
        if run:
            cells.append(_cell(run, c))
    return cells


def _may_join(run: list[Word], w: Word) -> bool:
    """A header word never joins a body word, nor a word of one line of numbers another's."""
    if (w.row == -2) != (run[0].row == -2):
        return False
    rows = {x.row for x in run if x.row >= 0}
    return w.row < 0 or not rows or rows == {w.row}


def _cell(run: list[Word], column: int) -> Cell:
    return Cell(_join([w.text for w in run]), run[0].top, max(w.bottom for w in run), column)


def _rows_of(cells: list[Cell], width: int, height: float) -> list[list[str]]:
    """Cells whose heights overlap are one row."""
    rows: list[list[str]] = []
    bottom = None
    for cell in sorted(cells, key=lambda c: (c.top, c.column)):
        if bottom is None or cell.top >= bottom - height * 0.2:
            rows.append([""] * width)
            bottom = cell.bottom
        else:
            bottom = max(bottom, cell.bottom)
        row = rows[-1]
        row[cell.column] = _join([row[cell.column], cell.text]) if row[cell.column] else cell.text
    return rows

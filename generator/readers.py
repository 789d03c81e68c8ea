"""Readers: a report file of any kind an editor receives -> one `Document`.

A `Document` is an ordered list of blocks, each a paragraph of text or a table whose cells
know their place (sheet, row, column). Every extraction rule works on a `Document`, never on
a file format; a new format is a new reader here and nothing else.

- `.txt`: UTF-8, GB18030 or Big5, detected (never guessed silently: a text that decodes in
  none of them is refused); `.docx`: paragraphs and tables in document order; `.pdf`: the
  text layer (a PDF without one is refused with a clear message); `.xlsx`: every sheet as a
  table, merged cells filled from their top-left cell, numbers as Excel shows them; `.csv`:
  one table, in any of the text encodings.

Every problem with the file is a `BulletinError` with one clear line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .chinese import encodes
from .errors import BulletinError
from .i18n import _, tr

MAX_BYTES = 50_000_000  # a report, a schedule: far below; a mistaken file is refused early


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """Rows of cell texts. `name` is the sheet's name (or 表1, 表2 … in a document) and
    `rows[i][j]` is the cell at row `first_row + i`, column `j + 1` of that sheet."""

    name: str
    rows: list[list[str]]
    first_row: int = 1

    def place(self, i: int, j: int) -> str:
        """Where a cell is, as an editor finds it: 「進度表」第5行第C列."""
        return f"「{self.name}」第{self.first_row + i}行第{column_letter(j + 1)}列"


@dataclass
class Document:
    path: Path
    kind: str  # txt, docx, pdf, xlsx, csv
    blocks: list[Paragraph | Table] = field(default_factory=list)
    encoding: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        """The prose, one paragraph a line."""
        return "\n".join(self.paragraphs)

    def lines(self, skip: set[int] = frozenset()) -> list[str]:
        """Every block in order as lines of text: a paragraph as it is, a table's rows with
        their cells joined by | (as a table typed into a text file). Tables whose id() is in
        `skip` are left out."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                if id(block) not in skip:
                    out += ["|".join(row) for row in block.rows if any(row)]
            else:
                out.append(block.text)
        return out


def column_letter(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


# --- bytes -> text ------------------------------------------------------------------------------
_COMMON_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef]")


def _chinese_score(text: str) -> float:
    """The share of non-ASCII characters that are ordinary Chinese (common Hanzi in GB2312 or
    Big5, CJK punctuation). Big5 bytes read as GB18030 land on symbols, kana and rare
    characters; the right decoding scores near 1."""
    good = bad = 0
    for ch in text:
        if ch < "\x80":
            continue
        if _COMMON_PUNCT.match(ch):
            good += 1
        elif "\u4e00" <= ch <= "\u9fff" and (encodes(ch, "gb2312") or encodes(ch, "big5")):
            good += 1
        else:
            bad += 1
    return good / (good + bad) if good + bad else 1.0


def decode_text(raw: bytes, name: str) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding). UTF-8 (with or without BOM), UTF-16 with
    BOM, GB18030 (GBK, GB2312) and Big5 (cp950, HKSCS) are recognised; the two legacy
    Chinese encodings are told apart by which gives ordinary Chinese text, and chardet
    decides only when neither decodes cleanly."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec, errors="strict"), codec.removesuffix("-sig")
            except UnicodeDecodeError as exc:
                raise UnreadableText(
                    tr(
                        "its first bytes say {codec}, but byte {position} breaks off "
                        "({reason}); save it again as UTF-8",
                        codec=codec.removesuffix("-sig").upper(),
                        position=f"{exc.start:,}",
                        reason=exc.reason,
                    )
                ) from None
    if b"\x00" in raw[:8192]:
        raise BulletinError(
            tr(
                "{name}: not a text file (binary content); expected a report's text, or a "
                ".docx, .pdf, .xlsx or .csv file",
                name=name,
            )
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("gb18030", "cp950", "big5hkscs"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_chinese_score(text[:20_000]), codec == "gb18030", codec, text))
    if candidates:
        score, _, codec, text = max(candidates)
        if score >= 0.5:
            return text, codec
    import chardet

    found = chardet.detect(raw, prefer_superset=True)
    if found.get("encoding"):
        try:
            return raw.decode(found["encoding"]), found["encoding"].lower()
        except (UnicodeDecodeError, LookupError):
            pass
    raise BulletinError(
        tr(
            "{name}: the text is in no encoding this tool knows (UTF-8, GB18030, Big5); "
            "save it as UTF-8 text",
            name=name,
        )
    )


# --- readers --------------------------------------------------------------------------------
def read_txt(path: Path, raw: bytes) -> Document:
    """Lines of text; two or more lines in a row of tab-separated cells (a table copied out
    of a spreadsheet) are a table."""
    text, encoding = decode_text(raw, str(path))
    return Document(path, "txt", line_blocks(text.splitlines(), _tab_cells), encoding)


def _tab_cells(line: str) -> list[str] | None:
    """Cells of a line copied out of a spreadsheet (tabs) or typed as a table (|, ｜)."""
    if line.count("\t") >= 2:  # an empty first cell is a column too: never strip tabs
        return [c.strip() for c in line.rstrip("\r\n").split("\t")]
    for separator in ("|", "｜"):  # 「|a|b|」: the outer bars only frame the row
        if line.count(separator) >= 2:
            return [c.strip() for c in line.strip().strip(separator).split(separator)]
    return _named_item_cells(line)


# 「1.項目名稱:X;建設單位:Y;總投資:126000;1-7月完成:11200」: a schedule's row typed as a line
_ITEM_START = re.compile(r"^\s*(?:\d{1,3}[.、．]|[(（]\d{1,3}[)）]|[①-⑳])?\s*")
_NAME_KEY = re.compile(r"^(?:項目名稱|项目名称|項目|项目|名稱|名称|工程名稱|工程名称)$")


def _named_item_cells(line: str) -> list[str] | None:
    """A line of three or more 「key:value」 cells set apart by 「;」 whose first key names the
    project: its cells (the keys stay in them; _keyed_rows makes them the header)."""
    cells = [c.strip() for c in re.split(r"[;；]", _ITEM_START.sub("", line).rstrip("。;； "))]
    cells = [c for c in cells if c]
    if len(cells) < 3 or not all(_KEYED_CELL.match(c) for c in cells):
        return None
    if not _NAME_KEY.match(_KEYED_CELL.match(cells[0]).group(1).strip()):
        return None
    return cells


def read_csv(path: Path, raw: bytes) -> Document:
    text, encoding = decode_text(raw, str(path))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return Document(path, "csv", [Table(path.stem, rows)], encoding)


def read_docx(path: Path, raw: bytes) -> Document:
    from docx import Document as WordDocument
    from docx.table import Table as WordTable
    from docx.table import _Cell

    try:
        word = WordDocument(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BulletinError(
            tr(
                "{path}: not a readable Word (.docx) file ({reason}); an old .doc file must be "
                "saved as .docx first",
                path=path,
                reason=exc,
            )
        ) from None
    blocks: list[Paragraph | Table] = []
    n = 0
    for block in word.iter_inner_content():
        if isinstance(block, WordTable):
            n += 1
            rows = []
            for xml_row in block._tbl.tr_lst:  # merged cells once, padded, so columns line up
                row = [""] * xml_row.grid_before
                for tc in xml_row.tc_lst:
                    text = "" if tc.vMerge == "continue" else _Cell(tc, block).text.strip()
                    row += [text] + [""] * (tc.grid_span - 1)
                rows.append(row)
            blocks.append(Table(f"表{n}", rows))
        elif block.text.strip():
            blocks.append(Paragraph(block.text.strip()))
    return Document(path, "docx", blocks)


def read_pdf(path: Path, raw: bytes) -> Document:
    import logging

    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its notes on damaged files: ours below

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BulletinError(
                tr("{path}: the PDF is protected by a password; save a copy without one", path=path)
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DependencyError:
        raise BulletinError(
            tr("{path}: the PDF is encrypted (AES); save a copy without protection", path=path)
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise BulletinError(
            tr("{path}: not a readable PDF ({reason})", path=path, reason=exc)
        ) from None
    if sum(len(p.strip()) for p in pages) < 10:
        raise BulletinError(
            tr(
                "{path}: the PDF has no text layer (a scan); ask for the report as a Word or "
                "text file, or run it through OCR first",
                path=path,
            )
        )
    from . import pdf_layout

    try:
        blocks = pdf_layout.blocks(raw)
    except pdf_layout.LayoutError as exc:
        raise BulletinError(
            tr(
                "{path}: the PDF's pages cannot be laid out ({reason}); save it again as PDF, "
                "or ask for the schedule as an Excel file",
                path=path,
                reason=exc,
            )
        ) from None
    return Document(path, "pdf", blocks)


_DIGIT_HAN_GAP = re.compile(r"(?<=[\d%])[ ]+(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])[ ]+(?=\d)")


_KEYED_CELL = re.compile(r"^([^:：]{0,10}[\u4e00-\u9fff][^:：]{0,10})[:：]\s*(.*)$")


def _keyed_rows(rows: list[list[str]]) -> list[list[str]] | None:
    """Rows whose every cell is 「key:value」 and which start with the same key
    (「項目名稱:A｜總投資:2億元｜…」 a line): the keys, in the order first seen, are the
    header; a row without one of them has an empty cell there."""
    keyed = [[_KEYED_CELL.match(c) for c in row] for row in rows]
    if not all(all(keyed_row) for keyed_row in keyed):
        return None
    first = keyed[0][0].group(1).strip()
    if any(row[0].group(1).strip() != first for row in keyed[1:]):
        return None
    keys: list[str] = []
    for row in keyed:
        for m in row:
            if m.group(1).strip() not in keys:
                keys.append(m.group(1).strip())
    out = [keys]
    for row in keyed:
        values = {m.group(1).strip(): m.group(2).strip() for m in row}
        out.append([values.get(k, "") for k in keys])
    return out


def line_blocks(lines: list[str], cells_of) -> list[Paragraph | Table]:
    """Lines -> paragraphs and tables: two or more lines in a row that `cells_of` splits into
    cells are a table. In prose, the space a PDF puts where the font changes (「2021 年」)
    goes."""
    blocks: list[Paragraph | Table] = []
    run: list[list[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            name = f"表{sum(isinstance(b, Table) for b in blocks) + 1}"
            if keyed := _keyed_rows(run):  # the header made of the keys is no line: row 0
                blocks.append(Table(name, keyed, first_row=0))
            else:
                blocks.append(Table(name, run[:]))
        else:
            blocks.extend(Paragraph(_DIGIT_HAN_GAP.sub("", " ".join(r))) for r in run)
        run.clear()

    for line in lines:
        cells = cells_of(line)
        if cells is not None:
            run.append(cells)
            continue
        flush()
        blocks.append(Paragraph(_DIGIT_HAN_GAP.sub("", line)))
    flush()
    return blocks


def _shown(value, number_format: str | None) -> str:
    """A cell's value as Excel shows it: 0.525 with 0.0% is 52.5%, 327.0 is 327."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    section = (number_format or "General").split(";")[0]
    if section == "General" or not re.search(r"[0#]", section):
        return format(value, ".15g") if isinstance(value, float) else str(value)
    m = re.search(r"0(?:\.(0+))?", section)
    places = len(m.group(1) or "") if m else 0
    percent = section.rstrip().endswith("%")
    d = Decimal(repr(value)) * (100 if percent else 1)
    d = d.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)  # Excel rounds half up
    return f"{d:f}" + ("%" if percent else "")


def read_xlsx(path: Path, raw: bytes) -> Document:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise BulletinError(
            tr(
                "{path}: not a readable Excel (.xlsx) file ({reason}); an old .xls file must be "
                "saved as .xlsx first",
                path=path,
                reason=exc,
            )
        ) from None
    blocks: list[Paragraph | Table] = []
    for sheet in book.worksheets:
        merged = {}
        for rng in sheet.merged_cells.ranges:
            top = sheet.cell(rng.min_row, rng.min_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged[(r, c)] = top
        rows = []
        for r in range(1, sheet.max_row + 1):
            row = []
            for c in range(1, sheet.max_column + 1):
                cell = merged.get((r, c)) or sheet.cell(r, c)
                row.append(_shown(cell.value, cell.number_format))
            rows.append(row)
        blocks.append(Table(sheet.title, rows))
    return Document(path, "xlsx", blocks)


READERS = {
    ".txt": read_txt,
    ".text": read_txt,
    ".csv": read_csv,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
}
KINDS = "a .txt, .docx, .pdf, .xlsx or .csv file"  # (through _(): the editor's words)


class UnreadableText(ValueError):
    """Bytes that say which encoding they are in and then break it."""


def read_document(path: Path) -> Document:
    """The file named on the command line as a Document, or a BulletinError saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BulletinError(
                tr("{path}: {size} bytes is too large for a report", path=path, size=f"{size:,}")
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BulletinError(
            tr("{path}: no such file; expected {kinds}", path=path, kinds=_(KINDS))
        ) from None
    except IsADirectoryError:
        raise BulletinError(
            tr("{path}: is a folder; expected {kinds}", path=path, kinds=_(KINDS))
        ) from None
    except OSError as exc:
        raise BulletinError(
            tr("{path}: cannot be read ({reason})", path=path, reason=exc.strerror or exc)
        ) from None
    if not raw.strip():
        raise BulletinError(tr("{path}: file is empty; expected a report", path=path))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        saved_as = {".doc": ".docx", ".xls": ".xlsx", ".wps": ".docx", ".et": ".xlsx"}
        new = saved_as.get(path.suffix.lower())
        hint = tr("; save it as {kind}", kind=new) if new else ""
        raise BulletinError(
            tr(
                "{path}: files of this kind cannot be read; expected {kinds}{hint}",
                path=path,
                kinds=_(KINDS),
                hint=hint,
            )
        )
    try:
        document = reader(path, raw)
    except UnreadableText as exc:
        raise BulletinError(
            tr("{path}: cannot be read as text: {reason}", path=path, reason=exc)
        ) from None
    except (BulletinError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file breaks the reading library anyhow
        kind = path.suffix.lower().lstrip(".")
        raise BulletinError(
            tr(
                "{path}: not a readable .{kind} file, it looks damaged ({reason}); open it and "
                "save it again, or ask for a new copy",
                path=path,
                kind=kind,
                reason=f"{type(exc).__name__}: {exc}",
            )
        ) from None
    if not any(
        b.text.strip() if isinstance(b, Paragraph) else any(any(r) for r in b.rows)
        for b in document.blocks
    ):
        raise BulletinError(tr("{path}: holds no text; expected a report", path=path))
    return document

"""Table rules: a project schedule (重點項目進度表 / 重点项目进度表) -> projects with amounts.

A schedule is a table whose header row (it may sit under a merged title row and a
「填報單位」/「單位：萬元」 line, and may span two rows) names its columns. Columns are mapped
by their header words in either script; the unit comes from the header (「總投資（億元）」) or
from the unit line; each project gets its amounts with their basis, and each share with the
amount it is a share of. The provenance of a table value is its place (sheet, row, column
header), kept beside it for the draft's comments and the review.

Rules are data: `COLUMNS` says which header words make which column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..i18n import tr
from ..readers import Table
from ..vocabulary import STAGES
from .areas import is_area

# the header of a column of areas: 「镇（街道）」「乡镇」「县（市、区）」「地区」「单位名称」
AREA_HEADER = (
    r"^各?(镇|乡|乡镇|镇街|街道|园区|开发区|县|区|市|地区|单位|区县|县区|县市区|县市|区域|片区|板块)"
    r"([（(、/][^）)]*[）)]?)*(名称)?$"
)
# (column kind, header pattern, patterns that must not match), in Simplified: headers are
# converted to Simplified before matching. The first kind that matches a header wins.
COLUMNS: list[tuple[str, str, str | None]] = [
    ("seq", r"^(序号|编号|序)$", None),
    ("share_total", r"占总投资|累计完成.*(比例|%|％)|投资完成率|总体进度", None),
    (
        "share_plan",
        r"(完成|占)(年度|年|全年)?计划.*(%|％|比例|比重)|^(完成|占)(年度|年|全年)?(投资)?计划$"
        r"|计划完成率|年度投资完成率"
        r"|完成率|完成比例",
        None,
    ),
    (
        "cumulative",
        r"累计完成|开工以来|至今累计|累计投资|累计到位|^开累",
        r"本年|今年|年初|1[-—–~至]",
    ),
    # one month's amount: 「4月完成」「當月完成」 (1-4月完成 is the year's, below)
    ("month", r"^\d{1,2}月份?(完成|投资)|^(当月|本月)(完成|投资)", None),
    (
        "done",
        r"本年.*完成|今年.*完成|全年完成|年度完成|年初.*完成|1?[-—–~至]\d+月.*完成|1?[-—–~至]\d+月|完成投资"
        r"|本年累计|截至\d+月|本期完成|^完成$|实际完成",
        None,
    ),
    ("plan", r"年度计划|本年计划|年计划|计划投资|年度投资计划|年度目标", r"总投资"),
    ("total", r"总投资|估算投资|概算", None),
    # a table of areas: a count of each area's projects, the area's column (镇（街道）, 县（市、区）)
    ("count", r"^(重点)?项目(个)?数|^(项目)?个数|^(重点)?项目[（(](个|项)[）)]$", None),
    ("name", r"项目名称|工程名称|^项目$|^名称$", None),
    ("area", AREA_HEADER, None),
    ("content", r"建设内容|建设规模|主要内容|规模及内容", None),
    ("progress", r"进展|进度情况|形象进度|工程进度|完成情况|存在问题", None),
    ("stage", r"建设阶段|项目状态|^状态$|建设性质|项目性质|阶段", None),
    ("sector", r"行业|类别|项目类型|领域|类型", None),
    ("start", r"开工时间|起止年限|建设年限|建设期限|开竣工", None),
    ("owner", r"责任单位|业主|建设单位|牵头单位|责任人|联系人", None),
]
AMOUNT_BASIS = {
    "total": "總投資",
    "plan": "年度計劃",
    "month": "本期",
    "done": "本年完成",
    "cumulative": "累計",
}
SHARE_OF = {"share_plan": ("done", "年度計劃"), "share_total": ("cumulative", "總投資")}
SHARE_BESIDE = {"done": "share_plan", "cumulative": "share_total"}
BRACKETED_SHARE = re.compile(r"^(.+?)[(（](\d+(?:\.\d+)?)[%％][)）]$")
UNIT = re.compile(r"(億元|亿元|萬元|万元|元)")
MISSING = {"", "-", "—", "——", "–", "/", "\\", "…", "无", "無", "暂无", "暫無"}
NUMBER = re.compile(r"^(?:約|约|近|超|逾)?\s*(-?\d+(?:\.\d+)?)\s*(%|％|億元|亿元|萬元|万元)?$")
SUBTOTAL = re.compile(r"^(合\s*計|合\s*计|總\s*計|总\s*计|小\s*計|小\s*计|全[市縣县區区州省])")
PROJECT_HEADER = r"项目名称|工程名称|^项目$"
HEADING_ROW = re.compile(
    r"^[一二三四五六七八九十]+(?:[、.．]|$)|^[（(][一二三四五六七八九十]+[）)]"
)


@dataclass
class Cell:
    value: Decimal | str
    unit: str | None
    place: str  # 「進度表」第5行第C列 (總投資)


@dataclass
class Row:
    name: str
    place: str
    cells: dict[str, Cell] = field(default_factory=dict)
    category: str | None = None


@dataclass
class Schedule:
    table: Table
    title: str | None
    unit: str | None
    columns: dict[int, tuple[str, str]]  # column index -> (kind, header text)
    rows: list[Row]
    totals: list[Row]
    areas: list[Row] = field(default_factory=list)  # a table of areas: their rows, no projects


def _t2s(text: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def column_kind(header: str) -> str | None:
    simple = _t2s(_squash(header))
    for kind, pattern, unless in COLUMNS:
        if re.search(pattern, simple) and not (unless and re.search(unless, simple)):
            return kind
    return None


def _header_texts(rows: list[list[str]], top: int, depth: int) -> list[str]:
    """The header text of each column over `depth` rows: a group title (merged across its
    columns) followed by each column's own words, each written once."""
    width = max(len(r) for r in rows[top : top + depth])
    texts = []
    for j in range(width):
        parts: list[str] = []
        for r in rows[top : top + depth]:
            cell = _squash(r[j]) if j < len(r) else ""
            if cell and cell not in parts:
                parts.append(cell)
        texts.append("".join(parts))
    return texts


def _row_columns(texts: list[str]) -> dict[int, tuple[str, str]]:
    columns: dict[int, tuple[str, str]] = {}
    for j, text in enumerate(texts):
        kind = column_kind(text) if text else None
        if kind and kind not in {k for k, _ in columns.values()}:
            columns[j] = (kind, text)
    return columns


def find_header(table: Table) -> tuple[int, int, dict[int, tuple[str, str]]] | None:
    """(first header row, its depth in rows, columns) of the first row among the first 15
    that names the project column (or a column of areas: by its header words, or by its cells
    all being areas' names) and an amount column; None if the table is no schedule.
    The header goes on down while the next rows hold header words and no numbers (a
    two-level header: 「1—9月」 over 「完成投資」 and 「占年度計劃%」)."""
    rows = table.rows
    for top in range(min(len(rows), 15)):
        columns = _row_columns([_squash(c) for c in rows[top]])
        areas = _area_column(rows, top, columns)
        kinds = {k for k, _ in columns.values()}
        named = bool(kinds & {"name", "area"}) or areas is not None
        if not named or len(kinds) + (areas is not None) < 2:
            continue
        depth = 1
        while top + depth < len(rows) and depth < 3 and _is_header_continuation(rows[top + depth]):
            depth += 1
        columns = _row_columns(_header_texts(rows, top, depth))
        if areas is not None:
            columns[areas] = ("area", _squash(rows[top][areas]) if areas < len(rows[top]) else "")
        if {k for k, _ in columns.values()} & set(AMOUNT_BASIS):
            return top, depth, columns
    return None


def _area_column(rows: list[list[str]], top: int, columns: dict) -> int | None:
    """Under a header row that names no project column nor one of areas, the column of the
    rows' classes (項目類別, 行業), else the column whose cells (two or more, totals aside)
    are all areas' names: 「蘇堤街道」「臨江鎮」."""
    if {k for k, _ in columns.values()} & {"name", "area"}:
        return None
    # 「項目類別|項目個數|年度計劃投資…」 with no project column: each row is a class of projects
    classes = [j for j, (kind, _header) in columns.items() if kind == "sector"]
    if classes:
        return classes[0]
    for j in range(max((len(r) for r in rows[top : top + 2]), default=0)):
        if j in columns:
            continue
        cells = [_squash(r[j]) for r in rows[top + 1 :] if j < len(r) and _squash(r[j])]
        cells = [c for c in cells if not SUBTOTAL.match(c)]
        if len(cells) >= 2 and all(is_area(c) for c in cells):
            return j
    return None


def _is_header_continuation(row: list[str]) -> bool:
    texts = [c for c in row if c.strip()]
    if not texts:
        return False
    numbers = sum(bool(NUMBER.match(_squash(c))) for c in texts)
    words = sum(bool(column_kind(c)) for c in texts)
    return numbers == 0 and words >= 2


def _unit_of(text: str) -> str | None:
    m = UNIT.search(text)
    return m.group(1) if m else None


def _number(text: str) -> tuple[Decimal, str | None] | None:
    m = NUMBER.match(_squash(text).replace(",", "").replace("，", ""))
    if not m:
        return None
    try:
        return Decimal(m.group(1)), m.group(2)
    except InvalidOperation:
        return None


def _read_cells(
    table: Table, i: int, columns: dict[int, tuple[str, str]], unit: str | None
) -> dict[str, Cell]:
    """The cells of row `i` by column kind: amounts with their unit (the cell's own, else the
    header's, else the table's unit line), shares in percent, text as written."""
    cells, out = table.rows[i], {}
    for j, (kind, header) in columns.items():
        if j >= len(cells) or kind in ("seq", "name", "area") or _squash(cells[j]) in MISSING:
            continue
        place = f"{table.place(i, j)}（{header}）"
        text = cells[j]
        if kind == "count":
            if number := _number(re.sub(r"[个個项項宗]$", "", _squash(text))):
                out[kind] = Cell(number[0], _count_unit(header, text), place)
            continue
        if kind not in AMOUNT_BASIS and kind not in SHARE_OF:
            out[kind] = Cell(text.strip(), None, place)
            continue
        # 「4.62億元（92.4%）」: the amount and, in brackets, its share
        bracket = BRACKETED_SHARE.match(_squash(text))
        if bracket and kind in SHARE_BESIDE:
            text = bracket.group(1)
            out.setdefault(SHARE_BESIDE[kind], Cell(Decimal(bracket.group(2)), "%", place))
        if number := _number(text):
            value, written = number
            written = "%" if kind in SHARE_OF else written or _unit_of(header) or unit
            out[kind] = Cell(value, written, place)
    return out


def _count_unit(header: str, text: str) -> str:
    """The measure a count of projects is in: the cell's (「12個」), the header's (「項目數（個）」),
    else 個 in the header's script."""
    if own := re.search(r"[个個项項宗]$", _squash(text)):
        return own.group(0)
    if named := re.search(r"[（(]([个個项項宗])[)）]", header):
        return named.group(1)
    return "个" if _t2s(header) == header else "個"


def read_schedule(table: Table, unit: str | None = None) -> Schedule | None:
    """The schedule a table holds, or None. `unit` is the document's unit line, for a table
    that names no unit of its own."""
    found = find_header(table)
    if found is None:
        return None
    top, depth, columns = found
    above = [_squash(c) for r in table.rows[:top] for c in r if c.strip()]
    title = next(
        (c for c in above if not re.match(r"^(填[報报]|單位|单位|金額|金额)", c) and len(c) >= 6),
        None,
    )
    unit = next((_unit_of(c) for c in above if re.search(r"單位|单位", c) and _unit_of(c)), unit)
    name_col, of_areas = _name_column(columns)
    if name_col is None:  # a header row without a column of names is no schedule
        return None
    rows, totals = _body_rows(table, top + depth, name_col, columns, unit)
    schedule = Schedule(table, title, unit, columns, rows, totals)
    # 「名稱」 over 「蘇堤街道」「臨江鎮」: a table of areas too
    if of_areas is None and len(rows) >= 2 and all(is_area(r.name) for r in rows):
        of_areas = True
    if of_areas:
        schedule.areas, schedule.rows = schedule.rows, []
    return schedule


def _name_column(columns: dict[int, tuple[str, str]]) -> tuple[int | None, bool | None]:
    """The column that names the rows and whether they are areas (None: as their cells say):
    the project column (項目名稱: projects; 「名稱」: as its cells say), else the areas' column
    (鎮（街道）)."""
    by_kind = {k: j for j, (k, _) in columns.items()}
    if "name" in by_kind:
        projects = re.search(PROJECT_HEADER, _t2s(columns[by_kind["name"]][1]))
        return by_kind["name"], False if projects else None
    return by_kind.get("area"), True if "area" in by_kind else None


def _body_rows(
    table: Table, first: int, name_col: int, columns: dict[int, tuple[str, str]], unit: str | None
) -> tuple[list[Row], list[Row]]:
    """The rows from `first` on: the named rows (each in the group it sits in) and the totals
    (合計, 小計, a group's subtotal)."""
    seq_col = next((j for j, (k, _) in columns.items() if k == "seq"), None)
    rows, totals, category = [], [], None
    for i in range(first, len(table.rows)):
        cells = table.rows[i]
        name = _squash(cells[name_col]) if name_col < len(cells) else ""
        seq = _squash(cells[seq_col]) if seq_col is not None and seq_col < len(cells) else ""
        label = name or seq
        if not label or re.match(r"^(注|備註|备注|說明|说明|填表|審核|审核|制表)", label):
            continue
        row = Row(name, table.place(i, name_col), _read_cells(table, i, columns, unit))
        if SUBTOTAL.match(label) or SUBTOTAL.match(seq) or re.match(r"^其中", label):
            totals.append(row)
        elif HEADING_ROW.match(label) or (HEADING_ROW.match(seq) and not _number(seq)):
            category = re.sub(r"^[一二三四五六七八九十（()）、.．]+", "", label) or label
            if any(k in AMOUNT_BASIS for k in row.cells):
                totals.append(row)  # a group's subtotal
        elif name and not _number(name):
            row.category = category
            rows.append(row)
    return rows, totals


def stage_of(text: str) -> str | None:
    """A stage word written in the cell (在建, 新開工 …), as one of the model's stages."""
    simple = _squash(text)
    for stage in sorted(STAGES, key=len, reverse=True):
        if stage in simple:
            return stage
    return None


def _amounts(row: Row) -> tuple[list[dict], dict[str, str]]:
    """A row's amounts, each with its basis and the share stated of it, and their places."""
    amounts: list[dict] = []
    places: dict[str, str] = {}
    for kind in AMOUNT_BASIS:
        cell = row.cells.get(kind)
        if cell is None or cell.unit is None:
            continue
        amount = {"amount": cell.value, "unit": cell.unit, "basis": AMOUNT_BASIS[kind]}
        places[f"amounts.{len(amounts)}"] = cell.place
        for share_kind, (of_kind, of_word) in SHARE_OF.items():
            share = row.cells.get(share_kind)
            # a plan can be exceeded (126.2%), a total not
            if of_kind == kind and share is not None and (share.value <= 100 or kind == "done"):
                amount["share"] = {"percent": share.value, "of": of_word}
                places[f"amounts.{len(amounts)}.share"] = share.place
        amounts.append(amount)
    return amounts, places


def schedule_projects(schedule: Schedule) -> list[dict]:
    """Each row as a draft project: amounts with basis and share, stage, progress, places."""
    projects = []
    for row in schedule.rows:
        amounts, places = _amounts(row)
        project: dict = {"name": row.name, "place": row.place, "places": places}
        if amounts:
            project["amounts"] = amounts
        if "stage" in row.cells and (stage := stage_of(str(row.cells["stage"].value))):
            project["stage"] = stage
        if "progress" in row.cells:
            project["progress"] = str(row.cells["progress"].value)
            if "stage" not in project and (stage := stage_of(project["progress"])):
                project["stage"] = stage
        if "content" in row.cells:
            project["content"] = str(row.cells["content"].value)
        if "sector" in row.cells:
            project["sector"] = str(row.cells["sector"].value)
        elif row.category:  # the group the row sits in: 「一、交通項目」
            project["sector"] = re.sub(r"(項目|项目|類|类|工程)$", "", row.category)
        unsure = [
            (kind, cell)
            for kind, cell in row.cells.items()
            if kind in AMOUNT_BASIS and cell.unit is None
        ]
        if unsure:
            project["unsure"] = [
                tr(
                    "{basis} {value}: no unit in the table ({place})",
                    basis=AMOUNT_BASIS[k],
                    value=c.value,
                    place=c.place,
                )
                for k, c in unsure
            ]
        projects.append(project)
    return projects

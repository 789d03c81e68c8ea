"""Schedules and key:value blocks: projects from tables joined to the prose's, the table's totals."""

from __future__ import annotations

import re

from .draft import Draft
from .facts import project_facts
from .lexicon import NUM, either_script, rule
from .names import same_name, slug


def _read_cells_as_prose(table_project: dict) -> None:
    """The text cells in the prose rules' terms: capacity from 「建設規模:4×300MW」, physical
    progress from 「路面工程完成60%」."""
    content = table_project.pop("content", None)
    if content and (size := project_facts("", content).get("capacity")):
        table_project["capacity"] = size
    progress = table_project.get("progress")
    if progress and "physical_progress" not in table_project:
        if physical := project_facts("", progress).get("physical_progress"):
            table_project["physical_progress"] = physical


def _join_table_project(known: dict, table_project: dict) -> None:
    """A project named in the prose and in a table: the table's amounts (with their places)
    join the prose's; what the prose left empty the table fills."""
    have = {(a["amount"], a["unit"]) for a in known.get("amounts", [])}
    amounts, places = list(known.get("amounts", [])), dict(known.get("places", {}))
    for i, amount in enumerate(table_project.get("amounts", [])):
        if (amount["amount"], amount["unit"]) in have:
            continue
        for suffix in ("", ".share"):
            if where := table_project["places"].get(f"amounts.{i}{suffix}"):
                places[f"amounts.{len(amounts)}{suffix}"] = where
        amounts.append(amount)
    if amounts:
        known["amounts"] = amounts
    known.update(place=table_project["place"], places=places)
    for key in ("stage", "progress", "sector", "physical_progress", "capacity"):
        if key in table_project and key not in known:
            known[key] = table_project[key]


def add_area_figures(draft: Draft, figures: list[dict]) -> None:
    """The figures of lines about an area (areas.py) join the draft's figures, each where
    its line stands."""
    for fig in figures:
        _add_area_figure(draft, fig)


def _add_area_figure(draft: Draft, fig: dict) -> None:
    """A figure of a line about an area joins the draft's figures where the line stands: before
    the first figure read from a line after it."""
    later = fig.pop("later")
    at = next(
        (
            i
            for i, known in enumerate(draft.figures)
            if known.get("quote") and any(known["quote"] in line for line in later)
        ),
        len(draft.figures),
    )
    draft.figures.insert(at, fig)


def add_table_projects(draft: Draft, projects: list[dict]) -> None:
    """Projects read from schedules join the draft: one already named in the prose gets the
    table's amounts, a new one is added."""
    for table_project in projects:
        _read_cells_as_prose(table_project)
        known = next(
            (p for p in draft.projects if same_name(p["name"], table_project["name"])), None
        )
        if known is None:
            draft.projects.append({"id": slug(table_project["name"]), **table_project})
        else:
            _join_table_project(known, table_project)


GRAND_TOTAL = rule(r"^(?:合\s*計|總\s*計|全[市縣區州省])")


def total_figures(schedule) -> list[dict]:
    """The table's grand-total row (合計) as headline figures: the total investment, the
    completed amount with its plan and share of it, the cumulative amount. Subtotals of a
    group stay comments. A table of areas (鎮（街道）, 縣（市、區）): each area's row as its
    figures too, labelled with the area."""
    row = next((r for r in schedule.totals if GRAND_TOTAL.match(r.name or "合計")), None)
    if row is None and len(schedule.totals) == 1 and len(schedule.rows) >= 2:
        row = schedule.totals[0]  # 「小計(3項)」 under the only group: the table's total
    figures = row_figures(schedule, row, row.name or "合計") if row is not None else []
    for area in schedule.areas:
        figures += row_figures(schedule, area, area.name)
    return figures


# a unit in brackets at a header's end is no part of a figure's label: 「1-11月完成（億元）」
HEADER_UNIT = rule(r"[(（](?:億元|萬元|元|個|項|宗|%|％)[)）]$")


def row_figures(schedule, row, name: str) -> list[dict]:
    """A row's cells as headline figures labelled 「<name><the column's header>」: the count of
    projects, the total investment, the month's amount, the completed amount with its plan
    and share of it, the cumulative amount; each with the cell it came from."""
    from .schedule import AMOUNT_BASIS as COLUMN_BASIS

    cells = {k: c for k, c in row.cells.items() if not isinstance(c.value, str)}
    figures = []
    for kind in ("count", "total", "month", "done", "cumulative"):
        cell = cells.get(kind)
        if cell is None or cell.unit is None:
            continue
        header = next(h for k, h in schedule.columns.values() if k == kind)
        fig = {
            "label": name + HEADER_UNIT.sub("", header),
            "changes": [],
            "value": {"amount": cell.value, "unit": cell.unit},
            "place": cell.place,
        }
        if kind == "done":
            if (plan := cells.get("plan")) and plan.unit:
                fig["plan"] = {"amount": plan.value, "unit": plan.unit}
            if share := cells.get("share_plan"):
                fig["share_of_plan"] = share.value
        if kind in ("month", "cumulative"):
            fig["value"]["basis"] = COLUMN_BASIS[kind]
        figures.append(fig)
    return figures


KEY_VALUE = rule(r"^([^:：,，。;；]{2,14})[:：](.+)$")


UNIT_LINE = rule(r"(?:單位)[:：]\s*(億元|萬元|元)")


def stated_unit(lines: list[str]) -> str | None:
    """The unit a document states for its bare amounts, on a line near its top: 「單位:萬元」."""
    return next((u.group(1) for ln in lines[:8] if (u := UNIT_LINE.search(ln))), None)


NAME_KEY = rule(r"^(?:項目名稱|工程名稱)$")


def pairs_as_prose(line: str, unit: str | None) -> str:
    """「全縣重點項目:26個;年度計劃投資:154000;1—10月完成投資:131560;完成率:85.4%」: a subject
    and its figures as key:value pairs, read as the sentence they stand for (bare amounts in
    the unit the document states: 「單位:萬元」). Any other line is returned as it is."""
    pieces = [p.strip() for p in re.split(r"[;；]", line.rstrip("。;； ")) if p.strip()]
    pairs = [KEY_VALUE.match(p) for p in pieces]
    if len(pairs) < 3 or not all(pairs):
        return line
    subject, count = pairs[0].group(1).strip(), pairs[0].group(2).strip()
    if NAME_KEY.match(subject) or not re.match(either_script(rf"^{NUM}(?:個|項|宗)$"), count):
        return line
    told = [f"{subject}:共{count}"]
    for pair in pairs[1:]:
        key, value = pair.group(1).strip(), pair.group(2).strip()
        if (
            re.match(rf"^{NUM}$", value)
            and unit
            and not re.search(either_script(r"率|比|增|降|%"), key)
        ):
            value += unit  # a bare amount in the document's unit
        told.append(key + value)
    return ",".join(told) + "。"


def key_value_blocks(lines: list[str], unit: str | None) -> tuple[list[dict], set[int]]:
    """Projects written as 「項目名稱:…」 followed by 「總投資:…」「1—6月完成投資:…」 lines: each
    block is a one-row table, read by the schedule rules. Returns the projects (each quoting
    its block) and the indexes of the lines they used."""
    from ..readers import Table
    from .schedule import read_schedule, schedule_projects

    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        m = KEY_VALUE.match(line)
        if m and NAME_KEY.match(m.group(1).strip()):
            blocks.append([i])
        elif m and blocks and blocks[-1][-1] == i - 1 and not re.search(r"[;；|｜]", lines[i - 1]):
            blocks[-1].append(i)
    projects: list[dict] = []
    used: set[int] = set()
    for block in blocks:
        # 「項目名稱:A;總投資:68000;…」 (or with |) on one line, or one pair a line
        pairs = [
            m.groups()
            for i in block
            for piece in re.split(r"[;；|｜]", lines[i])
            if (m := KEY_VALUE.match(piece.strip()))
        ]
        rows = [[f"單位:{unit}"]] if unit else []
        rows += [[k.strip() for k, _ in pairs], [v.strip() for _, v in pairs]]
        table = Table("正文", rows)
        schedule = read_schedule(table)
        if schedule is None:
            continue
        for project in schedule_projects(schedule):
            project.pop("place"), project.pop("places")
            project["quote"] = "\n".join(lines[i] for i in block)
            projects.append(project)
        used.update(block)
    return projects, used

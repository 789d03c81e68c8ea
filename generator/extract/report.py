"""A report's text, or a Document of any format, to one draft (the entry points)."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import BulletinError
from ..i18n import tr
from .dates import find_period, month_end, parse_date
from .discourse import read_facts
from .draft import Draft
from .figures import join_plans
from .lexicon import ISSUER
from .normalize import clean
from .segment import NEXT_HEADING, PROBLEMS_HEADING, section_items, sections, split_parts
from .tables import add_table_projects, key_value_blocks, pairs_as_prose, stated_unit, total_figures


def extract(  # noqa: C901
    text: str, *, part: str | None = None, region: str | None = None, document: str | None = None
) -> Draft:
    text = clean(text)
    parts = split_parts(text)
    named = [p[0] for p in parts if p[0]]
    if part and part not in named:
        raise BulletinError(
            tr(
                "--part {part}: the document has no such part; its parts are {parts}",
                part=part,
                parts=tr(", ").join(named),
            )
            if named
            else tr("--part {part}: the document has no such part; it has only one part", part=part)
        )
    chosen = next(p for p in parts if p[0] == part) if part else parts[0]
    draft = Draft(other_parts=[p[0] for p in parts if p[0] and p is not chosen])
    name, lines = chosen
    lines = [ln for ln in lines if ln]
    # the closing signature (issuer, date) is not part of the last section's text
    body_end = len(lines)
    while (
        body_end
        and len(lines[body_end - 1]) <= 20
        and (parse_date(lines[body_end - 1]) or re.search(ISSUER, lines[body_end - 1]))
    ):
        body_end -= 1
    body = "\n".join(lines)
    draft.fields["region"] = region
    title = next(
        (
            ln
            for ln in lines[:6]
            if len(ln) < 50
            and not re.search(r"[，,。；;]", ln)
            and re.search(
                r"報告|报告|匯報|汇报|(?:情況|情况|進展|进展|通報|通报|進度表|进度表)$", ln
            )
        ),
        None,
    )
    if (
        title is None
        and lines
        and len(lines[0]) <= 40
        and not re.search(r"[，,。；;]", lines[0])
        and not re.search(ISSUER, lines[0])
        and not ((dated := parse_date(lines[0])) and dated[2])  # a date line, not a headline
    ):
        title = lines[0]  # a headline of another kind: 「…投資運行簡析」, 「…投資簡報」
    if title:
        draft.fields["title"] = title
    issuer = next(
        (ln for ln in lines[:3] + lines[-3:] if re.search(ISSUER, ln) and len(ln) <= 20), None
    )
    if issuer:
        draft.fields["issuer"] = issuer
    addressee = next(
        (
            ln[:-1]
            for ln in lines[:6]
            if ln.endswith(":")
            and len(ln) <= 20
            and not re.search(r"如下|情況|情况|進展|进展|安排|通知|說明|说明", ln)
        ),
        None,
    )
    if addressee:
        draft.fields["addressee"] = addressee
    found_date = None
    for ln in reversed(lines[-4:]):
        if (d := parse_date(ln)) and d[2]:
            found_date = d
            draft.fields["published"] = d[0]
            draft.fields["published_as"] = d[1]
            break
    period = find_period(body)
    if period is None and title and (whole := re.search(r"(\d{4})年(?:度)?", title)):
        # 「關於2017年…的報告」 names no months: the report is on that year
        period = 1, 12, f"{whole.group(1)}年", int(whole.group(1)), title
    if period:
        first, last, label, year, quote = period
        where = tr("the period's own words")
        if year is None and found_date:
            year = found_date[0].year if last <= found_date[0].month else found_date[0].year - 1
            where = tr("the report's date {date}", date=found_date[1])
        if year is None:
            years = re.findall(r"(\d{4})年", body)
            if years:
                year = int(max(set(years), key=years.count))
                where = tr("「{year}年」, the year the text names most", year=year)
        if year:
            draft.fields["period"] = {
                "start": dt.date(year, first, 1),
                "end": month_end(year, last),
                "label": label,
            }
            draft.comments["period"] = tr(
                "from: 「{quote}」; year from {where}", quote=quote, where=where
            )
    draft.fields["source"] = {"document": document or "REPORT.txt", "parts": [name] if name else []}
    heads = {draft.fields.get(k) for k in ("title", "issuer")} | {f"{addressee}:"}
    unit = stated_unit(lines)  # for bare amounts in key:value lines
    for heading, sec_lines in sections([ln for ln in lines[:body_end] if ln not in heads]):
        if re.search(PROBLEMS_HEADING, heading):
            draft.problems = section_items(sec_lines)
            read_facts(draft, sec_lines, facts_wanted=False)
            continue
        if re.search(NEXT_HEADING, heading):
            draft.next_steps = section_items(sec_lines)
            read_facts(draft, sec_lines, figures=False, facts_wanted=False)
            continue
        blocks, used = key_value_blocks(sec_lines, unit)
        kept = [ln for i, ln in enumerate(sec_lines) if i not in used]
        read = [pairs_as_prose(ln, unit) for ln in kept]
        told = dict(zip(read, kept, strict=True))
        read_facts(draft, read)
        for fig in draft.figures:  # the quote is the report's own line, not its reading
            fig["quote"] = told.get(fig.get("quote", ""), fig.get("quote", ""))
        add_table_projects(draft, blocks)
    draft.figures = join_plans(draft.figures)
    for key in ("title", "issuer", "addressee", "published", "period"):
        if key not in draft.fields:
            draft.not_found.append(key)
    for key, items in (
        ("figures", draft.figures),
        ("projects", draft.projects),
        ("problems", draft.problems),
        ("next_steps", draft.next_steps),
    ):
        if not items:
            draft.not_found.append(key)
    return draft


def extract_document(doc, *, part: str | None = None, region: str | None = None) -> Draft:
    """A Document of any format -> one draft: prose by the prose rules, tables by the
    schedule rules, the two joined by project name."""
    from .schedule import read_schedule, schedule_projects

    # a unit line outside the table: 「單位:萬元」 above a table pasted into a text file
    unit = stated_unit(doc.paragraphs)
    schedules = {id(t): s for t in doc.tables if (s := read_schedule(t, unit)) is not None}
    # the prose, in document order; a table that is no schedule (「項目一|X|總投資32億元|…」)
    # is read as lines of prose, its cells as clauses
    pure_tables = doc.kind not in ("txt", "pdf", "docx")  # a workbook has no prose
    skip = {id(t) for t in doc.tables} if pure_tables else set(schedules)
    text = "\n".join(doc.lines(skip))
    draft = (
        extract(text, part=part, region=region, document=doc.path.name)
        if text.strip()
        else Draft(fields={"region": region, "source": {"document": doc.path.name, "parts": []}})
    )
    schedules = list(schedules.values())
    if doc.tables and not schedules and not text.strip():
        raise BulletinError(
            tr(
                "{path}: no table in it has a header row naming the project column "
                "(項目名稱) and an amount column (總投資, 年度計劃投資, 1—N月完成投資, 累計完成投資); "
                "expected a project schedule",
                path=doc.path,
            )
        )
    for schedule in schedules:
        add_table_projects(draft, schedule_projects(schedule))
        draft.figures += total_figures(schedule)
        if schedule.title and "title" not in draft.fields:
            draft.fields["title"] = schedule.title
            period = find_period(schedule.title)
            if period and period[3]:
                first, last, label, year, _ = period
                draft.fields["period"] = {
                    "start": dt.date(year, first, 1),
                    "end": month_end(year, last),
                    "label": label,
                }
                draft.comments["period"] = tr(
                    "from the table's title 「{title}」", title=schedule.title
                )
        draft.tables.append(schedule)
    if schedules:
        draft.not_found = [
            k
            for k in draft.not_found
            if not ((k == "projects" and draft.projects) or k in draft.fields)
        ]
    return draft

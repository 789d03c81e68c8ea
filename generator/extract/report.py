"""A report's text, or a Document of any format, to one draft (the entry points)."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import BulletinError
from ..i18n import tr
from .areas import area_line_figures
from .dates import DATE, find_period, month_end, parse_date
from .discourse import read_facts
from .draft import Draft
from .figures import join_plans
from .lexicon import ISSUER, either_script, rule
from .normalize import clean
from .segment import (
    NEXT_HEADING,
    PROBLEMS_HEADING,
    section_items,
    sections,
    split_next_steps,
    split_parts,
)
from .tables import (
    add_area_figures,
    add_table_projects,
    key_value_blocks,
    pairs_as_prose,
    stated_unit,
    total_figures,
)

# a line that reads as a report's title: 「關於…的報告」, 「…進展情況」, 「…進度表」
TITLE_WORDS = either_script(r"報告|匯報|(?:情況|進展|通報|進度表)$")
# a line ending in 「:」 that introduces the text, not the one it is addressed to
NOT_ADDRESSEE = either_script(r"如下|情況|進展|安排|通知|說明")
CLAUSE_MARK = r"[，,。；;]"
# whom a report is sent to: offices (「各鄉鎮人民政府,縣直各單位」, 「縣人大常委會」, 「市發展改革委」),
# not a lead-in (「分鄉鎮看」, 「從行業看」, 「其中」) nor a salutation (「同志們」, 「各位委員」)
RECIPIENT = rule(
    r"^各(?!位)|(?:政府|單位|部門|常委會|委員會|管委會|縣委|市委|區委|州委|黨委|局|委|辦|企業)$"
)
SECTION_HEADING = rule(r"^[一二三四五六七八九十]+、")
# a speech's title: 「在全區重點項目推進會上的講話」
SPEECH = rule(r"講話|致辭|發言")
# a date as a web page writes it: 2024-05-08
ISO_DATE = rule(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# the masthead of a news item: the paper or site, its date, page or source
MASTHEAD = rule(r"網|報|版|來源|期")
# a tag or label before a headline: 【新聞】, 【某某日報】, 「標題:」
HEADLINE_TAG = rule(r"^(?:【[^】]{1,8}】|標題[:：])(?=.)")
# an office named at the head of its own title: 「某某縣發展和改革局關於…的通報」
ISSUER_IN_TITLE = rule(r"^(.{2,20}?)關於")
# what an issuer's line adds to its name: 「…服務中心編」, 「…印發」
ISSUER_MARK = rule(r"(?:編|印發|供稿)$")
# a report to a people's congress dates itself in a subtitle: 「——2024年8月28日在…會議上」
SPEECH_LINE = rule(r"^[—\-]*.{0,12}?日在.{2,40}會議?上")
# the lines after the text that say whom a bulletin goes to: 「送:…」, 「抄送:…」, 「發:…」
DISTRIBUTION = rule(r"^(?:抄送|抄報|報送|送|發|報)[:：]")
# the fields and the lists a draft should have, in the order the not-found list names them
WANTED_FIELDS = ("title", "issuer", "addressee", "published", "period")
WANTED_LISTS = ("figures", "projects", "problems", "next_steps")


def extract(
    text: str, *, part: str | None = None, region: str | None = None, document: str | None = None
) -> Draft:
    """A report's text -> its draft: the header fields, the period, then the sections' facts."""
    name, lines, others = choose_part(clean(text), part)
    draft = Draft(other_parts=others)
    draft.fields["region"] = region
    title = find_title(lines)
    if title:
        draft.fields["title"] = title
    issuer = find_issuer(lines)
    if issuer:
        draft.fields["issuer"] = issuer
    addressee = find_addressee(lines)
    if addressee:
        draft.fields["addressee"] = addressee
    found_date = find_published(lines)
    if found_date:
        draft.fields["published"], draft.fields["published_as"] = found_date[0], found_date[1]
    draft_period(draft, "\n".join(lines), title, found_date)
    draft.fields["source"] = {"document": document or "REPORT.txt", "parts": [name] if name else []}
    heads = {draft.fields.get(k) for k in ("title", "issuer")} | {f"{addressee}:"}
    body = [ln for ln in lines[: body_end(lines)] if ln not in heads and untagged(ln) not in heads]
    read_sections(draft, body, stated_unit(lines))  # the unit for bare amounts in key:value lines
    draft.figures = join_plans(draft.figures)
    draft.not_found.extend(list_not_found(draft))
    return draft


def choose_part(text: str, part: str | None) -> tuple[str | None, list[str], list[str]]:
    """The part to read (the named one, or the first): its name, its non-empty lines, and the
    names of the other parts. An error if the document has no part of that name."""
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
    others = [p[0] for p in parts if p[0] and p is not chosen]
    name, lines = chosen
    return name, [ln for ln in lines if ln], others


def body_end(lines: list[str]) -> int:
    """Where the text ends: the closing signature (issuer, date), a byline or an issuer in
    brackets, and the lines saying whom a bulletin goes to are not part of the last section's
    text."""
    end = len(lines)
    while end and (
        (
            len(lines[end - 1]) <= 20
            and (parse_date(lines[end - 1]) or re.search(ISSUER, lines[end - 1]))
        )
        or signature(lines[end - 1])
        or DISTRIBUTION.match(lines[end - 1])
    ):
        end -= 1
    return end


# the pieces of a signature line: its office, its date, 「第12期」, a telephone number
SIGNATURE_PIECES = rule(r"[\s,，、()（）]+")
# a bulletin's issue number before its office: 「第5期」, 「2024年第9期」, 「總第118期」
ISSUE_NUMBER = rule(r"^(?:\d{4}年)?總?第\d+期")
CONTACT = rule(r"^(?:聯繫|聯系)?(?:電話|人)[:：]")


def signature(line: str) -> tuple[str | None, tuple | None] | None:
    """An issuer's line: its office and its date, each possibly absent (「區發改局 2024年12月6日」,
    「(縣能源局,2023年9月5日)」, 「楓港區項目辦編印」); None if the line says anything else."""
    if len(line) > 60:
        return None
    issuer = date = None
    for piece in (p for p in SIGNATURE_PIECES.split(line) if p):
        if DATE.fullmatch(piece):
            date = parse_date(piece)
        elif CONTACT.match(piece) or not (piece := ISSUE_NUMBER.sub("", piece)):
            continue
        elif (
            issuer is None
            and len(name := ISSUER_MARK.sub("", piece)) <= 20
            and re.search(ISSUER, name)
        ):
            issuer = name
        else:
            return None
    return (issuer, date) if issuer or date else None


def untagged(line: str) -> str:
    """A headline without the tag before it: 「【新聞】…」, 「標題:…」."""
    return HEADLINE_TAG.sub("", line)


def masthead(line: str) -> bool:
    """A news item's masthead or an issuer's line above the title: 「某某日報 2024年7月9日 第1版」,
    「某某新聞網 2024-05-08 來源:…」, 「區發改局 2024年12月6日」."""
    dated = ISO_DATE.search(line) or ((day := parse_date(line)) and day[2])
    return bool(signature(line)) or bool(dated and MASTHEAD.search(line) and len(line) <= 40)


def find_title(lines: list[str]) -> str | None:
    """The report's title: a short line near the top that names itself a report; else the
    first line below a masthead that is a headline of another kind (「…投資運行簡析」)."""
    title = next(
        (
            ln
            for ln in lines[:6]
            if len(ln) < 50
            and not re.search(CLAUSE_MARK, ln)
            and re.search(TITLE_WORDS, ln)
            and not SECTION_HEADING.match(ln)  # 「一、總體情況」 heads a section
        ),
        None,
    )
    if title is not None:
        return untagged(title)
    first = next((ln for ln in lines[:3] if not masthead(ln)), None)
    if (
        first
        and len(first) <= 40
        and not re.search(CLAUSE_MARK, first)
        and not re.search(ISSUER, first)
        and not ((dated := parse_date(first)) and dated[2])  # a date line, not a headline
    ):
        return untagged(first)
    return None


def find_issuer(lines: list[str]) -> str | None:
    """The office that issues the report: a signature line at the top or the end naming one;
    else the office the title begins with (「某某縣發展和改革局關於…的通報」)."""
    for ln in lines[:3] + lines[-3:]:
        if (signed := signature(ln)) and signed[0]:
            return signed[0]
    for ln in lines[:2]:
        if (named := ISSUER_IN_TITLE.match(ln)) and re.search(ISSUER, named.group(1)):
            return named.group(1)
    return None


def find_addressee(lines: list[str]) -> str | None:
    """Whom the report is addressed to: a short line near the top that ends in 「:」 and names
    offices (「各鄉鎮人民政府,縣直各單位:」), not a lead-in to the text (「分鄉鎮看:」)."""
    return next(
        (
            ln[:-1]
            for ln in lines[:6]
            if ln.endswith(":")
            and len(ln) <= 30
            and not re.search(NOT_ADDRESSEE, ln)
            and RECIPIENT.search(ln[:-1])
        ),
        None,
    )


def find_published(lines: list[str]) -> tuple | None:
    """The report's date, as parse_date gives it (the date, the words it is written in, …):
    the last full date among its last four lines; else one on an issuer's line or a masthead
    at the top, or in the subtitle of a report to a congress (「——2024年8月28日在…會議上」)."""
    for ln in reversed(lines[-4:]):
        if (d := parse_date(ln)) and d[2]:
            return d
    for ln in lines[:4]:
        if masthead(ln) or SPEECH_LINE.match(ln):
            if (d := parse_date(ln)) and d[2]:
                return d
            if iso := ISO_DATE.search(ln):
                return dt.date(*map(int, iso.groups())), iso.group(0), True
    return None


def draft_period(draft: Draft, body: str, title: str | None, found_date: tuple | None) -> None:
    """The period the report is on, with a comment saying where its months and year came from;
    nothing if no year can be told."""
    period = find_period(body)
    if period is None and title and (whole := re.search(either_script(r"(\d{4})年(?:度)?"), title)):
        # 「關於2017年…的報告」 names no months: the report is on that year
        period = 1, 12, f"{whole.group(1)}年", int(whole.group(1)), title
    if not period:
        return
    first, last, label, year, quote = period
    ahead = bool(title and SPEECH.search(title))  # a speech is on the months under way
    year, where = period_year(year, last, body, found_date, ahead=ahead)
    if year:
        draft.fields["period"] = period_field(year, first, last, label)
        draft.comments["period"] = tr(
            "from: 「{quote}」; year from {where}", quote=quote, where=where
        )


def period_year(
    year: int | None, last: int, body: str, found_date: tuple | None, *, ahead: bool = False
) -> tuple[int | None, str]:
    """The period's year and where it came from: the period's own words, else the report's
    date (the year before, if the period ends after the date's month: a report looks back),
    else the year the text names most. A speech (ahead) looks forward: its date's year."""
    if year is not None:
        return year, tr("the period's own words")
    if found_date and ahead:
        return found_date[0].year, tr("the speech's date {date}", date=found_date[1])
    if found_date:
        date = found_date[0]
        year = date.year if last <= date.month else date.year - 1
        return year, tr("the report's date {date}", date=found_date[1])
    years = re.findall(either_script(r"(\d{4})年"), body)
    if years:
        year = int(max(dict.fromkeys(years), key=years.count))  # a tie: the first named
        return year, tr("「{year}年」, the year the text names most", year=year)
    return None, ""


def period_field(year: int, first: int, last: int, label: str) -> dict:
    """The draft's period: from the first month's first day to the last month's last."""
    return {"start": dt.date(year, first, 1), "end": month_end(year, last), "label": label}


def read_sections(draft: Draft, lines: list[str], unit: str | None) -> None:
    """Each section's facts into the draft: the problems and next steps as lists (their
    sentences still read for figures and names), the other sections as prose and tables."""
    for heading, sec_lines in sections(lines):
        if re.search(PROBLEMS_HEADING, heading):
            problems, then = split_next_steps(sec_lines)
            draft.problems = section_items(problems)
            if then:  # 「請各責任單位……」, 「下一步,……」: what is to be done next
                draft.next_steps = section_items(then)
            read_facts(draft, sec_lines, facts_wanted=False)
        elif re.search(NEXT_HEADING, heading):
            draft.next_steps = section_items(sec_lines)
            read_facts(draft, sec_lines, figures=False, facts_wanted=False)
        else:
            read_prose(draft, sec_lines, unit)


def read_prose(draft: Draft, lines: list[str], unit: str | None) -> None:
    """A section's key:value blocks as table projects, its lines about an area (「城關鎮：9個
    項目，…」) as the area's figures, the rest read as prose (a key:value line as its clauses);
    each figure keeps the report's own line as its quote."""
    blocks, used = key_value_blocks(lines, unit)
    areas, of_areas = area_line_figures(lines, used)
    used |= of_areas
    kept = [ln for i, ln in enumerate(lines) if i not in used]
    read = [pairs_as_prose(ln, unit) for ln in kept]
    told = dict(zip(read, kept, strict=True))
    read_facts(draft, read)
    for fig in draft.figures:  # the quote is the report's own line, not its reading
        fig["quote"] = told.get(fig.get("quote", ""), fig.get("quote", ""))
    add_table_projects(draft, blocks)
    add_area_figures(draft, areas)


def list_not_found(draft: Draft) -> list[str]:
    """The fields and lists the text gave nothing for, for the editor to fill in."""
    missing = [k for k in WANTED_FIELDS if k not in draft.fields]
    return missing + [k for k in WANTED_LISTS if not getattr(draft, k)]


def extract_document(doc, *, part: str | None = None, region: str | None = None) -> Draft:
    """A Document of any format -> one draft: prose by the prose rules, tables by the
    schedule rules, the two joined by project name."""
    from .schedule import read_schedule

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
    if doc.tables and not schedules and not text.strip():
        raise BulletinError(
            tr(
                "{path}: no table in it has a header row naming the project column "
                "(項目名稱) and an amount column (總投資, 年度計劃投資, 1—N月完成投資, 累計完成投資); "
                "expected a project schedule",
                path=doc.path,
            )
        )
    for schedule in schedules.values():
        add_schedule(draft, schedule)
    if schedules:
        draft.not_found = [
            k
            for k in draft.not_found
            if not ((k == "projects" and draft.projects) or k in draft.fields)
        ]
    return draft


def add_schedule(draft: Draft, schedule) -> None:
    """A schedule's projects and totals into the draft; its title, if the prose gave none, as
    the report's title and period."""
    from .schedule import schedule_projects

    add_table_projects(draft, schedule_projects(schedule))
    draft.figures += total_figures(schedule)
    if schedule.title and "title" not in draft.fields:
        draft.fields["title"] = schedule.title
        period = find_period(schedule.title)
        if period and period[3]:
            first, last, label, year = period[:4]
            draft.fields["period"] = period_field(year, first, last, label)
            draft.comments["period"] = tr(
                "from the table's title 「{title}」", title=schedule.title
            )
    draft.tables.append(schedule)

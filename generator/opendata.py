"""Open data files: the bulletin as JSON, CSV tables with a Frictionless descriptor, OC4IDS, Atom.

Amounts keep the report's number and unit; `yuan` beside them is computed (normalised to 元)
and named so. Every file is rendered from the Bulletin, deterministically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

from . import urls
from .bulletin import Bulletin, Project, ReportEntry, spent_amount
from .chinese import LANG
from .incremental import Memory
from .messages import Messages, default
from .model import MONEY_UNITS
from .settings import Settings

OC4IDS_PREFIX = "oc4ids-bulletin-"
# OC4IDS projectStatus codelist, from the stage words of the reports
STATUS = {
    "謀劃": "identification",
    "谋划": "identification",
    "儲備": "identification",
    "储备": "identification",
    "前期": "preparation",
    "開工準備": "preparation",
    "开工准备": "preparation",
    "新開工": "implementation",
    "新开工": "implementation",
    "在建": "implementation",
    "續建": "implementation",
    "续建": "implementation",
    "停建": "implementation",
    "基本完工": "completion",
    "竣工": "completed",
    "投產": "completed",
    "投产": "completed",
}
# OC4IDS sector codelist, from the sector words of the data
SECTOR = {
    "電力": "energy",
    "煤炭": "energy",
    "交通": "transport",
    "水利": "water",
    "供水": "water.supply",
    "教育": "education",
    "文化體育": "recreationCultureAndReligion",
    "文化旅遊": "recreationCultureAndReligion",
    "文化旅游": "recreationCultureAndReligion",
    "環境": "environmentalProtection",
    "行政": "governance",
    "物流": "transport",
}


def number(value: Decimal | None):
    """A Decimal as a JSON number with the same digits (3.21 stays 3.21), or a string if not."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def _dump(obj) -> dict:
    """A pydantic model as plain JSON-ready data, with amounts normalised beside."""
    data = obj.model_dump(mode="python", exclude_none=True)
    return _plain(data)


def _plain(value):
    if value is None or type(value) in (str, int, bool):  # most values: as they are
        return value
    if isinstance(value, dict):
        out = {k: _plain(v) for k, v in value.items()}
        if "amount" in out and out.get("unit") in MONEY_UNITS:
            out["yuan"] = number(Decimal(str(value["amount"])) * MONEY_UNITS[value["unit"]])
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return number(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class Encoded(str):
    """A value already written as JSON (one record's line, made once and remembered)."""


def encoded(value) -> Encoded:
    return Encoded(_COMPACT.encode(value))


def json_text(value, depth: int = 2, pad: str = "") -> str:
    """JSON for people and diffs, fast: the outer `depth` levels of objects and arrays one
    member per line, each inner value on its line whole (so a change to one project update
    is a one-line diff). `indent` would turn off the C encoder and cost several times more."""
    inner = pad + " "
    if depth == 1 and isinstance(value, dict) and value:  # the members' values whole
        encode = _COMPACT.encode
        items = ",\n".join(
            f"{inner}{encode(str(k))}: {v if isinstance(v, Encoded) else encode(v)}"
            for k, v in value.items()
        )
        out = f"{{\n{items}\n{pad}}}"
    elif depth and isinstance(value, dict) and value:
        items = ",\n".join(
            f"{inner}{_COMPACT.encode(str(k))}: {json_text(v, depth - 1, inner)}"
            for k, v in value.items()
        )
        out = f"{{\n{items}\n{pad}}}"
    elif depth and isinstance(value, list) and value:
        items = ",\n".join(f"{inner}{json_text(v, depth - 1, inner)}" for v in value)
        out = f"[\n{items}\n{pad}]"
    elif isinstance(value, Encoded):
        out = value
    else:
        out = _COMPACT.encode(value)
    return out + "\n" if not pad else out


def report_record(entry: ReportEntry) -> dict:
    return {
        "id": entry.key,
        "region": entry.region.id,
        "page": urls.site_path(entry.page),
        "source_file": entry.source,
        **_dump(entry.report),
    }


def project_record(project: Project, dumped: dict | None = None) -> dict:
    """`dumped`: id(update) -> that update as `_dump` makes it, from the reports' records."""
    dumped = dumped or {}
    return {
        "id": project.id,
        "name": project.name,
        "region": project.region.id,
        "page": urls.site_path(project.page),
        "stage": project.stage,
        "sector": project.sector,
        "updates": [
            {
                "report": u.entry.key,
                "period": _plain(u.entry.report.period.model_dump()),
                **(dumped.get(id(u.update)) or _dump(u.update)),
            }
            for u in project.updates
        ],
    }


def bulletin_json(bulletin: Bulletin, reports: list, projects: list) -> dict:
    """The whole bulletin: its regions, and every report's and project's record (or its
    line, `Encoded`)."""
    return {
        "note": "Amounts are as the reports state them (amount, unit); 'yuan' is computed: "
        "the amount normalised to 元.",
        "regions": [_dump(r) | {"display_name": r.display_name} for r in bulletin.regions],
        "reports": reports,
        "projects": projects,
    }


# --- CSV ------------------------------------------------------------------------------------
PROJECT_FIELDS = [
    ("id", "string", "stable project id (URL slug)"),
    ("name", "string", "name in the latest report"),
    ("region", "string", "region id"),
    ("region_name", "string", "region name"),
    ("stage", "string", "latest stage as the report words it"),
    ("sector", "string", "sector"),
    ("invested_amount", "number", "amount invested, as stated"),
    ("invested_unit", "string", "unit of invested_amount (元, 萬元, 億元)"),
    ("invested_basis", "string", "what the amount adds up (開工以來累計, 累計, 本期 ...)"),
    ("invested_yuan", "number", "invested_amount normalised to 元 (computed)"),
    ("share_of_total_percent", "number", "stated share of the total investment, percent"),
    ("latest_report", "string", "report id of the latest update"),
    ("latest_period_end", "date", "end of the latest report's period"),
    ("reports", "integer", "number of reports that name the project"),
]
FIGURE_FIELDS = [
    ("report", "string", "report id (region/period)"),
    ("region", "string", "region id"),
    ("period_start", "date", "start of the figure's period"),
    ("period_end", "date", "end of the figure's period"),
    ("period_label", "string", "period as the report words it"),
    ("label", "string", "what the figure measures"),
    ("amount", "number", "value as stated"),
    ("unit", "string", "unit of amount"),
    ("basis", "string", "what the value adds up, when stated"),
    ("yuan", "number", "amount normalised to 元 when it is money (computed)"),
    ("plan_amount", "number", "plan as stated"),
    ("plan_unit", "string", "unit of plan_amount"),
    ("share_of_plan_percent", "number", "stated share of the plan, percent"),
    ("share_percent", "number", "stated share (占比), percent"),
    ("share_of", "string", "the whole the share is of, when stated"),
    ("changes", "string", "comparisons as stated: basis value unit; ..."),
]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets evaluate (OWASP)


def csv_cell(value, kind: str) -> str:
    """A CSV cell. Text that a spreadsheet would evaluate as a formula (=, +, -, @, tab or CR
    first) gets a leading apostrophe, as OWASP recommends: shown as text, still readable."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if kind == "string" and text.startswith(FORMULA_START) else text


def csv_lines(fields, rows: list[dict]) -> str:
    """Rows as CSV lines (CRLF-terminated, quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(row.get(name), kind) for name, kind, _ in fields])
    return out.getvalue()


def _csv(fields, lines) -> str:
    """A CSV file: the header, then each item's lines (`csv_lines`)."""
    header = csv_lines(fields, [{f[0]: f[0] for f in fields}])
    return "\ufeff" + header + "".join(lines)  # the BOM makes Excel read UTF-8


def project_row(p: Project) -> dict:
    latest = p.latest_invested
    amt = latest.invested if latest else None
    return {
        "id": p.id,
        "name": p.name,
        "region": p.region.id,
        "region_name": p.region.display_name,
        "stage": p.stage,
        "sector": p.sector,
        "invested_amount": amt and amt.amount,
        "invested_unit": amt and amt.unit,
        "invested_basis": amt and amt.basis,
        "invested_yuan": amt and amt.yuan,
        "share_of_total_percent": amt.share.percent if amt and amt.share else None,
        "latest_report": p.updates[-1].entry.key,
        "latest_period_end": p.updates[-1].entry.report.period.end.isoformat(),
        "reports": len(p.updates),
    }


def figure_rows(e: ReportEntry) -> list[dict]:
    rows = []
    for f in e.report.figures:
        period = f.period or e.report.period
        rows.append(
            {
                "report": e.key,
                "region": e.region.id,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "period_label": period.label,
                "label": f.label,
                "amount": f.value and f.value.amount,
                "unit": f.value and f.value.unit,
                "basis": f.value and f.value.basis,
                "yuan": f.value and f.value.yuan,
                "plan_amount": f.plan and f.plan.amount,
                "plan_unit": f.plan and f.plan.unit,
                "share_of_plan_percent": f.share_of_plan,
                "share_percent": f.share and f.share.percent,
                "share_of": f.share and f.share.of,
                "changes": "; ".join(f"{c.basis} {c.value} {c.unit}" for c in f.changes) or None,
            }
        )
    return rows


def datapackage(say: Callable[[str], str]) -> dict:
    def resource(name, path, fields, key, title):
        return {
            "name": name,
            "path": path,
            "title": title,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": {
                "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
                "primaryKey": key,
            },
        }

    return {
        "name": "investment-bulletin",
        "title": say("openDataTitle"),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": [
            resource("projects", "projects.csv", PROJECT_FIELDS, ["id"], "Projects"),
            resource("figures", "figures.csv", FIGURE_FIELDS, [], "Headline figures"),
        ],
    }


# --- OC4IDS ---------------------------------------------------------------------------------
def oc4ids(bulletin: Bulletin, settings: Settings, record) -> dict:
    """An OC4IDS 0.9 project package (valid against the standard's own schema, tested).
    `record(project)`: its OC4IDS record (`oc4ids_project`, remembered by data_files)."""
    projects = [record(p) for p in bulletin.projects]
    published = bulletin.latest_date or dt.date(1970, 1, 1)  # the data's date: deterministic
    return {
        "uri": settings.absolute(urls.OC4IDS)
        if settings.site_url
        else "urn:investment-bulletin:data:oc4ids.json",
        "publishedDate": f"{published.isoformat()}T00:00:00Z",
        "publisher": {"name": settings.publisher or settings.site_name},
        "version": "0.9",
        "projects": projects,
    }


def oc4ids_project(p: Project, say: Callable[[str], str]) -> dict:
    record = {
        "id": OC4IDS_PREFIX + p.id,
        "title": p.name,
        "locations": [{"id": "1", "description": p.region.display_name}],
    }
    if p.stage in STATUS:
        record["status"] = STATUS[p.stage]
    if p.sector in SECTOR:
        record["sector"] = [SECTOR[p.sector]]
    if p.sector:
        record["description"] = f"{say('sectorIs')}{p.sector}"
    totals = [a for u in p.updates for a in u.update.amounts if a.basis in ("總投資", "总投资")]
    if totals:
        record["budget"] = {"amount": {"amount": number(totals[-1].yuan), "currency": "CNY"}}
    observations = []
    for u in p.updates:
        period = {
            "startDate": u.entry.report.period.start.isoformat(),
            "endDate": u.entry.report.period.end.isoformat(),
        }
        amt = spent_amount(u.update)
        if amt:
            observations.append(
                {
                    "id": f"{u.entry.key}/invested",
                    "measure": amt.basis or say("invested"),
                    "value": {"amount": number(amt.yuan), "currency": "CNY"},
                    "period": period,
                }
            )
            if amt.share:
                observations.append(
                    {
                        "id": f"{u.entry.key}/share",
                        "measure": f"{say('shareOf')}{amt.share.of or say('totalInvestment')}%",
                        "value": {"amount": number(amt.share.percent)},
                        "unit": {"name": "%"},
                        "period": period,
                    }
                )
        for i, phys in enumerate(u.update.physical_progress):
            observations.append(
                {
                    "id": f"{u.entry.key}/physical/{i}",
                    "measure": phys.label,
                    "value": {
                        "amount": number(phys.percent if phys.percent is not None else phys.amount)
                    },
                    "unit": {"name": "%" if phys.percent is not None else phys.unit},
                    "period": period,
                }
            )
    if observations:
        record["metrics"] = [
            {"id": "progress", "title": say("progress"), "observations": observations}
        ]
    return record


# --- Atom -----------------------------------------------------------------------------------
def atom_feed(
    bulletin: Bulletin, settings: Settings, say: Callable[[str], str], lang: str = "zh-Hant"
) -> str:
    """The reports as an Atom feed; links are absolute when mkdocs.yml sets site_url."""

    def date(entry: ReportEntry) -> str:
        return f"{(entry.report.published or entry.report.period.end).isoformat()}T00:00:00Z"

    entries = sorted(bulletin.reports, key=lambda e: (date(e), e.key), reverse=True)
    updated = date(entries[0]) if entries else "1970-01-01T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"<title>{xml_escape(settings.site_name)}：{xml_escape(say('reports'))}</title>",
        "<id>urn:investment-bulletin:reports</id>",
        f"<updated>{updated}</updated>",
        f'<link rel="self" href="{xml_escape(settings.absolute(urls.FEED))}"/>',
        f'<link rel="alternate" type="text/html" '
        f'href="{xml_escape(settings.absolute(urls.site_path(urls.REPORTS)))}"/>',
    ]
    for e in entries:
        r = e.report
        counted = f"{len(r.projects)} {say('projectsCounted')}"
        summary = f"{e.region.display_name} · {r.period.label} · {counted}"
        if r.summary:
            summary += f"。{r.summary}"
        parts += [
            "<entry>",
            f"<title>{xml_escape(r.title)}</title>",
            f"<id>urn:investment-bulletin:reports:{e.region.id}:{e.slug}</id>",
            f"<updated>{date(e)}</updated>",
            f'<link rel="alternate" type="text/html" '
            f'href="{xml_escape(settings.absolute(urls.site_path(e.page)))}"/>',
            f"<author><name>{xml_escape(r.issuer or e.region.display_name)}</name></author>",
            f"<summary>{xml_escape(summary)}</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


WHOLE = (
    urls.BULLETIN_JSON,
    urls.PROJECTS_CSV,
    urls.FIGURES_CSV,
    urls.DATAPACKAGE,
    urls.OC4IDS,
    urls.FEED,
)  # the files made from the whole bulletin


def data_plan(bulletin: Bulletin) -> dict[str, tuple[str, ...] | None]:
    """Every open-data file and the data files it is made from (None: all of them)."""
    plan: dict[str, tuple[str, ...] | None] = dict.fromkeys(WHOLE)
    if not bulletin.projects:  # OC4IDS holds one project at least: none yet, no file
        del plan[urls.OC4IDS]
    for e in bulletin.reports:
        plan[urls.report_json(e.key)] = ("data/regions.yaml", e.source)
    for p in bulletin.projects:
        plan[urls.project_json(p.id)] = ("data/regions.yaml",) + tuple(
            sorted({u.entry.source for u in p.updates})
        )
    return plan


def _whole_files(bulletin, settings, script, say, report, project, memo) -> dict[str, str]:
    """The files made from the whole bulletin, of each item's part remembered with its
    record (`memo`, by the item's file; `report(entry)`, `project(project)`: its record)."""

    def report_line(e):
        path = urls.report_json(e.key)
        return Encoded(memo(f"{path}#line", path, lambda: encoded(report(e))))

    def record_line(p):
        path = urls.project_json(p.id)
        return Encoded(memo(f"{path}#line", path, lambda: encoded(project(p))))

    def project_line(p):
        path = urls.project_json(p.id)
        return memo(f"{path}#csv", path, lambda: csv_lines(PROJECT_FIELDS, [project_row(p)]))

    def figure_lines(e):
        path = urls.report_json(e.key)
        return memo(f"{path}#csv", path, lambda: csv_lines(FIGURE_FIELDS, figure_rows(e)))

    def oc4ids_line(p):
        path = urls.project_json(p.id)
        # (kept between runs as text: Encoded again)
        return Encoded(memo(f"{path}#oc4ids", path, lambda: encoded(oc4ids_project(p, say))))

    return {
        urls.BULLETIN_JSON: json_text(
            bulletin_json(
                bulletin,
                [report_line(e) for e in bulletin.reports],
                [record_line(p) for p in bulletin.projects],
            )
        ),
        urls.PROJECTS_CSV: _csv(PROJECT_FIELDS, [project_line(p) for p in bulletin.projects]),
        urls.FIGURES_CSV: _csv(FIGURE_FIELDS, [figure_lines(e) for e in bulletin.reports]),
        urls.DATAPACKAGE: json_text(datapackage(say)),
        **(
            {urls.OC4IDS: json_text(oc4ids(bulletin, settings, oc4ids_line))}
            if bulletin.projects
            else {}
        ),
        urls.FEED: atom_feed(bulletin, settings, say, LANG[script]),
    }


class _Items:
    """The records of one generation's open data (each made once in it) and their parts in
    the whole-bulletin files (text, remembered in `memory` while their file's key holds: a
    record itself is only needed again when its file is, which is when its key changed)."""

    def __init__(self, keys: dict[str, str], memory: Memory):
        self.keys, self.memory = keys, memory
        self.used: set[str] = set()
        self.made: dict[str, dict] = {}  # records of this run, by their file
        self.dumped: dict[int, dict] = {}  # each update once: a project's are its reports'

    def memo(self, name: str, key_of: str, make):
        """What `make` gives for the item `name` (a file's path and a part of it), made
        again only when the key of the file `key_of` changed."""
        self.used.add(name)
        if not self.keys:
            return make()
        return self.memory.record(name, self.keys.get(key_of, ""), make)

    def report(self, e: ReportEntry) -> dict:
        path = urls.report_json(e.key)
        if path not in self.made:
            self.made[path] = report_record(e)
            plain = self.made[path].get("projects", [])
            self.dumped.update(zip(map(id, e.report.projects), plain, strict=True))
        return self.made[path]

    def project(self, p: Project) -> dict:
        path = urls.project_json(p.id)
        if path not in self.made:
            self.made[path] = project_record(p, self.dumped)
        return self.made[path]


def data_files(
    bulletin: Bulletin,
    settings: Settings,
    script: str = "hant",
    messages: Messages | None = None,
    *,
    wanted: set[str] | None = None,
    keys: dict[str, str] | None = None,
    memory: Memory | None = None,
) -> dict[str, str]:
    """The open-data files (`wanted`; default: all), by their path under content/. The data is
    as the reports wrote it; the files' own words (titles, measures) are the catalogue's, in
    `script`. With `keys` (each file's key) and `memory`, a record whose key is unchanged is
    the one made before."""
    say = (messages or default()).words(script)
    memory = memory if memory is not None else Memory()
    keys = keys or {}

    def want(path: str) -> bool:
        return wanted is None or path in wanted

    # the whole-bulletin files, when wanted; and once for a kept memory, which then holds
    # every item's part of them, so that a later change makes its own part alone
    whole = any(want(path) for path in WHOLE) or (memory.kept and not memory.records)
    items = _Items(keys, memory)
    report, project, memo = items.report, items.project, items.memo
    files = {}
    for e in bulletin.reports:
        if want(urls.report_json(e.key)):
            files[urls.report_json(e.key)] = json_text(report(e))
    for p in bulletin.projects:
        if want(urls.project_json(p.id)):
            files[urls.project_json(p.id)] = json_text(project(p))
    if whole:
        whole_files = _whole_files(bulletin, settings, script, say, report, project, memo)
        files |= {path: text for path, text in whole_files.items() if want(path)}
        for name in set(memory.records) - items.used:  # forget the items no longer there
            del memory.records[name]
    return files

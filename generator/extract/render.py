"""The draft as YAML for an editor to review, every value with its quote."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ..i18n import tr
from .draft import Draft
from .script import in_script


def scalar(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _flow(mapping: dict) -> str:
    items = []
    for k, v in mapping.items():
        if isinstance(v, dict):
            items.append(f"{k}: {_flow(v)}")
        elif isinstance(v, list):
            items.append(f"{k}: [{', '.join(scalar(x) for x in v)}]")
        else:
            items.append(f"{k}: {scalar(v)}")
    return "{" + ", ".join(items) + "}"


# --- the parts of an item: each writer gives the lines of one of its keys ------------------------
def _scalar_line(item: dict, key: str) -> list[str]:
    return [f"    {key}: {scalar(item[key])}"]


def _flow_line(item: dict, key: str) -> list[str]:
    return [f"    {key}: {_flow(item[key])}"]


def _flow_items(item: dict, key: str) -> list[str]:
    return [f"    {key}:"] + [f"      - {_flow(x)}" for x in item[key]]


def _table_place(item: dict, key: str) -> list[str]:
    return ["    # " + tr("from the table: {place}", place=item[key])]


def _aliases(item: dict, key: str) -> list[str]:
    names = ", ".join(scalar(x) for x in item[key])
    return [f"    {key}: [{names}]  # " + tr("the names it is also called by in the report")]


def _stage(item: dict, key: str) -> list[str]:
    return [f"    {key}: {scalar(item[key])}  # " + tr("from the progress words")]


def _unsure(item: dict, key: str) -> list[str]:
    return ["    # " + tr("unsure, not entered: {note}", note=note) for note in item[key]]


def _placed_items(project: dict, key: str) -> list[str]:
    """A project's list of amounts or of physical progress, each with the table cells its
    value and its share came from."""
    places = project.get("places", {})
    out = [f"    {key}:"]
    for i, x in enumerate(project[key]):
        place = places.get(f"{key}.{i}")
        share = places.get(f"{key}.{i}.share")
        where = "; ".join(w for w in (place, share and tr("share: {place}", place=share)) if w)
        out.append(f"      - {_flow(x)}" + (f"  # {where}" if where else ""))
    return out


def _given(item: dict, key: str) -> bool:
    return bool(item.get(key))


def _stated(item: dict, key: str) -> bool:
    return item.get(key) is not None


def _present(item: dict, key: str) -> bool:
    return key in item


# the keys a figure is written with after its label, in order: (key, is it written, how)
FIGURE_FIELDS = (
    ("value", _given, _flow_line),
    ("plan", _given, _flow_line),
    ("share", _given, _flow_line),
    ("rank", _given, _flow_line),
    ("share_of_plan", _stated, _scalar_line),
    ("changes", _given, _flow_items),
    ("quote", _given, _scalar_line),
    ("place", _given, _table_place),
)

# the keys a project is written with after its id and name, in order
PROJECT_FIELDS = (
    ("aliases", _given, _aliases),
    ("stage", _present, _stage),
    ("sector", _present, _scalar_line),
    ("capacity", _present, _flow_line),
    ("amounts", _present, _placed_items),
    ("physical_progress", _present, _placed_items),
    ("progress", _given, _scalar_line),
    ("quote", _given, _scalar_line),
    ("unsure", _given, _unsure),
)

# the header fields written as they are, after the region, in order
HEADER_FIELDS = ("title", "issuer", "addressee", "published", "published_as")


def _item_fields(item: dict, table: tuple) -> list[str]:
    """An item's keys in the table's order, each one the table says is written."""
    out = []
    for key, written, write in table:
        if written(item, key):
            out += write(item, key)
    return out


# --- the parts of the draft ------------------------------------------------------------------
def _header() -> list[str]:
    return [
        "# "
        + tr("Draft made by `python -m generator extract`: check every value against its quote,"),
        "# " + tr("set the region, then run `python -m generator check`."),
        "# yaml-language-server: $schema=../../../schemas/report.schema.json",
    ]


def _fields(draft: Draft) -> list[str]:
    """The region (or the line to set it), the header fields, the period and the source."""
    f = draft.fields
    region = f.get("region")
    out = [
        f"region: {region}"
        if region
        else "region: REGION-ID  # " + tr("set the id of the region from data/regions.yaml")
    ]
    out += [f"{key}: {scalar(f[key])}" for key in HEADER_FIELDS if key in f]
    if "period" in f:
        out += [f"# {draft.comments['period']}", f"period: {_flow(f['period'])}"]
    out.append(f"source: {_flow(f['source'])}")
    return out


def _figures(draft: Draft) -> list[str]:
    if not draft.figures:
        return []
    out = ["\nfigures:"]
    for fig in draft.figures:
        out.append(f"  - label: {scalar(fig['label'])}")
        out += _item_fields(fig, FIGURE_FIELDS)
    return out


def _project(p: dict) -> list[str]:
    """One project: where in the table it came from, its id and name, then its fields."""
    out = ["  # " + tr("from the table: {place}", place=p["place"])] if p.get("place") else []
    out.append(f"  - id: {p['id']}  # " + tr("suggested from the name's pinyin"))
    out.append(f"    name: {scalar(p['name'])}")
    return out + _item_fields(p, PROJECT_FIELDS)


def _projects(draft: Draft) -> list[str]:
    if not draft.projects:
        return []
    return ["\nprojects:"] + [line for p in draft.projects for line in _project(p)]


def _table_totals(draft: Draft) -> list[str]:
    """The schedules' total rows not entered as figures, as comments with their cells."""
    entered = {fig.get("place") for fig in draft.figures}
    out = []
    for schedule in draft.tables:
        for row in schedule.totals:
            if any(c.place in entered for c in row.cells.values()):
                continue  # the grand total, entered as figures above
            cells = [
                f"{c.place}: {c.value}{c.unit or ''}"
                for c in row.cells.values()
                if not isinstance(c.value, str)
            ]
            if cells:
                out.append(
                    "# "
                    + tr(
                        "the table's {row} row, not entered (a figure if the report states it "
                        "as one):",
                        row=row.name or tr("total"),
                    )
                )
                out += [f"#   {c}" for c in cells]
    return out


def _lists(draft: Draft) -> list[str]:
    """The problems and the next steps, each item as the report words it."""
    out = []
    for key, items in (("problems", draft.problems), ("next_steps", draft.next_steps)):
        if items:
            out.append(f"\n{key}:")
            out += [f"  - {scalar(x)}" for x in items]
    return out


def _other_parts(draft: Draft) -> list[str]:
    if not draft.other_parts:
        return []
    parts = ", ".join(draft.other_parts)
    return [
        "\n# "
        + tr("The document holds further parts: {parts} (extract them with --part).", parts=parts)
    ]


def _not_found(draft: Draft) -> list[str]:
    if not draft.not_found:
        return []
    return [
        "\n# "
        + tr("Not found in the text (fill in by hand, or leave out if the report does not say):")
    ] + [f"#   - {key}" for key in draft.not_found]


def to_yaml(draft: Draft) -> str:
    """The draft as YAML, part by part: header, fields, figures, projects, the tables' totals,
    problems and next steps, other parts, what was not found."""
    draft = in_script(draft)  # bases, shares' wholes, stages: in the report's script
    out = _header() + _fields(draft)
    for part in (_figures, _projects, _table_totals, _lists, _other_parts, _not_found):
        out += part(draft)
    return "\n".join(out) + "\n"

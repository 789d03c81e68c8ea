"""The draft as YAML for an editor to review, every value with its quote."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ..i18n import tr
from .draft import Draft


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


def to_yaml(draft: Draft) -> str:  # noqa: C901
    out = [
        "# "
        + tr("Draft made by `python -m generator extract`: check every value against its quote,"),
        "# " + tr("set the region, then run `python -m generator check`."),
        "# yaml-language-server: $schema=../../../schemas/report.schema.json",
    ]
    f = draft.fields
    region = f.get("region")
    out.append(
        f"region: {region}"
        if region
        else "region: REGION-ID  # " + tr("set the id of the region from data/regions.yaml")
    )
    for key in ("title", "issuer", "addressee", "published", "published_as"):
        if key in f:
            out.append(f"{key}: {scalar(f[key])}")
    if "period" in f:
        out.append(f"# {draft.comments['period']}")
        out.append(f"period: {_flow(f['period'])}")
    out.append(f"source: {_flow(f['source'])}")
    if draft.figures:
        out.append("\nfigures:")
        for fig in draft.figures:
            out.append(f"  - label: {scalar(fig['label'])}")
            for key in ("value", "plan", "share", "rank"):
                if fig.get(key):
                    out.append(f"    {key}: {_flow(fig[key])}")
            if fig.get("share_of_plan") is not None:
                out.append(f"    share_of_plan: {scalar(fig['share_of_plan'])}")
            if fig.get("changes"):
                out.append("    changes:")
                out += [f"      - {_flow(c)}" for c in fig["changes"]]
            if fig.get("quote"):
                out.append(f"    quote: {scalar(fig['quote'])}")
            if fig.get("place"):
                out.append("    # " + tr("from the table: {place}", place=fig["place"]))
    if draft.projects:
        out.append("\nprojects:")
        for p in draft.projects:
            if p.get("place"):
                out.append("  # " + tr("from the table: {place}", place=p["place"]))
            out.append(f"  - id: {p['id']}  # " + tr("suggested from the name's pinyin"))
            out.append(f"    name: {scalar(p['name'])}")
            if p.get("aliases"):
                out.append(
                    f"    aliases: [{', '.join(scalar(x) for x in p['aliases'])}]"
                    + "  # "
                    + tr("the names it is also called by in the report")
                )
            for key in ("stage",):
                if key in p:
                    out.append(f"    {key}: {scalar(p[key])}  # " + tr("from the progress words"))
            if "sector" in p:
                out.append(f"    sector: {scalar(p['sector'])}")
            if "capacity" in p:
                out.append(f"    capacity: {_flow(p['capacity'])}")
            for key in ("amounts", "physical_progress"):
                if key in p:
                    out.append(f"    {key}:")
                    for i, x in enumerate(p[key]):
                        place = p.get("places", {}).get(f"{key}.{i}")
                        share = p.get("places", {}).get(f"{key}.{i}.share")
                        where = "; ".join(
                            w for w in (place, share and tr("share: {place}", place=share)) if w
                        )
                        out.append(f"      - {_flow(x)}" + (f"  # {where}" if where else ""))
            if p.get("progress"):
                out.append(f"    progress: {scalar(p['progress'])}")
            if p.get("quote"):
                out.append(f"    quote: {scalar(p['quote'])}")
            for note in p.get("unsure", []):
                out.append("    # " + tr("unsure, not entered: {note}", note=note))
    entered = {fig.get("place") for fig in draft.figures}
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
    for key, items in (("problems", draft.problems), ("next_steps", draft.next_steps)):
        if items:
            out.append(f"\n{key}:")
            out += [f"  - {scalar(x)}" for x in items]
    if draft.other_parts:
        out.append(
            "\n# "
            + tr(
                "The document holds further parts: {parts} (extract them with --part).",
                parts=", ".join(draft.other_parts),
            )
        )
    if draft.not_found:
        out.append(
            "\n# "
            + tr(
                "Not found in the text (fill in by hand, or leave out if the report does not say):"
            )
        )
        out += [f"#   - {key}" for key in draft.not_found]
    return "\n".join(out) + "\n"

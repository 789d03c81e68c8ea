"""Validation: single files against the models, then the rules that span fields and files."""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import DataError, field_path
from .i18n import _, language, tr
from .loading import Document, LoadError, load_document
from .model import SLUG_PATTERN, Region, RegionsFile, Report

SLUG_HINT = "expected lowercase ASCII letters, digits and single hyphens, e.g. {example}"


# --- single files -----------------------------------------------------------------------------
def load_file(path: Path, rel: str, model: type[BaseModel]):
    """Load and validate one file. Returns (document, model or None, problems)."""
    try:
        doc = load_document(path)
    except LoadError as exc:
        return None, None, [DataError(rel, exc.line, exc.col, field_path(exc.loc), exc.message)]
    if not isinstance(doc.value, dict):
        return doc, None, [DataError(rel, 1, 1, "", _("expected a YAML mapping of fields"))]
    try:
        return doc, model.model_validate(doc.value), []
    except ValidationError as exc:
        return doc, None, [_problem(doc, rel, model, err) for err in exc.errors(include_url=False)]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at `loc` (for the keys it allows)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: object) -> object:
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is typing.Annotated:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
    return annotation


def _type_name(value: object) -> str:
    """What a value is, for the editor: Python's name in English, a word in Chinese."""
    name = type(value).__name__
    if language() == "en":
        return name
    words = {
        "str": _("text"),
        "int": _("a number"),
        "float": _("a number"),
        "Decimal": _("a number"),
        "bool": _("a yes/no value"),
        "dict": _("a mapping"),
        "NoneType": _("nothing"),
        "date": _("a date"),
    }
    return words.get(name, name)


def slug_hint(example: str = "suoping-expressway") -> str:
    return tr(SLUG_HINT, example=example)


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return tr(" (did you mean {word!r}?)", word=close[0]) if close else ""


def _problem(doc: Document, rel: str, model: type[BaseModel], err: dict) -> DataError:
    """One validation error as the editor reads it: where, which field, what to do."""
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden":
        return _unknown_key(doc, rel, model, loc)
    pos = doc.where(loc)
    write = _MESSAGES.get(err["type"])
    msg = write(err.get("input"), err) if write else err["msg"]
    return DataError(rel, pos.line, pos.col, field_path(loc), msg)


def _unknown_key(doc: Document, rel: str, model: type[BaseModel], loc: tuple) -> DataError:
    """A key the model does not have, at the key itself, with the keys it allows."""
    parent = _model_at(model, loc[:-1])
    allowed = sorted(parent.model_fields) if parent else []
    pos = doc.where(loc, key=True)
    msg = tr(
        "unknown key {key!r}{hint}; expected one of: {allowed}",
        key=loc[-1],
        hint=_suggest(loc[-1], allowed),
        allowed=", ".join(allowed),
    )
    return DataError(rel, pos.line, pos.col, field_path(loc), msg)


# --- the message for each kind of validation error: (the value given, the error) -> text ---------
def _missing(given: object, err: dict) -> str:
    return _("required field is missing; add it")


def _not_allowed(given: object, err: dict) -> str:
    expected = err["ctx"]["expected"]
    options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
    if language() != "en":  # 'a'、'b'、'c': no English "or"
        expected = "、".join(repr(o) for o in options)
    return tr(
        "{given!r} is not allowed{hint}; expected one of: {expected}",
        given=given,
        hint=_suggest(given, options),
        expected=expected,
    )


def _not_a_number(given: object, err: dict) -> str:
    return tr(
        "{given!r} is not a number; expected a plain number (the unit goes in its own field)",
        given=given,
    )


def _not_text(given: object, err: dict) -> str:
    shown = _("a yes/no value") if isinstance(given, bool) else repr(given)
    return tr("{shown} is not text; expected text (put it in quotes)", shown=shown)


def _not_a_slug(given: object, err: dict) -> str:
    return tr("{given!r} is not a URL-safe id; {hint}", given=given, hint=slug_hint())


def _negative(given: object, err: dict) -> str:
    return tr(
        "{given} is negative; expected a number >= {minimum}",
        given=given,
        minimum=err["ctx"].get("ge", 0),
    )


def _out_of_range(given: object, err: dict) -> str:
    return tr(
        "{given} is out of range; expected a percentage from 0 to {maximum}",
        given=given,
        maximum=err["ctx"]["le"],
    )


def _not_a_date(given: object, err: dict) -> str:
    return tr("{given!r} is not a date; expected YYYY-MM-DD", given=given)


def _not_a_list(given: object, err: dict) -> str:
    return tr("expected a list (- item), got {kind}", kind=_type_name(given))


def _not_a_mapping(given: object, err: dict) -> str:
    return tr("expected a mapping of fields, got {given!r}", given=given)


def _value_error(given: object, err: dict) -> str:
    return err["msg"].removeprefix("Value error, ")


NUMBER_ERRORS = (
    "decimal_type",
    "decimal_parsing",
    "int_type",
    "int_parsing",
    "float_type",
    "is_instance_of",
    "int_from_float",
)
_MESSAGES = {
    "missing": _missing,
    "literal_error": _not_allowed,
    **dict.fromkeys(NUMBER_ERRORS, _not_a_number),
    "string_type": _not_text,
    "string_pattern_mismatch": _not_a_slug,
    "greater_than_equal": _negative,
    "greater_than": _negative,
    "less_than_equal": _out_of_range,
    **dict.fromkeys(("date_type", "date_from_datetime_parsing", "date_parsing"), _not_a_date),
    "list_type": _not_a_list,
    **dict.fromkeys(("model_type", "model_attributes_type", "dict_type"), _not_a_mapping),
    "value_error": _value_error,
}  # any other kind: pydantic's own message


# --- rules across fields and files ------------------------------------------------------------
def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def share_holds(part: Decimal, whole: Decimal, stated: Decimal) -> bool:
    """Does `stated` percent equal part/whole within the rounding of its stated precision?"""
    if whole == 0:
        return False
    actual = part / whole * 100
    tolerance = Decimal(1).scaleb(-_decimals(stated)) / 2 + Decimal("0.0001")
    return abs(actual - stated) <= tolerance


def check_report(rel: str, doc: Document, report: Report) -> list[DataError]:
    """Rules inside one report: arithmetic, ids used twice."""
    return [error_at(rel, doc, *problem) for problem in _report_rules(report)]


# each rule yields (loc, message, severity) for what it finds
def _report_rules(report: Report):
    """The rules in the order their problems are listed: each figure's, each project's, then
    the report's date."""
    for i, fig in enumerate(report.figures):
        yield from _share_of_plan_holds(i, fig)
        yield from _figure_in_period(i, fig, report)
    seen: dict[str, int] = {}
    for i, upd in enumerate(report.projects):
        yield from _id_used_once(i, upd, seen)
        yield from _amounts_within_total(i, upd)
    yield from _published_after_period(report)


def _share_of_plan_holds(i: int, fig):
    """A figure's share of plan is its value over its plan, as stated."""
    if not (fig.value and fig.plan and fig.share_of_plan is not None and fig.value.is_money):
        return
    if not share_holds(fig.value.yuan, fig.plan.yuan, fig.share_of_plan):
        actual = fig.value.yuan / fig.plan.yuan * 100
        yield (
            ("figures", i, "share_of_plan"),
            tr(
                "{stated}% disagrees with {value} of {plan} = {actual}%; check the figures",
                stated=fig.share_of_plan,
                value=f"{fig.value.amount}{fig.value.unit}",
                plan=f"{fig.plan.amount}{fig.plan.unit}",
                actual=f"{actual:.2f}",
            ),
            "error",
        )


def _figure_in_period(i: int, fig, report: Report):
    """A figure's own period does not lie before the report's (a warning)."""
    if fig.period and not (
        report.period.start <= fig.period.end <= report.period.end
        or fig.period.start >= report.period.start
    ):
        yield (
            ("figures", i, "period"),
            _("figure's period lies before the report's period"),
            "warning",
        )


def _id_used_once(i: int, upd, seen: dict[str, int]):
    """One entry per project and report; `seen` keeps where each id came first."""
    if upd.id in seen:
        yield (
            ("projects", i, "id"),
            tr(
                "project id {id!r} is already used by projects[{index}]; "
                "one entry per project and report",
                id=upd.id,
                index=seen[upd.id],
            ),
            "error",
        )
    seen.setdefault(upd.id, i)


def _amounts_within_total(i: int, upd):
    """A project's amounts (but its annual plan) are no more than its total investment, and a
    share of the total agrees with the amounts."""
    totals = [a for a in upd.amounts if a.basis in ("總投資", "总投资")]
    for j, amt in enumerate(upd.amounts):
        for total in totals:
            if amt is not total and amt.basis not in ("年度計劃", "年度计划"):
                yield from _amount_against_total(("projects", i, "amounts", j), amt, total)


def _amount_against_total(loc: tuple, amt, total):
    """One amount against one total: more than it is an error; so is a share of the total
    that disagrees with the two."""
    if amt.yuan > total.yuan:
        yield (
            (*loc, "amount"),
            tr(
                "{amount} is more than the total investment {total}",
                amount=f"{amt.amount}{amt.unit}",
                total=f"{total.amount}{total.unit}",
            ),
            "error",
        )
    elif (
        amt.share
        and amt.share.of in (None, "總投資", "总投资")
        and not share_holds(amt.yuan, total.yuan, amt.share.percent)
    ):
        yield (
            (*loc, "share", "percent"),
            tr(
                "{percent}% disagrees with {amount} of {total}",
                percent=amt.share.percent,
                amount=f"{amt.amount}{amt.unit}",
                total=f"{total.amount}{total.unit}",
            ),
            "error",
        )


def _published_after_period(report: Report):
    """A report is not dated before its period ends (a warning)."""
    if report.published and report.published < report.period.end:
        yield (
            ("published",),
            tr(
                "report is dated {published}, before its period ends ({end})",
                published=report.published,
                end=report.period.end,
            ),
            "warning",
        )


def error_at(rel: str, doc: Document, loc: tuple, message: str, severity: str = "error"):
    """A problem at the line and column of the value at `loc` in the file `rel`."""
    pos = doc.where(loc)
    return DataError(rel, pos.line, pos.col, field_path(loc), message, severity)


Loaded = list[tuple[str, Document, Report]]


def check_across(regions: dict[str, Region], reports: Loaded) -> list[DataError]:
    """Rules that span files: references, ids, duplicate files."""
    return (
        check_region_refs(regions, reports)
        + check_duplicate_reports(reports)
        + check_project_ids(reports)
        + check_cumulative(reports)
    )


def check_region_refs(regions: dict[str, Region], reports: Loaded) -> list[DataError]:
    return [
        error_at(
            rel,
            doc,
            ("region",),
            tr(
                "unknown region {region!r}{hint}; expected an id from data/regions.yaml",
                region=report.region,
                hint=_suggest(report.region, list(regions)),
            ),
        )
        for rel, doc, report in reports
        if report.region not in regions
    ]


def _where(rel: str, doc: Document, loc: tuple) -> str:
    return f"{rel}:{doc.where(loc).line}"


def check_duplicate_reports(reports: Loaded) -> list[DataError]:
    """One file per region and period; one file per report (the same text under two names)."""
    problems: list[DataError] = []
    by_period: dict[tuple, str] = {}
    by_content: dict[str, str] = {}
    for rel, doc, report in reports:
        key = (report.region, report.period.start, report.period.end)
        if key in by_period:
            problems.append(_period_taken(rel, doc, report, by_period[key]))
        by_period.setdefault(key, _where(rel, doc, ("period",)))
        content = [doc.value.get(k) for k in ("figures", "projects", "problems", "next_steps")]
        if not any(content):
            continue  # an empty report resembles every other empty report
        same = json.dumps([report.region, content], default=str, sort_keys=True)
        if same in by_content:
            problems.append(_same_content(rel, doc, by_content[same]))
        by_content.setdefault(same, _where(rel, doc, ("title",)))
    return problems


def _period_taken(rel: str, doc: Document, report: Report, where: str) -> DataError:
    return error_at(
        rel,
        doc,
        ("period",),
        tr(
            "{where} already holds the report of {region} for {start} to {end}; "
            "one file per region and period",
            where=where,
            region=report.region,
            start=report.period.start,
            end=report.period.end,
        ),
    )


def _same_content(rel: str, doc: Document, where: str) -> DataError:
    return error_at(
        rel,
        doc,
        ("title",),
        tr(
            "same figures and text as {where}; one report under two names: "
            "keep one file and list the other title in other_titles",
            where=where,
        ),
    )


def check_project_ids(reports: Loaded) -> list[DataError]:
    """One id per project across files; a part names a whole that exists."""
    projects: dict[str, tuple[str, str, str]] = {}  # id -> (name, region, where)
    problems = _ids_used_once(reports, projects)
    return problems + _wholes_named(reports, projects)


def _ids_used_once(reports: Loaded, projects: dict[str, tuple[str, str, str]]) -> list[DataError]:
    """An id used for another project of another region is an error; `projects` gets each id's
    first (name, region, where)."""
    problems: list[DataError] = []
    for rel, doc, report in reports:
        for i, upd in enumerate(report.projects):
            known = projects.get(upd.id)
            if known and known[0] != upd.name and known[1] != report.region:
                message = tr(
                    "id {id!r} is used for {name!r} in {where}; "
                    "one id per project, choose another id",
                    id=upd.id,
                    name=known[0],
                    where=known[2],
                )
                problems.append(error_at(rel, doc, ("projects", i, "id"), message))
            elif not known:
                where = _where(rel, doc, ("projects", i, "id"))
                projects[upd.id] = (upd.name, report.region, where)
    return problems


def _wholes_named(reports: Loaded, projects: dict[str, tuple[str, str, str]]) -> list[DataError]:
    """A project's part_of is the id of another project that exists."""
    problems: list[DataError] = []
    for rel, doc, report in reports:
        for i, upd in enumerate(report.projects):
            loc = ("projects", i, "part_of")
            if upd.part_of and upd.part_of not in projects:
                message = tr(
                    "no project has the id {id!r}{hint}; expected the id of the whole project",
                    id=upd.part_of,
                    hint=_suggest(upd.part_of, list(projects)),
                )
                problems.append(error_at(rel, doc, loc, message))
            elif upd.part_of == upd.id:
                problems.append(error_at(rel, doc, loc, _("a project cannot be a part of itself")))
    return problems


SINCE_START = ("開工以來累計", "开工以来累计", "累計", "累计")


def check_cumulative(reports: Loaded) -> list[DataError]:
    """A project's amount since the start cannot fall from one report to the next (warning)."""
    series: dict[str, list] = {}
    for rel, doc, report in reports:
        for i, upd in enumerate(report.projects):
            for j, amt in enumerate(upd.amounts):
                if amt.basis in SINCE_START:
                    series.setdefault(upd.id, []).append(
                        (report.period.end, rel, doc, ("projects", i, "amounts", j, "amount"), amt)
                    )
    problems = []
    for pid, points in series.items():
        points.sort(key=lambda p: (p[0], p[1]))
        for (_d0, rel0, doc0, loc0, before), (_d1, rel, doc, loc, after) in pairwise(points):
            if after.yuan < before.yuan:
                problems.append(
                    error_at(
                        rel,
                        doc,
                        loc,
                        tr(
                            "cumulative amount of {id!r} falls from {before} ({where}) to "
                            "{after}; check both reports",
                            id=pid,
                            before=f"{before.amount}{before.unit}",
                            where=_where(rel0, doc0, loc0),
                            after=f"{after.amount}{after.unit}",
                        ),
                        "warning",
                    )
                )
    return problems


def check_report_path(rel: str, path: Path, report: Report, doc: Document) -> list[DataError]:
    """data/reports/<region>/<period>.yaml: folder is the region, stem is an ASCII slug."""
    problems = []
    if not re.match(SLUG_PATTERN, path.stem):
        hint = slug_hint("2005-q1")
        problems.append(
            DataError(
                rel,
                1,
                1,
                "",
                tr(
                    "file name {name!r} is not a URL-safe period id; {hint}",
                    name=path.stem,
                    hint=hint,
                ),
            )
        )
    if path.parent.name != report.region:
        pos = doc.where(("region",))
        problems.append(
            DataError(
                rel,
                pos.line,
                pos.col,
                "region",
                tr(
                    "region is {region!r} but the file is in folder {folder!r}; "
                    "expected the folder of its region",
                    region=report.region,
                    folder=path.parent.name,
                ),
            )
        )
    return problems


def check_regions(rel: str, doc: Document, regions: RegionsFile) -> list[DataError]:
    problems, seen = [], {}
    for i, region in enumerate(regions.regions):
        pos = doc.where(("regions", i, "id"))
        if region.id in seen:
            problems.append(
                DataError(
                    rel,
                    pos.line,
                    pos.col,
                    f"regions[{i}].id",
                    tr(
                        "region id {id!r} appears twice (first at {where}); one entry per region",
                        id=region.id,
                        where=f"{rel}:{seen[region.id]}",
                    ),
                )
            )
        seen.setdefault(region.id, pos.line)
    return problems

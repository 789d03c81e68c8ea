"""Typed models of the data files. Unknown keys are rejected; rules live in the tables below."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .i18n import _, tr
from .vocabulary import (  # the data's words (the extractor reads them too)
    AMOUNT_BASES,
    CAPACITY_UNITS,
    CHANGE_BASES,
    CHANGE_UNITS,
    COUNT_UNITS,
    MEASURE_UNITS,
    MONEY_UNITS,
    PLAN_WHOLES,
    QUANTITY_UNITS,
    SLUG_PATTERN,
    STAGES,
)

# Characters with no place in a report's text, and what they are. They come from copying out
# of PDFs and word processors; some break published formats (XML 1.0 refuses C0 controls and
# noncharacters, YAML front matter and JavaScript read U+2028 as a line end) and the bidi
# controls can make text read differently from what it holds. Tab and line feed are spacing.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def _character_name(char: str) -> str:
    kind = {"\u2028": _("line separator"), "\u2029": _("paragraph separator")}.get(char)
    if kind is None and (
        "\u200e" <= char <= "\u200f"
        or "\u202a" <= char <= "\u202e"
        or "\u2066" <= char <= "\u2069"
        or char == "\u061c"
    ):
        kind = _("bidirectional text control")
    if kind is None and ("\ud800" <= char <= "\udfff"):
        kind = _("lone surrogate")
    if kind is None and (char >= "\ufdd0"):
        kind = _("noncharacter")
    return f"U+{ord(char):04X} ({kind or _('control character')})"


def _plain_text(text: str) -> str:
    if bad := _UNWANTED.search(text):
        raise ValueError(
            tr(
                "{character} at character {position}; expected printable text: delete it "
                "(copying from a PDF or a word processor often brings it in)",
                character=_character_name(bad.group()),
                position=bad.start() + 1,
            )
        )
    if not text.strip():
        raise ValueError(_("text is empty; write the words or leave the field out"))
    return text


Text = Annotated[str, Strict(), AfterValidator(_plain_text)]
Slug = Annotated[str, Strict(), Field(pattern=SLUG_PATTERN, max_length=80)]
# Numbers are written as plain YAML numbers; the loader makes them Decimal from their text.
Number = Annotated[
    Decimal, Strict(), Field(allow_inf_nan=False), WithJsonSchema({"type": "number"})
]
NonNegative = Annotated[
    Decimal,
    Strict(),
    Field(ge=0, allow_inf_nan=False),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Percent = Annotated[
    Decimal,
    Strict(),
    Field(ge=0, le=100, allow_inf_nan=False),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
Date = Annotated[dt.date, Strict()]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- shared parts -----------------------------------------------------------------------------
class Period(Model):
    """A span of time as the report names it: 1—3月 is 2005-01-01..2005-03-31."""

    start: Date
    end: Date
    label: Text

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(
                tr("period ends ({end}) before it starts ({start})", end=self.end, start=self.start)
            )
        return self


class Money(Model):
    """An amount of money as stated: 3.21 億元. Decimal, never float."""

    amount: NonNegative
    unit: Literal[tuple(MONEY_UNITS)]  # type: ignore[valid-type]

    @property
    def yuan(self) -> Decimal:
        return self.amount * MONEY_UNITS[self.unit]


class Quantity(Model):
    """A stated figure: money (55 億元), a count (82 個), a measure (103.52 公里) or a rate (%)."""

    amount: NonNegative
    unit: Literal[QUANTITY_UNITS]  # type: ignore[valid-type]
    basis: Literal[AMOUNT_BASES] | None = None  # type: ignore[valid-type]

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def yuan(self) -> Decimal | None:
        return self.amount * MONEY_UNITS[self.unit] if self.is_money else None


class Change(Model):
    """A comparison as stated: 下降22% is -22 %; 增長3.3倍 is 3.3 倍; 高於序時進度23.8個百分點."""

    value: Number
    unit: Literal[CHANGE_UNITS]  # type: ignore[valid-type]
    basis: Literal[CHANGE_BASES]  # type: ignore[valid-type]


class Rank(Model):
    """A ranking as stated: 增速位居全市第3 is position 3 among 全市, of 增速."""

    position: Annotated[int, Field(ge=1)]
    among: Text
    of: Text | None = None


# A plan can be exceeded (投資完成率126.2%); a total or any other whole cannot.


class Share(Model):
    """占比: a percentage of a whole, with the whole named when the report names it."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"not": {"required": ["of"], "properties": {"of": {"enum": list(PLAN_WHOLES)}}}},
            "then": {"properties": {"percent": {"maximum": 100}}},
        }
    )

    of: Text | None = None  # before percent: the check of percent reads it
    percent: NonNegative

    @field_validator("percent")
    @classmethod
    def _within_whole(cls, percent: Decimal, info: ValidationInfo) -> Decimal:
        if percent > 100 and info.data.get("of") not in PLAN_WHOLES:
            raise ValueError(
                tr(
                    "{percent} is out of range; expected a percentage from 0 to 100 "
                    "(above 100 only for a share of a plan, with of: 年度計劃)",
                    percent=percent,
                )
            )
        return percent


class Source(Model):
    document: Text
    parts: list[Text] = []


# --- figures ----------------------------------------------------------------------------------
class Figure(Model):
    """A headline figure of a report."""

    label: Text
    value: Quantity | None = None
    period: Period | None = None  # its own period, when it differs from the report's
    plan: Money | None = None
    share_of_plan: NonNegative | None = None  # percent; above 100 when the plan is exceeded
    share: Share | None = None
    changes: list[Change] = []
    rank: Rank | None = None
    quote: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Figure:
        if self.value is None and not self.changes and self.share is None and not self.rank:
            raise ValueError(_("a figure needs a value, a share, a change or a rank"))
        return self


# --- projects ---------------------------------------------------------------------------------
class Capacity(Model):
    """Installed capacity as stated: 2×300MW is units 2, amount 300, unit MW."""

    units: Annotated[int, Field(ge=1)] | None = None
    amount: NonNegative
    unit: Literal[CAPACITY_UNITS]  # type: ignore[valid-type]


class ProjectAmount(Model):
    """One amount a report states for a project, with its basis and its own denominator."""

    amount: NonNegative
    unit: Literal[tuple(MONEY_UNITS)]  # type: ignore[valid-type]
    basis: Literal[AMOUNT_BASES] | None = None  # type: ignore[valid-type]
    share: Share | None = None

    @property
    def yuan(self) -> Decimal:
        return self.amount * MONEY_UNITS[self.unit]


class PhysicalProgress(Model):
    """Physical progress: 廠區場地平整工程 80%, or 路基成型 100 公里."""

    label: Text
    percent: Percent | None = None
    amount: NonNegative | None = None
    unit: Literal[MEASURE_UNITS + COUNT_UNITS] | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _one_measure(self) -> PhysicalProgress:
        if (self.percent is None) == (self.amount is None):
            raise ValueError(_("give either percent, or amount with unit"))
        if (self.amount is None) != (self.unit is None):
            raise ValueError(_("amount and unit go together"))
        return self


class ProjectUpdate(Model):
    """What one report says of one project."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    part_of: Slug | None = None  # the id of the whole project this is a part of (二期, 標段)
    stage: Literal[STAGES] | None = None  # type: ignore[valid-type]
    sector: Text | None = None
    capacity: Capacity | None = None
    amounts: list[ProjectAmount] = []
    physical_progress: list[PhysicalProgress] = []
    progress: Text | None = None
    next_step: Text | None = None
    quote: Text | None = None


class Measure(Model):
    heading: Text
    paragraphs: list[Text] = []


# --- files ------------------------------------------------------------------------------------
class Report(Model):
    """One report file: data/reports/<region>/<period>.yaml."""

    region: Slug
    title: Text
    other_titles: list[Text] = []
    issuer: Text | None = None
    addressee: Text | None = None
    published: Date | None = None
    published_as: Text | None = None
    period: Period
    source: Source
    summary: Text | None = None
    figures: list[Figure] = []
    projects: list[ProjectUpdate] = []
    other_progress: list[Text] = []
    problems: list[Text] = []
    measures: list[Measure] = []
    next_steps: list[Text] = []
    notes: list[Text] = []


class Region(Model):
    """A county or district. A region the reports do not name has no name."""

    id: Slug
    name: Text | None = None
    kind: Text
    note: Text | None = None

    @property
    def display_name(self) -> str:
        return self.name or f"未具名的{self.kind}"


class RegionsFile(Model):
    regions: list[Region]

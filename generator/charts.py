"""Charts as plain data for the SVG templates: bars, changes, progress, amounts over time.

Geometry only: the stated values are shown as text exactly as the report gives them; floats are
used for lengths on screen, never for a figure a reader sees. Templates: templates/_charts.md.j2.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .messages import m

YEAR_ON_YEAR = ("同比",)  # the comparison basis the change chart shows (same in both scripts)

# Lengths across are percentages of the chart's width and heights are pixels, so the chart
# fills a phone or a desktop column and its text stays at the reader's font size.
ROW = 44  # px: one item is a label line, then its bar
BAR_X, BAR_W = 0.0, 78.0  # percent: room is left for the value after the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the value as the report states it: 3.21億元, -22%
    x: float
    width: float
    y: float
    negative: bool = False


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars" | "changes" | "progress" | "series"
    title: str
    bars: tuple[Bar, ...]
    height: float
    axis_x: float | None = None  # the zero line of a change chart

    @property
    def track(self) -> float | None:
        """The full length behind progress bars (100%)."""
        return BAR_W if self.kind == "progress" else None


def bar_chart(title: str, items: list[tuple[str, Decimal, str]]) -> Chart | None:
    """Non-negative amounts on one scale: (label, value in a common unit, stated text)."""
    items = [i for i in items if i[1] is not None]
    if len(items) < 2:
        return None
    top = max(v for _, v, _ in items) or Decimal(1)
    bars = tuple(
        Bar(label, shown, BAR_X, float(v / top) * BAR_W, n * ROW)
        for n, (label, v, shown) in enumerate(items)
    )
    return Chart("bars", title, bars, len(bars) * ROW + 4)


def change_chart(title: str, items: list[tuple[str, Decimal, str]]) -> Chart | None:
    """Percentage changes around a zero line: (label, percent, stated text)."""
    if len(items) < 2:
        return None
    top = max(abs(v) for _, v, _ in items) or Decimal(1)
    has_negative = any(v < 0 for _, v, _ in items)
    room = 16.0 if has_negative else 0.0  # left of the longest negative bar, for its value
    half = (BAR_W - room) / 2 if has_negative else BAR_W
    zero = BAR_X + room + (half if has_negative else 0)
    bars = []
    for n, (label, v, shown) in enumerate(items):
        length = float(abs(v) / top) * half
        bars.append(Bar(label, shown, zero - length if v < 0 else zero, length, n * ROW, v < 0))
    return Chart("changes", title, tuple(bars), len(bars) * ROW + 4, axis_x=zero)


def progress_chart(title: str, items: list[tuple[str, Decimal, str]]) -> Chart | None:
    """Shares out of 100%: (label, percent, stated text)."""
    if not items:
        return None
    bars = tuple(
        Bar(label, shown, BAR_X, float(min(v, Decimal(100)) / 100) * BAR_W, n * ROW)
        for n, (label, v, shown) in enumerate(items)
    )
    return Chart("progress", title, bars, len(bars) * ROW + 4)


def series_chart(title: str, items: list[tuple[str, Decimal, str]]) -> Chart | None:
    """A cumulative amount across reports, oldest first: (period, value in 元, stated text)."""
    chart = bar_chart(title, items)
    return Chart("series", chart.title, chart.bars, chart.height) if chart else None


# --- what each page shows ----------------------------------------------------------------------
def report_charts(report) -> list[Chart]:
    """Headline figures: completed against plan; changes in percent; shares."""
    charts = []
    planned = [f for f in report.figures if f.value and f.value.is_money and f.plan]
    items = []
    for f in planned:
        items.append(
            (f"{f.label}：{m('done')}", f.value.yuan, f"{_num(f.value.amount)}{f.value.unit}")
        )
        items.append(
            (f"{f.label}：{m('plan')}", f.plan.yuan, f"{_num(f.plan.amount)}{f.plan.unit}")
        )
    if chart := bar_chart(m("chartDoneAndPlan"), items):
        charts.append(chart)
    changes = [
        (f.label, c.value, _signed(c.value) + c.unit)
        for f in report.figures
        for c in f.changes
        if c.unit == "%" and c.basis in YEAR_ON_YEAR
    ]
    if chart := change_chart(m("chartChange"), changes):
        charts.append(chart)
    shares = [
        (
            f"{f.label}{m('shareOf')}{f.share.of or m('ratio')}",
            f.share.percent,
            f"{_num(f.share.percent)}%",
        )
        for f in report.figures
        if f.share
    ]
    if len(shares) >= 2 and (chart := progress_chart(m("chartShares"), shares)):
        charts.append(chart)
    return charts


def project_charts(project) -> list[Chart]:
    charts = []
    latest = project.updates[-1].update
    items = []
    for a in latest.amounts:
        if a.share:
            items.append(
                (
                    f"{m('chartInvestedShare')}{a.share.of or m('totalInvestment')}",
                    a.share.percent,
                    f"{_num(a.share.percent)}%",
                )
            )
    for p in latest.physical_progress:
        if p.percent is not None:
            items.append((f"{m('physical')}：{p.label}", p.percent, f"{_num(p.percent)}%"))
    if chart := progress_chart(m("progressShort"), items):
        charts.append(chart)
    series = [
        (u.entry.report.period.label, yuan, f"{_num(u.invested.amount)}{u.invested.unit}")
        for u, yuan in project.invested_series
    ]
    if chart := series_chart(m("chartCumulative"), series):
        charts.append(chart)
    return charts


def _num(value: Decimal) -> str:
    return format(value, "f")


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + _num(value)


def headline_of(report):
    """A report's headline: its first figure stated in money (the total investment, as the
    reports put it first), or None."""
    return next((f for f in report.figures if f.value and f.value.is_money), None)


def home_charts(bulletin) -> list[Chart]:
    """The front page: each region's latest headline amount on one scale (lengths in 元, the
    amounts shown as stated, each with its period), and the projects by their latest stage."""
    charts = []
    items = []
    for region in bulletin.regions:
        reports = bulletin.reports_of(region)
        figure = headline_of(reports[0].report) if reports else None
        if figure is not None:
            label = f"{region.display_name}（{reports[0].report.period.label}）{figure.label}"
            items.append(
                (label, figure.value.yuan, f"{_num(figure.value.amount)}{figure.value.unit}")
            )
    if chart := bar_chart(m("chartHome"), items):
        charts.append(chart)
    stages = [
        (stage or m("noStage"), Decimal(n), f"{n} {m('counted')}")
        for stage, n in bulletin.stage_counts(bulletin.projects)
    ]
    # counted by the site, not stated by any report: the title says so
    if chart := bar_chart(m("chartStages"), stages):
        charts.append(chart)
    return charts


def region_series(reports) -> Chart | None:
    """A region's headline amount in each of its reports, oldest first (each as stated, with
    its period and label; lengths in 元)."""
    items = []
    for entry in reversed(reports):  # reports come newest first
        figure = headline_of(entry.report)
        if figure is not None:
            period = entry.report.period
            items.append(
                (
                    f"{period.end.year}{m('year')}{period.label} {figure.label}",
                    figure.value.yuan,
                    f"{_num(figure.value.amount)}{figure.value.unit}",
                )
            )
    return series_chart(m("chartOverTime"), items)

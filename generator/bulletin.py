"""The one linked, read-only view of the data that templates read: regions, reports, projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import urls
from .model import ProjectAmount, ProjectUpdate, Region, Report

NOT_SPENT = ("總投資", "总投资", "年度計劃", "年度计划")
CUMULATIVE = ("開工以來累計", "开工以来累计", "累計", "累计", "年初累計", "年初累计")


@dataclass(frozen=True)
class ReportEntry:
    """A report with where it came from and where it is published."""

    source: str  # data/reports/<region>/<slug>.yaml
    slug: str
    report: Report
    region: Region

    @property
    def key(self) -> str:
        return f"{self.region.id}/{self.slug}"

    @property
    def page(self) -> str:
        return urls.report(self.key)

    @property
    def sort_key(self) -> tuple:
        r = self.report
        return (r.period.end, r.published or r.period.end, self.region.id, self.slug)


def spent_amount(update: ProjectUpdate) -> ProjectAmount | None:
    """The amount invested (to date or in the period) as the report states it, if any."""
    return next((a for a in update.amounts if a.basis not in NOT_SPENT), None)


@dataclass(frozen=True)
class Update:
    """One report's word on one project, with the update before it (if any)."""

    entry: ReportEntry
    update: ProjectUpdate
    previous: Update | None = None

    @property
    def invested(self) -> ProjectAmount | None:
        return spent_amount(self.update)

    @property
    def changes(self) -> list[tuple[str, str | None, str | None]]:
        """(what, before, after) for the stage, the amount and the progress words; `what` is the
        key of its name in the message catalogue."""
        if self.previous is None:
            return []
        before, after = self.previous.update, self.update
        out = []
        if before.stage != after.stage:
            out.append(("stage", before.stage, after.stage))
        b, a = self.previous.invested, self.invested
        if (b and b.yuan) != (a and a.yuan):
            out.append(("invested", b and f"{b.amount}{b.unit}", a and f"{a.amount}{a.unit}"))
        if before.progress != after.progress:
            out.append(("progress", before.progress, after.progress))
        return out


@dataclass
class Project:
    id: str
    region: Region
    updates: list[Update] = field(default_factory=list)  # oldest first

    @property
    def latest(self) -> ProjectUpdate:
        return self.updates[-1].update

    @property
    def name(self) -> str:
        return self.latest.name

    @property
    def page(self) -> str:
        return urls.project(self.id)

    @property
    def stage(self) -> str | None:
        return next((u.update.stage for u in reversed(self.updates) if u.update.stage), None)

    @property
    def sector(self) -> str | None:
        return next((u.update.sector for u in reversed(self.updates) if u.update.sector), None)

    @property
    def capacity(self):
        return next((u.update.capacity for u in reversed(self.updates) if u.update.capacity), None)

    @property
    def aliases(self) -> list[str]:
        names = {u.update.name for u in self.updates} | {
            a for u in self.updates for a in u.update.aliases
        }
        return sorted(names - {self.name})

    @property
    def part_of(self) -> str | None:
        return next((u.update.part_of for u in reversed(self.updates) if u.update.part_of), None)

    @property
    def latest_invested(self) -> Update | None:
        return next((u for u in reversed(self.updates) if u.invested), None)

    @property
    def invested_series(self) -> list[tuple[Update, Decimal]]:
        """Cumulative amounts across reports, in 元, oldest first (for charts and checks)."""
        return [
            (u, u.invested.yuan)
            for u in self.updates
            if u.invested and u.invested.basis in CUMULATIVE
        ]


@dataclass
class Bulletin:
    regions: list[Region]
    reports: list[ReportEntry]  # newest first
    projects: list[Project]  # by region, then name order of first appearance
    _reports_by_region: dict[str, list[ReportEntry]] = field(default_factory=dict, repr=False)
    _projects_by_region: dict[str, list[Project]] = field(default_factory=dict, repr=False)
    _projects_by_id: dict[str, Project] = field(default_factory=dict, repr=False)
    _parts: dict[str, list[Project]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:  # one pass each, so pages never scan the whole bulletin
        for entry in self.reports:
            self._reports_by_region.setdefault(entry.region.id, []).append(entry)
        for project in self.projects:
            self._projects_by_region.setdefault(project.region.id, []).append(project)
            self._projects_by_id[project.id] = project
            if project.part_of:
                self._parts.setdefault(project.part_of, []).append(project)

    def project(self, project_id: str) -> Project | None:
        return self._projects_by_id.get(project_id)

    def parts_of(self, project: Project) -> list[Project]:
        return self._parts.get(project.id, [])

    def reports_of(self, region: Region) -> list[ReportEntry]:
        return self._reports_by_region.get(region.id, [])

    def projects_of(self, region: Region) -> list[Project]:
        return self._projects_by_region.get(region.id, [])

    def stage_counts(self, projects: list[Project]) -> list[tuple[str | None, int]]:
        """(stage, projects) by the latest stage, most first; None: no report says it."""
        counts: dict[str | None, int] = {}
        for p in projects:
            counts[p.stage] = counts.get(p.stage, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))

    @property
    def latest_date(self):
        return max((e.report.published or e.report.period.end for e in self.reports), default=None)


def assemble(regions: list[Region], entries: list[ReportEntry]) -> Bulletin:
    """Link reports to regions and gather each project's updates in date order."""
    entries = sorted(entries, key=lambda e: e.sort_key)
    projects: dict[str, Project] = {}
    for entry in entries:
        for upd in entry.report.projects:
            project = projects.setdefault(upd.id, Project(upd.id, entry.region))
            previous = project.updates[-1] if project.updates else None
            project.updates.append(Update(entry, upd, previous))
    return Bulletin(regions=list(regions), reports=entries[::-1], projects=list(projects.values()))

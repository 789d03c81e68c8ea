"""The page plan, the Jinja environment and its filters, and writing only what changed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
)
from markupsafe import Markup
from markupsafe import escape as html_escape

from . import __version__, urls
from .bulletin import Bulletin, spent_amount
from .charts import headline_of, home_charts, project_charts, region_series, report_charts
from .errors import BulletinError
from .i18n import _, tr
from .layout import TOOL_TEMPLATES, Folders, find, folders
from .messages import Messages, load, localize, m
from .model import Change, Period
from .opendata import json_text

MANIFEST = ".generated.json"
LONG_LIST = 100  # rows: past this, index pages group by region and stage (pages stay < 50 KB)
HOME_REPORTS = 5  # latest reports shown on the home page
# past this many regions the home page leaves their list (names, counts) to the regions
# index: the latest figure of each region already links each one (at 50 regions the list
# alone was 12 KB of a 55 KB page)
HOME_REGIONS = 20

# ASCII characters that Markdown or HTML give a meaning to become numeric character references,
# so text from data shows literally and can never become markup, a link or a script. Some only
# mean something at the start of a line (lists, quotes, definitions); the text is put on one
# line, so escaping them at its start is enough.
_ALWAYS = set("\\`*_{}[]()#!|<>&~\"'^$")
_AT_START = set("-+:=>%")
_SPACE = re.compile(r"\s+")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?= |$)")


_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in _ALWAYS})


def escape_md(text: str) -> str:
    """Text from data -> Markdown source that renders exactly that text, on one line."""
    text = _SPACE.sub(" ", str(text)).strip()
    out = text.translate(_ENTITIES)
    if out[:1] in _AT_START:
        out = f"&#{ord(out[0])};" + out[1:]
    return _LIST_NUMBER.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", out)


@lru_cache(maxsize=1 << 16)  # names, stages, units and dates come back on many pages
def _escaped(text: str) -> Markup:
    return Markup(escape_md(text))


def _finalize(value: object) -> object:
    """Applied to every {{ expression }}: data is escaped unless a filter made it markup."""
    if type(value) is str:
        return _escaped(value)
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError(_("a template printed None: guard optional fields with {% if %}"))
    if isinstance(value, Decimal | int):
        return Markup(escape_md(number(value)))
    return Markup(escape_md(str(value)))


# --- filters: numbers, money, changes, dates ---------------------------------------------------
def number(value: Decimal | int) -> str:
    """As stated: 3.21 stays 3.21, 41162 stays 41162 (no float, no thousands separator)."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def quantity(q) -> str:
    if q is None:
        return "—"
    units = f"{q.units}×" if getattr(q, "units", None) else ""
    return f"{units}{number(q.amount)}{q.unit}"


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{number(value)}%"


def change(c: Change) -> str:
    """-22 % 同比 -> 同比下降22%; 23.8 個百分點 序時進度 -> 高於序時進度23.8個百分點."""
    size = number(abs(c.value))
    if c.basis in ("序時進度", "序时进度", "全市", "全省", "全州", "全國", "全国", "上年"):
        word = m("higher") if c.value >= 0 else m("lower")
        return f"{word}{c.basis}{size}{c.unit}"
    word = m("growth") if c.value >= 0 else m("decline")
    return f"{c.basis}{word}{size}{c.unit}"


def as_written(text: str) -> Markup:
    """A sentence of the report, marked so that a tree in the other script keeps it as the
    report wrote it (and shows the converted form beside it): generator/scripts.py."""
    return Markup(f'<span class="as-written">{escape_md(text)}</span>')


def date_zh(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return f"{value.year}{m('year')}{value.month}{m('month')}{value.day}{m('day')}"


def period_span(p: Period) -> str:
    return f"{p.label}（{p.start.isoformat()} {m('to')} {p.end.isoformat()}）"


# --- page plan ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    path: str  # relative to content/
    template: str
    sources: tuple[str, ...]  # the data files it comes from
    title: str  # plain text; the page's H1 and its <title>
    context: dict = field(default_factory=dict, hash=False, compare=False)
    # what search results can be filtered by: (name, value), e.g. ("region", "天城縣")
    filters: tuple[tuple[str, str], ...] = ()
    # data files it shows something of beyond its sources (a linked project's name): with the
    # sources, what the page is made again for when it changes (generator/incremental.py)
    also: tuple[str, ...] = ()

    @property
    def depends(self) -> tuple[str, ...]:
        return ("data/regions.yaml",) + self.sources + self.also

    @property
    def source(self) -> str:
        return ", ".join(self.sources)


def plan_pages(bulletin: Bulletin, touching: set[str] | None = None) -> list[Page]:
    """Every generated page: which template, which context, which output path. With
    `touching` (data files), only the pages that depend on one of them (the preview's first
    pages): the same pages, found without planning every project's. `page_paths` gives the
    paths of the whole plan, in order, without planning it."""
    every = ("data/regions.yaml",) + tuple(sorted(e.source for e in bulletin.reports))
    pages = [
        Page(urls.HOME, "home.md.j2", every, m("homeTitle")),
        Page(urls.REGIONS, "regions_index.md.j2", every, m("regions")),
        Page(urls.REPORTS, "reports_index.md.j2", every, m("reports")),
        Page(urls.PROJECTS, "projects_index.md.j2", every, m("projects")),
        Page(urls.DATA, "data.md.j2", every, m("dataTitle")),
        Page(urls.ABOUT, "about.md.j2", (), m("aboutTitle")),
    ]
    for region in bulletin.regions:
        sources = ("data/regions.yaml",) + tuple(
            sorted(e.source for e in bulletin.reports_of(region))
        )
        pages.append(
            Page(
                urls.region(region.id),
                "region.md.j2",
                sources,
                region.display_name,
                {"region": region},
                (("kind", m("region")), ("region", region.display_name)),
            )
        )
    for entry in bulletin.reports:
        pages.append(
            Page(
                entry.page,
                "report.md.j2",
                (entry.source,),
                entry.report.title,
                {"entry": entry},
                (
                    ("kind", m("report")),
                    ("region", entry.region.display_name),
                    ("period", entry.report.period.label),
                ),
            )
        )
    projects = bulletin.projects
    if touching is not None and "data/regions.yaml" not in touching:
        # a project's page depends on its reports and its linked projects' reports
        near = {
            u.id: None for e in bulletin.reports if e.source in touching for u in e.report.projects
        }
        found = [p for p in map(bulletin.project, near) if p is not None]
        chosen = {id(p) for p in found} | {id(o) for p in found for o in _linked(bulletin, p)}
        projects = [p for p in projects if id(p) in chosen]  # in the whole plan's order
    for project in projects:
        sources = tuple(sorted({u.entry.source for u in project.updates}))
        also = tuple(
            sorted({u.entry.source for p in _linked(bulletin, project) for u in p.updates})
        )
        pages.append(
            Page(
                project.page,
                "project.md.j2",
                sources,
                project.name,
                {"project": project},
                (("kind", m("item")), ("region", project.region.display_name))
                + ((("stage", project.stage),) if project.stage else ())
                + ((("sector", project.sector),) if project.sector else ()),
                also,
            )
        )
    if touching is not None:
        pages = [page for page in pages if touching.intersection(page.depends)]
    return pages


def _linked(bulletin: Bulletin, project) -> list:
    """The projects a project's page shows beside it: its parts and the whole it is part of."""
    whole = bulletin.project(project.part_of or "")
    return bulletin.parts_of(project) + ([whole] if whole is not None else [])


def page_paths(bulletin: Bulletin) -> list[str]:
    """The paths of `plan_pages(bulletin)`, in order (tests/test_incremental.py holds them
    to it)."""
    return (
        [urls.HOME, urls.REGIONS, urls.REPORTS, urls.PROJECTS, urls.DATA, urls.ABOUT]
        + [urls.region(region.id) for region in bulletin.regions]
        + [entry.page for entry in bulletin.reports]
        + [project.page for project in bulletin.projects]
    )


class Words:
    """`t` in templates: {{ t.latestStage }} is the marker of that message, which each
    script's tree resolves to its own form (generator/messages.py)."""

    def __init__(self, messages: Messages):
        self._messages = messages
        for key in messages.entries:  # found as attributes: no call per use
            setattr(self, key, Markup(m(key)))

    def __getattr__(self, key: str) -> Markup:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key: str) -> Markup:
        self._messages.text(key, "hant")  # an unknown key is an error here, with its name
        return Markup(m(key))


def make_environment(
    templates: Folders, messages: Messages, compiled: Path | None = None
) -> Environment:
    """The Jinja environment of a bulletin's templates; with `compiled`, a folder where
    the compiled templates are kept for the next run (checked against each template's text)."""
    if compiled is not None:
        with contextlib.suppress(OSError):  # a read-only folder: compiled on every run
            compiled.mkdir(parents=True, exist_ok=True)
    env = Environment(
        bytecode_cache=FileSystemBytecodeCache(str(compiled))
        if compiled is not None and compiled.is_dir()
        else None,
        loader=FileSystemLoader(folders(templates)),  # a bulletin's own first
        undefined=StrictUndefined,
        finalize=_finalize,
        # _finalize escapes every value for Markdown and HTML and marks it done; autoescape
        # only makes macro output count as done, so it is not escaped twice.
        autoescape=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a run; no stat() per page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=number,
        quantity=quantity,
        percent=percent,
        change=change,
        date_zh=date_zh,
        as_written=as_written,
        period_span=period_span,
    )
    env.globals.update(
        urls=urls,
        link=_link,
        url=_url,
        invested=spent_amount,
        long_list=LONG_LIST,
        home_reports=HOME_REPORTS,
        home_regions=HOME_REGIONS,
        report_charts=report_charts,
        home_charts=home_charts,
        region_series=region_series,
        headline_of=headline_of,
        project_charts=project_charts,
        t=Words(messages),
    )
    return env


@pass_context
def _url(ctx, target: str) -> Markup:
    """A link target relative to the page being rendered (MkDocs checks it with --strict).

    Every target is a path from content/, so going up to content/ and down again is enough.
    """
    depth = ctx["page_path"].count("/")
    return Markup("../" * depth + target)


@pass_context
def _link(ctx, text: str, target: str) -> Markup:
    return Markup(f"[{escape_md(text)}]({_url(ctx, target)})")


def require_templates(templates: Folders) -> None:
    if not find(templates, "home.md.j2").is_file():
        raise BulletinError(
            tr(
                "{path}: the page templates are missing; "
                "the tool is not installed whole (reinstall it)",
                path=find(templates, "home.md.j2"),
            )
        )


def render_marked(
    bulletin: Bulletin,
    templates: Path,
    changed: dict[str, dt.date] | None = None,
    plan: list[Page] | None = None,
    env: Environment | None = None,
    jobs: int = 1,
) -> dict[str, tuple[Page, str]]:
    """Render the planned pages (`plan`; default: every page) once: path -> (page, text),
    the site's own words as markers that `localize_pages` resolves per script. `changed`
    maps data files to the date they last changed. With `jobs` > 1, a large plan is rendered
    by that many processes; the pages are the same, byte for byte.
    """
    require_templates(templates)
    env = env or make_environment(templates, load(templates))
    pages = plan_pages(bulletin) if plan is None else plan
    work = _Render(bulletin, templates, changed or {}, env, pages)
    bodies = [texts[0] for texts in work.run(jobs)[0]]
    return {page.path: (page, body) for page, body in zip(pages, bodies, strict=True)}


def render_trees(
    bulletin: Bulletin,
    templates: Path,
    changed: dict[str, dt.date],
    plan: list[Page],
    env: Environment,
    localized: tuple[str, ...],
    messages: Messages,
    jobs: int = 1,
    meanwhile=None,
) -> tuple[dict[str, dict[str, str]], object]:
    """The planned pages rendered once and made in each script of `localized` (front matter
    and page): script -> path -> text, and what `meanwhile()` gave. With `jobs` > 1 a large
    plan is rendered and localized by that many processes while this one runs `meanwhile`
    (the open data); the pages are the same, byte for byte. (The caller has checked the
    templates: require_templates.)"""
    work = _Render(bulletin, templates, changed, env, plan, localized, messages)
    texts, extra = work.run(jobs, meanwhile)
    trees = {
        script: {page.path: t[k] for page, t in zip(plan, texts, strict=True)}
        for k, script in enumerate(localized)
    }
    return trees, extra


PARALLEL_FROM = 400  # fewer pages render faster in one process than workers start


class _Render:
    """The pages, in one process or in several (forked: each worker has the loaded bulletin
    and the templates already; it renders a share of the pages, in order): each page's body
    with the markers of the site's words, or (`localized`) its text in each of those scripts."""

    current: _Render | None = None  # what a forked worker renders

    def __init__(self, bulletin, templates, changed, env, pages, localized=(), messages=None):
        self.bulletin, self.templates, self.changed = bulletin, templates, changed
        self.env, self.pages, self.compiled = env, pages, {}
        self.localized, self.messages = localized, messages

    def chunk(self, indexes) -> list[tuple[str, ...]]:
        out = []
        for i in indexes:
            page = self.pages[i]
            body = self.one(page)
            if self.localized:
                out.append(
                    tuple(localized_page(page, body, s, self.messages) for s in self.localized)
                )
            else:
                out.append((body,))
        return out

    def one(self, page: Page) -> str:
        try:
            template = self.compiled.get(page.template)
            if template is None:
                template = self.compiled[page.template] = self.env.get_template(page.template)
            body = template.render(
                bulletin=self.bulletin, page_path=page.path, title=page.title, **page.context
            )
        except (TemplateError, TypeError, AttributeError, KeyError, ValueError) as exc:
            raise template_problem(exc, page.template, folders(self.templates)) from None
        return body.rstrip("\n") + "\n" + provenance(page, self.changed)

    def run(self, jobs: int, meanwhile=None) -> tuple[list[tuple[str, ...]], object]:
        """Every page's texts, in order, and what `meanwhile()` gave (run in this process
        while the workers render)."""
        if jobs <= 1 or len(self.pages) < PARALLEL_FROM:
            texts = self.chunk(range(len(self.pages)))
            return texts, meanwhile() if meanwhile else None
        import multiprocessing

        n = len(self.pages)
        shares = [range(k * n // (jobs * 4), (k + 1) * n // (jobs * 4)) for k in range(jobs * 4)]
        _Render.current = self
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pending = pool.map_async(_render_share, shares)
                extra = meanwhile() if meanwhile else None
                parts = pending.get()
        finally:
            _Render.current = None
        return [texts for part in parts for texts in part], extra


def _render_share(indexes: range) -> list[tuple[str, ...]]:
    return _Render.current.chunk(indexes)


def template_problem(exc: Exception, name: str, search: list[Path]) -> BulletinError:
    """One line for a template that fails: the file and line, what is wrong, and, for a
    bulletin's own template that replaces the tool's, that the tool's may have changed."""
    where, line = None, None
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        where, line = exc.filename, exc.lineno
    else:  # the innermost frame of a template file
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename.endswith(".j2"):
                where, line = frame.filename, frame.lineno
    path = Path(where) if where else find(search, name)
    message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
    where = f"{path}{f':{line}' if line else ''}"
    text = tr("{where}: template: {what}", where=where, what=message)
    if not path.is_relative_to(TOOL_TEMPLATES):
        text += tr(
            "; this is the bulletin's own copy of the tool's {name} (version {version}), which "
            "may have changed since it was copied: compare the two, the tool's CHANGELOG.md "
            "says what changed",
            name=path.name,
            version=__version__,
        )
    return BulletinError(text)


def localize_pages(
    marked: dict[str, tuple[str, str]], script: str, messages: Messages
) -> dict[str, str]:
    """The rendered pages in one script: front matter, then the page."""
    return {
        path: localized_page(page, body, script, messages) for path, (page, body) in marked.items()
    }


def localized_page(page: Page, body: str, script: str, messages: Messages) -> str:
    """One rendered page in `script`: front matter, then the page."""
    return front_matter(
        page,
        localize(page.title, script, messages),
        {name: localize(value, script, messages) for name, value in page.filters},
    ) + localize(body, script, messages)


def render_pages(
    bulletin: Bulletin,
    templates: Path,
    changed: dict[str, dt.date] | None = None,
    script: str = "hant",
) -> dict[str, str]:
    """Every planned page in one script."""
    marked = render_marked(bulletin, templates, changed)
    return localize_pages(marked, script, load(templates))


def provenance(page: Page, changed: dict[str, dt.date]) -> str:
    """The closing line of every page: where its data comes from and when it last changed."""
    if not page.sources:
        return ""
    dates = [changed[s] for s in page.sources if s in changed]
    when = date_zh(max(dates)) if dates else m("notRecorded")
    files = (
        escape_md("、".join(page.sources))
        if len(page.sources) <= 3
        else f"{len(page.sources)} {m('dataFiles')}"
    )
    return f"\n---\n\n{m('sourcesFrom')} {files}；{m('lastChanged')}：{when}。\n"


def front_matter(page: Page, title: str, filters: dict[str, str] | None = None) -> str:
    """The notice that the page is generated, its title for MkDocs and the theme, and what
    search can filter it by (site_overrides/main.html puts them in the page for Pagefind).

    MkDocs takes a page title from its H1 as plain text and Material prints it into the
    header unescaped, so the title is given here, HTML-escaped, as a JSON (= YAML) string;
    the filters are JSON too, and the theme escapes them.
    """
    title = json.dumps(str(html_escape(title)), ensure_ascii=False)
    search = f"search: {json.dumps(filters, ensure_ascii=False)}\n" if filters else ""
    return (
        f"---\n# generated from {page.source} by `python -m generator build`; "
        f"edit the data, not this file\ntitle: {title}\n{search}---\n"
    )


# --- writing --------------------------------------------------------------------------------
def read_manifest(content: Path) -> dict[str, str]:
    """The generated files an earlier run wrote: path -> the key of what it was made from
    (generator/incremental.py; "" when not known)."""
    path = content / MANIFEST
    if not path.exists():
        return {}
    try:
        owned = json.loads(path.read_text("utf-8"))
    except (ValueError, OSError):
        raise BulletinError(
            tr(
                "{path} is damaged; delete it and the generated folders (make clean), "
                "then build again",
                path=path,
            )
        ) from None
    if isinstance(owned, list):  # written before files had keys
        return dict.fromkeys(owned, "")
    if not isinstance(owned, dict):
        raise BulletinError(
            tr("{path} is damaged; delete it (make clean), then build again", path=path)
        )
    return owned


def write_if_changed(path: str | Path, data: bytes, folders: set[str] | None = None) -> bool:
    """Write `data` to `path` unless it holds those bytes already; whole or not at all (a
    temporary file renamed over it). Returns whether it wrote. `folders`: folders known to
    exist (a new file's folder is made once, then added)."""
    path = str(path)
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    except FileNotFoundError:
        folder = os.path.dirname(path)
        if folders is None or folder not in folders:
            os.makedirs(folder, exist_ok=True)
            if folders is not None:
                folders.add(folder)
    write_whole(path, data)
    return True


def write_whole(path: str | Path, data: bytes) -> None:
    """`data` in `path`, whole or not at all: a temporary file renamed over it."""
    path = str(path)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def write_all(files: list[tuple[str, str]], root: str) -> list[bool]:
    """write_if_changed for each (path under `root`, text), in order, one after another;
    whether each was written. (Threads were slower: the work is the file system's, which makes
    files in one folder one at a time; at 10,000 pages from nothing, 8 threads wrote in 23 s
    what one thread writes in 13-16 s, docs/scaling.md.)"""
    folders: set[str] = set()
    return [write_if_changed(root + rel, text.encode("utf-8"), folders) for rel, text in files]


def write_pages(
    content: Path,
    pages: dict[str, str],
    keys: dict[str, str] | None = None,
    owned: dict[str, str] | None = None,
    then=None,
) -> tuple[list[str], list[str]]:
    """Write pages whose bytes changed; remove generated pages no longer planned.

    `keys`: every generated file and the key of what it is made from (default: `pages`,
    unkeyed); a file in `keys` but not in `pages` is unchanged and kept. `owned`: the
    manifest as this run read it (default: read here). Only files listed in the manifest
    (written by an earlier run) are ever removed, so a hand-written page is never touched.
    `then(written)`: what else the run writes from these files (the other script's tree),
    before the manifest records the run as done. Returns (written, removed).

    Before any file is written, the manifest lists every file this run is about to write
    with no key: a run stopped halfway (Ctrl-C, a full disk, a power cut) leaves them listed,
    made again by the next run, never taken for hand-written pages nor kept as they are.
    """
    keys = dict.fromkeys(pages, "") if keys is None else keys
    owned = read_manifest(content) if owned is None else owned
    hand_written = {p for p in pages if p not in owned and (content / p).exists()}
    if hand_written:
        raise BulletinError(
            tr(
                "generated pages would overwrite hand-written files in content/: {files}; "
                "rename or move them",
                files=", ".join(sorted(hand_written)),
            )
        )
    root = f"{content}/"
    files = sorted(pages.items())
    if files:  # listed as unfinished first (above)
        _write_manifest(content, owned | dict.fromkeys(pages, ""))
    written = [
        rel for (rel, _text), wrote in zip(files, write_all(files, root), strict=True) if wrote
    ]
    removed = []
    for rel in sorted(set(owned) - set(keys)):
        path = content / rel
        if path.exists():
            path.unlink()
            removed.append(rel)
    if then is not None:
        then(written)
    _write_manifest(content, keys)
    return written, removed


def _write_manifest(content: Path, keys: dict[str, str]) -> None:
    manifest = json_text(dict(sorted(keys.items())), depth=1)  # a path and its key a line
    write_if_changed(content / MANIFEST, manifest.encode("utf-8"))

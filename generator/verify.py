"""`python -m generator verify [SITE]`: is a built site whole, before it is published?

What a county checks before its site goes out, in seconds and with no browser:
- every internal link and asset of every HTML page resolves (both script trees, the 404
  page), and so does every link of the feed and the sitemaps;
- nothing is loaded from another host (scripts, styles, images, fonts, frames; CSS imports);
- every XML file (feed, sitemaps, SVG) and every JSON file parses;
- the open data passes its standards: OC4IDS 0.9.5 (the standard's own schema, shipped with
  the tool) and the Frictionless data package;
- every page's counterpart in the other script exists;
- the search index holds every page of each script.

Each fault is one line, `site/path: what is wrong`; the exit code says whether any was found.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .i18n import _, tr
from .layout import TOOL

OC4IDS = TOOL / "standards" / "oc4ids-0.9.5"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
# what a page loads (a link to another host is a link, not a load)
LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src"}
LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.links: list[str] = []  # <a href>: must resolve when internal
        self.loads: list[str] = []  # what the browser fetches by itself
        self.switch = ""  # the link to this page in the other script
        self.indexed = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if "data-pagefind-body" in a:
            self.indexed = True
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if a.get("hreflang") and not self.switch and "script-switch" in self._classes:
                self.switch = a["href"]
        if tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            (self.loads if rels & LOADED_RELS else self.links).append(a["href"])
        if tag in LOADS and a.get(LOADS[tag]):
            self.loads.append(a[LOADS[tag]])
        for srcset in (a.get("srcset"),):
            if srcset:
                self.loads += [part.split()[0] for part in srcset.split(",") if part.strip()]
        self._classes = a.get("class", "") if tag == "p" else self._classes

    _classes = ""


class Verifier:
    def __init__(self, site: Path):
        self.site = site
        self.faults: list[str] = []
        self.prefix = "/"  # the path of the site's address (site_url), from the sitemap

    def fault(self, path: Path | str, message: str) -> None:
        rel = path.relative_to(self.site).as_posix() if isinstance(path, Path) else path
        self.faults.append(f"{self.site.name}/{rel}: {message}")

    # --- resolving -----------------------------------------------------------------------
    def target(self, page: Path, ref: str) -> Path | None:
        """The file an internal reference of `page` names (None: not a file of this site)."""
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        if not path:
            return page  # "#anchor" or "?query": this page
        if path.startswith("/"):
            rel = path[len(self.prefix) :] if path.startswith(self.prefix) else path
            target = self.site / rel.lstrip("/")
        else:
            target = page.parent / path
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def resolves(self, target: Path) -> bool:
        try:
            target.resolve().relative_to(self.site.resolve())
        except ValueError:
            return False
        return target.is_file()

    def absolute(self, where: Path, url: str, what: str) -> None:
        """A link of the feed or a sitemap: under the site's address, to a file of the site."""
        parts = urlsplit(url)
        if not parts.path.startswith(self.prefix):
            self.fault(
                where, tr("{what} {url!r} is not under the site's address", what=what, url=url)
            )
            return
        target = self.target(self.site / "index.html", parts.path)
        if target is not None and not self.resolves(target):
            self.fault(where, tr("{what} {url!r}: no such page in the site", what=what, url=url))

    # --- checks --------------------------------------------------------------------------
    def run(self) -> list[str]:
        if not (self.site / "index.html").is_file():
            self.fault("index.html", _("missing; expected a built site (make site)"))
            return self.faults
        self.prefix = self.address_path()
        self.xml_files()
        self.html_pages()
        self.css_files()
        self.json_files()
        self.compressed_copies()
        self.open_data()
        return self.faults

    def address_path(self) -> str:
        """The path of the site's address ("/tzgb/"), the pages of its sitemap have in common
        ("/" without one: the site then links from its host's root)."""
        try:
            root = ET.parse(self.site / "sitemap.xml").getroot()
        except (ET.ParseError, OSError):
            return "/"  # said by xml_files
        paths = [urlsplit(e.text or "").path for e in root.iter(f"{SITEMAP}loc")]
        common = os.path.commonprefix(paths) if paths else "/"
        return common[: common.rfind("/") + 1] or "/"

    def xml_files(self) -> None:
        for path in sorted(self.site.rglob("*")):
            if path.suffix not in (".xml", ".svg") or not path.is_file():
                continue
            try:
                root = ET.parse(path).getroot()
            except (ET.ParseError, OSError) as exc:
                self.fault(path, tr("not well-formed XML ({exc})", exc=exc))
                continue
            if root.tag == f"{SITEMAP}urlset":
                for loc in [e.text or "" for e in root.iter(f"{SITEMAP}loc")]:
                    self.absolute(path, loc, _("sitemap entry"))
            elif root.tag == f"{ATOM}feed":
                for link in root.iter(f"{ATOM}link"):
                    href = link.get("href", "")
                    if SCHEME.match(href):
                        self.absolute(path, href, _("feed link"))
                    else:
                        target = self.target(path, href)
                        if target is not None and not self.resolves(target):
                            self.fault(
                                path,
                                tr(
                                    "{what} {url!r}: no such page in the site",
                                    what=_("feed link"),
                                    url=href,
                                ),
                            )

    def html_pages(self) -> None:
        langs: Counter[str] = Counter()
        for path in sorted(self.site.rglob("*.html")):
            if path.relative_to(self.site).parts[0] == "pagefind":
                continue
            page = _Page()
            try:
                page.feed(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                self.fault(path, tr("cannot be read ({exc})", exc=exc))
                continue
            for ref in page.loads:
                if FOREIGN.match(ref):
                    self.fault(path, tr("loads {ref!r} from another host", ref=ref))
                    continue
                target = self.target(path, ref)
                if target is not None and not self.resolves(target):
                    self.fault(path, tr("asset {ref!r}: missing", ref=ref))
            for ref in page.links:
                target = self.target(path, ref)
                if target is not None and not self.resolves(target):
                    self.fault(path, tr("link {ref!r}: no such page", ref=ref))
            if page.indexed:
                langs[page.lang.lower()] += 1
                if not page.switch:
                    self.fault(path, _("no link to the page in the other script"))
        self.search_index(langs)

    def search_index(self, langs: Counter[str]) -> None:
        entry = self.site / "pagefind" / "pagefind-entry.json"
        counts: Counter[str] = Counter()
        try:  # the first piece of each language's index, then its further pieces
            indexed = json.loads(entry.read_text("utf-8"))["languages"]
            counts.update({lang: int(v["page_count"]) for lang, v in indexed.items()})
            listed = self.site / "pagefind" / "pieces.json"
            more = json.loads(listed.read_text("utf-8")) if listed.exists() else {}
            for lang, pieces in more.items():
                for piece in pieces:
                    entry = self.site / "pagefind" / piece / "pagefind-entry.json"
                    counts[lang] += int(
                        json.loads(entry.read_text("utf-8"))["languages"][lang]["page_count"]
                    )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.fault(entry, tr("no search index ({exc})", exc=exc))
            return
        for lang, pages in sorted(langs.items()):
            if counts.get(lang, 0) != pages:
                self.fault(
                    entry,
                    tr(
                        "{lang}: {indexed} pages indexed of {pages}",
                        lang=lang,
                        indexed=counts.get(lang, 0),
                        pages=pages,
                    ),
                )

    def css_files(self) -> None:
        for path in sorted(self.site.rglob("*.css")):
            for match in CSS_URL.finditer(path.read_text("utf-8", errors="replace")):
                ref = match.group(1) or match.group(2)
                if FOREIGN.match(ref):
                    self.fault(path, tr("loads {ref!r} from another host", ref=ref))

    def json_files(self) -> None:
        for path in sorted(self.site.rglob("*.json")):
            try:
                json.loads(path.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                self.fault(path, tr("not valid JSON ({exc})", exc=exc))

    def compressed_copies(self) -> None:
        """A .gz or .br copy (build --precompress) holds its file's bytes exactly."""
        import gzip

        import brotli

        for path in sorted(self.site.rglob("*")):
            if path.suffix not in (".gz", ".br") or not path.is_file():
                continue
            original = path.with_suffix("")
            unpack = gzip.decompress if path.suffix == ".gz" else brotli.decompress
            try:
                same = original.is_file() and unpack(path.read_bytes()) == original.read_bytes()
            except (OSError, EOFError, gzip.BadGzipFile, brotli.error):
                same = False
            if not same:
                self.fault(
                    path, tr("not a copy of {name} (make the site again)", name=original.name)
                )

    def open_data(self) -> None:
        oc4ids = self.site / "data" / "oc4ids.json"
        if oc4ids.is_file():
            try:
                package = json.loads(oc4ids.read_text("utf-8"))
            except ValueError:
                package = None  # said by json_files
            if package is not None:
                for error in oc4ids_errors(package)[:20]:
                    self.fault(
                        oc4ids, tr("{standard}: {error}", standard="OC4IDS 0.9.5", error=error)
                    )
        elif self.projects():
            self.fault("data/oc4ids.json", _("missing (the bulletin has projects)"))
        datapackage = self.site / "data" / "datapackage.json"
        if not datapackage.is_file():
            self.fault("data/datapackage.json", _("missing"))
            return
        from frictionless import validate

        try:
            report = validate(str(datapackage))
        except Exception as exc:  # noqa: BLE001 - the library's own error, said as a fault
            self.fault(datapackage, tr("{standard}: {error}", standard="Frictionless", error=exc))
            return
        if not report.valid:
            for row in report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]:
                error = " ".join(str(v) for v in row if v)
                self.fault(
                    datapackage, tr("{standard}: {error}", standard="Frictionless", error=error)
                )

    def projects(self) -> int:
        try:
            data = json.loads((self.site / "data" / "bulletin.json").read_text("utf-8"))
            return len(data["projects"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0


def oc4ids_errors(package: object) -> list[str]:
    """Errors of the official OC4IDS 0.9.5 project-package schema, formats checked too."""
    import datetime as dt

    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schemas = {
        name: json.loads((OC4IDS / name).read_text("utf-8"))
        for name in ("project-package-schema.json", "project-schema.json")
    }
    project = schemas["project-schema.json"]
    registry = Registry().with_resource(
        project["id"], Resource.from_contents(project, default_specification=DRAFT4)
    )
    formats = jsonschema.FormatChecker()
    formats.checks("uri")(lambda v: not isinstance(v, str) or bool(urlsplit(v).scheme))
    formats.checks("date-time", raises=ValueError)(
        lambda v: not isinstance(v, str) or bool(dt.datetime.fromisoformat(v))
    )
    formats.checks("date", raises=ValueError)(
        lambda v: not isinstance(v, str) or bool(dt.date.fromisoformat(v))
    )
    validator = jsonschema.Draft4Validator(
        schemas["project-package-schema.json"], registry=registry, format_checker=formats
    )
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(the package)'}: {e.message}"
        for e in validator.iter_errors(package)
    ]


def verify(site: Path) -> list[str]:
    return Verifier(site).run()

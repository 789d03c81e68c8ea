"""Where every page and data file lives: the one place a site path is spelled out.

Pages are named by their Markdown source under content/ (`regions/tiancheng.md`); MkDocs
publishes `x/y.md` at `/x/y/` (`site_path`). Templates link through `url()`/`link()`, which
make these relative to the page being rendered; the open data and the feed use `site_path`.
"""

from __future__ import annotations

HOME = "index.md"
REGIONS = "regions/index.md"
REPORTS = "reports/index.md"
PROJECTS = "projects/index.md"
DATA = "data/index.md"
ABOUT = "about.md"
FEED = "feed.xml"
BULLETIN_JSON = "data/bulletin.json"
PROJECTS_CSV = "data/projects.csv"
FIGURES_CSV = "data/figures.csv"
DATAPACKAGE = "data/datapackage.json"
OC4IDS = "data/oc4ids.json"
OPEN_DATA = "data/"  # the folder of the open data (and of its downloads page)


def region(region_id: str) -> str:
    return f"regions/{region_id}.md"


def report(key: str) -> str:
    """`key` is <region>/<period>, the report's id."""
    return f"reports/{key}.md"


def project(project_id: str) -> str:
    return f"projects/{project_id}.md"


def report_json(key: str) -> str:
    return f"data/reports/{key}.json"


def project_json(project_id: str) -> str:
    return f"data/projects/{project_id}.json"


def open_data(rel: str) -> bool:
    """Whether the file at `rel` is open data (under data/, not a page): the same bytes in both
    scripts, published once, in the primary tree (generator/hooks/shared_data.py)."""
    return rel.startswith(OPEN_DATA) and not rel.endswith(".md")


def site_path(source: str) -> str:
    """The published path of a page or file: regions/x.md -> regions/x/, index.md -> ''."""
    if not source.endswith(".md"):
        return source
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"

"""The site as a county's portal serves it: Debian's nginx, started here on 127.0.0.1 with the
block `python -m generator nginx` prints, the bulletin as the column /tzgb/ of the portal."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.test_search import search
from tests.conftest import ROOT, copy_seed
from tests.servers import NGINX, build_column, nginx

pytestmark = pytest.mark.site
PAGES = [
    "",
    "regions/tiancheng/",
    "reports/tiancheng/2005-q1/",
    "projects/xunjiansi-power-expansion/",
    "hans/",
    "hans/regions/tiancheng/",
    "hans/reports/tiancheng/2005-q1/",
    "hans/projects/xunjiansi-power-expansion/",
]


@pytest.fixture(scope="module")
def column(tmp_path_factory) -> str:
    if not Path(NGINX).exists():
        pytest.fail("Debian's nginx is missing: apt-get install -y nginx-light")
    work = tmp_path_factory.mktemp("portal")
    root = copy_seed(work / "bulletin")
    block = build_column(root, ROOT)
    with nginx(work, block) as url:
        column.site = root / "site"  # type: ignore[attr-defined]  # what the tests read beside
        yield url


def column_site() -> Path:
    return column.site  # type: ignore[attr-defined]


def get(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def asset(column: str, folder: str, suffix: str) -> str:
    status, _, body = get(column)
    html = body.decode("utf-8")
    start = html.index(f"assets/{folder}/")
    return column + html[start : html.index('"', start)]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_pages_styles_and_scripts_are_sent_compressed(column, encoding):
    for url in (
        column,
        column + "reports/tiancheng/2005-q1/",
        asset(column, "stylesheets", ".css"),
        asset(column, "javascripts", ".js"),
    ):
        status, headers, _ = get(url, encoding)
        assert status == 200 and headers.get("Content-Encoding") == encoding, (url, headers)


def test_each_answer_has_its_type_cache_and_security_headers(column):
    status, headers, _ = get(column)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=300"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] and headers["X-Frame-Options"] == "SAMEORIGIN"
    status, headers, _ = get(asset(column, "stylesheets", ".css"))
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    assert headers["Content-Security-Policy"] == policy  # said in the inner block too
    status, headers, _ = get(column + "pagefind/pagefind-entry.json")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=300"
    assert headers["Content-Type"].startswith("application/json")
    status, headers, _ = get(column + "data/projects.csv")
    assert headers["Content-Type"] == "text/csv; charset=utf-8"


def test_pagefinds_pieces_are_bytes_kept_a_year(column):
    site = column_site()
    for piece in ("fragment/*.pf_fragment", "index/*.pf_index", "*.pf_meta"):
        rel = next(site.glob(f"pagefind/{piece}")).relative_to(site).as_posix()
        status, headers, body = get(column + rel, "gzip, br")
        assert status == 200 and headers["Content-Type"] == "application/octet-stream", rel
        assert body == (site / rel).read_bytes()  # as Pagefind wrote it (compressed already)
        hashed = not rel.endswith(".pf_meta")
        assert ("immutable" in headers["Cache-Control"]) == hashed, (rel, headers)


def test_a_missing_page_gets_the_sites_404_page_whose_assets_load(column):
    status, headers, body = get(column + "projects/no-such-project/")
    assert status == 404
    html = body.decode("utf-8")
    assert "404" in html and "固定資產投資公報" in html
    start = html.index('href="/tzgb/assets/') + len('href="')
    host = "http://" + column.split("/")[2]
    status, _, _ = get(host + html[start : html.index('"', start)])
    assert status == 200


def test_the_pages_of_both_trees_load_with_no_error_and_no_policy_violation(browser, column):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: r.url.startswith(column) or problems.append(r.url))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    for path in PAGES:
        response = page.goto(column + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1, path
    assert problems == []
    for tree, query in (("", "電廠"), ("hans/", "电厂")):
        results = search(page, column.rstrip("/"), query, "/" + tree.rstrip("/") + "/")
        assert results and results[0][0].startswith(f"/tzgb/{tree}projects/"), results
    assert problems == []
    context.close()

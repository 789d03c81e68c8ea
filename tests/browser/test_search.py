"""Search as a citizen uses it: typing into the search box of the real site in Chromium."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

# query -> the words the first result's title must hold (a project page), or the exact page
QUERIES = [
    ("電廠", "電廠"),
    ("水庫", "水庫"),
    ("公路", "公路"),
    ("巡檢司", "巡檢司"),
    ("竹漿紙", "/projects/bamboo-pulp-paper/"),
    ("龍母溝水庫", "/projects/longmugou-reservoir/"),
    ("鎖平高速公路", "/projects/suoping-expressway/"),
    ("雷打灘", "雷打灘"),
    ("电厂", "電廠"),  # Simplified queries find the Traditional pages
    ("水库", "水庫"),
    ("巡检司", "巡檢司"),
    ("竹浆纸", "/projects/bamboo-pulp-paper/"),
    ("雷打滩", "雷打灘"),
]


def search(page, site_url: str, query: str, tree: str = "/") -> list[tuple[str, str]]:
    """Type `query` into the search box of a tree; the results (path, title), best first."""
    page.goto(site_url + tree)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)  # an input method delivers Chinese text without key events ...
    page.keyboard.press("End")  # ... and Material reads the query on keyup
    items = page.locator(".md-search-result__item > a")
    items.first.wait_for(timeout=15_000)
    found = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item > a')]
        .map(a => [a.href, (a.querySelector('h1, h2') || a).textContent])""")
    return [(urlparse(href).path, title.replace("\u200b", "").strip()) for href, title in found]


@pytest.mark.parametrize("query, expected", QUERIES)
def test_query_finds_the_right_page_first(page, site_url, query, expected):
    results = search(page, site_url, query)
    path, title = results[0]
    if expected.startswith("/"):
        assert path == expected, results
    else:
        assert path.startswith("/projects/") and expected in title, results
    assert page.console_errors == []
    assert page.foreign_requests == []


@pytest.mark.parametrize(
    "query, page_path",
    [
        ("公路", "/projects/suoping-expressway/"),
        ("水庫", "/projects/longmugou-reservoir/"),
        ("電站", "/projects/leidatan-hydropower/"),
        ("擴建", "/projects/xunjiansi-power-expansion/"),
    ],
)
def test_inner_words_find_long_names(page, site_url, query, page_path):
    assert page_path in [p for p, _ in search(page, site_url, query)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("电厂", "电厂"),
        ("電廠", "电厂"),
        ("水库", "水库"),
        ("水庫", "水库"),
        ("公路", "公路"),
        ("竹浆纸", "/hans/projects/bamboo-pulp-paper/"),
        ("竹漿紙", "/hans/projects/bamboo-pulp-paper/"),
    ],
)
def test_the_simplified_tree_finds_queries_in_either_script(page, site_url, query, expected):
    results = search(page, site_url, query, tree="/hans/")
    path, title = results[0]
    if expected.startswith("/"):
        assert path == expected, results
    else:
        assert path.startswith("/hans/projects/") and expected in title, results
    assert page.console_errors == [] and page.foreign_requests == []


@pytest.mark.parametrize(
    "tree, query",
    [("/", "征地拆遷"), ("/", "征地拆迁"), ("/hans/", "征地拆迁"), ("/hans/", "征地拆遷")],
)
def test_a_word_only_inside_a_reports_text_is_found_in_either_script(page, site_url, tree, query):
    """征地拆遷 is in no title: only inside the report's sentences. The result shows the
    sentence that holds it, the word marked."""
    results = search(page, site_url, query, tree=tree)
    assert f"{tree}reports/tiancheng/2005-q1/" in [p for p, _ in results], results
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert marks and set(marks) <= {"征地拆遷", "征地拆迁"}, marks
    assert page.console_errors == [] and page.foreign_requests == []


def test_results_say_what_and_where_each_page_is(page, site_url):
    search(page, site_url, "龍母溝水庫")
    first = page.locator(".md-search-result__item").first
    assert "項目 · 天城縣" in first.locator(".search-where").inner_text()


def test_search_is_keyboard_first(page, site_url):
    page.goto(site_url + "/regions/tiancheng/")
    page.keyboard.press("/")  # as in Material: / or s opens the search
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("竹漿紙")
    page.locator(".md-search-result__item > a").first.wait_for(timeout=15_000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(
        "/projects/bamboo-pulp-paper/"
    )
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.press("Enter")  # Enter in the box opens the first result
    page.wait_for_url("**/projects/bamboo-pulp-paper/")
    page.keyboard.press("s")
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert page.console_errors == []


def test_search_on_a_360px_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/hans/")
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.fill("水库")
    # the results are shown again once the kinds of page are known (the filter index loads
    # after the first results): measure them when they have settled
    page.locator(".search-kinds button").first.wait_for(timeout=15_000)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=15_000)
    box_of = first.bounding_box()
    assert box_of["x"] >= 0 and box_of["x"] + box_of["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_without_javascript_the_search_box_leads_to_the_project_index(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/reports/")
    box = page.locator("input.md-search__input")
    box.fill("水庫")
    box.press("Enter")
    page.wait_for_url("**/projects/?q=*")
    assert page.locator("h1").first.inner_text() == "項目"
    assert page.get_by_role("link", name="龍母溝水庫").count() >= 1
    context.close()


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory):
    """A generated bulletin of about 540 pages, one report of which tells of a village that
    no title names; its search index in several pieces a script."""
    import functools
    import http.server
    import json
    import os
    import shutil
    import subprocess
    import sys
    import threading

    from benchmarks.corpus import generate as make_corpus
    from tests.browser.conftest import _Quiet
    from tests.conftest import ROOT, SEED

    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED / "bulletin.yml", root / "bulletin.yml")
    make_corpus(root, regions=3, reports=2, projects=85, seed=5)
    report = sorted((root / "data/reports").glob("*/*.yaml"))[3]
    text = report.read_text("utf-8").replace(
        "problems:\n", "problems:\n  - 龍蟠灣村的安置房選址未定\n", 1
    )
    report.write_text(text, "utf-8")
    subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build"],
        check=True,
        capture_output=True,
        cwd=ROOT,
        # its index made in pieces of 200 KB, as a bulletin of tens of thousands of pages is
        env=dict(os.environ, BULLETIN_INDEX_PIECE_BYTES="200000"),
    )
    assert len(json.loads((root / "site/pagefind/pieces.json").read_bytes())["zh-hans"]) >= 2
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    region, period = report.parent.name, report.stem.lower()
    yield f"http://127.0.0.1:{server.server_address[1]}", f"reports/{region}/{period}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("tree, query", [("/", "龙蟠湾"), ("/hans/", "龍蟠灣"), ("/", "龍蟠灣")])
def test_a_generated_bulletin_finds_a_word_inside_one_report(page, corpus_url, tree, query):
    url, report = corpus_url
    results = search(page, url, query, tree=tree)
    assert [p for p, _ in results] == [tree + report], results
    assert page.console_errors == []
    assert [r for r in page.foreign_requests if not r.startswith(url)] == []  # its own host


def test_results_can_be_narrowed_to_one_kind_of_page(page, site_url):
    search(page, site_url, "水庫")
    buttons = page.locator(".search-kinds button")
    buttons.first.wait_for(timeout=15_000)
    labels = buttons.all_inner_texts()
    assert any(label.startswith("報告") for label in labels), labels
    page.locator(".search-kinds button", has_text="報告").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__item a')]"
        ".every(a => a.getAttribute('href').includes('/reports/'))"
    )
    assert page.locator(".search-kinds button[aria-pressed=true]").inner_text().startswith("報告")
    assert page.console_errors == []

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

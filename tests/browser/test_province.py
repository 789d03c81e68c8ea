"""A province on one site: two shards built on their own, then put together with their open
data merged and one search box over both indexes (`make province`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEED

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    out = tmp_path_factory.mktemp("province")
    run = [sys.executable, "-m", "generator", "--root", str(SEED), "province", "--out"]
    subprocess.run([*run, str(out), "--split", str(SEED)], check=True, capture_output=True)
    shards = sorted((out / "shards").iterdir())
    subprocess.run([*run, str(out), "--build", *map(str, shards)], check=True, capture_output=True)
    sites = [str(s / "site") for s in shards]
    subprocess.run([*run, str(out / "site"), "--assemble", *sites], check=True, capture_output=True)
    return out / "site"


def test_each_shard_is_a_whole_bulletin_under_its_own_prefix(province):
    for shard in ("tiancheng", "unnamed-district"):
        assert (province / shard / "index.html").is_file()
        assert (province / shard / "hans" / "index.html").is_file()  # both scripts
        assert (province / shard / "pagefind" / "pagefind-entry.json").is_file()
    assert (province / "tiancheng/reports/tiancheng/2005-q1/index.html").is_file()
    assert not (province / "tiancheng/reports/unnamed-district").exists()  # its own data only


def test_the_open_data_of_the_shards_is_merged(province):
    merged = json.loads((province / "data/province.json").read_text("utf-8"))
    assert [s["shard"] for s in merged["shards"]] == ["tiancheng", "unnamed-district"]
    assert sum(len(s["projects"]) for s in merged["shards"]) == 58


def test_the_front_page_links_every_shard_and_searches_all_of_them(province):
    page = (province / "index.html").read_text("utf-8")
    assert 'href="tiancheng/regions/tiancheng/"' in page
    assert 'href="unnamed-district/reports/unnamed-district/2023-08/"' in page
    assert 'data-pagefind="./tiancheng/pagefind/pagefind.js"' in page
    assert 'data-merge="./unnamed-district/pagefind/ "' in page
    assert (province / "search/to-hant.json").is_file()


def test_one_search_box_finds_pages_of_both_shards(province, browser):
    import functools
    import http.server
    import threading

    from tests.browser.conftest import _Quiet

    handler = functools.partial(_Quiet, directory=str(province))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        page = browser.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(url)
        # one project of each shard: the first result is in that shard's prefix
        for query, shard in (("龍母溝水庫", "tiancheng"), ("榴園交易中心", "unnamed-district")):
            page.locator("input.md-search__input").fill(query)
            page.wait_for_function(
                "shard => { const a = document.querySelector('.md-search-result__item > a');"
                " return a && new URL(a.href).pathname.startsWith('/' + shard + '/'); }",
                arg=shard,
                timeout=15_000,
            )
        assert errors == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()

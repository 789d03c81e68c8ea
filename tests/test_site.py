"""The real build: `make site`, then the HTML and the search index a browser gets."""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import Paths, load_bulletin
from generator.site import build_site
from tests.conftest import SEED


@pytest.fixture(scope="module")
def built(seed_site) -> Path:
    return seed_site / "site"


@pytest.fixture(scope="module")
def bulletin():
    return load_bulletin(Paths(SEED))[0]


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for name in ("src", "href"):
            if attrs.get(name) and not (tag == "a" and name == "href"):
                self.refs.append(attrs[name])


def test_every_region_report_and_project_has_a_page(built, bulletin):
    expected = [
        "index.html",
        "regions/index.html",
        "reports/index.html",
        "projects/index.html",
        "about/index.html",
    ]
    expected += [f"regions/{r.id}/index.html" for r in bulletin.regions]
    expected += [f"reports/{e.key}/index.html" for e in bulletin.reports]
    expected += [f"projects/{p.id}/index.html" for p in bulletin.projects]
    missing = [p for p in expected if not (built / p).is_file()]
    assert missing == []
    assert len(bulletin.projects) > 50


def test_pages_show_the_data(built):
    html = (built / "reports/tiancheng/2005-q1/index.html").read_text("utf-8")
    for text in [
        "全社會固定資產投資",
        "3.21億元",
        "計劃16.1億元，占19.9%",
        "同比下降22%",
        "同比增長3.3倍",
        "41162萬元（開工以來累計）",
        "路基成型100公里",
        "2005年4月27日",
    ]:
        assert text in html, text
    html = (built / "reports/unnamed-district/2023-08/index.html").read_text("utf-8")
    assert "高於序時進度23.8個百分點" in html
    assert "報告未署日期" in html
    region = (built / "regions/unnamed-district/index.html").read_text("utf-8")
    assert "<h1" in region and "未具名的區" in region


def test_nothing_is_requested_from_another_host(built):
    for page in built.rglob("*.html"):
        parser = _Refs()
        parser.feed(page.read_text("utf-8"))
        in_simplified = page.relative_to(built).parts[0] == "hans"  # the other script's tree
        assert parser.lang == ("zh-Hans" if in_simplified else "zh-Hant"), page
        external = [r for r in parser.refs if re.match(r"^(https?:)?//", r)]
        assert external == [], f"{page}: {external}"
    for css in built.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text("utf-8"), css


def _tokens_of(page: Path) -> set[str]:
    """The search tokens Pagefind gets for a built page: those of its indexed text."""
    from generator.hooks.search_tokens import BODY_END, BODY_START, page_text, tokens

    text = page.read_text("utf-8")
    body = text[text.index(BODY_START) : text.index(BODY_END)]
    inner = body[body.index('data-pagefind-meta="text">') :]
    return set(tokens(page_text(inner[inner.index(">") + 1 :])))


@pytest.mark.parametrize(
    "word, page",
    [
        ("電廠", "projects/xunjiansi-power-expansion/"),
        ("巡檢司", "projects/xunjiansi-power-expansion/"),
        ("水庫", "projects/longmugou-reservoir/"),
        ("公路", "projects/suoping-expressway/"),
        ("鎖平", "projects/suoping-expressway/"),  # a place name inside a longer name
        ("竹漿紙", "projects/bamboo-pulp-paper/"),
        ("征地拆遷", "reports/tiancheng/2005-q1/"),  # a word only inside the report's text
        ("电厂", "hans/projects/xunjiansi-power-expansion/"),
        ("水库", "hans/projects/longmugou-reservoir/"),
        ("巡检司", "hans/projects/xunjiansi-power-expansion/"),
    ],
)
def test_every_word_of_a_page_is_in_its_search_tokens(built, word, page):
    from generator.hooks.search_tokens import tokens

    assert set(tokens(word)) <= _tokens_of(built / page / "index.html")


def test_the_pages_readers_download_carry_no_search_tokens(built):
    from generator.hooks.search_tokens import spell

    page = (built / "projects/xunjiansi-power-expansion/index.html").read_text("utf-8")
    assert spell("電") + spell("廠") not in page
    assert not list(built.parent.glob(".site-new-*"))  # no copies or tokens beside the site


def test_the_search_index_holds_every_page_of_both_scripts(built):
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    pages = {"zh-hant": 0, "zh-hans": 0}
    for page in built.rglob("index.html"):
        if "data-pagefind-body" in page.read_text("utf-8"):
            pages["zh-hans" if page.relative_to(built).parts[0] == "hans" else "zh-hant"] += 1
    assert pages["zh-hant"] > 60
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == pages


# Pagefind 1.5 writes its filter index from a hash map, in an order that changes from run to
# run (Pagefind issue #638: "the filter/metadata indexes" still change); the file names are
# their hashes, so the entry and the metadata file that name them change too. What they hold
# is the same; every other file of the index (the word chunks, the pages' fragments) is stable.
UNSTABLE = re.compile(
    r"^pagefind/(?:zh-[a-z]+-[0-9]+/)?(filter/.*|pagefind-entry\.json|pagefind\..*\.pf_meta)$"
)


def test_a_large_index_is_made_in_pieces_that_together_hold_every_page(project, monkeypatch):
    """No Pagefind indexes more than a piece of a tree: with pieces of 100 KB the seed's index
    is several bundles a language, listed for the search box, which hold every page once."""
    from generator.pipeline import generate
    from generator.verify import verify

    monkeypatch.setenv("BULLETIN_INDEX_PIECE_BYTES", "100000")
    generate(Paths(project))
    site = build_site(project, load_bulletin(Paths(project))[0].latest_date, jobs=2)
    index = site / "pagefind"
    pieces = json.loads((index / "pieces.json").read_text("utf-8"))
    assert sorted(pieces) == ["zh-hans", "zh-hant"]
    counts = {}
    for lang, more in pieces.items():
        entry = json.loads((index / "pagefind-entry.json").read_text("utf-8"))
        counts[lang] = entry["languages"][lang]["page_count"]
        assert len(more) >= 2
        for piece in more:
            own = json.loads((index / piece / "pagefind-entry.json").read_text("utf-8"))
            assert list(own["languages"]) == [lang]
            counts[lang] += own["languages"][lang]["page_count"]
            assert not list((index / piece).glob("*.js"))  # the first bundle's scripts serve
    pages = {"zh-hant": 0, "zh-hans": 0}
    for page in site.rglob("index.html"):
        if "data-pagefind-body" in page.read_text("utf-8"):
            pages["zh-hans" if page.relative_to(site).parts[0] == "hans" else "zh-hant"] += 1
    assert counts == pages
    assert verify(site) == []


def test_same_data_gives_byte_identical_site_whatever_the_number_of_jobs(project):
    """Builds of the same data, the trees one after the other, at once, and each by two
    processes: every file of the site is the same, byte for byte."""
    from generator.pipeline import generate

    def digest(site: Path) -> dict[str, str]:
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file() and not UNSTABLE.match(p.relative_to(site).as_posix())
        }

    generate(Paths(project))
    latest = load_bulletin(Paths(project))[0].latest_date
    first = digest(build_site(project, latest, jobs=1))
    second = digest(build_site(project, latest, jobs=2))
    assert first == second
    # each tree's pages by two processes (generator/mkbuild.py)
    assert digest(build_site(project, latest, jobs=4)) == first
    assert len([f for f in first if f.startswith("pagefind/fragment/")]) > 100


def test_the_generator_s_pages_are_the_same_rendered_by_one_process_or_several(
    project, monkeypatch
):
    """From nothing, content/ rendered by one process and by two (every page and data file,
    however few: the thresholds are lowered) is the same, byte for byte, with the same
    problems; the data files loaded by two processes are kept for the next run."""
    import shutil

    from generator import incremental, pages
    from generator.pipeline import generate

    def made(jobs: int) -> dict[str, bytes]:
        for folder in ("content", ".cache"):
            shutil.rmtree(project / folder, ignore_errors=True)
        (project / "content").mkdir()
        problems = [p.text() for p in generate(Paths(project), jobs=jobs).problems]
        kept = list((project / ".cache/generator/kept").glob("*/checked/*.pickle"))
        assert len(kept) == len(list((project / "data").rglob("*.yaml")))
        out = {
            p.relative_to(project).as_posix(): p.read_bytes()
            for folder in ("content", ".cache/tree-hans", ".cache/tree-hant")
            for p in sorted((project / folder).rglob("*"))
            if p.is_file()
        }
        return out | {"problems": "\n".join(problems).encode()}

    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    monkeypatch.setattr(incremental, "PREFETCH_FROM", 1)
    one, two = made(1), made(2)
    assert len(one) > 100 and one == two


def test_every_page_links_the_feed_and_its_data(built, bulletin):
    for page in built.rglob("*.html"):
        html = page.read_text("utf-8")
        if page.name == "404.html":
            continue
        assert 'type="application/atom+xml"' in html and "feed.xml" in html, page
    for entry in bulletin.reports:
        html = (built / f"reports/{entry.key}/index.html").read_text("utf-8")
        assert f"data/reports/{entry.key}.json" in html
        assert (built / f"data/reports/{entry.key}.json").is_file()
        assert "數據最後修改" in html
    for project in bulletin.projects:
        html = (built / f"projects/{project.id}/index.html").read_text("utf-8")
        assert f"data/projects/{project.id}.json" in html
    for name in (
        "bulletin.json",
        "projects.csv",
        "figures.csv",
        "datapackage.json",
        "oc4ids.json",
        "index.html",
    ):
        assert (built / "data" / name).is_file(), name
    assert (built / "feed.xml").is_file()


def test_charts_are_inline_svg_with_a_title_and_a_table(built):
    html = (built / "reports/tiancheng/2005-q1/index.html").read_text("utf-8")
    charts = [
        unescape(c) for c in re.findall(r'<figure class="bulletin-chart".*?</figure>', html, re.S)
    ]
    assert len(charts) == 2
    completed, changes = charts
    assert 'role="img"' in completed and "<title" in completed and "完成與計劃" in completed
    assert "<table>" in completed and "3.21億元" in completed and "16.1億元" in completed
    assert "-94.5%" in changes and "+150.8%" in changes
    project = (built / "projects/xunjiansi-power-expansion/index.html").read_text("utf-8")
    assert "已完成投資占總投資" in project and "15.5%" in project


def test_every_headline_figure_shows_its_sentence_on_its_report_page(built, bulletin):
    """The reader checks a figure against the report's own words on the same page: each
    quoted sentence is in the page's text, inside a disclosure that names how many."""
    import html
    import re

    for entry in bulletin.reports:
        page = (built / entry.page.removesuffix(".md") / "index.html").read_text("utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", "", page))
        quoted = [f for f in entry.report.figures if f.quote]
        assert quoted, entry.key
        for figure in quoted:
            assert f"{figure.label}：「{figure.quote}」" in text, (entry.key, figure.label)
        assert f"這些數字的報告原句（{len(quoted)} 句）" in text
        assert '<details class="sources">' in page


def test_the_home_page_gives_each_regions_latest_headline_and_charts(built, bulletin):
    import html
    import re

    page = (built / "index.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    glance = text.split("各地區最新數字")[-1].split("各地區最新報告的主要金額")[0]
    for region in bulletin.regions:
        latest = bulletin.reports_of(region)[0].report
        money = next(f for f in latest.figures if f.value and f.value.is_money)
        assert f"{region.display_name}（{latest.period.label}）" in glance
        assert f"{money.label} {money.value.amount}{money.value.unit}" in glance
    assert page.count('class="bulletin-chart"') >= 2
    assert "各地區最新報告的主要金額" in page
    assert (
        "重點項目按最新階段（本站計數" in page
    )  # a count no report states is marked as the site's

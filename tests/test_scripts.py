"""One bulletin in both scripts: the primary site in the script of most of the data, the
whole site again in the other script, each page linked to its counterpart."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import opencc
import pytest

from generator import Paths
from generator.chinese import script_of
from generator.errors import BulletinError
from generator.messages import load, localize
from generator.pages import render_pages
from generator.pipeline import generate, load_bulletin
from generator.site import build_site

pytestmark = pytest.mark.site

HAN = re.compile(r"[\u3400-\u9fff]")
PAGES = [
    "index.html",
    "regions/tiancheng/index.html",
    "reports/tiancheng/2005-q1/index.html",
    "projects/xunjiansi-power-expansion/index.html",
]


def only_in(char: str, script: str) -> bool:
    """A character of one script that the other has not: not in GB2312 but in Big5 is
    Traditional-only; not in Big5 but in GB2312, Simplified-only."""
    mine, theirs = ("big5", "gb2312") if script == "hant" else ("gb2312", "big5")
    try:
        char.encode(theirs)
        return False
    except UnicodeEncodeError:
        pass
    try:
        char.encode(mine)
        return True
    except UnicodeEncodeError:
        return False


def visible(page: str, keep_quotes: bool = False) -> str:
    """The text a reader sees; without the report's own sentences, which stay as written."""
    if not keep_quotes:
        page = re.sub(r'<span class="as-written">.*?</span>', "", page, flags=re.S)
    page = re.sub(r"<(script|style|title)[^>]*>.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def foreign(site: Path, script: str) -> dict[str, str]:
    other = "hans" if script == "hant" else "hant"
    out = {}
    for page in PAGES:
        text = visible((site / page).read_text("utf-8"))
        bad = sorted({c for c in text if HAN.match(c) and only_in(c, other)})
        if bad:
            out[page] = "".join(bad)
    return out


def test_script_of_counts_the_characters_only_one_script_has():
    assert script_of(["固定資產投資完成3.21億元", "重點項目"]) == "hant"
    assert script_of(["固定资产投资完成3.21亿元", "重点项目"]) == "hans"


def test_the_reports_own_sentences_stay_as_written_with_the_converted_form_beside():
    text = '關於<span class="as-written">完成投資3.21億元</span>的報告'
    assert localize(text, "hans", None) == (
        '关于<span class="as-written">完成投資3.21億元</span>'
        '<span class="converted" lang="zh-Hans">（完成投资3.21亿元）</span>的报告'
    )
    same = '<span class="as-written">完成3.21</span>'
    assert localize(same, "hans", None) == same  # nothing beside when the scripts agree
    # 白云 and 占 are written in Traditional too: a Traditional tree leaves them as they are
    trad = '<span class="as-written">白云水庫完成投資,占總投資38.5%</span>'
    assert localize(trad, "hant", None) == trad
    assert localize("白云水庫", "hant", None) == "白云水庫"


def test_the_catalogue_has_each_message_in_both_scripts_and_only_in_that_script():
    from tests.conftest import TEMPLATES

    messages = load(TEMPLATES)
    assert len(messages.entries) > 100
    for key, forms in messages.entries.items():
        assert not [c for c in forms["hans"] if HAN.match(c) and only_in(c, "hant")], key
        assert not [c for c in forms["hant"] if HAN.match(c) and only_in(c, "hans")], key
    # the site's words are the catalogue's form, never a conversion of the other one
    marked = "\x02latestStage\x03：續建"
    assert localize(marked, "hans", messages) == "最新阶段：续建"
    assert localize(marked, "hant", messages) == "最新階段：續建"


def test_no_template_writes_chinese_words_of_its_own():
    from tests.conftest import TEMPLATES

    for path in sorted((TEMPLATES).glob("*.j2")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text("utf-8"), flags=re.S)  # comments
        assert not HAN.findall(text), path.name


def test_the_generator_writes_no_chinese_words_of_its_own():
    """Chinese in the generator's code is the data's vocabulary (stages, bases, units it
    recognises, in tuples, sets and maps) or docstrings; what it writes comes from the
    catalogue."""
    import ast

    from tests.conftest import ROOT

    for name in ("pages", "charts", "bulletin", "opendata", "scripts", "site", "pipeline"):
        tree = ast.parse((ROOT / "generator" / f"{name}.py").read_text("utf-8"))
        allowed = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.Set | ast.Dict | ast.List):
                allowed.update(id(n) for n in ast.walk(node))
            if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Module) and node.body:
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    allowed.add(id(first.value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if HAN.search(node.value) and id(node) not in allowed:
                    pytest.fail(f"generator/{name}.py:{node.lineno}: {node.value!r}")


def test_an_unknown_message_is_a_clear_error(tmp_path):
    from tests.conftest import SEED, TEMPLATES

    shutil.copytree(TEMPLATES, tmp_path / "templates")
    report = tmp_path / "templates/report.md.j2"
    report.write_text(report.read_text("utf-8") + "{{ t.noSuchWord }}\n", "utf-8")
    bulletin, _ = load_bulletin(Paths(SEED))
    with pytest.raises(BulletinError, match="no message 'noSuchWord'"):
        render_pages(bulletin, tmp_path / "templates")


@pytest.fixture(scope="module")
def seed_tree(seed_site) -> Path:
    return seed_site / "site"


def test_seed_in_traditional_publishes_traditional_first_and_simplified_under_hans(seed_tree):
    seed_site = seed_tree
    assert '<html lang="zh-Hant"' in (seed_site / "index.html").read_text("utf-8")
    assert '<html lang="zh-Hans"' in (seed_site / "hans/index.html").read_text("utf-8")
    assert foreign(seed_site, "hant") == {}  # no Simplified-only character on the primary
    assert foreign(seed_site / "hans", "hans") == {}  # none Traditional-only on the other
    # the report's sentences are shown as written, converted beside
    report = (seed_site / "hans/reports/tiancheng/2005-q1/index.html").read_text("utf-8")
    assert '<span class="as-written">1—3月,全社會固定資產投資完成3.21億元' in report
    assert "（1—3月,全社会固定资产投资完成3.21亿元" in report


def test_every_page_links_its_counterpart_which_exists_and_is_in_the_other_script(seed_tree):
    seed_site = seed_tree
    pages = sorted(p for p in seed_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text("utf-8")
        switch = re.search(r'<p class="script-switch"><a href="([^"]+)" hreflang="([^"]+)">', text)
        assert switch, page
        target = (page.parent / switch.group(1) / "index.html").resolve()
        assert target.exists(), (page, switch.group(1))
        assert f'<html lang="{switch.group(2)}"' in target.read_text("utf-8")
        assert f'hreflang="{switch.group(2)}"' in text  # the alternate in <head> too


def test_the_open_data_is_published_once_and_the_other_trees_pages_link_it_there(seed_tree):
    site = seed_tree.resolve()
    other = site / "hans"
    # the other tree has its pages, among them the downloads page, and no copy of the data
    assert (other / "data/index.html").is_file()
    assert [p for p in (other / "data").rglob("*") if p.is_file()] == [other / "data/index.html"]
    linked = set()
    for page in other.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+\.(?:json|csv))"', page.read_text("utf-8")):
            target = (page.parent / href).resolve()
            assert target.is_file(), (page, href)
            assert target.relative_to(site).parts[0] == "data", (page, href)
            linked.add(target)
    assert site / "data/projects/xunjiansi-power-expansion.json" in linked
    assert site / "data/reports/tiancheng/2005-q1.json" in linked
    assert site / "data/projects.csv" in linked
    # and the primary's own pages link the same files
    page = site / "projects/xunjiansi-power-expansion/index.html"
    assert 'href="../../data/projects/xunjiansi-power-expansion.json"' in page.read_text("utf-8")


def test_data_in_simplified_publishes_simplified_first(tmp_path):
    from tests.conftest import SEED

    to_simple = opencc.OpenCC("t2s")
    shutil.copy(SEED / "bulletin.yml", tmp_path / "bulletin.yml")
    for path in (SEED / "data").rglob("*.yaml"):
        target = tmp_path / "data" / path.relative_to(SEED / "data")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_simple.convert(path.read_text("utf-8")), "utf-8")
    generated = generate(Paths(tmp_path))
    site = build_site(tmp_path, generated.latest)
    assert '<html lang="zh-Hans"' in (site / "index.html").read_text("utf-8")
    assert '<html lang="zh-Hant"' in (site / "hant/index.html").read_text("utf-8")
    assert foreign(site, "hans") == {}
    assert foreign(site / "hant", "hant") == {}  # the other tree is all in Traditional
    about = visible((site / "about/index.html").read_text("utf-8"))
    assert "如何阅读这些数字" in about
    home = visible((site / "index.html").read_text("utf-8"))
    assert "搜索框" in home and "搜寻框" not in home  # the catalogue's word, not a conversion
    for page in PAGES:  # the Simplified quotes too: the data is Simplified
        text = visible((site / page).read_text("utf-8"), keep_quotes=True)
        assert not [c for c in text if HAN.match(c) and only_in(c, "hant")], page


def test_each_tree_has_its_own_address_and_its_sitemap_names_the_counterparts(tmp_path):
    from tests.conftest import copy_seed

    copy_seed(tmp_path)
    with (tmp_path / "bulletin.yml").open("a", encoding="utf-8") as settings:
        settings.write("site_url: https://example.org/x/\n")
    generated = generate(Paths(tmp_path))
    site = build_site(tmp_path, generated.latest, generated.script)
    page = "reports/tiancheng/2005-q1/"
    canonical = '<link rel="canonical" href="https://example.org/x/{}">'
    assert canonical.format(page) in (site / page / "index.html").read_text("utf-8")
    assert canonical.format("hans/" + page) in (site / "hans" / page / "index.html").read_text(
        "utf-8"
    )
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for tree, lang, other_lang in (("", "zh-Hant", "zh-Hans"), ("hans/", "zh-Hans", "zh-Hant")):
        urls = ET.parse(site / tree / "sitemap.xml").getroot().findall("s:url", ns)
        assert len(urls) > 60
        for url in urls:
            loc = url.find("s:loc", ns).text
            links = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
            assert links[lang] == loc
            counterpart = links[other_lang].removeprefix("https://example.org/x/")
            assert (site / counterpart / "index.html").exists(), counterpart

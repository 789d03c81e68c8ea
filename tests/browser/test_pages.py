"""What a citizen sees in Chromium: navigation, no errors, no other hosts, accessibility, phones."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

PAGE_KINDS = {
    "home": "/",
    "region": "/regions/tiancheng/",
    "report": "/reports/tiancheng/2005-q1/",
    "project": "/projects/xunjiansi-power-expansion/",
    "regions-index": "/regions/",
    "reports-index": "/reports/",
    "projects-index": "/projects/",
    "about": "/about/",
    "district-report": "/reports/unnamed-district/2023-08/",
}


def test_navigation_home_region_report_project(page, site_url):
    page.goto(site_url + "/")
    page.get_by_role("link", name="全部地區").click()
    page.locator("article").get_by_role("link", name="天城縣").first.click()
    assert page.url.endswith("/regions/tiancheng/")
    page.locator("article").get_by_role("link", name="關于固定資產投資工作的情況報告").first.click()
    assert page.url.endswith("/reports/tiancheng/2005-q1/")
    assert page.locator("h1").inner_text() == "關于固定資產投資工作的情況報告"
    page.locator("article").get_by_role("link", name="鎖平高速公路").first.click()
    assert page.url.endswith("/projects/suoping-expressway/")
    assert "征地拆遷工作已完成,進入施工階段" in page.locator("article").inner_text()
    assert page.console_errors == [] and page.foreign_requests == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind_is_clean_and_accessible(page, site_url, kind):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious
    ]
    screenshot(page, f"{kind}-1280")
    assert page.console_errors == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("kind", ["home", "report", "project", "region"])
def test_readable_on_a_360px_phone(browser, site_url, kind):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(site_url + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    # the page itself never scrolls sideways; wide tables scroll inside their own box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide"
    screenshot(page, f"{kind}-360")
    context.close()


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE_KINDS["report"])
    assert "3.21億元" in page.locator("article").inner_text()
    page.locator("article").get_by_role("link", name="鎖平高速公路").first.click()
    assert page.url.endswith("/projects/suoping-expressway/")
    context.close()


def test_a_report_page_prints_on_a4_with_its_tables_charts_and_sources(page, site_url, tmp_path):
    """Printed from the browser: the figures, the projects, the charts with their data
    tables and every figure's sentence are on paper; the site's header and navigation are
    not."""
    import pypdf

    page.goto(site_url + PAGE_KINDS["report"])
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    reader = pypdf.PdfReader(str(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    flat = "".join(text.split())
    assert "主要數字" in flat and "巡檢司電廠" in flat  # the tables
    assert "完成與計劃" in flat and "數據表" in flat  # a chart and its data table
    assert "占計劃16.1億元的19.9%,與去年同期相比下降22%" in flat  # a figure's sentence
    assert "這些數字的報告原句" in flat
    assert "搜尋" not in flat and "如何閱讀" not in flat  # no header, no navigation tabs
    assert all(abs(p.mediabox.width - 595) < 2 for p in reader.pages)  # A4


@pytest.mark.parametrize("kind", ["home", "report", "project"])
def test_the_simplified_tree_is_clean_and_accessible(page, site_url, kind):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "/hans" + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"]) for v in serious]
    assert page.console_errors == [] and page.foreign_requests == []


def test_the_script_switch_leads_to_the_same_page_in_the_other_script(page, site_url):
    page.goto(site_url + PAGE_KINDS["report"])
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.locator(".script-switch a").click()
    assert page.url.endswith("/hans/reports/tiancheng/2005-q1/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text() == "关于固定资产投资工作的情况报告"
    page.locator(".script-switch a").click()
    assert page.url.endswith("/reports/tiancheng/2005-q1/") and "/hans/" not in page.url
    assert page.console_errors == [] and page.foreign_requests == []


def test_the_switch_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/hans/projects/suoping-expressway/")
    page.locator(".script-switch a").click()
    assert page.url.endswith("/projects/suoping-expressway/") and "/hans/" not in page.url
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    context.close()


def font_px(page, selector: str) -> float:
    return page.evaluate(
        "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector
    )


def test_the_text_size_switch_is_kept_across_pages_and_scripts_and_stays_accessible(page, site_url):
    """大字 from the button at the top of a page, by keyboard: a quarter larger, kept on the
    next page and in the other script's tree, with a visible focus; axe finds nothing serious
    with it on; 标准 brings the theme's size back."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + PAGE_KINDS["report"])
    standard = font_px(page, "article p")
    large = page.get_by_role("button", name="大字")
    assert large.get_attribute("aria-pressed") == "false"
    large.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert large.get_attribute("aria-pressed") == "true"
    assert font_px(page, "article p") == pytest.approx(standard * 1.25, rel=0.01)
    for path in (PAGE_KINDS["project"], "/hans" + PAGE_KINDS["region"]):
        page.goto(site_url + path)
        assert font_px(page, "article p") == pytest.approx(standard * 1.25, rel=0.01), path
        pressed = page.locator(".text-size [aria-pressed=true]").inner_text()
        assert pressed == "大字", path
    for path in (PAGE_KINDS["report"], PAGE_KINDS["project"]):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        results = Axe().run(page)
        serious = [
            v for v in results.response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    page.get_by_role("button", name="标准" if "/hans/" in page.url else "標準").click()
    page.goto(site_url + PAGE_KINDS["home"])
    assert font_px(page, "article p") == pytest.approx(standard, rel=0.01)
    assert page.console_errors == [] and page.foreign_requests == []


@pytest.mark.parametrize("kind", ["home", "report", "project", "region"])
def test_the_page_reflows_at_200_percent_zoom_and_with_large_text_on_a_phone(
    browser, site_url, kind
):
    """A 1280-pixel window zoomed to 200% is 640 CSS pixels wide (no JavaScript: the zoom is
    the browser's); a 360-pixel phone with 大字 on: neither page scrolls sideways (a wide
    table scrolls inside its own box)."""
    zoomed = browser.new_context(viewport={"width": 640, "height": 450}, java_script_enabled=False)
    page = zoomed.new_page()
    page.goto(site_url + PAGE_KINDS[kind])
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    assert page.locator(".text-size").is_hidden()  # nothing that cannot work
    zoomed.close()
    phone = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, device_scale_factor=2
    )
    phone.add_init_script("localStorage.setItem('bulletin-text-size', 'large')")
    page = phone.new_page()
    page.goto(site_url + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.classList.contains('bulletin-large')")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide with large text"
    screenshot(page, f"{kind}-360-large")
    phone.close()


STYLE_OF_EVERY_ELEMENT = """() => [...document.querySelectorAll("body *")].map(e => {
  const s = getComputedStyle(e);
  return [e.tagName, e.className && String(e.className), s.display, s.position, s.fontSize,
          s.fontWeight, s.color, s.backgroundColor, s.marginTop, s.paddingLeft, s.width];
})"""


@pytest.mark.parametrize("kind", ["home", "report", "project", "projects-index"])
def test_the_inlined_rules_style_the_page_as_the_stylesheets_do(browser, site_url, kind):
    """What the first paint shows, before any stylesheet file arrives (the rules inlined in the
    head, generator/critical.py), is what the stylesheets give: every element of the page as
    built has the same computed style either way."""
    styles = {}
    for files in (True, False):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, java_script_enabled=False
        )
        page = context.new_page()
        if not files:
            page.route("**/*.css", lambda route: route.abort())
        page.goto(site_url + PAGE_KINDS[kind])
        styles[files] = page.evaluate(STYLE_OF_EVERY_ELEMENT)
        context.close()
    assert len(styles[True]) == len(styles[False]) > 50
    differ = [(a, b) for a, b in zip(styles[True], styles[False], strict=True) if a != b]
    assert differ == [], differ[:5]

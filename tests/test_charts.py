"""Chart geometry: bars in proportion, negatives left of the zero line, stated values as text."""

from __future__ import annotations

from decimal import Decimal as D

from generator import Paths, load_bulletin
from generator.charts import BAR_W, bar_chart, change_chart, progress_chart
from generator.messages import load, localize
from generator.pages import render_pages
from tests.conftest import SEED, TEMPLATES, write


def test_bars_are_in_proportion_and_show_the_stated_text():
    chart = bar_chart(
        "完成與計劃", [("完成", D("321000000"), "3.21億元"), ("計劃", D("1610000000"), "16.1億元")]
    )
    done, plan = chart.bars
    assert plan.width == BAR_W
    assert abs(done.width / plan.width - 321 / 1610) < 1e-9
    assert (done.shown, plan.shown) == ("3.21億元", "16.1億元")


def test_changes_grow_both_ways_from_the_zero_line():
    chart = change_chart("同比", [("甲", D("-22"), "-22%"), ("乙", D("150.8"), "+150.8%")])
    down, up = chart.bars
    assert down.negative and down.x + down.width == chart.axis_x
    assert not up.negative and up.x == chart.axis_x
    assert abs(up.width - down.width * 150.8 / 22) < 1e-9
    assert down.x > 0  # room is left for the value of a negative bar


def test_one_item_is_no_chart_and_progress_stops_at_100():
    assert bar_chart("x", [("甲", D(1), "1")]) is None
    assert progress_chart("x", [("甲", D(100), "100%")]).bars[0].width == BAR_W


def test_a_project_in_two_reports_gets_a_chart_over_time(project):
    write(
        project / "data/reports/tiancheng/2005-q2.yaml",
        """
        region: tiancheng
        title: 第二季度固定資產投資情況報告
        published: 2005-07-20
        period: {start: 2005-01-01, end: 2005-06-30, label: 1—6月}
        source: {document: q2.txt}
        projects:
          - id: leidatan-hydropower
            name: 雷打灘水電站
            stage: 在建
            amounts:
              - {amount: 38000, unit: 萬元, basis: 累計, share: {percent: 62.9, of: 總投資}}
            progress: 大壩混凝土澆筑完成過半
    """,
    )
    bulletin, problems = load_bulletin(Paths(project))
    assert bulletin is not None, [p.text() for p in problems]
    page = render_pages(bulletin, TEMPLATES)["projects/leidatan-hydropower.md"]
    assert "累計完成投資（各期報告）" in page
    assert page.index("32661萬元") < page.index("38000萬元")  # oldest first
    assert "較上期變化（完成投資）：32661萬元 → 38000萬元" in page
    assert "較上期變化（進展）" in page


def test_a_part_links_to_its_whole_and_back(project):
    write(
        project / "data/reports/tiancheng/2005-q2.yaml",
        """
        region: tiancheng
        title: 第二季度固定資產投資情況報告
        period: {start: 2005-04-01, end: 2005-06-30, label: 1—6月}
        source: {document: q2.txt}
        projects:
          - id: leidatan-hydropower-dam
            name: 雷打灘水電站大壩標段
            part_of: leidatan-hydropower
            stage: 在建
    """,
    )
    bulletin, problems = load_bulletin(Paths(project))
    assert bulletin is not None, [p.text() for p in problems]
    pages = render_pages(bulletin, TEMPLATES)
    part = pages["projects/leidatan-hydropower-dam.md"]
    whole = pages["projects/leidatan-hydropower.md"]
    assert "- **屬於**：[雷打灘水電站](../projects/leidatan-hydropower.md)" in part
    assert "- **組成部分**：[雷打灘水電站大壩標段](../projects/leidatan-hydropower-dam.md)" in whole


def test_a_region_with_several_reports_shows_its_headline_over_time(tmp_path):
    """Two reports of one region: the headline amounts, oldest first, each as stated."""
    import shutil

    from generator import Paths, load_bulletin
    from generator.charts import region_series
    from tests.conftest import TEMPLATES

    shutil.copytree(SEED / "data", tmp_path / "data")
    first = (tmp_path / "data/reports/tiancheng/2005-q1.yaml").read_text("utf-8")
    later = (
        first.replace(
            "period: {start: 2005-01-01, end: 2005-03-31, label: 1—3月}",
            "period: {start: 2005-01-01, end: 2005-06-30, label: 1—6月}",
        )
        .replace("amount: 3.21, unit: 億元", "amount: 7.46, unit: 億元")
        .replace("share_of_plan: 19.9", "share_of_plan: 46.3")
        .replace("published: 2005-04-27", "published: 2005-07-20")
        .replace("title: 關于固定資產投資工作的情況報告", "title: 上半年固定資產投資情況")
    )
    (tmp_path / "data/reports/tiancheng/2005-h1.yaml").write_text(later, "utf-8")
    bulletin, problems = load_bulletin(Paths(tmp_path))
    assert bulletin is not None, [p.text() for p in problems]
    region = next(r for r in bulletin.regions if r.id == "tiancheng")
    chart = region_series(bulletin.reports_of(region))
    assert [b.shown for b in chart.bars] == ["3.21億元", "7.46億元"]
    assert localize(chart.bars[0].label, "hant", load(TEMPLATES)).startswith("2005年1—3月")
    assert chart.bars[0].width < chart.bars[1].width

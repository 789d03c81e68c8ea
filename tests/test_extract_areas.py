"""Sub-areas are figures, not projects: a table or lines of towns, streets, parks or counties
give headline figures labelled with the area, never projects."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from generator.extract import clean, extract, extract_document
from generator.extract.areas import area_line, is_area
from generator.readers import read_document


def _figures(draft) -> dict[str, dict]:
    return {f["label"]: f for f in draft.figures}


def _txt(tmp_path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(read_document(path))


PASTED = (
    "青溪县2023年1-9月重点项目推进情况\n"
    "1-9月，全县重点项目完成投资41.2亿元。\n"
    "各乡镇完成情况见下表：\n"
    "乡镇（街道）\t项目个数\t年度计划投资（万元）\t1-9月完成投资（万元）\t完成率（%）\n"
    "河口街道\t8\t52000\t43160\t83\n"
    "石门镇\t6\t31500\t22050\t70\n"
    "青溪经济开发区\t11\t88000\t74800\t85\n"
    "合计\t25\t171500\t140010\t81.6\n"
    "河口街道进度最快。\n"
)


def test_a_pasted_table_of_towns_gives_figures_labelled_with_each_town(tmp_path):
    draft = _txt(tmp_path, PASTED)
    figs = _figures(draft)
    assert figs["河口街道项目个数"]["value"] == {"amount": Decimal("8"), "unit": "个"}
    done = figs["石门镇1-9月完成投资"]
    assert done["value"] == {"amount": Decimal("22050"), "unit": "万元"}
    assert done["plan"] == {"amount": Decimal("31500"), "unit": "万元"}
    assert done["share_of_plan"] == Decimal("70")
    assert done["place"].startswith("「表1」第3行第D列")  # the cell it came from
    assert "青溪经济开发区项目个数" in figs
    # the total row stays the table's total, the prose is read as before
    assert figs["合计1-9月完成投资"]["value"]["amount"] == Decimal("140010")
    assert "合计项目个数" in figs
    assert not any(p["name"] in ("河口街道", "石门镇", "青溪经济开发区") for p in draft.projects)


def test_a_workbook_of_counties_in_traditional_script(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "分縣統計"
    sheet.append(["2024年上半年各縣（市、區）重點項目完成情況"])
    sheet.append(
        ["縣（市、區）", "項目數（個）", "年度計劃（億元）", "1-6月完成（億元）", "完成率（%）"]
    )
    sheet.append(["嵐山縣", 14, 36.4, 19.1, 52.5])
    sheet.append(["東湖區", 9, 22.8, 13.6, 59.6])
    sheet.append(["白鷺市", 17, 48.2, 21.7, 45])
    path = tmp_path / "counties.xlsx"
    book.save(path)
    draft = extract_document(read_document(path))
    figs = _figures(draft)
    assert figs["嵐山縣項目數"]["value"] == {"amount": Decimal("14"), "unit": "個"}
    done = figs["東湖區1-6月完成"]
    assert done["value"] == {"amount": Decimal("13.6"), "unit": "億元"}
    assert done["plan"]["amount"] == Decimal("22.8")
    assert done["share_of_plan"] == Decimal("59.6")
    assert "「分縣統計」第4行" in done["place"]
    assert "白鷺市1-6月完成" in figs
    assert draft.projects == []


def test_areas_told_by_their_cells_under_a_plain_name_column(tmp_path):
    text = (
        "名称\t总投资（亿元）\t1-5月完成投资（亿元）\n"
        "北渡镇\t12.5\t3.2\n"
        "南屏乡\t8.1\t2.7\n"
        "金沙工业园区\t30\t9.6\n"
    )
    figs = _figures(_txt(tmp_path, "1-5月，全市完成投资30亿元。\n" + text))
    assert figs["南屏乡总投资"]["value"] == {"amount": Decimal("8.1"), "unit": "亿元"}
    assert figs["金沙工业园区1-5月完成投资"]["value"]["amount"] == Decimal("9.6")


def test_a_project_schedule_stays_one_even_if_its_names_end_in_area_words(tmp_path):
    text = (
        "项目名称\t总投资（亿元）\t1-5月完成投资（亿元）\n"
        "滨江新区\t12.5\t3.2\n"
        "临港产业园区\t8.1\t2.7\n"
    )
    draft = _txt(tmp_path, "1-5月，全市完成投资30亿元。\n" + text)
    assert [p["name"] for p in draft.projects] == ["滨江新区", "临港产业园区"]
    assert not any(f["label"].startswith("滨江新区") for f in draft.figures)


AREA_LINES = [
    (
        "1-10月，全县40个重点项目完成投资26.3亿元。\n分乡镇看：\n"
        "双河镇：11个项目，完成投资7.4亿元，完成率88.2%；\n"
        "松林乡：4个项目，完成投资1.35亿元，完成率61.5%，低于序时进度9.2个百分点；\n"
        "云江工业园区：15个项目，完成投资10.2亿元，完成率79.4%。\n"
        "另外，云江大桥完成投资2.1亿元。\n",
        "松林乡",
        "云江工业园区",
        "个",
    ),
    (
        "一季度，全區重點項目完成投資18.6億元。\n分街道看：\n"
        "——長寧街道：重點項目9個，完成投資4.4億元，佔年度計劃的23.1%；\n"
        "——松林鄉：重點項目5個，完成投資1.35億元，佔年度計劃的18.2%，低於序時進度6.8個百分點；\n"
        "——雲江科技園：重點項目12個，完成投資7.9億元，佔年度計劃的26%。\n"
        "另外，雲江大橋完成投資2.1億元。\n",
        "松林鄉",
        "雲江科技園",
        "個",
    ),
]


@pytest.mark.parametrize("text, town, park, measure", AREA_LINES)
def test_lines_about_areas_are_figures_labelled_with_the_area(text, town, park, measure):
    draft = extract(text)
    labels = [f["label"] for f in draft.figures]
    count = next(f for f in draft.figures if f["label"].startswith(park))
    assert count["value"]["unit"] == measure and count["label"].endswith(("数", "數"))
    done = next(f for f in draft.figures if f["label"].startswith(town) and "完成" in f["label"])
    assert done["value"]["amount"] == Decimal("1.35")
    assert done["changes"][0]["unit"].endswith(("百分点", "百分點"))
    assert done["quote"].startswith(town) and done["quote"] in clean(text)
    assert not any(p["name"] in (town, park) for p in draft.projects)
    # in the report's order: the areas before the figure of the line after them
    assert labels.index(done["label"]) < len(labels) - 1
    assert "大" in labels[-1] or "完成" in labels[-1]


@pytest.mark.parametrize(
    "name, area",
    [
        ("苏堤街道", True),
        ("臨江鎮", True),
        ("东坡工业园", True),
        ("嵐山縣", True),
        ("城南小区", False),
        ("市一中新校區", False),
        ("合计", False),
        ("全县", False),
        ("临江大桥", False),
    ],
)
def test_what_names_an_area(name, area):
    assert is_area(name) is area


def test_a_line_about_a_project_is_no_area_line():
    assert area_line("城南污水处理厂：完成投资1.2亿元") is None
    assert area_line("城南新区：完成投资1.2亿元") is None  # no count of projects: a project
    assert area_line("全县：63个项目，完成投资38亿元") is None  # a total
    assert area_line("石门镇：6个项目，完成投资2.2亿元") == ("石门镇", "6个项目，完成投资2.2亿元")


def test_a_table_of_classes_of_projects_gives_figures_labelled_with_each_class(tmp_path):
    """「項目類別」 with no project column: each row is a class of projects (own words)."""
    draft = _txt(
        tmp_path,
        "柳川縣2025年1—8月重點項目分類完成情況\n"
        "單位：億元\n"
        "項目類別\t項目個數\t年度計劃投資\t1—8月完成投資\t完成率\n"
        "合計\t60\t84.0\t55.3\t65.8%\n"
        "工業項目\t21\t40.5\t29.1\t71.9%\n"
        "交通水利項目\t17\t26.2\t15.8\t60.3%\n"
        "社會民生項目\t22\t17.3\t10.4\t60.1%\n",
    )
    figs = _figures(draft)
    done = figs["交通水利項目1—8月完成投資"]
    assert done["value"] == {"amount": Decimal("15.8"), "unit": "億元"}
    assert done["plan"] == {"amount": Decimal("26.2"), "unit": "億元"}
    assert done["share_of_plan"] == Decimal("60.3")
    assert figs["工業項目項目個數"]["value"]["amount"] == Decimal("21")
    assert draft.projects == []

"""extract: a report's text -> a draft that `check` accepts once the region is set."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.extract import clean, extract, find_period, parse_date, slug, to_yaml
from tests.conftest import ROOT, SEED

# A document of two reports written for the tests in the seed's style (scraping artifacts,
# 篇一/篇二 parts), and each part as an editor enters it (tests/fixtures/reports/).
REPORTS = ROOT / "tests" / "fixtures" / "reports"
DOCUMENT = REPORTS / "qingshui-2006.txt"


def test_clean_removes_scraping_artifacts():
    text = "固定資產(chǎn)投資，完成３.２１億元（同比）\n下降22%。\n二、問題"
    assert clean(text) == "固定資產投資,完成3.21億元(同比)\n下降22%。\n二、問題" or clean(
        text
    ).startswith("固定資產投資,完成3.21億元(同比)")
    assert "腐敗" in clean("杜絕腐 敗現象發生。")
    long = "全縣固定資產投資工作按照總體要求認真開展各項工作並且取得明顯成效同時\n存在一些困難。"
    assert "\n" not in clean(long)  # a line break inside a sentence is joined


@pytest.mark.parametrize(
    "text, date",
    [
        ("二oo五年四月二十七日", dt.date(2005, 4, 27)),
        ("二〇二三年十二月三日", dt.date(2023, 12, 3)),
        ("2014年7月", dt.date(2014, 7, 1)),
    ],
)
def test_dates_in_chinese_numerals(text, date):
    assert parse_date(text)[0] == date


@pytest.mark.parametrize(
    "text, first, last, label",
    [
        ("一季度全縣投資", 1, 3, "一季度"),
        ("1—3月,全社會固定資產投資", 1, 3, "1—3月"),
        ("上半年全区投资", 1, 6, "上半年"),
        ("前三季度,全市完成", 1, 9, "前三季度"),
        ("截至8月份,省市級", 1, 8, "截至8月份"),
        ("2014年1—7月,全县", 1, 7, "1—7月"),
    ],
)
def test_periods(text, first, last, label):
    found = find_period(text)
    assert found[:3] == (first, last, label)


def test_simplified_text_from_elsewhere():
    text = """关于2014年1—7月全市固定资产投资情况的报告
市发展和改革委员会
2014年1—7月,全市完成固定资产投资245.6亿元,占年度计划420亿元的58.5%,同比增长15.2%,
高于全省平均水平2.1个百分点。其中工业投资同比下降3.4%,民间投资占比达到52.3%。
新开工项目46个,开工率81.2%。市第一人民医院扩建工程累计完成投资1.2亿元,占总投资的40%;
城北污水处理厂项目可研已上报省发改委。
二、存在的问题
一是资金到位率偏低;二是要素保障不足。
三、下一步工作打算
一是加快项目建设;二是强化要素保障。
二〇一四年八月十日
"""
    draft = extract(text)
    f = draft.fields
    assert f["title"].startswith("关于2014年1—7月")
    assert f["period"] == {
        "start": dt.date(2014, 1, 1),
        "end": dt.date(2014, 7, 31),
        "label": "1—7月",
    }
    assert f["published"] == dt.date(2014, 8, 10)
    total = draft.figures[0]
    assert total["value"] == {"amount": Decimal("245.6"), "unit": "亿元"}
    assert total["plan"] == {"amount": Decimal("420"), "unit": "亿元"}
    assert total["share_of_plan"] == Decimal("58.5")
    assert {"value": Decimal("15.2"), "unit": "%", "basis": "同比"} in total["changes"]
    labels = {fig["label"]: fig for fig in draft.figures}
    assert labels["开工率"]["value"] == {"amount": Decimal("81.2"), "unit": "%"}
    assert labels["新开工项目"]["value"]["amount"] == 46
    hospital = next(p for p in draft.projects if p["name"] == "市第一人民医院扩建工程")
    assert hospital["amounts"] == [
        {
            "amount": Decimal("1.2"),
            "unit": "亿元",
            "basis": "累計",
            "share": {"percent": Decimal("40"), "of": "總投資"},
        }
    ]
    assert any(p["name"].startswith("城北污水处理厂") for p in draft.projects)
    assert draft.problems == ["资金到位率偏低", "要素保障不足"]
    assert len(draft.next_steps) == 2
    assert "addressee" in draft.not_found  # not guessed


def test_ids_are_ascii_slugs():
    import re

    from generator.model import SLUG_PATTERN

    assert slug("鎖平高速公路").startswith("suoping-")
    assert slug("鎖平高速公路") == "suoping-gaosugonglu"  # stable: the same id in every run
    assert re.match(SLUG_PATTERN, slug("巡檢司電廠2×300mw機組擴建工程"))
    assert slug("巡檢司電廠2×300mw機組擴建工程").isascii()


@pytest.mark.parametrize("part, region", [("篇一", "qingshui"), ("篇二", "donghu")])
def test_each_draft_passes_check_once_the_region_is_set(tmp_path, capsys, part, region):
    draft = to_yaml(extract(DOCUMENT.read_text("utf-8"), part=part, document=DOCUMENT.name))
    assert "region: REGION-ID" in draft
    data = tmp_path / "data"
    (data / "reports" / region).mkdir(parents=True)
    shutil.copy(REPORTS / "regions.yaml", data / "regions.yaml")
    target = data / "reports" / region / "draft.yaml"
    target.write_text(draft.replace("region: REGION-ID", f"region: {region}"), "utf-8")
    code = main(["--root", str(tmp_path), "check"])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


@pytest.mark.parametrize(
    "part, expected", [("篇一", "qingshui-2006.part1.yaml"), ("篇二", "qingshui-2006.part2.yaml")]
)
def test_each_part_reproduces_what_the_editor_entered(part, expected):
    """Every headline figure and every project number of the hand-made file is in the draft."""
    from benchmarks.extract_score import figure_numbers, project_numbers, same_project
    from generator.checks import load_file
    from generator.model import Report

    _, hand, problems = load_file(REPORTS / expected, expected, Report)
    assert hand is not None, problems
    draft = extract(DOCUMENT.read_text("utf-8"), part=part, document=DOCUMENT.name)
    assert draft.fields["title"] == hand.title
    assert draft.fields["period"] == hand.period.model_dump(exclude_none=True)
    assert draft.fields.get("issuer") == hand.issuer
    drafted = [figure_numbers(f) for f in draft.figures]
    missing = [f.label for f in hand.figures if not any(figure_numbers(f) <= d for d in drafted)]
    assert missing == []
    for p in hand.projects:
        matches = [d for d in draft.projects if same_project(p, d["name"])]
        assert matches, p.name
        have = set().union(*(project_numbers(d) for d in matches))
        assert project_numbers(p) <= have, p.name
    assert draft.problems == list(hand.problems)
    assert [s.lstrip("一二三四五六七八九十()（）是") for s in draft.next_steps] == [
        s.lstrip("一二三四五六七八九十()（）是") for s in hand.next_steps
    ]


def test_extract_command_prints_the_draft(capsys):
    assert main(["extract", str(DOCUMENT), "--region", "qingshui"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[3] == "region: qingshui"
    assert "period: {start: 2006-01-01, end: 2006-06-30" in out
    assert 'quote: "松林水電站正抓緊引水隧洞和廠房施工' in out
    assert "篇二" in out  # the other part is named at the end


def new_report(root: Path, capsys, region: str = "tiancheng") -> str:
    argv = ["--root", str(root), "new", "report", "--region", region, "--period", "2005-Q2"]
    assert main(argv) == 0
    capsys.readouterr()
    return (root / f"data/reports/{region}/2005-q2.yaml").read_text("utf-8")


def filled_in(text: str) -> str:
    """The skeleton as an editor fills it: the title and file named, every example taken."""
    lines = []
    for line in text.splitlines()[3:]:  # after the comments at the top
        if line.startswith(("figures: []", "projects: []")):
            continue  # replaced by the examples under them
        if re.match(r"# (\w+:|  )", line):
            line = line[2:]
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return text.replace('title: ""', "title: 二季度投資情況").replace(
        'document: ""', "document: a.docx"
    )


def test_a_new_report_never_passes_check_with_a_placeholder(tmp_path, capsys):
    shutil.copytree(ROOT / "tests/fixtures/base", tmp_path / "data")
    text = new_report(tmp_path, capsys)
    assert "period: {start: 2005-04-01, end: 2005-06-30, label: 第二季度}" in text
    for key in ("issuer", "published", "figures", "projects", "quote", "share_of_plan"):
        assert key in text  # every field is there to see
    assert main(["--root", str(tmp_path), "check"]) == 1  # nothing filled in: refused
    out = capsys.readouterr().err
    assert "2005-q2.yaml:5:8: title: text is empty" in out
    assert "source.document: text is empty" in out
    path = tmp_path / "data/reports/tiancheng/2005-q2.yaml"
    path.write_text(filled_in(text), "utf-8")  # the examples are valid data once taken
    assert main(["--root", str(tmp_path), "check"]) == 0, capsys.readouterr()


def test_a_new_report_is_in_the_bulletins_script(tmp_path, capsys):
    shutil.copytree(ROOT / "tests/fixtures/base", tmp_path / "data")  # a Traditional bulletin
    assert "報告標題" in new_report(tmp_path, capsys)
    simplified = tmp_path / "hans"
    simplified.mkdir()
    (simplified / "bulletin.yml").write_text("site_name: 河西县公报\nscript: hans\n", "utf-8")
    shutil.copytree(ROOT / "tests/fixtures/base", simplified / "data")
    text = new_report(simplified, capsys)
    assert "报告标题" in text and "報告" not in text


def test_traditional_text_in_other_phrasings():
    text = """永和縣發展和改革局
關於2019年前三季度全縣固定資產投資運行情況的匯報
縣人民政府：
　　前三季度，全縣完成固定資產投資１２３．４億元，同比增長８．５％，完成年度計劃的７２．１％。其中，工業投資４５．６億元，增長１０．２％；民間投資占全部投資的比重為５６．３％。
　　永和至清溪一級公路累計完成投資３．２億元，占總投資的４５％，路基工程已完成８０％；縣人民醫院門診綜合樓已竣工投入使用；城東污水處理廠二期工程可研已獲批復。
二、存在的主要問題
（一）項目儲備不足。（二）融資難度加大。
三、下一步工作
（一）加快項目建設。（二）強化要素保障。
永和縣發展和改革局
二〇一九年十月十五日
"""
    draft = extract(text)
    assert draft.fields["addressee"] == "縣人民政府"
    assert draft.fields["period"]["label"] == "前三季度"
    total = draft.figures[0]
    assert total["value"] == {"amount": Decimal("123.4"), "unit": "億元"}  # full-width digits
    assert total["share_of_plan"] == Decimal("72.1")  # 完成年度計劃的…% without the plan
    private = next(f for f in draft.figures if f["label"] == "民間投資")
    assert private["share"] == {"percent": Decimal("56.3"), "of": "全部投資"}
    names = [p["name"] for p in draft.projects]
    assert names == ["永和至清溪一級公路", "縣人民醫院門診綜合樓", "城東污水處理廠二期工程"]
    assert [p.get("stage") for p in draft.projects] == ["在建", "竣工", "前期"]
    assert draft.problems == ["(一)項目儲備不足。", "(二)融資難度加大。"]
    assert draft.next_steps == ["(一)加快項目建設。", "(二)強化要素保障。"]  # no signature


def test_several_amounts_keep_their_own_basis_and_share(tmp_path, capsys):
    text = (
        "关于2021年上半年重点项目建设情况的报告\n二、项目建设\n"
        "城南学校项目总投资2.8亿元,年度计划投资8000万元,本年完成投资4200万元,"
        "完成年度计划的52.5%,累计完成投资12600万元,占总投资的45%。\n"
    )
    draft = extract(text, region="tiancheng")
    school = draft.projects[0]
    assert school["name"] == "城南学校项目"
    assert school["amounts"] == [
        {"amount": Decimal("2.8"), "unit": "亿元", "basis": "總投資"},
        {"amount": Decimal("8000"), "unit": "万元", "basis": "年度計劃"},
        {
            "amount": Decimal("4200"),
            "unit": "万元",
            "basis": "本年完成",
            "share": {"percent": Decimal("52.5"), "of": "年度計劃"},
        },
        {
            "amount": Decimal("12600"),
            "unit": "万元",
            "basis": "累計",
            "share": {"percent": Decimal("45"), "of": "總投資"},
        },
    ]
    assert draft.figures == []  # the project's amounts are not headline figures
    (tmp_path / "data/reports/tiancheng").mkdir(parents=True)
    shutil.copy(SEED / "data/regions.yaml", tmp_path / "data/regions.yaml")
    (tmp_path / "data/reports/tiancheng/2021-h1.yaml").write_text(to_yaml(draft), "utf-8")
    assert main(["--root", str(tmp_path), "check"]) == 0, capsys.readouterr()


def test_rankings_and_comparisons_with_a_higher_level(project, capsys):
    text = (
        "关于2022年1—9月固定资产投资情况的报告\n"
        "1—9月,全县固定资产投资同比增长12.4%,增速位居全市第3位,高于全市平均水平0.8个百分点。\n"
    )
    draft = extract(text, region="tiancheng")
    fig = draft.figures[0]
    assert fig["rank"] == {"position": 3, "among": "全市", "of": "增速"}
    assert {"value": Decimal("0.8"), "unit": "个百分点", "basis": "全市"} in fig["changes"]
    (project / "data/reports/tiancheng/2022-m09.yaml").write_text(to_yaml(draft), "utf-8")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr()
    assert main(["--root", str(project), "generate"]) == 0
    page = (project / "content/reports/tiancheng/2022-m09.md").read_text("utf-8")
    assert "增速居全市第3" in page and "高於全市0.8個百分點" in page  # in the page's script


def test_growth_rates_and_issuers_in_other_words():
    text = (
        "关于2020年1-5月全县固定资产投资运行情况的报告\n"
        "1-5月,全县固定资产投资完成额达到56.7亿元,同比增速为12.3%。"
        "新开工亿元以上项目12个。\n"
        "县发改局\n2020年6月10日\n"
    )
    draft = extract(text)
    assert draft.fields["issuer"] == "县发改局"
    assert draft.fields["published"] == dt.date(2020, 6, 10)
    assert draft.fields["period"]["end"] == dt.date(2020, 5, 31)
    total = draft.figures[0]
    assert total["value"] == {"amount": Decimal("56.7"), "unit": "亿元"}
    assert total["changes"] == [{"value": Decimal("12.3"), "unit": "%", "basis": "同比"}]
    assert any(
        f["label"] == "新开工亿元以上项目" and f["value"]["amount"] == 12 for f in draft.figures
    )


def test_numbered_project_lines():
    text = (
        "关于2021年重点项目进展情况的报告\n二、重点项目进展\n"
        "1.城北新区道路工程:已完成投资1.5亿元,占年度计划的60%,路基工程已完成70%。\n"
        "(2)县第二中学迁建项目已完成主体工程,累计完成投资8600万元。\n"
    )
    draft = extract(text)
    roads, school = draft.projects
    assert roads["name"] == "城北新区道路工程"
    assert roads["amounts"] == [
        {
            "amount": Decimal("1.5"),
            "unit": "亿元",
            "share": {"percent": Decimal("60"), "of": "年度計劃"},
        }
    ]
    assert roads["physical_progress"] == [{"label": "路基工程", "percent": Decimal("70")}]
    assert school["name"] == "县第二中学迁建项目"
    assert school["amounts"] == [{"amount": Decimal("8600"), "unit": "万元", "basis": "累計"}]


def test_unnumbered_section_headings():
    text = (
        "关于2021年一季度投资情况的报告\n一季度,全县完成固定资产投资12.5亿元,同比增长6.1%。\n"
        "存在的问题\n一是项目储备不足;二是融资渠道单一。\n"
        "下一步工作打算\n一是抓好项目前期;二是加强要素保障。\n"
    )
    draft = extract(text)
    assert draft.problems == ["项目储备不足", "融资渠道单一"]
    assert draft.next_steps == ["抓好项目前期", "加强要素保障"]


def test_groups_of_projects_are_figures_and_lists_with_fenbie_keep_every_name():
    text = (
        "关于2023年1-9月重点项目推进情况的通报\n"
        "1-9月，全县重点项目完成投资21.4亿元，完成年度计划的96.3%。\n"
        "市级项目完成投资8.2亿元，投资完成率103.5%；县级项目完成投资13.2亿元，投资完成率91.7%。\n"
        "滞后的项目中，北岭污水处理厂、湖滨花园小区、县职业中学迁建项目分别完成年度计划的"
        "35.1%、40.6%、28.4%，分别完成投资1800万元、2.6亿元、950万元。\n"
        "云岗通用机场当月完成投资640万元，跑道工程完成25%。\n"
        "全年，县妇幼保健院、南坝排涝泵站2个民生项目分别完成投资5300万元和0.41亿元。\n"
    )
    draft = extract(text)
    names = [p["name"] for p in draft.projects]
    assert names == [
        "北岭污水处理厂",
        "湖滨花园小区",
        "县职业中学迁建项目",
        "云岗通用机场",
        "县妇幼保健院",
        "南坝排涝泵站",  # the count after the last name is not part of it
    ]
    school = draft.projects[2]
    assert school["amounts"][0]["amount"] == Decimal("950")
    assert school["amounts"][0]["share"]["percent"] == Decimal("28.4")
    city = next(f for f in draft.figures if f["label"].startswith("市级项目"))
    assert city["share_of_plan"] == Decimal("103.5")  # a plan exceeded is kept as written


def test_figures_given_with_fenbie_keep_each_unit_and_their_shares_of_plan():
    text = (
        "关于2024年1-6月重点项目的通报\n"
        "分类看，工业项目、交通项目、民生项目分别完成投资18.4亿元、9600万元、3.05亿元，"
        "分别占年度计划的47.2%、39.5%、51.8%。\n"
        "省、市重点项目分别完成投资6.7亿元、11.2亿元，投资完成率分别为58.3%、49.9%。\n"
    )
    figures = {f["label"]: f for f in extract(text).figures}
    assert figures["交通项目完成投资"]["value"] == {"amount": Decimal("9600"), "unit": "万元"}
    assert figures["民生项目完成投资"]["value"] == {"amount": Decimal("3.05"), "unit": "亿元"}
    assert [figures[k]["share_of_plan"] for k in list(figures)[:3]] == [
        Decimal("47.2"),
        Decimal("39.5"),
        Decimal("51.8"),
    ]
    assert [f.get("share_of_plan") for f in list(figures.values())[3:]] == [
        Decimal("58.3"),
        Decimal("49.9"),
    ]


def test_a_headline_figure_keeps_its_plan_change_and_share_told_in_other_words():
    text = (
        "关于2024年1-10月重点项目的通报\n"
        "1-10月，全县27个重点项目完成投资33.8亿元，达到全年计划41.5亿元的81.4%，"
        "比去年同期多完成4.1亿元，增长13.9%。\n"
        "园区固定资产投资实现76.3亿元，同比增长8.2%，增幅比上半年提升1.6个百分点，"
        "总量占全县的31.5%。\n"
    )
    figures = {f["label"]: f for f in extract(text).figures}
    county = figures["全县27个重点项目完成投资"]
    assert county["plan"] == {"amount": Decimal("41.5"), "unit": "亿元"}
    assert county["share_of_plan"] == Decimal("81.4")
    assert [c["value"] for c in county["changes"]] == [Decimal("13.9")]  # 4.1 is a difference
    assert not any(f.get("value", {}).get("amount") == Decimal("4.1") for f in figures.values())
    park = figures["园区固定资产投资"]
    assert [c["value"] for c in park["changes"]] == [Decimal("8.2"), Decimal("1.6")]
    assert park["share"] == {"percent": Decimal("31.5"), "of": "全县"}


def test_a_project_referred_to_as_gai_gongcheng_and_shares_given_as_bili():
    text = (
        "关于2024年1-9月重点项目的通报\n"
        "在S312省道青岭段改建工程现场，摊铺机正在作业。该工程全长18.6公里，总投资7.9亿元，"
        "今年以来完成投资2.45亿元。\n"
        "县中医院迁建、城南棚户区改造两个项目分别完成投资1.12亿元、0.87亿元，"
        "占年度计划的比例分别为74%和61%。\n"
    )
    road, hospital, homes = extract(text).projects
    assert road["name"] == "S312省道青岭段改建工程"
    assert {a["amount"] for a in road["amounts"]} == {Decimal("7.9"), Decimal("2.45")}
    assert hospital["amounts"][0]["share"] == {"percent": Decimal("74"), "of": "年度計劃"}
    assert homes["amounts"][0]["share"] == {"percent": Decimal("61"), "of": "年度計劃"}


def test_names_after_a_lead_in_or_a_haiyou_and_bridges():
    text = (
        "关于2023年重点项目的报告\n"
        "交通项目方面，白鹭机场改扩建工程总投资31亿元，当年完成投资6.4亿元；"
        "青江三桥全年完成投资2.7亿元，累计完成投资7.15亿元。\n"
        "同样进展顺利的还有云港智能制造基地。该基地全年完成投资4.9亿元，占年度计划的88%。\n"
    )
    airport, bridge, base = extract(text).projects
    assert (airport["name"], bridge["name"], base["name"]) == (
        "白鹭机场改扩建工程",
        "青江三桥",
        "云港智能制造基地",
    )
    assert {a["amount"] for a in bridge["amounts"]} == {Decimal("2.7"), Decimal("7.15")}
    assert base["amounts"] == [
        {
            "amount": Decimal("4.9"),
            "unit": "亿元",
            "share": {"percent": Decimal("88"), "of": "年度計劃"},
        }
    ]


def test_a_schedule_with_a_month_column_an_opening_total_and_one_subtotal(tmp_path, capsys):
    rows = [
        "柳川县2024年1-5月重点项目进度表",
        "（单位：万元）",
        "序号\t项目名称\t总投资\t年度计划\t5月完成\t1-5月完成\t完成年度计划(%)\t开累完成",
        "1\t柳川湿地公园\t8800\t2400\t310\t1250\t52.1\t5100",
        "2\t北环路延伸段\t15600\t5000\t620\t2180\t43.6\t9050",
        "\t小计（2项）\t24400\t7400\t930\t3430\t46.4\t",
    ]
    path = tmp_path / "schedule.txt"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    assert main(["extract", str(path)]) == 0
    draft = capsys.readouterr().out
    assert '{amount: 310, unit: "万元", basis: "本期"}' in draft  # one month's amount
    assert '{amount: 9050, unit: "万元", basis: "累计"}' in draft  # 开累: since work began
    assert 'value: {amount: 930, unit: "万元", basis: "本期"}' in draft  # the subtotal row
    assert "share_of_plan: 46.4" in draft


def test_works_told_after_a_semicolon_belong_to_the_project_before():
    text = (
        "关于2024年上半年重点项目的报告\n"
        "2.S205线柳岸段改建工程：全长22.6公里，总投资5.4亿元，1-6月完成投资0.93亿元；"
        "路基成型12.4公里，完成桥梁3座。\n"
    )
    (road,) = extract(text).projects
    assert {"label": "路基成型", "amount": Decimal("12.4"), "unit": "公里"} in road[
        "physical_progress"
    ]


def test_headline_pairs_after_a_subject_and_set_apart_by_wide_spaces():
    text = (
        "关于2024年1-7月重点项目的快报\n"
        "县重点项目：共38个，年度计划投资56亿元，1-7月完成31.7亿元，完成率56.6%。\n"
        "市重点项目：12个\u3000年度计划：23.5亿元\u30001-7月完成：14.1亿元\u3000完成率：60%\n"
    )
    figures = extract(text).figures
    county = next(f for f in figures if f["label"] == "县重点项目完成投资")
    assert county["value"] == {"amount": Decimal("31.7"), "unit": "亿元"}
    assert county["share_of_plan"] == Decimal("56.6")
    city = next(f for f in figures if f["label"] == "市重点项目完成投资")
    assert city["value"] == {"amount": Decimal("14.1"), "unit": "亿元"}
    assert city["share_of_plan"] == Decimal("60")
    counts = {f["label"]: f["value"]["amount"] for f in figures if f["value"]["unit"] == "个"}
    assert counts == {"县重点项目": Decimal("38"), "市重点项目": Decimal("12")}


def test_a_subject_and_its_figures_as_pairs_in_the_documents_unit():
    text = (
        "桐岭县2023年1-9月重点项目调度表\n"
        "填报单位：桐岭县发改局　单位：万元\n"
        "全县重点项目：31个；年度计划投资：182000；1-9月完成投资：141960；完成率：78%；同比增长：6.4%\n"
    )
    draft = extract(text)
    done = next(f for f in draft.figures if f["label"] == "全县重点项目完成投资")
    assert done["value"] == {"amount": Decimal("141960"), "unit": "万元"}
    assert done["plan"] == {"amount": Decimal("182000"), "unit": "万元"}
    assert done["share_of_plan"] == Decimal("78")
    assert [c["value"] for c in done["changes"]] == [Decimal("6.4")]
    assert done["quote"].startswith("全县重点项目:31个;")  # the report's own line, not a reading


def test_clauses_after_a_semicolon_and_paragraphs_under_a_heading_go_to_their_project():
    text = (
        "桐山縣2025年1-6月重點項目進展\n"
        "全縣實施重點項目30個，1-6月完成投資12.4億元。\n"
        "1. 桐山物流中心：總投資3.2億元，年度計劃投資8000萬元；1-6月完成投資4100萬元，"
        "占年度計劃51.3%；形象進度55%。\n"
        "西灣污水處理廠\n"
        "該項目（以下簡稱「西灣污水廠」）總投資1.6億元，1-6月完成投資2300萬元，主體完成70%。\n"
        "下半年，全縣將加快推進重點項目建設。\n"
    )
    draft = extract(text, region="tiancheng")
    by_name = {p["name"]: p for p in draft.projects}
    hub = by_name["桐山物流中心"]
    assert [(a["amount"], a["unit"]) for a in hub["amounts"]] == [
        (Decimal("3.2"), "億元"),
        (Decimal("8000"), "萬元"),
        (Decimal("4100"), "萬元"),
    ]
    assert hub["amounts"][2]["share"]["percent"] == Decimal("51.3")
    plant = by_name["西灣污水處理廠"]
    assert plant["aliases"] == ["西灣污水廠"]
    assert [a["amount"] for a in plant["amounts"]] == [Decimal("1.6"), Decimal("2300")]
    assert Decimal("12.4") in [f["value"]["amount"] for f in draft.figures if f.get("value")]


def test_a_project_named_after_wei_and_its_year_s_amount_with_its_share():
    """「…1個,為X工程,總投資…」 names a project with those figures; 「X至9月底已完成年度投資…,
    佔年度計劃…的…%」 is this year's amount with its share of the plan (own words)."""
    text = (
        "關於2026年1-9月重點項目建設情況的報告\n"
        "其中省重點項目1個,為臨溪水廠擴建工程,總投資4.6億元,1-9月完成投資2.1億元。\n"
        "溪口快速路至9月底已完成年度投資21.4億元,佔年度計劃18.5億元的115.7%。\n"
    )
    draft = extract(text, region="linxi")
    projects = {p["name"]: p for p in draft.projects}
    assert set(projects) == {"臨溪水廠擴建工程", "溪口快速路"}
    water = projects["臨溪水廠擴建工程"]["amounts"]
    assert {(a["amount"], a["basis"]) for a in water} == {
        (Decimal("4.6"), "總投資"),
        (Decimal("2.1"), "本年完成"),
    }
    road = projects["溪口快速路"]["amounts"]
    assert road[0] == {
        "amount": Decimal("21.4"),
        "unit": "億元",
        "basis": "本年完成",
        "share": {"percent": Decimal("115.7"), "of": "年度計劃"},
    }
    assert road[1]["amount"] == Decimal("18.5") and road[1]["basis"] == "年度計劃"
    # the count is a headline figure; the named project's amounts are not
    headline = {(f["label"], f["value"]["amount"]) for f in draft.figures if f.get("value")}
    assert ("省重點項目", 1) in headline
    assert not any(amount in (Decimal("4.6"), Decimal("2.1")) for _, amount in headline)


def test_a_share_of_the_projects_is_not_a_project():
    text = (
        "關於2026年上半年重點項目建設情況的報告\n"
        "部分項目用地報批滯後,個別新開工項目資金未到位。\n"
        "一批項目進展較快:城北污水處理廠完成投資1.2億元。\n"
    )
    names = [p["name"] for p in extract(text, region="linxi").projects]
    assert names == ["城北污水處理廠"]


def test_the_extractor_loads_neither_the_site_nor_the_models():
    """`import generator.extract` (a reader of drafts, the review page) stays light: no Jinja,
    no pydantic models, no page code."""
    import subprocess
    import sys

    probe = (
        "import sys, generator.extract; "
        "print(sorted(m for m in ('jinja2', 'pydantic', 'generator.pages', 'generator.model', "
        "'generator.pipeline') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "text,words,not_written",
    [
        (
            "关于2026年上半年重点项目情况的报告\n城西物流园总投资12亿元,今年累计完成投资3.4亿元,"
            "占总投资的28.3%,正在进行主体施工。\n",
            ['basis: "总投资"', 'basis: "年初累计"', 'of: "总投资"', 'stage: "在建"'],
            ["總投資", "年初累計"],
        ),
        (
            "關於2026年上半年重點項目情況的報告\n城西物流園總投資12億元,今年累計完成投資3.4億元,"
            "佔總投資的28.3%,正在進行主體施工。\n",
            ['basis: "總投資"', 'basis: "年初累計"', 'of: "總投資"'],
            ["总投资", "年初累计"],
        ),
    ],
)
def test_the_words_a_draft_writes_are_in_the_report_s_script(text, words, not_written):
    draft = to_yaml(extract(text, region="chengxi"))
    assert all(w in draft for w in words), draft
    assert not any(w in draft for w in not_written)


def test_an_issuer_at_the_head_of_its_title_and_a_lead_in_is_no_addressee():
    text = (
        "柳川县发展和改革局关于2023年1-6月重点项目推进情况的通报\n"
        "上半年,全县30个重点项目完成投资12.6亿元。\n分镇看:\n城南镇完成投资2.1亿元。\n"
    )
    draft = extract(text)
    assert draft.fields["issuer"] == "柳川县发展和改革局"
    assert "addressee" not in draft.fields  # 「分镇看:」 leads into the text
    recipients = extract(
        "關於2023年重點項目的報告\n各鄉鎮人民政府,縣直各單位:\n全年完成投資5億元。\n"
    )
    assert recipients.fields["addressee"] == "各鄉鎮人民政府,縣直各單位"


@pytest.mark.parametrize(
    ("line", "issuer", "published"),
    [
        ("区统计局　2024年5月9日", "区统计局", dt.date(2024, 5, 9)),
        ("（縣能源局，2023年8月3日）", "縣能源局", dt.date(2023, 8, 3)),
        ("第3期　　縣項目服務中心編　　2022年4月6日", "縣項目服務中心", dt.date(2022, 4, 6)),
    ],
)
def test_an_issuer_and_its_date_on_one_line_below_the_title(line, issuer, published):
    draft = extract(f"汀州区2024年1-4月重点项目完成情况\n{line}\n1-4月,全区完成投资3.2亿元。\n")
    assert draft.fields["issuer"] == issuer
    assert draft.fields["published"] == published


def test_a_news_item_below_its_masthead_and_a_report_to_a_congress_dated_in_its_subtitle():
    news = extract(
        "嵐江晚報　2023-08-14　來源：嵐江融媒\n【要聞】上半年我區投資穩步增長\n"
        "上半年,全區12個重點項目完成投資8.4億元。\n（記者 林遠）\n"
    )
    assert news.fields["title"] == "上半年我區投資穩步增長"
    assert news.fields["published"] == dt.date(2023, 8, 14)
    assert news.fields["period"]["start"] == dt.date(2023, 1, 1)  # the year from the date
    congress = extract(
        "關於2022年重點項目建設情況的報告\n——2022年9月2日在縣人民代表大會常務委員會會議上\n"
        "縣人大常委會:\n截至8月底,全縣完成投資6.1億元。\n"
        "四、下一步工作\n確保全年完成投資9億元。\n以上報告,請予審議。\n"
    )
    assert congress.fields["published"] == dt.date(2022, 9, 2)
    assert congress.fields["addressee"] == "縣人大常委會"
    assert congress.next_steps == ["確保全年完成投資9億元。"]  # not the closing words


def test_problems_under_a_heading_that_runs_on_and_the_requests_after_them():
    bracketed = extract(
        "重點項目簡報\n1-5月,全縣完成投資4.4億元。\n"
        "【問題提示】東鎮兩個項目征地遲緩。請相關鄉鎮抓緊協調。\n送:縣委、縣政府領導\n"
    )
    assert bracketed.problems == ["東鎮兩個項目征地遲緩。"]
    assert bracketed.next_steps == ["請相關鄉鎮抓緊協調。"]  # not the distribution line
    plain = extract(
        "关于2024年1-3月重点项目的通报\n一季度,全县完成投资2.2亿元。\n"
        "存在问题:个别项目资金到位慢。\n请各单位对照通报,加快进度。\n（县项目办）\n"
    )
    assert plain.problems == ["个别项目资金到位慢。"]
    assert plain.next_steps == ["请各单位对照通报,加快进度。"]
    assert plain.fields["issuer"] == "县项目办"
    numbered = extract(
        "关于2024年的报告\n全年完成投资9亿元。\n三、存在问题。部分项目开工迟缓,资金到位慢。\n"
    )
    assert numbered.problems == [
        "部分项目开工迟缓,资金到位慢。"
    ]  # the heading is no part of the item

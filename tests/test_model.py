"""The typed model of the seed data: what the reports state, exactly, and nothing invented."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator import Paths, load_bulletin
from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def bulletin():
    bulletin, problems = load_bulletin(Paths(SEED))
    assert [p.text() for p in problems] == []
    return bulletin


def report(bulletin, key):
    return next(e.report for e in bulletin.reports if e.key == key)


def figure(rep, label):
    return next(f for f in rep.figures if f.label == label)


def test_regions_and_reports(bulletin):
    assert [r.id for r in bulletin.regions] == ["tiancheng", "unnamed-district"]
    district = bulletin.regions[1]
    assert district.name is None and district.display_name == "未具名的區"
    assert [e.key for e in bulletin.reports] == ["unnamed-district/2023-08", "tiancheng/2005-q1"]


def test_county_report_headline_figures(bulletin):
    rep = report(bulletin, "tiancheng/2005-q1")
    assert rep.published.isoformat() == "2005-04-27"
    assert rep.published_as == "二oo五年四月二十七日"
    assert (rep.period.start.isoformat(), rep.period.end.isoformat()) == (
        "2005-01-01",
        "2005-03-31",
    )
    total = figure(rep, "全社會固定資產投資")
    assert (total.value.amount, total.value.unit) == (Decimal("3.21"), "億元")
    assert total.value.yuan == Decimal("321000000")
    assert (total.plan.amount, total.share_of_plan) == (Decimal("16.1"), Decimal("19.9"))
    assert [(c.value, c.unit, c.basis) for c in total.changes] == [(Decimal(-22), "%", "同比")]
    estate = figure(rep, "房地產開發投資")
    assert estate.value is None  # the report gives no amount: absent, not 0
    assert [(c.value, c.unit) for c in estate.changes] == [(Decimal("3.3"), "倍")]


def test_district_report_is_one_report_with_both_titles(bulletin):
    rep = report(bulletin, "unnamed-district/2023-08")
    assert rep.title == "合理擴大有效投資工作情況報告"
    assert rep.other_titles == ["擴大有效投資工作情況報告"]
    assert rep.source.parts == ["篇二", "篇三"]
    assert rep.issuer is None and rep.published is None  # not in the text: not invented
    invest = figure(rep, "省市級重點項目累計完成投資")
    assert [(str(c.value), c.unit, c.basis) for c in invest.changes] == [
        ("18.1", "%", "同比"),
        ("23.8", "個百分點", "序時進度"),
    ]
    assert figure(rep, "開工率").value.unit == "%"
    assert figure(rep, "全區技改投資").period.label == "上半年"


def test_projects_with_figures(bulletin):
    projects = {p.id: p for p in bulletin.projects}
    power = projects["xunjiansi-power-expansion"]
    amount = power.latest.amounts[0]
    assert (amount.amount, amount.unit, amount.basis) == (Decimal(41162), "萬元", "開工以來累計")
    assert amount.share.percent == Decimal("15.5")
    assert (power.capacity.units, power.capacity.amount, power.capacity.unit) == (2, 300, "MW")
    road = projects["western-township-road"]
    assert [(p.label, p.amount, p.unit) for p in road.latest.physical_progress] == [
        ("路基成型", Decimal(100), "公里")
    ]
    assert projects["nuozu-hydropower"].capacity.unit == "萬千瓦"
    assert projects["longmugou-reservoir"].stage == "前期"


def test_text_has_no_scraping_artifacts(bulletin):
    import re

    for entry in bulletin.reports:
        dumped = entry.report.model_dump_json(exclude={"notes"})  # notes quote the garbage
        assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", dumped), entry.key
        assert "?" not in dumped, entry.key


def test_every_named_project_is_listed(bulletin):
    names = {p.name for p in bulletin.projects} | {a for p in bulletin.projects for a in p.aliases}
    for name in [
        "巡檢司電廠2×300mw機組擴建工程",
        "雷打灘水電站",
        "鎖平高速公路",
        "龍母溝水庫",
        "竹漿紙一體化項目",
        "白云水庫除險加固工程",
        "糯租水電站",
        "江邊大橋電站",
        "平山電廠二期",
        "教育小鎮",
        "洪莊四期",
        "趙集二級揚水站",
        "彌師路",
    ]:
        assert name in names


@pytest.mark.parametrize(
    ("share", "valid"),
    [
        ({"percent": 126.2, "of": "年度計劃"}, True),  # 投資完成率126.2%: a plan exceeded
        ({"percent": 118.6, "of": "年度计划"}, True),
        ({"percent": 126.2, "of": "總投資"}, False),  # more than the whole it is part of
        ({"percent": 126.2}, False),
        ({"percent": 99.5}, True),
    ],
)
def test_only_a_share_of_a_plan_goes_above_100(share, valid):
    import json

    import jsonschema
    from pydantic import ValidationError

    from generator.model import Share

    try:
        Share.model_validate(
            {k: Decimal(str(v)) if k == "percent" else v for k, v in share.items()}
        )
        by_model = True
    except ValidationError:
        by_model = False
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        {**schema["$defs"]["Share"], "$defs": schema["$defs"]}
    )
    assert (by_model, validator.is_valid(share)) == (valid, valid)

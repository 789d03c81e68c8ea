"""Open data: the files a citizen or a tool downloads from /data/, validated as they would be."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from generator import Paths, load_bulletin
from generator.opendata import data_files, number
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    bulletin, _ = load_bulletin(Paths(ROOT))
    return data_files(bulletin)


def test_json_keeps_stated_amounts_and_adds_yuan(files):
    data = json.loads(files["data/bulletin.json"])
    report = next(r for r in data["reports"] if r["id"] == "tiancheng/2005-q1")
    total = report["figures"][0]
    assert total["value"] == {"amount": 3.21, "unit": "億元", "yuan": 321000000}
    assert total["plan"] == {"amount": 16.1, "unit": "億元", "yuan": 1610000000}
    project = next(p for p in data["projects"] if p["id"] == "xunjiansi-power-expansion")
    assert project["updates"][0]["amounts"][0] == {
        "amount": 41162, "unit": "萬元", "basis": "開工以來累計",
        "share": {"percent": 15.5, "of": "總投資"}, "yuan": 411620000}
    assert "value" not in report["figures"][1]  # absent stays absent, not 0


def test_numbers_keep_their_digits():
    assert [number(Decimal(t)) for t in ("3.21", "41162", "741.17", "0.1")] == [
        3.21, 41162, 741.17, 0.1]
    assert json.dumps(number(Decimal("3.21"))) == "3.21"


def test_csv_opens_in_excel_and_round_trips(files):
    for name in ("data/projects.csv", "data/figures.csv"):
        text = files[name]
        assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the BOM
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert rows
    projects = {r["id"]: r for r in csv.DictReader(io.StringIO(
        files["data/projects.csv"].removeprefix("\ufeff")))}
    row = projects["xunjiansi-power-expansion"]
    assert (row["invested_amount"], row["invested_unit"], row["invested_yuan"]) == (
        "41162", "萬元", "411620000")
    assert projects["longmugou-reservoir"]["invested_amount"] == ""


def test_datapackage_validates_with_frictionless(tmp_path, files):
    from frictionless import Package, validate

    for name in ("data/projects.csv", "data/figures.csv", "data/datapackage.json"):
        (tmp_path / name.split("/")[-1]).write_text(files[name], "utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("projects").read_rows()
    assert any(r["id"] == "suoping-expressway" for r in rows)


def test_oc4ids_projects(files):
    data = json.loads(files["data/oc4ids.json"])
    projects = {p["id"]: p for p in data["projects"]}
    power = projects["oc4ids-bulletin-xunjiansi-power-expansion"]
    assert power["title"] == "巡檢司電廠2×300mw機組擴建工程"
    assert power["status"] == "implementation"
    assert power["sector"] == ["energy"]
    observations = power["metrics"][0]["observations"]
    assert observations[0]["value"] == {"amount": 411620000, "currency": "CNY"}
    assert projects["oc4ids-bulletin-longmugou-reservoir"]["status"] == "preparation"
    statuses = {"identification", "preparation", "implementation", "completion", "completed",
                "cancelled"}
    assert all(p.get("status", "preparation") in statuses for p in data["projects"])


def test_atom_feed_lists_reports_newest_first(files):
    feed = ET.fromstring(files["feed.xml"].encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["合理擴大有效投資工作情況報告", "關于固定資產投資工作的情況報告"]
    updated = [e.findtext("a:updated", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert updated == sorted(updated, reverse=True)

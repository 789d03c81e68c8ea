"""Open data: the files a citizen or a tool downloads from /data/, validated as they would be."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from generator import Paths, load_bulletin
from generator.errors import BulletinError, DataErrors
from generator.opendata import csv_cell, data_files, number
from generator.settings import Settings, read_settings
from generator.verify import oc4ids_errors  # the standard's own schema, shipped with the tool
from tests.conftest import SEED


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    bulletin, _ = load_bulletin(Paths(SEED))
    return data_files(bulletin, read_settings(SEED))


def test_json_keeps_stated_amounts_and_adds_yuan(files):
    data = json.loads(files["data/bulletin.json"])
    report = next(r for r in data["reports"] if r["id"] == "tiancheng/2005-q1")
    total = report["figures"][0]
    assert total["value"] == {"amount": 3.21, "unit": "億元", "yuan": 321000000}
    assert total["plan"] == {"amount": 16.1, "unit": "億元", "yuan": 1610000000}
    project = next(p for p in data["projects"] if p["id"] == "xunjiansi-power-expansion")
    assert project["updates"][0]["amounts"][0] == {
        "amount": 41162,
        "unit": "萬元",
        "basis": "開工以來累計",
        "share": {"percent": 15.5, "of": "總投資"},
        "yuan": 411620000,
    }
    assert "value" not in report["figures"][1]  # absent stays absent, not 0


def test_numbers_keep_their_digits():
    assert [number(Decimal(t)) for t in ("3.21", "41162", "741.17", "0.1")] == [
        3.21,
        41162,
        741.17,
        0.1,
    ]
    assert json.dumps(number(Decimal("3.21"))) == "3.21"


def test_csv_opens_in_excel_and_round_trips(files):
    for name in ("data/projects.csv", "data/figures.csv"):
        text = files[name]
        assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the BOM
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert rows
    projects = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO(files["data/projects.csv"].removeprefix("\ufeff")))
    }
    row = projects["xunjiansi-power-expansion"]
    assert (row["invested_amount"], row["invested_unit"], row["invested_yuan"]) == (
        "41162",
        "萬元",
        "411620000",
    )
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
    statuses = {
        "identification",
        "preparation",
        "implementation",
        "completion",
        "completed",
        "cancelled",
    }
    assert all(p.get("status", "preparation") in statuses for p in data["projects"])


def test_oc4ids_package_validates_against_the_official_schema(files):
    package = json.loads(files["data/oc4ids.json"])
    assert oc4ids_errors(package) == []
    assert package["publisher"]["name"] and package["version"] == "0.9"
    assert package["publishedDate"] == "2023-08-31T00:00:00Z"  # the data's latest date


def test_the_official_schema_is_not_a_no_op(files):
    package = json.loads(files["data/oc4ids.json"])
    del package["publisher"]
    package["projects"][0]["locations"][0].pop("id")
    package["uri"] = "no scheme"
    errors = oc4ids_errors(package)
    assert any("'publisher' is a required property" in e for e in errors)
    assert any("'id' is a required property" in e for e in errors)
    assert any("uri: 'no scheme' is not a 'uri'" in e for e in errors)


def test_site_url_makes_feed_and_package_links_absolute():
    bulletin, _ = load_bulletin(Paths(SEED))
    settings = Settings(site_url="https://bulletin.example.org/county/", publisher="某縣發改局")
    out = data_files(bulletin, settings)
    feed = ET.fromstring(out["feed.xml"].encode())
    links = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert links and all(h.startswith("https://bulletin.example.org/county/") for h in links)
    package = json.loads(out["data/oc4ids.json"])
    assert package["uri"] == "https://bulletin.example.org/county/data/oc4ids.json"
    assert package["publisher"] == {"name": "某縣發改局"}
    assert oc4ids_errors(package) == []


def test_settings_are_read_from_bulletin_yml(tmp_path):
    (tmp_path / "bulletin.yml").write_text(
        "site_name: 某縣公報\nsite_url: https://x.example/b\npublisher: 某縣發改局\n", "utf-8"
    )
    assert read_settings(tmp_path) == Settings("某縣公報", "https://x.example/b/", "某縣發改局")


@pytest.mark.parametrize(
    "text, problem",
    [
        ("site_name: 某縣公報\nsite_ulr: https://x.example/\n", "2:1: site_ulr: unknown key"),
        ("site_name: 某縣公報\nsite_url: x.example\n", "2:11: site_url: "),
        ("site_name: 某縣公報\nscript: simplified\n", "2:9: script: "),
        ("site_url: https://x.example/\n", "site_name: required field is missing"),
        ("site_name: [\n", "bulletin.yml:"),
    ],
)
def test_a_wrong_setting_is_an_error_at_its_line_never_a_default(tmp_path, text, problem):
    (tmp_path / "bulletin.yml").write_text(text, "utf-8")
    with pytest.raises(DataErrors) as raised:
        read_settings(tmp_path)
    assert problem in str(raised.value)
    assert str(raised.value).startswith("bulletin.yml:")


def test_a_missing_settings_file_is_said(tmp_path):
    with pytest.raises(BulletinError, match="bulletin.yml: missing"):
        read_settings(tmp_path)


@pytest.mark.parametrize(
    "text, cell",
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("巡檢司=電廠", "巡檢司=電廠"),
        ("", ""),
    ],
)
def test_csv_text_never_starts_a_formula(text, cell):
    assert csv_cell(text, "string") == cell
    assert csv_cell(-22, "number") == "-22"  # numbers stay numbers


def test_atom_feed_lists_reports_newest_first(files):
    feed = ET.fromstring(files["feed.xml"].encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["合理擴大有效投資工作情況報告", "關于固定資產投資工作的情況報告"]
    updated = [e.findtext("a:updated", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert updated == sorted(updated, reverse=True)


def test_site_paths_follow_mkdocs_directory_urls():
    from generator import urls

    assert [
        urls.site_path(p)
        for p in (urls.HOME, urls.REPORTS, urls.region("a"), urls.report("a/2005-q1"), urls.FEED)
    ] == ["", "reports/", "regions/a/", "reports/a/2005-q1/", "feed.xml"]


def test_open_data_names_each_record_by_its_page(files):
    data = json.loads(files["data/bulletin.json"])
    assert {r["page"] for r in data["reports"]} == {
        "reports/tiancheng/2005-q1/",
        "reports/unnamed-district/2023-08/",
    }
    assert "projects/suoping-expressway/" in {p["page"] for p in data["projects"]}

"""Schedules printed to PDF (tests/fixtures/pdf_schedules/, made by its make.py with Chromium):
each layout gives every project with all its numbers, as its .xlsx twin does; a PDF's tables
know their page, their wrapped cells are joined, and the page's prose stays paragraphs."""

from __future__ import annotations

import random

import pytest

from benchmarks.pdf_schedules import (
    LAYOUTS,
    drafted_numbers,
    drafted_projects,
    expected_cases,
    wanted_numbers,
)
from generator.errors import BulletinError
from generator.readers import Paragraph, read_document

CASES = expected_cases()


def _by_name(path) -> dict[str, set]:
    out: dict[str, set] = {}
    for p in drafted_projects(path):
        out.setdefault(p["name"], set()).update(drafted_numbers(p))
    return out


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
@pytest.mark.parametrize("name", list(CASES))
def test_every_project_and_its_numbers(name, kind):
    """What an editor checks: each project of the schedule, with each of its amounts (unit
    and basis) and shares, and no project that is not in it."""
    drafted = _by_name(LAYOUTS / f"{name}.{kind}")
    wanted = {p["name"]: wanted_numbers(p) for p in CASES[name]["projects"]}
    assert set(drafted) == set(wanted)
    for project, numbers in wanted.items():
        assert numbers <= drafted[project], project


@pytest.mark.parametrize("name", list(CASES))
def test_the_pdf_gives_what_its_xlsx_twin_gives(name):
    assert _by_name(LAYOUTS / f"{name}.pdf") == _by_name(LAYOUTS / f"{name}.xlsx")


def test_a_pdf_table_knows_its_page_and_joins_wrapped_cells():
    doc = read_document(LAYOUTS / "yuhe-twopages.pdf")
    assert [t.name for t in doc.tables] == ["第1頁", "第2頁", "第3頁"]
    second = doc.tables[1]
    # the header is repeated on each page, its cells wrapped over two lines joined
    assert second.rows[0] == [
        "序号",
        "项目名称",
        "总投资",
        "年度计划投资",
        "1—11月完成投资",
        "完成年度计划%",
        "累计完成投资",
        "占总投资%",
    ]
    assert second.rows[1][:3] == ["7", "智能装备产业园", "45000"]  # a name wrapped in its cell
    assert second.place(1, 2) == "「第2頁」第2行第C列"
    long = read_document(LAYOUTS / "songxi-longnames.pdf").tables[0]
    assert long.rows[1][1] == "松溪縣城區老舊小區改造及配套基礎設施提升工程（二期）"
    assert long.rows[0][4] == "年度計劃投資（萬元）"


def test_a_two_level_header_and_a_group_row_fill_their_columns():
    three = read_document(LAYOUTS / "shiquan-wrap3.pdf").tables[0]
    assert three.rows[:2] == [
        ["序號", "項目名稱", "項目總投資", "2022年計劃投資", "1—9月", "1—9月", "開工以來累計完成"],
        [
            "序號",
            "項目名稱",
            "項目總投資",
            "2022年計劃投資",
            "完成投資",
            "占年度計劃%",
            "開工以來累計完成",
        ],
    ]
    groups = read_document(LAYOUTS / "lanxi-groups.pdf").tables[0]
    assert groups.rows[2][1:3] == ["一、交通项目", "一、交通项目"]  # merged over the row


def test_an_unruled_table_and_the_prose_around_it():
    doc = read_document(LAYOUTS / "heming-plain.pdf")
    assert doc.paragraphs == [
        "鹤鸣县2023年1-8月重点项目推进情况",
        "1-8月，全县重点项目推进总体平稳，多数项目按计划实施。各项目进展情况见下表。",
        "单位：万元",
        "下一步，县发改局将加强调度，确保完成全年目标任务。",
    ]
    (table,) = doc.tables
    assert table.rows[0] == [
        "序号",
        "项目名称",
        "建设单位",
        "总投资",
        "年度计划投资",
        "1-8月完成投资",
        "累计完成投资",
    ]
    assert table.rows[6] == ["6", "城东安置小区", "县城投", "52000", "15000", "10320", "31800"]
    assert isinstance(doc.blocks[0], Paragraph)


def test_group_rows_of_an_unruled_table_are_rows_of_their_own():
    table = read_document(LAYOUTS / "qinglin-plain-groups.pdf").tables[0]
    names = [row[1] for row in table.rows]
    assert names[:3] == ["項目名稱", "一、基礎設施", "青林高鐵站廣場"]
    assert "小計" in names and "三、社會事業" in names


def test_a_damaged_pdf_is_one_clear_line(tmp_path, capsys):
    """Bytes changed or cut anywhere: a BulletinError (or a readable file), never another
    exception, and nothing printed by the PDF libraries."""
    raw = (LAYOUTS / "cuiping-grid.pdf").read_bytes()
    for seed in range(40):
        rnd = random.Random(seed)
        damaged = bytearray(raw[: rnd.randrange(200, len(raw))] if seed % 3 == 0 else raw)
        for _ in range(0 if seed % 3 == 0 else 20):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        path = tmp_path / f"damaged-{seed}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            read_document(path)
        except BulletinError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
    out = capsys.readouterr()
    assert out.out == out.err == ""

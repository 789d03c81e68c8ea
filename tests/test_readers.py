"""Reading what editors receive: text in any Chinese encoding, Word, PDF, Excel and CSV
schedules, each into one Document; every unreadable file is one clear line, no traceback."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pypdf
import pytest

from benchmarks.extract_score import own_cases, score
from generator.errors import BulletinError
from generator.readers import Table, decode_text, read_document
from tests.conftest import ROOT

SCHEDULES = ROOT / "tests" / "fixtures" / "schedules"
SIMPLIFIED = "1—9月，全县固定资产投资完成45.6亿元，同比增长8.2%。二〇二三年十月八日"
TRADITIONAL = "1—9月，全縣固定資產投資完成45.6億元，同比增長8.2%，重點項目進展順利。"


@pytest.mark.parametrize(
    "text, codec",
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "gbk"),
        (SIMPLIFIED, "utf-16"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "cp950"),
        (TRADITIONAL, "gb18030"),
        (TRADITIONAL, "utf-8"),
        ("全县投资", "gb18030"),
        ("全縣投資", "big5"),  # four characters
    ],
)
def test_text_in_any_chinese_encoding_reads_back_exactly(text, codec):
    decoded, _ = decode_text(text.encode(codec), "report.txt")
    assert decoded == text


def test_a_gb18030_report_extracts_like_its_utf8_original(tmp_path, capsys):
    from generator.__main__ import main

    source = (ROOT / "tests/fixtures/reports/qingshui-2006.txt").read_text("utf-8")
    (tmp_path / "a.txt").write_text(source, "utf-8")
    (tmp_path / "b.txt").write_bytes(source.encode("gb18030"))
    # Big5 has neither pinyin tone marks nor 〇: the scraping artifacts go, ○ stands for 〇
    big5 = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", "", source).replace("〇", "○")
    (tmp_path / "c.txt").write_bytes(big5.encode("big5", "strict"))
    outputs = []
    for name in ("a.txt", "b.txt", "c.txt"):
        assert main(["extract", str(tmp_path / name)]) == 0
        outputs.append(capsys.readouterr().out.replace(name, "X"))
    assert outputs[0] == outputs[1]
    assert outputs[2].count("amount:") == outputs[0].count("amount:")


@pytest.mark.parametrize(
    "case",
    [
        c
        for c in own_cases()
        if c[0].startswith(tuple(p.stem for p in SCHEDULES.iterdir() if p.suffix != ".py"))
    ],
    ids=lambda c: c[0],
)
def test_each_schedule_gives_every_project_and_number_and_invents_none(case):
    result = score(*case)
    assert result["projects"][0] == result["projects"][1]
    assert result["project_numbers"][0] == result["project_numbers"][1]
    assert result["figures"][0] == result["figures"][1]
    assert result["invented"] == []


def test_docx_keeps_document_order_and_merged_cells_once():
    doc = read_document(SCHEDULES / "songping-2022-m10.docx")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.index("Table") == 3 and kinds[-1] == "Paragraph"  # prose, table, signature
    table = doc.tables[0]
    assert table.rows[1] == ["一、产业项目", "", "", "", "", ""]  # a merged row, once
    assert table.place(2, 2) == "「表1」第3行第C列"


def test_xlsx_shows_numbers_as_excel_does_and_fills_merged_headers():
    doc = read_document(SCHEDULES / "qingshui-2023-m09.xlsx")
    rows = doc.tables[0].rows
    assert rows[2][5] == rows[2][6] == "1—9月"  # a merged group title over its columns
    assert rows[6][6] == "52.5%"  # 0.525 with the format 0.0%
    assert rows[7][5] == "9360.5"


# --- files that cannot be read: one clear line each, never a traceback ---------------------
def _xlsx_without_header() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["會議紀要"])
    book.active.append(["時間", "地點", "參加人員"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf(password: str | None = None) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_FILES = [
    ("empty.txt", b"", "file is empty"),
    ("blank.docx", b"  \n", "file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as .docx"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as .xlsx"),
    ("renamed.docx", "只是文字".encode(), "not a readable Word (.docx) file"),
    ("renamed.xlsx", "只是文字".encode(), "not a readable Excel (.xlsx) file"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj <<", "not a readable PDF"),
    ("scan.pdf", _pdf(), "no text layer"),
    ("locked.pdf", _pdf("secret"), "protected by a password"),
    ("minutes.xlsx", _xlsx_without_header(), "no table in it has a header row"),
    ("minutes.csv", "會議紀要\n時間,地點\n".encode("gb18030"), "no table in it has a header row"),
]


@pytest.mark.parametrize("name, data, words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_an_unreadable_file_is_one_clear_line(tmp_path, name, data, words):
    (tmp_path / name).write_bytes(data)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "extract", name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{name}: ") and words in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_read_document_names_the_file_in_every_error(tmp_path):
    with pytest.raises(BulletinError, match=r"^.*missing\.pdf: no such file"):
        read_document(tmp_path / "missing.pdf")
    assert isinstance(read_document(SCHEDULES / "yunxi-2021.pdf").path, Path)


def test_lines_of_key_value_cells_are_a_table_headed_by_their_keys(tmp_path, capsys):
    from generator.__main__ import main

    path = tmp_path / "kv.txt"
    path.write_text(
        "桐溪县1-8月重点项目进展\n"
        "项目名称：桐溪物流园｜总投资：9.6亿元｜本年计划：2.4亿元｜1-8月完成：1.75亿元\n"
        "项目名称：南环路改造｜总投资：3.2亿元｜本年计划：9000万元｜1-8月完成：6120万元\n",
        "utf-8",
    )
    table = read_document(path).tables[0]
    assert table.rows[0] == ["项目名称", "总投资", "本年计划", "1-8月完成"]
    assert table.rows[2] == ["南环路改造", "3.2亿元", "9000万元", "6120万元"]
    assert table.place(2, 3) == "「表1」第2行第D列"  # the second line, as the editor counts
    assert main(["extract", str(path)]) == 0
    draft = capsys.readouterr().out
    assert 'name: "南环路改造"' in draft
    for amount in ("9.6", "2.4", "1.75", "3.2", "9000", "6120"):
        assert f"amount: {amount}," in draft
    # cells that are not all 「key：value」 with the same keys stay a plain table
    path.write_text("甲｜乙｜丙\n1｜2｜3\n", "utf-8")
    assert read_document(path).tables[0].rows == [["甲", "乙", "丙"], ["1", "2", "3"]]


def test_a_schedule_typed_as_lines_of_key_value_cells_is_a_table(tmp_path):
    text = (
        "桐山縣重點項目進度（單位：萬元）\n"
        "1.項目名稱：桐山物流港；建設單位：縣交投公司；總投資：52000；1-6月完成：8100\n"
        "2.項目名稱：西灣水廠；總投資：16800；年度計劃：6000；1-6月完成：2950；形象進度：60%\n"
        "全縣完成投資12.4億元；比上年增長8%。\n"
    )
    path = tmp_path / "schedule.txt"
    path.write_text(text, "utf-8")
    tables = [b for b in read_document(path).blocks if isinstance(b, Table)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0] == ["項目名稱", "建設單位", "總投資", "1-6月完成", "年度計劃", "形象進度"]
    assert rows[1] == ["桐山物流港", "縣交投公司", "52000", "8100", "", ""]
    assert rows[2] == ["西灣水廠", "", "16800", "2950", "6000", "60%"]

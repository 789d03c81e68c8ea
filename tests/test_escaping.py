"""Text from data is shown literally: it never becomes HTML, script, a link or Markdown markup."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator import Paths, load_bulletin
from generator.chinese import converter, foreign
from generator.layout import BASE_CONFIG
from generator.pages import escape_md, render_pages
from generator.pipeline import generate
from generator.site import build_site
from tests.conftest import TEMPLATES

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[點我](http://evil.example/)",
    "![圖](http://evil.example/x.png)",
    "<http://evil.example/>",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "a | b | c",
    "# 不是標題",
    "- 不是列表",
    "> 不是引用",
    "1. 不是編號",
    "**不是粗體** _不是斜體_ `不是代碼`",
    "&amp; &lt;b&gt;",
    "    四個空格",
    "line\nbreak\n\n# heading",
    "</title></span><script>alert(2)</script>",
]


def _mkdocs_markdown() -> markdown.Markdown:
    config = yaml.safe_load(BASE_CONFIG.read_text("utf-8"))
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        (self.scripts if self._in[-1:] == ["script"] else self.text).append(data)


def parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    return parser


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


SAFE_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "hr",
    "strong",
    # the charts the templates draw
    "figure",
    "svg",
    "title",
    "line",
    "text",
    "rect",
    "figcaption",
    "details",
    "summary",
    # the report's own sentences, marked to stay as written in the other script's tree
    "span",
}


def hostile_report(text: str) -> dict:
    """A report whose every text field holds `text`."""
    return {
        "region": "tiancheng",
        "title": text,
        "other_titles": [text],
        "issuer": text,
        "addressee": text,
        "published": "2005-04-27",
        "published_as": text,
        "period": {"start": "2005-01-01", "end": "2005-03-31", "label": text},
        "source": {"document": text, "parts": [text]},
        "summary": text,
        "figures": [
            {
                "label": text,
                "value": {"amount": 3.21, "unit": "億元"},
                "share": {"percent": 10, "of": text},
                "quote": text,
                "period": {"start": "2005-01-01", "end": "2005-03-31", "label": text},
            }
        ],
        "projects": [
            {
                "id": "hostile-project",
                "name": text,
                "aliases": [text],
                "stage": "在建",
                "sector": text,
                "amounts": [{"amount": 1, "unit": "萬元", "share": {"percent": 1, "of": text}}],
                "physical_progress": [{"label": text, "percent": 5}],
                "progress": text,
                "next_step": text,
                "quote": text,
            }
        ],
        "other_progress": [text],
        "problems": [text],
        "measures": [{"heading": text, "paragraphs": [text]}],
        "next_steps": [text],
        "notes": [text],
    }


class _Quoted(str):
    """Text written in YAML's double-quoted style, which escapes every character that other
    styles would fold or refuse (NEL, U+2028, controls): the file holds exactly the text."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Quoted,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"'),
)


def write_hostile_data(root: Path, text: str) -> None:
    shutil.rmtree(root / "data", ignore_errors=True)
    text = _Quoted(text)
    regions = {"regions": [{"id": "tiancheng", "kind": text, "name": text, "note": text}]}
    dump = {"allow_unicode": True, "sort_keys": False, "width": 10**6, "Dumper": _Dumper}
    (root / "data/reports/tiancheng").mkdir(parents=True)
    (root / "data/regions.yaml").write_text(yaml.dump(regions, **dump), "utf-8")
    body = yaml.dump(hostile_report(text), **dump)
    body = re.sub(r"'(\d{4}-\d\d-\d\d)'", r"\1", body)  # dates, not text
    (root / "data/reports/tiancheng/2005-q1.yaml").write_text(body, "utf-8")


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_md_renders_the_text_exactly(text):
    md = _mkdocs_markdown()
    for template in ("{}", "- {}", "| a | b |\n|---|---|\n| {} | x |", "## {}", "[{}](x.md)"):
        html = md.reset().convert(template.format(escape_md(text)))
        parsed = parse(html)
        assert {t for t, _ in parsed.tags} <= SAFE_TAGS, (template, html)
        assert collapse(in_page_script(text)) in collapse("".join(parsed.text)), (template, html)


def test_hostile_text_in_every_field_stays_text_in_the_built_site(project):
    text = " ".join(HOSTILE[:12] + HOSTILE[-1:])
    write_hostile_data(project, text)
    generate(Paths(project))
    site = build_site(project, None)
    pages = [
        site / "reports/tiancheng/2005-q1/index.html",
        site / "projects/hostile-project/index.html",
        site / "regions/tiancheng/index.html",
        site / "index.html",
    ]
    control = (site / "about/index.html").read_text("utf-8")  # a page without data
    for page in pages:
        text_html = page.read_text("utf-8")
        parsed = parse(text_html)
        body = collapse("".join(parsed.text))
        assert collapse(HOSTILE[0]) in body and collapse(HOSTILE[2]) in body, page
        # the search filters and title carry the text in a data-value attribute, as text;
        # no other attribute holds any of it
        attrs = [{k: v for k, v in a.items() if k != "data-value"} for _, a in parsed.tags]
        assert "evil.example" not in " ".join(str(a) for a in attrs), page
        carried = [a["data-value"] for _, a in parsed.tags if "data-value" in a]
        if page != site / "index.html":  # a page of this data, not the home page
            assert any(collapse(HOSTILE[0]) in collapse(v) for v in carried), page
        assert not any(k.startswith("on") for _, a in parsed.tags for k in a), page
        assert not any("alert" in script for script in parsed.scripts), page
        assert text_html.count("<script") == control.count("<script"), page
        title = text_html.split("<title>")[1].split("</title>")[0]
        assert "<" not in title, title


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
    ).filter(lambda s: s.strip())
)
def test_any_text_in_any_field_renders_literally(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("prop")
    write_hostile_data(root, text)
    bulletin, problems = load_bulletin(Paths(root))
    assert bulletin is not None, [p.text() for p in problems]
    pages = render_pages(bulletin, TEMPLATES)
    md = _mkdocs_markdown()
    for rel in ("reports/tiancheng/2005-q1.md", "projects/hostile-project.md"):
        body, meta = get_data(pages[rel])  # the front matter, as MkDocs reads it
        assert html.unescape(meta["title"]) == in_page_script(text)
        parsed = parse(md.reset().convert(body))
        assert {t for t, _ in parsed.tags} <= SAFE_TAGS, pages[rel]
        links = [a["href"] for t, a in parsed.tags if t == "a"]
        assert all(h.endswith((".md", ".json")) and ":" not in h for h in links), links
        assert collapse(in_page_script(text)) in collapse("".join(parsed.text))


def in_page_script(text: str) -> str:
    """Data text as a page in Traditional shows it: converted where it is in Simplified."""
    return converter("s2t").convert(text) if foreign(text, "hant") else text

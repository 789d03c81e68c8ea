"""`python -m generator verify`: each fault a county's site can have is found and named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.__main__ import main
from tests.conftest import ROOT

TEXT = ROOT / "tests" / "fixtures" / "county" / "hexi-2026-m09.txt"


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    """A small county's bulletin (init's, with one report drafted by extract), built."""
    import contextlib
    import io

    root = tmp_path_factory.mktemp("county") / "hexi"
    region = ["--region", "hexi", "--name", "河西县", "--kind", "县"]
    assert main(["init", str(root), *region]) == 0
    draft = io.StringIO()
    with contextlib.redirect_stdout(draft):
        assert main(["--root", str(root), "extract", str(TEXT), "--region", "hexi"]) == 0
    (root / "data/reports/hexi/2026-m09.yaml").write_text(draft.getvalue(), "utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(root), "build"]) == 0
    return root / "site"


@pytest.fixture
def site(county, tmp_path) -> Path:
    """A copy of the built site, to break."""
    return Path(shutil.copytree(county, tmp_path / "site"))


def verify(site: Path, capsys) -> tuple[int, list[str]]:
    code = main(["--root", str(site.parent), "verify", str(site)])
    err = capsys.readouterr().err
    return code, err.splitlines()


def test_an_untouched_site_passes(site, capsys):
    code, faults = verify(site, capsys)
    assert (code, faults) == (0, [])


def insert(page: Path, html: str) -> None:
    text = page.read_text("utf-8")
    page.write_text(text.replace("</body>", html + "</body>", 1), "utf-8")


def break_link(site: Path) -> str:
    insert(site / "regions/index.html", '<a href="../projects/no-such-project/">x</a>')
    return "site/regions/index.html: link '../projects/no-such-project/': no such page"


def missing_asset(site: Path) -> str:
    (site / "assets/bulletin.css").unlink()
    return "site/index.html: asset 'assets/bulletin.css': missing"


def foreign_script(site: Path) -> str:
    insert(site / "about/index.html", '<script src="https://cdn.example.com/a.js"></script>')
    return "site/about/index.html: loads 'https://cdn.example.com/a.js' from another host"


def foreign_font(site: Path) -> str:
    css = site / "assets/bulletin.css"
    css.write_text("@import url(//fonts.example.com/x.css);\n" + css.read_text("utf-8"))
    return "site/assets/bulletin.css: loads '//fonts.example.com/x.css' from another host"


def broken_feed(site: Path) -> str:
    feed = site / "feed.xml"
    feed.write_text(feed.read_text("utf-8")[:-40], "utf-8")
    return "site/feed.xml: not well-formed XML"


def rejected_oc4ids(site: Path) -> str:
    path = site / "data/oc4ids.json"
    package = json.loads(path.read_text("utf-8"))
    del package["projects"][0]["id"]
    path.write_text(json.dumps(package, ensure_ascii=False), "utf-8")
    return "site/data/oc4ids.json: OC4IDS 0.9.5: projects/0: 'id' is a required property"


def missing_counterpart(site: Path) -> str:
    shutil.rmtree(site / "hant/about")  # a Simplified bulletin: Traditional under hant/
    return "site/about/index.html: link '../hant/about/': no such page"


def unindexed_page(site: Path) -> str:
    (site / "about-again").mkdir()  # a page the index was not made with
    shutil.copy(site / "about/index.html", site / "about-again/index.html")
    return "site/pagefind/pagefind-entry.json: zh-hans: "


def broken_json(site: Path) -> str:
    (site / "data/bulletin.json").write_text('{"reports": [', "utf-8")
    return "site/data/bulletin.json: not valid JSON"


@pytest.mark.parametrize(
    "damage",
    [
        break_link,
        missing_asset,
        foreign_script,
        foreign_font,
        broken_feed,
        rejected_oc4ids,
        missing_counterpart,
        unindexed_page,
        broken_json,
    ],
)
def test_each_fault_is_named_and_fails(site, capsys, damage):
    expected = damage(site)
    code, faults = verify(site, capsys)
    assert code == 1
    assert any(f.startswith(expected) for f in faults), faults
    assert not any("Traceback" in f for f in faults)


def test_a_folder_that_is_no_site_is_one_line(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    code, faults = verify(tmp_path / "site", capsys)
    assert code == 1
    assert faults == ["site/index.html: missing; expected a built site (make site)"]


def stale_copy(site: Path) -> str:
    from generator.precompress import precompress

    precompress(site)
    about = site / "about/index.html"
    about.write_text(about.read_text("utf-8") + "<!-- changed -->", "utf-8")
    return "site/about/index.html.gz: not a copy of index.html"


def test_a_compressed_copy_that_is_not_its_files_is_a_fault(site, capsys):
    expected = stale_copy(site)
    code, faults = verify(site, capsys)
    assert code == 1 and any(f.startswith(expected) for f in faults), faults


def test_precompressed_copies_are_byte_identical_from_run_to_run(site, capsys):
    import gzip

    import brotli

    from generator.precompress import precompress

    assert precompress(site) > 30
    first = {p: p.read_bytes() for p in site.rglob("*") if p.suffix in (".gz", ".br")}
    assert precompress(site) == len(first)
    assert {p: p.read_bytes() for p in first} == first
    page = site / "reports/hexi/2026-m09/index.html"
    assert gzip.decompress(first[page.with_name("index.html.gz")]) == page.read_bytes()
    assert brotli.decompress(first[page.with_name("index.html.br")]) == page.read_bytes()
    # Pagefind's pieces are compressed already: no copy that would not be smaller
    assert not list(site.glob("pagefind/fragment/*.pf_fragment.gz"))
    assert verify(site, capsys) == (0, [])

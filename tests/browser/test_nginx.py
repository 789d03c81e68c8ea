"""The site as a county's portal serves it: Debian's nginx, started here on 127.0.0.1 with the
block `python -m generator nginx` prints, the bulletin as the column /tzgb/ of the portal."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.test_search import search
from tests.conftest import ROOT, copy_seed

pytestmark = pytest.mark.site
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
PAGES = [
    "",
    "regions/tiancheng/",
    "reports/tiancheng/2005-q1/",
    "projects/xunjiansi-power-expansion/",
    "hans/",
    "hans/regions/tiancheng/",
    "hans/reports/tiancheng/2005-q1/",
    "hans/projects/xunjiansi-power-expansion/",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def column(tmp_path_factory) -> str:
    if not Path(NGINX).exists():
        pytest.fail("Debian's nginx is missing: apt-get install -y nginx-light")
    work = tmp_path_factory.mktemp("portal")
    root = copy_seed(work / "bulletin")
    with (root / "bulletin.yml").open("a", encoding="utf-8") as settings:
        settings.write("site_url: https://www.example.gov.cn/tzgb/\nprecompress: true\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    tool = [sys.executable, "-m", "generator", "--root", str(root)]
    subprocess.run([*tool, "build"], check=True, capture_output=True, env=env)
    block = subprocess.run(
        [*tool, "nginx", "--prefix", "/tzgb/", "--root", str(root / "site"), "--brotli"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    port = free_port()
    temp = "\n".join(
        f"    {kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = work / "nginx.conf"
    config.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"load_module {BROTLI};\n"
        + f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        + "http {\n    access_log off;\n"
        + temp
        + f"\n    server {{\n        listen 127.0.0.1:{port};\n"
        + "        location / { return 404; }  # the portal's own pages\n"
        + block
        + "    }\n}\n",
        "utf-8",
    )
    server = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/tzgb/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                pytest.fail(f"nginx did not start: {server.stderr.read()}")
            time.sleep(0.1)
    column.site = root / "site"  # type: ignore[attr-defined]  # what the tests read beside
    yield url
    server.terminate()
    server.wait(timeout=10)
    server.stderr.close()


def column_site() -> Path:
    return column.site  # type: ignore[attr-defined]


def get(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def asset(column: str, folder: str, suffix: str) -> str:
    status, _, body = get(column)
    html = body.decode("utf-8")
    start = html.index(f"assets/{folder}/")
    return column + html[start : html.index('"', start)]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_pages_styles_and_scripts_are_sent_compressed(column, encoding):
    for url in (
        column,
        column + "reports/tiancheng/2005-q1/",
        asset(column, "stylesheets", ".css"),
        asset(column, "javascripts", ".js"),
    ):
        status, headers, _ = get(url, encoding)
        assert status == 200 and headers.get("Content-Encoding") == encoding, (url, headers)


def test_each_answer_has_its_type_cache_and_security_headers(column):
    status, headers, _ = get(column)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=300"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] and headers["X-Frame-Options"] == "SAMEORIGIN"
    status, headers, _ = get(asset(column, "stylesheets", ".css"))
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    assert headers["Content-Security-Policy"] == policy  # said in the inner block too
    status, headers, _ = get(column + "pagefind/pagefind-entry.json")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=300"
    assert headers["Content-Type"].startswith("application/json")
    status, headers, _ = get(column + "data/projects.csv")
    assert headers["Content-Type"] == "text/csv; charset=utf-8"


def test_pagefinds_pieces_are_bytes_kept_a_year(column):
    site = column_site()
    for piece in ("fragment/*.pf_fragment", "index/*.pf_index", "*.pf_meta"):
        rel = next(site.glob(f"pagefind/{piece}")).relative_to(site).as_posix()
        status, headers, body = get(column + rel, "gzip, br")
        assert status == 200 and headers["Content-Type"] == "application/octet-stream", rel
        assert body == (site / rel).read_bytes()  # as Pagefind wrote it (compressed already)
        hashed = not rel.endswith(".pf_meta")
        assert ("immutable" in headers["Cache-Control"]) == hashed, (rel, headers)


def test_a_missing_page_gets_the_sites_404_page_whose_assets_load(column):
    status, headers, body = get(column + "projects/no-such-project/")
    assert status == 404
    html = body.decode("utf-8")
    assert "404" in html and "固定資產投資公報" in html
    start = html.index('href="/tzgb/assets/') + len('href="')
    host = "http://" + column.split("/")[2]
    status, _, _ = get(host + html[start : html.index('"', start)])
    assert status == 200


def test_the_pages_of_both_trees_load_with_no_error_and_no_policy_violation(browser, column):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: r.url.startswith(column) or problems.append(r.url))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    for path in PAGES:
        response = page.goto(column + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1, path
    assert problems == []
    for tree, query in (("", "電廠"), ("hans/", "电厂")):
        results = search(page, column.rstrip("/"), query, "/" + tree.rstrip("/") + "/")
        assert results and results[0][0].startswith(f"/tzgb/{tree}projects/"), results
    assert problems == []
    context.close()

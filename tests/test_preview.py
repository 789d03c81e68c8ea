"""The live preview: a saved change shows on the page, once; reading files changes nothing,
and an idle preview uses no CPU. Run as an editor runs it, `python -m generator serve`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEMPLATES

pytestmark = pytest.mark.site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.fixture
def preview(project):
    # the bulletin has its own copy of the tool's message catalogue (an override)
    (project / "templates").mkdir()
    shutil.copy(TEMPLATES / "messages.yaml", project / "templates" / "messages.yaml")
    port = free_port()
    log = project / "preview.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--root",
                str(project),
                "serve",
                "--addr",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/reports/tiancheng/2005-q1/"
    try:
        assert wait_for(lambda: "41162" in fetch(url), 120) is not None, log.read_text()
        yield project, process, url, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_a_saved_change_shows_once_and_an_idle_preview_rests(preview):
    project, process, url, log = preview
    report = project / "data/reports/tiancheng/2005-q1.yaml"
    generations = log.read_text().count("content/:")
    report.write_text(report.read_text("utf-8").replace("amount: 41162", "amount: 41163"), "utf-8")
    assert wait_for(lambda: "41163" in fetch(url), 60) is not None, log.read_text()
    time.sleep(1)
    assert log.read_text().count("content/:") == generations + 1  # one save, one generation
    # pages changed in place are built alone, not the whole site
    assert "file(s) built in" in log.read_text().split("content/:")[-1], log.read_text()
    # reading every data and template file is no change
    for path in (project / "data").rglob("*.yaml"):
        path.read_bytes()
    for path in (project / "templates").rglob("*"):
        if path.is_file():
            path.read_bytes()
    before = cpu_ticks(process.pid)
    time.sleep(3)
    assert cpu_ticks(process.pid) - before <= 5  # at most a few ticks in 3 s: idle
    assert log.read_text().count("content/:") == generations + 1


def test_a_data_error_keeps_the_last_good_page(preview):
    project, _, url, log = preview
    report = project / "data/reports/tiancheng/2005-q1.yaml"
    report.write_text(report.read_text("utf-8").replace("amount: 41162", "amount: 四萬"), "utf-8")
    assert wait_for(lambda: "is not a number" in log.read_text(), 30) is not None
    assert "41162" in fetch(url)


def test_a_new_report_and_a_new_word_show_too(preview):
    """A file new to the site builds it whole; a change of the site's words (a template
    file) shows on every page."""
    project, _, url, log = preview
    source = project / "data/reports/unnamed-district/2023-08.yaml"
    text = (
        source.read_text("utf-8").replace("2023-08-31", "2023-09-30").replace("2023-08", "2023-09")
    )
    source.with_name("2023-09.yaml").write_text(text, "utf-8")
    new = url.replace("tiancheng/2005-q1", "unnamed-district/2023-09")
    assert wait_for(lambda: "2023-09-30" in fetch(new), 60) is not None, log.read_text()
    messages = project / "templates/messages.yaml"
    messages.write_text(
        messages.read_text("utf-8").replace("  hant: 主要數字\n", "  hant: 主要數字一覽\n"), "utf-8"
    )
    assert wait_for(lambda: "主要數字一覽" in fetch(url), 60) is not None, log.read_text()


def test_an_error_across_files_puts_the_first_pages_back(preview):
    """A saved report whose own checks pass has its pages written first; an error that only
    the checks across files find (a part of a project no file names) puts them back, so the
    page shows the last good figures again."""
    project, _, url, log = preview
    report = project / "data/reports/tiancheng/2005-q1.yaml"
    text = report.read_text("utf-8").replace("amount: 41162", "amount: 41163")
    text = text.replace("  - id: qinglai-road\n", "  - id: qinglai-road\n    part_of: no-such\n")
    report.write_text(text, "utf-8")
    assert wait_for(lambda: "no project has the id" in log.read_text(), 60), log.read_text()
    assert "first: 3 page(s)" in log.read_text()  # report, region, project: then put back
    assert wait_for(lambda: "41162" in fetch(url), 30) is not None, log.read_text()
    assert "41163" not in fetch(url)
    assert "41163" not in (project / "content/reports/tiancheng/2005-q1.md").read_text("utf-8")

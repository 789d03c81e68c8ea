"""The corpus of bad files: each case produces exactly its expected error text.

A case is `tests/fixtures/bad/<name>.yaml` (placed as data/reports/tiancheng/2005-q2.yaml
beside a valid report) or a folder `tests/fixtures/bad/<name>/` laid over a valid data/.
`<name>.expected` holds what `python -m generator check` prints in English, `<name>.hans.expected`
and `<name>.hant.expected` in Simplified and Traditional. Refresh with
`make golden` after an intended change of wording, and review the diff.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.__main__ import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
BAD = FIXTURES / "bad"
CASES = sorted(
    {p.name.removesuffix(".yaml") for p in BAD.iterdir() if p.suffix == ".yaml" or p.is_dir()}
)
WARNING_ONLY = {"dated_before_period_end", "cumulative_falls"}


def lay_out(case: str, root: Path) -> Path:
    shutil.copytree(FIXTURES / "base", root / "data")
    source = BAD / case
    if source.is_dir():
        shutil.copytree(source, root / "data", dirs_exist_ok=True)
    else:
        target = root / "data" / "reports" / "tiancheng" / "2005-q2.yaml"
        shutil.copy(BAD / f"{case}.yaml", target)
    return root


def run_check(root: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["--root", str(root), "check", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_every_case_has_its_expected_text():
    missing = [c for c in CASES if not (BAD / f"{c}.expected").exists()]
    assert missing == []
    assert WARNING_ONLY <= set(CASES)  # the list names only cases that are there
    assert len(CASES) >= 30


EDITOR_LOCALE = {"en": "en_US.UTF-8", "hans": "zh_CN.UTF-8", "hant": "zh_TW.UTF-8"}


@pytest.mark.parametrize("language", ["en", "hans", "hant"])
@pytest.mark.parametrize("case", CASES)
def test_bad_case(case, language, tmp_path, capsys, monkeypatch, update_golden):
    """Each case's problems, in English (`<name>.expected`) and in Simplified and Traditional
    (`<name>.<language>.expected`), in the same shape: file:line:col: field: what is wrong;
    what is expected."""
    monkeypatch.setenv("LANGUAGE", EDITOR_LOCALE[language])
    root = lay_out(case, tmp_path)
    code, output = run_check(root, capsys)
    suffix = "" if language == "en" else f".{language}"
    expected_path = BAD / f"{case}{suffix}.expected"
    if update_golden:
        expected_path.write_text(output, "utf-8")
    assert output == expected_path.read_text("utf-8")
    assert code == (0 if case in WARNING_ONLY else 1)
    english = (BAD / f"{case}.expected").read_text("utf-8").splitlines()
    for line, theirs in zip(output.splitlines()[:-1], english[:-1], strict=True):
        assert line.split(" ", 1)[0] == theirs.split(" ", 1)[0]  # file:line:col: the same
    if case not in WARNING_ONLY and language == "en":  # and nothing reaches content/, site/
        assert main(["--root", str(root), "build"]) == 1
        capsys.readouterr()
        assert not (root / "site").exists() and not (root / "content").exists()


def test_the_language_follows_the_bulletin_unless_the_locale_says_otherwise(
    tmp_path, capsys, monkeypatch
):
    root = lay_out("missing_field", tmp_path)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a CI runner's: says nothing
    assert "缺少必填的字段；请补上" in run_check(root, capsys)[1]  # no settings: Simplified
    (root / "bulletin.yml").write_text("site_name: 天城縣\nscript: hant\n", "utf-8")
    assert "缺少必填的字段；請補上" in run_check(root, capsys)[1]  # a Traditional bulletin
    (root / "bulletin.yml").write_text("site_name: 天城縣\neditor_language: en\n", "utf-8")
    assert "required field is missing; add it" in run_check(root, capsys)[1]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the editor's own machine
    assert "缺少必填的字段；请补上" in run_check(root, capsys)[1]
    monkeypatch.setenv("LANGUAGE", "en_US")  # a developer, a log
    assert "required field is missing; add it" in run_check(root, capsys)[1]


def test_warnings_fail_with_strict(tmp_path, capsys):
    root = lay_out("dated_before_period_end", tmp_path)
    assert run_check(root, capsys)[0] == 0
    assert run_check(root, capsys, "--strict")[0] == 1


def test_a_file_over_the_size_limit_is_refused_quickly(tmp_path, capsys):
    root = lay_out("empty", tmp_path)
    big = root / "data" / "reports" / "tiancheng" / "2005-q2.yaml"
    big.write_text("problems:\n" + "  - 投融資渠道仍然單一\n" * 60_000, "utf-8")
    size = big.stat().st_size
    code, output = run_check(root, capsys)  # how fast: `make fuzz` prints the slowest input
    assert code == 1
    assert (
        f"data/reports/tiancheng/2005-q2.yaml:1:1: file is {size:,} bytes; the limit is "
        "1,000,000 bytes"
    ) in output


def test_all_errors_of_a_run_are_reported_together_in_file_order(tmp_path, capsys):
    root = lay_out("unknown_key", tmp_path)
    shutil.copy(BAD / "negative_amount.yaml", root / "data/reports/tiancheng/2005-q3.yaml")
    code, output = run_check(root, capsys)
    lines = output.splitlines()
    assert code == 1
    assert [ln.split(":")[0] for ln in lines[:-1]] == sorted(ln.split(":")[0] for ln in lines[:-1])
    assert any("2005-q2.yaml" in ln for ln in lines) and any("2005-q3.yaml" in ln for ln in lines)
    assert lines[-1] == "3 errors, 0 warnings"


def test_github_format_annotates_the_lines(tmp_path, capsys):
    root = lay_out("negative_amount", tmp_path)
    code, output = run_check(root, capsys, "--format", "github")
    assert code == 1
    assert output.splitlines()[0] == (
        "::error file=data/reports/tiancheng/2005-q2.yaml,line=8,col=21::"
        "figures[0].value.amount: -6.5 is negative; expected a number >= 0"
    )


def test_check_is_a_command(tmp_path):
    root = lay_out("negative_amount", tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "2005-q2.yaml:8:21: figures[0].value.amount: -6.5 is negative" in result.stderr

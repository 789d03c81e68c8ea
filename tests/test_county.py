"""A county's own bulletin, apart from the tool: `init`, its first build, its overrides, and
the whole path from the tool's wheel to a county's fresh clone passing its own `make test`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.__main__ import main
from generator.layout import TOOL_TEMPLATES, TOOL_THEME
from tests.conftest import ROOT, copy_seed
from tests.test_cli_errors import run
from tests.test_scripts import HAN, only_in, visible

TEXT = ROOT / "tests" / "fixtures" / "county" / "hexi-2026-m09.txt"  # written for these tests
SEED_WORDS = ("天城", "巡檢司", "tiancheng", "unnamed-district", "雷打灘")


def init(folder: Path, *extra: str) -> int:
    return main(
        ["init", str(folder), "--region", "hexi", "--name", "河西县", "--kind", "县", *extra]
    )


def test_init_writes_a_bulletin_of_its_own_and_nothing_of_the_seed(tmp_path, capsys):
    folder = tmp_path / "hexi"
    assert init(folder) == 0
    files = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts[:1]
    )
    assert files == [
        ".github/workflows/publish.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        "Makefile",
        "README.md",
        "bulletin.yml",
        "content/.gitkeep",
        "data/regions.yaml",
        "data/reports/hexi/.gitkeep",
        "requirements.lock",
        "schemas/regions.schema.json",
        "schemas/report.schema.json",
        "schemas/settings.schema.json",
        "tool.txt",
    ]
    settings = yaml.safe_load((folder / "bulletin.yml").read_text("utf-8"))
    assert settings == {
        "site_name": "河西县固定资产投资公报",
        "publisher": "河西县发展和改革局",
        "script": "hans",
    }
    regions = yaml.safe_load((folder / "data/regions.yaml").read_text("utf-8"))
    assert regions == {"regions": [{"id": "hexi", "name": "河西县", "kind": "县"}]}
    assert "county-investment-bulletin==" in (folder / "tool.txt").read_text("utf-8")
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix != ".lock":
            text = path.read_text("utf-8")
            assert not [w for w in SEED_WORDS if w in text], path
    readme = (folder / "README.md").read_text("utf-8")
    assert "make site" in readme and "make test" in readme and "河西县" in readme
    assert (folder / ".git").is_dir()  # its own repository


def test_a_traditional_bulletin_is_written_in_traditional(tmp_path):
    folder = tmp_path / "hexi"
    assert init(folder, "--script", "hant") == 0
    settings = yaml.safe_load((folder / "bulletin.yml").read_text("utf-8"))
    assert settings["site_name"] == "河西县固定資產投資公報"  # the name as given
    readme = visible((folder / "README.md").read_text("utf-8"))
    assert "倉庫" in readme and not [c for c in readme if HAN.match(c) and only_in(c, "hans")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--region", "He Xi"], "--region 'He Xi': "),
        (["--region", "../hexi"], "--region '../hexi': "),
        (["--region", "/tmp/x"], "--region '/tmp/x': "),
        (["--name", ""], "--name '': "),
        (["--script", "latin"], "--script 'latin': expected hans (Simplified) or hant"),
    ],
)
def test_a_bad_argument_is_one_line_and_nothing_is_written(tmp_path, capsys, args, message):
    given = {"--region": "hexi", "--name": "河西县", "--kind": "县"}
    for key, value in zip(args[::2], args[1::2], strict=True):
        given[key] = value
    argv = ["init", str(tmp_path / "new")] + [x for kv in given.items() for x in kv]
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err, err
    assert list(tmp_path.iterdir()) == []  # no folder, no half-written copy beside it


def test_a_folder_that_is_not_empty_is_refused(tmp_path, capsys):
    (tmp_path / "hexi").mkdir()
    (tmp_path / "hexi" / "notes.txt").write_text("mine", "utf-8")
    assert init(tmp_path / "hexi") != 0
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "hexi").iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hexi"]


def test_a_new_bulletin_builds_empty_and_says_how_to_add_a_report(tmp_path):
    folder = tmp_path / "hexi"
    assert init(folder) == 0
    built = run("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "no reports yet" in built.stdout and "extract" in built.stdout
    assert "new report --region hexi" in built.stdout
    home = visible((folder / "site/index.html").read_text("utf-8"))
    assert "河西县固定资产投资公报" in home and "尚无报告" in home
    checked = run("verify", cwd=folder)
    assert checked.returncode == 0, checked.stderr


def bulletin_with(tmp_path: Path, files: dict[str, str]) -> Path:
    root = copy_seed(tmp_path / "bulletin")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def test_an_override_of_a_theme_partial_and_a_template_shows_on_the_pages(tmp_path):
    header = (TOOL_THEME / "partials/header.html").read_text("utf-8")
    about = (TOOL_TEMPLATES / "about.md.j2").read_text("utf-8")
    root = bulletin_with(
        tmp_path,
        {
            # one of Material's own partials, and one the tool itself overrides
            "site_overrides/partials/copyright.html": "<p>河西縣發改局 版權所有</p>\n",
            "site_overrides/partials/header.html": header.replace(
                "</header>", '<p class="county-mark">縣標</p></header>', 1
            ),
            "templates/about.md.j2": about + "\n本縣的閱讀說明。\n",
        },
    )
    built = run("build", cwd=root)
    assert built.returncode == 0, built.stderr
    for page in ("index.html", "projects/index.html", "hans/index.html"):
        html = (root / "site" / page).read_text("utf-8")
        assert "版權所有" in html or "版权所有" in html, page
        assert 'class="county-mark"' in html, page
    assert "本縣的閱讀說明" in (root / "site/about/index.html").read_text("utf-8")
    assert "本县的阅读说明" in (root / "site/hans/about/index.html").read_text("utf-8")
    # the tool's own files are untouched by a bulletin's overrides
    assert 'class="county-mark"' not in (TOOL_THEME / "partials/header.html").read_text("utf-8")


@pytest.mark.parametrize(
    "text, where",
    [
        ("# {{ title }}\n\n{{ old_entry.title }}\n", ":3: template: 'old_entry' is undefined"),
        ("# {{ title }}\n{% for x in %}\n", ":2: template: "),
        ("# {{ title }}\n{{ report.figures[0].old_field.amount }}\n", ":2: template: "),
    ],
)
def test_an_override_the_tool_no_longer_supports_is_one_clear_line(tmp_path, text, where):
    root = bulletin_with(tmp_path, {"templates/report.md.j2": text})
    built = run("build", cwd=root)
    assert built.returncode == 1
    lines = built.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in built.stderr, built.stderr
    line = lines[0]
    assert line.startswith(f"{root / 'templates/report.md.j2'}{where}"), line
    assert "bulletin's own copy of the tool's report.md.j2" in line
    assert "CHANGELOG.md" in line
    assert not (root / "site").exists()  # nothing published


def no_traditional(site: Path) -> dict[str, str]:
    out = {}
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] in ("hant", "pagefind"):
            continue
        text = visible(page.read_text("utf-8"), keep_quotes=True)
        bad = sorted({c for c in text if HAN.match(c) and only_in(c, "hant")})
        if bad:
            out[page.relative_to(site).as_posix()] = "".join(bad)
    return out


@pytest.mark.site
def test_from_the_wheel_to_a_county_clone_that_passes_its_own_make_test(tmp_path):
    """`make dist`'s wheel in a fresh virtual environment, with no checkout on the path:
    `init` makes a bulletin, `extract` drafts its first report from a Simplified text, and a
    fresh clone of the bulletin's repository passes its README's two commands."""
    source = tmp_path / "tool"  # the tool's files as committed, built into a wheel
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for rel in tracked:
        if (ROOT / rel).is_file() and not rel.startswith(("data/", "tests/")):
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, source / rel)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    pip = ["-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [sys.executable, *pip, "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), "."],
        cwd=source,
        env=env,
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("county_investment_bulletin-*.whl")
    work = tmp_path / "county"  # outside this repository, with nothing of it on the path
    work.mkdir()
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    lock = source / "generator" / "requirements.lock"
    for args in (["--require-hashes", "-r", str(lock)], [str(wheel)]):
        subprocess.run(
            [py, *pip, "install", "-q", "--no-deps", "--no-compile", *args],
            cwd=work,
            env=env,
            check=True,
            capture_output=True,
        )
    where = subprocess.run(
        [py, "-c", "import generator; print(generator.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(venv)), where.stdout
    tool = [py, "-m", "generator"]
    made = subprocess.run(
        [*tool, "init", "hexi", "--region", "hexi", "--name", "河西县", "--kind", "县"]
        + ["--tool", str(wheel)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    bulletin = work / "hexi"
    draft = subprocess.run(
        [*tool, "extract", str(TEXT), "--region", "hexi"],
        cwd=bulletin,
        env=env,
        capture_output=True,
        text=True,
    )
    assert draft.returncode == 0, draft.stderr
    (bulletin / "data/reports/hexi/2026-m09.yaml").write_text(draft.stdout, "utf-8")
    git = ["git", "-c", "user.name=编辑", "-c", "user.email=editor@example.org"]
    subprocess.run([*git, "add", "-A"], cwd=bulletin, check=True)
    subprocess.run([*git, "commit", "-qm", "第一期报告"], cwd=bulletin, check=True)
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(bulletin), str(clone)], check=True)
    readme = (clone / "README.md").read_text("utf-8")
    for command in re.findall(r"^(make \w+)", readme, re.M)[:2]:  # the README's two commands
        done = subprocess.run(
            command.split(), cwd=clone, env=env, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, f"{command}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert "verify: 0 fault(s)" in done.stdout
    site = clone / "site"
    report = (site / "reports/hexi/2026-m09/index.html").read_text("utf-8")
    assert "48.6亿元" in report and "河西县城东污水处理厂扩建工程" in report
    assert no_traditional(site) == {}
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert not [w for w in SEED_WORDS if w in text], page
    # the GitLab pipeline's publish job, its script as the runner's shell runs it: without
    # publish_to it publishes nothing and passes; with it, the site is at the county's folder
    job = yaml.safe_load((clone / ".gitlab-ci.yml").read_text("utf-8"))["publish"]
    script = "set -e\n" + "\n".join(job["script"])
    ran = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True)
    assert ran.returncode == 0 and "nothing is published" in ran.stdout, ran.stderr
    served = tmp_path / "srv" / "tzgb"
    with (clone / "bulletin.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"publish_to: {served}\n")
    ran = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    published = sorted(p.relative_to(served) for p in served.rglob("*") if p.is_file())
    assert published == sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    # the editor's messages come with the wheel: a mistake is told in the bulletin's script
    report = clone / "data/reports/hexi/2026-m09.yaml"
    report.write_text(report.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    told = subprocess.run(
        [str(clone / ".venv/bin/python"), "-m", "generator", "check"],
        cwd=clone,
        env={k: v for k, v in env.items() if k not in ("LANGUAGE", "LC_ALL", "LANG")},
        capture_output=True,
        text=True,
    )
    assert told.returncode == 1
    assert "titel: 未知的键 'titel'（您是不是要写 'title'？）" in told.stderr, told.stderr

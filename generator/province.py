"""A province on one site: shards built on their own, under one origin.

Each shard is one county's (or prefecture's) bulletin: the same project layout with its own
`data/`, built by its own CI job (`.github/workflows/province.yml`, a matrix job per shard).
The province job then puts every shard's `site/` under its own prefix, merges the shards' open
data into `data/province.json` and writes the province's front page, whose search box queries
every shard's Pagefind index at once (Pagefind's `mergeIndex`: each shard's index pieces are
loaded only when a query needs them).

    python -m generator province --split ROOT --out DIR     # shards of ROOT's data, one per region
    python -m generator province --build DIR/shards/NAME     # build one shard (a matrix job)
    python -m generator province --assemble DIR SITE...      # the province from built shards

`make province` runs the three on this repository's data (two regions: two shards) into
`.province/site/`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from .chinese import script_of
from .errors import BulletinError, DataErrors
from .i18n import _, tr
from .layout import OWN_TEMPLATES, OWN_THEME, SETTINGS, template_dirs
from .messages import load, localize, m
from .opendata import json_text
from .pages import escape_md
from .pipeline import Paths, load_bulletin
from .scripts import SCRIPTS, search_tables
from .settings import site_config

# what every shard of a bulletin shares with it: its settings and its own overrides
SHARED = (SETTINGS, OWN_TEMPLATES, OWN_THEME)


def split(root: Path, out: Path) -> list[Path]:
    """One shard per region of ROOT's data: its region, its reports, the shared files.

    The data is loaded and checked first, so every shard's folder is named by a checked
    region id (a slug: no path can be made of it) and nothing is written for data with
    errors."""
    bulletin, problems = load_bulletin(Paths(root))
    if bulletin is None:
        raise DataErrors(problems)
    shards = []
    base = (out / "shards").resolve()
    for region in bulletin.regions:
        shard = base / region.id
        if shard.parent != base:  # a slug cannot do this; a path built from data never may
            raise BulletinError(tr("region id {id!r}: not a folder name", id=region.id))
        shutil.rmtree(shard, ignore_errors=True)
        (shard / "data" / "reports").mkdir(parents=True)
        record = region.model_dump(exclude_none=True)
        (shard / "data" / "regions.yaml").write_text(
            yaml.safe_dump({"regions": [record]}, allow_unicode=True, sort_keys=False), "utf-8"
        )
        reports = root / "data" / "reports" / region.id
        if reports.is_dir():
            shutil.copytree(reports, shard / "data" / "reports" / region.id)
        for name in SHARED:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, shard / name)
            elif source.is_file():
                shutil.copy(source, shard / name)
        shards.append(shard)
    return shards


def shard_ids(root: Path) -> list[str]:
    """The shards `split` makes of ROOT: its checked region ids (the workflow's matrix)."""
    bulletin, problems = load_bulletin(Paths(root))
    if bulletin is None:
        raise DataErrors(problems)
    return [region.id for region in bulletin.regions]


def build(shard: Path) -> Path:
    """A shard's site, as its own CI job builds it: a county's bulletin that pins its own
    tool (`tool.txt`, as `init` writes it) is built by its own `make site`, with that tool;
    a shard split from one bulletin, with this one."""
    if not (shard / SETTINGS).is_file():
        raise BulletinError(
            tr("{shard}: not a bulletin ({settings} is missing)", shard=shard, settings=SETTINGS)
        )
    if (shard / "tool.txt").is_file() and (shard / "Makefile").is_file():
        command = ["make", "-C", str(shard), "site"]
    else:
        command = [sys.executable, "-m", "generator", "--root", str(shard), "build"]
    try:
        done = subprocess.run(command)
    except OSError as exc:
        raise BulletinError(
            tr(
                "{shard}: cannot run {command} ({why})",
                shard=shard,
                command=command[0],
                why=exc.strerror,
            )
        ) from None
    if done.returncode != 0:
        raise BulletinError(tr("{shard}: its build failed (its messages are above)", shard=shard))
    return shard / "site"


def assemble(out: Path, sites: dict[str, Path], root: Path) -> Path:
    """The province at `out`: each shard's site under its name, the merged open data, and the
    front page with one search box over every shard's index."""
    if not sites:
        raise BulletinError(_("province: no shard sites given"))
    for site in sites.values():
        if not (site / "data" / "bulletin.json").is_file():
            raise BulletinError(
                tr("{site}: not a built bulletin (no data/bulletin.json)", site=site)
            )
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    merged = {"note": "", "shards": []}
    rows = []
    for name, site in sorted(sites.items()):
        shutil.copytree(site, out / name)
        bulletin = json.loads((site / "data" / "bulletin.json").read_text("utf-8"))
        merged["note"] = bulletin.get("note", "")
        merged["shards"].append({"shard": name, "path": f"{name}/", **bulletin})
        latest: dict[str, dict] = {}  # reports are newest first: each region's first
        for r in bulletin["reports"]:
            latest.setdefault(r["region"], r)
        projects = Counter(p.get("region") for p in bulletin["projects"])
        for region in bulletin["regions"]:
            rows.append((name, region, latest.get(region["id"]), projects[region["id"]]))
    (out / "data").mkdir()
    # as the shards' bulletin.json: a record a line
    (out / "data" / "province.json").write_text(json_text(merged, depth=4), "utf-8")
    texts = [r["title"] for s in merged["shards"] for r in s["reports"]]
    texts += [p["name"] for s in merged["shards"] for p in s["projects"]]
    _front_page(out, rows, sorted(sites), root, script_of(texts))
    return out


def _front_page(out: Path, rows: list, names: list[str], root: Path, script: str) -> None:
    """The province's own page, in the script of most of the shards' data, built with their
    theme: the regions with their latest report, and the search box over all of them."""
    messages = load(template_dirs(root))
    lang = SCRIPTS[script].lang
    lines = [
        f"# {m('provinceTitle')}",
        "",
        f"| {m('region')} | {m('latestReport')} | {m('period')} | {m('item')} |",
        "|---|---|---|---|",
    ]
    for name, region, latest, projects in rows:
        home = f"{name}/regions/{region['id']}/"
        report = f"[{escape_md(latest['title'])}]({name}/{latest['page']})" if latest else "—"
        period = escape_md(latest["period"]["label"]) if latest else "—"
        lines.append(
            f"| [{escape_md(region['display_name'])}]({home}) | {report} | {period} | {projects} |"
        )
    lines += ["", f"[{m('provinceData')}](data/province.json)", ""]
    text = localize("\n".join(lines), script, messages)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        (docs / "index.md").write_text(text, "utf-8")
        config = Path(tmp) / "province.yml"
        settings = site_config(root)
        settings.update(
            docs_dir=str(docs),
            nav=[{messages.text("provinceTitle", script): "index.md"}],
            hooks=[],
        )
        settings["theme"]["language"] = lang
        settings.setdefault("extra", {})["script"] = {
            "lang": lang,
            # the search box: the first shard's index, merged with the others'
            "to_site_root": f"{names[0]}/",
            "merge": [f"{n}/pagefind/" for n in names[1:]],
        }
        config.write_text(json.dumps(settings, ensure_ascii=False), "utf-8")
        built = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(built)],
            check=True,
            cwd=root,
        )
        for path in built.iterdir():
            target = out / path.name
            if target.exists():
                continue  # a shard's folder of the same name: never replaced
            (shutil.copytree if path.is_dir() else shutil.copy)(path, target)
    (out / "search").mkdir(exist_ok=True)
    for rel, text in search_tables().items():
        (out / rel).write_text(text, "utf-8")

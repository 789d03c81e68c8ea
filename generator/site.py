"""Building the static site with MkDocs and its search index with Pagefind, atomically."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import BulletinError


def build_env(latest: dt.date | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if latest is not None:  # sitemap dates follow the data, so the same data gives the same site
        env["SOURCE_DATE_EPOCH"] = str(calendar.timegm(latest.timetuple()))
    return env


def primary_script(root: Path) -> str:
    """The script the bulletin is published in: mkdocs.yml's `extra.bulletin.script`, or the
    one most of the data is written in."""
    from .scripts import script_of
    from .settings import read_settings

    chosen = read_settings(root).script
    if chosen != "auto":
        return chosen
    return script_of(
        p.read_text("utf-8", errors="replace")
        for p in sorted((root / "data" / "reports").glob("*/*.y*ml"))
    )


def index_site(site: Path) -> None:
    """The search index of every tree, one language each (zh-Hant, zh-Hans: each page's
    <html lang>), made by Pagefind from the built pages into site/pagefind/."""
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build_site(
    root: Path, latest: dt.date | None = None, script: str | None = None, *, strict: bool = True
) -> Path:
    """Build every script's tree with MkDocs into a temporary folder (the primary script, in
    content/, at its root; the other, written by the generator under .cache/, under its
    prefix); replace site/ only when all succeed."""
    from .messages import load
    from .pipeline import both_scripts, other_tree
    from .scripts import SCRIPTS, other, tree_config
    from .settings import read_settings

    primary = script or primary_script(root)
    messages = load(root / "templates")
    scripts = [primary] + ([other(primary)] if both_scripts(read_settings(root)) else [])
    site = root / "site"
    tmp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=root))
    try:
        for script in scripts:
            docs = root / "content" if script == primary else other_tree(root, primary)
            if not docs.is_dir():
                raise BulletinError(f"{docs}: not generated; run `python -m generator build`")
            config = tree_config(root, script, primary, docs.relative_to(root), messages)
            dest = tmp if script == primary else tmp / SCRIPTS[script].prefix
            cmd = [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--clean",
                "-f",
                config.name,
                "-d",
                str(dest),
            ]
            if strict:
                cmd.insert(4, "--strict")
            subprocess.run(cmd, cwd=root, env=build_env(latest), check=True)
        index_site(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = root / ".site-old"
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    tmp.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return site

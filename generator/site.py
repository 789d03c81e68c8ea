"""Building the static site with MkDocs: atomically, and with the Chinese search dictionary."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .errors import BulletinError

JIEBA_DICT = Path(".cache/jieba/dict.txt")  # mkdocs.yml names these relative to the root
PLACES = Path("search/places.txt")  # short place names, one per line, in the data's script
USER_DICT = Path(".cache/jieba/user.txt")


def ensure_jieba_dict(root: Path) -> Path:
    """jieba's Simplified dictionary plus the OpenCC Traditional form of every entry.

    This is the recipe of jieba's dict.txt.big, made from the pinned packages in about 3 s
    and cached under .cache/ (keyed by the package versions) instead of committed.
    """
    import jieba
    import opencc

    write_user_dict(root)
    target = root / JIEBA_DICT
    stamp = f"jieba {metadata.version('jieba')}, opencc {metadata.version('opencc')}\n"
    stamp_path = target.with_suffix(".stamp")
    if target.exists() and stamp_path.exists() and stamp_path.read_text() == stamp:
        return target
    source = Path(jieba.__file__).parent / "dict.txt"
    convert = opencc.OpenCC("s2t")
    lines = source.read_text("utf-8").splitlines()
    words = {ln.split(" ", 1)[0] for ln in lines}
    extra = []
    for ln in lines:
        word, rest = ln.split(" ", 1)
        trad = convert.convert(word)
        if trad not in words:
            words.add(trad)
            extra.append(f"{trad} {rest}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text("\n".join(lines + extra) + "\n", "utf-8")
    tmp.replace(target)
    stamp_path.write_text(stamp)
    return target


def write_user_dict(root: Path) -> Path:
    """The place names of search/places.txt in both scripts, as a jieba user dictionary."""
    import opencc

    names = [
        ln.strip()
        for ln in (root / PLACES).read_text("utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    forms: list[str] = []
    for name in names:
        for conv in ("t2s", "s2t"):
            for form in (name, opencc.OpenCC(conv).convert(name)):
                if form not in forms:
                    forms.append(form)
    text = "".join(f"{form} 10000 ns\n" for form in forms)
    target = root / USER_DICT
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")
    return target


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

    ensure_jieba_dict(root)
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

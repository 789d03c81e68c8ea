"""`python -m generator init DIR`: a new bulletin of one region, apart from the tool.

The folder gets only what is the bulletin's own: its settings (`bulletin.yml`), its region
(`data/regions.yaml`) and an empty `data/reports/<id>/`, the data files' schemas, a README
with its two commands, a Makefile, a `.gitignore`, its CI workflow and the pin of the tool
(`tool.txt`, with `requirements.lock` of what the tool needs). Nothing of any other bulletin.
Everything is written into a folder beside DIR first and moved into place at the end, so a
bad argument or a failure leaves nothing behind.

`python -m generator upgrade --tool REQ` (what `make upgrade` runs) writes the pin of a new
version again: `tool.txt`, `requirements.lock` and `schemas/`, nothing else.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import __version__
from .errors import BulletinError
from .i18n import _, tr
from .layout import SETTINGS, TOOL
from .model import Region

DISTRIBUTION = "county-investment-bulletin"
SKELETON = TOOL / "skeleton"
LOCK = TOOL / "requirements.lock"
SUFFIX = {"hans": "固定资产投资公报", "hant": "固定資產投資公報"}
PUBLISHER = {"hans": "发展和改革局", "hant": "發展和改革局"}


def init(
    folder: Path,
    region_id: str,
    name: str,
    kind: str,
    script: str = "hans",
    tool: str | None = None,
) -> Path:
    if script not in SUFFIX:
        raise BulletinError(
            tr("--script {script!r}: expected hans (Simplified) or hant", script=script)
        )
    try:
        region = Region(id=region_id, name=name, kind=kind)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = {"id": "--region", "name": "--name", "kind": "--kind"}[str(error["loc"][0])]
        value = {"--region": region_id, "--name": name, "--kind": kind}[field]
        expected = (
            _("a slug of small letters, digits and hyphens, e.g. hexi")
            if field == "--region"
            else _("plain text")
        )
        raise BulletinError(
            tr(
                "{field} {value!r}: {problem}; expected {expected}",
                field=field,
                value=value,
                problem=error["msg"].removeprefix("Value error, "),
                expected=expected,
            )
        ) from None
    folder = folder.resolve()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BulletinError(
            tr("{folder}: not an empty folder; init writes a new bulletin only", folder=folder)
        )
    if not folder.parent.is_dir():
        raise BulletinError(tr("{folder}: no such folder", folder=folder.parent))
    site_name = f"{name}{SUFFIX[script]}"
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-init-", dir=folder.parent))
    except OSError as exc:
        raise BulletinError(
            tr("{folder}: cannot write there ({reason})", folder=folder.parent, reason=exc.strerror)
        ) from None
    try:
        _write(staging, region, site_name, script, tool)
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=False)
    return folder


def _write(root: Path, region: Region, site_name: str, script: str, tool: str | None) -> None:
    from .schema import write_schemas

    words = {
        "@@SITE_NAME@@": site_name,
        "@@REGION_NAME@@": region.name or "",
        "@@REGION_ID@@": region.id,
        "@@TOOL_NAME@@": DISTRIBUTION,
        "@@TOOL_VERSION@@": __version__,
    }
    convert = _converter(script)
    for source in sorted(SKELETON.rglob("*")):
        if not source.is_file():
            continue
        rel = source.relative_to(SKELETON).as_posix()
        # dot files are kept without their dot in the package (a wheel's globs skip them)
        target = root / (
            f".{rel}" if rel.startswith(("gitignore", "github/", "gitlab-ci")) else rel
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text("utf-8")
        for key, value in words.items():
            text = text.replace(key, value)
        target.write_text(convert(text) if rel == "README.md" else text, "utf-8")
    settings = {
        "site_name": site_name,
        "publisher": f"{region.name}{PUBLISHER[script]}",
        "script": script,
    }
    (root / SETTINGS).write_text(
        "# yaml-language-server: $schema=schemas/settings.schema.json\n"
        + convert(
            "# 本公报的设置。网站发布后加上它的网址，订阅源和开放数据都链接到它，例如：\n"
            "# site_url: https://www.example.gov.cn/tzgb/\n"
        )
        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    (root / "data" / "reports" / region.id).mkdir(parents=True)
    (root / "data" / "reports" / region.id / ".gitkeep").write_text("", "utf-8")
    regions = {"regions": [region.model_dump(exclude_none=True)]}
    (root / "data" / "regions.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/regions.schema.json\n"
        + yaml.safe_dump(regions, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    (root / "content").mkdir()
    (root / "content" / ".gitkeep").write_text("", "utf-8")
    from . import i18n

    i18n.use(i18n.from_environment() or script)  # the new bulletin's script, unless the locale
    write_schemas(root)
    pin(root, tool)


def _converter(script: str):
    if script == "hans":
        return lambda text: text
    from .chinese import converter
    from .scripts import SCRIPTS

    return converter(SCRIPTS["hant"].opencc).convert


def pin(root: Path, tool: str | None) -> None:
    """The bulletin's pin of the tool: `tool.txt` (the requirement; a wheel given as a file is
    kept in `vendor/` with its hash, so a fresh clone installs it on a machine that has no
    copy), `requirements.lock` (what this version of the tool needs, with hashes) and the
    data files' schemas of this version."""
    from .schema import write_schemas

    requirement = tool or f"{DISTRIBUTION}=={__version__}"
    wheel = Path(requirement).expanduser()
    if wheel.suffix == ".whl" or wheel.is_file():
        if not wheel.is_file():
            raise BulletinError(tr("--tool {tool}: no such file", tool=requirement))
        if not re.fullmatch(r"[A-Za-z0-9_.+-]+\.whl", wheel.name):
            raise BulletinError(tr("--tool {tool}: expected a wheel (.whl) file", tool=requirement))
        vendor = root / "vendor"
        for old in vendor.glob("*.whl") if vendor.is_dir() else ():
            if old.name != wheel.name:
                old.unlink()
        vendor.mkdir(exist_ok=True)
        if wheel.resolve() != (vendor / wheel.name).resolve():
            shutil.copyfile(wheel, vendor / wheel.name)
        digest = hashlib.sha256((vendor / wheel.name).read_bytes()).hexdigest()
        line = f"./vendor/{wheel.name} --hash=sha256:{digest}"
    elif any(c.isspace() for c in requirement.strip()) or requirement.startswith("-"):
        raise BulletinError(tr("--tool {tool!r}: expected one pip requirement", tool=requirement))
    else:
        line = requirement.strip()
    (root / "tool.txt").write_text(
        "# The tool this bulletin is built with: a wheel, a URL or name==version.\n"
        "# Change it with: make upgrade TOOL=<requirement>\n" + line + "\n",
        "utf-8",
    )
    shutil.copyfile(LOCK, root / "requirements.lock")
    write_schemas(root)

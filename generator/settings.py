"""A bulletin's settings (`bulletin.yml`) and the MkDocs configuration made from them.

A bulletin says only what is its own:

    site_name: 河西县固定资产投资公报
    site_url: https://www.hexi.gov.cn/tzgb/     # where it is published (optional)
    publisher: 河西县发展和改革局                  # who publishes the open data (optional)
    script: hans                                 # hans | hant | auto (the data's script)
    publish_to: county:/srv/www/tzgb             # where CI publishes it (optional; rclone)

Everything else MkDocs needs (theme, features, Markdown extensions, hooks, navigation) is the
tool's (`mkdocs.base.yml` in this package). The file is checked like a data file: a wrong key
or value is one `bulletin.yml:line:col: field: ...` line, never a silent default.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, Field

from .errors import BulletinError, DataErrors
from .i18n import _, tr
from .layout import BASE_CONFIG, SETTINGS, TOOL_HOOKS, theme_dir
from .model import Model, Text

DEFAULT_NAME = "固定資產投資公報"


def _site_url(value: str) -> str:
    value = value.strip()
    if not value.startswith(("https://", "http://")) or any(c in value for c in " \"'<>\\"):
        raise ValueError(
            _("expected the site's absolute address, e.g. https://www.hexi.gov.cn/tzgb/")
        )
    return value if value.endswith("/") else value + "/"


def _publish_to(value: str) -> str:
    value = value.strip()
    if not value or value.startswith("-") or any(c in value for c in "\n\r\0"):
        raise ValueError(
            _(
                "expected where `publish` puts the site: a folder (/srv/www/tzgb) or an rclone "
                "remote and its path (county:/srv/www/tzgb, oss:bucket/tzgb)"
            )
        )
    return value


class SettingsFile(Model):
    """What bulletin.yml may hold."""

    site_name: Text = Field(description="the bulletin's name, e.g. 河西县固定资产投资公报")
    site_description: Text | None = None
    site_url: Annotated[str, AfterValidator(_site_url)] | None = None
    publisher: Text | None = None
    script: Literal["hans", "hant", "auto"] = "auto"
    both_scripts: bool = True
    precompress: bool = False  # .gz and .br copies beside the text files (for gzip_static)
    jobs: Annotated[int, Field(ge=1, le=256)] | None = None  # builds at once (default: cores)
    publish_to: Annotated[str, AfterValidator(_publish_to)] | None = None  # where CI publishes
    editor_language: Literal["hans", "hant", "en"] | None = None  # default: the script


@dataclass(frozen=True)
class Settings:
    """The settings one run reads (defaults where bulletin.yml leaves a key out)."""

    site_name: str = DEFAULT_NAME
    site_url: str = ""  # absolute, ending in "/", or "" (links stay relative)
    publisher: str = ""  # who publishes the open data ("": the bulletin's name)
    script: str = "auto"  # hant | hans | auto: the script most of the data is written in
    both_scripts: bool = True  # also publish the whole site in the other script
    site_description: str = ""
    precompress: bool = False  # write .gz and .br copies beside every text file
    jobs: int | None = None  # how many builds run at once (None: one a core)
    publish_to: str = ""  # where `publish` puts the site: a folder or an rclone remote:path

    def absolute(self, path: str) -> str:
        """A site path ("reports/x/") as a link for files read outside the site (feeds)."""
        return self.site_url + path


def read_settings(root: Path) -> Settings:
    path = root / SETTINGS
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise BulletinError(
            tr(
                "{settings}: missing in {root}; expected the bulletin's settings "
                "(`python -m generator init DIR` writes a new bulletin with one)",
                settings=SETTINGS,
                root=root,
            )
        ) from None
    return _read(path, stamp)


@cache
def _read(path: Path, stamp: int) -> Settings:
    from .checks import load_file

    _doc, file, problems = load_file(path, SETTINGS, SettingsFile)
    if problems:
        raise DataErrors(problems)
    return Settings(
        site_name=file.site_name,
        site_url=file.site_url or "",
        publisher=file.publisher or "",
        script=file.script,
        both_scripts=file.both_scripts,
        site_description=file.site_description or "",
        precompress=file.precompress,
        jobs=file.jobs,
        publish_to=file.publish_to or "",
    )


@cache
def _base() -> dict:
    return yaml.safe_load(BASE_CONFIG.read_text("utf-8"))


def site_config(root: Path) -> dict:
    """The whole MkDocs configuration of a bulletin: the tool's base, the bulletin's names
    and address, its theme (the tool's with its overrides) and the tool's hooks."""
    settings = read_settings(root)
    config = copy.deepcopy(_base())
    config["site_name"] = settings.site_name
    if settings.site_description:
        config["site_description"] = settings.site_description
    if settings.site_url:
        config["site_url"] = settings.site_url
    if settings.publisher:
        config["site_author"] = settings.publisher
    config["theme"]["custom_dir"] = str(theme_dir(root))
    config["hooks"] = [str(hook) for hook in TOOL_HOOKS]
    return config

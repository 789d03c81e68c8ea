"""The site settings the generator reads from mkdocs.yml: one place, read once per run.

The generator writes links and open data that must agree with the site MkDocs builds:
`site_url` makes the feed's and the open data's links absolute (a fork sets its own),
`site_name` names the bulletin, and `site_author` is the publisher of the open data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name: for Markdown extensions; they are not
    settings the generator reads, so they load as None instead of being constructed."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    site_name: str = "固定資產投資公報"
    site_url: str = ""  # absolute, ending in "/", or "" (links stay relative)
    publisher: str = ""
    script: str = "auto"  # hant | hans | auto: the script most of the data is written in
    both_scripts: bool = True  # also publish the whole site in the other script

    def absolute(self, path: str) -> str:
        """A site path ("reports/x/") as a link for files read outside the site (feeds)."""
        return self.site_url + path


def read_settings(root: Path) -> Settings:
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        return Settings()  # MkDocs reports a missing or broken mkdocs.yml itself, in its words
    if not isinstance(config, dict):
        return Settings()
    url = str(config.get("site_url") or "").strip()
    if url and not url.endswith("/"):
        url += "/"
    name = str(config.get("site_name") or Settings.site_name)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    bulletin = extra.get("bulletin") if isinstance(extra.get("bulletin"), dict) else {}
    script = str(bulletin.get("script", "auto"))
    return Settings(
        site_name=name,
        site_url=url,
        publisher=str(config.get("site_author") or name),
        script=script if script in ("hant", "hans") else "auto",
        both_scripts=bulletin.get("both_scripts", True) is not False,
    )

"""Where things are: the tool's own files (in this installed package) and a bulletin's.

The tool is this package: the generator, its page templates and message catalogue
(`templates/`), its Material theme overrides and assets (`theme/`), its MkDocs hooks
(`hooks/`) and the MkDocs settings every bulletin shares (`mkdocs.base.yml`). They are found
from the package, never from the working folder, so an installed wheel builds any bulletin.

A bulletin is a folder of its own: `bulletin.yml` (its settings), `data/`, `content/` (its
hand-written pages; the generator writes the rest there), and, only where it wants to change
how the tool looks, `templates/` and `site_overrides/`: a file there replaces the tool's file
of the same name (as Material's `custom_dir` does), everything else comes from the tool.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

TOOL = Path(__file__).resolve().parent
TOOL_TEMPLATES = TOOL / "templates"
TOOL_THEME = TOOL / "theme"
TOOL_HOOKS = (
    TOOL / "hooks" / "search_tokens.py",
    TOOL / "hooks" / "progress.py",
    TOOL / "hooks" / "shared_data.py",
)
BASE_CONFIG = TOOL / "mkdocs.base.yml"
SETTINGS = "bulletin.yml"  # a bulletin's settings, in its folder
OWN_TEMPLATES = "templates"  # a bulletin's template overrides
OWN_THEME = "site_overrides"  # a bulletin's theme overrides
THEME_CACHE = ".cache/theme"  # the tool's theme with the bulletin's overrides laid over it

Folders = Path | Sequence[Path]


def folders(search: Folders) -> list[Path]:
    """A search path of folders, the first one winning."""
    return [search] if isinstance(search, Path) else list(search)


def template_dirs(root: Path) -> list[Path]:
    """Where a bulletin's templates are looked up: its own first, then the tool's."""
    own = root / OWN_TEMPLATES
    return ([own] if own.is_dir() else []) + [TOOL_TEMPLATES]


def find(search: Folders, name: str) -> Path:
    """The file `name` in the first folder of `search` that has it (else the last's path)."""
    dirs = folders(search)
    for folder in dirs:
        if (folder / name).is_file():
            return folder / name
    return dirs[-1] / name


def files_of(search: Folders) -> dict[str, Path]:
    """Every file of a search path by its relative name, the first folder's winning."""
    found: dict[str, Path] = {}
    for folder in reversed(folders(search)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(folder).as_posix()] = path
    return dict(sorted(found.items()))


def theme_dir(root: Path) -> Path:
    """The theme MkDocs builds with (Material's `custom_dir`): the tool's, or, when the
    bulletin has `site_overrides/`, the tool's with the bulletin's files laid over it, in
    `.cache/theme/` (written only where a file changed, so a build stays incremental)."""
    own = root / OWN_THEME
    if not own.is_dir():
        return TOOL_THEME
    target = root / THEME_CACHE
    wanted = files_of([own, TOOL_THEME])
    _mirror(target, wanted.items())
    return target


def _mirror(target: Path, files: Iterable[tuple[str, Path]]) -> None:
    keep = set()
    for rel, source in files:
        keep.add(rel)
        dest = target / rel
        data = source.read_bytes()
        if not dest.is_file() or dest.read_bytes() != data:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)

"""The investment bulletin generator: data/ (YAML) -> content/ (Markdown) -> site/ (MkDocs)."""

__version__ = (
    "0.2.0"  # the tool's version (pyproject.toml reads it; CHANGELOG.md says what changed)
)

from .errors import DataError, DataErrors
from .pipeline import Paths, generate, load_bulletin

__all__ = ["__version__", "DataError", "DataErrors", "Paths", "generate", "load_bulletin"]

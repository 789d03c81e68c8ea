"""The investment bulletin generator: data/ (YAML) -> content/ (Markdown) -> site/ (MkDocs)."""

from .errors import DataError, DataErrors
from .pipeline import Paths, generate, load_bulletin

__all__ = ["DataError", "DataErrors", "Paths", "generate", "load_bulletin"]

"""The investment bulletin generator: data/ (YAML) -> content/ (Markdown) -> site/ (MkDocs)."""

__version__ = (
    "0.2.0"  # the tool's version (pyproject.toml reads it; CHANGELOG.md says what changed)
)

__all__ = ["__version__", "DataError", "DataErrors", "Paths", "generate", "load_bulletin"]
_FROM = {
    "DataError": "errors",
    "DataErrors": "errors",
    "Paths": "pipeline",
    "generate": "pipeline",
    "load_bulletin": "pipeline",
}


def __getattr__(name: str):
    """The package's API, imported when first asked for: `import generator.extract` (the
    extractor) does not load the site's page code, Jinja or the models."""
    if name not in _FROM:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_FROM[name]}", __name__), name)

"""JSON Schemas of the data files, for editors that check YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from .model import RegionsFile, Report
from .settings import SettingsFile

SCHEMAS = {
    "report.schema.json": (Report, "Investment bulletin report"),
    "regions.schema.json": (RegionsFile, "Investment bulletin regions"),
    "settings.schema.json": (SettingsFile, "Investment bulletin settings (bulletin.yml)"),
}


def schema_texts() -> dict[str, str]:
    out = {}
    for name, (model, title) in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            **{k: v for k, v in schema.items() if k != "title"},
        }
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(root: Path) -> list[Path]:
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
        written.append(path)
    return written

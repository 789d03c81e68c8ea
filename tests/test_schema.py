"""The JSON Schemas in schemas/ match the models, and describe the seed files."""

from __future__ import annotations

import json

from generator.loading import load_document
from generator.schema import schema_texts
from tests.conftest import ROOT, SEED


def test_committed_schemas_are_up_to_date():
    """As `python -m generator schema` writes them here, in the language of their
    descriptions (the bulletin's: which one is not this test's business, data/ being the
    editors')."""
    from generator import i18n

    texts = {}
    for language in i18n.LANGUAGES:
        i18n.use(language)
        texts[language] = schema_texts()
    i18n.use("en")
    for name in texts["en"]:
        committed = (ROOT / "schemas" / name).read_text("utf-8")
        assert committed in {texts[lang][name] for lang in texts}, (
            f"schemas/{name} is out of date: run python -m generator schema"
        )


def test_data_files_point_editors_to_the_schema():
    for path in (SEED / "data").rglob("*.yaml"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        # the schemas `python -m generator schema` writes in the bulletin's schemas/
        assert target.parent == (SEED / "schemas").resolve(), path
        assert target.name in schema_texts(), path


def test_schema_rejects_an_amount_written_as_text():
    schema = json.loads(schema_texts()["report.schema.json"])
    money = schema["$defs"]["Money"]["properties"]["amount"]
    assert (money["type"], money["minimum"]) == ("number", 0)
    assert schema["additionalProperties"] is False
    doc = load_document(SEED / "data/reports/tiancheng/2005-q1.yaml").value
    assert set(doc) <= set(schema["properties"])

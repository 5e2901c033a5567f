"""The checked-in JSON Schema files (schema/json/) match the pydantic models."""

import json
from pathlib import Path

from builder.editor.json_schema import SCHEMA_DIR, json_schemas

ROOT = Path(__file__).resolve().parent.parent


def test_checked_in_json_schemas_are_up_to_date() -> None:
    folder = ROOT / SCHEMA_DIR
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.schema.json")}

    stale = sorted(name for name, text in json_schemas().items() if on_disk.get(name) != text)
    extra = sorted(set(on_disk) - set(json_schemas()))

    assert (stale, extra) == ([], []), "run `stand schema` and commit schema/json/"


def test_json_schemas_use_the_dutch_frontmatter_keys() -> None:
    case = json.loads(json_schemas()["casus.schema.json"])

    assert case["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert case["additionalProperties"] is False
    assert {"id", "nummer", "titel", "personas", "knelpunten"} <= set(case["properties"])
    assert {"id", "nummer", "titel", "knelpunten"} <= set(case["required"])
    assert "wat_is_nodig" in case["$defs"]["Bottleneck"]["properties"]


def test_the_bronnen_schema_describes_a_list() -> None:
    sources = json.loads(json_schemas()["bronnen.schema.json"])

    assert sources["type"] == "array"
    assert "vermelding" in sources["$defs"]["Source"]["properties"]

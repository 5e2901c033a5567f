"""JSON Schema files for the frontmatter of each content type, generated from the pydantic models.

Editors' YAML tooling (VS Code's YAML extension, for one) reads them to complete and check keys
while typing; `stand check` stays the authority.
"""

import json
from pathlib import Path

from pydantic import BaseModel

from schema import Case, Chapter, Edition, SourceList, Thread

SCHEMA_DIR = Path("schema") / "json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# file stem -> model; the stems are the content types as the Dutch docs name them
MODELS: dict[str, type[BaseModel]] = {
    "casus": Case,
    "rode-draad": Thread,
    "hoofdstuk": Chapter,
    "bronnen": SourceList,
    "editie": Edition,
}


def json_schemas() -> dict[str, str]:
    """File name -> file text, for every content type."""
    return {f"{stem}.schema.json": _render(model) for stem, model in MODELS.items()}


def write_json_schemas(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _render(model: type[BaseModel]) -> str:
    schema = {"$schema": DIALECT, **model.model_json_schema(by_alias=True)}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"

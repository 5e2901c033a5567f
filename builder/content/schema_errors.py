"""Turn pydantic's ValidationError entries into ContentErrors that point at the YAML node."""

import re
import types
import typing
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from builder.content.frontmatter import Composed, Position
from builder.errors import ContentError, FieldPath
from builder.messages import (
    EXPECTED_TYPES,
    FORM_TEXTS,
    RANGES,
    make_error,
    quoted_list,
    suggest,
)
from schema.common import SLUG_PATTERN, Predecessor
from schema.edition import PublicationDate


def _pattern(annotated: Any) -> str:
    metadata = typing.get_args(annotated)[1:]
    return next(str(m.pattern) for m in metadata if getattr(m, "pattern", None))


# Text fields with a required form (other than ids): pydantic only names the regex.
FORMS = {
    _pattern(PublicationDate): FORM_TEXTS["publicatiedatum"],
    _pattern(Predecessor): FORM_TEXTS["verwijzing"],
}


def convert(
    details: ErrorDetails, model: type[BaseModel], file: PurePosixPath, composed: Composed
) -> ContentError:
    loc: FieldPath = tuple(details["loc"])
    kind = details["type"]
    key = _key_name(loc)
    value = details.get("input")
    if kind == "missing":
        line, column = _nearest(composed.values, loc[:-1])
        return make_error("schema.missing", file, line, column, field=loc, key=key)
    if kind in ("extra_forbidden", "invalid_key"):
        # an invalid key is one YAML read as a number (`2022:`); positions are keyed by text
        loc = (*loc[:-1], str(loc[-1])) if loc else loc
        key = str(loc[-1]) if loc else key
        line, column = composed.keys.get(loc) or _nearest(composed.values, loc)
        allowed = _allowed_keys(model, loc[:-1])
        return make_error(
            "schema.unknown-key",
            file,
            line,
            column,
            field=loc,
            key=key,
            suggestion=suggest(str(key), allowed),
            allowed=quoted_list(allowed),
        )
    line, column = _nearest(composed.values, loc)
    if kind in ("enum", "literal_error"):
        options = re.findall(r"'([^']*)'", str(details.get("ctx", {}).get("expected", "")))
        return make_error(
            "schema.unknown-value",
            file,
            line,
            column,
            field=loc,
            key=key,
            value=value,
            suggestion=suggest(str(value), options),
            allowed=quoted_list(options),
        )
    if kind == "string_pattern_mismatch" and details.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        return make_error(
            "schema.slug", file, line, column, field=loc, value=value, example=_slugify(str(value))
        )
    if kind == "string_pattern_mismatch":
        expected, hint = FORMS.get(
            str(details.get("ctx", {}).get("pattern")),
            FORM_TEXTS["anders"],
        )
        return make_error(
            "schema.format",
            file,
            line,
            column,
            field=loc,
            key=key,
            expected=expected,
            found=describe(value),
            hint=hint,
        )
    if kind in EXPECTED_TYPES:
        expected, hint = EXPECTED_TYPES[kind]
        return make_error(
            "schema.type",
            file,
            line,
            column,
            field=loc,
            key=key,
            expected=expected,
            found=describe(value),
            hint=hint,
        )
    if kind in RANGES:
        template, bound_key = RANGES[kind]
        bound = template.format(details.get("ctx", {}).get(bound_key))
        return make_error(
            "schema.range", file, line, column, field=loc, key=key, bound=bound, value=value
        )
    if kind in ("too_short", "string_too_short"):
        minimum = details.get("ctx", {}).get("min_length", 1)
        problem = (
            "mag niet leeg zijn"
            if kind == "string_too_short"
            else (f"moet minstens {minimum} item{'s' if minimum != 1 else ''} bevatten")
        )
        return make_error(
            "schema.length",
            file,
            line,
            column,
            field=loc,
            key=key,
            problem=problem,
            hint="Vul de waarde in.",
        )
    if kind in ("too_long", "string_too_long"):
        maximum = details.get("ctx", {}).get("max_length")
        return make_error(
            "schema.length",
            file,
            line,
            column,
            field=loc,
            key=key,
            problem=f"is te lang (hoogstens {maximum})",
            hint="Maak het korter.",
        )
    return make_error(
        "schema.invalid", file, line, column, field=loc, key=key, problem=details["msg"]
    )


def describe(value: object) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"‘{str(value).lower()}’"
    if isinstance(value, int | float):
        return f"het getal {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst ‘{short}’"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return f"‘{value}’"


def _key_name(loc: FieldPath) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "item"


def _nearest(positions: dict[FieldPath, Position], loc: FieldPath) -> Position:
    for end in range(len(loc), -1, -1):
        if loc[:end] in positions:
            return positions[loc[:end]]
    return (1, 1)


def _allowed_keys(model: type[BaseModel], loc: FieldPath) -> list[str]:
    """Follow `loc` through the model's fields to the model that owns the unknown key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        fields = current.model_fields
        name = next((n for n, f in fields.items() if (f.alias or n) == part), None)
        if name is None:
            return []
        current = _strip_optional(fields[name].annotation)
        current = _item_type(current) if typing.get_origin(current) is list else current
    if isinstance(current, type) and issubclass(current, BaseModel):
        if "root" in current.model_fields:
            current = _item_type(current.model_fields["root"].annotation)
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _item_type(annotation: Any) -> Any:
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    if is_model and "root" in annotation.model_fields:
        annotation = annotation.model_fields["root"].annotation
    args = typing.get_args(annotation)
    return args[0] if args else annotation


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _slugify(value: str) -> str:
    words = re.findall(r"[a-z0-9]+", value.lower())
    return "-".join(words) or "mijn-id"

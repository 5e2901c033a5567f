"""Turn pydantic's ValidationError entries into ContentErrors that point at the YAML node."""

import re
import types
import typing
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from builder.content.frontmatter import Composed, Position
from builder.errors import ContentError, FieldPath
from builder.messages import (
    EXPECTED_TYPES,
    FORM_TEXTS,
    LENGTH_ERRORS,
    RANGES,
    describe,
    length_problem,
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


def _as_written(loc: FieldPath, composed: Composed) -> FieldPath:
    """A bare value the schema expands (`landelijk` -> {niveau: landelijk, herkomst: redactie})
    is reported as written: at the value, not at a key the editor never wrote."""
    parent = loc[:-1]
    if not loc or loc in composed.values or parent not in composed.values:
        return loc
    written_below = any(
        p[: len(parent)] == parent and len(p) > len(parent) for p in composed.values
    )
    return loc if written_below else parent


@dataclass(frozen=True)
class _Found:
    """One pydantic error, placed: what every message below needs."""

    details: ErrorDetails
    file: PurePosixPath
    loc: FieldPath
    key: str
    position: Position

    @property
    def ctx(self) -> dict[str, Any]:
        return dict(self.details.get("ctx", {}))

    @property
    def value(self) -> Any:
        return self.details.get("input")

    def error(self, code: str, **args: object) -> ContentError:
        line, column = self.position
        return make_error(code, self.file, line, column, self.loc, None, **args)


def convert(
    details: ErrorDetails, model: type[BaseModel], file: PurePosixPath, composed: Composed
) -> ContentError:
    loc = _as_written(tuple(details["loc"]), composed)
    kind = details["type"]
    if kind == "missing":
        found = _Found(details, file, loc, _key_name(loc), _nearest(composed.values, loc[:-1]))
        return found.error("schema.missing", key=found.key)
    if kind in ("extra_forbidden", "invalid_key"):
        return _unknown_key(details, model, file, loc, composed)
    found = _Found(details, file, loc, _key_name(loc), _nearest(composed.values, loc))
    for kinds, handler in _HANDLERS:
        if kind in kinds:
            return handler(found)
    return found.error("schema.invalid", key=found.key, problem=details["msg"])


def _unknown_key(
    details: ErrorDetails,
    model: type[BaseModel],
    file: PurePosixPath,
    loc: FieldPath,
    composed: Composed,
) -> ContentError:
    # an invalid key is one YAML read as a number (`2022:`); positions are keyed by text
    loc = (*loc[:-1], str(loc[-1])) if loc else loc
    key = str(loc[-1]) if loc else _key_name(loc)
    position = composed.keys.get(loc) or _nearest(composed.values, loc)
    allowed = _allowed_keys(model, loc[:-1])
    return _Found(details, file, loc, key, position).error(
        "schema.unknown-key",
        key=key,
        suggestion=suggest(key, allowed),
        allowed=quoted_list(allowed),
    )


def _unknown_value(found: _Found) -> ContentError:
    options = re.findall(r"'([^']*)'", str(found.ctx.get("expected", "")))
    return found.error(
        "schema.unknown-value",
        key=found.key,
        value=found.value,
        suggestion=suggest(str(found.value), options),
        allowed=quoted_list(options),
    )


def _pattern_mismatch(found: _Found) -> ContentError:
    pattern = found.ctx.get("pattern")
    if pattern == SLUG_PATTERN:
        return found.error("schema.slug", value=found.value, example=_slugify(str(found.value)))
    expected, hint = FORMS.get(str(pattern), FORM_TEXTS["anders"])
    return found.error(
        "schema.format", key=found.key, expected=expected, found=describe(found.value), hint=hint
    )


def _wrong_type(found: _Found) -> ContentError:
    expected, hint = EXPECTED_TYPES[found.details["type"]]
    return found.error(
        "schema.type", key=found.key, expected=expected, found=describe(found.value), hint=hint
    )


def _out_of_range(found: _Found) -> ContentError:
    template, bound_key = RANGES[found.details["type"]]
    bound = template.format(found.ctx.get(bound_key))
    return found.error("schema.range", key=found.key, bound=bound, value=found.value)


def _wrong_length(found: _Found) -> ContentError:
    problem, hint = length_problem(found.details["type"], found.ctx)
    return found.error("schema.length", key=found.key, problem=problem, hint=hint)


_HANDLERS: list[tuple[Collection[str], Callable[[_Found], ContentError]]] = [
    (("enum", "literal_error"), _unknown_value),
    (("string_pattern_mismatch",), _pattern_mismatch),
    (EXPECTED_TYPES.keys(), _wrong_type),
    (RANGES.keys(), _out_of_range),
    (LENGTH_ERRORS, _wrong_length),
]


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

"""Find the "nog in te vullen" markers that `stand new` leaves, as warnings with their line."""

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from builder.content.frontmatter import Composed
from builder.content.load import SourceFile
from builder.errors import ContentError, FieldPath
from builder.messages import make_error

MARKER = "nog in te vullen"
CODE = "inhoud.nog-in-te-vullen"
_MARKER = re.compile(re.escape(MARKER), re.IGNORECASE)
# YAML folding joins lines with a space, so a marker in the data has its last word written
# whole in the text; only an escape in a quoted scalar (\x76, a line continuation) can hide it.
# It is plain ASCII, so `in text.lower()` finds every spelling that the case-insensitive
# regex finds, at a tenth of its cost: a quick "no" for the files without a marker.
_LAST_WORD = MARKER.split()[-1]


def find_placeholders(source: SourceFile) -> list[ContentError]:
    """One warning per marker: in a frontmatter text value, or anywhere in the body."""
    errors: list[ContentError] = []
    if _may_hold_marker(source.yaml_text):
        errors += [
            _warning(source.path, line, column, field)
            for field, line, column in _frontmatter_markers(source.yaml)
        ]
    # a marker never spans lines: one search decides
    if _LAST_WORD in source.body.lower() and _MARKER.search(source.body):
        for index, text in enumerate(source.body.split("\n")):
            errors.extend(
                _warning(source.path, source.body_line + index, match.start() + 1, ())
                for match in _MARKER.finditer(text)
            )
    return errors


def _may_hold_marker(yaml_text: str) -> bool:
    """False only when no value of this frontmatter can contain the marker (most files)."""
    return not yaml_text or "\\" in yaml_text or _LAST_WORD in yaml_text.lower()


def _frontmatter_markers(composed: Composed) -> Iterator[tuple[FieldPath, int, int | None]]:
    """YAML comments are not data, so the scaffold's explanations never count as markers."""
    for field, value in _strings(composed.data, ()):
        if not _MARKER.search(value):
            continue
        line, column = composed.values.get(field, (1, 1))
        if field in composed.block_scalars:
            # '>-' on the key's line; the text (and so the marker) starts on the next one
            yield field, line + 1, None
        else:
            yield field, line, column


def _strings(data: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, (*path, index))


def _warning(file: PurePosixPath, line: int, column: int | None, field: FieldPath) -> ContentError:
    return make_error(CODE, file, line, column, field=field, marker=MARKER)

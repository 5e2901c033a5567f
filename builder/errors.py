"""ContentError: every problem with content, as data (file, position, field path, code, text)."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, slots=True)
class ContentError:
    code: str
    message: str
    file: PurePosixPath
    line: int | None = None
    column: int | None = None
    field: FieldPath = ()
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.file), self.line or 0, self.column or 0, self.code, self.message)


def has_errors(errors: Iterable[ContentError]) -> bool:
    return any(e.severity is Severity.ERROR for e in errors)


def sorted_unique(errors: Iterable[ContentError]) -> list[ContentError]:
    """Sort by file and position; drop exact duplicates (one cause reported twice)."""
    return sorted(set(errors), key=ContentError.sort_key)

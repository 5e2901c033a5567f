"""Run the stages in order; stop before a stage whose input has errors."""

from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import ContentError, has_errors, sorted_unique
from builder.library import Library
from builder.link import link
from builder.load import load
from builder.validate import validate


@dataclass
class CheckResult:
    errors: list[ContentError] = field(default_factory=list)
    file_count: int = 0
    library: Library | None = None  # only when there are no errors

    @property
    def ok(self) -> bool:
        return not has_errors(self.errors)


def check(root: Path) -> CheckResult:
    """load -> validate -> link, collecting every error within a stage."""
    sources, errors = load(root)
    file_count = len(sources) + len({e.file for e in errors})
    validated, more = validate(sources)
    errors += more
    if has_errors(errors):
        return CheckResult(sorted_unique(errors), file_count)
    library, more = link(validated)
    errors += more
    result = CheckResult(sorted_unique(errors), file_count)
    if result.ok:
        result.library = library
    return result

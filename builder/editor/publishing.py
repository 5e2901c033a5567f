"""`stand publiceren <jaar>`: the one guarded step from concept to a published, frozen edition.

It refuses while the edition still says "nog in te vullen", a recommendation of the previous
edition has no follow-up status, or the content has errors; otherwise it sets `status` and
`publicatiedatum` in the edition file and records the fingerprint (`stand vastleggen`).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.content.layout import Kind, yaml_file
from builder.content.placeholders import CODE as PLACEHOLDER
from builder.errors import ContentError, Severity
from builder.messages import build_text
from builder.pipeline import check, freeze_edition

STATUS_LINE = re.compile(r"^status:.*$", re.M)
DATE_LINE = re.compile(r"^#? ?publicatiedatum:.*$", re.M)
FOLLOW_UP_MISSING = "opvolging.missing"


@dataclass
class PublishOutcome:
    refusal: str | None = None  # a Dutch reason when nothing was changed
    blocking: list[ContentError] = field(default_factory=list)  # what stands in the way


def publish_edition(root: Path, year: int, date: dt.date) -> PublishOutcome:
    path = root / yaml_file(Kind.EDITION, year)
    if not path.is_file():
        missing = yaml_file(Kind.EDITION, year)
        return PublishOutcome(build_text("publiceren.geen-editie", year=year, file=missing))
    result = check(root)
    blocking = [e for e in result.errors if _blocks(e, year)]
    if blocking:
        not_ready = build_text("publiceren.niet-klaar", year=year, count=len(blocking))
        return PublishOutcome(not_ready, blocking)
    assert result.library is not None  # no errors, so the content was linked
    if result.library.editions[year].edition.status == "gepubliceerd":
        return PublishOutcome(build_text("publiceren.al-gepubliceerd", year=year))
    text = path.read_text(encoding="utf-8")
    text = STATUS_LINE.sub("status: gepubliceerd", text, count=1)
    date_line = f'publicatiedatum: "{date.isoformat()}"'
    if DATE_LINE.search(text):
        text = DATE_LINE.sub(date_line, text, count=1)
    else:
        text = text.rstrip("\n") + f"\n{date_line}\n"
    path.write_text(text, encoding="utf-8")
    refusal = freeze_edition(root, year)
    return PublishOutcome(refusal)


def _blocks(error: ContentError, year: int) -> bool:
    """Every error, and in this edition's files the open places and missing follow-up."""
    if error.severity is Severity.ERROR:
        return True
    own = f"/{year}/" in f"/{error.file}" or error.file.stem == str(year)
    return own and error.code in (PLACEHOLDER, FOLLOW_UP_MISSING)

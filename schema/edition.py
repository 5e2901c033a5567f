"""An editie: the yearly report's metadata and its correction log."""

import datetime as dt
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from schema.common import ContentModel, Predecessor, Text

T = TypeVar("T")

FIRST_YEAR, LAST_YEAR = 2000, 2200  # the years an edition can have


def _existing_day(text: str) -> str:
    """The pattern allows 2022-02-31; the calendar does not (and the build turns it into a date)."""
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    except ValueError:
        raise PydanticCustomError("date_not_existing", "no such day") from None
    return _in_range(text, parts[0])


def _in_range(value: T, year: int) -> T:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError("date_year_out_of_range", "year out of range")
    return value


def _date_in_range(day: dt.date) -> dt.date:
    return _in_range(day, day.year)


PublicationDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"),
    AfterValidator(_existing_day),
]
ReportDate = Annotated[dt.date, AfterValidator(_date_in_range)]


class Correction(ContentModel):
    date: ReportDate = Field(alias="datum")
    change: Text = Field(alias="wijziging")


class FollowUp(ContentModel):
    """What became of a recommendation of an earlier edition, as this edition judges it."""

    recommendation: Predecessor = Field(alias="aanbeveling")
    status: Literal["aanhoudend", "opgelost", "vervallen"]
    explanation: Text | None = Field(default=None, alias="toelichting")


class Edition(ContentModel):
    year: int = Field(alias="jaar", ge=FIRST_YEAR, le=LAST_YEAR)
    title: Text = Field(alias="titel")
    status: Literal["concept", "gepubliceerd"]
    # "JJJJ-MM" or "JJJJ-MM-DD": the 2022 report states only the month ("juni 2022")
    published: PublicationDate | None = Field(default=None, alias="publicatiedatum")
    publisher: Text = Field(alias="uitgever")
    authors: list[Text] = Field(default_factory=list, alias="auteurs")
    licence: Text | None = Field(default=None, alias="licentie")
    corrections: list[Correction] = Field(default_factory=list, alias="correcties")
    follow_up: list[FollowUp] = Field(default_factory=list, alias="opvolging")
    # Fingerprint of the content as published; `stand vastleggen` records it (see freeze.py).
    fingerprint: Text | None = Field(default=None, alias="vastgelegd")

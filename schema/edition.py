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


# An editor leaves "nog in te vullen" (a warning in `stand check`) until the value is known;
# the site then leaves the field out instead of showing the marker.
TO_FILL_IN = "nog in te vullen"
WebAddress = Annotated[str, StringConstraints(pattern=rf"^(https://\S+|{TO_FILL_IN})$")]
EmailAddress = Annotated[
    str, StringConstraints(pattern=rf"^([^@\s]+@[^@\s]+\.[a-z]{{2,}}|{TO_FILL_IN})$")
]
# an SVG in content/beeld/, e.g. "beeld/vng-realisatie.svg"
ImagePath = Annotated[str, StringConstraints(pattern=r"^beeld/[a-z0-9]+(?:-[a-z0-9]+)*\.svg$")]


class Contact(ContentModel):
    """How readers reach the publisher (footer, toegankelijkheid, Over deze digitale editie)."""

    email: EmailAddress | None = Field(default=None, alias="e-mail")
    website: WebAddress | None = None


class Correction(ContentModel):
    date: ReportDate = Field(alias="datum")
    change: Text = Field(alias="wijziging")


# What can become of a recommendation; `statussen:` in an edition file adds the editors' own.
# A continued recommendation (a later one has `vorige:` to it) cannot also have ended.
CONTINUED_STATUSES = ("aanhoudend",)
ENDED_STATUSES = ("opgelost", "vervallen")
FOLLOW_UP_STATUSES = ("nieuw", *CONTINUED_STATUSES, *ENDED_STATUSES)


class FollowUp(ContentModel):
    """What became of a recommendation of an earlier edition, as this edition judges it."""

    recommendation: Predecessor = Field(alias="aanbeveling")
    status: Text  # one of FOLLOW_UP_STATUSES or the edition's own `statussen` (checked in link)
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
    contact: Contact = Field(default_factory=Contact)
    # where the report as published lives (the PDF): linked from footer, figures and citations
    original: WebAddress | None = Field(default=None, alias="origineel")
    logo: ImagePath | None = None  # the publisher's logo (in the header and footer)
    corrections: list[Correction] = Field(default_factory=list, alias="correcties")
    follow_up: list[FollowUp] = Field(default_factory=list, alias="opvolging")
    follow_up_statuses: list[Text] = Field(default_factory=list, alias="statussen")
    # Fingerprint of the content as published; `stand vastleggen` records it (see freeze.py).
    fingerprint: Text | None = Field(default=None, alias="vastgelegd")

    @property
    def original_url(self) -> str | None:
        return known(self.original)

    @property
    def contact_email(self) -> str | None:
        return known(self.contact.email)

    @property
    def contact_website(self) -> str | None:
        return known(self.contact.website)


def known(value: str | None) -> str | None:
    """A filled-in value, or None while it is still "nog in te vullen"."""
    return None if value in (None, TO_FILL_IN) else value

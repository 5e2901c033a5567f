"""An editie: the yearly report's metadata and its correction log."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from schema.common import ContentModel, Predecessor, Text

PublicationDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
]


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
    date: dt.date = Field(alias="datum")
    change: Text = Field(alias="wijziging")


class FollowUp(ContentModel):
    """What became of a recommendation of an earlier edition, as this edition judges it."""

    recommendation: Predecessor = Field(alias="aanbeveling")
    status: Literal["aanhoudend", "opgelost", "vervallen"]
    explanation: Text | None = Field(default=None, alias="toelichting")


class Edition(ContentModel):
    year: int = Field(alias="jaar", ge=2000, le=2200)
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

"""An editie: the yearly report's metadata and its correction log."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from schema.common import ContentModel, Predecessor, Text

PublicationDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
]


class Correction(ContentModel):
    date: dt.date = Field(alias="datum")
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
    year: int = Field(alias="jaar", ge=2000, le=2200)
    title: Text = Field(alias="titel")
    status: Literal["concept", "gepubliceerd"]
    # "JJJJ-MM" or "JJJJ-MM-DD": the 2022 report states only the month ("juni 2022")
    published: PublicationDate | None = Field(default=None, alias="publicatiedatum")
    publisher: Text = Field(alias="uitgever")
    authors: list[Text] = Field(default_factory=list, alias="auteurs")
    licence: Text | None = Field(default=None, alias="licentie")
    corrections: list[Correction] = Field(default_factory=list, alias="correcties")
    follow_up: list[FollowUp] = Field(default_factory=list, alias="opvolging")
    follow_up_statuses: list[Text] = Field(default_factory=list, alias="statussen")
    # Fingerprint of the content as published; `stand vastleggen` records it (see freeze.py).
    fingerprint: Text | None = Field(default=None, alias="vastgelegd")

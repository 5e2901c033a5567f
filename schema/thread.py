"""A rode draad: a cross-cutting thread with its "Wat is nodig?" recommendations."""

from typing import Annotated

from pydantic import BeforeValidator, Field

from schema.common import (
    EDITORS,
    ContentModel,
    Predecessor,
    Provenance,
    Slug,
    Text,
    editors_unless_stated,
)
from schema.speelveld import Element, Level


class LevelClaim(ContentModel):
    """A niveau of a recommendation with its provenance."""

    level: Level = Field(alias="niveau")
    provenance: Provenance = Field(alias="herkomst")


class Recommendation(ContentModel):
    id: Slug
    level_claims: list[Annotated[LevelClaim, BeforeValidator(editors_unless_stated("niveau"))]] = (
        Field(default_factory=list, alias="niveaus")
    )
    text: Text = Field(alias="tekst")
    predecessor: Predecessor | None = Field(default=None, alias="vorige")

    @property
    def levels(self) -> list[Level]:
        return [claim.level for claim in self.level_claims]

    def provenance(self, level: Level) -> Provenance:
        return next((c.provenance for c in self.level_claims if c.level is level), EDITORS)


class Thread(ContentModel):
    id: Slug
    element: Element
    order: int = Field(alias="volgorde", ge=1)
    title: Text = Field(alias="titel")
    cases: list[Slug] = Field(default_factory=list, alias="casussen")
    recommendations: list[Recommendation] = Field(alias="wat_is_nodig", min_length=1)
    predecessor: Predecessor | None = Field(default=None, alias="vorige")

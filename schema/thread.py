"""A rode draad: a cross-cutting thread with its "Wat is nodig?" recommendations."""

from pydantic import Field

from schema.common import ContentModel, Predecessor, Slug, Text
from schema.speelveld import Element, Level


class Recommendation(ContentModel):
    id: Slug
    levels: list[Level] = Field(default_factory=list, alias="niveaus")
    text: Text = Field(alias="tekst")
    predecessor: Predecessor | None = Field(default=None, alias="vorige")


class Thread(ContentModel):
    id: Slug
    element: Element
    order: int = Field(alias="volgorde", ge=1)
    title: Text = Field(alias="titel")
    cases: list[Slug] = Field(default_factory=list, alias="casussen")
    recommendations: list[Recommendation] = Field(alias="wat_is_nodig", min_length=1)
    predecessor: Predecessor | None = Field(default=None, alias="vorige")

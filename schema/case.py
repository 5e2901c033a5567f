"""A casus: one or more personas, the gemeente's roles, and one knelpunt per element."""

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
from schema.speelveld import Element, Role


class Persona(ContentModel):
    name: Text = Field(alias="naam")
    age: int | None = Field(default=None, alias="leeftijd", ge=0, le=120)
    description: Text = Field(alias="beschrijving")


class AnswerLink(ContentModel):
    """A knelpunt -> "wat is nodig" link with its provenance."""

    id: Slug
    provenance: Provenance = Field(alias="herkomst")


class Bottleneck(ContentModel):
    id: Slug
    element: Element
    key_sentence: Text = Field(alias="kernzin")
    links: list[Annotated[AnswerLink, BeforeValidator(editors_unless_stated("id"))]] = Field(
        default_factory=list, alias="wat_is_nodig"
    )
    no_answer_reason: Text | None = Field(default=None, alias="zonder_antwoord")
    predecessor: Predecessor | None = Field(default=None, alias="vorige")

    @property
    def answered_by(self) -> list[str]:
        return [link.id for link in self.links]

    def provenance(self, recommendation_id: str) -> Provenance:
        return next((k.provenance for k in self.links if k.id == recommendation_id), EDITORS)


class Case(ContentModel):
    id: Slug
    number: int = Field(alias="nummer", ge=1, le=99)
    title: Text = Field(alias="titel")
    personas: list[Persona] = Field(alias="personas", min_length=1)
    municipality: Text = Field(alias="gemeente")
    roles: list[Role] = Field(alias="rollen", min_length=1)
    partners: list[Text] = Field(default_factory=list, alias="ketenpartners")
    laws: list[Text] = Field(default_factory=list, alias="wetten")
    bottlenecks: list[Bottleneck] = Field(alias="knelpunten", min_length=1)
    predecessor: Predecessor | None = Field(default=None, alias="vorige")

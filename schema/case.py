"""A casus: one or more personas, the gemeente's roles, and one knelpunt per element."""

from pydantic import Field

from schema.common import ContentModel, Predecessor, Slug, Text
from schema.speelveld import Element, Role


class Persona(ContentModel):
    name: Text = Field(alias="naam")
    age: int | None = Field(default=None, alias="leeftijd", ge=0, le=120)
    description: Text = Field(alias="beschrijving")


class Bottleneck(ContentModel):
    id: Slug
    element: Element
    key_sentence: Text = Field(alias="kernzin")
    answered_by: list[Slug] = Field(default_factory=list, alias="wat_is_nodig")
    no_answer_reason: Text | None = Field(default=None, alias="zonder_antwoord")
    predecessor: Predecessor | None = Field(default=None, alias="vorige")


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

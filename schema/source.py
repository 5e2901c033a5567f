"""A bron: one entry of the edition's bibliography (Bijlage C)."""

from typing import Literal

from pydantic import Field, RootModel

from schema.common import ContentModel, Slug, Text


class Source(ContentModel):
    id: Slug
    kind: Literal["publicatie", "website"] = Field(alias="soort")
    citation: Text = Field(alias="vermelding")
    author: Text | None = Field(default=None, alias="auteur")
    title: Text | None = Field(default=None, alias="titel")
    year: int | None = Field(default=None, alias="jaar", ge=1800, le=2200)
    place: Text | None = Field(default=None, alias="plaats")
    url: Text | None = None


class SourceList(RootModel[list[Source]]):
    pass

"""A framing chapter (voorwoord, inleiding, bijlagen), with its figures as data."""

from typing import Literal

from pydantic import Field

from schema.common import ContentModel, Slug, Text


class ChartValue(ContentModel):
    label: Text
    value: float = Field(alias="waarde", allow_inf_nan=False)  # .inf/.nan cannot be drawn


class Chart(ContentModel):
    id: Slug
    title: Text = Field(alias="titel")
    unit: Text = Field(alias="eenheid")
    # What the labels are ("Functiegebied"): the header of the table that repeats the chart.
    label_header: Text | None = Field(default=None, alias="labelkop")
    source_id: Slug | None = Field(default=None, alias="bron")
    values: list[ChartValue] = Field(alias="waarden", min_length=1)


class KeyFigure(ContentModel):
    description: Text = Field(alias="omschrijving")
    value: float = Field(alias="waarde", allow_inf_nan=False)
    unit: Text = Field(alias="eenheid")
    period: Text | None = Field(default=None, alias="periode")


class Figure(ContentModel):
    """A figure or table of the report that is not a chart of numbers (```figuur fence).

    niet-overgenomen: the source text of this edition lost it; the page says so in its place.
    getekend: the site draws it (`tekening`), e.g. the speelveld from schema/speelveld.py.
    """

    id: Slug
    # the editors' description; the report's own caption, if any, is the paragraph after the fence
    title: Text | None = Field(default=None, alias="titel")
    kind: Literal["figuur", "grafiek", "tabel"] = Field(default="figuur", alias="soort")
    status: Literal["niet-overgenomen", "getekend"]
    drawing: Literal["speelveld"] | None = Field(default=None, alias="tekening")
    source: Text | None = Field(default=None, alias="bron")  # when no "Bron:" line follows


class Chapter(ContentModel):
    id: Slug
    title: Text = Field(alias="titel")
    order: int = Field(alias="volgorde", ge=1)
    charts: list[Chart] = Field(default_factory=list, alias="grafieken")
    figures: list[Figure] = Field(default_factory=list, alias="figuren")
    key_figures: list[KeyFigure] = Field(default_factory=list, alias="kerncijfers")

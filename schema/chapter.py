"""A framing chapter (voorwoord, inleiding, bijlagen), with its figures as data."""

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


class Chapter(ContentModel):
    id: Slug
    title: Text = Field(alias="titel")
    order: int = Field(alias="volgorde", ge=1)
    charts: list[Chart] = Field(default_factory=list, alias="grafieken")
    key_figures: list[KeyFigure] = Field(default_factory=list, alias="kerncijfers")

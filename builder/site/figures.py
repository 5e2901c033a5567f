"""Figures drawn at build time as accessible inline SVG: the speelveld and bar charts."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from schema import Chart, ChartValue
from schema.speelveld import CENTRE, ELEMENTS, Element

SIZE = 520
NODE_RADIUS = 74
RING = 180


def speelveld_svg(url_for: Callable[[Element], str], svg_id: str = "speelveld") -> str:
    """Six elements around the centre; every element is a link to its page."""
    centre = SIZE / 2
    nodes = []
    for index, info in enumerate(ELEMENTS):
        angle = -math.pi / 2 + index * math.pi / 3
        x, y = centre + RING * math.cos(angle), centre + RING * math.sin(angle)
        nodes.append(
            f'<a href="{escape(url_for(info.element))}" class="speelveld-element">'
            f"<title>{escape(info.name)}: {escape(info.summary)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}"/>'
            f'<text x="{x:.1f}" y="{y + 6:.1f}" text-anchor="middle">{escape(info.name)}</text>'
            "</a>"
        )
    names = ", ".join(info.name for info in ELEMENTS)
    return (
        f'<svg class="speelveld" viewBox="0 0 {SIZE} {SIZE}" role="group" '
        f'aria-labelledby="{svg_id}-titel {svg_id}-desc" focusable="false">'
        f'<title id="{svg_id}-titel">Het speelveld van de professional</title>'
        f'<desc id="{svg_id}-desc">In het midden: {escape(CENTRE)}. Daaromheen de zes '
        f"elementen: {escape(names)}. Elk element is een link naar de uitleg.</desc>"
        f'<circle class="speelveld-ring" cx="{centre}" cy="{centre}" r="{RING}"/>'
        f'<circle class="speelveld-centrum" cx="{centre}" cy="{centre}" r="{NODE_RADIUS + 8}"/>'
        + "".join(
            f'<text class="speelveld-centrum-tekst" text-anchor="middle" x="{centre}" '
            f'y="{centre - 14 + 20 * row}">{word}</text>'
            for row, word in enumerate(("Integraal,", "gezaghebbend", "antwoord"))
        )
        + "".join(nodes)
        + "</svg>"
    )


BAR_HEIGHT = 26
BAR_GAP = 14
BAR_WIDTH = 260
FONT_SIZE = 14  # px; stand.css draws chart text at this size
PAD = 8
# A conservative width per character, in em, for the sans-serif fonts a browser may pick
# (DejaVu Sans is the widest common one): too wide only costs some white space, too narrow
# would clip a label.
NARROW, WIDE, DEFAULT = 0.36, 0.95, 0.66
NARROW_CHARS = set("fijlrt.,:;!|/()[]' ’‘-")
WIDE_CHARS = set("mwMW%@")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of the drawn width of `text` in px."""
    ems = sum(
        NARROW if c in NARROW_CHARS else WIDE if c in WIDE_CHARS or c.isupper() else DEFAULT
        for c in text
    )
    return ems * size


@dataclass(frozen=True)
class ChartScale:
    """One scale for charts that are read together: the same value is drawn the same length."""

    top: float  # the value drawn at BAR_WIDTH
    label_width: float  # room for the longest label
    value_width: float  # room for the longest value text after a bar

    @property
    def width(self) -> float:
        return self.label_width + BAR_WIDTH + self.value_width


def chart_scale(charts: list[Chart]) -> ChartScale:
    return ChartScale(
        top=max(v.value for c in charts for v in c.values) or 1,
        label_width=max(text_width(v.label) for c in charts for v in c.values) + 2 * PAD,
        value_width=max(text_width(value_text(c, v)) for c in charts for v in c.values) + 2 * PAD,
    )


def format_number(value: float) -> str:
    """Dutch decimal comma; whole numbers without decimals."""
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",")


def value_text(chart: Chart, item: ChartValue) -> str:
    return f"{format_number(item.value)} {chart.unit}"


def bar_chart_svg(chart: Chart, scale: ChartScale | None = None) -> str:
    """Horizontal bars; every value is also written as text, so nothing depends on colour.

    Charts with one `scale` share their bar origin, bar length per unit and total width, so
    they can be compared (the page draws the SVG at its own width, or narrower on a phone)."""
    scale = scale or chart_scale([chart])
    height = len(chart.values) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    origin = scale.label_width
    rows = []
    for index, item in enumerate(chart.values):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = BAR_WIDTH * max(item.value, 0) / scale.top
        rows.append(
            f'<text x="{origin - PAD:.1f}" y="{y + 18}" text-anchor="end">'
            f"{escape(item.label)}</text>"
            f'<rect x="{origin:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}"/>'
            f'<text x="{origin + width + PAD:.1f}" y="{y + 18}">'
            f"{escape(value_text(chart, item))}</text>"
        )
    summary = "; ".join(f"{v.label}: {value_text(chart, v)}" for v in chart.values)
    return (
        f'<svg class="grafiek" viewBox="0 0 {scale.width:.0f} {height}" width="{scale.width:.0f}" '
        f'height="{height}" role="img" aria-labelledby="{chart.id}-titel {chart.id}-desc">'
        f'<title id="{chart.id}-titel">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(summary)}</desc>' + "".join(rows) + "</svg>"
    )


LABEL_HEADER = "Onderdeel"  # a chart without `labelkop`


def data_table(chart: Chart) -> str:
    header = chart.label_header or LABEL_HEADER
    rows = "".join(
        f'<tr><th scope="row">{escape(v.label)}</th><td>{format_number(v.value)}</td></tr>'
        for v in chart.values
    )
    return (
        f'<div class="tabel-container"><table class="grafiek-tabel">'
        f"<caption>{escape(chart.title)} (tabel)</caption>"
        f'<thead><tr><th scope="col">{escape(header)}</th><th scope="col">'
        f"{escape(chart.unit.capitalize())}</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )

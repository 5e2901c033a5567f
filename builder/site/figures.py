"""Figures drawn at build time as accessible inline SVG: the speelveld and bar charts."""

import math
from collections.abc import Callable
from html import escape

from schema import Chart
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
LABEL_WIDTH = 250
BAR_WIDTH = 260
CHART_WIDTH = LABEL_WIDTH + BAR_WIDTH + 70


def format_number(value: float) -> str:
    """Dutch decimal comma; whole numbers without decimals."""
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",")


def bar_chart_svg(chart: Chart) -> str:
    """Horizontal bars; every value is also written as text, so nothing depends on colour."""
    top = max(v.value for v in chart.values) or 1
    height = len(chart.values) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    rows = []
    for index, item in enumerate(chart.values):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = BAR_WIDTH * item.value / top
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end">'
            f"{escape(item.label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 18}">'
            f"{format_number(item.value)} {escape(chart.unit)}</text>"
        )
    summary = "; ".join(f"{v.label}: {format_number(v.value)} {chart.unit}" for v in chart.values)
    return (
        f'<svg class="grafiek" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart.id}-titel {chart.id}-desc">'
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

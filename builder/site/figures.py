"""Figures drawn at build time as accessible inline SVG: the speelveld and bar charts."""

import math
from collections.abc import Callable
from dataclasses import dataclass

from schema import Chart, ChartValue
from schema.speelveld import CENTRE, ELEMENTS, Element

SIZE = 520
NODE_RADIUS = 74
RING = 180


@dataclass(frozen=True)
class SpeelveldNode:
    href: str
    name: str
    summary: str
    x: str
    y: str
    text_y: str


@dataclass(frozen=True)
class SpeelveldDrawing:
    """Where _tekeningen.html draws the speelveld: coordinates as SVG writes them."""

    id: str
    size: int
    centre: str
    ring: int
    centre_radius: int
    radius: int
    centre_text: str
    names: str
    words: list[tuple[str, str]]  # the centre's words with their y
    nodes: list[SpeelveldNode]


def speelveld_drawing(
    url_for: Callable[[Element], str], svg_id: str = "speelveld"
) -> SpeelveldDrawing:
    """Six elements around the centre; every element is a link to its page."""
    centre = SIZE / 2
    nodes = []
    for index, info in enumerate(ELEMENTS):
        angle = -math.pi / 2 + index * math.pi / 3
        x, y = centre + RING * math.cos(angle), centre + RING * math.sin(angle)
        nodes.append(
            SpeelveldNode(
                url_for(info.element),
                info.name,
                info.summary,
                f"{x:.1f}",
                f"{y:.1f}",
                f"{y + 6:.1f}",
            )
        )
    return SpeelveldDrawing(
        id=svg_id,
        size=SIZE,
        centre=str(centre),
        ring=RING,
        centre_radius=NODE_RADIUS + 8,
        radius=NODE_RADIUS,
        centre_text=CENTRE,
        names=", ".join(info.name for info in ELEMENTS),
        words=[
            (word, str(centre - 14 + 20 * row))
            for row, word in enumerate(("Integraal,", "gezaghebbend", "antwoord"))
        ],
        nodes=nodes,
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


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int
    text_y: int
    label_x: str
    x: str
    width: str
    value_x: str


@dataclass(frozen=True)
class BarChartDrawing:
    """Where _tekeningen.html draws a bar chart: coordinates as SVG writes them."""

    id: str
    title: str
    summary: str
    width: str
    height: int
    bar_height: int
    bars: list[Bar]


def bar_chart(chart: Chart, scale: ChartScale | None = None) -> BarChartDrawing:
    """Horizontal bars; every value is also written as text, so nothing depends on colour.

    Charts with one `scale` share their bar origin, bar length per unit and total width, so
    they can be compared (the page draws the SVG at its own width, or narrower on a phone)."""
    scale = scale or chart_scale([chart])
    origin = scale.label_width
    bars = []
    for index, item in enumerate(chart.values):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = BAR_WIDTH * max(item.value, 0) / scale.top
        bars.append(
            Bar(
                label=item.label,
                value=value_text(chart, item),
                y=y,
                text_y=y + 18,
                label_x=f"{origin - PAD:.1f}",
                x=f"{origin:.1f}",
                width=f"{width:.1f}",
                value_x=f"{origin + width + PAD:.1f}",
            )
        )
    return BarChartDrawing(
        id=chart.id,
        title=chart.title,
        summary="; ".join(f"{v.label}: {value_text(chart, v)}" for v in chart.values),
        width=f"{scale.width:.0f}",
        height=len(chart.values) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP,
        bar_height=BAR_HEIGHT,
        bars=bars,
    )


LABEL_HEADER = "Onderdeel"  # a chart without `labelkop`


@dataclass(frozen=True)
class DataTable:
    title: str
    header: str
    unit: str
    rows: list[tuple[str, str]]


def data_table(chart: Chart) -> DataTable:
    """The chart's numbers as a table next to the drawing."""
    return DataTable(
        title=chart.title,
        header=chart.label_header or LABEL_HEADER,
        unit=chart.unit.capitalize(),
        rows=[(v.label, format_number(v.value)) for v in chart.values],
    )

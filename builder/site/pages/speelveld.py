"""The speelveld: the figure with its role pairs, a page per element and the matrix."""

from dataclasses import dataclass
from functools import partial

from builder.site.context import BottleneckView, Link, MatrixRow, ThreadCard
from builder.site.figures import SpeelveldDrawing, speelveld_drawing
from builder.site.pages.spec import PageSpec
from builder.site.plan import BodyRenderer, EditionPlan
from builder.site.urls import MATRIX_URL, SPEELVELD_URL, case_url, element_url, relative
from builder.site.views import bottleneck_view, case_label, element_link, thread_card
from schema.speelveld import CENTRE, ELEMENTS, ROLE_PAIRS, ElementInfo, Role


@dataclass(frozen=True)
class SpeelveldView:
    svg: SpeelveldDrawing
    centre: str
    elements: list[tuple[Link, ElementInfo]]
    role_pairs: tuple[tuple[str, Role], ...]
    matrix_url: str


@dataclass(frozen=True)
class ElementView:
    info: ElementInfo
    bottlenecks: list[BottleneckView]
    threads: list[ThreadCard]


@dataclass(frozen=True)
class MatrixView:
    elements: list[Link]
    rows: list[MatrixRow]


def speelveld_pages(plan: EditionPlan, bodies: BodyRenderer) -> list[PageSpec]:
    rel = partial(relative, SPEELVELD_URL)
    view = SpeelveldView(
        svg=speelveld_drawing(lambda e: rel(element_url(e))),
        centre=CENTRE,
        elements=[(element_link(i.element, rel), i) for i in ELEMENTS],
        role_pairs=ROLE_PAIRS,
        matrix_url=rel(MATRIX_URL),
    )
    title = "Het speelveld van de professional"
    pages = [PageSpec("speelveld.html", SPEELVELD_URL, title, view)]
    pages += [element_page(plan, bodies, info) for info in ELEMENTS]
    return [*pages, matrix_page(plan)]


def element_page(plan: EditionPlan, bodies: BodyRenderer, info: ElementInfo) -> PageSpec:
    url = element_url(info.element)
    rel = partial(relative, url)
    recommendation = partial(bodies.recommendation, url)
    view = ElementView(
        info=info,
        bottlenecks=[
            bottleneck_view(plan.lib, b, rel, recommendation)
            for d in plan.lib.cases
            for b in d.model.bottlenecks
            if b.element is info.element
        ],
        threads=[
            thread_card(d.model, rel) for d in plan.lib.threads if d.model.element is info.element
        ],
    )
    filters = {"soort": ["Element"], "element": [info.name]}
    return PageSpec("element.html", url, info.name, view, filters)


def matrix_page(plan: EditionPlan) -> PageSpec:
    rel = partial(relative, MATRIX_URL)
    rows = []
    for document in plan.lib.cases:
        case = document.model
        cells = [
            [
                Link(rel(f"{case_url(case.id)}#{b.id}"), b.key_sentence)
                for b in case.bottlenecks
                if b.element is info.element
            ]
            for info in ELEMENTS
        ]
        rows.append(MatrixRow(Link(rel(case_url(case.id)), case_label(case)), cells))
    view = MatrixView([element_link(i.element, rel) for i in ELEMENTS], rows)
    return PageSpec("matrix.html", MATRIX_URL, "Matrix: casussen en elementen", view, wide=True)

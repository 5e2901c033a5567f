"""All knelpunten and all aanbevelingen of the edition, each on one page, by element (and
niveau): the way in for a reader who looks for one without knowing its casus or rode draad."""

from dataclasses import dataclass
from functools import partial

from builder.site.context import BottleneckView, Link, RecommendationView
from builder.site.pages.spec import PageSpec
from builder.site.plan import BodyRenderer, EditionPlan
from builder.site.urls import BOTTLENECKS_URL, RECOMMENDATIONS_URL, level_url, relative
from builder.site.views import bottleneck_view, element_link, recommendation_view
from schema.speelveld import ELEMENTS, LEVELS


@dataclass(frozen=True)
class BottlenecksView:
    groups: list[tuple[Link, list[BottleneckView]]]  # per element: its link and knelpunten


@dataclass(frozen=True)
class RecommendationsView:
    groups: list[tuple[Link, list[RecommendationView]]]  # per element
    levels: list[tuple[Link, int]]  # each niveau's page and its number of aanbevelingen


def overview_pages(plan: EditionPlan, bodies: BodyRenderer) -> list[PageSpec]:
    return [bottlenecks_page(plan, bodies), recommendations_page(plan, bodies)]


def bottlenecks_page(plan: EditionPlan, bodies: BodyRenderer) -> PageSpec:
    rel = partial(relative, BOTTLENECKS_URL)
    markdown = partial(bodies.recommendation, BOTTLENECKS_URL)
    groups = [
        (
            element_link(info.element, rel),
            [
                bottleneck_view(plan.lib, b, rel, markdown)
                for d in plan.lib.cases
                for b in d.model.bottlenecks
                if b.element is info.element
            ],
        )
        for info in ELEMENTS
    ]
    view = BottlenecksView(groups)
    return PageSpec("knelpunten.html", BOTTLENECKS_URL, "Alle knelpunten", view)


def recommendations_page(plan: EditionPlan, bodies: BodyRenderer) -> PageSpec:
    rel = partial(relative, RECOMMENDATIONS_URL)
    markdown = partial(bodies.recommendation, RECOMMENDATIONS_URL)
    groups = [
        (
            element_link(info.element, rel),
            [
                recommendation_view(plan.lib, r, rel, markdown)
                for d in plan.lib.threads
                if d.model.element is info.element
                for r in d.model.recommendations
            ],
        )
        for info in ELEMENTS
    ]
    every = [r for d in plan.lib.threads for r in d.model.recommendations]
    levels = [
        (Link(rel(level_url(i.level)), i.name), sum(i.level in r.levels for r in every))
        for i in LEVELS
    ]
    view = RecommendationsView(groups, levels)
    return PageSpec("aanbevelingen.html", RECOMMENDATIONS_URL, "Alle aanbevelingen", view)

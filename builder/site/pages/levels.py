"""The niveaus: the overview and a page per niveau with its aanbevelingen."""

from dataclasses import dataclass
from functools import partial

from builder.site.context import Link, RecommendationView
from builder.site.pages.spec import PageSpec
from builder.site.plan import BodyRenderer, EditionPlan
from builder.site.urls import LEVELS_URL, level_url, relative
from builder.site.views import recommendation_view
from schema.speelveld import LEVELS, LevelInfo


@dataclass(frozen=True)
class LevelsView:
    levels: list[tuple[Link, str, int]]  # link, description, number of aanbevelingen


@dataclass(frozen=True)
class LevelView:
    info: LevelInfo
    recommendations: list[RecommendationView]


def level_pages(plan: EditionPlan, bodies: BodyRenderer) -> list[PageSpec]:
    rel = partial(relative, LEVELS_URL)
    recommendations = [r for d in plan.lib.threads for r in d.model.recommendations]
    overview = LevelsView(
        [
            (
                Link(rel(level_url(i.level)), i.name),
                i.description,
                sum(i.level in r.levels for r in recommendations),
            )
            for i in LEVELS
        ]
    )
    pages = [PageSpec("niveaus.html", LEVELS_URL, "Niveaus", overview)]
    for info in LEVELS:
        url = level_url(info.level)
        view = LevelView(
            info,
            [
                recommendation_view(
                    plan.lib, r, partial(relative, url), partial(bodies.recommendation, url)
                )
                for r in recommendations
                if info.level in r.levels
            ],
        )
        filters = {"soort": ["niveau"], "niveau": [info.level.value]}
        pages.append(PageSpec("niveau.html", url, f"Niveau: {info.name}", view, filters))
    return pages

"""The rode draden: the overview, a page per rode draad and a page per aanbeveling."""

from dataclasses import dataclass
from functools import partial

from builder.site.context import FollowUpView, Link, RecommendationView, ThreadCard
from builder.site.pages.spec import PageSpec
from builder.site.plan import BodyRenderer, EditionPlan
from builder.site.sections import BodyHtml
from builder.site.urls import (
    RODE_DRADEN_CHAPTER,
    THREADS_URL,
    case_url,
    recommendation_page_url,
    relative,
    thread_url,
)
from builder.site.views import (
    case_label,
    element_link,
    recommendation_label,
    recommendation_view,
    thread_card,
)
from schema import Recommendation, Thread
from schema.speelveld import ELEMENTS, element_info, level_info


@dataclass(frozen=True)
class ThreadsView:
    intro: BodyHtml | str  # "" without an opening chapter
    groups: list[tuple[str, list[ThreadCard]]]  # per element: its name and rode draden


@dataclass(frozen=True)
class ThreadFacts:
    title: str


@dataclass(frozen=True)
class ThreadView:
    thread: ThreadFacts
    element: Link
    body: BodyHtml
    recommendations: list[RecommendationView]
    cases: list[Link]


@dataclass(frozen=True)
class RecommendationPageView:
    recommendation: RecommendationView
    follow_up: list[FollowUpView]  # what this edition says about its predecessor


def thread_pages(plan: EditionPlan, bodies: BodyRenderer) -> list[PageSpec]:
    pages = [threads_overview(plan, bodies)]
    for document in plan.lib.threads:
        assert document.body is not None
        thread = document.model
        url = thread_url(thread.id)
        view = ThreadView(
            thread=ThreadFacts(thread.title),
            element=element_link(thread.element, partial(relative, url)),
            body=bodies.html(document.body, url),
            recommendations=[_recommendation(plan, bodies, r, url) for r in thread.recommendations],
            # to the casus's section on this rode draad's element
            cases=[
                Link(
                    relative(url, f"{case_url(c)}#{thread.element.value}"),
                    case_label(plan.lib.case(c)),
                )
                for c in thread.cases
            ],
        )
        levels = sorted({level_info(lvl).name for r in thread.recommendations for lvl in r.levels})
        filters = {
            "soort": ["Rode draad"],
            "element": [element_info(thread.element).name],
            "niveau": levels,
        }
        pages.append(
            PageSpec(
                "rode-draad.html",
                url,
                thread.title,
                view,
                filters,
                thread.id,
                section=bool(thread.recommendations),
            )
        )
        pages += [recommendation_page(plan, bodies, thread, r) for r in thread.recommendations]
    return pages


def threads_overview(plan: EditionPlan, bodies: BodyRenderer) -> PageSpec:
    rel = partial(relative, THREADS_URL)
    opening = next((d for d in plan.lib.chapters if d.model.id == RODE_DRADEN_CHAPTER), None)
    groups = [
        (
            info.name,
            [
                thread_card(d.model, rel)
                for d in plan.lib.threads
                if d.model.element is info.element
            ],
        )
        for info in ELEMENTS
    ]
    intro = bodies.html(opening.body, THREADS_URL) if opening and opening.body else ""
    return PageSpec("rode-draden.html", THREADS_URL, "Rode draden", ThreadsView(intro, groups))


def _recommendation(
    plan: EditionPlan, bodies: BodyRenderer, recommendation: Recommendation, url: str
) -> RecommendationView:
    return recommendation_view(
        plan.lib, recommendation, partial(relative, url), partial(bodies.recommendation, url)
    )


def recommendation_page(
    plan: EditionPlan, bodies: BodyRenderer, thread: Thread, recommendation: Recommendation
) -> PageSpec:
    url = recommendation_page_url(recommendation.id)
    label = recommendation_label(thread, recommendation.id)
    view = RecommendationPageView(
        _recommendation(plan, bodies, recommendation, url), _follow_up_of(plan, recommendation.id)
    )
    filters = {
        "soort": ["Aanbeveling"],
        "element": [element_info(thread.element).name],
        "niveau": [level_info(lvl).name for lvl in recommendation.levels],
    }
    title = f"{label} – {thread.title}"
    return PageSpec("aanbeveling.html", url, title, view, filters, recommendation.id, short=label)


def _follow_up_of(plan: EditionPlan, recommendation_id: str) -> list[FollowUpView]:
    previous = plan.predecessors.get(recommendation_id)
    if previous is None:
        return []
    url = relative(
        recommendation_page_url(recommendation_id),
        f"../{previous[0]}/{recommendation_page_url(previous[1])}",
    )
    fact = plan.follow_up[previous]
    return [FollowUpView(previous[0], previous[1], url, fact.status, fact.explanation, None)]

"""Build the template-facing views (context.py) from an edition's linked library."""

from collections.abc import Callable

from builder.content.library import EditionLibrary
from builder.site.context import (
    BottleneckLink,
    BottleneckView,
    CaseCard,
    LevelBadge,
    Link,
    RecommendationView,
    ThreadCard,
)
from builder.site.sections import BodyHtml
from builder.site.urls import (
    bottleneck_page_url,
    case_url,
    element_url,
    level_url,
    recommendation_page_url,
    thread_url,
)
from schema import Bottleneck, Case, Recommendation, Thread
from schema.common import EDITORS
from schema.speelveld import Element, element_info, level_info

Rel = Callable[[str], str]  # edition-relative URL -> URL relative to the current page
MarkdownRenderer = Callable[[str], BodyHtml]  # recommendation id -> its text


def case_label(case: Case) -> str:
    return f"Casus {case.number}: {persona_names(case)}"


def persona_names(case: Case) -> str:
    names = [p.name for p in case.personas]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def bottleneck_label(case: Case, bottleneck: Bottleneck) -> str:
    """'Knelpunt Expertise', numbered when the casus has more than one under that element."""
    same = [b.id for b in case.bottlenecks if b.element is bottleneck.element]
    number = f" {same.index(bottleneck.id) + 1}" if len(same) > 1 else ""
    return f"Knelpunt {element_info(bottleneck.element).name}{number}"


def recommendation_number(thread: Thread, recommendation_id: str) -> int | None:
    """Its number on the rode draad's page ('Aanbeveling 2'), when the thread has several."""
    ids = [r.id for r in thread.recommendations]
    return ids.index(recommendation_id) + 1 if len(ids) > 1 else None


def recommendation_label(thread: Thread, recommendation_id: str) -> str:
    number = recommendation_number(thread, recommendation_id)
    return f"Wat is nodig (aanbeveling {number})" if number else "Wat is nodig"


def element_link(element: Element, rel: Rel) -> Link:
    return Link(rel(element_url(element)), element_info(element).name)


def bottleneck_link(
    lib: EditionLibrary, bottleneck_id: str, rel: Rel, recommendation_id: str | None = None
) -> BottleneckLink:
    case = lib.case(lib.case_of_bottleneck[bottleneck_id])
    bottleneck = lib.bottleneck(bottleneck_id)
    return BottleneckLink(
        id=bottleneck_id,
        key_sentence=bottleneck.key_sentence,
        case=Link(rel(case_url(case.id)), case_label(case)),
        url=rel(f"{case_url(case.id)}#{bottleneck_id}"),
        by_editors=recommendation_id is not None
        and bottleneck.provenance(recommendation_id) == EDITORS,
    )


def recommendation_view(
    lib: EditionLibrary,
    recommendation: Recommendation,
    rel: Rel,
    markdown: MarkdownRenderer,
    with_answers: bool = True,
    answering: Bottleneck | None = None,
) -> RecommendationView:
    """`answering`: the knelpunt the recommendation is shown as the answer to, if any."""
    thread = lib.thread(lib.thread_of_recommendation[recommendation.id])
    answers = [
        bottleneck_link(lib, b, rel, recommendation.id)
        for b in lib.answered.get(recommendation.id, [])
    ]
    return RecommendationView(
        id=recommendation.id,
        label=recommendation_label(thread, recommendation.id),
        number=recommendation_number(thread, recommendation.id),
        html=markdown(recommendation.id),
        levels=[
            # to the recommendation itself within the niveau's page
            LevelBadge(
                lvl.value,
                level_info(lvl).name,
                rel(f"{level_url(lvl)}#{recommendation.id}"),
                recommendation.provenance(lvl) == EDITORS,
            )
            for lvl in recommendation.levels
        ],
        thread=Link(rel(f"{thread_url(thread.id)}#{recommendation.id}"), thread.title),
        element=element_link(thread.element, rel),
        page=Link(rel(recommendation_page_url(recommendation.id)), recommendation.id),
        answers=answers if with_answers else [],
        link_by_editors=None
        if answering is None
        else answering.provenance(recommendation.id) == EDITORS,
    )


def bottleneck_view(
    lib: EditionLibrary, bottleneck: Bottleneck, rel: Rel, markdown: MarkdownRenderer
) -> BottleneckView:
    case = lib.case(lib.case_of_bottleneck[bottleneck.id])
    answers = [
        recommendation_view(
            lib, lib.recommendation(r), rel, markdown, with_answers=False, answering=bottleneck
        )
        for r in lib.answers.get(bottleneck.id, [])
    ]
    return BottleneckView(
        id=bottleneck.id,
        key_sentence=bottleneck.key_sentence,
        label=bottleneck_label(case, bottleneck),
        element=element_link(bottleneck.element, rel),
        element_slug=bottleneck.element.value,
        case=Link(rel(f"{case_url(case.id)}#{bottleneck.id}"), case_label(case)),
        page=Link(rel(bottleneck_page_url(bottleneck.id)), bottleneck.id),
        answers=answers,
        no_answer_reason=bottleneck.no_answer_reason,
    )


def case_card(case: Case, rel: Rel) -> CaseCard:
    return CaseCard(
        number=case.number,
        title=case.title,
        personas=persona_names(case),
        summary=case.personas[0].description,
        url=rel(case_url(case.id)),
    )


def thread_card(thread: Thread, rel: Rel) -> ThreadCard:
    return ThreadCard(
        order=thread.order,
        title=thread.title,
        element=element_info(thread.element).name,
        url=rel(thread_url(thread.id)),
        recommendation_count=len(thread.recommendations),
    )


MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def publication_label(published: str | None) -> str:
    """'2022-06' -> 'juni 2022'; '2022-06-30' -> '30 juni 2022'."""
    if not published:
        return ""
    parts = [int(p) for p in published.split("-")]
    label = f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {label}" if len(parts) == 3 else label

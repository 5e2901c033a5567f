"""The casussen: the overview, a page per casus and a page per knelpunt."""

from dataclasses import dataclass
from functools import partial

from builder.content.body import Body
from builder.site.context import (
    BottleneckView,
    CaseCard,
    Link,
    PersonaView,
    Section,
)
from builder.site.pages.spec import PageSpec
from builder.site.plan import BodyRenderer, EditionPlan
from builder.site.sections import BodyHtml, h2_sections, split_footnotes
from builder.site.urls import (
    CASES_URL,
    bottleneck_page_url,
    case_url,
    relative,
    thread_url,
)
from builder.site.views import (
    bottleneck_label,
    bottleneck_view,
    case_card,
    case_label,
    persona_names,
)
from schema import Bottleneck, Case
from schema.speelveld import element_info


@dataclass(frozen=True)
class CasesView:
    cases: list[CaseCard]


@dataclass(frozen=True)
class CaseFacts:
    title: str
    municipality: str
    partners: list[str]
    laws: list[str]


@dataclass(frozen=True)
class CaseView:
    case: CaseFacts
    label: str
    personas: list[PersonaView]
    roles: list[str]
    sections: list[Section]
    footnotes: BodyHtml | str  # "" without footnotes
    threads: list[Link]


@dataclass(frozen=True)
class BottleneckPageView:
    bottleneck: BottleneckView


def case_pages(plan: EditionPlan, bodies: BodyRenderer) -> list[PageSpec]:
    rel = partial(relative, CASES_URL)
    cases = [d.model for d in plan.lib.cases]
    pages = [
        PageSpec(
            "casussen.html", CASES_URL, "Casussen", CasesView([case_card(c, rel) for c in cases])
        )
    ]
    for document in plan.lib.cases:
        assert document.body is not None
        pages.append(case_page(plan, bodies, document.model, document.body))
        pages += [
            bottleneck_page(plan, bodies, document.model, b) for b in document.model.bottlenecks
        ]
    return pages


def case_page(plan: EditionPlan, bodies: BodyRenderer, case: Case, body: Body) -> PageSpec:
    url = case_url(case.id)
    rel = partial(relative, url)
    views = {
        b.id: bottleneck_view(plan.lib, b, rel, partial(bodies.recommendation, url))
        for b in case.bottlenecks
    }
    sections, footnotes = case_sections(bodies, body, url, case.bottlenecks, views)
    view = CaseView(
        case=CaseFacts(case.title, case.municipality, case.partners, case.laws),
        label=case_label(case),
        personas=[PersonaView(p.name, p.age, p.description) for p in case.personas],
        roles=[r.value for r in case.roles],
        sections=sections,
        footnotes=footnotes,
        threads=[
            Link(rel(thread_url(t)), plan.lib.thread(t).title)
            for t in plan.lib.threads_naming_case.get(case.id, [])
        ],
    )
    filters = {"soort": ["Casus"], "casus": [persona_names(case)]}
    return PageSpec(
        "casus.html",
        url,
        f"{case_label(case)} – {case.title}",
        view,
        filters,
        case.id,
        short=case_label(case),
        section=bool(case.bottlenecks),
    )


def case_sections(
    bodies: BodyRenderer,
    body: Body,
    url: str,
    bottlenecks: list[Bottleneck],
    views: dict[str, BottleneckView],
) -> tuple[list[Section], BodyHtml | str]:
    """Render each h2 section and put the knelpunten of an element at its end."""
    main, notes = split_footnotes(body.tokens)
    by_section: dict[str, list[BottleneckView]] = {}
    for b in bottlenecks:
        by_section.setdefault(element_info(b.element).name, []).append(views[b.id])
    sections = [
        Section(bodies.html(body, url, tokens), by_section.get(heading, []))
        for heading, tokens in h2_sections(main)
    ]
    return sections, bodies.html(body, url, notes) if notes else ""


def bottleneck_page(
    plan: EditionPlan, bodies: BodyRenderer, case: Case, bottleneck: Bottleneck
) -> PageSpec:
    url = bottleneck_page_url(bottleneck.id)
    rel = partial(relative, url)
    view = bottleneck_view(plan.lib, bottleneck, rel, partial(bodies.recommendation, url))
    label = bottleneck_label(case, bottleneck)
    filters = {
        "soort": ["Knelpunt"],
        "element": [element_info(bottleneck.element).name],
        "casus": [persona_names(case)],
    }
    return PageSpec(
        "knelpunt.html",
        url,
        f"{label} – {case_label(case)}",
        BottleneckPageView(view),
        filters,
        bottleneck.id,
        short=label,
    )

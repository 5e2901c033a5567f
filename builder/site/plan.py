"""What every page of an edition needs, worked out once before any page is rendered.

Report order, the target of every internal link and the follow-up status of earlier
recommendations are computed here, so no page family depends on another having run first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import jinja2
from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder.content.body import Body
from builder.content.library import EditionLibrary, ItemKey, Library
from builder.site.abbreviations import Abbreviations
from builder.site.context import ChartView, FigureView, Link
from builder.site.editions_view import counterpart
from builder.site.figures import ChartScale, bar_chart, chart_scale, data_table, speelveld_drawing
from builder.site.placement import OWN_PAGE, Placement
from builder.site.sections import BodyHtml, Heading, body_headings
from builder.site.urls import (
    ABOUT_URL,
    CHAPTERS_BEFORE_CASES,
    RODE_DRADEN_CHAPTER,
    SOURCES_URL,
    THREADS_URL,
    case_url,
    chapter_url,
    element_url,
    recommendation_page_url,
    relative,
    thread_url,
)


@dataclass(frozen=True)
class FollowUpFact:
    """What became of a recommendation of an earlier edition, as this edition has it."""

    year: int
    id: str
    text: str
    status: str  # aanhoudend | opgelost | vervallen | onbekend ...
    explanation: str | None = None
    successor: str | None = None  # the same recommendation's id in this edition


@dataclass(frozen=True)
class EditionPlan:
    lib: EditionLibrary
    library: Library
    years: list[int]  # the editions rendered together (for search across editions)
    earlier_years: list[int]
    report_order: list[str]  # the report's pages (URLs) in reading order
    # the chapters (URLs) the report has before its casussen and after its rode draden
    chapters_before: list[str]
    chapters_after: list[str]
    link_targets: dict[tuple[str, str], str]  # (scheme, id) -> edition-relative URL
    earlier_targets: dict[int, dict[tuple[str, str], str]]  # the same, per earlier edition
    follow_up: dict[ItemKey, FollowUpFact]  # every recommendation of an earlier edition
    predecessors: dict[str, ItemKey] = field(default_factory=dict)  # recommendation -> earlier


def plan_edition(lib: EditionLibrary, library: Library, years: list[int]) -> EditionPlan:
    earlier = [y for y in sorted(library.editions) if y < lib.year]
    chapters = [chapter_url(d.model.id) for d in lib.chapters if d.model.id != RODE_DRADEN_CHAPTER]
    before, after = chapters[:CHAPTERS_BEFORE_CASES], chapters[CHAPTERS_BEFORE_CASES:]
    return EditionPlan(
        lib=lib,
        library=library,
        years=years,
        earlier_years=earlier,
        report_order=report_urls(lib, before, after),
        chapters_before=before,
        chapters_after=after,
        link_targets=link_targets(lib),
        earlier_targets={year: link_targets(library.editions[year]) for year in earlier},
        follow_up={
            (year, rec.id): follow_up_fact(library, lib.year, year, rec.id, rec.text)
            for year in earlier
            for thread in library.editions[year].threads
            for rec in thread.model.recommendations
        },
        predecessors={
            rec.id: library.predecessor[(lib.year, rec.id)]
            for thread in lib.threads
            for rec in thread.model.recommendations
            if (lib.year, rec.id) in library.predecessor
        },
    )


def report_urls(lib: EditionLibrary, before: list[str], after: list[str]) -> list[str]:
    """The pages of the report, in the report's order (`before` and `after`: chapters)."""
    return [
        *before,
        *(case_url(d.model.id) for d in lib.cases),
        THREADS_URL,
        *(thread_url(d.model.id) for d in lib.threads),
        *after,
        SOURCES_URL,
    ]


def link_targets(lib: EditionLibrary) -> dict[tuple[str, str], str]:
    """The edition-relative URL (with anchor) of every `scheme:id` a body may link to."""
    targets: dict[tuple[str, str], str] = {}
    for case in lib.cases:
        targets[("casus", case.model.id)] = case_url(case.model.id)
        for b in case.model.bottlenecks:
            targets[("knelpunt", b.id)] = f"{case_url(case.model.id)}#{b.id}"
    for thread in lib.threads:
        targets[("rode-draad", thread.model.id)] = thread_url(thread.model.id)
        for r in thread.model.recommendations:
            targets[("wat-is-nodig", r.id)] = f"{thread_url(thread.model.id)}#{r.id}"
            targets[("aanbeveling", r.id)] = recommendation_page_url(r.id)
    for source in lib.sources:
        targets[("bron", source.id)] = f"{SOURCES_URL}#{source.id}"
    for chapter in lib.chapters:
        targets[("hoofdstuk", chapter.model.id)] = chapter_url(chapter.model.id)
    return targets


def follow_up_fact(library: Library, judge: int, year: int, rec_id: str, text: str) -> FollowUpFact:
    """One status per recommendation, as the link stage settled it from `opvolging:` and
    `vorige:` together (link_editions.py); an edition before the previous one, not judged
    again, is followed through `vorige` links alone."""
    judged = library.follow_up.get((judge, (year, rec_id)))
    if judged is not None:
        successor = judged.successors[0] if judged.successors else None
        return FollowUpFact(year, rec_id, text, judged.status, judged.explanation, successor)
    successor = counterpart(library, (year, rec_id), judge)
    if successor is not None:
        return FollowUpFact(year, rec_id, text, "aanhoudend", successor=successor)
    return FollowUpFact(year, rec_id, text, "onbekend")


def chart_scales(lib: EditionLibrary) -> dict[str, ChartScale]:
    """Charts of one chapter in the same unit are read together: they share one scale."""
    scales: dict[str, ChartScale] = {}
    for document in lib.chapters:
        units = {chart.unit for chart in document.model.charts}
        for unit in units:
            group = [chart for chart in document.model.charts if chart.unit == unit]
            scale = chart_scale(group)
            scales |= {chart.id: scale for chart in group}
    return scales


class BodyRenderer:
    """Markdown bodies to HTML for the page at a URL: internal links resolved, charts drawn,
    written where `place(url)` says (its own page, or a part of the report on one page)."""

    def __init__(
        self,
        plan: EditionPlan,
        md: MarkdownIt,
        env: jinja2.Environment,
        place: Callable[[str], Placement] = lambda url: OWN_PAGE,
    ) -> None:
        self.plan, self.md, self.env, self.place = plan, md, env, place
        self.charts = {c.id: c for d in plan.lib.chapters for c in d.model.charts}
        self.scales = chart_scales(plan.lib)
        self.figures = {f.id: f for d in plan.lib.chapters for f in d.model.figures}
        self.sources = {s.id: s for s in plan.lib.sources}
        self.recommendations = {
            rid: body for d in plan.lib.threads for rid, body in d.texts.items()
        }

    def html(self, body: Body, url: str, tokens: list[Token] | None = None) -> BodyHtml:
        tokens = tokens if tokens is not None else body.tokens
        placement = self.place(url)
        headings = (Heading(h.level, placement.id(h.id), h.name) for h in body_headings(tokens))
        return BodyHtml(partial(self._write, body, url, tokens), tuple(headings))

    def _write(
        self, body: Body, url: str, tokens: list[Token], abbreviations: Abbreviations
    ) -> str:
        """The body as the page at `url` writes it, with that page's `abbreviations`."""
        env = {
            **body.env,
            "resolve_link": partial(self._resolve, url),
            "placement": self.place(url),
            "abbreviations": abbreviations,
            "render_chart": partial(self._chart, url, abbreviations),
            "render_figure": partial(self._figure, url, abbreviations),
        }
        rendered: str = self.md.renderer.render(tokens, self.md.options, env)
        return rendered

    def recommendation(self, url: str, recommendation_id: str) -> BodyHtml:
        return self.html(self.recommendations[recommendation_id], url)

    def _resolve(self, url: str, href: str) -> str:
        scheme, sep, target = href.partition(":")
        other, slash, item = target.rpartition("/")
        if sep and slash and other.isdigit():  # `casus:2022/pim`: the earlier edition's page
            resolved = self.plan.earlier_targets.get(int(other), {}).get((scheme, item))
            return relative(url, f"../{other}/{resolved}") if resolved is not None else href
        resolved = self.plan.link_targets.get((scheme, target)) if sep else None
        return relative(url, resolved) if resolved is not None else href

    def _chart(self, url: str, abbreviations: Abbreviations, chart_id: str) -> str:
        chart = self.charts[chart_id]
        source = self.sources[chart.source_id] if chart.source_id is not None else None
        view = ChartView(
            id=chart.id,
            title=chart.title,
            svg=bar_chart(chart, self.scales[chart.id]),
            table=data_table(chart),
            source=Link(relative(url, f"{SOURCES_URL}#{source.id}"), source.citation)
            if source is not None
            else None,
        )
        return self.env.get_template("_grafiek.html").render(
            chart=view,
            svg=view.svg,
            table=view.table,
            source=view.source,
            at=self.place(url),
            abbreviations=abbreviations,
        )

    def _figure(self, url: str, abbreviations: Abbreviations, figure_id: str) -> str:
        """The opening of a figure, up to its open <figcaption> (the renderer closes it)."""
        figure = self.figures[figure_id]
        view = FigureView(
            id=figure.id,
            kind=figure.kind,
            status=figure.status,
            title=figure.title,
            source=figure.source,
            drawing=speelveld_drawing(lambda e: relative(url, element_url(e)), f"{figure.id}-svg")
            if figure.drawing == "speelveld"
            else None,
            original=self.plan.lib.edition.original_url,
            about=relative(url, ABOUT_URL),
        )
        return self.env.get_template("_figuur.html").render(
            figure=view, at=self.place(url), abbreviations=abbreviations
        )

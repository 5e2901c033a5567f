"""Stage 4: an edition's library -> the pages (HTML bodies + nav) handed to the publish stage."""

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder.content.body import INTERNAL_SCHEMES, Body
from builder.content.glossary import Glossary
from builder.content.library import EditionLibrary, Library
from builder.content.markdown import make_markdown
from builder.site.abbreviations import expand as expand_abbreviations
from builder.site.context import (
    CitationView,
    Download,
    EditionInfo,
    FollowUpView,
    Link,
    MatrixRow,
    PersonaView,
    Section,
    SourceView,
)
from builder.site.edition_meta import (
    citation_head,
    citation_text,
    file_size_label,
    source_date_epoch,
)
from builder.site.editions_view import add_edition_navigation
from builder.site.figures import bar_chart_svg, data_table, speelveld_svg
from builder.site.home import home_text
from builder.site.opendata import csv_files, edition_data, json_schema, to_json
from builder.site.print_page import PRINT_TITLE, PRINT_URL, pdf_link, print_page_data
from builder.site.rendered import NavItem, RenderedEdition, RenderedPage
from builder.site.sections import h2_sections, split_footnotes, toc_from_html
from builder.site.template_cache import TEMPLATES
from builder.site.urls import (
    ACCESSIBILITY_URL,
    CASES_URL,
    CHAPTERS_BEFORE_CASES,
    FOLLOW_UP_URL,
    LEVELS_URL,
    MATRIX_URL,
    RODE_DRADEN_CHAPTER,
    SEARCH_URL,
    SOURCES_URL,
    SPEELVELD_URL,
    THREADS_URL,
    bottleneck_page_url,
    case_url,
    chapter_url,
    element_url,
    level_url,
    recommendation_page_url,
    relative,
    target_url,
    thread_url,
)
from builder.site.views import (
    bottleneck_view,
    case_card,
    case_label,
    element_link,
    persona_names,
    publication_label,
    recommendation_view,
    thread_card,
)
from schema import Chart
from schema.speelveld import CENTRE, ELEMENTS, LEVELS, ROLE_PAIRS, element_info


def render(
    library: Library,
    theme_dir: Path,
    years: list[int] | None = None,
    glossary: Glossary | None = None,
) -> list[RenderedEdition]:
    """Render the given editions (default: all), then link them to each other."""
    env = make_environment(theme_dir)
    md = make_markdown()
    years = sorted(years if years is not None else library.editions)
    editions = [
        EditionRenderer(
            library.editions[y], library, env, md, years, glossary or Glossary()
        ).render()
        for y in years
    ]
    return add_edition_navigation(editions, library, env)


def make_environment(theme_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_dir / "pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=TEMPLATES,  # compiled templates survive between builds (stand serve)
    )


def src_for(url: str) -> str:
    return f"{url.rstrip('/')}.md" if url else "index.md"


class EditionRenderer:
    def __init__(
        self,
        lib: EditionLibrary,
        library: Library,
        env: jinja2.Environment,
        md: MarkdownIt,
        years: list[int],
        glossary: Glossary,
    ) -> None:
        self.lib, self.library, self.env, self.md, self.years = lib, library, env, md, years
        self.glossary = glossary
        self.pages: list[RenderedPage] = []
        self.files: dict[str, str] = {}

    def render(self) -> RenderedEdition:
        self.render_home()
        for chapter in self.lib.chapters:
            if chapter.model.id != RODE_DRADEN_CHAPTER:
                self.render_chapter(chapter.model.id)
        self.render_cases()
        self.render_threads()
        self.render_speelveld()
        self.render_levels()
        self.render_sources()
        self.render_follow_up()
        self.page("afdrukken.html", PRINT_URL, PRINT_TITLE, print_page_data(self.lib, self.pages))
        self.page("toegankelijkheid.html", ACCESSIBILITY_URL, "Toegankelijkheid", {})
        self.page(
            "zoeken.html",
            SEARCH_URL,
            "Zoeken",
            {
                "editions": [
                    {"jaar": y, "pad": relative(SEARCH_URL, f"../{y}/pagefind/")}
                    for y in self.years
                    if y < self.lib.year  # later editions: from edities.json (zoeken.js)
                ]
            },
        )
        return RenderedEdition(
            self.lib.year,
            self.lib.edition.title,
            self.pages,
            self.nav(),
            self.files,
            source_date_epoch(self.lib),
            publication_label(self.lib.edition.published),
            self.lib.edition.licence or "",
            self.lib.edition.status == "concept",
        )

    # -- helpers -------------------------------------------------------------------------

    def page(
        self,
        template: str,
        url: str,
        title: str,
        data: dict[str, Any],
        filters: dict[str, list[str]] | None = None,
        item: str | None = None,
        head: dict[str, Any] | None = None,
        wide: bool = False,
    ) -> None:
        rel = partial(relative, url)
        edition = self.lib.edition
        info = EditionInfo(
            year=self.lib.year,
            title=edition.title,
            publisher=edition.publisher,
            published=publication_label(edition.published),
            authors=edition.authors,
            home=rel(""),
            accessibility=rel(ACCESSIBILITY_URL),
            search=rel(SEARCH_URL),
        )
        filters = {**(filters or {}), "editie": [str(self.lib.year)]}
        html = self.env.get_template(template).render(
            title=title,
            edition=info,
            link=rel,
            filters=filters,
            **data,
        )
        html = expand_abbreviations(html, self.glossary)  # once per page: first use expanded
        self.pages.append(
            RenderedPage(
                src_for(url),
                url,
                title,
                html,
                toc_from_html(html),
                filters,
                item,
                head or {},
                wide,
            )
        )

    def markdown(self, body: Body, url: str, tokens: list[Token] | None = None) -> str:
        env = {
            **body.env,
            "resolve_link": partial(self._resolve, url),
            "render_chart": partial(self._chart, url),
        }
        rendered: str = self.md.renderer.render(
            tokens if tokens is not None else body.tokens, self.md.options, env
        )
        return rendered

    def _resolve(self, url: str, href: str) -> str:
        scheme, sep, target = href.partition(":")
        if not sep or scheme not in INTERNAL_SCHEMES:
            return href
        other, slash, item = target.rpartition("/")
        if slash:  # `casus:2022/pim`: that page of the earlier (frozen) edition
            lib = self.library.editions[int(other)]
            return relative(url, f"../{other}/{target_url(lib, scheme, item)}")
        return relative(url, target_url(self.lib, scheme, target))

    def _chart(self, url: str, chart_id: str) -> str:
        chart = next(c for d in self.lib.chapters for c in d.model.charts if c.id == chart_id)
        return self.env.get_template("_grafiek.html").render(
            chart=chart,
            svg=bar_chart_svg(chart),
            table=data_table(chart),
            source=self._chart_source(url, chart),
        )

    def _chart_source(self, url: str, chart: Chart) -> Link | None:
        if chart.source_id is None:
            return None
        source = next(s for s in self.lib.sources if s.id == chart.source_id)
        return Link(relative(url, f"{SOURCES_URL}#{source.id}"), source.citation)

    def recommendation_markdown(self, url: str) -> Callable[[str], str]:
        texts = {rid: body for d in self.lib.threads for rid, body in d.texts.items()}
        return lambda rid: self.markdown(texts[rid], url)

    # -- pages ---------------------------------------------------------------------------

    def render_home(self) -> None:
        rel = partial(relative, "")
        downloads = self.open_data()
        edition = self.lib.edition
        self.page(
            "home.html",
            "",
            edition.title,
            {
                "speelveld": speelveld_svg(lambda e: rel(element_url(e))),
                "centre": CENTRE,
                "elements": [element_link(i.element, rel) for i in ELEMENTS],
                "cases": [case_card(d.model, rel) for d in self.lib.cases],
                "threads_url": rel(THREADS_URL),
                "matrix_url": rel(MATRIX_URL),
                "levels": [Link(rel(level_url(i.level)), i.name) for i in LEVELS],
                "chapters": [
                    Link(rel(chapter_url(d.model.id)), d.model.title) for d in self.lib.chapters
                ],
                "text": home_text(self.lib),
                "downloads": downloads,
                "report": pdf_link(self.lib.year),
                "citation": citation_text(self.lib),
                "corrections": edition.corrections,
                "follow_up_url": rel(FOLLOW_UP_URL) if self._earlier_years() else None,
            },
            head=citation_head(self.lib),
        )

    def open_data(self) -> list[Download]:
        data = edition_data(self.lib)
        year = self.lib.year
        files = {
            f"data/editie-{year}.json": to_json(data),
            f"data/editie-{year}.schema.json": json_schema(),
        }
        files |= {f"data/{name}-{year}.csv": text for name, text in csv_files(data).items()}
        self.files |= files
        labels = {"json": "Alle gegevens", "schema.json": "JSON Schema van de gegevens"}
        downloads = []
        for path, text in files.items():
            kind = "schema.json" if path.endswith(".schema.json") else path.rsplit(".", 1)[1]
            label = labels.get(kind) or f"Tabel {path.split('/')[1].rsplit('-', 1)[0]}"
            downloads.append(
                Download(
                    path,
                    label,
                    kind.split(".")[-1].upper(),
                    file_size_label(len(text.encode("utf-8"))),
                )
            )
        return downloads

    def _earlier_years(self) -> list[int]:
        return [y for y in sorted(self.library.editions) if y < self.lib.year]

    def _follow_up_of(self, recommendation_id: str) -> list[FollowUpView]:
        """What this edition says about the predecessor of a recommendation."""
        previous = self.library.predecessor.get((self.lib.year, recommendation_id))
        if previous is None:
            return []
        url = relative(
            recommendation_page_url(recommendation_id),
            f"../{previous[0]}/{recommendation_page_url(previous[1])}",
        )
        judged = self.library.follow_up.get((self.lib.year, previous))
        if judged is None:
            return [FollowUpView(previous[0], previous[1], url, "aanhoudend", None, None)]
        return [
            FollowUpView(previous[0], previous[1], url, judged.status, judged.explanation, None)
        ]

    def render_follow_up(self) -> None:
        earlier = self._earlier_years()
        if not earlier:
            return
        rel = partial(relative, FOLLOW_UP_URL)
        rows = []
        for year in earlier:
            lib = self.library.editions[year]
            for thread in lib.threads:
                for rec in thread.model.recommendations:
                    rows.append(self._follow_up_row(year, rec.id, rec.text, rel))
        self.page(
            "opvolging.html",
            FOLLOW_UP_URL,
            "Opvolging van eerdere aanbevelingen",
            {"rows": rows, "year": self.lib.year},
            {"soort": ["opvolging"]},
            wide=True,
        )

    def _follow_up_row(
        self, year: int, rec_id: str, text: str, rel: Callable[[str], str]
    ) -> FollowUpView:
        old_url = rel(f"../{year}/{recommendation_page_url(rec_id)}")
        judged = self.library.follow_up.get((self.lib.year, (year, rec_id)))
        if judged is None:  # an edition before the previous one, not judged again
            return FollowUpView(year, rec_id, old_url, "onbekend", None, None, text)
        successor = judged.successors[0] if judged.successors else None
        return FollowUpView(
            year,
            rec_id,
            old_url,
            judged.status,
            judged.explanation,
            Link(rel(recommendation_page_url(successor)), successor) if successor else None,
            text,
        )

    def render_chapter(self, chapter_id: str) -> None:
        document = next(d for d in self.lib.chapters if d.model.id == chapter_id)
        url = chapter_url(chapter_id)
        assert document.body is not None
        self.page(
            "hoofdstuk.html",
            url,
            document.model.title,
            {
                "body": self.markdown(document.body, url),
                "key_figures": document.model.key_figures,
            },
            {"soort": ["hoofdstuk"]},
        )

    def render_cases(self) -> None:
        rel = partial(relative, CASES_URL)
        self.page(
            "casussen.html",
            CASES_URL,
            "Casussen",
            {"cases": [case_card(d.model, rel) for d in self.lib.cases]},
        )
        for document in self.lib.cases:
            case, url = document.model, case_url(document.model.id)
            rel = partial(relative, url)
            rec_md = self.recommendation_markdown(url)
            views = {b.id: bottleneck_view(self.lib, b, rel, rec_md) for b in case.bottlenecks}
            assert document.body is not None
            sections, footnotes = self._case_sections(document.body, url, case.bottlenecks, views)
            self.page(
                "casus.html",
                url,
                f"{case_label(case)} – {case.title}",
                {
                    "case": case,
                    "label": case_label(case),
                    "personas": [PersonaView(p.name, p.age, p.description) for p in case.personas],
                    "roles": [r.value for r in case.roles],
                    "sections": sections,
                    "footnotes": footnotes,
                    "threads": [
                        Link(rel(thread_url(t)), self.lib.thread(t).title)
                        for t in self.lib.threads_naming_case.get(case.id, [])
                    ],
                },
                {"soort": ["casus"], "casus": [persona_names(case)]},
                item=case.id,
            )
            for bottleneck in case.bottlenecks:
                self._bottleneck_page(case.id, bottleneck.id)

    def _case_sections(
        self, body: Body, url: str, bottlenecks: Any, views: dict[str, Any]
    ) -> tuple[list[Section], str]:
        """Render each h2 section and put the knelpunten of an element at its end."""
        main, notes = split_footnotes(body.tokens)
        by_section: dict[str, list[Any]] = {}
        for b in bottlenecks:
            by_section.setdefault(element_info(b.element).name, []).append(views[b.id])
        sections = []
        for heading, tokens in h2_sections(main):
            sections.append(Section(self.markdown(body, url, tokens), by_section.get(heading, [])))
        return sections, self.markdown(body, url, notes) if notes else ""

    def _bottleneck_page(self, case_id: str, bottleneck_id: str) -> None:
        url = bottleneck_page_url(bottleneck_id)
        rel = partial(relative, url)
        bottleneck = self.lib.bottleneck(bottleneck_id)
        view = bottleneck_view(self.lib, bottleneck, rel, self.recommendation_markdown(url))
        case = self.lib.case(case_id)
        # A casus with two knelpunten under one element numbers them, so titles stay unique.
        same = [b.id for b in case.bottlenecks if b.element is bottleneck.element]
        number = f" {same.index(bottleneck_id) + 1}" if len(same) > 1 else ""
        self.page(
            "knelpunt.html",
            url,
            f"Knelpunt {element_info(bottleneck.element).name}{number} – {case_label(case)}",
            {"bottleneck": view},
            {
                "soort": ["knelpunt"],
                "element": [bottleneck.element.value],
                "casus": [persona_names(case)],
            },
            item=bottleneck_id,
        )

    def render_threads(self) -> None:
        rel = partial(relative, THREADS_URL)
        opening = next((d for d in self.lib.chapters if d.model.id == RODE_DRADEN_CHAPTER), None)
        groups = [
            (
                info.name,
                [
                    thread_card(d.model, rel)
                    for d in self.lib.threads
                    if d.model.element is info.element
                ],
            )
            for info in ELEMENTS
        ]
        intro = self.markdown(opening.body, THREADS_URL) if opening and opening.body else ""
        self.page(
            "rode-draden.html", THREADS_URL, "Rode draden", {"intro": intro, "groups": groups}
        )
        for document in self.lib.threads:
            thread, url = document.model, thread_url(document.model.id)
            rel = partial(relative, url)
            rec_md = self.recommendation_markdown(url)
            recommendations = [
                recommendation_view(self.lib, r, rel, rec_md) for r in thread.recommendations
            ]
            assert document.body is not None
            cases = [Link(rel(case_url(c)), case_label(self.lib.case(c))) for c in thread.cases]
            levels = sorted({lvl.value for r in thread.recommendations for lvl in r.levels})
            self.page(
                "rode-draad.html",
                url,
                thread.title,
                {
                    "thread": thread,
                    "element": element_link(thread.element, rel),
                    "body": self.markdown(document.body, url),
                    "recommendations": recommendations,
                    "cases": cases,
                },
                {"soort": ["rode draad"], "element": [thread.element.value], "niveau": levels},
                item=thread.id,
            )
            for recommendation in recommendations:
                self._recommendation_page(thread.id, recommendation.id)

    def _recommendation_page(self, thread_id: str, recommendation_id: str) -> None:
        url = recommendation_page_url(recommendation_id)
        rel = partial(relative, url)
        recommendation = self.lib.recommendation(recommendation_id)
        thread = self.lib.thread(thread_id)
        view = recommendation_view(self.lib, recommendation, rel, self.recommendation_markdown(url))
        # A thread with several recommendations numbers them, as its page does ("Aanbeveling 2").
        ids = [r.id for r in thread.recommendations]
        number = f" (aanbeveling {ids.index(recommendation_id) + 1})" if len(ids) > 1 else ""
        self.page(
            "aanbeveling.html",
            url,
            f"Wat is nodig{number} – {thread.title}",
            {"recommendation": view, "follow_up": self._follow_up_of(recommendation_id)},
            {
                "soort": ["aanbeveling"],
                "element": [thread.element.value],
                "niveau": [lvl.value for lvl in recommendation.levels],
            },
            item=recommendation_id,
        )

    def render_speelveld(self) -> None:
        rel = partial(relative, SPEELVELD_URL)
        self.page(
            "speelveld.html",
            SPEELVELD_URL,
            "Het speelveld van de professional",
            {
                "svg": speelveld_svg(lambda e: rel(element_url(e))),
                "centre": CENTRE,
                "elements": [(element_link(i.element, rel), i) for i in ELEMENTS],
                "role_pairs": ROLE_PAIRS,
                "matrix_url": rel(MATRIX_URL),
            },
        )
        for info in ELEMENTS:
            url = element_url(info.element)
            rel = partial(relative, url)
            rec_md = self.recommendation_markdown(url)
            bottlenecks = [
                bottleneck_view(self.lib, b, rel, rec_md)
                for d in self.lib.cases
                for b in d.model.bottlenecks
                if b.element is info.element
            ]
            threads = [
                thread_card(d.model, rel)
                for d in self.lib.threads
                if d.model.element is info.element
            ]
            self.page(
                "element.html",
                url,
                info.name,
                {
                    "info": info,
                    "bottlenecks": bottlenecks,
                    "threads": threads,
                },
                {"soort": ["element"], "element": [info.element.value]},
            )
        self._matrix()

    def _matrix(self) -> None:
        rel = partial(relative, MATRIX_URL)
        rows = []
        for document in self.lib.cases:
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
        self.page(
            "matrix.html",
            MATRIX_URL,
            "Matrix: casussen en elementen",
            {
                "elements": [element_link(i.element, rel) for i in ELEMENTS],
                "rows": rows,
            },
            wide=True,
        )

    def render_levels(self) -> None:
        rel = partial(relative, LEVELS_URL)
        self.page(
            "niveaus.html",
            LEVELS_URL,
            "Niveaus",
            {
                "levels": [
                    (
                        Link(rel(level_url(i.level)), i.name),
                        i.description,
                        self._count_level(i.level),
                    )
                    for i in LEVELS
                ],
            },
        )
        for info in LEVELS:
            url = level_url(info.level)
            rel = partial(relative, url)
            rec_md = self.recommendation_markdown(url)
            recommendations = [
                recommendation_view(self.lib, r, rel, rec_md)
                for d in self.lib.threads
                for r in d.model.recommendations
                if info.level in r.levels
            ]
            self.page(
                "niveau.html",
                url,
                f"Niveau: {info.name}",
                {
                    "info": info,
                    "recommendations": recommendations,
                },
                {"soort": ["niveau"], "niveau": [info.level.value]},
            )

    def _count_level(self, level: Any) -> int:
        return sum(level in r.levels for d in self.lib.threads for r in d.model.recommendations)

    def render_sources(self) -> None:
        rel = partial(relative, SOURCES_URL)
        pages = {p.url: p.title for p in self.pages}
        sources = []
        for source in self.lib.sources:
            cited = []
            for citation in self.lib.citations.get(source.id, []):
                page_url = _citation_url(citation.kind, citation.page_id)
                label = pages.get(page_url, citation.page_id)
                anchor = f"#fn{citation.footnote}" if citation.footnote else ""
                note = f", voetnoot {citation.footnote}" if citation.footnote else ""
                cited.append(CitationView(f"{label}{note}", rel(page_url) + anchor))
            sources.append(SourceView(source.id, source.citation, source.kind, source.url, cited))
        self.page(
            "bronnen.html",
            SOURCES_URL,
            "Bijlage C | Bronnen",
            {"sources": sources},
            {"soort": ["bron"]},
        )

    def nav(self) -> list[NavItem]:
        def item(url: str) -> NavItem:
            page = next(p for p in self.pages if p.url == url)
            return NavItem(page.title, page.src)

        chapters = [d.model.id for d in self.lib.chapters if d.model.id != RODE_DRADEN_CHAPTER]
        before, after = chapters[:CHAPTERS_BEFORE_CASES], chapters[CHAPTERS_BEFORE_CASES:]
        groups = [
            NavItem("Start", "index.md"),
            NavItem("Over het rapport", children=[item(chapter_url(c)) for c in before]),
            NavItem(
                "Casussen",
                children=[item(CASES_URL)] + [item(case_url(d.model.id)) for d in self.lib.cases],
            ),
            NavItem(
                "Rode draden",
                children=[item(THREADS_URL)]
                + [item(thread_url(d.model.id)) for d in self.lib.threads],
            ),
            NavItem(
                "Speelveld",
                children=[item(SPEELVELD_URL), item(MATRIX_URL)]
                + [item(element_url(i.element)) for i in ELEMENTS],
            ),
            NavItem(
                "Niveaus", children=[item(LEVELS_URL)] + [item(level_url(i.level)) for i in LEVELS]
            ),
            NavItem(
                "Nawoord en bijlagen",
                children=[item(chapter_url(c)) for c in after] + [item(SOURCES_URL)],
            ),
            *([item(FOLLOW_UP_URL)] if self._earlier_years() else []),
        ]
        return [g for g in groups if g.src or g.children]


def _citation_url(kind: str, page_id: str) -> str:
    if kind == "casus":
        return case_url(page_id)
    if kind == "rode-draad":
        return thread_url(page_id)
    return chapter_url(page_id)

"""Stage 4: an edition's library -> the pages (HTML bodies + nav) handed to the publish stage.

Each page family (builder/site/pages/) turns the edition's plan into page specs: a template
and the typed view model it shows. `render_page` is the one place a page template is called.
"""

from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from functools import partial
from pathlib import Path

import jinja2

from builder.content.glossary import Glossary
from builder.content.library import Library
from builder.content.markdown import make_markdown
from builder.site.abbreviations import Abbreviations
from builder.site.context import EditionInfo
from builder.site.edition_meta import source_date_epoch
from builder.site.editions_view import EditionSwitcher
from builder.site.page_memo import PageMemo, templates_stamp
from builder.site.pages.cases import case_pages
from builder.site.pages.chapters import chapter_pages
from builder.site.pages.fixed import fixed_pages
from builder.site.pages.follow_up import follow_up_pages
from builder.site.pages.home import home_page, open_data_files
from builder.site.pages.levels import level_pages
from builder.site.pages.overviews import overview_pages
from builder.site.pages.sources import sources_page
from builder.site.pages.spec import PageSpec
from builder.site.pages.speelveld import speelveld_pages
from builder.site.pages.threads import thread_pages
from builder.site.placement import OWN_PAGE, Placement, ReportPart
from builder.site.plan import BodyRenderer, EditionPlan, plan_edition
from builder.site.print_page import (
    NO_PAGE_NUMBERS,
    PAGE_NUMBERS_FILE,
    PRINT_URL,
    print_page,
    print_targets,
    write_part,
)
from builder.site.render_cache import RenderCache
from builder.site.rendered import Imprint, NavItem, PdfPlace, RenderedEdition, RenderedPage
from builder.site.sections import Toc
from builder.site.template_cache import CompiledTemplates
from builder.site.trail import neighbours, owners, reading_order, trail
from builder.site.urls import (
    ABOUT_URL,
    ACCESSIBILITY_URL,
    BOTTLENECKS_URL,
    CASES_URL,
    FOLLOW_UP_URL,
    LEVELS_URL,
    MATRIX_URL,
    RECOMMENDATIONS_URL,
    SEARCH_URL,
    SOURCES_URL,
    SPEELVELD_URL,
    THREADS_URL,
    bottleneck_page_url,
    case_url,
    element_url,
    level_url,
    recommendation_page_url,
    relative,
    thread_url,
)
from builder.site.views import publication_label
from schema.speelveld import ELEMENTS, LEVELS


def render(
    library: Library,
    theme_dir: Path,
    years: list[int] | None = None,
    glossary: Glossary | None = None,
    memo: PageMemo | None = None,
    cache: RenderCache | None = None,
    compiled: Path | None = None,
) -> Iterator[RenderedEdition]:
    """Render the given editions (default: all), one at a time, oldest first: the build
    publishes each before it asks for the next, so it never holds every edition's pages at
    once. `memo` (the preview): pages whose inputs did not change since its last use are
    reused. `cache` (the build): editions whose inputs did not change since the last build are
    loaded. `compiled`: where compiled templates are kept for the next build. Of the editions
    before it, an edition needs only their page addresses (the edition switcher)."""
    env = make_environment(theme_dir, CompiledTemplates.at(compiled) if compiled else None)
    if memo is not None:
        memo.start(templates_stamp(theme_dir / "pages"))
    md = make_markdown()
    years = sorted(years if years is not None else library.editions)
    urls: dict[int, set[str]] = {}  # the pages of each edition rendered so far
    for year in years:
        edition = cache.get(year) if cache is not None else None
        if edition is None:
            plan = plan_edition(library.editions[year], library, years)
            switcher = EditionSwitcher(library, year, [*urls, year], dict(urls))
            bodies = BodyRenderer(plan, md, env)
            edition = render_edition(plan, bodies, glossary or Glossary(), switcher, memo)
            if cache is not None:
                cache.put(edition)
        urls[year] = {page.url for page in edition.pages}
        yield edition


def make_environment(
    theme_dir: Path, compiled: CompiledTemplates | None = None
) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_dir / "pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,  # compiled templates survive between builds
    )
    env.filters["abbr"] = abbreviate
    return env


@jinja2.pass_context
def abbreviate(context: jinja2.runtime.Context, value: object) -> object:
    """`{{ text | abbr }}`: running text of a template, written through the page's
    abbreviations (the first use of each term expanded)."""
    abbreviations: Abbreviations = context["abbreviations"]
    return abbreviations.markup(value)


def src_for(url: str, section: bool = False) -> str:
    """The page's file in the docs dir; a section's own page (a casus above its knelpunten)
    is its folder's index.md, which Material's navigation.indexes shows as the section."""
    if section:
        return f"{url}index.md"
    return f"{url.rstrip('/')}.md" if url else "index.md"


def content_pages(plan: EditionPlan, bodies: BodyRenderer, files: dict[str, str]) -> list[PageSpec]:
    """The pages made from content (the print page, made from these, and fixed pages follow)."""
    pages = [
        home_page(plan, files),
        *chapter_pages(plan, bodies),
        *case_pages(plan, bodies),
        *thread_pages(plan, bodies),
        *overview_pages(plan, bodies),
        *speelveld_pages(plan, bodies),
        *level_pages(plan, bodies),
    ]
    titles = {page.url: page.title for page in pages}
    return [*pages, sources_page(plan, titles), *follow_up_pages(plan)]


def report_pages(plan: EditionPlan, bodies: BodyRenderer, titles: dict[str, str]) -> list[PageSpec]:
    """The page families the whole report on one page is made of (`titles`: of every page)."""
    return [
        *chapter_pages(plan, bodies),
        *case_pages(plan, bodies),
        *thread_pages(plan, bodies),
        sources_page(plan, titles),
    ]


def render_edition(
    plan: EditionPlan,
    bodies: BodyRenderer,
    glossary: Glossary,
    switcher: EditionSwitcher,
    memo: PageMemo | None = None,
) -> RenderedEdition:
    lib = plan.lib
    files = open_data_files(lib)
    write = partial(render_page, bodies.env, plan, glossary, switcher, memo=memo)
    specs = content_pages(plan, bodies, files)
    pages = [write(spec) for spec in specs]
    targets = print_targets(plan)
    as_parts = BodyRenderer(plan, bodies.md, bodies.env, lambda url: ReportPart(url, targets))
    parts = report_pages(plan, as_parts, {spec.url: spec.title for spec in specs})
    printed = print_page(plan, parts, targets)
    pages.append(write(printed.spec))
    fixed = fixed_pages(plan)
    pages += [write(spec) for spec in fixed]
    short_titles = {spec.url: spec.short or spec.title for spec in [*specs, printed.spec, *fixed]}
    pages = place_pages(plan, pages, short_titles)
    return RenderedEdition(
        lib.year,
        lib.edition.title,
        pages,
        nav(plan, pages, short_titles),
        {**files, PAGE_NUMBERS_FILE: NO_PAGE_NUMBERS},
        source_date_epoch(lib),
        publication_label(lib.edition.published),
        lib.edition.licence or "",
        lib.edition.publisher,
        Imprint(
            lib.edition.contact_email,
            lib.edition.contact_website,
            lib.edition.original_url,
            lib.edition.logo,
        ),
        lib.edition.status == "concept",
        printed.part_ids,
    )


def render_page(
    env: jinja2.Environment,
    plan: EditionPlan,
    glossary: Glossary,
    switcher: EditionSwitcher,
    spec: PageSpec,
    memo: PageMemo | None = None,
    printing: str | None = None,
    placement: Placement = OWN_PAGE,
    abbreviations: Abbreviations | None = None,
) -> RenderedPage:
    """The one call of a page template: the spec's view model plus what every page shows.

    `printing` ("heading" or "content"): only that part of the page, written at `placement`
    with the `abbreviations` of the page it is part of, as the whole report on one page shows
    it (builder/site/print_page.py)."""
    rel = partial(relative, spec.url)
    info = edition_info(plan, rel)
    filters = {**spec.filters, "editie": [str(plan.lib.year)]}
    switcher_view = switcher.view(spec.url, spec.item)
    shown = (spec, info, switcher_view, glossary)
    if memo is not None and (kept := memo.get(plan.lib.year, spec.url, shown)) is not None:
        return kept
    view = {f.name: getattr(spec.view, f.name) for f in fields(spec.view)}  # shallow: keeps types
    # The page's text is expanded as it is written, in page order: first use of each term.
    abbreviations = abbreviations or Abbreviations(glossary)
    toc = Toc(placement, abbreviations)  # the template records its headings as it writes them
    render_part = partial(render_page, env, plan, glossary, switcher, abbreviations=abbreviations)
    write = partial(
        env.get_template(spec.template).render,
        title=spec.title,
        edition=info,
        link=rel,
        filters=filters,
        switcher=switcher_view,
        toc=toc,
        printing=printing,
        at=placement,
        abbreviations=abbreviations,
        write_part=partial(write_part, render=render_part),
        **view,
    )
    # A page that links the PDF is written in two parts, before and after the link (`deel`):
    # publish writes the link between them once the PDF, and so its size, exists.
    if spec.pdf is None:
        html, pdf = write(deel=None), None
    else:
        html = write(deel="voor")
        pdf = PdfPlace(spec.pdf, write(deel="na"))
    page = RenderedPage(
        src_for(spec.url, spec.section),
        spec.url,
        spec.title,
        html,
        toc.entries(),
        filters,
        spec.item,
        spec.head,
        spec.wide,
        pdf=pdf,
    )
    return memo.put(plan.lib.year, spec.url, shown, page) if memo is not None else page


def edition_info(plan: EditionPlan, rel: Callable[[str], str]) -> EditionInfo:
    """What every page shows of its edition, with links relative to the page (`rel`)."""
    edition = plan.lib.edition
    return EditionInfo(
        year=plan.lib.year,
        title=edition.title,
        publisher=edition.publisher,
        published=publication_label(edition.published),
        authors=edition.authors,
        home=rel(""),
        accessibility=rel(ACCESSIBILITY_URL),
        search=rel(SEARCH_URL),
        about=rel(ABOUT_URL),
        email=edition.contact_email,
        website=edition.contact_website,
        original=edition.original_url,
    )


def place_pages(
    plan: EditionPlan, pages: list[RenderedPage], short_titles: dict[str, str]
) -> list[RenderedPage]:
    """Give every page its breadcrumbs and its neighbours in reading order."""
    up = owners(plan.lib)
    order = [url for url in reading_order(plan.lib, plan.report_order) if url in short_titles]
    placed = []
    for page in pages:
        before, after = neighbours(page.url, order, short_titles)
        # The whole report on one page is printed as a document: no links out of it.
        crumbs = trail(page.url, short_titles, up) if page.url != PRINT_URL else []
        placed.append(replace(page, trail=crumbs, previous=before, next=after))
    return placed


def nav(
    plan: EditionPlan, pages: list[RenderedPage], short_titles: dict[str, str]
) -> list[NavItem]:
    by_url = {page.url: page for page in pages}

    def item(url: str, short: bool = False) -> NavItem:
        return NavItem(short_titles[url] if short else by_url[url].title, by_url[url].src)

    def section(url: str, children: list[str]) -> NavItem:
        """A casus with its knelpunten, a rode draad with its aanbevelingen."""
        if not children:
            return item(url)
        own = [item(url)] + [item(child, short=True) for child in children]
        return NavItem(short_titles[url], children=own)

    lib = plan.lib
    groups = [
        NavItem("Start", "index.md"),
        NavItem("Over het rapport", children=[item(url) for url in plan.chapters_before]),
        NavItem(
            "Casussen",
            children=[item(CASES_URL), item(BOTTLENECKS_URL)]
            + [
                section(
                    case_url(d.model.id),
                    [bottleneck_page_url(b.id) for b in d.model.bottlenecks],
                )
                for d in lib.cases
            ],
        ),
        NavItem(
            "Rode draden",
            children=[item(THREADS_URL), item(RECOMMENDATIONS_URL)]
            + [
                section(
                    thread_url(d.model.id),
                    [recommendation_page_url(r.id) for r in d.model.recommendations],
                )
                for d in lib.threads
            ],
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
            children=[item(url) for url in plan.chapters_after] + [item(SOURCES_URL)],
        ),
        *([item(FOLLOW_UP_URL)] if plan.earlier_years else []),
    ]
    return [g for g in groups if g.src or g.children]

"""The whole report on one page (afdrukken/): every part in report order, for print and the PDF.

The parts are the edition's own pages (chapters, casussen, rode draden, bronnen), their
view models made again with bodies written as parts and their templates rendered once more
with `printing` set: only the heading or only the content, a no-break space closing the
bovenkop, no "Over dit knelpunt" links. Where a part is written (builder/site/placement.py)
makes them live together on one page: each part a section with an h2 (the part's h1), its
headings one level down, its ids prefixed and its links inside the page or text.
"""

from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup, escape

from builder.site.pages.spec import PageSpec
from builder.site.placement import ReportPart, part_id
from builder.site.plan import EditionPlan
from builder.site.rendered import RenderedPage
from builder.site.sections import Heading
from builder.site.urls import bottleneck_page_url, case_url, recommendation_page_url, thread_url
from builder.site.views import publication_label


class PartRenderer(Protocol):
    """A page's template once more, for only its heading or only its content, as a part of
    the page that writes it (sharing that page's abbreviations)."""

    def __call__(self, spec: PageSpec, *, printing: str, placement: ReportPart) -> RenderedPage: ...


PRINT_URL = "afdrukken/"
PRINT_TITLE = "Het hele rapport"
PDF_NAME = "stand-van-de-uitvoering-{year}.pdf"
# The contents list's page numbers, for the PDF only: the publish stage fills this stylesheet
# while it prints (builder/publish/pdf.py); on the web it holds no rule.
PAGE_NUMBERS = "paginanummers.css"
PAGE_NUMBERS_FILE = PRINT_URL + PAGE_NUMBERS
NO_PAGE_NUMBERS = (
    "/* Paginanummers van de inhoudsopgave: alleen in de PDF (builder/publish/pdf.py). */\n"
)


@dataclass(frozen=True)
class Part:
    """A page of the report as a part: its view made with bodies written as a part."""

    id: str  # the part's prefix, also the id of its h2
    label: str  # the part's page title, for the table of contents
    spec: PageSpec
    placement: ReportPart


@dataclass(frozen=True)
class WrittenPart:
    heading: Markup  # the part's heading (its page's h1)
    html: Markup  # the part's content
    headings: list[Heading]  # its own h2, then its page's h2 headings as they are here (h3)


@dataclass(frozen=True)
class PrintView:
    parts: list[Part]
    published: str
    licence: str | None
    page_numbers: str = PAGE_NUMBERS


def print_targets(plan: EditionPlan) -> dict[str, tuple[str, str]]:
    """Where each page the report holds is on the one page: (its part, the id inside it)."""
    lib = plan.lib
    targets: dict[str, tuple[str, str]] = {url: (part_id(url), "") for url in plan.report_order}
    for bottleneck_id, case_id in lib.case_of_bottleneck.items():
        targets[bottleneck_page_url(bottleneck_id)] = (part_id(case_url(case_id)), bottleneck_id)
    for rec_id, thread_id in lib.thread_of_recommendation.items():
        targets[recommendation_page_url(rec_id)] = (part_id(thread_url(thread_id)), rec_id)
    return targets


@dataclass(frozen=True)
class PrintPage:
    spec: PageSpec
    part_ids: list[str]  # in order: the PDF's contents list numbers them


def print_page(
    plan: EditionPlan, specs: list[PageSpec], targets: dict[str, tuple[str, str]]
) -> PrintPage:
    """afdrukken/, from the report's pages (`specs`, their bodies written as parts at
    `targets`); the template writes each part in its place (`write_part`)."""
    by_url = {spec.url: spec for spec in specs}
    parts = [
        Part(part_id(url), by_url[url].title, by_url[url], ReportPart(url, targets))
        for url in plan.report_order
        if url in by_url
    ]
    edition = plan.lib.edition
    view = PrintView(parts, publication_label(edition.published), edition.licence)
    spec = PageSpec("afdrukken.html", PRINT_URL, PRINT_TITLE, view)
    return PrintPage(spec, [part.id for part in parts])


def write_part(part: Part, render: PartRenderer) -> WrittenPart:
    """A part where the print page writes it (`{% set written = write_part(part) %}`): its
    heading, then its content, so that the page's text stays in reading order."""
    heading = Markup(render(part.spec, printing="heading", placement=part.placement).html)
    content = render(part.spec, printing="content", placement=part.placement)
    name = str(escape(heading.striptags()))
    inside = [Heading(3, e.id, e.name) for e in content.toc if e.level == 2]
    return WrittenPart(heading, Markup(content.html), [Heading(2, part.id, name), *inside])


def pdf_url(year: int) -> str:
    return PDF_NAME.format(year=year)

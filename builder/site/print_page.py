"""The whole report on one page (afdrukken/): every part in report order, for print and the PDF.

The parts are the edition's own pages (chapters, casussen, rode draden, bronnen), their
templates rendered once more with `printing` set: only the heading or only the content, a
no-break space closing the bovenkop, no "Over dit knelpunt" links. Then, still on that HTML
(issue 13 item 3 leaves this to a print render of the bodies and view models), they are
made to live together on one page:

- each part becomes a section with an h2 (the part's h1); its headings move one level down,
  so h1 > h2 > h3 nest properly for screen readers and the PDF's bookmark outline;
- every id in a part gets the part's prefix (``casussen-peter--fn1``), so ids never clash,
  and the references to ids (href="#...", aria-labelledby, for) follow;
- links to another part (or to a knelpunt or aanbeveling, which live inside a part) become
  links inside the page; links to site pages outside the report become plain text, because
  the page is also printed to PDF, where such a relative link would point nowhere.
"""

import posixpath
import re
from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup, escape

from builder.site.pages.spec import PageSpec
from builder.site.plan import EditionPlan
from builder.site.rendered import RenderedPage
from builder.site.sections import Heading
from builder.site.urls import (
    bottleneck_page_url,
    case_url,
    recommendation_page_url,
    thread_url,
)
from builder.site.views import publication_label


class PartRenderer(Protocol):
    """A page's template once more, for only its heading or only its content."""

    def __call__(self, spec: PageSpec, *, printing: str) -> RenderedPage: ...


PRINT_URL = "afdrukken/"
PRINT_TITLE = "Het hele rapport"
PDF_NAME = "stand-van-de-uitvoering-{year}.pdf"

# Filled in by the publish stage once the PDF exists (builder/publish/pdf.py), or removed.
PDF_START, PDF_END, PDF_SIZE = (
    "<!-- stand:pdf -->",
    "<!-- /stand:pdf -->",
    "<!-- stand:pdf-grootte -->",
)

HEADING_TAG = re.compile(r"(</?h)([1-6])(?=[\s>])")
ID_ATTRIBUTE = re.compile(
    r'(?<=\s)(id|for|headers|aria-labelledby|aria-describedby|aria-controls|aria-owns)="([^"]*)"'
)
LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<inner>.*?)</a>", re.S)
HREF = re.compile(r'\shref="([^"]*)"')
CLASS = re.compile(r'\sclass="[^"]*"')


@dataclass(frozen=True)
class Part:
    id: str  # the part's prefix, also the id of its h2
    label: str  # the part's page title, for the table of contents
    heading: str  # HTML of the part's heading (its page's h1)
    html: str  # the part's body, ids prefixed and headings one level down
    headings: list[Heading]  # its own h2, then its page's h2 headings as they are here (h3)


def part_id(url: str) -> str:
    return url.strip("/").replace("/", "-")


@dataclass(frozen=True)
class PdfLink:
    """The home page's placeholder for the PDF link, completed by the publish stage."""

    url: str
    start: str
    end: str
    size: str
    print_url: str


@dataclass(frozen=True)
class PrintView:
    parts: list[Part]
    published: str
    licence: str | None


def print_page(plan: EditionPlan, specs: list[PageSpec], render: PartRenderer) -> PageSpec:
    """afdrukken/, from the edition's pages rendered once more as parts (`render`)."""
    lib = plan.lib
    by_url = {spec.url: spec for spec in specs}
    urls = [url for url in plan.report_order if url in by_url]
    targets: dict[str, tuple[str, str]] = {url: (part_id(url), "") for url in urls}
    for bottleneck_id, case_id in lib.case_of_bottleneck.items():
        targets[bottleneck_page_url(bottleneck_id)] = (part_id(case_url(case_id)), bottleneck_id)
    for rec_id, thread_id in lib.thread_of_recommendation.items():
        targets[recommendation_page_url(rec_id)] = (part_id(thread_url(thread_id)), rec_id)
    parts = [_part(by_url[url], render, targets) for url in urls]
    edition = lib.edition
    view = PrintView(parts, publication_label(edition.published), edition.licence)
    return PageSpec("afdrukken.html", PRINT_URL, PRINT_TITLE, view)


def pdf_link(year: int) -> PdfLink:
    return PdfLink(PDF_NAME.format(year=year), PDF_START, PDF_END, PDF_SIZE, PRINT_URL)


def _part(spec: PageSpec, render: PartRenderer, targets: dict[str, tuple[str, str]]) -> Part:
    url = spec.url
    prefix = part_id(url)
    content = render(spec, printing="content")
    body = content.html
    body = HEADING_TAG.sub(lambda m: f"{m[1]}{min(6, int(m[2]) + 1)}", body)
    body = ID_ATTRIBUTE.sub(
        lambda m: f'{m[1]}="{" ".join(f"{prefix}--{v}" for v in m[2].split())}"', body
    )
    body = LINK.sub(lambda m: _link(url, prefix, m, targets), body)
    heading = render(spec, printing="heading").html
    name = str(escape(Markup(heading).striptags()))
    inside = [Heading(3, f"{prefix}--{e['id']}", e["name"]) for e in content.toc if e["level"] == 2]
    return Part(prefix, spec.title, heading, body, [Heading(2, prefix, name), *inside])


def _link(url: str, prefix: str, match: re.Match[str], targets: dict[str, tuple[str, str]]) -> str:
    attrs, inner = match["attrs"], match["inner"]
    href_match = HREF.search(attrs)
    if href_match is None:
        return match[0]
    href = href_match[1]
    if re.match(r"[a-z][a-z0-9+.-]*:", href):  # https:, mailto: ...
        return match[0]
    path, _, fragment = href.partition("#")
    if not path:
        return _with_href(match[0], href_match, f"#{prefix}--{fragment}")
    target = _resolve(url, path)
    if target in targets:
        part, anchor = targets[target]
        inside = fragment or anchor
        return _with_href(match[0], href_match, f"#{part}--{inside}" if inside else f"#{part}")
    classes = CLASS.search(attrs)
    # a link inside an SVG (the speelveld's elements) becomes an SVG group, not an HTML span
    tag = "g" if classes and "speelveld-element" in classes[0] else "span"
    attributes = Markup(classes[0] if classes else "")  # as our renderer wrote them
    return str(Markup("<{0}{1}>{2}</{0}>").format(tag, attributes, Markup(inner)))


def _with_href(tag: str, href_match: re.Match[str], href: str) -> str:
    start, end = href_match.span(1)
    offset = len("<a")
    return tag[: start + offset] + href + tag[end + offset :]


def _resolve(url: str, path: str) -> str:
    """The edition-relative URL that `path` on the page at `url` points to."""
    joined = posixpath.normpath(posixpath.join(url, path))
    if joined == ".":
        return ""
    return joined + "/" if path.endswith("/") else joined

"""What the render stage hands to publish: pages with finished HTML, the nav, data files."""

import hashlib
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # relative to the page that shows it


@dataclass(frozen=True)
class TocEntry:
    """A heading in a page's table of contents: an h2, with the h3 headings after it."""

    level: int
    id: str
    name: str  # HTML: the heading's text with entities escaped
    children: list["TocEntry"] = field(default_factory=list)


@dataclass(frozen=True)
class PageHead:
    """What the edition home adds to <head>: citation_* meta and a schema.org Report."""

    meta: list[tuple[str, str]]  # name, content
    jsonld: dict[str, Any]  # a JSON-LD document, written as JSON


@dataclass(frozen=True)
class PdfPlace:
    """Where a page links the edition's PDF: after the page's `html`, before `after`. Publish
    writes the link there once the PDF exists, as only then its size is known."""

    url: str  # edition-relative
    after: str  # the rest of the page's HTML


@dataclass(frozen=True)
class RenderedPage:
    src: str  # path inside the docs dir, e.g. "casussen/peter.md"
    url: str  # edition-relative URL, e.g. "casussen/peter/"
    title: str
    html: str
    toc: list[TocEntry] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    item: str | None = None  # the casus/knelpunt/rode draad/aanbeveling id this page is about
    head: PageHead | None = None  # citation metadata for <head>
    wide: bool = False  # a wide table: the page hides the side columns for room
    trail: list[Crumb] = field(default_factory=list)  # breadcrumbs: home first, self left out
    previous: Crumb | None = None  # in the report's reading order
    next: Crumb | None = None
    pdf: PdfPlace | None = None  # the home page's link to the PDF


@dataclass(frozen=True)
class NavItem:
    title: str
    src: str | None = None
    children: list["NavItem"] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedEdition:
    year: int
    title: str
    pages: list[RenderedPage]
    nav: list[NavItem]
    files: dict[str, str] = field(default_factory=dict)  # open data: docs path -> text
    source_date: int = 0  # SOURCE_DATE_EPOCH for reproducible builds
    published: str = ""  # 'juni 2022', for the print metadata
    licence: str = ""
    publisher: str = ""  # the edition's uitgever, for the page footer and print metadata
    imprint: "Imprint" = field(default_factory=lambda: Imprint())
    concept: bool = False  # a preview of an unpublished edition: kept out of search engines
    # the parts of the whole report on one page, in order: the PDF's contents list numbers them
    print_parts: list[str] = field(default_factory=list)

    @cached_property
    def digest(self) -> str:
        """SHA-256 of every field: what publish makes the edition from. Kept with the edition
        in the render cache (render_cache.put), so an edition loaded from it is not hashed
        again."""
        digest = hashlib.sha256()
        for name in (f.name for f in fields(self)):
            values = self.pages if name == "pages" else [getattr(self, name)]
            for value in values:  # page by page: no one string of the whole edition
                digest.update(f"{name}\0{value!r}\0".encode())
        return digest.hexdigest()

    def outline(self) -> "EditionOutline":
        return EditionOutline(
            self.year, self.title, [PageOutline(page.url, page.item) for page in self.pages]
        )


@dataclass(frozen=True)
class PageOutline:
    url: str
    item: str | None


@dataclass(frozen=True)
class EditionOutline:
    """What the site root needs of an edition (entry points, edities.json) once its pages are
    written: their addresses, not their HTML, so a build need not keep every edition."""

    year: int
    title: str
    pages: list[PageOutline]


@dataclass(frozen=True)
class Imprint:
    """How readers reach the publisher and the report as it first appeared (footer, header logo,
    toegankelijkheid, PDF cover); only what the edition data fills in."""

    email: str | None = None
    website: str | None = None
    original: str | None = None
    logo: str | None = None  # content-relative path of an SVG, e.g. "beeld/uitgever.svg"

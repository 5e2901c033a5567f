"""A page before rendering: which template shows which typed view model at which URL."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from builder.site.rendered import PageHead

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


@dataclass(frozen=True)
class PageSpec:
    template: str  # in themes/pages/
    url: str  # edition-relative, '' is the edition home
    title: str
    view: "DataclassInstance"  # the template's variables are this dataclass's fields
    filters: dict[str, list[str]] = field(default_factory=dict)  # Pagefind search facets
    item: str | None = None  # the casus/knelpunt/rode draad/aanbeveling id this page is about
    head: PageHead | None = None  # citation metadata for <head>
    wide: bool = False  # a wide table: the page hides the side columns for room
    short: str | None = None  # a shorter title for breadcrumbs and the menu ('Casus 1: Peter')
    section: bool = False  # heads a section of the menu (a casus above its knelpunten)
    pdf: str | None = None  # the URL of the PDF the page links (builder/site/rendered.PdfPlace)


@dataclass(frozen=True)
class NoView:
    """The view of a page whose template needs only the edition."""

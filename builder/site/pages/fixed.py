"""Pages with fixed text: accessibility, search, what the digital edition adds and the page
for a missing address."""

from dataclasses import dataclass
from functools import partial

from builder.site.about import ABOUT_TITLE, AboutView, about_view
from builder.site.context import Link
from builder.site.pages.spec import NoView, PageSpec
from builder.site.plan import EditionPlan
from builder.site.urls import (
    ABOUT_URL,
    ACCESSIBILITY_URL,
    BOTTLENECKS_URL,
    CASES_URL,
    NOT_FOUND_URL,
    RECOMMENDATIONS_URL,
    SEARCH_URL,
    THREADS_URL,
    relative,
)


@dataclass(frozen=True)
class AboutPage:
    about: AboutView


@dataclass(frozen=True)
class SearchView:
    editions: list[dict[str, int | str]]  # earlier editions, as JSON for the search script


@dataclass(frozen=True)
class NotFoundView:
    start: list[Link]  # where a reader can start again


def fixed_pages(plan: EditionPlan) -> list[PageSpec]:
    editions: list[dict[str, int | str]] = [
        {"jaar": y, "pad": relative(SEARCH_URL, f"../{y}/pagefind/")}
        for y in plan.years
        if y < plan.lib.year  # later editions: from the site's edities.json (zoeken.js)
    ]
    return [
        PageSpec("toegankelijkheid.html", ACCESSIBILITY_URL, "Toegankelijkheid", NoView()),
        PageSpec("zoeken.html", SEARCH_URL, "Zoeken", SearchView(editions)),
        PageSpec(
            "over-deze-editie.html",
            ABOUT_URL,
            ABOUT_TITLE,
            AboutPage(about_view(plan.lib, ABOUT_URL)),
        ),
        PageSpec("niet-gevonden.html", NOT_FOUND_URL, "Pagina niet gevonden", not_found_view()),
    ]


def not_found_view() -> NotFoundView:
    """Also the edition's 404.html (builder/publish/not_found.py)."""
    rel = partial(relative, NOT_FOUND_URL)
    return NotFoundView(
        [
            Link(rel(""), "Start"),
            Link(rel(CASES_URL), "Casussen"),
            Link(rel(THREADS_URL), "Rode draden"),
            Link(rel(BOTTLENECKS_URL), "Alle knelpunten"),
            Link(rel(RECOMMENDATIONS_URL), "Alle aanbevelingen"),
        ]
    )

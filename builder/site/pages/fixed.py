"""Pages with fixed text: accessibility and search."""

from dataclasses import dataclass

from builder.site.pages.spec import NoView, PageSpec
from builder.site.plan import EditionPlan
from builder.site.urls import ACCESSIBILITY_URL, SEARCH_URL, relative


@dataclass(frozen=True)
class SearchView:
    editions: list[dict[str, int | str]]  # earlier editions, as JSON for the search script


def fixed_pages(plan: EditionPlan) -> list[PageSpec]:
    editions: list[dict[str, int | str]] = [
        {"jaar": y, "pad": relative(SEARCH_URL, f"../{y}/pagefind/")}
        for y in plan.years
        if y < plan.lib.year  # later editions: from the site's edities.json (zoeken.js)
    ]
    return [
        PageSpec("toegankelijkheid.html", ACCESSIBILITY_URL, "Toegankelijkheid", NoView()),
        PageSpec("zoeken.html", SEARCH_URL, "Zoeken", SearchView(editions)),
    ]

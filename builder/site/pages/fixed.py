"""Pages with fixed text: accessibility, search and what the digital edition adds."""

from dataclasses import dataclass

from builder.site.about import ABOUT_TITLE, AboutView, about_view
from builder.site.pages.spec import NoView, PageSpec
from builder.site.plan import EditionPlan
from builder.site.urls import ABOUT_URL, ACCESSIBILITY_URL, SEARCH_URL, relative


@dataclass(frozen=True)
class AboutPage:
    about: AboutView


@dataclass(frozen=True)
class SearchView:
    editions: list[dict[str, int | str]]  # the other editions, as JSON for the search script


def fixed_pages(plan: EditionPlan) -> list[PageSpec]:
    editions: list[dict[str, int | str]] = [
        {"jaar": y, "pad": relative(SEARCH_URL, f"../{y}/pagefind/")}
        for y in plan.years
        if y != plan.lib.year
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
    ]

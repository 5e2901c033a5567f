"""Where a page sits in its edition: the breadcrumb trail up to the home page, and the pages
before and after it in the report's reading order."""

from builder.content.library import EditionLibrary
from builder.site.rendered import Crumb
from builder.site.urls import (
    bottleneck_page_url,
    case_url,
    recommendation_page_url,
    relative,
    thread_url,
)


def owners(lib: EditionLibrary) -> dict[str, str]:
    """A knelpunt's page sits under its casus, an aanbeveling's under its rode draad."""
    up = {bottleneck_page_url(b): case_url(c) for b, c in lib.case_of_bottleneck.items()}
    up |= {
        recommendation_page_url(r): thread_url(t) for r, t in lib.thread_of_recommendation.items()
    }
    return up


def parent(url: str, pages: set[str], up: dict[str, str]) -> str | None:
    """The page one level up: the owner, else the nearest page whose URL is a prefix."""
    if not url:
        return None
    if url in up:
        return up[url]
    parts = url.strip("/").split("/")
    for length in range(len(parts) - 1, 0, -1):
        candidate = "/".join(parts[:length]) + "/"
        if candidate in pages:
            return candidate
    return ""


def trail(url: str, titles: dict[str, str], up: dict[str, str]) -> list[Crumb]:
    """The pages above `url`, home first, linked relative to `url`."""
    crumbs = []
    above = parent(url, set(titles), up)
    while above is not None:
        crumbs.append(Crumb(titles[above], relative(url, above)))
        above = parent(above, set(titles), up)
    return crumbs[::-1]


def reading_order(lib: EditionLibrary, report_order: list[str]) -> list[str]:
    """The report's order, each casus followed by its knelpunten and each rode draad by its
    aanbevelingen."""
    below = {
        case_url(d.model.id): [bottleneck_page_url(b.id) for b in d.model.bottlenecks]
        for d in lib.cases
    }
    below |= {
        thread_url(d.model.id): [recommendation_page_url(r.id) for r in d.model.recommendations]
        for d in lib.threads
    }
    return [page for url in report_order for page in [url, *below.get(url, [])]]


def neighbours(
    url: str, order: list[str], titles: dict[str, str]
) -> tuple[Crumb | None, Crumb | None]:
    """The previous and next page in reading order, or None at either end or off the route."""
    if url not in order:
        return None, None
    at = order.index(url)
    before = Crumb(titles[order[at - 1]], relative(url, order[at - 1])) if at > 0 else None
    after = (
        Crumb(titles[order[at + 1]], relative(url, order[at + 1])) if at + 1 < len(order) else None
    )
    return before, after

"""Cross-edition views: the edition switcher, the outdated-edition banner and follow-up."""

import json
from dataclasses import dataclass
from typing import Any

from builder.content.library import EditionLibrary, ItemKey, Library
from builder.site.opendata import HTML_SAFE_JSON
from builder.site.rendered import EditionOutline
from builder.site.urls import (
    bottleneck_page_url,
    case_url,
    recommendation_page_url,
    relative,
    thread_url,
)


@dataclass(frozen=True)
class EditionLink:
    year: int
    url: str  # edition-relative URL *in that edition*; '' is its home
    current: bool
    exact: bool  # the same item (by id) exists there


def item_url(lib: EditionLibrary, item_id: str) -> str | None:
    """The page of an item (casus, knelpunt, rode draad, aanbeveling) inside its edition."""
    if any(d.model.id == item_id for d in lib.cases):
        return case_url(item_id)
    if item_id in lib.case_of_bottleneck:
        return bottleneck_page_url(item_id)
    if any(d.model.id == item_id for d in lib.threads):
        return thread_url(item_id)
    if item_id in lib.thread_of_recommendation:
        return recommendation_page_url(item_id)
    return None


def counterpart(library: Library, key: ItemKey, year: int) -> str | None:
    """The id of the same item in edition `year`, following `vorige` links either way."""
    current: ItemKey | None = key
    if year < key[0]:
        while current is not None and current[0] > year:
            current = library.predecessor.get(current)
        return current[1] if current is not None and current[0] == year else None
    # forward, through every successor: one recommendation may go on in more than one later
    # edition (2022/b and 2023/c both `vorige: 2021/a`)
    frontier = [key]
    while frontier:
        found = sorted(k for k in frontier if k[0] == year)
        if found:
            return found[0][1]
        frontier = [n for k in frontier if k[0] < year for n in library.successors.get(k, [])]
    return None


def edition_links(
    library: Library,
    years: list[int],
    year: int,
    url: str,
    item: str | None,
    urls: dict[int, set[str]],
) -> list[EditionLink]:
    """Where the switcher sends the reader in each edition: never to a page that is missing."""
    links = []
    for other in years:
        if other == year:
            links.append(EditionLink(other, url, True, True))
            continue
        target_id = counterpart(library, (year, item), other) if item else None
        target = item_url(library.editions[other], target_id) if target_id else None
        if target is not None:
            links.append(EditionLink(other, target, False, True))
        elif item is None and url in urls[other]:
            links.append(EditionLink(other, url, False, True))
        else:
            links.append(EditionLink(other, "", False, False))
    return links


@dataclass(frozen=True)
class SwitcherView:
    """The edition switcher on one page (_edities.html, included by _page.html)."""

    year: int
    page_url: str
    site_root: str
    links: list[tuple[EditionLink, str]]  # each with its address from this page
    status: str


@dataclass(frozen=True)
class EditionSwitcher:
    """The editions a page of edition `year` may name: its own and the earlier ones.

    A page never names a later edition: that would change a published, frozen edition's
    bytes when the next one appears. Later editions, the 'newer edition' banner and what
    became of a recommendation come from the site root's edities.json (editions_file), which
    edities.js reads in the browser. So the switcher is known when the page is rendered, from
    the editions rendered before it.
    """

    library: Library
    year: int
    known: list[int]
    urls: dict[int, set[str]]  # the pages of each earlier edition

    def view(self, url: str, item: str | None) -> SwitcherView:
        links = edition_links(self.library, self.known, self.year, url, item, self.urls)
        return SwitcherView(
            self.year,
            url,
            relative(url, "../"),
            [(link, relative(url, f"../{link.year}/{link.url}")) for link in links],
            self.library.editions[self.year].edition.status,
        )


EDITIONS_FILE = "edities.json"


def editions_file(editions: list[EditionOutline], library: Library) -> str:
    """edities.json at the site root: per page of an edition, where it lives in each later
    edition, and what later editions said became of each recommendation."""
    years = [e.year for e in editions]
    published = [y for y in years if library.editions[y].edition.status == "gepubliceerd"]
    urls = {e.year: {p.url for p in e.pages} for e in editions}
    pages: dict[str, dict[str, dict[str, str]]] = {}
    for edition in editions:
        later = [y for y in years if y > edition.year]
        if not later:
            continue
        pages[str(edition.year)] = {
            page.url: {
                str(link.year): link.url if link.exact else ""
                for link in edition_links(library, later, edition.year, page.url, page.item, urls)
            }
            for page in edition.pages
        }
    data = {
        "nieuwste": max(published or years),
        "edities": years,
        "paginas": pages,
        "opvolging": _later_follow_up(library, years),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.translate(HTML_SAFE_JSON) + "\n"


def _later_follow_up(library: Library, years: list[int]) -> dict[str, dict[str, list[Any]]]:
    result: dict[str, dict[str, list[Any]]] = {}
    for (judge, (year, rec_id)), judged in sorted(library.follow_up.items()):
        if judge not in years or year not in years:
            continue
        successor = judged.successors[0] if judged.successors else None
        result.setdefault(str(year), {}).setdefault(rec_id, []).append(
            {
                "jaar": judge,
                "status": judged.status,
                "toelichting": judged.explanation or "",
                "pagina": f"{judge}/{recommendation_page_url(successor)}" if successor else "",
            }
        )
    return result

"""No dead ends: every page says where it is and leads on (issue 12, item 4).

Breadcrumbs up to the edition home, previous/next in the report's order, overview pages of all
knelpunten and aanbevelingen, links to the exact place, and a 404 page. Read from the real site
(built once per session) and its open data, for the newest edition built: nothing year-specific.
"""

import json
import re
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from htmltree import Node, link_target, parse_file

from builder.site.trail import neighbours, parent, trail


@cache
def edition_dir(site: Path) -> Path:
    return max((p for p in site.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))


@cache
def data(site: Path) -> dict[str, Any]:
    edition = edition_dir(site)
    found: dict[str, Any] = json.loads(
        (edition / "data" / f"editie-{edition.name}.json").read_text(encoding="utf-8")
    )
    return found


@cache
def tree(path: Path) -> Node:
    return parse_file(path)


def page(site: Path, url: str) -> Path:
    return edition_dir(site) / url / "index.html"


def pages(site: Path) -> list[Path]:
    """The edition's pages but its 404.html (a copy of niet-gevonden/, tested on its own)."""
    return sorted(p for p in edition_dir(site).rglob("*.html") if p.name != "404.html")


def crumbs(site: Path, path: Path) -> list[Path]:
    found = tree(path).find("nav", cls="stand-kruimelpad")
    if found is None:
        return []
    return [target(site, path, a) for a in found.find_all("a")]


def target(site: Path, path: Path, anchor: Node) -> Path:
    resolved = link_target(site, path, anchor.attrs["href"])
    assert resolved is not None, anchor.attrs["href"]
    return resolved[0]


def neighbour(site: Path, path: Path, rel: str) -> Path | None:
    links = tree(path).find_all("a", rel=rel)
    return target(site, path, links[0]) if links else None


def knelpunt_urls(site: Path) -> list[str]:
    return [f"knelpunten/{k['id']}/" for c in data(site)["casussen"] for k in c["knelpunten"]]


def aanbeveling_urls(site: Path) -> list[str]:
    return [
        f"aanbevelingen/{r['id']}/" for t in data(site)["rode_draden"] for r in t["wat_is_nodig"]
    ]


# ============================================================================================
# The trail and the reading order, as functions


def test_a_page_sits_under_its_owner_else_under_the_nearest_page_above_its_url() -> None:
    pages = {"", "a/", "a/b/", "c/", "c/d/e/"}
    owners = {"k/1/": "a/b/"}
    assert parent("", pages, owners) is None
    assert parent("a/b/", pages, owners) == "a/"
    assert parent("c/d/e/", pages, owners) == "c/"  # c/d/ is no page
    assert parent("x/", pages, owners) == ""
    assert parent("k/1/", pages, owners) == "a/b/"
    titles = {url: f"T{url}" for url in [*pages, "k/1/"]}
    assert [c.title for c in trail("k/1/", titles, owners)] == ["T", "Ta/", "Ta/b/"]
    assert [c.url for c in trail("k/1/", titles, owners)] == ["../../", "../../a/", "../../a/b/"]


def test_neighbours_are_the_pages_before_and_after_in_reading_order_and_none_off_it() -> None:
    order = ["a/", "b/", "c/"]
    titles = {"a/": "A", "b/": "B", "c/": "C", "x/": "X"}
    before, after = neighbours("a/", order, titles)
    assert before is None and after is not None and after.title == "B"
    before, after = neighbours("c/", order, titles)
    assert before is not None and before.url == "../b/" and after is None
    assert neighbours("x/", order, titles) == (None, None)


# ============================================================================================
# The built site


def test_every_page_but_the_home_page_has_breadcrumbs_from_the_home_page_that_resolve(
    real_site: Path,
) -> None:
    home = page(real_site, "")
    printed = page(real_site, "afdrukken")  # a document to print: no links out of it
    for path in pages(real_site):
        trail_ = crumbs(real_site, path)
        if path in (home, printed):
            assert trail_ == [], path
            continue
        assert trail_, f"{path} has no breadcrumbs"
        assert trail_[0] == home, path
        assert all(p.is_file() for p in trail_), path
        assert path not in trail_, path


def test_a_knelpunt_sits_under_its_casus_and_an_aanbeveling_under_its_rode_draad(
    real_site: Path,
) -> None:
    for case in data(real_site)["casussen"]:
        for knelpunt in case["knelpunten"]:
            path = page(real_site, f"knelpunten/{knelpunt['id']}")
            assert crumbs(real_site, path)[-1] == page(real_site, case["url"]), path
    for thread in data(real_site)["rode_draden"]:
        for recommendation in thread["wat_is_nodig"]:
            path = page(real_site, f"aanbevelingen/{recommendation['id']}")
            assert crumbs(real_site, path)[-1] == page(real_site, thread["url"]), path


def test_a_knelpunt_or_aanbeveling_page_has_its_tab_and_its_place_in_the_side_menu(
    real_site: Path,
) -> None:
    for url in knelpunt_urls(real_site) + aanbeveling_urls(real_site):
        html = tree(page(real_site, url))
        assert html.find_all("li", cls="md-tabs__item--active"), f"{url}: no active tab"
        active = [a for a in html.find_all("a", cls="md-nav__link--active") if a.attrs.get("href")]
        assert active, f"{url}: not in the side menu"


def test_a_knelpunt_or_aanbeveling_page_links_to_its_rode_draad(real_site: Path) -> None:
    """No dead end: from a knelpunt to the rode draad (and the page) of every answer to it,
    from an aanbeveling to the rode draad it belongs to."""
    threads = data(real_site)["rode_draden"]
    thread_of = {r["id"]: t for t in threads for r in t["wat_is_nodig"]}
    wanted = {
        page(real_site, url): {page(real_site, t["url"])}
        for t in threads
        for url in (f"aanbevelingen/{r['id']}/" for r in t["wat_is_nodig"])
    }
    for case in data(real_site)["casussen"]:
        for knelpunt in case["knelpunten"]:
            wanted[page(real_site, f"knelpunten/{knelpunt['id']}")] = {
                page(real_site, url)
                for rec in knelpunt["wat_is_nodig"]
                for url in (thread_of[rec]["url"], f"aanbevelingen/{rec}/")
            }
    assert any(wanted.values()), "no knelpunt answered: nothing to try"
    for path, targets in wanted.items():
        article = tree(path).find("article")
        assert article is not None, path
        linked = {target(real_site, path, a) for a in article.find_all("a") if "href" in a.attrs}
        assert targets <= linked, f"{path}: no link to {sorted(map(str, targets - linked))}"


def test_the_side_menu_lists_only_the_knelpunten_or_aanbevelingen_of_the_open_section(
    real_site: Path,
) -> None:
    """navigation.prune: a page's menu unfolds its own casus or rode draad only, so the site
    grows linearly with its pages (a fully unfolded menu on every page grows with their square)."""
    groups = [
        {page(real_site, c["url"])}
        | {page(real_site, f"knelpunten/{k['id']}") for k in c["knelpunten"]}
        for c in data(real_site)["casussen"]
    ] + [
        {page(real_site, t["url"])}
        | {page(real_site, f"aanbevelingen/{r['id']}") for r in t["wat_is_nodig"]}
        for t in data(real_site)["rode_draden"]
    ]
    members = set().union(*groups) - {
        page(real_site, c["url"]) for c in data(real_site)["casussen"]
    }
    members -= {page(real_site, t["url"]) for t in data(real_site)["rode_draden"]}
    unfolded = 0
    for path in pages(real_site):
        menu = tree(path).find("div", cls="md-sidebar--primary")
        if menu is None:
            continue
        listed = {target(real_site, path, a) for a in menu.find_all("a") if "href" in a.attrs}
        own = set().union(*(g for g in groups if path in g))
        others = sorted(str(p.relative_to(real_site)) for p in (listed & members) - own)
        assert not others, f"{path}: the menu unfolds other sections: {others[:3]}"
        unfolded += bool(listed & members)
    assert unfolded, "no page unfolds a casus or rode draad in its menu"


def test_previous_and_next_walk_the_casussen_with_their_knelpunten_in_report_order(
    real_site: Path,
) -> None:
    cases = data(real_site)["casussen"]
    route = [
        url
        for case in cases
        for url in [case["url"], *(f"knelpunten/{k['id']}/" for k in case["knelpunten"])]
    ]
    for here, there in pairwise(route):
        assert neighbour(real_site, page(real_site, here), "next") == page(real_site, there)
        assert neighbour(real_site, page(real_site, there), "prev") == page(real_site, here)


def test_previous_and_next_agree_on_every_page(real_site: Path) -> None:
    walked = 0
    for path in pages(real_site):
        after = neighbour(real_site, path, "next")
        if after is not None:
            assert neighbour(real_site, after, "prev") == path, f"{after} does not lead back"
            walked += 1
    threads = data(real_site)["rode_draden"]
    assert walked >= len(threads) + len(aanbeveling_urls(real_site)) + len(knelpunt_urls(real_site))


def test_the_overview_pages_link_every_knelpunt_and_every_aanbeveling(real_site: Path) -> None:
    for overview, urls in (
        ("knelpunten", knelpunt_urls(real_site)),
        ("aanbevelingen", aanbeveling_urls(real_site)),
    ):
        path = page(real_site, overview)
        linked = {target(real_site, path, a) for a in tree(path).one("article").find_all("a")}
        missing = [url for url in urls if page(real_site, url) not in linked]
        assert not missing, f"{overview}/ misses {missing}"


def test_komt_voor_in_leads_to_the_casus_section_on_the_rode_draads_element(
    real_site: Path,
) -> None:
    for thread in data(real_site)["rode_draden"]:
        path = page(real_site, thread["url"])
        listed = tree(path).find("ul", cls="komt-voor-in")
        hrefs = [a.attrs["href"] for a in listed.find_all("a")] if listed else []
        assert len(hrefs) == len(thread["casussen"]), thread["id"]
        for href in hrefs:
            resolved = link_target(real_site, path, href)
            assert resolved is not None
            assert resolved[1] == thread["element"], href
            heading = tree(resolved[0]).one(id=resolved[1])
            assert heading.tag == "h2", href


def test_a_niveau_label_leads_to_the_recommendation_on_the_niveau_page(real_site: Path) -> None:
    checked = 0
    for url in aanbeveling_urls(real_site):
        path = page(real_site, url)
        for badge in tree(path).find_all("a", cls="niveau-badge"):
            resolved = link_target(real_site, path, badge.attrs["href"])
            assert resolved is not None
            assert resolved[1] == url.split("/")[1], badge.attrs["href"]
            assert tree(resolved[0]).find(id=resolved[1]) is not None
            checked += 1
    assert checked >= len(aanbeveling_urls(real_site))


def test_a_casus_contents_list_tells_its_knelpunten_apart(real_site: Path) -> None:
    for case in data(real_site)["casussen"]:
        toc = tree(page(real_site, case["url"])).one("nav", cls="md-nav--secondary")
        entries = [a.text for a in toc.find_all("a")]
        doubles = sorted({e for e in entries if entries.count(e) > 1})
        assert not doubles, f"{case['url']}: {doubles}"


def test_the_home_page_title_is_the_edition_title_once(real_site: Path) -> None:
    title = tree(page(real_site, "")).one("head").one("title").text
    assert title == data(real_site)["titel"]


def test_screen_reader_labels_of_the_theme_are_dutch(real_site: Path) -> None:
    english = {"Header", "Tabs", "Footer", "Navigation", "Reset", "Search", "Clear"}
    for path in pages(real_site):
        labels = {n.attrs["aria-label"] for n in tree(path).iter() if "aria-label" in n.attrs}
        buttons = {n.text for n in tree(path).find_all("button")}
        assert not (labels | buttons) & english, path


def test_every_page_has_a_search_box_in_its_header(real_site: Path) -> None:
    for path in pages(real_site):
        header = tree(path).one("header")
        form = header.one("form", cls="stand-kopzoeken")
        resolved = link_target(real_site, path, form.attrs["action"])
        assert resolved is not None and resolved[0] == page(real_site, "zoeken"), path
        assert header.one("input").attrs["name"] == "q"


# ============================================================================================
# The 404 page


@pytest.mark.parametrize("at_root", [False, True])
def test_the_404_page_is_the_dutch_niet_gevonden_page_based_on_its_own_folder(
    real_site: Path, at_root: bool
) -> None:
    edition = edition_dir(real_site)
    path = real_site / "404.html" if at_root else edition / "404.html"
    html = tree(path)
    base = html.one("head").one("base").attrs["href"]
    assert base == f"/{edition.name}/niet-gevonden/"
    assert html.one("html").attrs["lang"] == "nl"
    assert "niet gevonden" in html.one("h1").text.lower()
    # Its links resolve from the niet-gevonden/ folder, where the same page stands.
    form = html.one("article").one("form")
    search = link_target(real_site, page(real_site, "niet-gevonden"), form.attrs["action"])
    assert search is not None and search[0] == page(real_site, "zoeken")


def test_the_404_page_is_the_niet_gevonden_page_as_built_with_its_base_first_in_head(
    real_site: Path,
) -> None:
    edition = edition_dir(real_site)
    page_ = (edition / "niet-gevonden" / "index.html").read_bytes()
    assert (edition / "404.html").read_bytes() == page_
    head = page_.decode().split("<head>", 1)[1]
    # before anything that loads or links: a base read later would not apply to those
    assert head.lstrip().startswith("<base "), head[:200]
    assert len(re.findall(r"<base\b", page_.decode())) == 1
    # only the 404 page has one: elsewhere it would move every relative link
    others = [p for p in edition.rglob("*.html") if p.parent.name != "niet-gevonden"]
    assert [p for p in others if "<base " in p.read_text() and p.name != "404.html"] == []

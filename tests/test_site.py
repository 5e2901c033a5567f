"""Facts about the built site of the real project, read from its HTML (stdlib html.parser).

The site is built once per session (fixture `real_site` in conftest.py); the content facts
(which knelpunt is answered by which rode draad, which casussen a rode draad names) come from
the frontmatter in content/, so the site is held to what the editors wrote.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from htmltree import Node, link_target, parse_file
from newest_edition import newest_published_year

from builder.publish.sitecheck import broken_links

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent
YEAR = str(newest_published_year())
CONTENT = ROOT / "content"
ELEMENT_COUNT = 6


def frontmatter(path: Path) -> dict:
    _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    assert isinstance(data, dict), path
    return data


def content_files(kind: str) -> list[Path]:
    return sorted((CONTENT / kind / YEAR).glob("*.md"))


CASES = {(f := frontmatter(path))["id"]: f for path in content_files("casussen")}
THREADS = {(f := frontmatter(path))["id"]: f for path in content_files("rode-draden")}
CHAPTERS = {(f := frontmatter(path))["id"]: f for path in content_files("hoofdstukken")}
THREAD_OF_RECOMMENDATION = {
    recommendation["id"]: thread_id
    for thread_id, thread in THREADS.items()
    for recommendation in thread["wat_is_nodig"]
}


@dataclass(frozen=True)
class Site:
    root: Path  # the site dir: index.html and one folder per edition

    @property
    def edition(self) -> Path:
        return self.root / YEAR

    def page(self, url: str) -> Path:
        return self.edition / url / "index.html"

    @cache  # noqa: B019 -- one Site per session; parsing a page once is the point
    def tree(self, path: Path) -> Node:
        return parse_file(path)

    @cache  # noqa: B019
    def pages(self) -> list[Path]:
        """The edition's pages; not 404.html, the niet-gevonden/ page with a <base> (its links
        resolve from there; test_the_404_page_...)."""
        return sorted(p for p in self.edition.rglob("*.html") if p.name != "404.html")

    def targets(self, page: Path, node: Node) -> list[tuple[Path, str]]:
        """The internal files (and fragments) the links below `node` point to."""
        found = [link_target(self.root, page, a.attrs.get("href", "")) for a in node.find_all("a")]
        return [target for target in found if target is not None]


@pytest.fixture(scope="module")
def site(real_site: Path) -> Site:
    return Site(real_site)


def test_the_site_has_a_page_for_every_casus_and_rode_draad(site: Site) -> None:
    assert CASES
    for case_id in CASES:
        assert site.page(f"casussen/{case_id}").is_file(), case_id
    for thread_id in THREADS:
        assert site.page(f"rode-draden/{thread_id}").is_file(), thread_id


# ============================================================================================
# Casussen, rode draden and the matrix


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_every_casus_page_links_each_answered_knelpunt_to_its_rode_draden(
    site: Site, case_id: str
) -> None:
    page = site.page(f"casussen/{case_id}")
    tree = site.tree(page)
    for knelpunt in CASES[case_id]["knelpunten"]:
        aside = tree.one("aside", id_=knelpunt["id"])
        threads = {
            target.parent.name
            for target, _ in site.targets(page, aside)
            if target.parent.parent == site.edition / "rode-draden"
        }
        # an answer is an id, or {id, herkomst} where the report states the link
        answers = [a["id"] if isinstance(a, dict) else a for a in knelpunt.get("wat_is_nodig", [])]
        if answers:
            expected = {THREAD_OF_RECOMMENDATION[r] for r in answers}
            assert threads == expected, f"{case_id}: knelpunt {knelpunt['id']}"
            anchors = {anchor for _, anchor in site.targets(page, aside)}
            assert set(answers) <= anchors, f"{knelpunt['id']}: not linked to its wat-is-nodig"
        else:  # zonder_antwoord: the casus says why no rode draad answers it
            assert threads == set(), f"{case_id}: knelpunt {knelpunt['id']}"
            reason = " ".join(knelpunt["zonder_antwoord"].split())
            assert reason in aside.text, f"{knelpunt['id']}: the reason is not shown"
    answered = [k for k in CASES[case_id]["knelpunten"] if k.get("wat_is_nodig")]
    assert answered, f"{case_id}: no knelpunt is answered by a rode draad"


@pytest.mark.parametrize("thread_id", sorted(THREADS))
def test_every_rode_draad_page_lists_the_casussen_its_frontmatter_names(
    site: Site, thread_id: str
) -> None:
    page = site.page(f"rode-draden/{thread_id}")
    heading = site.tree(page).one("h2", id_="komt-voor-in")
    assert heading.text == "Komt voor in"
    section = []
    for sibling in heading.following_siblings():
        if sibling.tag.startswith("h") and sibling.tag[1:].isdigit():
            break
        section.append(sibling)
    linked = [
        target.parent.name
        for node in section
        for target, _ in site.targets(page, node)
        if target.parent.parent == site.edition / "casussen"
    ]
    assert sorted(linked) == sorted(THREADS[thread_id]["casussen"])


def test_the_matrix_page_has_a_row_per_casus_and_a_column_per_element(site: Site) -> None:
    table = site.tree(site.page("speelveld/matrix")).one("table", cls="matrix")
    header = table.one("thead").find_all("th")
    assert len(header) == 1 + ELEMENT_COUNT
    rows = table.one("tbody").find_all("tr")
    assert len(rows) == len(CASES)
    for row in rows:
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
        assert [c.tag for c in cells] == ["th"] + ["td"] * ELEMENT_COUNT, row.text
        assert cells[0].attrs.get("scope") == "row"


# ============================================================================================
# Every page


def test_every_page_says_it_is_dutch(site: Site) -> None:
    for page in [site.root / "index.html", *site.pages()]:
        html = site.tree(page).one("html")
        assert html.attrs.get("lang") == "nl", page.relative_to(site.root)


def test_every_page_has_exactly_one_h1(site: Site) -> None:
    for page in site.pages():
        count = len(site.tree(page).find_all("h1"))
        assert count == 1, f"{page.relative_to(site.root)}: {count} h1"


def test_no_page_skips_a_heading_level(site: Site) -> None:
    levels = {f"h{n}": n for n in range(1, 7)}
    for page in site.pages():
        previous = 0
        for node in site.tree(page).iter():
            if node.tag in levels:
                level = levels[node.tag]
                assert level <= previous + 1, (
                    f"{page.relative_to(site.root)}: h{previous} -> h{level} ({node.text!r})"
                )
                previous = level


def test_every_page_has_a_unique_non_empty_title(site: Site) -> None:
    titles: dict[str, Path] = {}
    for page in site.pages():
        title = site.tree(page).one("head").one("title").text
        assert title, page.relative_to(site.root)
        assert title not in titles, f"{page} and {titles[title]} share the title {title!r}"
        titles[title] = page


def test_no_internal_link_or_anchor_is_broken(site: Site) -> None:
    assert broken_links(site.root) == []


SCRIPT = re.compile(r'<script\b[^>]*?\ssrc="([^"]*)"')
SEARCH_WORKER = re.compile(r'"search": "([^"]*)"')  # in Material's config block of every page


def test_every_script_a_page_loads_is_there_and_no_unused_theme_file_is(site: Site) -> None:
    """Material's lunr search and its source maps are left out (mkdocs_hooks.on_files); what
    the pages do load, the search worker of Material's config included, is all there."""
    loaded = set()
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        for src in SCRIPT.findall(html) + SEARCH_WORKER.findall(html):
            if not urlsplit(src).netloc:
                loaded.add((page.parent / urlsplit(src).path).resolve())
    assert loaded and all(path.is_file() for path in loaded), sorted(map(str, loaded))
    files = [p.relative_to(site.edition).as_posix() for p in site.edition.rglob("*")]
    assert "assets/javascripts/bundle" in " ".join(files)  # Material's own files are there
    assert [f for f in files if f.endswith(".map") or "lunr" in f] == []


def test_the_footer_of_every_page_links_to_the_toegankelijkheid_page(site: Site) -> None:
    statement = site.page("toegankelijkheid")
    for page in site.pages():
        footers = site.tree(page).find_all("footer")  # the site's, and a print-only one
        assert footers, f"{page.relative_to(site.root)} has no footer"
        targets = [target for footer in footers for target, _ in site.targets(page, footer)]
        assert statement in targets, page.relative_to(site.root)


def test_the_site_root_leads_to_the_newest_edition(site: Site) -> None:
    index = site.root / "index.html"
    tree = site.tree(index)
    refresh = tree.one("meta", **{"http-equiv": "refresh"})
    assert refresh.attrs["content"].replace(" ", "") == f"0;url={YEAR}/"
    assert [a.attrs["href"] for a in tree.find_all("a")] == [f"{YEAR}/"]
    assert tree.one("head").one("title").text
    assert (site.edition / "index.html").is_file()


def test_the_pagefind_index_exists_and_is_dutch(site: Site) -> None:
    entry = json.loads((site.edition / "pagefind" / "pagefind-entry.json").read_text())
    assert "nl" in entry["languages"]
    assert entry["languages"]["nl"]["page_count"] > len(CASES) + len(THREADS)


# ============================================================================================
# Charts


CHARTS = [
    (chapter_id, chart["id"])
    for chapter_id, chapter in CHAPTERS.items()
    for chart in chapter.get("grafieken", [])
]


def test_the_content_has_charts_to_check() -> None:
    assert CHARTS


@pytest.mark.parametrize(("chapter_id", "chart_id"), CHARTS)
def test_every_chart_has_a_described_svg_and_a_data_table(
    site: Site, chapter_id: str, chart_id: str
) -> None:
    tree = site.tree(site.page(chapter_id))
    figure = tree.one("figure", id_=chart_id)
    svg = figure.one("svg")
    assert svg.attrs.get("role") == "img"
    children = [c for c in svg.children if isinstance(c, Node)]
    titles = [c for c in children if c.tag == "title"]
    descs = [c for c in children if c.tag == "desc"]
    assert len(titles) == 1 and titles[0].text, "svg without <title>"
    assert len(descs) == 1 and descs[0].text, "svg without <desc>"
    for label_id in svg.attrs.get("aria-labelledby", "").split():
        assert tree.find(id_=label_id) is not None, f"aria-labelledby {label_id} not found"

    table = figure.one("table")
    assert table.one("caption").text
    headers = table.find_all("th")
    assert headers
    for th in headers:
        assert th.attrs.get("scope") in ("col", "row"), f"<th> {th.text!r} without scope"

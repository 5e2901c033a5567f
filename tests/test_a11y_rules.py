"""Our own accessibility rules over the built real site's HTML (stdlib html.parser).

These cover what axe-core does not check or cannot see (reader-requirements A1, A3, A5, A6,
A11, A13, A15, charts): the rules that need layout (320 px reflow, visible focus, keyboard)
run in chromium, in tests/browser/test_accessibility.py. The site is built once per session
(fixture `real_site` in conftest.py).
"""

import re
from functools import cache
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from htmltree import Node, parse_file

from builder.content.glossary import load_glossary

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT)[0].terms
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Text the abbreviation stage leaves alone (builder/site/abbreviations.py): it may use a term first.
UNEXPANDED = {"abbr", "code", "pre", "script", "style", "svg", "title", "textarea"}
FILE_LINK = re.compile(r"\.(json|jsonld|csv|pdf|xlsx?|docx?|odt|ods|zip)$", re.I)
TYPE_AND_SIZE = re.compile(r"\((?P<type>[A-Z]{2,5}(-[A-Z]{2})?), \d+(,\d)? (kB|MB)\)")


@cache
def tree(path: Path) -> Node:
    return parse_file(path)


@pytest.fixture(scope="module")
def pages(real_site: Path) -> list[Path]:
    """Every HTML page of the site (the root redirects included)."""
    found = sorted(real_site.rglob("*.html"))
    assert len(found) > 100
    return found


@pytest.fixture(scope="module")
def content_pages(pages: list[Path]) -> list[Path]:
    """The edition pages: all but the root redirects to the newest edition."""
    return [p for p in pages if tree(p).find("meta", **{"http-equiv": "refresh"}) is None]


def name(page: Path) -> str:
    parts = page.parts
    return "/".join(parts[parts.index("site") + 1 :]) if "site" in parts else str(page)


def body_of(page: Path) -> Node:
    """The page's own content: the body the render stage made (div.stand-pagina)."""
    return tree(page).one("div", cls="stand-pagina")


def test_the_glossary_has_the_abbreviations_of_the_report() -> None:
    for term in ("Wmo", "Wlz", "AVG", "COA", "RES", "CIZ", "KCC", "LVB", "Udo", "IAK", "BZK"):
        assert GLOSSARY.get(term), term
    for term in ("SCP", "UWV", "SVB", "WOZ", "ICT", "GR", "MDO"):
        assert GLOSSARY.get(term), term


# ============================================================================================
# Language, headings, viewport (A1, A3, A6)


def test_every_page_is_in_dutch(pages: list[Path]) -> None:
    wrong = [name(p) for p in pages if tree(p).one("html").attrs.get("lang") != "nl"]
    assert not wrong, f'without <html lang="nl">: {wrong}'


def test_every_page_has_one_h1_and_skips_no_heading_level(content_pages: list[Path]) -> None:
    problems = []
    for page in content_pages:
        levels = [HEADINGS[n.tag] for n in tree(page).iter() if n.tag in HEADINGS]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{name(page)}: h1 count {levels.count(1)}, first h{levels[0]}")
        for before, after in pairwise(levels):
            if after > before + 1:
                problems.append(f"{name(page)}: h{before} -> h{after}")
    assert not problems, "\n".join(problems)


def test_no_page_stops_the_reader_from_zooming(content_pages: list[Path]) -> None:
    for page in content_pages:
        viewport = tree(page).one("meta", name="viewport").attrs["content"].replace(" ", "")
        assert "maximum-scale" not in viewport, name(page)
        assert "user-scalable=no" not in viewport, name(page)


# ============================================================================================
# Skip link (A5)


def focusable(node: Node) -> bool:
    """Focusable by Tab, as far as the HTML tells. Material's toggle checkboxes (.md-toggle)
    are never displayed (its CSS), so they take no focus."""
    if node.attrs.get("tabindex", "").lstrip("-").isdigit():
        return not node.attrs["tabindex"].startswith("-")
    if node.tag == "a":
        return "href" in node.attrs
    if node.tag == "input":
        return node.attrs.get("type") != "hidden" and "md-toggle" not in node.classes
    return node.tag in ("button", "select", "textarea")


# Material's own skip link (base.html, outside any block) is never displayed: stand.css hides it.
HIDDEN_SKIP = '[data-md-component="skip"] { display: none; }'


def shown(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.attrs.get("data-md-component") == "skip":
            return False
        parent = parent.parent
    return True


def test_the_skip_link_comes_first_and_leads_to_the_content_on_every_page(
    content_pages: list[Path],
) -> None:
    assert HIDDEN_SKIP in STAND_CSS.read_text(encoding="utf-8")
    links = set()
    for page in content_pages:
        document = tree(page)
        first = next(n for n in document.one("body").iter() if focusable(n) and shown(n))
        assert "md-skip" in first.classes, f"{name(page)}: first focusable is {first}"
        assert first.parent is not None and first.parent.tag == "div", name(page)
        fragment = urlsplit(first.attrs["href"]).fragment
        target = document.find(id_=fragment)
        assert target is not None, f"{name(page)}: skip link to missing #{fragment}"
        assert target.find(cls="stand-pagina") is not None, f"{name(page)}: skips the content"
        links.add((first.attrs["href"], first.text))
    assert len(links) == 1, f"the skip link differs between pages: {links}"


# ============================================================================================
# Tables (A11) and charts


def test_every_data_table_has_a_caption_and_headers_with_scope(
    content_pages: list[Path],
) -> None:
    problems = []
    for page in content_pages:
        for table in tree(page).find_all("table"):
            caption = table.find("caption")
            if caption is None or not caption.text:
                problems.append(f"{name(page)}: table without caption")
            headers = table.find_all("th")
            if not headers:
                problems.append(f"{name(page)}: table without th ({caption and caption.text})")
            unscoped = [th.text for th in headers if th.attrs.get("scope") not in ("col", "row")]
            if unscoped:
                problems.append(f"{name(page)}: th without scope: {unscoped[:3]}")
    assert not problems, "\n".join(problems)


def test_every_figure_and_chart_has_a_text_alternative(content_pages: list[Path]) -> None:
    """An svg in the content is decorative (aria-hidden), or an image or group with a title
    and a description, and a chart (.grafiek) also has its numbers in a data table."""
    problems = []
    for page in content_pages:
        for svg in body_of(page).find_all("svg"):
            if svg.attrs.get("aria-hidden") == "true":
                continue
            children = {c.tag: c for c in svg.children if isinstance(c, Node)}
            described = children.get("title") and children["title"].text and children.get("desc")
            if svg.attrs.get("role") not in ("img", "group") or not described:
                problems.append(f"{name(page)}: svg {svg.attrs.get('class')} without role, "
                                "title and desc")  # fmt: skip
            for label in svg.attrs.get("aria-labelledby", "").split():
                if tree(page).find(id_=label) is None:
                    problems.append(f"{name(page)}: aria-labelledby {label} not found")
        for figure in body_of(page).find_all("figure", cls="grafiek-figuur"):
            if figure.find("table") is None:
                problems.append(f"{name(page)}: chart {figure.attrs.get('id')} without table")
    assert not problems, "\n".join(problems)


# ============================================================================================
# Links to files (A13)


def test_links_to_files_state_type_and_size_in_their_text(content_pages: list[Path]) -> None:
    problems = []
    checked = 0
    for page in content_pages:
        for link in tree(page).find_all("a"):
            path = urlsplit(link.attrs.get("href", "")).path
            if not (FILE_LINK.search(path) or "download" in link.attrs):
                continue
            checked += 1
            stated = TYPE_AND_SIZE.search(link.text)
            extension = path.rsplit(".", 1)[-1].upper()
            if stated is None or stated.group("type").replace("-", "") != extension:
                problems.append(f"{name(page)}: {link.text!r} -> {path}")
    assert checked >= 5, "the home page links to the open data and the PDF"
    assert not problems, "links to files must say e.g. '(JSON, 45 kB)':\n" + "\n".join(problems)


# ============================================================================================
# Abbreviations (A15)


def term_uses(node: Node, pattern: re.Pattern[str]) -> list[tuple[str, Node | None]]:
    """Each use of a glossary term in the text below `node`, in document order, with the
    <abbr> it stands in (or None); text the abbreviation stage leaves alone is skipped."""
    uses: list[tuple[str, Node | None]] = []
    for child in node.children:
        if isinstance(child, str):
            abbr = node if node.tag == "abbr" else None
            uses.extend((match.group(1), abbr) for match in pattern.finditer(child))
        elif child.tag == "abbr" or child.tag not in UNEXPANDED:
            uses.extend(term_uses(child, pattern))
    return uses


def test_the_first_use_of_each_abbreviation_on_a_page_is_expanded_and_only_that(
    content_pages: list[Path],
) -> None:
    words = "|".join(sorted(map(re.escape, GLOSSARY), key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)({words})(?!\w)")
    problems = []
    expanded = 0
    for page in content_pages:
        seen: set[str] = set()
        for term, abbr in term_uses(body_of(page), pattern):
            first = term not in seen
            seen.add(term)
            if first and (abbr is None or abbr.attrs.get("title") != GLOSSARY[term]):
                problems.append(f"{name(page)}: first {term} not in <abbr title=…>")
            elif not first and abbr is not None:
                problems.append(f"{name(page)}: {term} expanded again")
            expanded += first
        for abbr in body_of(page).find_all("abbr"):
            if GLOSSARY.get(abbr.text) != abbr.attrs.get("title"):
                problems.append(f"{name(page)}: <abbr> {abbr.text} not from the glossary")
    assert expanded > 100, "the report uses its abbreviations on many pages"
    assert not problems, "\n".join(problems[:40])


# ============================================================================================
# Contrast of the design tokens (A8), also for the states axe does not see (hover, focus)

STAND_CSS = ROOT / "themes" / "material" / "assets" / "stand.css"
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_colours_of_text_links_states_and_focus_have_enough_contrast() -> None:
    css = STAND_CSS.read_text(encoding="utf-8")
    token = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))
    focus = re.search(r"outline: 3px solid (#\w{6}) !important;\s*outline-offset: 0;\s*"
                      r"box-shadow: 0 0 0 6px (#\w{6})", css)  # fmt: skip
    assert focus is not None, "the two-tone focus ring in stand.css"
    inner, outer = focus.groups()
    primary = token["--md-primary-fg-color"]
    pairs = [  # (what, foreground, background, minimum)
        ("link text", token["--md-typeset-a-color"], WHITE, 4.5),
        ("link on hover and focus (Material: accent)", token["--md-accent-fg-color"], WHITE, 4.5),
        ("header, tabs and footer text", WHITE, primary, 4.5),
        ("body text", token["--stand-tekst"], WHITE, 4.5),
        ("knelpunt border and speelveld focus", token["--stand-rood"], WHITE, 3),
        ("card and badge borders", token["--stand-rand"], WHITE, 3),
        ("focus ring on white pages", outer, WHITE, 3),
        ("focus ring on the header", inner, primary, 3),
    ]
    low = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1 < {minimum}:1"
        for what, fg, bg, minimum in pairs
        if contrast(fg, bg) < minimum
    ]
    assert not low, "\n".join(low)


def test_the_answers_to_a_knelpunt_never_share_a_link_text(content_pages: list[Path]) -> None:
    """Two recommendations of one rode draad answer some knelpunten: each link names its
    number, so a screen reader's list of links tells them apart (WCAG 2.4.4)."""
    lists = 0
    for page in content_pages:
        for answers in tree(page).find_all("ul", cls="antwoorden"):
            items = [item for item in answers.children if isinstance(item, Node)]
            texts = [item.find("a").text for item in items]  # the answer; then its provenance
            assert len(texts) == len(set(texts)), f"{name(page)}: {texts}"
            lists += len(texts) > 1
    assert lists, "no knelpunt with several answers: the check above tested nothing"

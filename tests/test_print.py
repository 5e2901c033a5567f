"""Print: the print stylesheet, the whole report on one page (afdrukken/) and its PDF.

The minimal edition (with a licence added) is built once for the module. The checks on the
print stylesheet run in Debian chromium (selenium, emulated print media); the PDF checks read
the PDF with pypdf (the build's own PDF library).
Both skip, with the reason, when chromium is missing; the rest runs everywhere.
"""

import gzip
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from htmltree import Node, parse_file
from pypdf import PdfReader

import builder.publish.pdf
from builder.pipeline import BuildOutcome, build
from builder.site.print_page import NO_PAGE_NUMBERS, PAGE_NUMBERS_FILE

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent
VALID_MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
YEAR = "2022"
EXTERNAL = "https://vng.nl/rubrieken/onderwerpen"
LICENCE = "© Testuitgever, Den Haag, juni 2022"
PDF = f"stand-van-de-uitvoering-{YEAR}.pdf"
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PDF_LINK = re.compile(r"Het hele rapport als PDF \(PDF, (\d+ kB|\d+,\d MB)\)")
PDF_ITEM = re.compile(r"<li data-pagefind-ignore><a href=\"[^\"]+\.pdf\"[^>]*>[^<]*</a></li>")
PDF_META = re.compile(r'<meta name="citation_pdf_url" content="[^"]*">')
REAL_ORDER = [
    "Voorwoord", "Inleiding", "De gemeentelijke uitvoering", "Onderzoekskeuzes",
    "Casus 1", "Casus 2", "Casus 3", "Casus 4", "Casus 5", "Casus 6", "Rode draden",
    *["Rode draad"] * 19, "Nawoord", "Bijlage A", "Bijlage B", "Bijlage C",
]  # fmt: skip


def needs_chromium() -> None:
    if builder.publish.pdf.find_chromium() is None:
        pytest.skip("chromium is not installed (Debian package chromium): no PDF, no print media")


def published(outcome: BuildOutcome) -> None:
    problems = "\n".join(str(error) for error in outcome.errors)
    assert outcome.published is not None, f"build failed: {outcome.failure}\n{problems}"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def minimal_project(target: Path) -> Path:
    """The minimal edition with the repository's themes and mkdocs.yml, a licence in its
    edition file and an external link in its inleiding."""
    shutil.copytree(VALID_MINIMAL, target)
    shutil.copytree(ROOT / "themes", target / "themes")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    content = target / "content"
    append(content / "edities" / f"{YEAR}.yml", f"licentie: {LICENCE}\n")
    append(
        content / "hoofdstukken" / YEAR / "01-inleiding.md",
        f"\nZie ook [de onderwerpen van de VNG]({EXTERNAL}).\n",
    )
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = minimal_project(tmp_path_factory.mktemp("print") / "project")
    site = project.parent / "site"
    published(build(project, site))
    return site / YEAR


def article(page: Path) -> Node:
    return parse_file(page).one("article")


def headings(node: Node) -> list[Node]:
    return [n for n in node.iter() if re.fullmatch(r"h[1-6]", n.tag)]


# -- the whole report on one page -------------------------------------------------------------


def test_the_print_page_has_one_h1_and_the_parts_as_h2_with_headings_that_nest(
    site: Path,
) -> None:
    content = article(site / "afdrukken" / "index.html")
    levels = [int(h.tag[1]) for h in headings(content)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after}"
    parts = [
        h.text for h in content.find_all("h2") if h.parent and "rapport-deel" in h.parent.classes
    ]
    assert parts[0] == "Inleiding"
    assert [p.split(":")[0] for p in parts[1:3]] == ["Casus 1", "Casus 2"]
    assert parts[3] == "Rode draden"
    assert parts[-1].endswith("Bronnen")


def test_ids_on_the_print_page_are_unique_and_its_links_stay_on_the_page(site: Path) -> None:
    page = parse_file(site / "afdrukken" / "index.html")
    ids = Counter(n.attrs["id"] for n in page.iter() if "id" in n.attrs)
    assert [i for i, n in ids.items() if n > 1] == []
    content = page.one("article")
    hrefs = [a.attrs["href"] for a in content.find_all("a") if "href" in a.attrs]
    inside = [h for h in hrefs if h.startswith("#")]
    assert len(inside) > 10
    assert all(h[1:] in ids for h in inside)
    # The parts' own pages and knelpunten are anchors here, not links to other pages.
    assert [h for h in hrefs if not h.startswith(("#", "http"))] == []
    assert "#casussen-anna--fn1" in hrefs


def test_the_print_page_is_left_out_of_search(site: Path) -> None:
    page = parse_file(site / "afdrukken" / "index.html")
    assert page.find_all(**{"data-pagefind-body": ""}) == []


def test_the_real_print_page_holds_the_report_in_report_order(real_site: Path) -> None:
    content = article(real_site / YEAR / "afdrukken" / "index.html")
    parts = [
        h.text for h in content.find_all("h2") if h.parent and "rapport-deel" in h.parent.classes
    ]
    assert len(parts) == len(REAL_ORDER), parts
    for title, start in zip(parts, REAL_ORDER, strict=True):
        assert title.startswith(start), (title, start)


# -- the PDF ----------------------------------------------------------------------------------


def outline(items: list[Any]) -> list[tuple[str, list[Any]]]:
    """The bookmark tree as pypdf reads it: (title, children) per item."""
    tree: list[tuple[str, list[Any]]] = []
    for item in items:
        if isinstance(item, list):
            title = tree[-1][0]
            tree[-1] = (title, outline(item))
        else:
            tree.append((str(item.title), []))
    return tree


def test_the_pdf_is_tagged_in_dutch_with_a_bookmark_outline(site: Path) -> None:
    needs_chromium()
    assert (site / PDF).read_bytes().startswith(b"%PDF-")
    reader = PdfReader(site / PDF)
    catalog = reader.root_object
    assert "/Outlines" in catalog
    assert "/StructTreeRoot" in catalog  # tagged
    assert str(catalog["/Lang"]) == "nl"
    tree = outline(reader.outline)
    # One top bookmark (the page's h1), the parts (h2) below it, their sections below them.
    assert len(tree) == 1 and tree[0][0].endswith("(testeditie)")
    parts = {title: children for title, children in tree[0][1]}
    assert "Inleiding" in parts and "Bijlage C | Bronnen" in parts
    assert "Casus 1: Anna Casus over Anna" in [t.replace("\xa0", " ") for t in parts]
    assert any(children for children in parts.values())


def test_the_home_page_links_the_pdf_with_its_type_and_size(site: Path) -> None:
    needs_chromium()
    home = parse_file(site / "index.html")
    link = home.one("a", href=PDF)
    assert link.attrs.get("type") == "application/pdf"
    item = link.parent
    assert item is not None and PDF_LINK.search(item.text)
    # in the whole report's list, after the link to it on one page
    assert item.parent is not None and item.parent.attrs.get("class") == "downloads"
    items = item.parent.find_all("li")
    assert [i.one("a").attrs["href"] for i in items] == ["afdrukken/", PDF]
    meta = home.one("meta", name="citation_pdf_url")
    assert meta.attrs["content"].endswith(PDF)


def search_index(edition: Path) -> dict[str, bytes]:
    folder = edition / "pagefind"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_without_chromium_the_build_succeeds_without_pdf_and_then_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = minimal_project(tmp_path / "project")
    site = tmp_path / "site"
    with monkeypatch.context() as patch:
        patch.setenv(builder.publish.pdf.CHROMIUM_SETTING, "")  # as a user can choose
        outcome = build(project, site)
    published(outcome)
    assert outcome.published is not None
    assert any("PDF" in note and "STAND_CHROMIUM" in note for note in outcome.published.notes)
    home = (site / YEAR / "index.html").read_text(encoding="utf-8")
    assert not (site / YEAR / PDF).exists()
    assert "als PDF" not in home and "citation_pdf_url" not in home
    assert "afdrukken/" in home
    if builder.publish.pdf.find_chromium() is None:
        return
    index = search_index(site / YEAR)
    fragments = [gzip.decompress(v) for k, v in index.items() if k.startswith("fragment/")]
    assert fragments and not [f for f in fragments if b"als PDF" in f]
    # With Chromium the same edition is no longer 'unchanged': it is rebuilt with its PDF,
    # and a build after that carries the edition over, PDF and all.
    again = build(project, site)
    published(again)
    assert again.published is not None and again.published.reused == []
    # the index is made before the PDF exists, so it cannot depend on it
    assert search_index(site / YEAR) == index
    # the home page is the same page with the link and its citation_pdf_url added
    with_pdf = (site / YEAR / "index.html").read_text(encoding="utf-8")
    added = [PDF_ITEM.search(with_pdf), PDF_META.search(with_pdf)]
    assert all(added)
    assert PDF_ITEM.sub("", PDF_META.sub("", with_pdf)) == home
    pdf = site / YEAR / PDF
    first = pdf.read_bytes()
    last = build(project, site)
    assert last.published is not None and last.published.reused == [int(YEAR)]
    assert pdf.read_bytes() == first
    assert PDF_LINK.search(parse_file(site / YEAR / "index.html").text)


def test_the_pdf_is_printed_again_only_when_the_print_page_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_chromium()
    project = minimal_project(tmp_path / "project")
    printed: list[int] = []
    guesses: list[Any] = []
    print_pdf = builder.publish.pdf.print_pdf

    def counting(
        out_dir: Path, year: int, source_date: int, parts: list[str], guess: Any
    ) -> Path | None:
        printed.append(year)
        guesses.append(guess)
        return print_pdf(out_dir, year, source_date, parts, guess)

    monkeypatch.setattr(builder.publish.pdf, "print_pdf", counting)
    published(build(project, tmp_path / "first"))
    # a new site dir: the edition is built again, but its print page is the same
    published(build(project, tmp_path / "second"))
    assert printed == [int(YEAR)]
    assert (tmp_path / "second" / YEAR / PDF).read_bytes() == (
        tmp_path / "first" / YEAR / PDF
    ).read_bytes()
    append(project / "content" / "hoofdstukken" / YEAR / "01-inleiding.md", "\nNieuwe zin.\n")
    published(build(project, tmp_path / "third"))
    assert printed == [int(YEAR), int(YEAR)]
    # the new print starts from the page numbers of the edition's last PDF
    first_pages = builder.publish.pdf.part_pages(tmp_path / "first" / YEAR / PDF, [*guesses[1]])
    assert guesses[0] is None and guesses[1] and guesses[1] == first_pages
    third = tmp_path / "third" / YEAR / PDF
    assert third.read_bytes() != (tmp_path / "first" / YEAR / PDF).read_bytes()
    assert PDF_LINK.search(parse_file(tmp_path / "third" / YEAR / "index.html").text)


# -- the print stylesheet, in chromium --------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    needs_chromium()
    if not CHROMEDRIVER.exists():
        pytest.skip("chromedriver is not installed (Debian package chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in builder.publish.pdf.CHROMIUM_FLAGS:
        if "pdf" not in argument:
            options.add_argument(argument)
    profile = tmp_path_factory.mktemp("chromium-profile-print")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = builder.publish.pdf.find_chromium()
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def display(driver: Any, selector: str) -> list[str]:
    script = (
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map(e => getComputedStyle(e).display);"
    )
    values: list[str] = driver.execute_script(script, selector)
    return values


HIDDEN_IN_PRINT = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    ".zoekformulier",
]


@pytest.mark.browser
@pytest.mark.parametrize("page", ["index.html", "casussen/anna/index.html", "afdrukken/index.html"])
def test_print_shows_content_and_where_it_comes_from_not_navigation(
    browser: Any, site: Path, page: str
) -> None:
    browser.get((site / page).as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "screen"})
    assert display(browser, ".stand-print-meta") == ["none"]
    assert "none" not in display(browser, ".md-header")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in HIDDEN_IN_PRINT:
            assert set(display(browser, selector)) <= {"none"}, selector
        assert display(browser, ".md-header") == ["none"]
        if page == "index.html":
            assert display(browser, ".zoekformulier") == ["none"]
        meta = browser.execute_script(
            "const m = document.querySelector('article .stand-print-meta');"
            "return m && getComputedStyle(m).display !== 'none' ? m.innerText : null;"
        )
        assert meta is not None, "no print metadata at the end of the content"
        for expected in ("VNG Realisatie", "juni 2022", LICENCE, f"{YEAR}/"):
            assert expected in meta
        last = browser.execute_script(
            "return document.querySelector('article').lastElementChild.className;"
        )
        assert "stand-print-meta" in last
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.browser
def test_print_shows_the_address_of_external_links(browser: Any, site: Path) -> None:
    browser.get((site / "inleiding" / "index.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        after = browser.execute_script(
            "return Array.from(document.querySelectorAll('article a'))"
            ".map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content]);"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    shown = dict(after)
    assert EXTERNAL in shown[EXTERNAL]
    internal = [content for href, content in after if not href.startswith("http")]
    assert internal and set(internal) <= {"none", "normal"}


@pytest.mark.browser
def test_print_does_not_repeat_a_website_address_that_is_the_link_text(
    browser: Any, site: Path
) -> None:
    browser.get((site / "bronnen" / "index.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        content = browser.execute_script(
            "return getComputedStyle(document.querySelector("
            "'a[href=\"https://www.voorbeeld.nl\"]'), '::after').content;"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert content in ("none", "normal")


def pdf_pages(site: Path) -> list[str]:

    return [page.extract_text() or "" for page in PdfReader(site / PDF).pages]


def test_the_pdf_has_a_cover_with_title_publisher_and_date_and_no_page_number(
    site: Path,
) -> None:
    needs_chromium()
    cover = pdf_pages(site)[0]
    for expected in ("Stand van de Uitvoering 2022 (testeditie)", "juni 2022", LICENCE):
        assert expected in cover
    assert "Het hele rapport" not in cover and not re.search(r"\b1 / \d+\b", cover)


def test_every_page_after_the_cover_is_numbered_in_its_footer(site: Path) -> None:
    needs_chromium()
    pages = pdf_pages(site)
    total = len(pages)
    for number, text in enumerate(pages[1:], 2):
        assert f"{number} / {total}" in text, f"page {number}: {text[-80:]!r}"


def test_the_pdf_contents_list_gives_the_page_where_each_part_starts(site: Path) -> None:
    """The numbers come from a first print's bookmarks; each part's heading is on its page."""
    needs_chromium()
    pages = pdf_pages(site)
    contents = next(text for text in pages if "Inhoud" in text)
    footer = re.compile(r"\d+ /")  # the page's own number, "2 / 15"
    entries = [
        (label, number)
        for label, number in re.findall(r"^(.+?)\s+(\d+)$", contents, re.M)
        if not footer.fullmatch(label)
    ]
    labels = [label for label, _ in entries]
    assert "Inleiding" in labels and "Bijlage C | Bronnen" in labels
    for label, number in entries:
        page = pages[int(number) - 1]
        first_words = " ".join(label.split()[:2])
        assert first_words in " ".join(page.split()), (label, number)
    # the web page keeps the numbers out: they belong to the PDF only
    html = (site / "afdrukken" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-deel="[^"]+"></span>', html)
    assert (site / PAGE_NUMBERS_FILE).read_text(encoding="utf-8") == NO_PAGE_NUMBERS


@pytest.mark.browser
def test_print_drops_the_dotted_line_under_abbreviations(browser: Any, site: Path) -> None:
    """On screen an abbreviation is underlined (its meaning is a hover away); on paper not."""
    page = site / "inleiding" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<p>", '<p><abbr title="Proef">PRF</abbr> ', 1), "utf-8")
    browser.get(page.as_uri())
    style = "const s = getComputedStyle(document.querySelector('article abbr'));"
    line = style + "return [s.textDecorationLine, s.borderBottomStyle];"
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert browser.execute_script(line) == ["none", "none"]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        page.write_text(html, "utf-8")


def pdf_link_addresses(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [
        str(action["/URI"])
        for page in PdfReader(pdf).pages
        for annotation in page.get("/Annots") or []
        if (action := annotation.get_object().get("/A")) is not None and "/URI" in action
    ]


def test_the_pdf_links_only_to_web_addresses_without_a_site_url_too(site: Path) -> None:
    """The page is printed as built: links out of the report are text there (placement.py)
    and the site's navigation is not printed, so no file: link to the build machine."""
    needs_chromium()
    addresses = pdf_link_addresses(site / PDF)
    assert EXTERNAL in addresses
    assert [a for a in addresses if not re.match(r"https?://", a)] == []


def test_with_a_site_url_the_build_passes_and_the_pdf_gives_absolute_addresses(
    tmp_path: Path,
) -> None:
    """Issue 12.10: links in a printed copy lead to the web, never to a relative or file:
    address, and the copy names the edition's address under site_url."""
    needs_chromium()
    site_url = "https://voorbeeld.example/stand/"
    project = minimal_project(tmp_path / "project")
    append(project / "mkdocs.yml", f"\nsite_url: {site_url}\n")
    site = tmp_path / "site"
    published(build(project, site))
    pdf = site / YEAR / PDF
    addresses = pdf_link_addresses(pdf)
    assert EXTERNAL in addresses
    relative = [a for a in addresses if not re.match(r"https?://", a)]
    assert not relative, f"links in the PDF that are not web addresses: {relative}"
    from pypdf import PdfReader

    text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert f"{site_url}{YEAR}/" in text, "the PDF does not name the edition's web address"
    not_found = (site / YEAR / "404.html").read_text(encoding="utf-8")
    assert f'<base href="{site_url}{YEAR}/' in not_found

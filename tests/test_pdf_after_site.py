"""A content edit goes live before its PDF: the new site is swapped in once its pages, search
index and links are right, and a PDF that must be printed anew (seconds of Chromium) follows.
A print that fails puts the previous site back, so a failed build still leaves site/ as it was.

Chromium is replaced by a print that writes a one-page PDF and records what the live site
looked like at that moment; tests/test_print.py prints with the real one.
"""

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfWriter

import builder.publish.pdf
import builder.publish.publish
import builder.publish.swap
from builder.pipeline import build
from builder.publish.manifest import STAMP_FILE, intact
from builder.site.print_page import NO_PAGE_NUMBERS, PAGE_NUMBERS_FILE, PDF_NAME, PRINT_URL
from tests.conftest import add_site_config
from tests.test_build_failure import change_content, snapshot

VALID_MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
EDITIONS = Path(__file__).resolve().parent / "fixtures" / "valid" / "editions"
YEAR = "2022"
PDF = PDF_NAME.format(year=YEAR)
LINK = "Het hele rapport als PDF (PDF, "
NEW_TEXT = "De gemeente verleent diensten."  # what change_content writes
CASE_PAGE = Path(YEAR) / "casussen" / "anna" / "index.html"


class FakePrint:
    """pdf.print_pdf without Chromium: a one-page PDF, or `failure` raised; each call records
    the live site as a reader would find it then."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.failure: BaseException | None = None
        self.fail_for: int | None = None  # only this edition's print fails
        self.seen: list[dict[str, object]] = []

    def __call__(
        self, out_dir: Path, year: int, source_date: int, parts: list[str], guess: object = None
    ) -> Path:
        live = self.site / str(year)
        case = self.site / CASE_PAGE
        self.seen.append(
            {
                "case": case.read_text(encoding="utf-8") if case.is_file() else "",
                "home": (live / "index.html").read_text(encoding="utf-8"),
                "pdf": (live / PDF).exists(),
                "stamp": (live / STAMP_FILE).exists(),
                "printed from the live edition": out_dir.resolve() == live.resolve(),
            }
        )
        if self.failure is not None:
            raise self.failure
        if year == self.fail_for:
            raise builder.publish.pdf.PdfError(f"chromium maakte de PDF van editie {year} niet.")
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        target = out_dir / PDF_NAME.format(year=year)
        with target.open("wb") as file:
            writer.write(file)
        return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(VALID_MINIMAL, project)
    return add_site_config(project)


@pytest.fixture
def printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePrint:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # build() sets it
    fake = FakePrint(tmp_path / "site")
    monkeypatch.setattr(builder.publish.pdf, "find_chromium", lambda: "/nep/chromium")
    monkeypatch.setattr(builder.publish.pdf, "engine", lambda: "nep 1.0")
    monkeypatch.setattr(builder.publish.pdf, "start_browser", lambda: None)
    monkeypatch.setattr(builder.publish.pdf, "print_pdf", fake)
    return fake


def built(project: Path, site: Path) -> None:
    outcome = build(project, site)
    assert outcome.published is not None, (outcome.failure, outcome.errors)


@pytest.mark.slow
def test_the_edited_page_is_live_before_its_pdf_is_printed(
    project: Path, printer: FakePrint
) -> None:
    site = printer.site
    built(project, site)
    change_content(project)
    started = time.monotonic()

    outcome = build(project, site)

    assert outcome.published is not None, outcome.failure
    assert started < outcome.published.live_at < time.monotonic()
    [while_printing] = printer.seen[1:]
    assert NEW_TEXT in str(while_printing["case"])  # the edit is live
    # ... as a site without the PDF: no link to a file that is not there yet, and no stamp,
    # so a build killed now makes the edition anew next time
    assert LINK not in str(while_printing["home"]) and "citation_pdf_url" not in str(
        while_printing["home"]
    )
    assert not while_printing["pdf"] and not while_printing["stamp"]
    # Chromium prints a copy (in which print_pdf replaces the page-number stylesheet:
    # test_printing_a_copy_in_hard_links_never_writes_into_the_linked_files)
    assert not while_printing["printed from the live edition"]
    # then the PDF, the link to it with its size, and the stamp follow
    home = (site / YEAR / "index.html").read_text(encoding="utf-8")
    assert (site / YEAR / PDF).is_file() and f"{LINK}" in home and "citation_pdf_url" in home
    assert "stand-pdf-grootte" not in home
    fingerprint = (site / YEAR / STAMP_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert intact(site / YEAR, fingerprint, signed=True)
    assert not list((project / ".stand-build").glob("afdruk-*"))  # the copy is gone


@pytest.mark.parametrize(
    "failure",
    [
        builder.publish.pdf.PdfError("chromium maakte de PDF van editie 2022 niet."),
        OSError(28, "No space left on device"),
    ],
    ids=["chromium", "disk full"],
)
@pytest.mark.parametrize("renameat2", [True, False], ids=["exchange", "two renames"])
@pytest.mark.slow
def test_a_pdf_that_fails_after_the_site_went_live_puts_the_previous_site_back(
    project: Path,
    printer: FakePrint,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    renameat2: bool,
) -> None:
    if not renameat2:  # not Linux
        monkeypatch.setattr(builder.publish.swap, "_exchange", lambda a, b: False)
    site = printer.site
    built(project, site)
    before = snapshot(site)
    change_content(project)
    printer.failure = failure

    outcome = build(project, site)

    assert outcome.published is None and outcome.failure
    assert NEW_TEXT in str(printer.seen[-1]["case"])  # it failed after the swap
    assert snapshot(site) == before
    # the tree that failed is not carried into the next build: its edition has no stamp
    printer.failure = None
    built(project, site)
    assert NEW_TEXT in (site / CASE_PAGE).read_text(encoding="utf-8")
    assert (site / YEAR / PDF).is_file() and (site / YEAR / STAMP_FILE).is_file()


@pytest.mark.slow
def test_a_first_build_whose_pdf_fails_leaves_no_site(project: Path, printer: FakePrint) -> None:
    printer.failure = builder.publish.pdf.PdfError("chromium maakte de PDF van editie 2022 niet.")

    outcome = build(project, printer.site)

    assert outcome.published is None and outcome.failure
    assert printer.seen  # it failed after the swap
    assert not printer.site.exists()
    printer.failure = None
    built(project, printer.site)
    assert (printer.site / YEAR / PDF).is_file()


def test_printing_a_copy_in_hard_links_never_writes_into_the_linked_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """print_pending prints a copy of the live edition in hard links: the page-number stylesheet
    that each print fills in is a new file in the copy, never a write into the live one."""
    live, copy = tmp_path / "live", tmp_path / "copy"
    (live / PRINT_URL).mkdir(parents=True)
    (live / PRINT_URL / "index.html").write_text("<h1>Rapport</h1>", encoding="utf-8")
    (live / PAGE_NUMBERS_FILE).write_text(NO_PAGE_NUMBERS, encoding="utf-8")
    shutil.copytree(live, copy, copy_function=os.link)
    seen: list[str] = []
    printed: list[str] = []

    def fake_print(chromium: str, page: Path, target: Path, year: int) -> None:
        seen.append((live / PAGE_NUMBERS_FILE).read_text(encoding="utf-8"))
        printed.append((copy / PAGE_NUMBERS_FILE).read_text(encoding="utf-8"))
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)  # no bookmarks: printed twice
        with target.open("wb") as file:
            writer.write(file)

    monkeypatch.setattr(builder.publish.pdf, "find_chromium", lambda: "/nep/chromium")
    monkeypatch.setattr(builder.publish.pdf, "_print", fake_print)

    builder.publish.pdf.print_pdf(copy, 2022, 0, ["casussen-peter"])

    assert '"000"' in printed[0]  # the first print's placeholders, in the copy only
    assert seen == [NO_PAGE_NUMBERS, NO_PAGE_NUMBERS]
    assert (copy / PAGE_NUMBERS_FILE).read_text(encoding="utf-8") == NO_PAGE_NUMBERS


class InThreads(ThreadPoolExecutor):
    """The process pool's interface (spawn context and all), run in threads: the fake print
    reaches the workers."""

    def __init__(self, max_workers: int, mp_context: object) -> None:
        super().__init__(max_workers)


@pytest.mark.slow
def test_with_workers_every_pdf_follows_and_one_that_fails_puts_the_previous_site_back(
    tmp_path: Path, printer: FakePrint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two changed editions are made by workers, which print the PDFs as well; only this
    process writes into the live site, once every print has stopped or as each is done."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(builder.publish.publish, "ProcessPoolExecutor", InThreads)
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    add_site_config(project)
    site = printer.site
    built(project, site)
    assert len(printer.seen) == 2  # both printed, after the site went live
    for year in ("2022", "2023"):
        home = (site / year / "index.html").read_text(encoding="utf-8")
        assert (site / year / PDF_NAME.format(year=year)).is_file() and LINK in home
        assert (site / year / STAMP_FILE).is_file()
    before = snapshot(site)
    # a change to the stylesheet: both editions and their PDFs are made anew, and one fails
    with (project / "themes" / "material" / "assets" / "stand.css").open("a") as stylesheet:
        stylesheet.write("\n/* nieuw */\n")
    printer.fail_for = 2023

    outcome = build(project, site)

    assert outcome.published is None and outcome.failure
    assert len(printer.seen) == 4
    assert snapshot(site) == before


@pytest.mark.slow
def test_a_theme_that_changes_how_the_pdf_size_shows_is_refused_before_the_swap(
    project: Path, printer: FakePrint
) -> None:
    """The size is filled in where the theme showed a token: a project theme that filters it
    (`| upper`) would leave the token on the page, so the build stops, in Dutch."""
    built(project, printer.site)
    before = snapshot(printer.site)
    partial = project / "themes" / "material" / "partials" / "stand-pdf.html"
    text = partial.read_text(encoding="utf-8")
    assert "{{ stand_pdf.size }}" in text
    partial.write_text(text.replace("{{ stand_pdf.size }}", "{{ stand_pdf.size | upper }}"))

    outcome = build(project, printer.site)

    assert outcome.failure == (
        "het thema toont de grootte van de PDF van editie 2022 niet zoals stand die invult: "
        "partials/stand-pdf.html moet {{ stand_pdf.size }} ongewijzigd tonen."
    )
    assert snapshot(printer.site) == before

"""Publishing swaps site/ only after a complete, successful build; a failure leaves it as it was."""

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

import builder.publish.publish
from builder.pipeline import BuildOutcome, build
from builder.publish import browser, pdf
from builder.publish.publish import PublishError
from builder.publish.target import Target

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

CASE = Path("content") / "casussen" / "2022" / "1-anna.md"


def snapshot(site: Path) -> dict[str, str]:
    """Every file (and directory) under site/ with the SHA-256 of its bytes."""
    return {
        path.relative_to(site).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        )
        for path in sorted(site.rglob("*"))
    }


def edit(project: Path, old: str, new: str) -> None:
    case = project / CASE
    text = case.read_text(encoding="utf-8")
    assert old in text
    case.write_text(text.replace(old, new, 1), encoding="utf-8")


def published(outcome: BuildOutcome) -> None:
    problems = "\n".join(str(error) for error in outcome.errors)
    assert outcome.published is not None, f"build failed: {outcome.failure}\n{problems}"


@pytest.fixture
def site(minimal_buildable: Path, tmp_path: Path) -> Path:
    """A site dir holding a first, successful build of the minimal edition."""
    site = tmp_path / "site"
    published(build(minimal_buildable, site))
    assert (site / "2022" / "index.html").is_file()
    return site


def test_a_build_with_a_content_error_leaves_the_existing_site_byte_identical(
    minimal_buildable: Path, site: Path
) -> None:
    before = snapshot(site)
    edit(minimal_buildable, "titel:", "tittel:")

    outcome = build(minimal_buildable, site)

    assert outcome.errors and outcome.published is None
    assert snapshot(site) == before


def test_a_failure_while_publishing_leaves_the_existing_site_byte_identical(
    minimal_buildable: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(site)
    edit(minimal_buildable, "De gemeente is dienstverlener.", "De gemeente helpt.")  # no reuse

    def fail(edition_dir: Path) -> None:
        raise PublishError("de zoekindex kon niet gemaakt worden: test")

    monkeypatch.setattr(builder.publish.publish, "index_search", fail)
    outcome = build(minimal_buildable, site)

    assert outcome.errors == [] and outcome.published is None
    assert outcome.failure is not None and "zoekindex" in outcome.failure
    assert snapshot(site) == before


def test_a_successful_build_replaces_the_existing_site(minimal_buildable: Path, site: Path) -> None:
    stale = site / "2022" / "oude-pagina" / "index.html"
    stale.parent.mkdir()
    stale.write_text("<p>van een vorige build</p>", encoding="utf-8")
    edit(minimal_buildable, "titel: Casus over Anna", "titel: Nieuwe titel")

    published(build(minimal_buildable, site))

    assert not stale.exists(), "a file of the previous site survived the swap"
    page = (site / "2022" / "casussen" / "anna" / "index.html").read_text(encoding="utf-8")
    assert "Nieuwe titel" in page and "Casus over Anna" not in page


def _own_chromium() -> list[str]:
    """The running (not zombie) processes with this process's Chromium profile."""
    profile = f"--user-data-dir={tempfile.gettempdir()}/{browser.PROFILE_PREFIX}{os.getpid()}"
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            arguments = (process / "cmdline").read_bytes().split(b"\0")
            state = (process / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended while we looked
            continue
        if profile.encode() in arguments and state not in ("Z", "X"):
            found.append(process.name)
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_no_chromium_outlives_a_build_that_made_an_edition_or_carried_all_over(
    minimal_buildable: Path, site: Path
) -> None:
    """The build starts its Chromium early, whether it will print or not."""
    if pdf.find_chromium() is None:
        pytest.skip("chromium is not installed")
    profile = Path(tempfile.gettempdir()) / f"{browser.PROFILE_PREFIX}{os.getpid()}"
    for change in ("De gemeente is dienstverlener.", None):  # an edition made, then none
        if change:
            edit(minimal_buildable, change, "De gemeente helpt.")
        outcome = build(minimal_buildable, site)
        published(outcome)
        assert outcome.published is not None
        assert outcome.published.reused == ([] if change else [2022])
        assert _own_chromium() == [] and not profile.exists()


def test_nothing_is_left_in_the_staging_dirs_after_a_successful_build(
    minimal_buildable: Path, site: Path
) -> None:
    published(build(minimal_buildable, site))  # the second build swaps an existing site

    target = Target.at(site)
    assert not target.staging.exists()
    assert not target.previous.exists()
    assert (site / "2022" / "casussen" / "anna" / "index.html").is_file()


def test_every_page_names_the_editions_own_publisher(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    (edition_file,) = (minimal_buildable / "content" / "edities").glob("*.yml")
    text = edition_file.read_text(encoding="utf-8")
    edition_file.write_text(
        text.replace("uitgever: VNG Realisatie", "uitgever: Uitgeverij Proef"), encoding="utf-8"
    )
    site = tmp_path / "site"
    published(build(minimal_buildable, site))
    pages = list((site / edition_file.stem).rglob("*.html"))
    footers = [page.read_text(encoding="utf-8") for page in pages]
    assert all("Uitgeverij Proef" in html and "VNG Realisatie" not in html for html in footers)


def test_an_edition_dated_past_what_gzip_can_hold_still_builds(
    minimal_buildable: Path, site: Path
) -> None:
    """check accepts any real date; mkdocs' sitemap.xml.gz holds times up to 2106-02-07."""
    edition = minimal_buildable / "content" / "edities" / "2022.yml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace('"2022-06"', '"2200-12-31"'), encoding="utf-8")
    published(build(minimal_buildable, site))
    assert (site / "2022" / "sitemap.xml.gz").is_file()

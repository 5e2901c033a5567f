"""`stand new editie` and `stand new hoofdstuk`: a concept edition, valid from the start."""

import shutil
from pathlib import Path

import pytest

from builder.cli.main import EXIT_OK, EXIT_USAGE, main
from builder.pipeline import check
from tests.conftest import FIXTURES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal fixture's one edition: a new edition follows it."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "minimal", target)
    return target


def years(project: Path) -> list[int]:
    return sorted(int(p.stem) for p in (project / "content" / "edities").glob("*.yml"))


def test_new_edition_with_van_copies_the_chapter_headings_still_to_fill_in(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = years(project)[-1]
    year = previous + 1
    assert (
        main(["--project", str(project), "new", "editie", str(year), "--van", str(previous)]) == 0
    )
    out = capsys.readouterr().out
    assert f"content/edities/{year}.yml" in out and f"stand publiceren {year}" in out
    old = sorted(p.name for p in (project / "content/hoofdstukken" / str(previous)).glob("*.md"))
    new = sorted(p.name for p in (project / "content/hoofdstukken" / str(year)).glob("*.md"))
    assert new == old and new
    result = check(project)
    assert result.ok, result.errors
    codes = {
        e.code for e in result.errors if str(e.file).startswith(f"content/hoofdstukken/{year}")
    }
    assert codes == {"inhoud.nog-in-te-vullen"}
    missing = [e for e in result.errors if e.code == "opvolging.missing"]
    assert missing and all(str(e.file) == f"content/edities/{year}.yml" for e in missing)
    lines = (project / f"content/edities/{year}.yml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, 1) if line.startswith("opvolging:"))
    assert {e.line for e in missing} == {at}  # at the (empty) list, where they go
    assert result.library is not None
    assert result.library.editions[year].edition.status == "concept"
    assert result.library.editions[year].sources == []


def test_new_edition_without_van_has_no_chapters(project: Path) -> None:
    year = years(project)[-1] + 1
    assert main(["--project", str(project), "new", "editie", str(year)]) == EXIT_OK
    assert not (project / "content/hoofdstukken" / str(year)).exists()
    assert check(project).ok


def test_new_edition_refuses_an_existing_edition_and_a_later_van(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = years(project)[-1]
    assert main(["--project", str(project), "new", "editie", str(existing)]) == EXIT_USAGE
    assert "bestaat al" in capsys.readouterr().err
    args = ["--project", str(project), "new", "editie", str(existing + 1), "--van", "2999"]
    assert main(args) == EXIT_USAGE
    assert "eerdere editie" in capsys.readouterr().err
    assert years(project) == [existing]


def test_new_chapter_takes_the_next_order_in_a_concept_edition(project: Path) -> None:
    year = years(project)[-1] + 1
    assert (
        main(["--project", str(project), "new", "editie", str(year), "--van", str(year - 1)]) == 0
    )
    before = len(list((project / "content/hoofdstukken" / str(year)).glob("*.md")))
    args = ["new", "hoofdstuk", "--editie", str(year), "--titel", "Een nieuw thema"]
    assert main(["--project", str(project), *args]) == EXIT_OK
    made = sorted((project / "content/hoofdstukken" / str(year)).glob("*.md"))
    assert len(made) == before + 1
    assert made[-1].name == f"{before + 1:02d}-nieuw-thema.md"
    assert check(project).ok

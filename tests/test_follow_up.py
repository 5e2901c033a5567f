"""Follow-up as one model: each recommendation of the previous edition gets one status, from
`opvolging:` entries and `vorige:` links together (builder/content/link_editions.py)."""

import shutil
from pathlib import Path

import pytest

from builder.content.library import Library
from builder.errors import ContentError, Severity
from builder.pipeline import check
from builder.site.editions_view import counterpart
from builder.site.plan import follow_up_fact
from tests.conftest import FIXTURES

EDITIONS = FIXTURES / "valid" / "editions"
EDITION_FILE = "content/edities/{year}.yml"
THREAD = "content/rode-draden/2023/01-informatie-uitwisselen.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(EDITIONS, target)
    return target


def newer_edition(project: Path) -> Path:
    editions = sorted((project / "content" / "edities").glob("*.yml"))
    return editions[-1]


def follow_up_entries(project: Path, entries: str, status: str = "gepubliceerd") -> None:
    path = newer_edition(project)
    head = path.read_text(encoding="utf-8").split("opvolging:", 1)[0]
    head = head.replace("status: gepubliceerd", f"status: {status}")
    path.write_text(head + "opvolging:\n" + entries, encoding="utf-8")


def codes(errors: list[ContentError]) -> list[str]:
    return [e.code for e in errors]


def test_an_entry_next_to_a_vorige_link_keeps_its_status_and_toelichting(project: Path) -> None:
    follow_up_entries(
        project,
        "  - {aanbeveling: 2022/breed-kijken-1, status: opgelost}\n"
        "  - {aanbeveling: 2022/informatie-delen-2, status: vervallen}\n"
        "  - aanbeveling: 2022/informatie-delen-1\n"
        "    status: aanhoudend\n"
        "    toelichting: Het rijk werkt aan richtlijnen.\n",
    )
    result = check(project)
    assert result.ok, result.errors
    assert result.library is not None
    judged = result.library.follow_up[(2023, (2022, "informatie-delen-1"))]
    assert judged.status == "aanhoudend"
    assert judged.explanation == "Het rijk werkt aan richtlijnen."
    assert judged.successors == ("informatie-uitwisselen-1",)


def test_an_ended_status_for_a_continued_recommendation_names_both_places(
    project: Path,
) -> None:
    follow_up_entries(
        project,
        "  - {aanbeveling: 2022/breed-kijken-1, status: opgelost}\n"
        "  - {aanbeveling: 2022/informatie-delen-2, status: vervallen}\n"
        "  - {aanbeveling: 2022/informatie-delen-1, status: opgelost}\n",
    )
    errors = check(project).errors
    assert codes(errors) == ["opvolging.conflict"]
    assert str(errors[0].file) == EDITION_FILE.format(year=2023)
    assert errors[0].line == 12
    assert f"{THREAD}:10" in errors[0].message


def test_two_entries_for_one_recommendation_are_a_conflict(project: Path) -> None:
    follow_up_entries(
        project,
        "  - {aanbeveling: 2022/breed-kijken-1, status: opgelost}\n"
        "  - {aanbeveling: 2022/informatie-delen-2, status: vervallen}\n"
        "  - {aanbeveling: 2022/breed-kijken-1, status: vervallen}\n",
    )
    errors = check(project).errors
    assert codes(errors) == ["opvolging.conflict"]
    assert errors[0].line == 12
    assert f"{EDITION_FILE.format(year=2023)}:10" in errors[0].message


@pytest.mark.parametrize(
    ("status", "severity"), [("concept", Severity.WARNING), ("gepubliceerd", Severity.ERROR)]
)
def test_a_missing_status_is_a_warning_in_a_concept_and_an_error_when_published(
    project: Path, status: str, severity: Severity
) -> None:
    follow_up_entries(project, "  - {aanbeveling: 2022/breed-kijken-1, status: opgelost}\n", status)
    errors = check(project).errors
    assert [(e.code, e.severity) for e in errors] == [("opvolging.missing", severity)]
    assert "2022/informatie-delen-2" in errors[0].message


def test_the_editors_may_define_their_own_status(project: Path) -> None:
    follow_up_entries(
        project,
        "  - {aanbeveling: 2022/breed-kijken-1, status: deels opgelost}\n"
        "  - {aanbeveling: 2022/informatie-delen-2, status: vervallen}\n",
    )
    assert codes(check(project).errors) == ["opvolging.unknown-status"]
    path = newer_edition(project)
    path.write_text(
        path.read_text(encoding="utf-8") + "statussen: [deels opgelost]\n", encoding="utf-8"
    )
    assert check(project).ok


def test_a_recommendation_continued_in_two_later_editions_is_found_in_each() -> None:
    """2022/b and 2023/c both continue 2021/a: in 2023 its counterpart is c, not unknown
    (following only the first successor found b, a dead end)."""
    library = Library(
        predecessor={(2022, "b"): (2021, "a"), (2023, "c"): (2021, "a")},
        successors={(2021, "a"): [(2022, "b"), (2023, "c")]},
    )
    assert counterpart(library, (2021, "a"), 2023) == "c"
    assert counterpart(library, (2021, "a"), 2022) == "b"
    assert counterpart(library, (2023, "c"), 2021) == "a"
    assert counterpart(library, (2022, "b"), 2023) is None  # b itself does not go on
    fact = follow_up_fact(library, 2023, 2021, "a", "A")
    assert (fact.status, fact.successor) == ("aanhoudend", "c")

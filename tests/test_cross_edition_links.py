"""Links to an earlier edition in a body (`casus:2022/anna`): checked like any reference and
rendered to that edition's page."""

import shutil
from pathlib import Path

import pytest

from builder.pipeline import check
from builder.site.render import render
from tests.conftest import FIXTURES, ROOT

THREAD = "content/rode-draden/{year}/01-informatie-uitwisselen.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", target)
    return target


def years(project: Path) -> list[int]:
    return sorted(int(p.stem) for p in (project / "content" / "edities").glob("*.yml"))


def add_to_newer_thread(project: Path, text: str) -> None:
    path = project / THREAD.format(year=years(project)[-1])
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_links_to_every_kind_in_an_earlier_edition_reach_its_pages(project: Path) -> None:
    old, new = years(project)
    add_to_newer_thread(
        project,
        f"Zie [Anna](casus:{old}/anna), [breed kijken](rode-draad:{old}/breed-kijken), "
        f"[de aanbeveling](aanbeveling:{old}/breed-kijken-1), "
        f"[in de rode draad](wat-is-nodig:{old}/informatie-delen-2), "
        f"[het knelpunt](knelpunt:{old}/anna-informatie) en "
        f"[de inleiding](hoofdstuk:{old}/inleiding).",
    )
    result = check(project)
    assert result.ok and result.library is not None, result.errors
    editions = render(result.library, ROOT / "themes", glossary=result.glossary)
    page = next(
        p for e in editions if e.year == new for p in e.pages if p.item == "informatie-uitwisselen"
    )
    for href in (
        f"../../../{old}/casussen/anna/",
        f"../../../{old}/rode-draden/breed-kijken/",
        f"../../../{old}/aanbevelingen/breed-kijken-1/",
        f"../../../{old}/rode-draden/informatie-delen/#informatie-delen-2",
        f"../../../{old}/casussen/anna/#anna-informatie",
        f"../../../{old}/inleiding/",
    ):
        assert f'href="{href}"' in page.html, href


def test_an_unknown_id_in_an_earlier_edition_is_reported_with_that_edition(
    project: Path,
) -> None:
    old, new = years(project)
    add_to_newer_thread(project, f"Zie [Anna](casus:{old}/anne).")
    errors = check(project).errors
    assert [e.code for e in errors] == ["link.unknown-id"]
    assert str(errors[0].file) == THREAD.format(year=new)
    assert f"bestaat niet in editie {old}" in errors[0].message
    assert errors[0].hint == "Bedoelde u ‘anna’?"


@pytest.mark.parametrize("offset", [0, 1])
def test_a_link_to_the_same_or_a_later_edition_is_refused(project: Path, offset: int) -> None:
    new = years(project)[-1]
    add_to_newer_thread(project, f"Zie [Anna](casus:{new + offset}/anna-opnieuw).")
    errors = check(project).errors
    assert [e.code for e in errors] == ["link.other-edition"]
    assert "eerdere editie" in errors[0].message

"""End to end: the next edition made as the schrijfwijzer says (scaffold, fill in, check,
publish, freeze, build) on a copy of the repository, next to the frozen one before it."""

import json
import subprocess
import sys

import pytest
import yaml

from tests.next_edition import GUIDE, PROGRAM, NextEdition, guide_commands, tree

# The test modules that read the real content and its built site (not a fixture)
REAL_CONTENT_TESTS = (
    "tests/test_site.py",
    "tests/test_content_2022.py",
    "tests/test_a11y_rules.py",
    "tests/test_search_index.py",
    "tests/test_wayfinding.py",
    "tests/test_print.py",
    "tests/test_html_validity.py",
    "tests/test_cli.py",
)

pytestmark = pytest.mark.slow  # builds sites


def read(edition: NextEdition, path: str) -> str:
    return (edition.project / "site" / path).read_text(encoding="utf-8")


def test_the_guide_shows_the_whole_way_in_commands() -> None:
    verbs = [command.split()[1] for command in guide_commands(GUIDE)]
    assert verbs == ["new", "new", "new", "check", "status", "publiceren", "build"]


def test_the_new_edition_is_published_and_frozen(next_edition: NextEdition) -> None:
    path = next_edition.project / "content" / "edities" / f"{next_edition.year}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["status"] == "gepubliceerd"
    assert str(data["vastgelegd"]).startswith("sha256:")


def test_both_editions_are_built_and_the_previous_one_keeps_its_bytes(
    next_edition: NextEdition,
) -> None:
    site = next_edition.project / "site"
    old, new = next_edition.previous, next_edition.year
    assert (site / str(new) / "index.html").is_file()
    after = {k: v for k, v in tree(site).items() if k.startswith(f"{old}/")}
    assert after == next_edition.before
    built = next_edition.outputs[f"{PROGRAM} build"]
    assert f"Editie {old}: ongewijzigd overgenomen (bevroren)." in built
    assert f"Editie {new}: gebouwd." in built


def test_the_root_and_latest_lead_to_the_new_edition(next_edition: NextEdition) -> None:
    new, case = next_edition.year, next_edition.case_id
    assert f'url={new}/"' in read(next_edition, "index.html")
    assert f'url=../../../{new}/casussen/{case}/"' in read(
        next_edition, f"latest/casussen/{case}/index.html"
    )
    assert json.loads(read(next_edition, "versions.json"))[0]["aliases"] == ["latest"]


def test_the_switcher_maps_the_casus_between_the_editions_by_id(
    next_edition: NextEdition,
) -> None:
    old, new, case = next_edition.previous, next_edition.year, next_edition.case_id
    page = read(next_edition, f"{new}/casussen/{case}/index.html")
    assert f'href="../../../{old}/casussen/{case}/">{old}</a>' in page
    assert f'href="../../../{old}/casussen/{case}/">{case} in {old}</a>' in page  # body link
    editions = json.loads(read(next_edition, "edities.json"))
    assert editions["nieuwste"] == new
    assert editions["paginas"][str(old)][f"casussen/{case}/"] == {str(new): f"casussen/{case}/"}


def test_follow_up_statuses_and_notes_are_shown_on_both_sides(
    next_edition: NextEdition,
) -> None:
    old, new = next_edition.previous, next_edition.year
    overview = read(next_edition, f"{new}/opvolging/index.html")
    assert "<td>opgelost: Toelichting bij mensbeelden-1.</td>" in overview
    continued = f"{next_edition.thread_id}-1"
    assert f"<td>aanhoudend: Toelichting bij {next_edition.continued}.</td>" in overview
    page = read(next_edition, f"{new}/aanbevelingen/{continued}/index.html")
    assert f"Status: aanhoudend: Toelichting bij {next_edition.continued}." in page
    # the previous edition's readers get it from edities.json (edities.js; see the browser test)
    later = json.loads(read(next_edition, "edities.json"))["opvolging"][str(old)]
    assert later[next_edition.continued] == [
        {
            "jaar": new,
            "status": "aanhoudend",
            "toelichting": f"Toelichting bij {next_edition.continued}.",
            "pagina": f"{new}/aanbevelingen/{continued}/",
        }
    ]
    assert all(len(entries) == 1 for entries in later.values())


def test_the_tests_about_the_newest_edition_pass_with_the_new_one(
    next_edition: NextEdition,
) -> None:
    """Every test module that reads the real content, run against the copy with the new edition
    published (the browser tests read the same built site; they run in CI on the real one)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *REAL_CONTENT_TESTS],
        cwd=next_edition.project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]

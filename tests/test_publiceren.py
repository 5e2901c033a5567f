"""`stand publiceren`: one guarded step from concept to published and frozen; `stand
vastleggen` refuses a concept."""

import shutil
from pathlib import Path

import pytest
import yaml

from builder.cli.main import EXIT_CONTENT, EXIT_OK, main
from builder.pipeline import check
from tests.conftest import FIXTURES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The editions fixture with its newest edition turned back into a concept."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", target)
    path = newest_edition_file(target)
    text = path.read_text(encoding="utf-8").replace("status: gepubliceerd", "status: concept")
    path.write_text(text.replace('publicatiedatum: "', '# publicatiedatum: "'), encoding="utf-8")
    return target


def newest_edition_file(project: Path) -> Path:
    return sorted((project / "content" / "edities").glob("*.yml"))[-1]


def stand(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args])


def edition_data(project: Path) -> dict[str, object]:
    data = yaml.safe_load(newest_edition_file(project).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_freezing_a_concept_is_refused_with_an_explanation(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = newest_edition_file(project).stem
    assert stand(project, "vastleggen", year) == EXIT_CONTENT
    assert f"stand publiceren {year}" in capsys.readouterr().err
    assert "vastgelegd" not in edition_data(project)


def test_publishing_sets_status_and_date_and_freezes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = newest_edition_file(project).stem
    assert stand(project, "publiceren", year, "--datum", f"{year}-06-15") == EXIT_OK
    assert "gepubliceerd" in capsys.readouterr().out
    data = edition_data(project)
    assert data["status"] == "gepubliceerd"
    assert data["publicatiedatum"] == f"{year}-06-15"
    assert str(data["vastgelegd"]).startswith("sha256:")
    assert check(project).ok
    assert stand(project, "publiceren", year) == EXIT_CONTENT  # only once


def test_publishing_refuses_while_anything_is_still_to_fill_in(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = newest_edition_file(project).stem
    case = sorted((project / "content" / "casussen" / year).glob("*.md"))[0]
    case.write_text(case.read_text(encoding="utf-8") + "\nNog in te vullen.\n", encoding="utf-8")
    before = newest_edition_file(project).read_bytes()
    assert stand(project, "publiceren", year) == EXIT_CONTENT
    captured = capsys.readouterr()
    assert "nog niet klaar" in captured.err
    assert "inhoud.nog-in-te-vullen" in captured.out
    assert newest_edition_file(project).read_bytes() == before


def test_publishing_refuses_while_a_follow_up_status_is_missing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = newest_edition_file(project).stem
    path = newest_edition_file(project)
    path.write_text(path.read_text(encoding="utf-8").split("opvolging:")[0], encoding="utf-8")
    before = path.read_bytes()
    assert stand(project, "publiceren", year) == EXIT_CONTENT
    assert "opvolging.missing" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_publishing_refuses_while_errors_remain(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = newest_edition_file(project).stem
    thread = sorted((project / "content" / "rode-draden" / year).glob("*.md"))[0]
    thread.write_text(
        thread.read_text(encoding="utf-8") + "\nZie [x](casus:bestaat-niet).\n", encoding="utf-8"
    )
    assert stand(project, "publiceren", year) == EXIT_CONTENT
    assert "link.unknown-id" in capsys.readouterr().out
    assert edition_data(project)["status"] == "concept"

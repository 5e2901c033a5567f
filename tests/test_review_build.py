"""Review in a pull request: `stand build` says per edition what it did, concept editions are
built with --concept (banner, noindex), and `stand status --format markdown` summarises."""

import shutil
from pathlib import Path

import pytest

from builder.cli.main import EXIT_OK, main
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow  # builds sites


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The editions fixture with its newest edition turned back into a concept."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", target)
    path = sorted((target / "content" / "edities").glob("*.yml"))[-1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: gepubliceerd", "status: concept"), encoding="utf-8")
    return target


def years(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "content" / "edities").glob("*.yml"))


def test_build_says_per_edition_built_reused_or_skipped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = years(project)
    assert main(["--project", str(project), "build"]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Editie {old}: gebouwd." in out
    assert f"Editie {new}: overgeslagen (concept" in out
    assert not (project / "site" / new).exists()

    assert main(["--project", str(project), "build", "--concept"]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Editie {old}: ongewijzigd overgenomen (bevroren)." in out
    assert f"Editie {new}: gebouwd." in out
    concept_home = (project / "site" / new / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in concept_home
    assert "editie-concept" in concept_home
    published_home = (project / "site" / old / "index.html").read_text(encoding="utf-8")
    assert "noindex" not in published_home


def test_status_markdown_has_a_row_per_edition(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = sorted((project / "content" / "casussen" / years(project)[-1]).glob("*.md"))[0]
    case.write_text(case.read_text(encoding="utf-8") + "\nNog in te vullen.\n", encoding="utf-8")
    assert main(["--project", str(project), "status", "--format", "markdown"]) == EXIT_OK
    out = capsys.readouterr().out
    old, new = years(project)
    assert "| Editie | Status | Casussen | Rode draden | Nog in te vullen | Met fouten |" in out
    assert f"| {old} | gepubliceerd |" in out
    assert f"| {new} | concept | 1 | 1 | 1 | 0 |" in out
    assert f"### Nog in te vullen in editie {new}" in out
    assert f"- `{case.relative_to(project).as_posix()}:" in out

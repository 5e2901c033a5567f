"""Shared fixtures: small projects written on the fly, and the --update-golden switch."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.pipeline import build
from tests.next_edition import NextEdition, make_next_edition

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_MINIMAL = FIXTURES / "valid" / "minimal"

ProjectWriter = Callable[[dict[str, str | bytes]], Path]


BROWSER_TESTS = Path(__file__).parent / "browser"


@pytest.fixture(autouse=True)
def debian_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests print with the Chromium they choose, whatever STAND_CHROMIUM the shell has."""
    monkeypatch.delenv("STAND_CHROMIUM", raising=False)


# Fixtures that build a whole site (and print its PDF): a test that uses one is slow.
BUILDING_FIXTURES = {"real_site", "marked_site", "next_edition"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`make test-fast` leaves out every test under tests/browser/ (it drives Chromium) and
    every test on a built site, whatever its module says."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def write_project(tmp_path: Path) -> ProjectWriter:
    """Write {relative path: text or bytes} under a fresh project root and return the root."""

    def write(files: dict[str, str | bytes]) -> Path:
        for relative, content in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A writable copy of the smallest complete valid edition."""
    target = tmp_path / "project"
    shutil.copytree(VALID_MINIMAL, target)
    return target


def add_site_config(project: Path) -> Path:
    """Give a content-only project the repository's themes/ and mkdocs.yml, so that it builds."""
    shutil.copytree(ROOT / "themes", project / "themes")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture
def minimal_buildable(minimal_project: Path) -> Path:
    """The minimal edition with the real themes and mkdocs.yml: `build` can publish it."""
    return add_site_config(minimal_project)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project's site, built once per session; returns the site dir (holds 2022/).

    The build runs on a copy of content/, themes/ and mkdocs.yml, so its work dir
    (.stand-build/) is private: parallel test runs and `stand build` never share it.
    """
    project = tmp_path_factory.mktemp("real-project")
    shutil.copytree(ROOT / "content", project / "content")
    add_site_config(project)
    site = tmp_path_factory.mktemp("real-site") / "site"
    outcome = build(project, site)
    problems = "\n".join(str(error) for error in outcome.errors)
    assert outcome.published is not None, f"build failed: {outcome.failure}\n{problems}"
    return site


@pytest.fixture(autouse=True)
def cache_key_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stand check` keeps its cache key in the user's cache folder: a temporary one in tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def next_edition(tmp_path_factory: pytest.TempPathFactory) -> NextEdition:
    """The next edition made, published and built as docs/schrijfwijzer.md says, on a copy of
    the repository (tests/next_edition.py)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return make_next_edition(tmp_path_factory.mktemp("next-edition"), monkeypatch)

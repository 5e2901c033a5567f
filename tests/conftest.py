"""Shared fixtures: small projects written on the fly, and the --update-golden switch."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_MINIMAL = FIXTURES / "valid" / "minimal"

ProjectWriter = Callable[[dict[str, str | bytes]], Path]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output")


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

"""An edition is carried over into the next site only while its fingerprint is unchanged: a
change in any field of the rendered edition, or of any of its pages, must change it. Generated
over the fields, so a field added later is covered too."""

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.pipeline import check
from builder.publish.publish import fingerprint
from builder.site.render import render
from builder.site.render_cache import RenderCache, read_inputs
from builder.site.rendered import RenderedEdition, RenderedPage
from tests.conftest import ROOT
from tests.test_editions import EDITIONS

TOOLS = "0" * 64  # tool_inputs(): the same for every edition of a build


@pytest.fixture(scope="module")
def edition() -> RenderedEdition:
    result = check(EDITIONS)
    assert result.library is not None
    return next(render(result.library, ROOT / "themes", [2023], result.glossary))


def changed(value: Any) -> Any:
    """Another value of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list):
        return value[:-1] if value else [None]
    if isinstance(value, dict):
        return {**value, "x": "x"}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # its first field
        first = dataclasses.fields(value)[0].name
        return dataclasses.replace(value, **{first: changed(getattr(value, first))})
    if value is None:
        return "x"
    raise AssertionError(f"no other value for {value!r}")


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(RenderedEdition)])
def test_every_field_of_an_edition_changes_its_fingerprint(
    edition: RenderedEdition, name: str
) -> None:
    other = dataclasses.replace(edition, **{name: changed(getattr(edition, name))})
    assert fingerprint(EDITIONS, other, TOOLS) != fingerprint(EDITIONS, edition, TOOLS)


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(RenderedPage)])
def test_every_field_of_every_page_changes_its_editions_fingerprint(
    edition: RenderedEdition, name: str
) -> None:
    for index in (0, len(edition.pages) - 1):
        page = edition.pages[index]
        pages = list(edition.pages)
        pages[index] = dataclasses.replace(page, **{name: changed(getattr(page, name))})
        other = dataclasses.replace(edition, pages=pages)
        assert fingerprint(EDITIONS, other, TOOLS) != fingerprint(EDITIONS, edition, TOOLS), (
            name,
            page.url,
        )


def test_the_tools_change_every_fingerprint(edition: RenderedEdition) -> None:
    assert fingerprint(EDITIONS, edition, "1" * 64) != fingerprint(EDITIONS, edition, TOOLS)


def test_an_edition_from_the_render_cache_keeps_its_digest(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    cache = RenderCache.open(project, read_inputs(project, ROOT / "themes"), [2023])
    result = check(project)
    assert result.library is not None
    rendered = next(render(result.library, ROOT / "themes", [2023], result.glossary))
    cache.put(rendered)
    loaded = cache.get(2023)
    assert loaded is not None and "digest" in vars(loaded)  # not hashed again
    fresh = dataclasses.replace(loaded)  # a copy without the kept digest
    assert loaded.digest == fresh.digest == rendered.digest


def test_the_bytes_of_the_logo_change_the_fingerprint(
    edition: RenderedEdition, tmp_path: Path
) -> None:
    """Publish copies the logo in; the rendered edition names only its path."""
    logo = tmp_path / "content" / "beeld" / "logo.svg"
    logo.parent.mkdir(parents=True)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    with_logo = dataclasses.replace(
        edition, imprint=dataclasses.replace(edition.imprint, logo="beeld/logo.svg")
    )
    before = fingerprint(tmp_path, with_logo, TOOLS)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', encoding="utf-8")
    assert fingerprint(tmp_path, with_logo, TOOLS) != before

"""Search across editions: results start in the current edition; the editie filter widens them.

Builds the fixture with a fictional 2023 edition next to 2022 and searches it in chromium.
"""

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from builder.pipeline import build
from tests.browser.conftest import serve
from tests.browser.test_search_and_links import (
    all_results,
    filter_box,
    label_of,
    result_count,
    scroll_into_view,
)
from tests.conftest import FIXTURES, add_site_config

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def editions_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("edities") / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", project)
    add_site_config(project)
    outcome = build(project, project / "site")
    assert outcome.published is not None, outcome.failure or outcome.errors
    with serve(project / "site") as url:
        yield url


def test_search_defaults_to_the_current_edition_and_can_show_all_editions(
    chromium: Any, editions_server: str
) -> None:
    chromium.get(f"{editions_server}/2023/zoeken/?q=informatie")
    current = all_results(chromium)
    assert current and all(path.startswith("/2023/") for path in current), current

    # Clearing the current edition searches all editions.
    box = filter_box(chromium, "editie", "2023")
    assert box.is_selected()
    label = label_of(chromium, box)
    scroll_into_view(chromium, label)
    before = result_count(chromium)
    label.click()
    assert not box.is_selected()
    both = all_results(chromium, previous=before)
    assert any(path.startswith("/2022/") for path in both), both
    assert any(path.startswith("/2023/") for path in both), both


def test_dutch_stemming_finds_singular_and_plural_forms(
    chromium: Any, editions_server: str
) -> None:
    chromium.get(f"{editions_server}/2022/zoeken/?q=knelpunten")
    plural = set(all_results(chromium))
    chromium.get(f"{editions_server}/2022/zoeken/?q=knelpunt")
    singular = set(all_results(chromium))
    assert plural and plural == singular

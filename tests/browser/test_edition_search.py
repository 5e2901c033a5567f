"""Search across editions: results start in the current edition; the editie filter widens them.

Builds the fixture with a fictional 2023 edition next to 2022 and searches it in chromium.
"""

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from builder.pipeline import build
from tests.browser.conftest import serve
from tests.browser.test_search_and_links import all_results, css, result_count, scroll_into_view
from tests.browser.test_search_and_links import wait as wait_for
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

    # Pagefind combines selected values with AND: clearing the current edition searches all.
    label = wait_for(chromium).until(lambda d: css(d, "label[for='editie-2023']"))[0]
    block = label.find_element("xpath", "ancestor::details[1]")
    if block.get_attribute("open") is None:
        summary = block.find_element("css selector", "summary")
        scroll_into_view(chromium, summary)
        summary.click()
    scroll_into_view(chromium, label)
    label.click()
    assert not css(chromium, "#editie-2023")[0].is_selected()
    both = all_results(chromium, previous=result_count(chromium))
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

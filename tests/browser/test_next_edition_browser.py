"""End to end in the browser: the frozen previous edition learns about the next one from the
site's edities.json (edities.js, zoeken.js) without changing its own bytes."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import serve
from tests.browser.test_search_and_links import all_results, css, result_count, scroll_into_view
from tests.browser.test_search_and_links import wait as wait_for
from tests.next_edition import NextEdition

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(next_edition: NextEdition) -> Iterator[str]:
    with serve(next_edition.project / "site") as url:
        yield url


def test_the_previous_edition_shows_the_newer_one_in_its_switcher_and_banner(
    chromium: Any, server: str, next_edition: NextEdition
) -> None:
    old, new, case = next_edition.previous, next_edition.year, next_edition.case_id
    chromium.get(f"{server}/{old}/casussen/{case}/")
    links = wait_for(chromium).until(lambda d: css(d, "nav.edities a"))
    targets = {a.text: a.get_attribute("href") for a in links}
    assert targets[str(new)].endswith(f"/{new}/casussen/{case}/")
    banner = css(chromium, ".stand-edities .editie-banner")[0]
    assert f"U bekijkt editie {old}" in banner.text
    assert f"dit onderwerp in editie {new}" in banner.text


def test_a_recommendation_of_the_previous_edition_shows_what_became_of_it(
    chromium: Any, server: str, next_edition: NextEdition
) -> None:
    old, new = next_edition.previous, next_edition.year
    chromium.get(f"{server}/{old}/aanbevelingen/{next_edition.continued}/")
    later = wait_for(chromium).until(lambda d: [s for s in css(d, ".stand-later") if s.text])
    text = later[0].text
    assert "In latere edities" in text
    assert f"Editie {new}: aanhoudend. Toelichting bij {next_edition.continued}." in text
    link = later[0].find_element("css selector", "a")
    assert link.get_attribute("href").endswith(f"/{new}/aanbevelingen/{next_edition.thread_id}-1/")


def test_search_in_the_previous_edition_finds_both_editions(
    chromium: Any, server: str, next_edition: NextEdition
) -> None:
    old, new = next_edition.previous, next_edition.year
    chromium.get(f"{server}/{old}/zoeken/?q={next_edition.case_id}")
    current = all_results(chromium)
    assert current and all(path.startswith(f"/{old}/") for path in current), current
    # Pagefind combines selected values with AND: clearing this edition searches all.
    box = wait_for(chromium).until(lambda d: css(d, f"input[name='editie'][value='{old}']"))[0]
    label = css(chromium, f"label[for='{box.get_attribute('id')}']")[0]
    block = label.find_element("xpath", "ancestor::details[1]")
    if block.get_attribute("open") is None:
        summary = block.find_element("css selector", "summary")
        scroll_into_view(chromium, summary)
        summary.click()
    scroll_into_view(chromium, label)
    before = result_count(chromium)  # read before the click: the new search may finish at once
    label.click()
    both = all_results(chromium, previous=before)
    assert any(path.startswith(f"/{old}/") for path in both), both
    assert any(path.startswith(f"/{new}/") for path in both), both

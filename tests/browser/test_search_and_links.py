"""The built real site in Debian's chromium: Pagefind search, filters, links, keyboard, 320px.

Runs by default when /usr/bin/chromium and /usr/bin/chromedriver are installed; without them
it skips (and fails under CI, which installs both: tests/browser/conftest.py). Leave these
tests out with `pytest -m "not browser"`.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.newest_edition import edition_of_case

pytestmark = pytest.mark.browser

EDITION = f"/{edition_of_case('peter')}/"  # the report with Peter's casus
TIMEOUT = 20  # seconds; Pagefind loads its wasm and index chunks on the first search
NARROW = 320  # px: WCAG 1.4.10 reflow


@pytest.fixture
def base_url(site_server: str) -> str:
    """The built real site on 127.0.0.1 (fixture `site_server` in tests/browser/conftest.py)."""
    return site_server


@pytest.fixture
def driver(chromium: Any) -> Any:
    """The session's headless Debian chromium (tests/browser/conftest.py); skips without it."""
    return chromium


def wait(driver: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, TIMEOUT)


def css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def scroll_into_view(driver: Any, element: Any) -> None:
    """Centre the element, so that the sticky header does not cover it for a click."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)


# ============================================================================================
# Search


def result_count(driver: Any) -> int | None:
    """The number in the search page's "N resultaten voor ..." status, once a search has run."""
    for text in [m.text for m in css(driver, "#zoekstatus")]:
        found = re.match(r"(\d+) resulta", text)
        if found:
            return int(found.group(1))
        if text.startswith("Geen resultaten"):
            return 0
    return None


RESULT_LINKS = "li.zoekresultaat h2 a"


def ranked_results(driver: Any, previous: int | None = None) -> list[str]:
    """Wait for the results (a new count when `previous` is given), load them all, and return
    the page paths they link to, in the order shown."""
    wait(driver).until(lambda d: result_count(d) not in (None, previous))
    total = result_count(driver)
    assert total is not None
    while True:
        wait(driver).until(lambda d: len(css(d, RESULT_LINKS)) >= min(total, 1))
        shown = len(css(driver, RESULT_LINKS))
        more = [b for b in css(driver, "#zoekmeer") if b.is_displayed()]
        if shown >= total or not more:
            break
        scroll_into_view(driver, more[0])
        more[0].click()
        wait(driver).until(lambda d, n=shown: len(css(d, RESULT_LINKS)) > n)
    return [urlsplit(a.get_attribute("href")).path for a in css(driver, RESULT_LINKS)]


def all_results(driver: Any, previous: int | None = None) -> list[str]:
    """The page paths of all results, sorted (see ranked_results)."""
    return sorted(set(ranked_results(driver, previous)))


def filter_box(driver: Any, name: str, value: str) -> Any:
    """The checkbox of a filter value, its panel opened first."""
    panel = wait(driver).until(lambda d: [p for p in css(d, "#zoekfilters") if p.is_displayed()])
    if panel[0].get_attribute("open") is None:
        summary = panel[0].find_element("css selector", "summary")
        scroll_into_view(driver, summary)
        summary.click()
    boxes = css(driver, f"#zoekfilters input[name='{name}'][value='{value}']")
    assert boxes, f"no filter {name}: {value}"
    return boxes[0]


def label_of(driver: Any, box: Any) -> Any:
    return css(driver, f"label[for='{box.get_attribute('id')}']")[0]


def search(driver: Any, base_url: str, query: str) -> list[str]:
    driver.get(f"{base_url}{EDITION}zoeken/?q={query}")
    return all_results(driver)


def test_searching_avg_finds_the_casussen_of_peter_samir_and_pim_and_the_avg_rode_draad(
    driver: Any, base_url: str
) -> None:
    found = search(driver, base_url, "AVG")
    for path in ("casussen/peter/", "casussen/samir/", "casussen/pim/", "rode-draden/avg/"):
        assert f"{EDITION}{path}" in found, f"{path} not among {found}"


def pages_with_filter(site: Path, name: str, value: str) -> set[str]:
    mark = f'data-pagefind-filter="{name}:{value}"'
    return {
        "/" + page.parent.relative_to(site).as_posix() + "/"
        for page in (site / EDITION.strip("/")).rglob("index.html")
        if mark in page.read_text(encoding="utf-8")
    }


def test_filtering_on_element_informatie_narrows_the_results_to_informatie_items(
    driver: Any, base_url: str, real_site: Path
) -> None:
    unfiltered = search(driver, base_url, "AVG")
    informatie = pages_with_filter(real_site, "element", "Informatie")
    assert set(unfiltered) - informatie, "the query finds only informatie pages: nothing to narrow"

    checkbox = filter_box(driver, "element", "Informatie")
    label = label_of(driver, checkbox)
    scroll_into_view(driver, label)
    before = result_count(driver)
    label.click()
    assert checkbox.is_selected()

    filtered = all_results(driver, previous=before)
    assert filtered, "no results left after filtering"
    assert len(filtered) < len(unfiltered)
    assert set(filtered) <= informatie, f"not informatie: {sorted(set(filtered) - informatie)}"
    assert f"{EDITION}rode-draden/avg/" in filtered


# ============================================================================================
# Links between casus and rode draad


def follow(driver: Any, link: Any, path: str, fragment: str) -> None:
    scroll_into_view(driver, link)
    link.click()
    wait(driver).until(lambda d: urlsplit(d.current_url).path == path)
    assert urlsplit(driver.current_url).fragment == fragment
    target = css(driver, f"[id='{fragment}']")
    assert len(target) == 1, f"no element #{fragment} on {path}"


def test_a_knelpunt_links_to_its_wat_is_nodig_which_links_back_to_the_knelpunt(
    driver: Any, base_url: str
) -> None:
    peter = f"{EDITION}casussen/peter/"
    driver.get(f"{base_url}{peter}")
    answers = css(driver, "aside#peter-informatie ul.antwoorden a[href*='rode-draden/avg/#']")
    assert answers, "the informatie knelpunt of Peter does not link to the AVG rode draad"
    fragment = urlsplit(answers[0].get_attribute("href")).fragment
    follow(driver, answers[0], f"{EDITION}rode-draden/avg/", fragment)

    recommendation = css(driver, f"[id='{fragment}']")[0]
    intro = [p for p in recommendation.find_elements("css selector", "p") if p.text]
    assert any(p.text.startswith("Antwoord op de knelpunten") for p in intro)
    back = recommendation.find_elements(
        "css selector", "ul.beantwoordt a[href$='casussen/peter/#peter-informatie']"
    )
    assert len(back) == 1, "the wat-is-nodig does not link back to Peter's knelpunt"
    follow(driver, back[0], peter, "peter-informatie")


# ============================================================================================
# Keyboard and small screens


def test_the_first_tab_focuses_the_skip_link(driver: Any, base_url: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{base_url}{EDITION}casussen/peter/")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    focused = driver.switch_to.active_element
    assert "md-skip" in (focused.get_attribute("class") or ""), focused.get_attribute("outerHTML")
    wait(driver).until(lambda d: focused.is_displayed())
    target = urlsplit(focused.get_attribute("href")).fragment
    assert target and css(driver, f"[id='{target}']"), "the skip link leads nowhere"


@pytest.fixture
def narrow(driver: Any) -> Iterator[Any]:
    size = driver.get_window_size()
    driver.set_window_size(NARROW, 800)
    try:
        yield driver
    finally:
        driver.set_window_size(size["width"], size["height"])


@pytest.mark.parametrize("path", ["", "casussen/peter/", "speelveld/matrix/"])
def test_at_320px_no_page_scrolls_sideways(narrow: Any, base_url: str, path: str) -> None:
    narrow.get(f"{base_url}{EDITION}{path}")
    assert narrow.execute_script("return window.innerWidth") == NARROW
    width = narrow.execute_script("return document.documentElement.scrollWidth")
    assert width <= NARROW, f"{EDITION}{path} is {width}px wide at {NARROW}px"

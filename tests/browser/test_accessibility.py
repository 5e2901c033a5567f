"""WCAG 2.1 AA in a real browser: axe-core on every page, reflow at 320 px and visible focus.

axe-core comes from npm (package.json; `npm ci` puts it in node_modules/). The real site is
built once per session (fixture `real_site`) and served on 127.0.0.1; chromium is Debian's.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.newest_edition import edition_of_case

pytestmark = pytest.mark.browser

# axe-core's tags for the WCAG 2.0 and 2.1 success criteria of levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW = 320  # CSS px: WCAG 1.4.10 reflow
# One page of every template (edition-relative URLs), for the checks that need layout: the
# pages of the report with Peter's casus, in whichever edition that is.
EDITION = f"/{edition_of_case('peter')}/"
PAGE_TYPES = [
    "",  # home
    "voorwoord/",  # hoofdstuk
    "gemeentelijke-uitvoering/",  # hoofdstuk with charts
    "casussen/",
    "casussen/peter/",
    "knelpunten/peter-informatie/",
    "rode-draden/",
    "rode-draden/avg/",
    "aanbevelingen/avg-1/",
    "speelveld/",
    "speelveld/matrix/",
    "speelveld/informatie/",
    "niveaus/",
    "niveaus/lokaal-regionaal/",
    "bronnen/",
    "toegankelijkheid/",
    "zoeken/",
]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path; the root redirects (meta refresh) left out,
    since the browser leaves them at once for the edition home, which is checked itself."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        url = "/" + path.relative_to(site).as_posix()
        pages.append(url.removesuffix("index.html"))
    return pages


RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})),
    incomplete: r.incomplete.map(v => ({id: v.id, count: v.nodes.length})),
  }))
  .catch(e => done({error: String(e)}));
"""


def test_axe_finds_no_wcag_21_aa_violation_on_any_page(
    chromium: Any, site_server: str, real_site: Path, axe_source: str
) -> None:
    pages = site_pages(real_site)
    assert len(pages) > 100, pages
    report: list[str] = []
    by_rule: Counter[str] = Counter()
    incomplete: Counter[str] = Counter()
    for url in pages:
        chromium.get(site_server + url)
        chromium.execute_script(axe_source)
        result = chromium.execute_async_script(RUN_AXE, WCAG_TAGS)
        assert "error" not in result, f"{url}: axe failed: {result['error']}"
        for item in result["incomplete"]:
            incomplete[item["id"]] += item["count"]
        for violation in result["violations"]:
            by_rule[violation["id"]] += len(violation["nodes"])
            for node in violation["nodes"][:5]:
                report.append(
                    f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}\n"
                    f"    at {json.dumps(node['target'])}\n"
                    f"    {' '.join(str(node['summary']).split())[:300]}"
                )
    # For review (A16: 'incomplete' needs a person); shown with -rP or on failure.
    print(f"axe on {len(pages)} pages; incomplete (to review by hand): {dict(incomplete)}")
    assert not by_rule, (
        f"{sum(by_rule.values())} axe violations by rule: {dict(by_rule)}\n" + "\n".join(report)
    )


@pytest.fixture
def narrow(chromium: Any) -> Any:
    size = chromium.get_window_size()
    chromium.set_window_size(NARROW, 800)
    try:
        yield chromium
    finally:
        chromium.set_window_size(size["width"], size["height"])


def test_no_page_scrolls_sideways_at_320_css_px(
    narrow: Any, site_server: str, real_site: Path
) -> None:
    too_wide = []
    for url in site_pages(real_site):
        narrow.get(site_server + url)
        assert narrow.execute_script("return window.innerWidth") == NARROW
        width = narrow.execute_script("return document.documentElement.scrollWidth")
        if width > NARROW:
            too_wide.append(f"{url}: {width}px")
    assert not too_wide, f"wider than {NARROW}px (WCAG 1.4.10):\n" + "\n".join(too_wide)


FOCUS_STYLE = """
const e = document.activeElement;
if (!e || e === document.body) return null;
const s = getComputedStyle(e);
return {tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40),
        cls: e.className && e.className.baseVal !== undefined ? e.className.baseVal : e.className,
        outline: s.outlineStyle, outlineWidth: s.outlineWidth, shadow: s.boxShadow,
        visible: !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)};
"""
TABS = 40  # the header, the navigation and the start of the content on every page type


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_element_reached_by_tab_shows_a_visible_focus_indicator(
    chromium: Any, site_server: str, path: str
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chromium.get(f"{site_server}{EDITION}{path}")
    unmarked = []
    for _ in range(TABS):
        ActionChains(chromium).send_keys(Keys.TAB).perform()
        style = chromium.execute_script(FOCUS_STYLE)
        if style is None:
            break
        outlined = style["outline"] != "none" and style["outlineWidth"] != "0px"
        if not (outlined or style["shadow"] != "none"):
            unmarked.append(style)
    assert not unmarked, f"{EDITION}{path}: focused without a visible indicator: {unmarked}"


ON_SCREEN = """
const e = document.activeElement;
if (!e || e === document.body) return null;
// the part of the element in the viewport and in every ancestor that scrolls its content; an
// absolutely positioned box (a level of the narrow-screen menu) is clipped only by the ancestors
// from its containing block up, not by a scrolling list it sits in
let r = e.getBoundingClientRect();
let [left, top, right, bottom] = [Math.max(r.left, 0), Math.max(r.top, 0),
                                  Math.min(r.right, innerWidth), Math.min(r.bottom, innerHeight)];
const scrolls = (o) => o === 'auto' || o === 'scroll';
const transformed = (s) => s.transform !== 'none' || s.filter !== 'none';
const holds = {absolute: (s) => s.position !== 'static' || transformed(s), fixed: transformed};
let position = getComputedStyle(e).position;
for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
  const s = getComputedStyle(p);
  const escaped = position in holds && !holds[position](s);
  if (!escaped) {
    const c = p.getBoundingClientRect();
    if (scrolls(s.overflowX) && p.scrollWidth > p.clientWidth) {
      [left, right] = [Math.max(left, c.left), Math.min(right, c.right)];
    }
    if (scrolls(s.overflowY) && p.scrollHeight > p.clientHeight) {
      [top, bottom] = [Math.max(top, c.top), Math.min(bottom, c.bottom)];
    }
    position = s.position;
  }
}
const onScreen = r.width > 0 && r.height > 0 && right > left && bottom > top;
const hit = onScreen ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
return {onScreen: onScreen, uncovered: !!hit && (hit === e || e.contains(hit) || hit.contains(e)),
        tag: e.tagName, cls: String(e.getAttribute('class')),
        text: (e.textContent || '').trim().slice(0, 40), drawer: __drawer.checked};
"""
IN_MENU = "return !!document.activeElement.closest('.md-sidebar--primary')"
LAST_IN_LIST = """
const item = document.activeElement.closest('li');
return !!item && item === item.parentElement.lastElementChild;
"""
NARROW_TABS = 25
MENU_PAGES = [
    "",
    "casussen/peter/",
    "rode-draden/avg/",
    "speelveld/matrix/",
    "knelpunten/peter-informatie/",
    "aanbevelingen/avg-1/",
]


@pytest.mark.parametrize("path", MENU_PAGES)
def test_at_320_px_every_tab_stop_is_on_screen_and_the_menu_works_by_keyboard(
    narrow: Any, site_server: str, path: str
) -> None:
    """mkdocs-material #4101: on narrow screens the menu (drawer) could not be opened by
    keyboard, and its hidden links took the focus off screen (see stand.css, stand-menu.js)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def press(key: str) -> Any:
        ActionChains(narrow).send_keys(key).perform()
        return narrow.execute_script(ON_SCREEN)

    narrow.get(f"{site_server}{EDITION}{path}")
    hidden = []
    for _ in range(NARROW_TABS):
        stop = press(Keys.TAB)
        if stop is None:
            break
        if not (stop["onScreen"] and stop["uncovered"]):
            hidden.append(stop)
    assert not hidden, f"{EDITION}{path}: tab stops off screen or covered at {NARROW}px: {hidden}"

    narrow.get(f"{site_server}{EDITION}{path}")
    assert "md-skip" in press(Keys.TAB)["cls"]
    menu = press(Keys.TAB)
    assert menu["tag"] == "LABEL" and menu["text"] == "Menu", menu
    WebDriverWait = pytest.importorskip("selenium.webdriver.support.ui").WebDriverWait

    def open_menu() -> Any:
        press(Keys.ENTER)
        WebDriverWait(narrow, 5).until(
            lambda d: (s := d.execute_script(ON_SCREEN)) and "md-header" not in s["cls"]
        )
        return narrow.execute_script(ON_SCREEN)

    inside = open_menu()
    assert inside["drawer"] and inside["onScreen"] and inside["uncovered"], inside
    closed = press(Keys.ESCAPE)
    assert not closed["drawer"] and closed["text"] == "Menu", closed
    open_menu()
    for _ in range(3):
        last = narrow.execute_script(LAST_IN_LIST)
        stop = press(Keys.TAB)
        if not stop["drawer"]:  # Tab past the panel's last link (an aanbeveling has one) closes it
            assert last and not narrow.execute_script(IN_MENU), stop
            break
        assert stop["onScreen"] and stop["uncovered"], stop

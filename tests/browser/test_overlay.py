"""`stand serve` in a real browser: a broken save shows the error overlay on the open page, and
the fix makes it go away (the page reloads with the new build). Debian chromium, headless."""

import time
from pathlib import Path
from typing import Any

import pytest
from live_server import edit, running_server

from builder.editor.overlay import EVENTS_PATH, OVERLAY_ID, SCRIPT_PATH
from builder.editor.serve import PreviewHandler

pytestmark = pytest.mark.browser

ANNA = "content/casussen/2022/1-anna.md"
WAIT = 60  # seconds: generous for a loaded CI machine; a save usually shows within a second
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE_ON_OVERLAY = """
const done = arguments[arguments.length - 1];
axe.run('#' + arguments[0], {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
    'wcag21aa']}})
  .then(r => done(r.violations.map(v => v.id + ': ' + v.help)))
  .catch(e => done(['axe: ' + e]));
"""


def overlay(browser: Any) -> Any | None:
    from selenium.webdriver.common.by import By

    found = browser.find_elements(By.ID, OVERLAY_ID)
    return found[0] if found else None


def loaded_build(browser: Any) -> str | None:
    value = browser.execute_script(
        "const s = document.querySelector('script[data-build]'); return s && s.dataset.build;"
    )
    return None if value is None else str(value)


def test_overlay_shows_a_broken_save_and_goes_away_after_the_fix(
    chromium: Any, minimal_project: Path
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    with running_server(minimal_project) as server:
        chromium.get(server.url + "2022/casussen/anna/")
        assert loaded_build(chromium) == "1"
        assert overlay(chromium) is None

        edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")
        dialog = WebDriverWait(chromium, WAIT).until(lambda b: overlay(b))

        assert dialog.is_displayed()
        assert dialog.get_attribute("role") == "alertdialog"
        title = chromium.find_element("id", dialog.get_attribute("aria-labelledby"))
        assert title.text == "De inhoud bevat 1 fout"
        assert chromium.switch_to.active_element == title  # focus moves to the dialog
        text = dialog.text
        assert f"{ANNA}:7:15" in text
        assert "fout[schema.type]" in text
        assert "‘leeftijd’ moet een geheel getal zijn" in text
        assert "Hint: " in text
        assert " > 7 |     leeftijd: veertig" in text
        assert loaded_build(chromium) == "1"  # the last good page stays underneath
        if AXE.is_file():  # axe-core from `npm ci`; the full-site audit requires it under CI
            chromium.execute_script(AXE.read_text(encoding="utf-8"))
            assert chromium.execute_async_script(RUN_AXE_ON_OVERLAY, OVERLAY_ID) == []

        edit(minimal_project, ANNA, "leeftijd: veertig", "leeftijd: 41")
        WebDriverWait(chromium, WAIT).until(lambda b: loaded_build(b) == "2")

        assert overlay(chromium) is None
        assert server.status()["fouten"] == []


def test_a_save_reloads_the_open_page_by_push_and_nothing_polls(
    chromium: Any, minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    asked: list[str] = []  # every path the server is asked for, in order
    real_get = PreviewHandler.do_GET

    def counting_get(handler: PreviewHandler) -> None:
        asked.append(handler.path)
        real_get(handler)

    monkeypatch.setattr(PreviewHandler, "do_GET", counting_get)
    with running_server(minimal_project) as server:
        asked.clear()  # running_server itself asked for the status until the first build
        chromium.get(server.url + "2022/casussen/anna/")
        chromium.execute_script("window.standNotReloaded = true")
        time.sleep(3)  # a polling page would have asked again by now
        live = [path for path in asked if path.startswith("/__stand/") and path != SCRIPT_PATH]
        assert live == [EVENTS_PATH], f"the page should only listen: {live}"
        assert chromium.execute_script("return window.standNotReloaded") is True

        edit(minimal_project, ANNA, "Tekst over expertise.", "Nieuwe tekst over expertise.")
        new_text = "Nieuwe tekst over expertise."
        WebDriverWait(chromium, WAIT).until(lambda b: new_text in b.page_source)

        assert chromium.execute_script("return window.standNotReloaded") is None  # reloaded
        assert loaded_build(chromium) == "2"

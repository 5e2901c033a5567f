"""From saving a file to seeing it in the browser: `stand serve` as an editor uses it.

Copies the project to a temporary folder (its editions unfrozen, so that an edit is a good save),
starts `stand serve` there, opens the first casus of the newest edition in Debian's Chromium
(selenium, headless) and, RUNS times each, saves
- a body edit: one more sentence in the casus' Kader section;
- a frontmatter edit: one more word in its `gemeente:` text, shown at the top of the page;
and measures the wall-clock time from the write to the new text in the page's DOM (the server
sees the save, rebuilds, pushes the news, the page reloads). Prints per-run figures and the
median of each. Target (issue 14): median <= 0.8 s.

Run with `make bench` or `.venv/bin/python benchmarks/save_to_screen.py [runs]`.
"""

import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from serve_rebuild import copy_project  # the project, unfrozen

STAND = Path(sys.executable).with_name("stand")
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
RUNS = 7
TARGET_SECONDS = 0.8
TIMEOUT = 60.0
VISIBLE = "return document.body !== null && document.body.innerText.includes(arguments[0])"


def newest_case(root: Path) -> tuple[Path, str]:
    """The first casus of the newest edition, and its page's path on the site."""
    year = max(int(p.stem) for p in (root / "content" / "edities").glob("*.yml"))
    case = sorted((root / "content" / "casussen" / str(year)).glob("*.md"))[0]
    case_id = re.search(r"^id: (\S+)$", case.read_text(encoding="utf-8"), re.M)
    assert case_id, f"{case} has no id"
    return case, f"{year}/casussen/{case_id[1]}/"


def body_edit(text: str, run: int) -> tuple[str, str]:
    marker = f"Toegevoegde zin {run} in de tekst."
    return text.replace("\n## Kader\n", f"\n## Kader\n\n{marker}\n", 1), marker


def frontmatter_edit(text: str, run: int) -> tuple[str, str]:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("gemeente:"))
    folded = lines[at].rstrip().endswith((">-", ">", "|"))
    marker = f"Woordwijziging{run}"
    lines[at + 1 if folded else at] += f" {marker}"
    return "\n".join(lines), marker


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"te lang gewacht op {what}")
        time.sleep(0.01)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and b"data-build" in response.read())
    except OSError:
        return False


def shows(driver: Any, marker: str) -> bool:
    try:
        return bool(driver.execute_script(VISIBLE, marker))
    except Exception:  # the page is between two loads
        return False


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900"):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


def measure(driver: Any, case: Path, edit: Callable[[str, int], tuple[str, str]]) -> list[float]:
    original = case.read_text(encoding="utf-8")
    seconds = []
    for run in range(RUNS):
        changed, marker = edit(original, run)
        started = time.perf_counter()
        case.write_text(changed, encoding="utf-8")
        wait_until(lambda m=marker: shows(driver, m), f"‘{marker}’ op de pagina")
        seconds.append(time.perf_counter() - started)
        time.sleep(0.5)  # an editor does not save twice within a second
    case.write_text(original, encoding="utf-8")
    return seconds


def main() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        raise SystemExit(f"nodig: Debian chromium en chromedriver ({', '.join(missing)})")
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        copy_project(root)
        case, page = newest_case(root)
        port = free_port()
        command = [str(STAND), "--project", str(root), "serve", "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        driver = browser()
        try:
            url = f"http://127.0.0.1:{port}/{page}"
            wait_until(lambda: answers(url), "de eerste bouw van het voorbeeld")
            driver.get(url)
            figures = {
                "tekst (body)": measure(driver, case, body_edit),
                "kop (frontmatter)": measure(driver, case, frontmatter_edit),
            }
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=30)
    print(f"opslaan -> zichtbaar in de browser, {case.relative_to(root)}, {RUNS} keer:")
    for kind, seconds in figures.items():
        runs = " ".join(f"{s:.2f}" for s in seconds)
        median = statistics.median(seconds)
        verdict = "gehaald" if median <= TARGET_SECONDS else "niet gehaald"
        print(
            f"  {kind:18} mediaan {median:.2f} s  ({runs})  doel <= {TARGET_SECONDS} s: {verdict}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        RUNS = int(sys.argv[1])
    main()

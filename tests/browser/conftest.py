"""Browser fixtures shared by the tests in tests/browser/: the built real site served over http
on 127.0.0.1 and one headless Debian chromium for the whole session.

Tests that need them skip when /usr/bin/chromium or /usr/bin/chromedriver is missing, and fail
instead under CI (CI=true), where .ci/run installs both.
"""

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DESKTOP = (1280, 1000)
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def missing_tool(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where a skip would hide a missing install."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on http://127.0.0.1:<free port> while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_server(real_site: Path) -> Iterator[str]:
    """The real site (built once per session) on http://127.0.0.1:<free port>."""
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless chromium (selenium) for the session, at a desktop window size."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        missing_tool(f"browser tests need Debian chromium and chromedriver: {', '.join(missing)}")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    profile = tmp_path_factory.mktemp("chromium-profile-a11y")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = str(CHROMIUM)
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    browser.set_window_size(*DESKTOP)
    browser.set_script_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from npm (package.json); `npm ci` installs it into node_modules/."""
    if not AXE.is_file():
        missing_tool(f"axe-core is not installed ({AXE.relative_to(ROOT)}): run `npm ci`")
    return AXE.read_text(encoding="utf-8")

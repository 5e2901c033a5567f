"""`stand serve` in a background thread on a free port, for tests/test_serve.py and the browser
test of the error overlay; plus bounded waiting and small file edits."""

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.editor.overlay import STATUS_PATH
from builder.editor.serve import serve

WAIT_SECONDS = 120.0  # the first build of a cold preview takes seconds; CI machines can be slow


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def fetch(url: str) -> tuple[int, str, str]:
    """Status, Content-Type and body text; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers.get("Content-Type", ""), body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8")


@dataclass
class Server:
    url: str  # http://127.0.0.1:<port>/
    stop: threading.Event
    thread: threading.Thread
    log: list[str] = field(default_factory=list)

    def status(self) -> dict[str, Any]:
        data = json.loads(fetch(self.url + STATUS_PATH.lstrip("/"))[2])
        assert isinstance(data, dict)
        return data


@contextmanager
def running_server(project: Path, built: bool = True) -> Iterator[Server]:
    """Serve `project` until the block ends; yields once the first build is served (or, with
    `built` False, once the server listens: content with errors from the start has no build)."""
    stop = threading.Event()
    log: list[str] = []
    ready: list[str] = []
    options = {
        "root": project,
        "port": 0,
        "log": log.append,
        "stop": stop,
        "on_ready": ready.append,
    }
    thread = threading.Thread(target=serve, kwargs=options, daemon=True)
    thread.start()
    try:
        wait_for(lambda: bool(ready) or not thread.is_alive(), "the server to listen")
        assert ready, f"the server did not start: {log}"
        server = Server(ready[0], stop, thread, log)
        if built:
            wait_for(lambda: server.status()["build"] >= 1, "the first preview build")
        yield server
    finally:
        stop.set()
        thread.join(timeout=30)

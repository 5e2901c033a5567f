"""`stand serve`: a local preview on 127.0.0.1 that rebuilds when a file in content/ or themes/
changes, and shows content errors in the terminal and, as an overlay, in the browser.

Standard library only: the watcher polls modification times every 0.3 s, which for content/ and
themes/ (some 70 files) takes about a millisecond and needs no platform-specific file events.
"""

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from builder.editor.overlay import SCRIPT, SCRIPT_PATH, STATUS_PATH, script_tag
from builder.editor.preview import Preview, PreviewBuild
from builder.errors import ContentError, Severity
from builder.report import LineReader, code_frame, format_summary, format_text, line_reader

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
POLL_SECONDS = 0.3
SETTLE_SECONDS = 0.05  # an editor may save in two writes; wait for the second before building
WATCHED = ("content", "themes", "mkdocs.yml")

Log = Callable[[str], None]


class ServeError(Exception):
    """The preview cannot start; the message is Dutch and shown to the editor as is."""


Snapshot = dict[str, tuple[int, int]]

WAITING_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Voorbeeld wordt gebouwd</title></head>
<body>
<main><h1>Het voorbeeld wordt gebouwd</h1>
<p>Deze pagina ververst vanzelf zodra de site klaar is.</p></main>
</body>
</html>
"""

NOT_FOUND_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Pagina niet gevonden</title></head>
<body>
<main><h1>Deze pagina bestaat niet in het voorbeeld</h1>
<p>Misschien is de id van de casus of rode draad veranderd.
<a href="/">Naar het begin van het voorbeeld</a>.</p></main>
</body>
</html>
"""


@dataclass
class LiveState:
    """What /__stand/status reports; written by the build loop, read by request threads."""

    build: int = 0  # counts the builds that updated the served site
    errors: list[dict[str, Any]] = field(default_factory=list)
    failure: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, outcome: PreviewBuild, read_lines: LineReader) -> None:
        failing = [e for e in outcome.errors if e.severity is Severity.ERROR]
        with self.lock:
            self.errors = [error_json(e, read_lines) for e in failing]
            self.failure = outcome.failure
            if outcome.updated:
                self.build += 1

    def as_json(self) -> bytes:
        with self.lock:
            payload = {"build": self.build, "fouten": self.errors, "mislukt": self.failure}
        return json.dumps(payload, ensure_ascii=False).encode()


def error_json(error: ContentError, read_lines: LineReader) -> dict[str, Any]:
    frame = ""
    if error.line is not None:
        frame = code_frame(read_lines(str(error.file)), error.line, error.column or 1)
    return {
        "code": f"{error.severity}[{error.code}]",
        "bestand": str(error.file),
        "regel": error.line,
        "kolom": error.column,
        "melding": error.message,
        "hint": error.hint,
        "uitsnede": frame,
    }


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the preview dir; HTML pages get the live script, nothing is cached."""

    state: LiveState  # set on the subclass that make_server creates

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == STATUS_PATH:
            self._send(self.state.as_json(), "application/json; charset=utf-8")
        elif path == SCRIPT_PATH:
            self._send(SCRIPT.encode(), "text/javascript; charset=utf-8")
        elif (page := self._html_file(path)) is not None:
            self._send_page(page)
        else:
            super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for the build report

    def _html_file(self, path: str) -> Path | None:
        """The HTML file a request shows (a folder with a slash shows its index.html)."""
        target = Path(self.translate_path(path))  # the base class's safe mapping: no '..'
        if path.endswith("/"):
            target = target / "index.html"
        return target if target.suffix == ".html" else None

    def _send_page(self, page: Path) -> None:
        try:
            html = page.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            built = (Path(self.directory) / "index.html").exists()
            # Before the first build every page waits; after it, a missing page is a 404
            # that still reloads once a build adds the page (a casus renamed, for instance).
            html, status = (
                (NOT_FOUND_PAGE, HTTPStatus.NOT_FOUND) if built else (WAITING_PAGE, HTTPStatus.OK)
            )
        else:
            status = HTTPStatus.OK
        with self.state.lock:
            build = self.state.build
        page_html = inject(html, script_tag(build)).encode()
        self._send(page_html, "text/html; charset=utf-8", status)

    def _send(self, body: bytes, content_type: str, status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def inject(html: str, tag: str) -> str:
    end = html.lower().rfind("</body>")
    return html + tag if end < 0 else html[:end] + tag + "\n" + html[end:]


def make_server(directory: Path, port: int, state: LiveState) -> ThreadingHTTPServer:
    """Bind 127.0.0.1:port (0 picks a free port); raises OSError when the port is taken."""
    directory.mkdir(parents=True, exist_ok=True)

    class Handler(PreviewHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

    Handler.state = state
    server = ThreadingHTTPServer((HOST, port), Handler)
    server.daemon_threads = True
    return server


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every watched file."""
    found: Snapshot = {}
    for name in WATCHED:
        _scan(root / name, found)
    return found


def _scan(path: Path, found: Snapshot) -> None:
    try:
        if path.is_file():
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
            return
        entries = list(os.scandir(path))
    except OSError:  # deleted between listing and stat
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue  # editors' swap and backup files
        _scan(Path(entry.path), found)


def serve(
    root: Path,
    port: int = DEFAULT_PORT,
    log: Log = print,
    stop: threading.Event | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until `stop` is set or Ctrl-C; raises ServeError when the port is taken."""
    stop = stop or threading.Event()
    preview = Preview(root)
    state = LiveState()
    try:
        server = make_server(preview.served, port, state)
    except OSError as problem:
        raise ServeError(
            f"kan het voorbeeld niet starten op poort {port} ({problem.strerror or problem}). "
            "Kies een andere poort met --port."
        ) from None
    thread = threading.Thread(target=server.serve_forever, name="stand-serve", daemon=True)
    thread.start()
    url = f"http://{HOST}:{server.server_address[1]}/"
    log(f"Voorbeeld op {url}  (stoppen: Ctrl-C)")
    if on_ready is not None:
        on_ready(url)
    try:
        watch(root, preview, state, log, stop)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        log("Voorbeeld gestopt.")


def watch(root: Path, preview: Preview, state: LiveState, log: Log, stop: threading.Event) -> None:
    seen: Snapshot | None = None
    while not stop.is_set():
        current = snapshot(root)
        if current != seen:
            if seen is not None and stop.wait(SETTLE_SECONDS):
                break
            seen = snapshot(root)
            rebuild(root, preview, state, log)
        stop.wait(POLL_SECONDS)


def rebuild(root: Path, preview: Preview, state: LiveState, log: Log) -> PreviewBuild:
    outcome = preview.build()
    read_lines = line_reader(root)
    state.update(outcome, read_lines)
    log("")  # one block per build, so the terminal reads as a history of saves
    failing = [e for e in outcome.errors if e.severity is Severity.ERROR]
    if failing:
        log(format_text(failing, read_lines).rstrip("\n"))
    if outcome.errors:
        log(format_summary(outcome.errors, outcome.file_count))
    if outcome.failure:
        log(f"stand: de site kon niet gebouwd worden: {outcome.failure}")
    if outcome.updated:
        seconds = f"{outcome.seconds:.2f}".replace(".", ",")
        pages = f"{outcome.pages} {'pagina' if outcome.pages == 1 else 'pagina’s'}"
        log(f"{_now()} Voorbeeld bijgewerkt in {seconds} s ({pages} opnieuw gemaakt).")
    else:
        log(
            f"{_now()} Het voorbeeld is niet bijgewerkt. De browser toont de fouten boven de "
            "laatste versie zonder fouten."
        )
    return outcome


def _now() -> str:
    return time.strftime("%H:%M:%S")

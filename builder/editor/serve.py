"""`stand serve`: a local preview on 127.0.0.1 that rebuilds when a file in content/ or themes/
changes, and shows content errors in the terminal and, as an overlay, in the browser.

The operating system reports saves (editor/watch.py); after each build the server pushes the new
status to every open page (server-sent events), which reloads or shows the errors at once.
"""

import contextlib
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from builder.content.workdir import work_dir_refusal
from builder.editor import DEFAULT_PORT
from builder.editor.overlay import EVENTS_PATH, SCRIPT, SCRIPT_PATH, STATUS_PATH, script_tag
from builder.editor.preview import Preview, PreviewBuild
from builder.editor.watch import start_watching
from builder.errors import ContentError, Severity
from builder.messages import os_error_reason
from builder.report import LineReader, code_frame, format_summary, format_text, line_reader

HOST = "127.0.0.1"
# A page on another site can make the browser send requests to 127.0.0.1 under its own name
# (DNS rebinding); only requests that name this computer are answered.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
IDLE_SECONDS = 15  # a connection that sends nothing for this long is closed
# connections served at once: a browser opens about six, and every open tab keeps one event stream
MAX_CONNECTIONS = 128
KEEPALIVE_SECONDS = 10  # an open event stream says something this often, within IDLE_SECONDS
RETRY_MS = 500  # how soon a page reconnects to the event stream (after a restart of serve)

Log = Callable[[str], None]


class ServeError(Exception):
    """The preview cannot start; the message is Dutch and shown to the editor as is."""


WAITING_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Voorbeeld wordt gebouwd</title></head>
<body>
<main><h1>Het voorbeeld wordt gebouwd</h1>
<p>Deze pagina ververst vanzelf zodra de site klaar is.</p></main>
</body>
</html>
"""

WRONG_HOST_PAGE = b"""<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Geweigerd</title></head>
<body><main><h1>Dit voorbeeld is alleen te zien op deze computer</h1>
<p>Open het via http://127.0.0.1 of http://localhost.</p></main></body>
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

# What an error page says, per status (Python's own pages are English).
ERROR_PAGE = Markup("""<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>{0}</title></head>
<body><main><h1>{0}</h1><p>{1} <a href="/">Naar het begin van het voorbeeld</a>.</p></main></body>
</html>
""")
ERROR_TEXTS = {
    HTTPStatus.BAD_REQUEST: ("Ongeldig verzoek", "Dit adres kan het voorbeeld niet lezen."),
    HTTPStatus.NOT_FOUND: ("Pagina niet gevonden", "Dit adres bestaat niet in het voorbeeld."),
    HTTPStatus.METHOD_NOT_ALLOWED: ("Niet mogelijk", "Het voorbeeld toont alleen pagina’s."),
    HTTPStatus.NOT_IMPLEMENTED: ("Niet mogelijk", "Het voorbeeld toont alleen pagina’s."),
    HTTPStatus.REQUEST_URI_TOO_LONG: ("Adres te lang", "Dit adres is te lang voor het voorbeeld."),
    HTTPStatus.SERVICE_UNAVAILABLE: (
        "Te veel open verbindingen",
        "Het voorbeeld is in te veel tabbladen tegelijk open. Sluit er een paar en laad opnieuw.",
    ),
}
OTHER_ERROR = ("Fout in het voorbeeld", "Het voorbeeld kon dit verzoek niet afhandelen.")


def error_page(status: int) -> bytes:
    title, text = ERROR_TEXTS.get(HTTPStatus(status), OTHER_ERROR)
    return str(ERROR_PAGE.format(title, text)).encode()


@dataclass
class LiveState:
    """What /__stand/status reports and the event stream pushes; written by the build loop,
    read by request threads."""

    build: int = 0  # counts the builds that updated the served site
    errors: list[dict[str, Any]] = field(default_factory=list)
    failure: str | None = None
    version: int = 0  # counts every update, so an event stream knows it has news
    closed: bool = False  # the server stops: event streams end
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

    def update(self, outcome: PreviewBuild, read_lines: LineReader) -> None:
        failing = [e for e in outcome.errors if e.severity is Severity.ERROR]
        errors = [error_json(e, read_lines) for e in failing]
        with self.changed:
            self.errors = errors
            self.failure = outcome.failure
            if outcome.updated:
                self.build += 1
            self.version += 1
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def as_json(self) -> bytes:
        with self.lock:
            return self._payload()

    def next_json(self, seen: int, timeout: float) -> tuple[int, bytes | None]:
        """The status once its version differs from `seen` (None on timeout or when closed)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            if self.closed or self.version == seen:
                return seen, None
            return self.version, self._payload()

    def _payload(self) -> bytes:
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
    timeout = IDLE_SECONDS  # socketserver applies it to the connection

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not is_loopback_host(self.headers.get("Host", "")):
            self.close_connection = True
            self._send(WRONG_HOST_PAGE, "text/html; charset=utf-8", HTTPStatus.FORBIDDEN)
            return False
        return True

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if "\0" in unquote(path):  # no file name holds one; open() would raise
            self.send_error(HTTPStatus.NOT_FOUND)
        elif path == STATUS_PATH:
            self._send(self.state.as_json(), "application/json; charset=utf-8")
        elif path == EVENTS_PATH:
            self._stream_events()
        elif path == SCRIPT_PATH:
            self._send(SCRIPT.encode(), "text/javascript; charset=utf-8")
        elif (page := self._html_file(path)) is not None:
            self._send_page(page)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if urlsplit(self.path).path == EVENTS_PATH:  # a stream has no length to announce
            self._send(b"", "text/event-stream; charset=utf-8")
        else:
            self.do_GET()  # _send leaves out the body of a HEAD request

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every error page in Dutch, whatever the base class or the request got wrong."""
        self.close_connection = True
        with contextlib.suppress(OSError):  # the browser already went
            self._send(error_page(code), "text/html; charset=utf-8", code)

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

    def _stream_events(self) -> None:
        """Server-sent events: the status now, then after every build, until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        seen, payload = -1, None
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while not self.state.closed:
                seen, payload = self.state.next_json(seen, KEEPALIVE_SECONDS)
                self.wfile.write(b"data: " + payload + b"\n\n" if payload else b": wacht\n\n")
                self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            pass
        self.close_connection = True

    def _send(self, body: bytes, content_type: str, status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def is_loopback_host(host: str) -> bool:
    """Host header: a loopback name, with or without a port."""
    name = host.strip().lower()
    bracketed = name.startswith("[")
    name = name[: name.find("]") + 1] if bracketed else name.rsplit(":", 1)[0]
    return name in LOOPBACK_NAMES


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection, but at most MAX_CONNECTIONS at once: idle sockets cannot pile
    up threads (each is closed after IDLE_SECONDS; one over the limit is closed at once)."""

    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            _refuse(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A failed request ends only that request, and quietly: the usual cause is a browser
        that hung up mid-answer, no news for the editor (socketserver would print a traceback
        in the terminal, which is the build report's)."""


def _refuse(request: Any) -> None:
    """One connection too many gets a short Dutch 503 instead of a silently closed socket."""
    body = error_page(HTTPStatus.SERVICE_UNAVAILABLE)
    head = (
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    with contextlib.suppress(OSError):
        request.settimeout(1)  # never let one slow client hold up the accepting thread
        request.sendall(head.encode() + body)


def inject(html: str, tag: str) -> str:
    end = html.lower().rfind("</body>")
    return html + tag if end < 0 else html[:end] + tag + "\n" + html[end:]


def make_server(directory: Path, port: int, state: LiveState) -> PreviewServer:
    """Bind 127.0.0.1:port (0 picks a free port); raises OSError when the port is taken."""
    directory.mkdir(parents=True, exist_ok=True)

    class Handler(PreviewHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

    Handler.state = state
    return PreviewServer((HOST, port), Handler)


def serve(
    root: Path,
    port: int = DEFAULT_PORT,
    log: Log = print,
    stop: threading.Event | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until `stop` is set or Ctrl-C; raises ServeError when the port is taken."""
    stop = stop or threading.Event()
    if (unsafe := work_dir_refusal(root)) is not None:
        raise ServeError(unsafe)
    preview = Preview(root)
    state = LiveState()
    try:
        server = make_server(preview.served, port, state)
    except OSError as problem:
        raise ServeError(
            f"kan het voorbeeld niet starten op poort {port} ({os_error_reason(problem)}). "
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
        stop.set()  # ends the file watcher too (after Ctrl-C it was not set)
        state.close()
        server.shutdown()
        server.server_close()
        thread.join()
        log("Voorbeeld gestopt.")


def watch(root: Path, preview: Preview, state: LiveState, log: Log, stop: threading.Event) -> None:
    saves = start_watching(root, stop)
    rebuild(root, preview, state, log)
    while not stop.is_set():
        try:
            saves.get(timeout=0.2)
        except queue.Empty:
            continue
        while not saves.empty():  # saves during the last build: one build covers them all
            saves.get_nowait()
        rebuild(root, preview, state, log)


def rebuild(root: Path, preview: Preview, state: LiveState, log: Log) -> PreviewBuild:
    try:
        outcome = preview.build()
    except Exception as problem:  # whatever the content holds, the preview stays up
        outcome = PreviewBuild(
            [],
            0,
            failure=(
                f"stand liep vast op een onverwachte fout ({type(problem).__name__}). "
                "Het voorbeeld blijft draaien; sla het bestand opnieuw op na een wijziging, "
                "en meld de fout als die blijft."
            ),
        )
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
    elif state.build:
        log(
            f"{_now()} Het voorbeeld is niet bijgewerkt. De browser toont de fouten boven de "
            "laatste versie zonder fouten."
        )
    else:
        log(
            f"{_now()} Er is nog geen voorbeeld: de browser toont de fouten. Verbeter ze en sla "
            "op; dan verschijnt het voorbeeld."
        )
    return outcome


def _now() -> str:
    return time.strftime("%H:%M:%S")

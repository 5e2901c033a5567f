"""`stand serve`: incremental preview builds, the status endpoint, the injected script, and a
content error that neither stops the server nor replaces the last good site."""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live_server import Server, edit, fetch, running_server, wait_for

import builder.editor.serve
from builder.editor.overlay import EVENTS_PATH, SCRIPT_PATH, STATUS_PATH
from builder.editor.preview import PREVIEW_DIR, Preview, mirror
from builder.editor.serve import MAX_CONNECTIONS, ServeError, inject, serve
from builder.pipeline import build
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ANNA = "content/casussen/2022/1-anna.md"
ANNA_PAGE = "2022/casussen/anna/"


@pytest.fixture
def server(minimal_project: Path) -> Iterator[Server]:
    """`stand serve` on the minimal edition, on a free port, until the test ends."""
    with running_server(minimal_project) as running:
        yield running


def test_serves_pages_with_the_live_script_and_reports_the_build(server: Server) -> None:
    status, content_type, html = fetch(server.url + ANNA_PAGE)

    assert (status, content_type) == (200, "text/html; charset=utf-8")
    assert f'<script src="{SCRIPT_PATH}" data-build="1" defer></script>\n</body>' in html
    assert server.status() == {"build": 1, "fouten": [], "mislukt": None}
    script = fetch(server.url + SCRIPT_PATH.lstrip("/"))
    assert script[1] == "text/javascript; charset=utf-8"
    assert EVENTS_PATH in script[2]
    assert "setTimeout" not in script[2] and "setInterval" not in script[2]  # pushed, not polled
    missing = fetch(server.url + "2022/bestaat-niet/")
    assert missing[0] == 404
    assert "Deze pagina bestaat niet in het voorbeeld" in missing[2]
    assert SCRIPT_PATH in missing[2]  # reloads when a later build adds the page
    assert any(" Voorbeeld bijgewerkt in " in line for line in server.log)


def test_a_content_error_keeps_the_last_good_site_until_it_is_fixed(
    server: Server, minimal_project: Path
) -> None:
    good_page = fetch(server.url + ANNA_PAGE)[2]
    edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")
    wait_for(lambda: bool(server.status()["fouten"]), "the error to be reported")

    status = server.status()
    assert status["build"] == 1  # no new build: the last good one is still served
    [error] = status["fouten"]
    assert error["bestand"] == ANNA
    assert (error["regel"], error["kolom"], error["code"]) == (7, 15, "fout[schema.type]")
    assert error["melding"].startswith("‘leeftijd’ moet een geheel getal zijn")
    assert " > 7 |     leeftijd: veertig" in error["uitsnede"]
    assert error["hint"]
    assert fetch(server.url + ANNA_PAGE)[2] == good_page
    report = "\n".join(server.log)
    assert f"{ANNA}:7:15: fout[schema.type]: " in report  # compiler-style, in the terminal

    edit(minimal_project, ANNA, "leeftijd: veertig", "leeftijd: 41")
    wait_for(lambda: server.status()["build"] == 2, "the fixed build")

    assert server.status()["fouten"] == []
    assert server.thread.is_alive()


def test_errors_from_the_start_never_speak_of_a_last_good_version(minimal_project: Path) -> None:
    edit(minimal_project, ANNA, "nummer: 1", "nummer: een")
    with running_server(minimal_project, built=False) as server:
        wait_for(lambda: server.status()["fouten"] != [], "the first build's errors")
        wait_for(lambda: any("voorbeeld" in line for line in server.log[1:]), "the report")
        assert server.status()["build"] == 0
        log = "\n".join(server.log)
        assert "Er is nog geen voorbeeld" in log and "laatste versie zonder fouten" not in log


def next_event(stream: Any) -> dict[str, Any]:
    """The next status pushed on an event stream (keep-alive comments skipped)."""
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            data = json.loads(line.removeprefix("data: "))
            assert isinstance(data, dict)
            return data
    raise AssertionError("the event stream ended")


def test_the_event_stream_pushes_the_status_after_every_build(
    server: Server, minimal_project: Path
) -> None:
    with urllib.request.urlopen(server.url + EVENTS_PATH.lstrip("/"), timeout=60) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream; charset=utf-8"
        assert next_event(stream) == {"build": 1, "fouten": [], "mislukt": None}  # on connect
        edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")
        broken = next_event(stream)
        assert broken["build"] == 1 and broken["fouten"][0]["bestand"] == ANNA
        edit(minimal_project, ANNA, "leeftijd: veertig", "leeftijd: 41")
        assert next_event(stream) == {"build": 2, "fouten": [], "mislukt": None}


def test_an_editors_swap_or_backup_file_starts_no_build(
    server: Server, minimal_project: Path
) -> None:
    folder = minimal_project / "content" / "casussen" / "2022"
    (folder / ".1-anna.md.swp").write_bytes(b"vim")
    (folder / "1-anna.md~").write_text("backup", encoding="utf-8")
    time.sleep(1)  # far longer than a save takes to be seen (see the test above)
    assert server.status() == {"build": 1, "fouten": [], "mislukt": None}
    assert sum("Voorbeeld bijgewerkt" in line for line in server.log) == 1


def test_stops_cleanly_when_asked(server: Server) -> None:
    server.stop.set()
    server.thread.join(timeout=30)

    assert not server.thread.is_alive()
    assert server.log[-1] == "Voorbeeld gestopt."
    with pytest.raises(OSError):
        urllib.request.urlopen(server.url, timeout=2)


def test_a_port_in_use_is_a_dutch_error(minimal_project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"kan het voorbeeld niet starten op poort {port}"):
            serve(minimal_project, port, log=lambda text: None)


def test_a_warm_rebuild_renders_only_the_changed_pages(minimal_project: Path) -> None:
    preview = Preview(minimal_project)
    cold = preview.build()
    assert cold.updated
    served = minimal_project / PREVIEW_DIR / ANNA_PAGE / "index.html"
    assert "Tekst over expertise." in served.read_text(encoding="utf-8")

    edit(minimal_project, ANNA, "Tekst over expertise.", "Nieuwe tekst over expertise.")
    warm = preview.build()

    assert warm.updated
    assert 0 < warm.pages < cold.pages
    assert "Nieuwe tekst over expertise." in served.read_text(encoding="utf-8")


def test_an_edit_in_one_edition_leaves_the_other_editions_pages_alone(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", project)
    preview = Preview(project)
    cold = preview.build()
    assert cold.updated
    served = project / PREVIEW_DIR
    older = {p: p.stat().st_mtime_ns for p in (served / "2022").rglob("*") if p.is_file()}
    newer_case = next((project / "content" / "casussen" / "2023").glob("*.md"))
    text = newer_case.read_text(encoding="utf-8")
    newer_case.write_text(text.replace("\n\n", "\n\nEen nieuwe zin.\n\n", 1), encoding="utf-8")

    warm = preview.build()

    assert warm.updated
    assert 0 < warm.pages < cold.pages / 4  # the casus page and the few that show its text
    assert {p: p.stat().st_mtime_ns for p in (served / "2022").rglob("*") if p.is_file()} == older


def test_a_new_title_rebuilds_every_page_so_the_navigation_is_right(
    minimal_project: Path,
) -> None:
    preview = Preview(minimal_project)
    cold = preview.build()

    # the menu names a casus by its persona: "Casus 1: Anna"
    edit(minimal_project, ANNA, "  - naam: Anna", "  - naam: Annabel")
    warm = preview.build()

    assert warm.pages == cold.pages
    bert = minimal_project / PREVIEW_DIR / "2022/casussen/bert/index.html"
    assert "Casus 1: Annabel" in bert.read_text(encoding="utf-8")


def test_the_preview_hides_the_sidebars_of_wide_pages_as_publish_does(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    """Preview and publish write pages with the one page writer: `hide:` reaches both."""
    assert Preview(minimal_buildable).build().updated
    site = tmp_path / "site"
    assert build(minimal_buildable, site).published is not None
    (edition,) = (p.stem for p in (minimal_buildable / "content" / "edities").glob("*.yml"))
    sidebars = re.compile(r'data-md-type="(navigation|toc)" (hidden)?')
    for root in (minimal_buildable / PREVIEW_DIR, site):
        matrix = (root / edition / "speelveld/matrix/index.html").read_text(encoding="utf-8")
        anna = (root / ANNA_PAGE / "index.html").read_text(encoding="utf-8")
        assert sidebars.findall(matrix) == [("navigation", "hidden"), ("toc", "hidden")], root
        assert sidebars.findall(anna) == [("navigation", ""), ("toc", "")], root


def test_no_build_leaves_source_date_epoch_behind(minimal_buildable: Path, tmp_path: Path) -> None:
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    assert Preview(minimal_buildable).build().updated
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert build(minimal_buildable, tmp_path / "site").published is not None
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_mirror_copies_changes_and_removes_what_is_gone(tmp_path: Path) -> None:
    source, target = tmp_path / "bron", tmp_path / "doel"
    (source / "a").mkdir(parents=True)
    (source / "a" / "x.html").write_text("x")
    (source / "y.css").write_text("y")
    assert mirror(source, target) == 2
    assert mirror(source, target) == 0  # nothing changed: nothing copied

    (source / "y.css").write_text("yy")
    (source / "a" / "x.html").unlink()
    (source / "a").rmdir()
    assert mirror(source, target) == 1

    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["y.css"]
    assert (target / "y.css").read_text() == "yy"


def test_inject_puts_the_script_before_the_closing_body_tag() -> None:
    assert inject("<body><p>x</p></BODY>", "<script></script>") == (
        "<body><p>x</p><script></script>\n</BODY>"
    )
    assert (
        inject("<p>zonder body</p>", "<script></script>") == "<p>zonder body</p><script></script>"
    )


def test_ctrl_c_stops_the_command_cleanly(minimal_project: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "builder",
        "--project",
        str(minimal_project),
        "serve",
        "--port",
        "0",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # printed once the port is bound
        assert first.startswith("Voorbeeld op http://127.0.0.1:"), first
        url = first.split()[2]
        wait_for(lambda: '"build": 1' in fetch(url + STATUS_PATH.lstrip("/"))[2], "a build")

        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()

    assert process.returncode == 0, err
    assert out.endswith("Voorbeeld gestopt.\n")
    assert "Traceback" not in err


def test_a_broken_template_is_reported_and_the_last_good_site_stays(
    minimal_buildable: Path,
) -> None:
    preview = Preview(minimal_buildable)
    assert preview.build().updated
    served = minimal_buildable / PREVIEW_DIR / ANNA_PAGE / "index.html"
    good = served.read_bytes()
    template = minimal_buildable / "themes/pages/casus.html"
    original = template.read_text(encoding="utf-8")

    template.write_text(original + "{% if %}", encoding="utf-8")
    broken = preview.build()

    assert not broken.updated
    assert broken.failure is not None
    assert broken.failure.startswith(f"fout in sjabloon {template}, regel ")
    assert served.read_bytes() == good

    template.write_text(original, encoding="utf-8")
    assert preview.build().updated


# -- safety: only this computer, bounded connections, errors never stop the server --------------


def _raw_request(url: str, host: str) -> bytes:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.", ""]
)
def test_a_request_for_another_host_name_is_refused(server: Server, host: str) -> None:
    """DNS rebinding: a page elsewhere resolves its own name to 127.0.0.1."""
    response = _raw_request(server.url, host)
    assert response.startswith(b"HTTP/1.0 403") or response.startswith(b"HTTP/1.1 403")
    assert b"alleen te zien op deze computer" in response
    assert b"Casus" not in response and b"fouten" not in response


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:{port}", "localhost:{port}", "LOCALHOST"])
def test_a_loopback_host_name_is_served(server: Server, host: str) -> None:
    port = server.url.rsplit(":", 1)[1].strip("/")
    response = _raw_request(server.url, host.format(port=port))
    assert response.split(b"\r\n", 1)[0].endswith(b"200 OK")


def _raw(url: str, request: bytes) -> bytes:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        with contextlib.suppress(ConnectionResetError):
            while chunk := connection.recv(65536):
                chunks.append(chunk)
    return b"".join(chunks)


ODD_REQUESTS = {
    "nul byte": (b"GET /%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404),
    "nul in a page": (b"GET /2022/%00/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404),
    "dot dot": (b"GET /../../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404),
    "post": (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", 501),
    "trace": (b"TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 501),
    "too long": (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
    "http/0.9": (b"HELLO\r\n\r\n", None),  # answered without a status line
}


@pytest.mark.parametrize("kind", ODD_REQUESTS)
def test_odd_requests_get_a_dutch_page_and_leave_no_traceback(
    server: Server, kind: str, capfd: pytest.CaptureFixture[str]
) -> None:
    request, status = ODD_REQUESTS[kind]
    response = _raw(server.url, request)
    if status is not None:
        assert response.split(b" ", 2)[1] == str(status).encode(), response[:200]
    assert b'<html lang="nl">' in response and b"Error response" not in response
    assert b"root:" not in response
    assert fetch(server.url + ANNA_PAGE)[0] == 200  # still serving
    output = capfd.readouterr()
    assert "Traceback" not in output.out + output.err


def test_a_browser_that_hangs_up_leaves_no_traceback(
    server: Server, capfd: pytest.CaptureFixture[str]
) -> None:
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    for _ in range(5):
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.sendall(b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        connection.close()  # a reset while the server answers
    assert fetch(server.url + ANNA_PAGE)[0] == 200
    output = capfd.readouterr()
    assert "Traceback" not in output.out + output.err


def test_head_of_the_event_stream_answers_without_opening_one(server: Server) -> None:
    response = _raw(server.url, f"HEAD {EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert response.startswith(b"HTTP/1.0 200") and b"text/event-stream" in response


def test_one_connection_too_many_gets_a_dutch_503(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder.editor.serve, "MAX_CONNECTIONS", 3)
    with running_server(minimal_project) as server:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))

        def refused_with_three_idle() -> bool:
            # On a busy machine the slot of an earlier request may not be free yet when an
            # idle connection comes in, which is then the one refused: try again.
            idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
            try:
                time.sleep(0.3)
                status, _, page = fetch(server.url + ANNA_PAGE)
                return status == 503 and "Te veel open verbindingen" in page
            finally:
                for connection in idle:
                    connection.close()

        wait_for(refused_with_three_idle, "a connection over the limit to be refused", 30)
        wait_for(lambda: fetch(server.url + ANNA_PAGE)[0] == 200, "the slots to free up", 20)


def test_idle_connections_cannot_pile_up_threads(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder.editor.serve.PreviewHandler, "timeout", 1)
    with running_server(minimal_project) as server:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        before = threading.active_count()
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(100)]
        try:
            time.sleep(0.5)
            assert threading.active_count() - before <= MAX_CONNECTIONS
            time.sleep(1.5)  # past the idle timeout: the server closed them
            assert threading.active_count() - before <= 2
            assert fetch(server.url + ANNA_PAGE)[0] == 200
        finally:
            for connection in idle:
                connection.close()


def test_a_glossary_error_shows_in_the_overlay(server: Server, minimal_project: Path) -> None:
    glossary = minimal_project / "content" / "afkortingen.yml"
    glossary.write_text("Wmo: Wet maatschappelijke ondersteuning\nAVG: [niet afgesloten\n")
    wait_for(lambda: bool(server.status()["fouten"]), "the glossary error")
    [error] = server.status()["fouten"]
    assert error["bestand"] == "content/afkortingen.yml"
    assert error["regel"] is not None
    assert server.thread.is_alive()


def test_an_unexpected_failure_never_stops_the_server(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server(minimal_project) as server:
        real_build = Preview.build
        monkeypatch.setattr(Preview, "build", lambda self: [][0])  # a bug: IndexError
        edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: 41")
        wait_for(lambda: server.status()["mislukt"] is not None, "the failure to be reported")
        assert "onverwachte fout (IndexError)" in server.status()["mislukt"]
        assert server.thread.is_alive()
        monkeypatch.setattr(Preview, "build", real_build)
        edit(minimal_project, ANNA, "leeftijd: 41", "leeftijd: 42")
        wait_for(lambda: server.status()["build"] == 2, "the next good build")
        assert server.status()["mislukt"] is None


def test_a_deeply_nested_glossary_never_stops_the_server(
    server: Server, minimal_project: Path
) -> None:
    glossary = minimal_project / "content" / "afkortingen.yml"
    glossary.write_text("AVG: " + "[" * 50_000 + "\n", encoding="utf-8")

    def reported() -> bool:
        status = server.status()
        return bool(status["fouten"]) or status["mislukt"] is not None

    wait_for(reported, "the glossary problem to be reported")
    assert server.thread.is_alive()
    glossary.write_text("AVG: Algemene verordening gegevensbescherming\n", encoding="utf-8")
    wait_for(lambda: server.status()["build"] == 2, "the next good build")


def test_a_body_edit_leaves_the_site_roots_redirects_alone_a_new_title_rewrites_them(
    tmp_path: Path,
) -> None:
    """latest/ holds a redirect for every page of the newest edition: written again only when
    what they are made of changed, so a save copies a few files, not all of them."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", project)
    preview = Preview(project)
    assert preview.build().updated
    served = project / PREVIEW_DIR
    root_files = [p for p in served.rglob("*") if p.is_file() and _outside_editions(served, p)]
    before = {p: p.stat().st_mtime_ns for p in root_files}
    assert any(p.relative_to(served).parts[0] == "latest" for p in before)
    case = next((project / "content" / "casussen" / "2023").glob("*.md"))
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("\n\n", "\n\nEen nieuwe zin.\n\n", 1), encoding="utf-8")

    assert preview.build().updated

    assert {p: p.stat().st_mtime_ns for p in root_files} == before
    # a new edition title is in every redirect: they are written again
    edition = project / "content" / "edities" / "2023.yml"
    edition.write_text(
        edition.read_text(encoding="utf-8").replace("(testeditie)", "(nieuwe titel)"), "utf-8"
    )

    assert preview.build().updated

    redirect = next((served / "latest").rglob("index.html")).read_text(encoding="utf-8")
    assert "(nieuwe titel)" in redirect
    # a work site removed while serving is built anew, its root files too
    shutil.rmtree(preview.work / "site")
    case.write_text(text, encoding="utf-8")

    assert preview.build().updated

    assert (served / "index.html").is_file() and (served / "latest").is_dir()


def _outside_editions(served: Path, path: Path) -> bool:
    return not path.relative_to(served).parts[0].isdigit()

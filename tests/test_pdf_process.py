"""The PDF step is safe and bounded: no script runs while Chromium prints, a hung Chromium is
stopped after the timeout with a Dutch error, and Chromium never outlives the build."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.publish import browser, pdf
from builder.site.print_page import NO_PAGE_NUMBERS, PAGE_NUMBERS_FILE, PDF_NAME, PRINT_URL

pytestmark = pytest.mark.slow  # starts Chromium: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent


def _print_page(out_dir: Path, body: str) -> None:
    page = out_dir / PRINT_URL / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><h1>Rapport</h1>{body}</body></html>\n",
        encoding="utf-8",
    )
    (out_dir / PAGE_NUMBERS_FILE).write_text(NO_PAGE_NUMBERS, encoding="utf-8")


def _fake_chromium(tmp_path: Path, script: str) -> Path:
    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def _gone(pid: int) -> bool:
    """Dead, or a zombie nobody reaps (PID 1 in a container may not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_script_in_the_page_never_runs_while_printing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An endless loop would keep Chromium from printing until the timeout."""
    if pdf.find_chromium() is None:
        pytest.skip("chromium is not installed")
    monkeypatch.setattr(pdf, "TIMEOUT", 60)
    _print_page(tmp_path, "<p>Tekst</p><script>while (true) {}</script>")
    before = {p.name: p.read_bytes() for p in (tmp_path / PRINT_URL).iterdir()}
    started = time.monotonic()
    made = pdf.print_pdf(tmp_path, 2022, 0, [])
    assert made == tmp_path / PDF_NAME.format(year=2022)
    assert time.monotonic() - started < 50
    # the page is printed as it is, and its page numbers are for the PDF only
    assert {p.name: p.read_bytes() for p in (tmp_path / PRINT_URL).iterdir()} == before
    profile = Path(tempfile.gettempdir()) / f"{browser.PROFILE_PREFIX}{os.getpid()}"
    assert profile.is_dir()  # the browser is kept for the next print
    browser.close_browser()
    assert not profile.exists()  # the profile is removed with the browser


def test_what_a_script_would_write_never_reaches_the_pdf(tmp_path: Path) -> None:
    if pdf.find_chromium() is None:
        pytest.skip("chromium is not installed")
    script = "document.getElementById('x').textContent = 'SCRIPT RAN';"
    _print_page(tmp_path, f'<p id="x">Geen script</p><script>{script}</script>')
    made = pdf.print_pdf(tmp_path, 2022, 0, [])
    assert made is not None
    text = " ".join(page.extract_text() for page in PdfReader(made).pages)
    assert "Geen script" in text and "SCRIPT RAN" not in text


@pytest.mark.parametrize(
    ("part", "number"), [("casussen-peter", "12"), ('x"]{}body{color:red', "1\n2")]
)
def test_the_page_numbers_stylesheet_keeps_every_value_inside_its_string(
    part: str, number: str
) -> None:
    css = pdf.page_numbers_css({part: number})
    assert css.count('"') == 4 and css.count("{") == css.count("}") == 1
    assert css.startswith('.rapport-inhoud-pagina[data-deel="') and "\n" not in css[:-1]
    if part.isidentifier() or part.replace("-", "").isalnum():
        assert css == (
            f'.rapport-inhoud-pagina[data-deel="{part}"]::after {{ content: "{number}"; }}\n'
        )


def test_a_hanging_chromium_is_stopped_with_a_dutch_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    fake = _fake_chromium(tmp_path, f"sleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nwait")
    monkeypatch.setattr(pdf, "CHROMIUM", fake)
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    out_dir = tmp_path / "site" / "2022"
    _print_page(out_dir, "")
    with pytest.raises(pdf.PdfError) as refused:
        pdf.print_pdf(out_dir, 2022, 0, [])
    assert str(refused.value) == (
        "chromium maakte de PDF van editie 2022 niet binnen 1 seconden; het printen is afgebroken."
    )
    started = [int(pid) for pid in pids.read_text().split()]
    assert len(started) == 2
    assert all(_wait_gone(pid) for pid in started)  # the whole process group, helpers too


def test_chromium_that_cannot_start_gives_a_dutch_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("not a program", encoding="utf-8")
    fake.chmod(0o644)
    monkeypatch.setenv(pdf.CHROMIUM_SETTING, str(fake))  # the Chromium the user chose
    _print_page(tmp_path, "")
    with pytest.raises(pdf.PdfError) as refused:
        pdf.print_pdf(tmp_path, 2022, 0, [])
    assert str(refused.value) == (
        f"{fake} kon niet starten om de PDF van editie 2022 te maken; "
        "controleer of chromium goed is geïnstalleerd."
    )


def test_a_chromium_that_stopped_is_closed_once_and_no_other_file_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "CHROMIUM", _fake_chromium(tmp_path, "exit 3"))
    _print_page(tmp_path, "")
    with pytest.raises(pdf.PdfError):
        pdf.print_pdf(tmp_path, 2022, 0, [])  # found gone: closed, its pipe's fds too
    reader, writer = os.pipe()  # the lowest free numbers: those of that pipe
    try:
        browser.close_browser()  # the end of publish closes the process's browser
        os.fstat(reader), os.fstat(writer)  # still open
    finally:
        os.close(reader)
        os.close(writer)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_chromium_dies_with_a_killed_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "pid"
    fake = _fake_chromium(tmp_path, f"echo $$ > {pid_file}\nexec sleep 300")
    _print_page(tmp_path / "2022", "")
    script = (
        "from pathlib import Path; from builder.publish import pdf; "
        f"pdf.CHROMIUM = Path({str(fake)!r}); pdf.print_pdf(Path({str(tmp_path / '2022')!r}), "
        "2022, 0, [])"
    )
    build = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    deadline = time.monotonic() + 20
    while not pid_file.is_file() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline and build.poll() is None
        time.sleep(0.05)
    chromium = int(pid_file.read_text())
    os.kill(build.pid, signal.SIGKILL)  # what an out-of-memory killer or `kill -9` does
    build.wait()
    assert _wait_gone(chromium), "chromium outlived the build"
    # its profile is left, until the next browser is started
    left = Path(tempfile.gettempdir()) / f"{browser.PROFILE_PREFIX}{build.pid}"
    assert left.is_dir()
    monkeypatch.setattr(pdf, "CHROMIUM", _fake_chromium(tmp_path, "exit 0"))
    pdf.start_browser()
    browser.close_browser()
    assert not left.exists()


def test_one_chromium_prints_edition_after_edition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting Chromium costs as much as a print: it is started once per process."""
    if pdf.find_chromium() is None:
        pytest.skip("chromium is not installed")
    browser.close_browser()
    starts = []
    start = browser.Browser.start
    monkeypatch.setattr(browser.Browser, "start", lambda *args: starts.append(args) or start(*args))
    for year in (2022, 2023):
        _print_page(tmp_path / str(year), f"<p>Editie {year}</p>")
        made = pdf.print_pdf(tmp_path / str(year), year, 0, [])
        assert made is not None and f"Editie {year}" in PdfReader(made).pages[0].extract_text()
    assert len(starts) == 1
    # a Chromium that died (killed, crashed) is started again for the next print
    running = browser.shared_browser(starts[0][0], pdf.CHROMIUM_FLAGS, pdf.NO_SCRIPTS)
    os.killpg(running.process.pid, signal.SIGKILL)
    running.process.wait()
    assert pdf.print_pdf(tmp_path / "2022", 2022, 0, []) is not None
    assert len(starts) == 2
    browser.close_browser()


def _tagged_pdf(path: Path, first_id: int) -> None:
    """A PDF whose table header and cell carry Chromium-style ids starting at `first_id`, with
    an /IDTree that has a kid, as Chromium writes them."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    header_id, cell_id = (TextStringObject(f"node{first_id + n:08d}") for n in (0, 1))
    header = writer._add_object(
        DictionaryObject({NameObject("/S"): NameObject("/TH"), NameObject("/ID"): header_id})
    )
    headers = DictionaryObject({NameObject("/Headers"): ArrayObject([header_id])})
    cell = writer._add_object(
        DictionaryObject(
            {
                NameObject("/S"): NameObject("/TD"),
                NameObject("/ID"): cell_id,
                NameObject("/A"): ArrayObject([headers]),
            }
        )
    )
    kid = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Limits"): ArrayObject([header_id, cell_id]),
                NameObject("/Names"): ArrayObject([header_id, header, cell_id, cell]),
            }
        )
    )
    ids = writer._add_object(DictionaryObject({NameObject("/Kids"): ArrayObject([kid])}))
    table = DictionaryObject(
        {NameObject("/S"): NameObject("/Table"), NameObject("/K"): ArrayObject([header, cell])}
    )
    writer.root_object[NameObject("/StructTreeRoot")] = writer._add_object(
        DictionaryObject({NameObject("/K"): writer._add_object(table), NameObject("/IDTree"): ids})
    )
    writer.write(path)


def test_the_same_page_gives_the_same_pdf_whatever_node_numbers_chromium_used(
    tmp_path: Path,
) -> None:
    """Under load Chromium's structure ids (from DOM node numbers) shift by one; the rewrite
    numbers them in tree order, table headers and id index following."""
    from pypdf import PdfReader

    made = []
    for first_id in (308, 309):
        path = tmp_path / f"{first_id}.pdf"
        _tagged_pdf(path, first_id)
        pdf._make_reproducible(path, 1654041600)
        made.append(path.read_bytes())
    assert made[0] == made[1]
    assert b"node00000308" not in made[0] and b"node00000309" not in made[0]
    tree = PdfReader(tmp_path / "308.pdf").trailer["/Root"]["/StructTreeRoot"]
    header, cell = (e.get_object() for e in tree["/K"]["/K"])
    assert cell["/A"][0]["/Headers"] == [header["/ID"]]
    assert list(tree["/IDTree"]["/Names"])[::2] == [header["/ID"], cell["/ID"]]


REPORT = (
    '<link rel="stylesheet" href="paginanummers.css">'
    '<h2>Inhoud</h2><p><span class="rapport-inhoud-pagina" data-deel="a"></span>'
    '<span class="rapport-inhoud-pagina" data-deel="b"></span></p>'
    '<h2 id="a">Deel A</h2><p style="break-after: page">Tekst</p>'
    '<h2 id="b">Deel B</h2><p>Tekst</p>'
)


@pytest.mark.parametrize(
    ("guess", "prints"),
    [(None, 2), ({"a": 1, "b": 3}, 2), ({"a": 1, "b": 2, "c": 3}, 2), ({"a": 1, "b": 2}, 1)],
    ids=["none", "wrong", "other-parts", "right"],
)
def test_a_right_guess_of_the_page_numbers_prints_once_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guess: dict[str, int] | None, prints: int
) -> None:
    if pdf.find_chromium() is None:
        pytest.skip("chromium is not installed")
    _print_page(tmp_path, REPORT)
    made = pdf.print_pdf(tmp_path, 2022, 0, ["a", "b"])
    assert made is not None
    expected = made.read_bytes()
    assert pdf.part_pages(made, ["a", "b"]) == {"a": 1, "b": 2}
    assert "Inhoud\n12\n" in PdfReader(made).pages[0].extract_text()  # the contents list
    printed: list[Path] = []
    real_print = pdf._print
    monkeypatch.setattr(pdf, "_print", lambda *args: printed.append(args[1]) or real_print(*args))
    assert pdf.print_pdf(tmp_path, 2022, 0, ["a", "b"], guess) == made
    assert len(printed) == prints
    assert made.read_bytes() == expected


def test_without_bookmarks_to_read_the_contents_list_shows_no_placeholder(
    tmp_path: Path,
) -> None:
    if pdf.find_chromium() is None:
        pytest.skip("chromium is not installed")
    _print_page(tmp_path, REPORT.replace("<h2", "<p").replace("</h2>", "</p>"))
    made = pdf.print_pdf(tmp_path, 2022, 0, ["a", "b"])
    assert made is not None and pdf.part_pages(made, ["a", "b"]) == {}
    assert pdf.PLACEHOLDER not in " ".join(p.extract_text() for p in PdfReader(made).pages)


def test_chromium_is_asked_its_version_once_however_many_threads_ask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build asks early, in a thread (pdf.ask_engine_early), while a fingerprint may ask
    at the same time: both get the answer of one `chromium --version`."""
    asked = tmp_path / "gevraagd"
    fake = _fake_chromium(tmp_path, f"echo $$ >> {asked}\nsleep 0.3\necho Chromium 1.2.3")
    monkeypatch.setattr(pdf, "CHROMIUM", fake)
    pdf._version.cache_clear()
    try:
        pdf.ask_engine_early()
        time.sleep(0.1)  # the early question is on its way
        assert pdf.engine() == "Chromium 1.2.3"
        assert len(asked.read_text().split()) == 1
    finally:
        pdf._version.cache_clear()  # the fake's answer is not the real Chromium's

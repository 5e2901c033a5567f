"""The whole edition as one PDF: headless Chromium prints the built afdrukken/ page.

Chromium (builder/publish/browser.py) makes a tagged PDF with lang from <html lang="nl"> and
bookmarks from the page's h1-h6. It prints a copy of the edition in the work dir, after the
site went live (builder/publish/publish.py: print_pending). Without Chromium (or with
STAND_CHROMIUM empty) the PDF is skipped with a note, and the home page stays without its
link to it (builder/publish/mkdocs_runner.PdfLinkPage).
"""

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from builder.messages import build_text
from builder.publish import browser
from builder.publish.browser import (
    Browser,
    BrowserError,
    BrowserStartError,
    BrowserTimeout,
    shared_browser,
)
from builder.publish.whole_file import replace_file
from builder.site.print_page import (
    PAGE_NUMBERS_FILE,
    PDF_NAME,
    PRINT_URL,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
TIMEOUT = 300  # seconds; the 2022 edition takes a few


class PdfError(Exception):
    """Chromium was there but made no PDF; the message is Dutch."""


# Which Chromium prints, when it is not Debian's: a path, or empty to build without the PDF
# (a quicker local build).
CHROMIUM_SETTING = "STAND_CHROMIUM"


def find_chromium() -> str | None:
    chosen = os.environ.get(CHROMIUM_SETTING)
    if chosen is not None:
        return chosen or None
    if CHROMIUM.exists():
        return str(CHROMIUM)
    return shutil.which("chromium")


@cache
def _version(chromium: str) -> str:
    try:
        result = subprocess.run(
            [chromium, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "onbekend"
    return result.stdout.strip() or "onbekend"


_ASKING = threading.Lock()  # one `chromium --version` per process, whichever thread asks


def engine() -> str:
    """What makes the PDF, for the edition fingerprint: a new Chromium (or none) rebuilds."""
    chromium = find_chromium()
    if chromium is None:
        return "geen"
    with _ASKING:
        return _version(chromium)


def ask_engine_early() -> None:
    """Ask Chromium's version while the build checks and renders: the fingerprint of the
    first edition needs it, and asking takes a tenth of a second."""
    threading.Thread(target=engine, daemon=True).start()


def missing_note(year: int) -> str:
    if os.environ.get(CHROMIUM_SETTING) == "":  # the user chose to build without it
        return build_text("pdf.uitgezet", year=year)
    return build_text("pdf.geen-chromium", year=year)


def start_browser() -> None:
    """Start this process's Chromium now, to boot while the build goes on to the page it will
    print. A Chromium that cannot start is left to the print, which says so."""
    chromium = find_chromium()
    if chromium is not None:
        with contextlib.suppress(BrowserError, OSError):
            _browser(chromium)


def print_pdf(
    out_dir: Path,
    year: int,
    source_date: int,
    part_ids: list[str],
    guess: dict[str, int] | None = None,
) -> Path | None:
    """Print out_dir/afdrukken/ to out_dir/stand-van-de-uitvoering-<year>.pdf; None without
    Chromium. Raises PdfError when Chromium fails or takes longer than TIMEOUT.

    Chromium cannot put page numbers in a contents list (no CSS target-counter): a print's
    bookmarks give the page of every part (`part_ids`, in order), which the page's stylesheet
    for them writes into the contents list for the next print. The numbers take the same room
    whatever they are (a fixed width), so the first print uses `guess` (the last PDF's) or
    placeholders, and a second print is needed only when that guess was not right."""
    chromium = find_chromium()
    if chromium is None:
        return None
    page = out_dir / PRINT_URL / "index.html"
    target = out_dir / PDF_NAME.format(year=year)
    numbers = out_dir / PAGE_NUMBERS_FILE
    web = numbers.read_text(encoding="utf-8")
    first = guess if guess is not None and set(guess) == set(part_ids) else {}
    try:
        first_css = page_numbers_css({i: first.get(i, PLACEHOLDER) for i in part_ids})
        _write_new(numbers, first_css)
        _print(chromium, page, target, year)
        pages = part_pages(target, part_ids)
        if pages != first or len(pages) != len(part_ids):  # unreadable bookmarks: no numbers
            _write_new(numbers, page_numbers_css(pages))
            _print(chromium, page, target, year)
    finally:
        _write_new(numbers, web)  # page numbers belong to the PDF, not the web
    _make_reproducible(target, source_date)
    return target


def _write_new(path: Path, text: str) -> None:
    """A new file in path's place, never a write into its old one: out_dir may be a copy of a
    published edition in hard links (publish.print_pending), whose files are the live site's."""
    replace_file(path, lambda partial: partial.write_text(text, encoding="utf-8"))


PLACEHOLDER = "000"  # as wide as a real number (tabular figures): the first print keeps room
# The contents list's page number of a part: an empty <span data-deel="part id"> on the page
PAGE_NUMBER_RULE = '.rapport-inhoud-pagina[data-deel="{part}"]::after {{ content: "{number}"; }}\n'


def page_numbers_css(numbers: Mapping[str, int | str]) -> str:
    """The stylesheet that shows each part's page number in the contents list."""
    return "".join(
        PAGE_NUMBER_RULE.format(part=_css_string(part), number=_css_string(str(number)))
        for part, number in numbers.items()
    )


def _css_string(value: str) -> str:
    """`value` for inside a double-quoted CSS string: every character but letters, digits and
    '-' as a CSS escape, so nothing in it can end the string or the rule."""
    return "".join(
        c if c.isascii() and (c.isalnum() or c == "-") else f"\\{ord(c):x} " for c in value
    )


def part_pages(pdf: Path, ids: list[str]) -> dict[str, int]:
    """Part id -> its first page (1-based), from the bookmarks: under the one h1 the h2s, the
    contents list's own first, then one per part in order. Empty when they do not match."""
    reader = PdfReader(pdf)
    outline = reader.outline
    if len(outline) != 2 or isinstance(outline[0], list) or not isinstance(outline[1], list):
        return {}
    parts = [item for item in outline[1] if not isinstance(item, list)][-len(ids) :]
    if len(parts) != len(ids):
        return {}
    pages = [reader.get_destination_page_number(item) for item in parts]
    if None in pages:
        return {}
    return {id_: page + 1 for id_, page in zip(ids, pages, strict=True) if page is not None}


def _print(chromium: str, page: Path, target: Path, year: int) -> None:
    target.unlink(missing_ok=True)
    try:
        printed = _browser(chromium).print_pdf(page, TIMEOUT)
    except BrowserStartError:
        raise PdfError(build_text("pdf.start", chromium=chromium, year=year)) from None
    except BrowserTimeout:
        raise PdfError(build_text("pdf.te-traag", year=year, seconds=TIMEOUT)) from None
    except BrowserError as problem:
        code = "" if problem.code is None else f" (code {problem.code})"
        failed = build_text("pdf.mislukt", year=year, code=code, detail=problem.detail)
        raise PdfError(failed) from None
    if not printed.startswith(b"%PDF-"):
        raise PdfError(build_text("pdf.geen-pdf", year=year))
    target.write_bytes(printed)


def _browser(chromium: str) -> Browser:
    """This process's Chromium, started once and kept for the next print."""
    return shared_browser(chromium, CHROMIUM_FLAGS, NO_SCRIPTS)


# Printed with scripts off: the page is ours, but what an editor typed must never run while
# Chromium prints, nor make it wait. A content setting of the fresh profile, so the page
# itself is printed as it is.
NO_SCRIPTS = {"profile": {"default_content_setting_values": {"javascript": 2}}}


def cache_entry(out_dir: Path, year: int, source_date: int, cache_dir: Path) -> Path | None:
    """Where the PDF of this print page is kept; None without Chromium (no PDF is made). The
    key covers the print page and every non-HTML file of the edition (stylesheets, fonts,
    images it may load), the Chromium version, the source date and this module's code: taken
    before anything else writes into the edition (the search index)."""
    if find_chromium() is None:
        return None
    return cache_dir / f"{year}-{_print_digest(out_dir, source_date)}.pdf"


def print_pdf_cached(
    out_dir: Path, year: int, source_date: int, part_ids: list[str], cached: Path | None
) -> Path | None:
    """print_pdf, but reuse the PDF of an identical print page (`cached`, from cache_entry):
    Chromium takes seconds. None without Chromium."""
    if cached is None:
        return None
    target = out_dir / PDF_NAME.format(year=year)
    if cached.is_file():
        target.unlink(missing_ok=True)  # a new file, never a write into a linked one
        shutil.copyfile(cached, target)
        return target
    guess = _last_pages(cached.parent, year, part_ids)
    made = print_pdf(out_dir, year, source_date, part_ids, guess)
    if made is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(f"{year}-*.pdf"):  # one per edition is enough
            old.unlink()
        partial = cached.with_suffix(".tmp")
        shutil.copyfile(made, partial)
        partial.replace(cached)
    return made


def _last_pages(cache_dir: Path, year: int, part_ids: list[str]) -> dict[str, int] | None:
    """The part pages of the edition's last PDF: after an edit most parts start where they did."""
    for last in cache_dir.glob(f"{year}-*.pdf"):
        try:
            return part_pages(last, part_ids)
        except Exception:  # a damaged cache file: a guess less, never a failed build
            return None
    return None


def _print_digest(out_dir: Path, source_date: int) -> str:
    digest = hashlib.sha256(f"{engine()}\0{source_date}\0".encode())
    for module in (__file__, browser.__file__):  # how it prints
        digest.update(Path(module).read_bytes())
    page = out_dir / PRINT_URL / "index.html"
    inputs = [page, *sorted(p for p in out_dir.rglob("*") if p.is_file() and p.suffix != ".html")]
    for path in inputs:
        digest.update(f"{path.relative_to(out_dir).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _make_reproducible(path: Path, source_date: int) -> None:
    """The same page gives the same bytes: the PDF's dates become the edition's
    SOURCE_DATE_EPOCH (Chromium stamps the moment of printing), and the ids of its tagged
    structure are numbered anew (Chromium takes them from DOM node numbers, which shift by one
    when the machine is busy). pypdf writes the whole document anew, so its xref table stays
    right whatever the new values' length."""
    stamp = datetime.fromtimestamp(source_date, tz=UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # pypdf would write its own default version
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp})
    _renumber_structure_ids(writer)
    written = io.BytesIO()  # pypdf writes in small pieces: one write to the file, not thousands
    writer.write(written)
    partial = path.with_suffix(".tmp")
    partial.write_bytes(written.getvalue())
    partial.replace(path)


def _renumber_structure_ids(writer: PdfWriter) -> None:
    """Structure element ids in tree order (node00000001, ...), with the table headers that
    refer to them (/Headers) and the id index (/IDTree) following."""
    tree = writer.root_object.get("/StructTreeRoot")
    if tree is None:
        return
    tree = tree.get_object()
    elements = list(_structure_elements(tree))
    numbered = [(e, f"node{n:08d}") for n, e in enumerate((e for e in elements if "/ID" in e), 1)]
    renamed = {str(element["/ID"]): new for element, new in numbered}
    for element, new in numbered:
        element[NameObject("/ID")] = TextStringObject(new)
    for element in elements:
        attributes = element.get("/A")
        attributes = attributes.get_object() if attributes is not None else None
        for attribute in attributes if isinstance(attributes, ArrayObject) else [attributes]:
            attribute = attribute.get_object() if attribute is not None else None
            if not isinstance(attribute, DictionaryObject):
                continue
            headers = attribute.get("/Headers")
            if isinstance(headers, ArrayObject):
                attribute[NameObject("/Headers")] = ArrayObject(
                    TextStringObject(renamed.get(str(h), str(h))) for h in headers
                )
    if "/IDTree" in tree:  # a name tree: one flat /Names, sorted as the numbers are, is one too
        index = tree["/IDTree"].get_object()
        for node in _name_tree_nodes(index):  # the old ids go from the kids as well
            node.clear()
        index[NameObject("/Names")] = ArrayObject(
            item
            for element, new in numbered
            for item in (TextStringObject(new), element.indirect_reference)
        )


def _name_tree_nodes(node: DictionaryObject) -> Iterator[DictionaryObject]:
    kids = node.get("/Kids")
    for kid in kids.get_object() if kids is not None else []:
        yield from _name_tree_nodes(kid.get_object())
    yield node


def _structure_elements(node: Any, seen: set[int] | None = None) -> Iterator[DictionaryObject]:
    """The structure tree's elements in document order (/K), never following /P upwards."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, ArrayObject):
        for child in node:
            yield from _structure_elements(child, seen)
    elif isinstance(node, DictionaryObject) and id(node) not in seen:
        seen.add(id(node))
        if "/S" in node:  # a structure element (an /MCR or /OBJR has none)
            yield node
        if "/K" in node:
            yield from _structure_elements(node["/K"], seen)

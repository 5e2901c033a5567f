"""The whole edition as one PDF: headless Chromium prints the built afdrukken/ page.

Chromium makes a tagged PDF (its default) with lang from <html lang="nl"> and, with
--generate-pdf-document-outline, bookmarks from the page's h1-h6. Everything happens in the
edition's staging dir, before the swap. Without Chromium the PDF is skipped with a note, and
the home page's placeholder link (builder/site/print_page.py) is removed.
"""

import os
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from builder.site.edition_meta import file_size_label
from builder.site.print_page import PDF_END, PDF_NAME, PDF_SIZE, PDF_START, PRINT_URL

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
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
)
TIMEOUT = 300  # seconds; the 2022 edition takes a few
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


class PdfError(Exception):
    """Chromium was there but made no PDF; the message is Dutch."""


def find_chromium() -> str | None:
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


def engine() -> str:
    """What makes the PDF, for the edition fingerprint: a new Chromium (or none) rebuilds."""
    chromium = find_chromium()
    return _version(chromium) if chromium else "geen"


def missing_note(year: int) -> str:
    return (
        f"chromium is niet gevonden: de PDF van editie {year} is overgeslagen "
        "(installeer het Debian-pakket chromium om hem te maken)."
    )


def print_pdf(out_dir: Path, year: int, source_date: int) -> Path | None:
    """Print out_dir/afdrukken/ to out_dir/stand-van-de-uitvoering-<year>.pdf; None without
    Chromium. Raises PdfError when Chromium fails."""
    chromium = find_chromium()
    if chromium is None:
        return None
    page = out_dir / PRINT_URL / "index.html"
    target = out_dir / PDF_NAME.format(year=year)
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="stand-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={target}",
            page.resolve().as_uri(),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
                # the edition's date for Chromium, given to it alone (never left in os.environ)
                env={**os.environ, "SOURCE_DATE_EPOCH": str(source_date)},
            )
        except (OSError, subprocess.TimeoutExpired) as problem:
            raise PdfError(f"chromium kon de PDF van editie {year} niet maken: {problem}") from None
    if result.returncode != 0 or not target.is_file() or not _is_pdf(target):
        detail = "\n".join(result.stderr.strip().splitlines()[-3:])
        raise PdfError(
            f"chromium kon de PDF van editie {year} niet maken (code {result.returncode}): {detail}"
        )
    _set_dates(target, source_date)
    return target


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(5) == b"%PDF-"


def _set_dates(path: Path, source_date: int) -> None:
    """Reproducible output: the PDF's dates become the edition's SOURCE_DATE_EPOCH.

    Each date keeps its length, so the byte offsets in the PDF's xref table stay right."""
    stamp = datetime.fromtimestamp(source_date, tz=UTC).strftime("%Y%m%d%H%M%S").encode()

    def replace(match: re.Match[bytes]) -> bytes:
        zone = b"+00'00'" if len(match[3]) == len(b"+00'00'") else match[3]
        return b"/%s (D:%s%s)" % (match[1], stamp, zone)

    data = path.read_bytes()
    path.write_bytes(PDF_DATE.sub(replace, data))


def link_pdf(out_dir: Path, pdf: Path | None) -> None:
    """Complete the home page's PDF link with the file's size, or remove it without a PDF."""
    home = out_dir / "index.html"
    html = home.read_text(encoding="utf-8")
    start, end = html.find(PDF_START), html.find(PDF_END)
    if start < 0 or end < start:
        return
    if pdf is None:
        html = html[:start] + html[end + len(PDF_END) :]
    else:
        size = file_size_label(pdf.stat().st_size)
        link = html[start + len(PDF_START) : end].replace(PDF_SIZE, size)
        html = html[:start] + link + html[end + len(PDF_END) :]
    home.write_text(html, encoding="utf-8")

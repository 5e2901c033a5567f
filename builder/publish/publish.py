"""Stage 5: write each edition as an mkdocs project, build it, index it, swap into site/.

Every mkdocs-specific call lives here (and in mkdocs_hooks.py), so a later move to another
builder that reads mkdocs.yml stays cheap. site/ changes only when the whole build succeeded.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from builder.publish import pdf, search_order
from builder.publish.mkdocs_runner import MkdocsError, run_mkdocs, write_page
from builder.publish.search_order import stabilise_filters
from builder.publish.swap import swap_into_place
from builder.site.rendered import NavItem, RenderedEdition
from builder.site.urls import relative

BUILD_DIR = ".stand-build"
HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


TOOL_ROOT = Path(__file__).resolve().parents[2]


def project_file(root: Path, name: str) -> Path:
    """The project's own mkdocs.yml or themes/, else the ones stand ships with."""
    own = root / name
    return own if own.exists() else TOOL_ROOT / name


class PublishError(Exception):
    """A publish step failed; the message is Dutch and shown to the editor as is."""


@dataclass(frozen=True)
class Published:
    site_dir: Path
    page_count: int
    reused: list[int]  # editions carried over unchanged
    years: list[int] = field(default_factory=list)  # every edition in the site
    notes: list[str] = field(default_factory=list)  # Dutch notes for the editor (no errors)


FINGERPRINT_FILE = ".stand-vingerafdruk"


def fingerprint(root: Path, edition: RenderedEdition) -> str:
    """Everything that decides an edition's output: its pages, data, theme and tool versions."""
    digest = hashlib.sha256()
    digest.update(
        repr(
            (
                edition.year,
                edition.title,
                edition.nav,
                edition.source_date,
                edition.published,
                edition.licence,
                edition.concept,
            )
        ).encode()
    )
    for page in edition.pages:
        digest.update(repr(page).encode())
    for name, text in sorted(edition.files.items()):
        digest.update(f"{name}\0{text}".encode())
    theme_dir = project_file(root, "themes") / "material"
    inputs = [
        project_file(root, "mkdocs.yml"),
        HOOKS,
        Path(__file__),
        Path(pdf.__file__),
        Path(search_order.__file__),
        *sorted(p for p in theme_dir.rglob("*") if p.is_file()),
    ]
    for path in inputs:
        digest.update(path.read_bytes())
    for package in ("mkdocs", "mkdocs-material", "pagefind-bin"):
        digest.update(f"{package}={_version(package)}".encode())
    digest.update(f"pdf={pdf.engine()}".encode())  # a PDF appears once Chromium is there
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _reuse(current: Path, out_dir: Path, print_: str) -> bool:
    stamp = current / FINGERPRINT_FILE
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != print_:
        return False
    shutil.copytree(current, out_dir, copy_function=os.link, symlinks=True)
    return True


def publish(
    root: Path,
    editions: list[RenderedEdition],
    site_dir: Path,
    published: list[int],
    verify: Callable[[Path, list[Path]], None] = lambda staging, built: None,
    root_files: dict[str, str] | None = None,
) -> Published:
    """Build every edition into a staging tree, then swap it into site_dir in one step.

    An edition whose fingerprint equals the one already in site_dir is carried over as
    hard links: its files keep their bytes and mtimes, so a frozen edition is never rewritten.
    """
    work = root / BUILD_DIR
    staging = work / "site-nieuw"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    reused = []
    notes: list[str] = []
    for edition in editions:
        out_dir = staging / str(edition.year)
        print_ = fingerprint(root, edition)
        if _reuse(site_dir / str(edition.year), out_dir, print_):
            reused.append(edition.year)
            continue
        build_edition(root, edition, work / f"docs-{edition.year}", out_dir)
        notes += add_pdf(edition, out_dir)
        index_search(out_dir)
        stabilise_filters(out_dir / "pagefind")
        (out_dir / FINGERPRINT_FILE).write_text(print_ + "\n", encoding="utf-8")
    write_entry_points(staging, editions, published, root_files or {})
    built = [staging / str(e.year) for e in editions if e.year not in reused]
    verify(staging, [*built, *(p for p in staging.iterdir() if p.is_file())])
    swap_into_place(staging, site_dir, work / "site-oud")
    pages = sum(len(e.pages) for e in editions)
    return Published(site_dir, pages, reused, [e.year for e in editions], notes)


def add_pdf(edition: RenderedEdition, out_dir: Path) -> list[str]:
    """Print the edition's afdrukken/ page to PDF and link it from the home page."""
    try:
        made = pdf.print_pdf(out_dir, edition.year, edition.source_date)
    except pdf.PdfError as problem:
        raise PublishError(str(problem)) from problem
    pdf.link_pdf(out_dir, made)
    return [] if made else [pdf.missing_note(edition.year)]


def build_edition(root: Path, edition: RenderedEdition, docs_dir: Path, out_dir: Path) -> None:
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    for page in edition.pages:
        write_page(docs_dir, page)
    for relative_path, text in edition.files.items():
        path = docs_dir / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = edition_config(root, edition, docs_dir, out_dir)
    config_path = docs_dir.parent / f"mkdocs-{edition.year}.yml"
    try:
        run_mkdocs(config, config_path, edition.year, edition.source_date)
    except MkdocsError as problem:
        raise PublishError(str(problem)) from problem
    if not config.get("site_url"):
        # Material's 404 page links from the site root, which only works with a known site_url
        # (set it in mkdocs.yml for the published site).
        (out_dir / "404.html").unlink(missing_ok=True)


def edition_config(
    root: Path, edition: RenderedEdition, docs_dir: Path, out_dir: Path
) -> dict[str, Any]:
    config_file = project_file(root, "mkdocs.yml")
    base: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    theme = dict(base.get("theme", {}))
    if "custom_dir" in theme:
        theme["custom_dir"] = str((config_file.parent / theme["custom_dir"]).resolve())
    extra = dict(base.get("extra", {}))
    extra["stand"] = {
        "publisher": edition.publisher,
        "year": edition.year,
        "published_label": f"Editie {edition.year}",
        "published": edition.published,
        "licence": edition.licence,
        "concept": edition.concept,
    }
    return {
        **base,
        "site_name": edition.title,
        "docs_dir": str(docs_dir.resolve()),
        "site_dir": str(out_dir.resolve()),
        "theme": theme,
        "nav": [nav_entry(item) for item in edition.nav],
        "hooks": [str(HOOKS)],
        "site_url": f"{base['site_url'].rstrip('/')}/{edition.year}/"
        if base.get("site_url")
        else None,
        "extra": extra,
        "strict": True,
    }


def nav_entry(item: NavItem) -> Any:
    if item.children:
        return {item.title: [nav_entry(child) for child in item.children]}
    return {item.title: item.src}


def index_search(edition_dir: Path) -> None:
    """Pagefind: Dutch stemming (from lang="nl"), section-level results, filters."""
    command = [sys.executable, "-m", "pagefind", "--site", str(edition_dir), "--silent"]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PAGEFIND_SITE": str(edition_dir)},
    )
    if result.returncode != 0:
        raise PublishError(f"de zoekindex kon niet gemaakt worden: {result.stderr.strip()}")


def write_entry_points(
    staging: Path,
    editions: list[RenderedEdition],
    published: list[int],
    root_files: dict[str, str],
) -> None:
    """site/ leads to the newest published edition, and site/latest/<page>/ to that page of
    it, for every page; versions.json (mike's format) lists the published editions, newest
    first; root_files (edities.json) are written beside them."""
    titles = {e.year: e.title for e in editions}
    for name, text in root_files.items():
        (staging / name).write_text(text, encoding="utf-8")
    if not published:
        newest = max(titles)
        write_redirect(staging / "index.html", f"{newest}/", titles[newest])
        return
    newest = max(published)
    write_redirect(staging / "index.html", f"{newest}/", titles[newest])
    newest_edition = next(e for e in editions if e.year == newest)
    for page in newest_edition.pages:
        path = staging / "latest" / page.url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        target = relative(page.url, f"../{newest}/{page.url}")
        write_redirect(path, target, titles[newest])
    versions = [
        {"version": str(y), "title": str(y), "aliases": ["latest"] if y == newest else []}
        for y in sorted(published, reverse=True)
    ]
    (staging / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")


def write_redirect(path: Path, target: str, title: str) -> None:
    path.write_text(
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n</head>\n<body>\n'
        f'<p><a href="{target}">Naar de nieuwste editie: {title}</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )

"""Stage 5: write each edition as an mkdocs project, build it, index it, swap into site/.

mkdocs itself is reached through mkdocs_runner.py (the seam) and the hook file it loads; this
module writes the config that seam builds from. site/ changes only when the whole build
succeeded.
"""

import contextlib
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from builder.content.fingerprint import package_version
from builder.content.layout import CONTENT
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.messages import build_text, os_error_reason
from builder.publish import browser, mkdocs_runner, not_found, pdf, recycle, search_order
from builder.publish.manifest import STAMP_FILE, intact, write_stamp
from builder.publish.mkdocs_runner import MkdocsError, PdfLinkPage, run_mkdocs, write_page
from builder.publish.not_found import write_not_found
from builder.publish.search_order import stabilise_filters
from builder.publish.swap import swap_into_place
from builder.publish.target import (
    MARKER_TEXT,
    SITE_MARKER,
    Target,
    TargetError,
    link_or_copy,
    one_build_at_a_time,
    refusal,
)
from builder.site.edition_meta import file_size_label
from builder.site.rendered import EditionOutline, NavItem, RenderedEdition
from builder.site.urls import relative

HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


TOOL_ROOT = Path(__file__).resolve().parents[2]
MAX_WORKERS = 2  # the build machine's cores; more processes would only add memory


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


FINGERPRINT_FILE = STAMP_FILE  # the first line of an edition's stamp


def fingerprint(root: Path, edition: RenderedEdition, tools: str) -> str:
    """Everything that decides an edition's output: the edition as rendered (every field),
    `tools` (the digest of the theme and tool versions, the same for every edition) and the
    bytes of its logo, which publish copies in (the rendered edition names only its path)."""
    digest = hashlib.sha256(f"{tools}\0{edition.digest}".encode())
    if edition.imprint.logo is not None:
        with contextlib.suppress(OSError):  # a logo that cannot be read fails build_edition
            digest.update((root / CONTENT / edition.imprint.logo).read_bytes())
    return digest.hexdigest()


def tool_inputs(root: Path) -> str:
    """The digest of what makes every edition besides its own content: mkdocs.yml, the theme,
    this stage's code and the tool versions. Taken once per build, not once per edition."""
    digest = hashlib.sha256()
    theme_dir = project_file(root, "themes") / "material"
    inputs = [
        project_file(root, "mkdocs.yml"),
        HOOKS,
        Path(__file__),
        Path(pdf.__file__),
        Path(browser.__file__),
        Path(search_order.__file__),
        Path(mkdocs_runner.__file__),  # how a page is written for mkdocs, the home page's PDF link
        Path(not_found.__file__),
        *sorted(p for p in theme_dir.rglob("*") if p.is_file()),
    ]
    for path in inputs:
        digest.update(path.read_bytes())
    for package in ("mkdocs", "mkdocs-material", "pagefind-bin"):
        digest.update(f"{package}={package_version(package)}".encode())
    digest.update(f"pdf={pdf.engine()}".encode())  # a PDF appears once Chromium is there
    return digest.hexdigest()


def _reuse(current: Path, out_dir: Path, print_: str) -> bool:
    if not intact(current, print_, signed=False):
        return False
    shutil.copytree(current, out_dir, copy_function=link_or_copy, symlinks=True)
    return True


RootFiles = Callable[[list[EditionOutline]], dict[str, str]]


def publish(
    root: Path,
    editions: Iterable[RenderedEdition],
    site_dir: Path,
    published: list[int],
    verify: Callable[[Path, list[Path]], None] = lambda staging, built: None,
    root_files: RootFiles = lambda outlines: {},
) -> Published:
    """Build every edition into a staging tree next to site_dir, then swap it in in one step.

    `editions` may be rendered as they are taken (builder.site.render.render): each is made,
    or handed to a worker, before the next is taken, and only its outline is kept. An edition
    whose fingerprint equals the one in the recycled tree (recycle.py) stays there; else, if it
    equals the one in site_dir, it is carried over as hard links. Either way its files keep
    their bytes and mtimes, so a frozen edition is never rewritten. `root_files`
    (edities.json) are made from the outlines and written at the site root. One build at a
    time; a refused target is left alone.
    """
    target = Target.at(site_dir)
    work = root / BUILD_DIR
    try:
        if (unsafe := work_dir_refusal(root)) is not None:
            raise TargetError(unsafe)
        with one_build_at_a_time(work, target.path.parent):
            reason = refusal(root, target.path)
            if reason is not None:
                raise TargetError(reason)
            target.remove_leftovers()
            return _publish(root, editions, target, published, verify, root_files)
    except TargetError as problem:
        raise PublishError(str(problem)) from None


def _publish(
    root: Path,
    editions: Iterable[RenderedEdition],
    target: Target,
    published: list[int],
    verify: Callable[[Path, list[Path]], None],
    root_files: RootFiles,
) -> Published:
    staging, work = target.staging, root / BUILD_DIR
    recycled = work / recycle.RECYCLED
    recycle.stage_in(recycled, staging)
    try:
        outlines: list[EditionOutline] = []
        reused = []
        tools = tool_inputs(root)
        with EditionMaker(root, work, staging) as maker:
            for edition in editions:
                outlines.append(edition.outline())
                print_ = fingerprint(root, edition, tools)
                out_dir = staging / str(edition.year)
                kept = recycle.keep(out_dir, print_)  # as the build before last left it
                if kept or _reuse(target.path / out_dir.name, out_dir, print_):
                    reused.append(edition.year)
                else:
                    maker.make(edition, print_)
                del edition  # not held while the next edition is rendered
            notes = maker.finish()
        recycle.prune(staging, {str(e.year) for e in outlines})
        write_entry_points(staging, outlines, published, root_files(outlines))
        (staging / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        built = [staging / str(e.year) for e in outlines if e.year not in reused]
        verify(staging, [*built, *(p for p in staging.iterdir() if p.is_file())])
        swap_into_place(staging, target.path, target.previous, recycled)
    except BaseException:
        # A failed build (a full disk, a broken step, Ctrl-C) leaves no half site behind.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(len(e.pages) for e in outlines)
    return Published(target.path, pages, reused, [e.year for e in outlines], notes)


Job = tuple[Path, RenderedEdition, Path, Path, str]  # the arguments of make_edition


class EditionMaker:
    """Makes the changed editions as they come, holding as few rendered editions as it can.

    Editions are independent (each its own docs dir, output dir and mkdocs config), so on a
    machine with more than one core they are made in worker processes: mkdocs and the Pagefind
    indexer use one core each. An edition waits until a worker is free, so the build holds at
    most one rendered edition per worker plus the one being rendered. A lone changed edition
    (one edit) is made in this process: starting workers would cost more than it saves.
    """

    def __init__(self, root: Path, work: Path, staging: Path) -> None:
        self.root, self.work, self.staging = root, work, staging
        self.workers = min(os.cpu_count() or 1, MAX_WORKERS)
        self.first: Job | None = None  # kept back until a second edition needs making
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[list[str]]] = []
        self.notes: list[str] = []  # of the editions made in this process

    def __enter__(self) -> "EditionMaker":
        # Chromium boots while the editions are rendered and the unchanged ones carried over:
        # what this process makes (a lone changed edition) prints without waiting for it.
        pdf.start_browser()
        return self

    def __exit__(self, *failure: object) -> None:
        if self.pool is not None:  # waits for running workers: they write into staging
            self.pool.shutdown(wait=True, cancel_futures=True)
        browser.close_browser()  # this process's; a worker's closes as the worker exits

    def make(self, edition: RenderedEdition, print_: str) -> None:
        job = (self.root, edition, self.work, self.staging / str(edition.year), print_)
        if self.workers < 2:
            self.notes += make_edition(*job)
        elif self.pool is None and self.first is None:
            self.first = job
        else:
            self._submit(job)

    def finish(self) -> list[str]:
        """Dutch notes for the editor, in the order the editions came; raises the first
        failure."""
        if self.first is not None:
            self.notes += make_edition(*self.first)
            self.first = None
        return self.notes + [note for future in self.futures for note in future.result()]

    def _submit(self, job: Job) -> None:
        if self.pool is None:
            browser.close_browser()  # the workers print, each with its own
            # spawn, not fork: `stand serve` builds from a process with server threads
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        jobs = [job] if self.first is None else [self.first, job]  # in the order they came
        self.first = None
        for one in jobs:
            running = [future for future in self.futures if not future.done()]
            while len(running) >= self.workers:
                running = list(wait(running, return_when=FIRST_COMPLETED).not_done)
            self.futures.append(self.pool.submit(make_edition, *one))


def make_edition(
    root: Path, edition: RenderedEdition, work: Path, out_dir: Path, print_: str
) -> list[str]:
    """mkdocs, PDF and search index for one edition; returns Dutch notes for the editor."""
    pdf.start_browser()  # in a worker: boots while mkdocs builds, kept for its next edition
    home = build_edition(root, edition, work / f"docs-{edition.year}", out_dir)
    cached = pdf.cache_entry(out_dir, edition.year, edition.source_date, work / "pdf")
    # Pagefind indexes while Chromium prints: two processes on what mkdocs wrote, neither
    # reading what the other writes (the home page gets its PDF link after both; the link is
    # left out of the search index, so the index is the same with or without a PDF). The
    # printing stays in this thread: the browser dies with the thread that started it.
    with ThreadPoolExecutor(max_workers=1) as indexer:
        indexing = indexer.submit(index_search, out_dir)
        made = print_edition_pdf(edition, out_dir, cached)
        indexing.result()
    stabilise_filters(out_dir / "pagefind")
    if made is not None and home is not None:
        home.write_with_link(file_size_label(made.stat().st_size))
    write_stamp(out_dir, print_)
    return [] if made else [pdf.missing_note(edition.year)]


def print_edition_pdf(edition: RenderedEdition, out_dir: Path, cached: Path | None) -> Path | None:
    """The edition's afdrukken/ page as PDF (unless printed before); None without Chromium."""
    try:
        return pdf.print_pdf_cached(
            out_dir, edition.year, edition.source_date, edition.print_parts, cached
        )
    except pdf.PdfError as problem:
        raise PublishError(str(problem)) from problem


LOGO_PATH = "assets/logo.svg"  # inside an edition's docs dir


def build_edition(
    root: Path, edition: RenderedEdition, docs_dir: Path, out_dir: Path
) -> PdfLinkPage | None:
    """mkdocs for one edition; the page that links the PDF, written as yet without the link."""
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    for page in edition.pages:
        write_page(docs_dir, page)
    for relative_path, text in edition.files.items():
        path = docs_dir / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if edition.imprint.logo is not None:
        # checked by `stand check` (editie.logo-ontbreekt); copied, never inlined: an <img>
        # does not run an SVG's scripts
        logo = root / CONTENT / edition.imprint.logo
        try:
            (docs_dir / LOGO_PATH).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(logo, docs_dir / LOGO_PATH)
        except OSError as problem:
            missing = build_text(
                "build.logo", logo=edition.imprint.logo, reason=os_error_reason(problem)
            )
            raise PublishError(missing) from problem
    config = edition_config(root, edition, docs_dir, out_dir)
    config_path = docs_dir.parent / f"mkdocs-{edition.year}.yml"
    try:
        home = run_mkdocs(config, config_path, edition.year, edition.source_date)
    except MkdocsError as problem:
        raise PublishError(str(problem)) from problem
    # Material's 404 page links from the site root, which works only with a known site_url;
    # ours is the edition's niet-gevonden/ page with a <base> (not_found.py).
    write_not_found(out_dir)
    return home


def edition_config(
    root: Path, edition: RenderedEdition, docs_dir: Path, out_dir: Path
) -> dict[str, Any]:
    config_file = project_file(root, "mkdocs.yml")
    # the project's own mkdocs.yml (maintainers' file, not content): the C safe loader
    base: dict[str, Any] = yaml.load(config_file.read_text(encoding="utf-8"), yaml.CSafeLoader)
    theme = dict(base.get("theme", {}))
    if "custom_dir" in theme:
        theme["custom_dir"] = str((config_file.parent / theme["custom_dir"]).resolve())
    extra = dict(base.get("extra", {}))
    imprint = edition.imprint
    if imprint.logo is not None:
        theme["logo"] = LOGO_PATH
    extra["stand"] = {
        "publisher": edition.publisher,
        "email": imprint.email,
        "website": imprint.website,
        "original": imprint.original,
        "logo": LOGO_PATH if imprint.logo else None,
        "year": edition.year,
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
        raise PublishError(build_text("build.zoekindex", problem=result.stderr.strip()))


def write_entry_points(
    staging: Path,
    editions: list[EditionOutline],
    published: list[int],
    root_files: dict[str, str],
) -> None:
    """site/ leads to the newest published edition, and site/latest/<page>/ to that page of
    it, for every page; versions.json (mike's format) lists the published editions, newest
    first; root_files (edities.json) are written beside them."""
    titles = {e.year: e.title for e in editions}
    for name, text in root_files.items():
        (staging / name).write_text(text, encoding="utf-8")
    newest = max(published) if published else max(titles)
    write_redirect(staging / "index.html", f"{newest}/", titles[newest])
    # the web server's 404 page for the whole site: the newest edition's (not_found.py)
    shutil.copyfile(staging / str(newest) / "404.html", staging / "404.html")
    if not published:
        return
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


TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def write_redirect(path: Path, target: str, title: str) -> None:
    html = TEMPLATES.get_template("redirect.html").render(target=target, title=title)
    path.write_text(html, encoding="utf-8")

"""Stage 5: write each edition as an mkdocs project, build it, index it, swap into site/.

mkdocs itself is reached through mkdocs_runner.py (the seam) and the hook file it loads; this
module writes the config that seam builds from. The new site goes live once every edition's
pages, search index and links are right; a PDF that must be printed anew follows it
(EditionMaker.finish_pdfs). When anything fails, site/ is as it was before the build.
"""

import contextlib
import hashlib
import json
import multiprocessing
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    as_completed,
    wait,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import escape

from builder.content.fingerprint import package_version
from builder.content.layout import CONTENT
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.messages import build_text, os_error_reason
from builder.publish import browser, mkdocs_runner, not_found, pdf, recycle, search_order
from builder.publish.manifest import STAMP_FILE, intact, write_stamp
from builder.publish.mkdocs_runner import MkdocsError, PdfLinkPage, run_mkdocs, write_page
from builder.publish.not_found import write_not_found
from builder.publish.search_order import stabilise_filters
from builder.publish.swap import put_back, swap_into_place
from builder.publish.target import (
    MARKER_TEXT,
    SITE_MARKER,
    Target,
    TargetError,
    link_or_copy,
    one_build_at_a_time,
    refusal,
)
from builder.publish.whole_file import replace_file
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
    live_at: float = 0.0  # time.monotonic() when the new site went live, before its new PDFs


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
    """Build every edition into a staging tree next to site_dir, swap it in in one step, then
    print the PDFs that are new (finish_pdfs).

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
    live, previous = False, None
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
            notes, pending = maker.finish()
            recycle.prune(staging, {str(e.year) for e in outlines})
            write_entry_points(staging, outlines, published, root_files(outlines))
            (staging / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            built = [staging / str(e.year) for e in outlines if e.year not in reused]
            verify(staging, [*built, *(p for p in staging.iterdir() if p.is_file())])
            previous = swap_into_place(staging, target.path, target.previous)
            live, live_at = True, time.monotonic()
            maker.finish_pdfs(pending, target.path)
    except BaseException:
        # A failed build (a full disk, a broken step, Ctrl-C) leaves no half site behind, and
        # one that failed on a PDF after its site went live puts the previous site back
        # (kept next to the target until then). Workers never write into the live site.
        failed = staging
        if live:
            spare = target.previous if previous == staging else staging
            failed = put_back(previous, target.path, spare)
        shutil.rmtree(failed, ignore_errors=True)
        raise
    if previous is not None:
        recycle.set_aside(previous, recycled)
    pages = sum(len(e.pages) for e in outlines)
    return Published(target.path, pages, reused, [e.year for e in outlines], notes, live_at)


Job = tuple[Path, RenderedEdition, Path, Path, str]  # the arguments of make_edition


@dataclass(frozen=True)
class PendingPdf:
    """An edition that goes live before its PDF: the PDF is an extra to the HTML (reader
    requirement E1) and printing it takes seconds, which a content edit should not wait for.
    EditionMaker.finish_pdfs prints it after the swap; until place_pdf stamps the edition, the
    next build makes the edition anew."""

    year: int
    source_date: int
    parts: list[str]  # the print page's parts, in order (pdf.print_pdf)
    cached: Path  # where the PDF cache keeps it (pdf.cache_entry)
    fingerprint: str  # the edition's, for its stamp
    home: Path | None  # the page that links the PDF, in the edition
    home_html: bytes  # that page with its link, the PDF's size still `token`
    token: str


@dataclass(frozen=True)
class MadeEdition:
    notes: list[str]  # Dutch, for the editor
    pending: PendingPdf | None = None


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
        self.futures: list[Future[MadeEdition]] = []
        self.made: list[MadeEdition] = []  # in this process

    def __enter__(self) -> "EditionMaker":
        # Chromium boots while the editions are rendered and the unchanged ones carried over:
        # what this process makes (a lone changed edition) prints without waiting for it.
        pdf.start_browser()
        for left in self.work.glob(f"{PRINT_COPY}*"):  # by a build killed while it printed
            shutil.rmtree(left, ignore_errors=True)
        return self

    def __exit__(self, *failure: object) -> None:
        if self.pool is not None:  # waits for running workers: they write into staging
            self.pool.shutdown(wait=True, cancel_futures=True)
        browser.close_browser()  # this process's; a worker's closes as the worker exits

    def make(self, edition: RenderedEdition, print_: str) -> None:
        job = (self.root, edition, self.work, self.staging / str(edition.year), print_)
        if self.workers < 2:
            self.made.append(make_edition(*job))
        elif self.pool is None and self.first is None:
            self.first = job
        else:
            self._submit(job)

    def finish(self) -> tuple[list[str], list[PendingPdf]]:
        """Dutch notes for the editor, in the order the editions came, and the PDFs still to
        print; raises the first failure."""
        if self.first is not None:
            self.made.append(make_edition(*self.first))
            self.first = None
        made = self.made + [future.result() for future in self.futures]
        notes = [note for edition in made for note in edition.notes]
        return notes, [edition.pending for edition in made if edition.pending is not None]

    def finish_pdfs(self, pending: list[PendingPdf], site: Path) -> None:
        """Print the PDFs of editions that are live already, in the workers where there are
        any (each has its Chromium), else in this process, and put each in as it is done.
        Only this process writes into the live site: a worker still printing when a failure
        puts the previous site back writes into its copy in the work dir only."""
        try:
            if self.pool is None:
                for one in pending:
                    place_pdf(one, site, print_pending(one, site, self.work))
                return
            pool, work = self.pool, self.work
            jobs = {pool.submit(print_pending, one, site, work): one for one in pending}
            for job in as_completed(jobs):
                place_pdf(jobs[job], site, job.result())
        finally:
            for one in pending:
                shutil.rmtree(print_copy(self.work, one.year), ignore_errors=True)

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
) -> MadeEdition:
    """mkdocs and search index for one edition, and its PDF when one was printed of the same
    print page before; else what finish_pdfs needs to print it once the site is live."""
    home = build_edition(root, edition, work / f"docs-{edition.year}", out_dir)
    # the PDF cache's key first: Pagefind writes non-HTML files (the link to the PDF is left
    # out of the search index, so the index is the same with or without a PDF)
    cached = pdf.cache_entry(out_dir, edition.year, edition.source_date, work / "pdf")
    index_search(out_dir)
    stabilise_filters(out_dir / "pagefind")
    if cached is None:
        write_stamp(out_dir, print_)
        return MadeEdition([pdf.missing_note(edition.year)])
    token = f"stand-pdf-grootte-{secrets.token_hex(16)}"  # nothing in the content can be it
    home_html = b"" if home is None else home.with_link(token)
    if home is not None and token.encode() not in home_html:
        raise PublishError(build_text("pdf.grootte-ontbreekt", year=edition.year))
    pending = PendingPdf(
        edition.year,
        edition.source_date,
        list(edition.print_parts),
        cached,
        print_,
        None if home is None else home.path.relative_to(out_dir.resolve()),
        home_html,
        token,
    )
    if not cached.is_file():
        return MadeEdition([], pending)
    place_pdf(pending, out_dir.parent, edition_pdf(pending, out_dir))
    return MadeEdition([])


PRINT_COPY = "afdruk-"  # + year, in the work dir


def print_copy(work: Path, year: int) -> Path:
    return work / f"{PRINT_COPY}{year}"


def print_pending(pending: PendingPdf, site: Path, work: Path) -> Path:
    """The PDF of a live edition, printed in a copy of it in hard links in the work dir
    (printing replaces its page-number stylesheet: pdf.print_pdf), without the search
    index, which a print with scripts off never loads. Writes nothing into the site."""
    edition_dir, copy = site / str(pending.year), print_copy(work, pending.year)
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(
        edition_dir,
        copy,
        copy_function=link_or_copy,
        symlinks=True,
        ignore=lambda folder, names: ["pagefind"] if Path(folder) == edition_dir else [],
    )
    return edition_pdf(pending, copy)


def edition_pdf(pending: PendingPdf, out_dir: Path) -> Path:
    """The edition's afdrukken/ page as PDF, or the one printed of it before."""
    try:
        made = pdf.print_pdf_cached(
            out_dir, pending.year, pending.source_date, pending.parts, pending.cached
        )
    except pdf.PdfError as problem:
        raise PublishError(str(problem)) from problem
    if made is None:  # Chromium was there when the cache was asked
        raise PublishError(pdf.missing_note(pending.year))
    return made


def place_pdf(pending: PendingPdf, site: Path, made: Path) -> None:
    """The PDF into its edition in site, the link to it into its page, then the stamp; each
    file replaced whole, so a reader never gets half of one, nor a link to a missing PDF."""
    edition_dir = site / str(pending.year)
    placed = edition_dir / made.name
    if made != placed:
        replace_file(placed, lambda partial: link_or_copy(str(made), str(partial)))
    if pending.home is not None:
        # the page as the theme rendered it, with the size (text, escaped) in place of the token
        size = str(escape(file_size_label(placed.stat().st_size))).encode()
        html = pending.home_html.replace(pending.token.encode(), size)
        replace_file(edition_dir / pending.home, lambda partial: partial.write_bytes(html))
    write_stamp(edition_dir, pending.fingerprint)


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

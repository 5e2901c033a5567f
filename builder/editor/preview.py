"""The preview build behind `stand serve`: `stand build --concept`, made fast enough for every save.

What it leaves out, compared with the publish stage: the Pagefind search index, the PDF and the
link check of the built site. And mkdocs builds incrementally ("dirty"): only pages whose
Markdown changed are rendered again, unless the navigation, mkdocs.yml or the theme changed.
The site in the served dir changes only after a build succeeded, file by file.
"""

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from builder.content.workdir import BUILD_DIR
from builder.errors import ContentError
from builder.messages import build_text
from builder.pipeline import check
from builder.publish.mkdocs_runner import MkdocsError, page_text, run_mkdocs
from builder.publish.not_found import write_not_found
from builder.publish.publish import (
    HOOKS,
    PublishError,
    edition_config,
    project_file,
    write_entry_points,
)
from builder.site.editions_view import EDITIONS_FILE, editions_file
from builder.site.page_memo import PageMemo
from builder.site.render import render
from builder.site.rendered import EditionOutline, RenderedEdition, RenderedPage
from builder.site.template_cache import TEMPLATES_DIR

PREVIEW_DIR = Path(BUILD_DIR) / "voorbeeld"  # what the server serves
WORK_DIR = Path(BUILD_DIR) / "voorbeeld-werk"  # mkdocs' docs and site dirs, kept between builds
PREVIEW_HOOKS = Path(__file__).with_name("preview_hooks.py")
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass(frozen=True)
class PreviewBuild:
    errors: list[ContentError]
    file_count: int
    updated: bool = False  # the served site changed to this build
    failure: str | None = None  # Dutch: why the site could not be built, apart from content
    seconds: float = 0.0
    pages: int = 0  # pages mkdocs rendered again


class _NoDirtyWarning(logging.Filter):
    """mkdocs warns on every dirty build; in strict mode that warning would abort it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


NO_DIRTY_WARNING = _NoDirtyWarning()


@dataclass
class Preview:
    root: Path
    served: Path = field(init=False)
    work: Path = field(init=False)
    _layouts: dict[int, str] = field(default_factory=dict)  # year -> what every page depends on
    # docs file -> the page (or open-data text) last written there, and its text
    _docs: dict[Path, tuple["RenderedPage | str", str]] = field(default_factory=dict)
    # pages rendered in earlier builds, reused while nothing they show changed
    _pages: PageMemo = field(default_factory=PageMemo)
    _entry_points: object = None  # what the site root's files were last written from

    def __post_init__(self) -> None:
        self.served = self.root / PREVIEW_DIR
        self.work = self.root / WORK_DIR
        logging.getLogger("mkdocs.commands.build").addFilter(NO_DIRTY_WARNING)  # idempotent

    def build(self) -> PreviewBuild:
        start = time.perf_counter()
        result = check(self.root)
        if result.library is None:
            return PreviewBuild(result.errors, result.file_count)
        try:
            editions = list(
                render(
                    result.library,
                    project_file(self.root, "themes"),
                    glossary=result.glossary,
                    memo=self._pages,
                    compiled=self.work / TEMPLATES_DIR,
                )
            )
            pages = sum(self._build_edition(edition) for edition in editions)
            outlines = [edition.outline() for edition in editions]
            self._write_entry_points(outlines, editions_file(outlines, result.library))
            mirror(self.work / "site", self.served)
        except Exception as problem:  # a broken theme or template must not stop the server
            self._layouts.clear()  # the work dir may be half built: rebuild everything next time
            self._entry_points = None
            return PreviewBuild(result.errors, result.file_count, failure=describe(problem))
        seconds = time.perf_counter() - start
        return PreviewBuild(result.errors, result.file_count, True, None, seconds, pages)

    def _build_edition(self, edition: RenderedEdition) -> int:
        """mkdocs for one edition; the number of pages it rendered again (0: nothing changed)."""
        docs_dir = self.work / f"docs-{edition.year}"
        out_dir = self.work / "site" / str(edition.year)
        changed = self._write_docs(docs_dir, edition)
        config = edition_config(self.root, edition, docs_dir, out_dir)
        config["hooks"] = [*config["hooks"], str(PREVIEW_HOOKS)]
        layout = self._layout(edition, config)
        full = self._layouts.get(edition.year) != layout or not out_dir.is_dir()
        if not full and not changed:
            return 0
        config_path = self.work / f"mkdocs-{edition.year}.yml"
        try:
            run_mkdocs(config, config_path, edition.year, edition.source_date, dirty=not full)
        except MkdocsError as problem:
            raise PublishError(str(problem)) from None
        write_not_found(out_dir)
        self._layouts[edition.year] = layout
        return len(edition.pages) if full else changed

    def _write_docs(self, docs_dir: Path, edition: RenderedEdition) -> int:
        """Write the pages whose text changed (their mtime tells mkdocs); remove stale ones."""
        wanted: dict[Path, RenderedPage | str] = {docs_dir / p.src: p for p in edition.pages}
        wanted.update({docs_dir / path: text for path, text in edition.files.items()})
        changed = 0
        for path, item in wanted.items():
            before = self._docs.get(path)
            if before is not None and before[0] == item:
                continue  # the same page as last time: no need to serialise it again
            text = item if isinstance(item, str) else page_text(item)
            unchanged = before[1] == text if before is not None else _holds(path, text)
            if not unchanged:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                changed += 1
            self._docs[path] = (item, text)
        for path in [p for p in docs_dir.rglob("*") if p.is_file() and p not in wanted]:
            path.unlink()
            self._docs.pop(path, None)
            changed += 1
        return changed

    def _layout(self, edition: RenderedEdition, config: dict[str, object]) -> str:
        """Everything besides a page's own text that shows on every page: nav, config, theme."""
        theme = project_file(self.root, "themes") / "material"
        stamps = [
            (str(p), p.stat().st_mtime_ns)
            for p in sorted([HOOKS, *theme.rglob("*")])
            if p.is_file()
        ]
        return repr((edition.title, edition.nav, sorted(config.items(), key=str), stamps))

    def _write_entry_points(self, editions: list[EditionOutline], editions_json: str) -> None:
        """The site root's files, when what they are made of changed: after most saves they
        stay as they are, and mirror need not copy a redirect for every page of latest/."""
        site = self.work / "site"
        newest_404 = site / str(max(e.year for e in editions)) / "404.html"
        made_of = (editions, editions_json, newest_404.read_bytes())
        if made_of == self._entry_points and (site / "index.html").is_file():
            return  # (a work site removed while serving is built anew: so are these)
        for name in ("index.html", "versions.json"):
            (site / name).unlink(missing_ok=True)
        shutil.rmtree(site / "latest", ignore_errors=True)
        # Concept editions count as published here, so the preview opens on the newest one.
        years = [e.year for e in editions]
        write_entry_points(site, editions, years, {EDITIONS_FILE: editions_json})
        self._entry_points = made_of


def describe(problem: Exception) -> str:
    """A failure outside the content, for the terminal and the overlay (mostly for developers)."""
    if isinstance(problem, PublishError):
        return str(problem)
    if isinstance(problem, jinja2.TemplateSyntaxError):
        where = problem.filename or problem.name or "?"
        return build_text(
            "voorbeeld.sjabloon", where=where, line=problem.lineno, message=problem.message
        )
    return f"{type(problem).__name__}: {problem}"


def mirror(source: Path, target: Path) -> int:
    """Make `target` a copy of `source`, copying only changed files, each replaced in one step."""
    copied = 0
    present = set()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        present.add(relative)
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        if _same_file(path, destination):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".stand-tijdelijk")
        shutil.copy2(path, partial)
        os.replace(partial, destination)
        copied += 1
    for path in sorted(target.rglob("*"), reverse=True):  # children before their folders
        if path.relative_to(target) not in present:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    return copied


def _same_file(a: Path, b: Path) -> bool:
    try:
        first, second = a.stat(), b.stat()
    except FileNotFoundError:
        return False
    return first.st_size == second.st_size and first.st_mtime_ns == second.st_mtime_ns


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False

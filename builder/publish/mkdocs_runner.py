"""The one seam to mkdocs: how a page becomes a docs file, one mkdocs build, and the page
that links the PDF written again once the PDF exists.

Only this module and the hook files mkdocs loads (mkdocs_hooks.py, editor/preview_hooks.py)
touch mkdocs. Publish and the preview (`stand serve`) write pages with the same `page_text`,
so a page looks the same in both (the `hide:` meta of wide pages included).
"""

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from builder.messages import build_text
from builder.site.rendered import RenderedPage
from builder.site.urls import NOT_FOUND_URL

SOURCE_DATE = "SOURCE_DATE_EPOCH"


class MkdocsError(Exception):
    """mkdocs could not build an edition; the message is Dutch."""


def page_text(page: RenderedPage) -> str:
    """A page as mkdocs reads it: meta in the YAML block, then our finished HTML."""
    meta: dict[str, Any] = {
        "title": page.title,
        "toc": [asdict(entry) for entry in page.toc],
        "head": asdict(page.head) if page.head is not None else {},
        # breadcrumbs and previous/next, shown by themes/material/main.html
        "kruimelpad": [asdict(crumb) for crumb in page.trail],
        "vorige": asdict(page.previous) if page.previous else None,
        "volgende": asdict(page.next) if page.next else None,
    }
    if page.url == NOT_FOUND_URL:
        meta["niet_gevonden"] = True  # its <base> (themes/material/main.html), for 404.html
    if page.wide:
        meta["hide"] = ["navigation", "toc"]  # mkdocs-material's page-level switch
    if page.pdf is not None:  # the link goes between this and the rest (partials/content.html)
        meta["pdf"] = {"url": page.pdf.url, "rest": page.pdf.after}
    front = yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=True)
    return f"---\n{front}---\n{page.html}"


def write_page(docs_dir: Path, page: RenderedPage) -> None:
    path = docs_dir / page.src
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_text(page), encoding="utf-8")


@contextmanager
def source_date(epoch: int) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for one build (mkdocs dates its sitemap with it), restored after."""
    before = os.environ.get(SOURCE_DATE)
    os.environ[SOURCE_DATE] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SOURCE_DATE, None)
        else:
            os.environ[SOURCE_DATE] = before


@dataclass
class PdfLinkPage:
    """The page that links the PDF (the edition home) as mkdocs made it: written first without
    the link, because the PDF is printed from the pages mkdocs writes; rendered again with the
    link, which publish writes once the PDF, and so its size, exists."""

    env: jinja2.Environment  # the theme's, as the build set it up (mkdocs_hooks.on_env)
    context: dict[str, Any]  # what the theme rendered the page from
    page: Any  # mkdocs' Page

    @property
    def path(self) -> Path:
        return Path(self.page.file.abs_dest_path)

    def with_link(self, size: str) -> bytes:
        """The page with its PDF link, the PDF's size given as `size`."""
        template = self.env.get_template(self.page.meta.get("template", "main.html"))
        self.context["stand_pdf"] = {"size": size}
        self.page.active = True  # as mkdocs renders it: the menu marks the page as current
        try:
            html = template.render(self.context)
        finally:
            self.page.active = False
        return html.encode("utf-8", errors="xmlcharrefreplace")


@dataclass
class BuildState:
    """What the hooks (mkdocs_hooks.py) keep of the build run_mkdocs is running."""

    env: jinja2.Environment | None = None
    pdf_page: PdfLinkPage | None = None


BUILD: ContextVar[BuildState | None] = ContextVar("stand_mkdocs_build", default=None)


def run_mkdocs(
    config: dict[str, Any], config_path: Path, year: int, epoch: int, dirty: bool = False
) -> PdfLinkPage | None:
    """Build one edition from its config (written to `config_path` for mkdocs to read); the
    page that links the PDF, if mkdocs wrote it, to write again once the PDF exists."""
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    state = BuildState()
    running = BUILD.set(state)
    try:
        with source_date(epoch):
            mkdocs_build(load_config(str(config_path)), dirty=dirty)
    except (MkDocsException, OSError) as problem:
        raise MkdocsError(build_text("build.mkdocs", year=year, problem=problem)) from problem
    finally:
        BUILD.reset(running)
    return state.pdf_page

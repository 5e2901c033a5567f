"""mkdocs hooks: serve stand's pre-rendered HTML as the page content (no Python-Markdown).

The render stage already turned every body into HTML with markdown-it-py; this keeps one
Markdown dialect. mkdocs loads this file through `hooks:` in the generated config.

The theme's Jinja environment escapes every value (on_env): mkdocs makes it without
autoescape, and the theme prints titles, the site name and `extra` values that come from
the editors' YAML. What is HTML already (the page body, the toc titles taken from it) is
handed over as Markup, so it is the one thing printed as is.

The home page links the PDF, which does not exist yet when mkdocs writes it: it is written
without the link, and kept to be written again with it (mkdocs_runner.PdfLinkPage).
"""

import re
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
from markupsafe import Markup
from mkdocs.structure.toc import get_toc

from builder.publish.mkdocs_runner import BUILD, PdfLinkPage
from builder.site.template_cache import TEMPLATES_DIR, CompiledTemplates


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    env.autoescape = True  # before any template is loaded: templates compile with it
    env.add_extension(CheckboxesWithoutAutocomplete)
    # Compiled theme templates are kept for the next build, beside the config publish or the
    # preview wrote into its work folder: compiling them costs more than rendering an edition's
    # pages.
    env.bytecode_cache = CompiledTemplates.at(Path(config.config_file_path).parent / TEMPLATES_DIR)
    if (state := BUILD.get()) is not None:
        state.env = env
    return env


# Theme files no page loads: Material's own search (lunr and its languages; the site searches
# with Pagefind) and the source maps of its scripts and stylesheets (for debugging Material).
# They are half of what an edition holds, which every build copies, hashes and verifies.
UNUSED_THEME_FILES = re.compile(r"assets/(javascripts/lunr/.*|.*\.map)")


def on_files(files: Any, config: Any) -> Any:
    for file in list(files):
        if not file.is_documentation_page() and UNUSED_THEME_FILES.fullmatch(file.src_uri):
            files.remove(file)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    page.meta["stand_html"] = markdown
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    page.toc = get_toc(_html_names(page.meta.get("toc", [])))
    if "pdf" in page.meta:  # the page's HTML after its PDF link (partials/content.html)
        page.meta["pdf"]["rest"] = Markup(page.meta["pdf"]["rest"])
    return Markup(page.meta.pop("stand_html"))


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """The page that links the PDF is written without the link now and kept, to be written
    again with it once the PDF exists (mkdocs_runner.PdfLinkPage)."""
    state = BUILD.get()
    if "pdf" in page.meta and state is not None and state.env is not None:
        context["stand_pdf"] = None
        state.pdf_page = PdfLinkPage(state.env, context, page)
    return context


def _html_names(toc: list[dict[str, Any]]) -> list[Any]:
    """Toc titles are heading text from our rendered HTML (entities escaped): Markup."""
    return [
        {**entry, "name": Markup(entry["name"]), "children": _html_names(entry["children"])}
        for entry in toc
    ]


# The skip link and its target are in the theme (partials/header.html, main.html). Material's
# base.html writes its drawer and search checkboxes outside any block, with autocomplete="off",
# which HTML allows on text-like inputs only: the template loses that attribute as Jinja reads
# it (the Nu Html Checker test fails if a new theme writes them otherwise).
CHECKBOX = ' type="checkbox" id="__{}" autocomplete="off">'


class CheckboxesWithoutAutocomplete(jinja2.ext.Extension):
    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name != "base.html":
            return source
        for toggle in ("drawer", "search"):
            checkbox = CHECKBOX.format(toggle)
            source = source.replace(checkbox, checkbox.replace(' autocomplete="off"', ""), 1)
        return source

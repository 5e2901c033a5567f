"""mkdocs hooks: serve stand's pre-rendered HTML as the page content (no Python-Markdown).

The render stage already turned every body into HTML with markdown-it-py; this keeps one
Markdown dialect. mkdocs loads this file through `hooks:` in the generated config.

The theme's Jinja environment escapes every value (on_env): mkdocs makes it without
autoescape, and the theme prints titles, the site name and `extra` values that come from
the editors' YAML. What is HTML already (the page body, the toc titles taken from it) is
handed over as Markup, so it is the one thing printed as is.
"""

from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.structure.toc import get_toc

from builder.site.template_cache import TEMPLATES


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    env.autoescape = True  # before any template is loaded: templates compile with it
    # Compiled theme templates are kept for the next mkdocs build in this process (the other
    # editions of a build, the next build of `stand serve`): compiling them costs more than
    # rendering an edition's pages.
    env.bytecode_cache = TEMPLATES
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    page.meta["stand_html"] = markdown
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    page.toc = get_toc(_html_names(page.meta.get("toc", [])))
    return Markup(page.meta.pop("stand_html"))


def _html_names(toc: list[dict[str, Any]]) -> list[Any]:
    """Toc titles are heading text from our rendered HTML (entities escaped): Markup."""
    return [
        {**entry, "name": Markup(entry["name"]), "children": _html_names(entry["children"])}
        for entry in toc
    ]


# The skip link and its target are in the theme (partials/header.html, main.html). Material's
# base.html writes its drawer and search checkboxes outside any block, with autocomplete="off",
# which HTML allows on text-like inputs only: that one attribute is the page's only fix-up
# (the Nu Html Checker test fails if a new theme writes them otherwise).
CHECKBOX_AUTOCOMPLETE = ' type="checkbox" id="__{}" autocomplete="off">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    for name in ("drawer", "search"):
        fixed = CHECKBOX_AUTOCOMPLETE.format(name).replace(' autocomplete="off"', "")
        output = output.replace(CHECKBOX_AUTOCOMPLETE.format(name), fixed, 1)
    return output

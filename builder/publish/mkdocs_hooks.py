"""mkdocs hooks: serve stand's pre-rendered HTML as the page content (no Python-Markdown).

The render stage already turned every body into HTML with markdown-it-py; this keeps one
Markdown dialect. mkdocs loads this file through `hooks:` in the generated config.

The theme's Jinja environment escapes every value (on_env): mkdocs makes it without
autoescape, and the theme prints titles, the site name and `extra` values that come from
the editors' YAML. What is HTML already (the page body, the toc titles taken from it) is
handed over as Markup, so it is the one thing printed as is.
"""

import re
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    env.autoescape = True  # before any template is loaded: templates compile with it
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


# The header's fixes live in the theme (themes/material/partials/header.html). Material's
# base.html (no block to override) puts a skip link to the first toc heading, and
# none on a page without one; its drawer/search checkboxes carry autocomplete="off", which HTML
# allows on text-like inputs only. Both are fixed in the page HTML, so every page gets the same
# skip link to the start of its content (WCAG 2.4.1) and passes the Nu Html Checker.
SKIP_TARGET = "inhoud"
SKIP_LINK = Markup(
    '<div data-md-component="skip"><a href="#{}" class="md-skip">Direct naar de inhoud</a></div>'
).format(SKIP_TARGET)
SKIP_DIV = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
ARTICLE = '<article class="md-content__inner md-typeset">'
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')


def on_post_page(output: str, page: Any, config: Any) -> str:
    if ARTICLE not in output or not SKIP_DIV.search(output):
        raise PluginError(f"{page.file.src_uri}: Material's skip link or <article> not found")
    output = SKIP_DIV.sub(SKIP_LINK, output, count=1)
    output = output.replace(
        ARTICLE,
        Markup('<article id="{}" tabindex="-1" class="md-content__inner md-typeset">').format(
            SKIP_TARGET
        ),
        1,
    )
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)

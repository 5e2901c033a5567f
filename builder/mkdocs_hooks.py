"""mkdocs hooks: serve stand's pre-rendered HTML as the page content (no Python-Markdown).

The render stage already turned every body into HTML with markdown-it-py; this keeps one
Markdown dialect. mkdocs loads this file through `hooks:` in the generated config.
"""

from typing import Any

from mkdocs.structure.toc import get_toc


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    page.meta["stand_html"] = markdown
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    page.toc = get_toc(page.meta.get("toc", []))
    rendered: str = page.meta.pop("stand_html")
    return rendered

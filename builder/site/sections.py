"""Cut rendered bodies into parts: footnotes apart, h2 sections, and the page's toc."""

import re
from typing import Any

from markdown_it.token import Token

TAG = re.compile(r"<[^>]+>")


def split_footnotes(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    for index, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            return tokens[:index], tokens[index:]
    return tokens, []


def h2_sections(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    sections: list[tuple[str, list[Token]]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            sections.append((tokens[index + 1].content.strip(), []))
        if not sections:
            sections.append(("", []))
        sections[-1][1].append(token)
    return sections


HEADING = re.compile(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def toc_from_html(html: str) -> list[dict[str, Any]]:
    """mkdocs-style toc tokens from the h2/h3 headings (with ids) of a rendered page."""
    toc: list[dict[str, Any]] = []
    for level, anchor, inner in HEADING.findall(html):
        entry = {
            "level": int(level),
            "id": anchor,
            "name": TAG.sub("", inner).strip(),
            "children": [],
        }
        if level == "3" and toc:
            toc[-1]["children"].append(entry)
        else:
            toc.append(entry)
    return toc

"""Check a Markdown body's structure: sections, footnotes, raw HTML, links and chart fences."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder.content.markdown import CHART_FENCE, footnote_labels
from builder.errors import ContentError
from builder.messages import make_error, quoted_list, suggest
from schema.speelveld import ELEMENTS

CASE_CONTEXT_SECTIONS = (
    "Rollen en verantwoordelijkheden van de gemeente",
    "Taken van de gemeente",
    "(Keten)partners van de gemeente",
)
ELEMENT_SECTIONS = tuple(info.name for info in ELEMENTS)
# `aanbeveling:` links to a recommendation's own page, `wat-is-nodig:` to it in its rode draad.
# Every scheme also reaches an earlier edition: `casus:2022/pim` (link.py, urls.py).
INTERNAL_SCHEMES = (
    "bron",
    "casus",
    "rode-draad",
    "knelpunt",
    "wat-is-nodig",
    "aanbeveling",
    "hoofdstuk",
)
EXTERNAL_SCHEMES = ("https", "http", "mailto")
UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# '_' is not allowed in URL schemes, but editors write `wat_is_nodig:` as the YAML key is
# spelled; matching it gives them "unknown scheme, did you mean" instead of "not allowed".
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+._-]*):")


@dataclass(frozen=True)
class Reference:
    """An internal link `scheme:target` in a body, resolved by the link stage."""

    scheme: str
    target: str
    href: str
    line: int
    footnote: str | None  # label of the footnote the link stands in, if any


@dataclass(frozen=True)
class Body:
    tokens: list[Token]
    env: dict[str, Any]
    line: int  # file line of the body's first line
    references: list[Reference]
    sections: list[str]  # h2 texts in order
    charts: list[tuple[str, int]]  # chart ids in ```grafiek fences, with their file line


def parse_body(md: MarkdownIt, text: str, first_line: int) -> Body:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    body = Body(tokens, env, first_line, [], [], [])
    footnote: str | None = None
    for index, (token, line) in enumerate(_blocks(tokens, first_line)):
        if token.type in ("footnote_open", "footnote_close"):
            footnote = token.meta["label"] if token.type == "footnote_open" else None
        elif token.type == "heading_open" and token.tag == "h2":
            body.sections.append(_heading_text(tokens, index))
        elif token.type == "fence" and token.info.strip() == CHART_FENCE:
            body.charts.append((token.content.strip(), line))
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            match = SCHEME.match(href) if isinstance(href, str) else None
            if match and match.group(1) in INTERNAL_SCHEMES and isinstance(href, str):
                target = href[match.end() :]
                body.references.append(Reference(match.group(1), target, href, line, footnote))
    return body


def check_body(body: Body, file: PurePosixPath, text: str) -> list[ContentError]:
    errors: list[ContentError] = []
    for index, (token, line) in enumerate(_blocks(body.tokens, body.line)):
        if token.type == "heading_open" and token.tag == "h1":
            errors.append(
                make_error(
                    "body.heading-level", file, line, 1, heading=_heading_text(body.tokens, index)
                )
            )
        if token.type == "html_block":
            errors.append(_raw_html(file, line, token.content))
        if token.type == "table_open" and not token.meta.get("caption"):
            errors.append(make_error("body.table-caption", file, line, 1))
        inline_html = [c.content for c in token.children or [] if c.type == "html_inline"]
        if inline_html:  # one report per block: '<b>x</b>' is one mistake, not two
            errors.append(_raw_html(file, line, inline_html[0]))
        for child in token.children or []:
            if child.type == "link_open":
                errors.extend(_check_href(file, line, str(child.attrGet("href") or "")))
            elif child.type == "image":  # ![x](javascript:...) is as unsafe as a link
                errors.extend(_check_href(file, line, str(child.attrGet("src") or "")))
            elif child.type == "text":
                errors.extend(
                    make_error("body.footnote-undefined", file, line, 1, label=match.group(1))
                    for match in UNDEFINED_FOOTNOTE.finditer(child.content)
                )
    errors.extend(_unused_footnotes(body, file, text))
    errors.extend(_duplicate_footnotes(body, file))
    return errors


def check_case_sections(body: Body, file: PurePosixPath) -> list[ContentError]:
    """A casus opens with its story (any h2), then the context and the six element sections."""
    errors: list[ContentError] = []
    known = CASE_CONTEXT_SECTIONS + ELEMENT_SECTIONS
    headings = list(_section_lines(body))
    lines = dict(headings)
    seen: set[str] = set()
    for section in body.sections[1:]:
        line = lines.get(section, body.line)
        if section in seen:
            errors.append(make_error("body.duplicate-section", file, line, 1, section=section))
        elif section not in known:
            errors.append(
                make_error(
                    "body.unknown-section",
                    file,
                    line,
                    1,
                    section=section,
                    suggestion=suggest(section, list(known)),
                    sections=quoted_list(list(known)),
                )
            )
        seen.add(section)
    for name in ELEMENT_SECTIONS:
        if name not in seen:
            previous, line = _insertion_point(body, headings, known[: known.index(name)])
            place = f"; die hoort na ‘## {previous}’" if previous else ""
            errors.append(
                make_error(
                    "body.missing-section",
                    file,
                    line,
                    1,
                    section=name,
                    place=place,
                    sections=quoted_list(list(ELEMENT_SECTIONS)),
                )
            )
    return errors


def _insertion_point(
    body: Body, headings: list[tuple[str, int]], before: tuple[str, ...]
) -> tuple[str | None, int]:
    """Where a missing section goes: after the last present section that precedes it (or after
    the story), i.e. at the next heading, or at the footnotes or the last line of the body."""
    present = [i for i, (name, _) in enumerate(headings) if name in before] or [0]
    index = present[-1]
    if index >= len(headings):
        return None, body.line
    if index + 1 < len(headings):
        return headings[index][0], headings[index + 1][1]
    return headings[index][0], _end_line(body)


def _end_line(body: Body) -> int:
    """The first footnote definition, or else the last line of the last block."""
    in_footnotes = False
    last = body.line
    for token in body.tokens:
        in_footnotes = in_footnotes or token.type == "footnote_block_open"
        if token.map is not None:
            if in_footnotes:
                return body.line + token.map[0]
            last = body.line + token.map[1] - 1
    return last


def check_charts(body: Body, file: PurePosixPath, known: list[str]) -> list[ContentError]:
    return [
        make_error(
            "body.unknown-chart",
            file,
            line,
            1,
            chart=chart,
            suggestion=suggest(chart, known),
            known=quoted_list(known) or "geen",
        )
        for chart, line in body.charts
        if chart not in known
    ]


def _blocks(tokens: list[Token], first_line: int) -> Iterator[tuple[Token, int]]:
    """Each token with the file line of its block (inline children share their block's line)."""
    line = first_line
    for token in tokens:
        if token.map is not None:
            line = first_line + token.map[0]
        yield token, line


def _heading_text(tokens: list[Token], index: int) -> str:
    # by position, not list.index(): a search per heading is quadratic in the number of
    # headings, and list.index() compares Tokens field by field (equal is not the same token)
    return tokens[index + 1].content.strip()


def _section_lines(body: Body) -> Iterator[tuple[str, int]]:
    for index, (token, line) in enumerate(_blocks(body.tokens, body.line)):
        if token.type == "heading_open" and token.tag == "h2":
            yield _heading_text(body.tokens, index), line


def _raw_html(file: PurePosixPath, line: int, html: str) -> ContentError:
    return make_error("body.raw-html", file, line, 1, html=html.strip().split("\n")[0][:40])


def _check_href(file: PurePosixPath, line: int, href: str) -> list[ContentError]:
    match = SCHEME.match(href)
    if match is None:
        if href.startswith("#"):
            return []
        return [make_error("body.unsafe-link", file, line, 1, href=href[:60])]
    scheme = match.group(1).lower()
    if scheme in EXTERNAL_SCHEMES or scheme in INTERNAL_SCHEMES:
        return []
    if scheme in ("javascript", "data", "vbscript", "file"):
        return [make_error("body.unsafe-link", file, line, 1, href=href[:60])]
    return [
        make_error(
            "link.unknown-scheme",
            file,
            line,
            1,
            href=href[:60],
            scheme=scheme,
            suggestion=suggest(scheme, list(INTERNAL_SCHEMES)),
            schemes=quoted_list([f"{s}:" for s in INTERNAL_SCHEMES]),
        )
    ]


def _duplicate_footnotes(body: Body, file: PurePosixPath) -> list[ContentError]:
    first: dict[str, int] = {}
    errors = []
    for label, line in body.env.get("footnote_definitions", []):
        if label in first:
            errors.append(
                make_error(
                    "body.footnote-duplicate",
                    file,
                    body.line + line,
                    1,
                    label=label,
                    first=body.line + first[label],
                )
            )
        else:
            first[label] = line
    return errors


def _unused_footnotes(body: Body, file: PurePosixPath, text: str) -> list[ContentError]:
    _, unused = footnote_labels(body.env)
    errors = []
    lines = text.split("\n")
    for label in sorted(unused):
        index = next((i for i, ln in enumerate(lines) if ln.startswith(f"[^{label}]:")), 0)
        errors.append(make_error("body.footnote-unused", file, body.line + index, 1, label=label))
    return errors

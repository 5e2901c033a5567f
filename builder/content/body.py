"""Check a Markdown body's structure: sections, footnotes, raw HTML, links, chart and figure
fences."""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.helpers import parseLinkDestination
from markdown_it.token import Token

from builder.content.frontmatter import Position
from builder.content.markdown import CHART_FENCE, MAX_NESTING, footnote_labels
from builder.errors import ContentError, FieldPath
from builder.messages import AFTER_SECTION, make_error, quoted_list, suggest
from schema import Figure
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
# Blocks whose content markdown-it parses as blocks again: opened at the nesting limit, that
# parse stops and drops the rest of the document. (A paragraph or table cell holds inline text.)
BLOCK_CONTAINERS = frozenset(
    {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}
    | {"footnote_reference_open", "footnote_block_open"}
)
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
    column: int = 1


@dataclass(frozen=True)
class Body:
    tokens: list[Token]
    env: dict[str, Any]
    line: int  # file line of the body's first line
    references: list[Reference]
    sections: list[tuple[str, int]]  # h2 texts in order, with their file line
    charts: list[tuple[str, int]]  # chart ids in ```grafiek fences, with their file line
    figures: list[tuple[str, int]]  # figure ids in ```figuur fences, with their file line
    # the body's own lines as in the file, to place inline problems at their column; empty for
    # Markdown inside a YAML value, whose columns in the file differ
    lines: list[str] = field(default_factory=list)


class _Locator:
    """Where the inline children of one block are in the file, found left to right.

    markdown-it gives inline tokens no position. A block's inline content is its source lines
    with the block's own markup taken off the front (indentation, '> ', '- ', table pipes), so
    a child's text is searched in the content after the previous child, and its column is its
    place in that content line plus where that line starts in the file's line.
    """

    def __init__(self, body: Body, block: Token, line: int) -> None:
        self.body, self.line = body, line
        self.content = block.content if body.lines and block.map is not None else ""
        self.offset = 0  # in content: where the search goes on
        self.row = 0  # content line of `offset`
        self.row_start = 0  # offset of that content line

    def find(self, needle: str, skip: int = 0) -> tuple[int, int]:
        """The file line and column of `needle` (plus `skip` characters); the block's line and
        column 1 if it is not found."""
        at = self.content.find(needle, self.offset) if needle else -1
        if at < 0:
            return self.line, 1
        at += skip
        while (newline := self.content.find("\n", self.row_start, at)) >= 0:
            self.row, self.row_start = self.row + 1, newline + 1
        self.offset = at - skip + len(needle)
        index = self.line - self.body.line + self.row
        source = self.body.lines[index] if index < len(self.body.lines) else ""
        end = self.content.find("\n", self.row_start)
        own = self.content[self.row_start : end if end >= 0 else len(self.content)]
        prefix = max(source.find(own), 0) if own else 0
        return self.line + self.row, prefix + at - self.row_start + 1

    def find_destination(self, url: str) -> tuple[int, int]:
        """Where a link's destination `url` is written: as it is, or, where markdown-it
        decoded it (entities, escapes, percent signs), at the first '](' after the last find
        whose destination decodes to `url`."""
        if self.content.find(f"]({url}", self.offset) >= 0:
            return self.find(f"]({url}", 2)
        at = self.content.find("](", self.offset)
        while at >= 0:
            written = parseLinkDestination(self.content, at + 2, len(self.content))
            if written.ok and normalizeLink(written.str) == url:
                return self.find(self.content[at : written.pos], 2)
            at = self.content.find("](", at + 2)
        return self.line, 1


def _place(locator: _Locator, child: Token) -> tuple[int, int]:
    """Where an inline child is written: a link or image at its address, HTML at its '<'."""
    if child.type in ("link_open", "image"):
        url = str(child.attrGet("href" if child.type == "link_open" else "src") or "")
        return locator.find_destination(url) if child.markup != "autolink" else locator.find(url)
    if child.type == "html_inline":
        return locator.find(child.content)
    if child.type == "footnote_ref":
        return locator.find(f"[^{child.meta.get('label', '')}]")
    return locator.line, 1


def parse_body(
    md: MarkdownIt, text: str, first_line: int, file: PurePosixPath, in_file: bool = True
) -> tuple[Body, list[ContentError]]:
    """Parse a body, and in one walk over its tokens collect what linking reads (references,
    sections, charts, figures) and check its structure.

    `in_file` False: Markdown inside a YAML value, whose columns in the file differ.
    """
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    body = Body(tokens, env, first_line, [], [], [], [], text.split("\n") if in_file else [])
    errors: list[ContentError] = []
    footnote: str | None = None
    too_deep = False
    line = first_line
    for index, token in enumerate(tokens):
        if token.map is not None:
            line = first_line + token.map[0]
        kind = token.type
        children = token.children
        if children:  # inline content; most often one plain text, with nothing to look at
            if len(children) > 1 or children[0].type != "text" or "[^" in children[0].content:
                _walk_inline(body, token, line, footnote, file, errors)
        elif kind not in _BLOCKS_LOOKED_AT:  # most: paragraphs and list items opening, closing
            continue
        elif kind in ("footnote_open", "footnote_close"):
            footnote = token.meta["label"] if kind == "footnote_open" else None
        elif kind == "heading_open" and token.tag == "h2":
            body.sections.append((_heading_text(tokens, index), line))
        elif kind == "heading_open" and token.tag == "h1":
            heading = _heading_text(tokens, index)
            errors.append(make_error("body.heading-level", file, line, 1, heading=heading))
        elif kind == "fence" and token.info.strip() == CHART_FENCE:
            body.charts.append((token.content.strip(), line))
        elif kind == "figure_open":
            body.figures.append((token.meta["id"], line))
        elif kind in BLOCK_CONTAINERS and token.level + 1 >= MAX_NESTING and not too_deep:
            too_deep = True  # once: the parser dropped everything after this block
            errors.append(make_error("body.too-deep", file, line, 1, limit=MAX_NESTING))
        elif kind == "html_block":
            errors.append(_raw_html(file, (line, 1), token.content))
        elif kind == "table_open" and not token.meta.get("caption"):
            errors.append(make_error("body.table-caption", file, line, 1))
    errors.extend(_unused_footnotes(body, file, text if in_file else ""))
    errors.extend(_duplicate_footnotes(body, file))
    return body, errors


_BLOCKS_LOOKED_AT = BLOCK_CONTAINERS | {
    "footnote_open",
    "footnote_close",
    "heading_open",
    "fence",
    "figure_open",
    "html_block",
    "table_open",
}
# Inline tokens whose place _place looks up: the locator must pass them in order.
_PLACED = frozenset({"link_open", "image", "html_inline", "footnote_ref"})


def _walk_inline(
    body: Body,
    block: Token,
    line: int,
    footnote: str | None,
    file: PurePosixPath,
    errors: list[ContentError],
) -> None:
    """The internal links of one block (into body.references) and its problems (into errors).

    Each has its own locator, made only for a block that needs it: the one that places
    problems passes every link, image, tag and footnote, the one that places internal links
    only those, so a link found at the wrong place never moves an internal link's column.
    """
    locator: _Locator | None = None
    linker: _Locator | None = None
    html_reported = False  # one report per block: '<b>x</b>' is one mistake, not two
    for child in block.children or []:
        kind = child.type
        if kind == "text":
            if "[^" in child.content:  # what UNDEFINED_FOOTNOTE needs, without the regex
                locator = locator or _Locator(body, block, line)
                for undefined in UNDEFINED_FOOTNOTE.finditer(child.content):
                    at = locator.find(undefined.group(0))
                    label = undefined.group(1)
                    errors.append(make_error("body.footnote-undefined", file, *at, label=label))
            continue
        if kind not in _PLACED:
            continue
        locator = locator or _Locator(body, block, line)
        where = _place(locator, child)
        if kind == "html_inline" and not html_reported:
            html_reported = True
            errors.append(_raw_html(file, where, child.content))
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            errors.extend(_check_href(file, where, href))
            scheme = SCHEME.match(href)
            if scheme and scheme.group(1) in INTERNAL_SCHEMES:
                linker = linker or _Locator(body, block, line)
                target, (at_line, column) = href[scheme.end() :], _place(linker, child)
                reference = Reference(scheme.group(1), target, href, at_line, footnote, column)
                body.references.append(reference)
        elif kind == "image":  # no images in the text: figures are data (```figuur)
            errors.append(
                make_error("body.image", file, *where, src=str(child.attrGet("src") or "")[:60])
            )


def check_case_sections(body: Body, file: PurePosixPath) -> list[ContentError]:
    """A casus opens with its story (any h2), then the context and the six element sections."""
    errors: list[ContentError] = []
    known = CASE_CONTEXT_SECTIONS + ELEMENT_SECTIONS
    headings = body.sections
    seen: set[str] = set()
    previous: str | None = None  # the last known section so far: the order is fixed
    for section, line in headings[1:]:
        first_time = section in known and section not in seen
        if first_time and previous is not None and known.index(section) < known.index(previous):
            errors.append(
                make_error(
                    "body.section-order",
                    file,
                    line,
                    1,
                    section=section,
                    previous=previous,
                    sections=quoted_list(list(known)),
                )
            )
        if first_time:
            previous = section if previous is None else max(previous, section, key=known.index)
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
            place = AFTER_SECTION.format(previous=previous) if previous else ""
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


def check_figures(
    body: Body, file: PurePosixPath, figures: list[Figure], positions: dict[FieldPath, Position]
) -> list[ContentError]:
    """Every ```figuur fence names a figure of `figuren`, and every figure is placed once, so
    no figure the report had is lost without a word."""
    known = [f.id for f in figures]
    errors = [
        make_error(
            "body.unknown-figure",
            file,
            line,
            1,
            figure=figure,
            suggestion=suggest(figure, known),
            known=quoted_list(known) or "geen",
        )
        for figure, line in body.figures
        if figure not in known
    ]
    placed = [figure for figure, _ in body.figures]
    for index, figure in enumerate(figures):
        path: FieldPath = ("figuren", index, "id")
        if placed.count(figure.id) != 1:
            code = "body.figure-unplaced" if figure.id not in placed else "body.figure-twice"
            position = positions.get(path, (1, 1))
            errors.append(make_error(code, file, *position, path, figure=figure.id))
        if (figure.status == "getekend") != (figure.drawing is not None):
            path = ("figuren", index, "status")
            errors.append(
                make_error(
                    "body.figure-drawing",
                    file,
                    *positions.get(path, (1, 1)),
                    path,
                    figure=figure.id,
                    status=figure.status,
                )
            )
    return errors


def _heading_text(tokens: list[Token], index: int) -> str:
    # by position, not list.index(): a search per heading is quadratic in the number of
    # headings, and list.index() compares Tokens field by field (equal is not the same token)
    return tokens[index + 1].content.strip()


def _raw_html(file: PurePosixPath, where: tuple[int, int], html: str) -> ContentError:
    return make_error("body.raw-html", file, *where, html=html.strip().split("\n")[0][:40])


def _check_href(file: PurePosixPath, where: tuple[int, int], href: str) -> list[ContentError]:
    line, column = where
    match = SCHEME.match(href)
    if match is None:
        if href.startswith("#"):
            return []
        return [make_error("body.unsafe-link", file, line, column, href=href[:60])]
    scheme = match.group(1).lower()
    if scheme in EXTERNAL_SCHEMES or scheme in INTERNAL_SCHEMES:
        return []
    if scheme in ("javascript", "data", "vbscript", "file"):
        return [make_error("body.unsafe-link", file, line, column, href=href[:60])]
    return [
        make_error(
            "link.unknown-scheme",
            file,
            line,
            column,
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
    if not unused:
        return []
    starts: dict[str, int] = {}  # one pass over the lines, not one per unused label
    for index, line in enumerate(text.split("\n")):
        label = line[2 : line.find("]:")] if line.startswith("[^") and "]:" in line else None
        if label is not None:
            starts.setdefault(label, index)
    return [
        make_error("body.footnote-unused", file, body.line + starts.get(label, 0), 1, label=label)
        for label in sorted(unused)
    ]

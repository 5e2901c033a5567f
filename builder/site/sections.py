"""Cut rendered bodies into parts (footnotes apart, h2 sections), and the page's toc.

The toc is recorded where the headings are written: markdown-it's heading tokens for the
report's text, the templates (through `Toc`) for their own headings. Nothing reads it back
out of the finished HTML.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup, escape

from builder.content.glossary import Glossary
from builder.site.abbreviations import Abbreviations
from builder.site.placement import OWN_PAGE, Placement
from builder.site.rendered import TocEntry

TOC_LEVELS = (2, 3)  # Material's "on this page": h2 with their h3


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


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    name: str  # the heading's text as HTML (entities escaped, no tags): a toc title


class BodyHtml:
    """A rendered body, written by the page that shows it (`Toc.body`): there, in page order,
    its text goes through the page's abbreviations. It knows the headings with an id it holds.
    Two are equal when they read the same (the preview's page memo compares views)."""

    def __init__(self, write: Callable[[Abbreviations], str], headings: tuple[Heading, ...]):
        self._write = write
        self.headings = headings

    @cached_property
    def html(self) -> str:
        """The body without expansions."""
        return self._write(Abbreviations(Glossary()))

    def write(self, abbreviations: Abbreviations) -> Markup:
        return Markup(self._write(abbreviations))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BodyHtml):
            return NotImplemented
        return (self.html, self.headings) == (other.html, other.headings)

    def __hash__(self) -> int:
        return hash((self.html, self.headings))


def body_headings(tokens: list[Token]) -> tuple[Heading, ...]:
    """The headings with an id (the anchors plugin gives h2 and h3 one) among `tokens`."""
    return tuple(
        Heading(int(token.tag[1]), str(token.attrs["id"]), _inline_text(tokens[index + 1]))
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and "id" in token.attrs
    )


def _inline_text(inline: Token) -> str:
    """What the rendered heading reads as, escaped as the renderer escapes text."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(escapeHtml(child.content))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "footnote_ref":
            parts.append(f"[{escapeHtml(child.meta['label'])}]")
    return "".join(parts).strip()


class Toc:
    """The headings of one page in the order its template writes them (`toc` in templates),
    with their ids where the page is written (`placement`), and its bodies, written with the
    page's `abbreviations`."""

    def __init__(
        self, placement: Placement = OWN_PAGE, abbreviations: Abbreviations | None = None
    ) -> None:
        self.placement = placement
        self.abbreviations = abbreviations or Abbreviations(Glossary())
        self.headings: list[Heading] = []

    def heading(self, level: int, id: str, text: str) -> str:
        """A template's own heading: recorded, and its text handed back to be written. Its
        name in the toc is text: a macro's HTML (Markup) goes in without its tags (<abbr>)."""
        name = escape(text.striptags()) if isinstance(text, Markup) else escape(text)
        self.headings.append(Heading(level, self.placement.id(id), str(name)))
        return text

    def body(self, body: BodyHtml | str) -> Markup:
        """A rendered body, written here, its headings recorded. Anything else is text and
        escaped: only markdown-it's output (a BodyHtml) ever reaches the page unescaped."""
        if not isinstance(body, BodyHtml):
            return escape(body)
        self.headings += body.headings
        return body.write(self.abbreviations)

    def add(self, headings: list[Heading]) -> str:
        self.headings += headings
        return ""

    def entries(self) -> list[TocEntry]:
        """The h2 headings, each with the h3 headings after it."""
        toc: list[TocEntry] = []
        for heading in self.headings:
            if heading.level not in TOC_LEVELS:
                continue
            entry = TocEntry(heading.level, heading.id, heading.name)
            if heading.level == 3 and toc:
                toc[-1].children.append(entry)
            else:
                toc.append(entry)
        return toc

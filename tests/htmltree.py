"""A small element tree over the stdlib html.parser, for asserting facts about built pages."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def iter(self) -> Iterator[Node]:
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        """Elements below (and including) this one with the tag, class and attribute values.

        An attribute keyword ending in an underscore (`id_`) stands for the name without it.
        """
        wanted = {name.rstrip("_"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The text content with runs of whitespace collapsed."""
        parts: list[str] = []

        def collect(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style"):
                    collect(child)

        collect(self)
        return " ".join("".join(parts).split())

    def following_siblings(self) -> list[Node]:
        assert self.parent is not None
        siblings = [c for c in self.parent.children if isinstance(c, Node)]
        return siblings[siblings.index(self) + 1 :]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def parse_file(path: Path) -> Node:
    return parse(path.read_text(encoding="utf-8"))


def link_target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The built file (and fragment) an internal href on `page` points to; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = page.parent.relative_to(site).as_posix()
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    target = site / path
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def toc_headings(html: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of every h2 and h3 with an id, in document order: what a toc lists."""
    return [
        (int(node.tag[1]), node.attrs["id"], node.text)
        for node in parse(html).iter()
        if node.tag in ("h2", "h3") and "id" in node.attrs
    ]


def toc_entries(toc: list[Any]) -> list[tuple[int, str, str]]:
    """A page's toc (TocEntry, names as HTML) flattened to (level, id, text)."""
    return [
        (entry.level, entry.id, " ".join(unescape(entry.name).split()))
        for top in toc
        for entry in [top, *top.children]
    ]


def rendered_html(page: Any) -> str:
    """A rendered page's HTML as the site shows it without a PDF: a page that links the PDF
    comes in two parts, the link written between them at publish (builder/site/rendered.py)."""
    return str(page.html) + (page.pdf.after if page.pdf is not None else "")

"""make_markdown(): the one configured MarkdownIt (CommonMark + tables + footnotes) and its rules.

Validation and rendering share this parser, so what `stand check` accepts is what readers see.
"""

from collections.abc import Callable, Sequence
from copy import copy
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

CHART_FENCE = "grafiek"
FIGURE_FENCE = "figuur"
# markdown-it stops parsing blocks at this depth and silently drops the rest of the document;
# parse_body reports any block that reaches it, so nothing is ever lost without an error.
MAX_NESTING = 20
LinkResolver = Callable[[str], str]
ChartRenderer = Callable[[str], str]
FigureRenderer = Callable[[str], str]  # figure id -> the opening HTML, up to an open <figcaption>


class Placement(Protocol):
    """Where the body is written (env["placement"], builder/site/placement.py): its ids, its
    heading levels and its links; None for a link with no target there, written as text."""

    def id(self, value: str) -> str: ...
    def level(self, level: int) -> int: ...
    def href(self, href: str) -> str | None: ...


class TextWriter(Protocol):
    """The page's text as it is written (env["abbreviations"], builder/site/abbreviations.py)."""

    def write(self, text: str, escape_text: Callable[[str], str]) -> str: ...


def make_markdown() -> MarkdownIt:
    # html=True only so that validation *sees* raw HTML and rejects it; rendering never gets it.
    md = (
        MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
        .enable("table")
        .use(footnote_plugin)
        .use(anchors_plugin, min_level=2, max_level=3)
    )
    # Accept every URL while parsing: validate reports unsafe ones with file and line instead
    # of markdown-it silently leaving them as text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.add_render_rule("text", _render_text)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("heading_open", _render_heading)
    md.add_render_rule("heading_close", _render_heading)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    md.add_render_rule("footnote_open", _render_footnote_open)
    md.add_render_rule("footnote_anchor", _render_footnote_anchor)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("figure_open", _render_figure_open)
    md.add_render_rule("figure_close", _render_figure_close)
    md.core.ruler.after("block", "table_caption", _table_caption)
    md.core.ruler.after("block", "figures", _figures)
    md.core.ruler.after("block", "footnote_definitions", _footnote_definitions)
    return md


def _footnote_definitions(state: Any) -> None:
    """Record every footnote definition as (label, line) in env["footnote_definitions"]:
    footnote_tail keeps only the last text of a label defined twice, without a word."""
    state.env["footnote_definitions"] = [
        (token.meta["label"], token.map[0] if token.map else 0)
        for token in state.tokens
        if token.type == "footnote_reference_open"
    ]


TABLE_CAPTION = "Tabel: "


def _table_caption(state: Any) -> None:
    """Data tables (reader-requirements A11): a paragraph 'Tabel: …' right before a table
    becomes its <caption>, and the header cells get scope="col". parse_body reports a table
    without one."""
    tokens: list[Token] = state.tokens
    index = 0
    in_head = False  # tracked while walking: looking back per cell is quadratic in wide tables
    while index < len(tokens):
        token = tokens[index]
        in_head = token.type == "thead_open" or (in_head and token.type != "thead_close")
        if token.type == "table_open":
            before = tokens[index - 3 : index] if index >= 3 else []
            kinds = [t.type for t in before]
            if kinds == ["paragraph_open", "inline", "paragraph_close"] and before[
                1
            ].content.startswith(TABLE_CAPTION):
                caption = before[1]
                caption.content = caption.content[len(TABLE_CAPTION) :].strip()
                opening = Token("caption_open", "caption", 1, block=True, map=caption.map)
                closing = Token("caption_close", "caption", -1, block=True)
                tokens[index - 3 : index + 1] = [token, opening, caption, closing]
                index -= 2
                token.meta["caption"] = True
        elif token.type == "th_open" and in_head:
            token.attrSet("scope", "col")
        index += 1


FIGURE_SOURCE = "Bron: "
MAX_CAPTION_PARAGRAPHS = 2  # the report's own caption (emphasised) and its "Bron:" line


def _figures(state: Any) -> None:
    """A ```figuur fence becomes figure_open/figure_close around the paragraphs right after
    it that belong to the figure: its "Bron: …" line and an emphasised caption. Those stay the
    report's words in the body (footnotes in order) and are rendered inside the <figcaption>."""
    tokens: list[Token] = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "fence" and token.info.strip() == FIGURE_FENCE:
            opening = Token("figure_open", "figure", 1, block=True, map=token.map)
            opening.meta["id"] = token.content.strip()
            end = index + 1
            while (end - index - 1) // 3 < MAX_CAPTION_PARAGRAPHS and _caption_paragraph(
                tokens[end : end + 3]
            ):
                end += 3
            closing = Token("figure_close", "figure", -1, block=True)
            tokens[index:end] = [opening, *tokens[index + 1 : end], closing]
            index = end + 1
        else:
            index += 1


def _caption_paragraph(tokens: list[Token]) -> bool:
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return False
    text = tokens[1].content.strip()
    emphasised = len(text) > 2 and text[0] == text[-1] and text[0] in "*_"
    return text.startswith(FIGURE_SOURCE) or emphasised


def _render_figure_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    render_figure: FigureRenderer | None = env.get("render_figure")
    return render_figure(tokens[idx].meta["id"]) if render_figure is not None else ""


def _render_figure_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</figcaption></figure>\n" if env.get("render_figure") is not None else ""


def _render_text(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    writer: TextWriter | None = env.get("abbreviations")
    text = tokens[idx].content
    return writer.write(text, escapeHtml) if writer is not None else escapeHtml(text)


def _render_link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    href = _link_target(tokens, idx, env)
    if href is None:
        return "<span>"
    token = copy(tokens[idx])
    token.attrs = {**token.attrs, "href": href}
    return _render_changed(self, tokens, idx, token, options, env)


def _render_changed(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    token: Token,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """Render `token`, a changed copy of tokens[idx], in its place: the parsed tokens are
    shared data and may be rendered again. Its neighbours stay (they decide the newlines)."""
    window = [*tokens[max(idx - 1, 0) : idx], token, *tokens[idx + 1 : idx + 2]]
    return self.renderToken(window, min(idx, 1), options, env)


def _render_link_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    opening = next(i for i in range(idx - 1, -1, -1) if tokens[i].type == "link_open")
    if _link_target(tokens, opening, env) is None:
        return "</span>"
    return self.renderToken(tokens, idx, options, env)


def _link_target(tokens: Sequence[Token], idx: int, env: EnvType) -> str | None:
    """The link's href where it is written: internal links (`casus:peter`) resolved to the
    page's URLs (env["resolve_link"]), then placed; None: no target there."""
    href = tokens[idx].attrGet("href")
    if not isinstance(href, str):
        return ""
    resolve: LinkResolver | None = env.get("resolve_link")
    href = resolve(href) if resolve is not None else href
    placement: Placement | None = env.get("placement")
    return placement.href(href) if placement is not None else href


def _render_heading(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    placement: Placement | None = env.get("placement")
    if placement is None:
        return self.renderToken(tokens, idx, options, env)
    token = copy(tokens[idx])
    token.tag = f"h{placement.level(int(token.tag[1]))}"
    heading_id = token.attrGet("id")
    if isinstance(heading_id, str):
        token.attrs = {**token.attrs, "id": placement.id(heading_id)}
    return _render_changed(self, tokens, idx, token, options, env)


def _footnote_id(env: EnvType, kind: str, label: str) -> str:
    """A footnote's id (`fn12`) or its reference's (`fnref12`, `fnref12:1`), where it is written."""
    placement: Placement | None = env.get("placement")
    value = f"{kind}{label}"
    return placement.id(value) if placement is not None else value


def _reference(token: Token) -> str:
    label, sub = token.meta["label"], token.meta.get("subId", -1)
    return f"{label}:{sub}" if sub > 0 else str(label)


FOOTNOTE_REF = Markup('<sup class="footnote-ref"><a href="#{}" id="{}">[{}]</a></sup>')
FOOTNOTE_OPEN = Markup('<li id="{}" class="footnote-item">')
# ↩ with U+FE0E, so that iOS does not show it as an emoji
FOOTNOTE_BACKREF = Markup(' <a href="#{}" class="footnote-backref">\u21a9\ufe0e</a>')


def _render_footnote_ref(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The caption is the report's own footnote number (its label), so web and print cite alike.
    label = tokens[idx].meta["label"]
    ref = _reference(tokens[idx])
    return FOOTNOTE_REF.format(
        _footnote_id(env, "fn", label), _footnote_id(env, "fnref", ref), label
    )


def _render_footnote_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return FOOTNOTE_OPEN.format(_footnote_id(env, "fn", tokens[idx].meta["label"]))


def _render_footnote_anchor(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return FOOTNOTE_BACKREF.format(_footnote_id(env, "fnref", _reference(tokens[idx])))


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    render_chart: ChartRenderer | None = env.get("render_chart")
    if token.info.strip() == CHART_FENCE and render_chart is not None:
        return render_chart(token.content.strip())
    return str(Markup("<pre><code>{}</code></pre>\n").format(token.content))


def footnote_labels(env: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(used, defined-but-unused) footnote labels from a parse's env."""
    refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
    used = {key[1:] for key, value in refs.items() if value >= 0}
    unused = {key[1:] for key, value in refs.items() if value < 0}
    return used, unused

"""make_markdown(): the one configured MarkdownIt (CommonMark + tables + footnotes) and its rules.

Validation and rendering share this parser, so what `stand check` accepts is what readers see.
"""

from collections.abc import Callable, Sequence
from copy import copy
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

CHART_FENCE = "grafiek"
FIGURE_FENCE = "figuur"
# markdown-it stops parsing blocks at this depth and silently drops the rest of the document;
# check_body reports any block that reaches it, so nothing is ever lost without an error.
MAX_NESTING = 20
LinkResolver = Callable[[str], str]
ChartRenderer = Callable[[str], str]
FigureRenderer = Callable[[str], str]  # figure id -> the opening HTML, up to an open <figcaption>


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
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("footnote_caption", _render_footnote_caption)
    md.add_render_rule("footnote_anchor_name", _render_footnote_anchor_name)
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
    becomes its <caption>, and the header cells get scope="col". check_body reports a table
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


def _render_link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    resolve: LinkResolver | None = env.get("resolve_link")
    href = tokens[idx].attrGet("href")
    if resolve is None or not isinstance(href, str):
        return self.renderToken(tokens, idx, options, env)
    # Resolve on a copy: the parsed tokens are shared data and may be rendered again.
    token = copy(tokens[idx])
    token.attrs = {**token.attrs, "href": resolve(href)}
    return self.renderToken([token], 0, options, env)


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    render_chart: ChartRenderer | None = env.get("render_chart")
    if token.info.strip() == CHART_FENCE and render_chart is not None:
        return render_chart(token.content.strip())
    return str(Markup("<pre><code>{}</code></pre>\n").format(token.content))


def _render_footnote_caption(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Show the report's own footnote number (its label), so web and print cite alike.
    label: str = tokens[idx].meta["label"]
    return f"[{label}]"


def _render_footnote_anchor_name(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    label: str = tokens[idx].meta["label"]
    return label


def footnote_labels(env: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(used, defined-but-unused) footnote labels from a parse's env."""
    refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
    used = {key[1:] for key, value in refs.items() if value >= 0}
    unused = {key[1:] for key, value in refs.items() if value < 0}
    return used, unused

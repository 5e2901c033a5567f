"""make_markdown(): the one configured MarkdownIt (CommonMark + tables + footnotes) and its rules.

Validation and rendering share this parser, so what `stand check` accepts is what readers see.
"""

from collections.abc import Callable, Sequence
from copy import copy
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

CHART_FENCE = "grafiek"
LinkResolver = Callable[[str], str]
ChartRenderer = Callable[[str], str]


def make_markdown() -> MarkdownIt:
    # html=True only so that validation *sees* raw HTML and rejects it; rendering never gets it.
    md = (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(footnote_plugin)
        .use(anchors_plugin, min_level=2, max_level=3)
    )
    # Accept every URL while parsing: validate reports unsafe ones with file and line instead
    # of markdown-it silently leaving them as text.
    md.validateLink = lambda url: True
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("footnote_caption", _render_footnote_caption)
    md.add_render_rule("footnote_anchor_name", _render_footnote_anchor_name)
    return md


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
    return f"<pre><code>{escapeHtml(token.content)}</code></pre>\n"


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

"""Abbreviations: the first use of each on a page is expanded with <abbr title="…"> (WCAG 3.1.4).

One glossary for all editions, content/afkortingen.yml (`Afkorting: betekenis`). The render
stage applies `expand` once to every page's HTML, after the templates: text inside code, svg,
script, style, title and an existing abbr is left alone, and so is every attribute value.
"""

import re
from collections.abc import Iterator

from markupsafe import Markup, escape

from builder.content.glossary import Glossary

# Tags and comments, and the text between them. The pages come from our own templates and
# markdown-it (text escaped), so a '<' in text is always '&lt;'.
MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
OWN_ABBR = re.compile(r'<abbr title="([^"]*)">([A-Za-z]+)</abbr>')
SKIPPED = frozenset({"abbr", "code", "pre", "script", "style", "svg", "title", "textarea"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def expand(html: str, glossary: Glossary) -> str:
    """Wrap the first use of each glossary term in `html` in <abbr title="expansion">.

    Idempotent: a page made of pages expanded before (the whole report on one page) is
    expanded anew, so there too only the first use of each term is.
    """
    pattern = glossary.pattern
    if pattern is None:
        return html
    html = OWN_ABBR.sub(lambda m: _unwrap(m, glossary), html)
    done: set[str] = set()
    return "".join(
        _expand_text(part, pattern, glossary, done) if is_text else part
        for part, is_text in _with_skipped_text(html)
    )


def _unwrap(match: re.Match[str], glossary: Glossary) -> str:
    title, term = match.group(1), match.group(2)
    ours = term in glossary.terms and title == str(escape(glossary.terms[term]))
    return term if ours else match.group(0)


def _expand_text(text: str, pattern: re.Pattern[str], glossary: Glossary, done: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        term = match.group(1)
        if term in done:
            return term
        done.add(term)
        return str(Markup('<abbr title="{}">{}</abbr>').format(glossary.terms[term], term))

    return pattern.sub(replace, text)


def _with_skipped_text(html: str) -> Iterator[tuple[str, bool]]:
    """The parts of `html` in order, each with whether it is text to expand."""
    open_skipped: list[str] = []
    position = 0
    for markup in MARKUP.finditer(html):
        if markup.start() > position:
            yield html[position : markup.start()], not open_skipped
        yield markup.group(0), False
        position = markup.end()
        tag = TAG_NAME.match(markup.group(0))
        if tag is None:
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name not in SKIPPED or name in VOID or markup.group(0).endswith("/>"):
            continue
        if not closing:
            open_skipped.append(name)
        elif name in open_skipped:
            del open_skipped[len(open_skipped) - 1 - open_skipped[::-1].index(name) :]
    if position < len(html):
        yield html[position:], not open_skipped

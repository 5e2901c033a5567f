"""Abbreviations: the first use of each on a page is expanded with <abbr title="…"> (WCAG 3.1.4).

One glossary for all editions, content/afkortingen.yml (`Afkorting: betekenis`). The render
stage applies `expand` once to every page's HTML, after the templates: text inside code, svg,
script, style, title and an existing abbr is left alone, and so is every attribute value.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath

import yaml

from builder.errors import ContentError
from builder.messages import make_error

GLOSSARY_FILE = PurePosixPath("content/afkortingen.yml")
# An abbreviation is a whole word with exactly these letters: 'Wmo 2015', 'ICT-systemen' and
# 'MDO’s' count, 'RESULTAAT' does not.
TERM = re.compile(r"^[A-Za-z]{2,10}$")
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


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str] = field(default_factory=dict)  # abbreviation -> expansion

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        words = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        return re.compile(rf"(?<!\w)({words})(?!\w)")


def load_glossary(root: Path) -> tuple[Glossary, list[ContentError]]:
    """The project's glossary; an absent file is an empty glossary."""
    path = root / GLOSSARY_FILE
    if not path.is_file():
        return Glossary(), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as problem:
        line = getattr(getattr(problem, "problem_mark", None), "line", None)
        return Glossary(), [
            make_error(
                "afkortingen.invalid",
                GLOSSARY_FILE,
                line + 1 if line is not None else None,
                problem=str(problem).splitlines()[0],
            )
        ]
    if data is None:
        return Glossary(), []
    if not isinstance(data, dict):
        return Glossary(), [
            make_error(
                "afkortingen.invalid",
                GLOSSARY_FILE,
                1,
                problem="de lijst is geen ‘Afkorting: betekenis’-lijst",
            )
        ]
    terms: dict[str, str] = {}
    errors = []
    for key, value in data.items():
        if not isinstance(key, str) or not TERM.match(key):
            errors.append(
                make_error(
                    "afkortingen.invalid",
                    GLOSSARY_FILE,
                    None,
                    problem=f"‘{key}’ is geen afkorting van 2 tot 10 letters",
                )
            )
        elif not isinstance(value, str) or not value.strip():
            errors.append(
                make_error(
                    "afkortingen.invalid",
                    GLOSSARY_FILE,
                    None,
                    problem=f"‘{key}’ heeft geen betekenis",
                )
            )
        else:
            terms[key] = " ".join(value.split())
    return Glossary(terms), errors


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
    ours = term in glossary.terms and title == escape(glossary.terms[term])
    return term if ours else match.group(0)


def _expand_text(text: str, pattern: re.Pattern[str], glossary: Glossary, done: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        term = match.group(1)
        if term in done:
            return term
        done.add(term)
        return f'<abbr title="{escape(glossary.terms[term])}">{term}</abbr>'

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

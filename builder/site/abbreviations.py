"""Abbreviations: the first use of each on a page is expanded with <abbr title="…"> (WCAG 3.1.4).

One glossary for all editions, content/afkortingen.yml (`Afkorting: betekenis`). A page's
text is expanded as it is written, in page order, through one `Abbreviations` per page: the
Markdown renderer for the report's text (env["abbreviations"], builder/content/markdown.py)
and the `abbr` filter for the templates' text. Attribute values, code and drawings are never
given to it, so an expansion lands only in running text.
"""

from collections.abc import Callable

from markupsafe import Markup, escape

from builder.content.glossary import Glossary

ABBR = Markup('<abbr title="{}">{}</abbr>')


class Abbreviations:
    """The glossary as one page writes its text: what it expanded so far."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.pattern = glossary.pattern
        self.done: set[str] = set()

    def write(self, text: str, escape_text: Callable[[str], str]) -> str:
        """`text` as HTML (escaped by `escape_text`), the page's first use of each term in it
        expanded."""
        if self.pattern is None:
            return escape_text(text)
        parts: list[str] = []
        position = 0
        for match in self.pattern.finditer(text):
            term = match.group(1)
            if term in self.done:
                continue
            self.done.add(term)
            parts += [escape_text(text[position : match.start()])]
            parts += [ABBR.format(self.glossary.terms[term], term)]
            position = match.end()
        return "".join([*parts, escape_text(text[position:])])

    def markup(self, value: object) -> object:
        """The templates' `abbr` filter: text written with its expansions; HTML (Markup, such
        as a macro's output) and anything that is not text are left as they are."""
        if not isinstance(value, str) or isinstance(value, Markup):
            return value
        return Markup(self.write(value, lambda text: str(escape(text))))

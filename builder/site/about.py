"""The "Over deze digitale editie" page: what the editors added to the report, from the data."""

from collections import Counter
from dataclasses import dataclass

from builder.content.library import EditionLibrary
from builder.site.context import Link
from builder.site.urls import chapter_url, relative
from builder.site.views import case_label
from schema.common import EDITORS
from schema.speelveld import element_info

ABOUT_TITLE = "Over deze digitale editie"


@dataclass(frozen=True)
class Share:
    from_report: int
    by_editors: int


@dataclass(frozen=True)
class AboutView:
    links: Share  # knelpunt -> wat is nodig
    levels: Share  # niveaus of the recommendations
    unanswered: int  # knelpunten without a recommendation (the editors say why)
    split: list[str]  # "Casus 1: Peter (Expertise)": conclusions of several paragraphs
    missing_figures: list[Link]  # figures and tables the source text lost, where they would be
    drawn_figures: list[Link]


def about_view(lib: EditionLibrary, url: str) -> AboutView:
    links = Counter(
        b.provenance(r) == EDITORS
        for d in lib.cases
        for b in d.model.bottlenecks
        for r in b.answered_by
    )
    levels = Counter(
        r.provenance(level) == EDITORS
        for d in lib.threads
        for r in d.model.recommendations
        for level in r.levels
    )
    split = []
    for document in lib.cases:
        per_element = Counter(b.element for b in document.model.bottlenecks)
        split += [
            f"{case_label(document.model)} ({element_info(element).name})"
            for element, count in per_element.items()
            if count > 1
        ]
    figures = [(d.model, f) for d in lib.chapters for f in d.model.figures]
    return AboutView(
        links=Share(links[False], links[True]),
        levels=Share(levels[False], levels[True]),
        unanswered=sum(not b.answered_by for d in lib.cases for b in d.model.bottlenecks),
        split=split,
        missing_figures=[
            Link(
                relative(url, f"{chapter_url(c.id)}#{f.id}"),
                f"{f.title or f.kind.capitalize()} ({c.title})",
            )
            for c, f in figures
            if f.status == "niet-overgenomen"
        ],
        drawn_figures=[
            Link(
                relative(url, f"{chapter_url(c.id)}#{f.id}"),
                f"{f.title or f.kind.capitalize()} ({c.title})",
            )
            for c, f in figures
            if f.status == "getekend"
        ],
    )

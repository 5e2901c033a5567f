"""Chapter pages: voorwoord, inleiding, nawoord, bijlagen (the rode draden opening is elsewhere)."""

from dataclasses import dataclass

from builder.site.pages.spec import PageSpec
from builder.site.plan import BodyRenderer, EditionPlan
from builder.site.sections import BodyHtml
from builder.site.urls import RODE_DRADEN_CHAPTER, chapter_url


@dataclass(frozen=True)
class ChapterView:
    body: BodyHtml


def chapter_pages(plan: EditionPlan, bodies: BodyRenderer) -> list[PageSpec]:
    pages = []
    for document in plan.lib.chapters:
        if document.model.id == RODE_DRADEN_CHAPTER:
            continue
        url = chapter_url(document.model.id)
        assert document.body is not None
        view = ChapterView(bodies.html(document.body, url))
        pages.append(
            PageSpec("hoofdstuk.html", url, document.model.title, view, {"soort": ["Hoofdstuk"]})
        )
    return pages

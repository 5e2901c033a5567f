"""Bijlage C, the sources: every bron with the places that cite it."""

from dataclasses import dataclass

from builder.site.context import CitationView, SourceView
from builder.site.pages.spec import PageSpec
from builder.site.plan import EditionPlan
from builder.site.urls import SOURCES_URL, case_url, chapter_url, relative, thread_url


@dataclass(frozen=True)
class SourcesView:
    sources: list[SourceView]


def sources_page(plan: EditionPlan, titles: dict[str, str]) -> PageSpec:
    """`titles`: the title of every page by URL, to name the places that cite a bron."""
    sources = []
    for source in plan.lib.sources:
        cited = []
        for citation in plan.lib.citations.get(source.id, []):
            page_url = _citation_url(citation.kind, citation.page_id)
            label = titles.get(page_url, citation.page_id)
            anchor = f"#fn{citation.footnote}" if citation.footnote else ""
            note = f", voetnoot {citation.footnote}" if citation.footnote else ""
            cited.append(CitationView(f"{label}{note}", relative(SOURCES_URL, page_url) + anchor))
        sources.append(SourceView(source.id, source.citation, source.kind, source.url, cited))
    view = SourcesView(sources)
    return PageSpec("bronnen.html", SOURCES_URL, "Bijlage C | Bronnen", view, {"soort": ["bron"]})


def _citation_url(kind: str, page_id: str) -> str:
    if kind == "casus":
        return case_url(page_id)
    if kind == "rode-draad":
        return thread_url(page_id)
    return chapter_url(page_id)

"""The linked content of one edition: what the render stage (and only it) reads."""

from dataclasses import dataclass, field
from functools import cached_property

from builder.content.validate import Document
from schema import Bottleneck, Case, Chapter, Edition, Recommendation, Source, Thread


@dataclass(frozen=True)
class Citation:
    """A place that cites a bron: the page (kind, id) and the footnote label, if any."""

    kind: str
    page_id: str
    footnote: str | None


@dataclass
class EditionLibrary:
    year: int
    edition: Edition
    cases: list[Document[Case]] = field(default_factory=list)
    threads: list[Document[Thread]] = field(default_factory=list)
    chapters: list[Document[Chapter]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # the two-way index between knelpunten and the recommendations that answer them
    answers: dict[str, list[str]] = field(default_factory=dict)  # knelpunt -> recommendations
    answered: dict[str, list[str]] = field(default_factory=dict)  # recommendation -> knelpunten
    case_of_bottleneck: dict[str, str] = field(default_factory=dict)
    thread_of_recommendation: dict[str, str] = field(default_factory=dict)
    threads_naming_case: dict[str, list[str]] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # bron -> places

    def bottleneck(self, bottleneck_id: str) -> Bottleneck:
        return self._by_id[bottleneck_id]  # type: ignore[return-value]

    def case(self, case_id: str) -> Case:
        return self._by_id[case_id]  # type: ignore[return-value]

    def thread(self, thread_id: str) -> Thread:
        return self._by_id[thread_id]  # type: ignore[return-value]

    def recommendation(self, recommendation_id: str) -> Recommendation:
        return self._by_id[recommendation_id]  # type: ignore[return-value]

    @cached_property
    def _by_id(self) -> dict[str, Case | Bottleneck | Thread | Recommendation]:
        """Every item by id (one namespace per edition); built on first use, after linking."""
        items: dict[str, Case | Bottleneck | Thread | Recommendation] = {}
        for case in self.cases:
            items[case.model.id] = case.model
            items |= {b.id: b for b in case.model.bottlenecks}
        for thread in self.threads:
            items[thread.model.id] = thread.model
            items |= {r.id: r for r in thread.model.recommendations}
        return items


ItemKey = tuple[int, str]  # (edition year, id): ids are unique within an edition


@dataclass(frozen=True)
class FollowUpStatus:
    """What a later edition says became of an earlier recommendation: from the `opvolging:`
    entry and the `vorige:` links to it together (link_editions.py)."""

    status: str  # aanhoudend | opgelost | vervallen | the editors' own
    explanation: str | None = None
    successors: tuple[str, ...] = ()  # recommendations of the judging edition continuing it


@dataclass
class Library:
    editions: dict[int, EditionLibrary] = field(default_factory=dict)
    predecessor: dict[ItemKey, ItemKey] = field(default_factory=dict)
    successors: dict[ItemKey, list[ItemKey]] = field(default_factory=dict)
    # (judging edition year, earlier recommendation) -> what became of it
    follow_up: dict[tuple[int, ItemKey], FollowUpStatus] = field(default_factory=dict)

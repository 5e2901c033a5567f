"""The linked content of one edition: what the render stage (and only it) reads."""

from dataclasses import dataclass, field

from builder.validate import Document
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
        case = self.case(self.case_of_bottleneck[bottleneck_id])
        return next(b for b in case.bottlenecks if b.id == bottleneck_id)

    def case(self, case_id: str) -> Case:
        return next(d.model for d in self.cases if d.model.id == case_id)

    def thread(self, thread_id: str) -> Thread:
        return next(d.model for d in self.threads if d.model.id == thread_id)

    def recommendation(self, recommendation_id: str) -> Recommendation:
        thread = self.thread(self.thread_of_recommendation[recommendation_id])
        return next(r for r in thread.recommendations if r.id == recommendation_id)


ItemKey = tuple[int, str]  # (edition year, id): ids are unique within an edition


@dataclass(frozen=True)
class FollowUpStatus:
    status: str  # nieuw | aanhoudend | opgelost | vervallen | onbekend
    explanation: str | None = None


@dataclass
class Library:
    editions: dict[int, EditionLibrary] = field(default_factory=dict)
    predecessor: dict[ItemKey, ItemKey] = field(default_factory=dict)
    successors: dict[ItemKey, list[ItemKey]] = field(default_factory=dict)
    # (judging edition year, earlier recommendation) -> what became of it
    follow_up: dict[tuple[int, ItemKey], FollowUpStatus] = field(default_factory=dict)

    def newest_published(self) -> int | None:
        years = [y for y, e in self.editions.items() if e.edition.status == "gepubliceerd"]
        return max(years) if years else None

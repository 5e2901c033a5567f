"""Template-facing data: exactly what each page template may use (no content models leak in)."""

import datetime as dt
from dataclasses import dataclass, field

from builder.site.figures import BarChartDrawing, DataTable, SpeelveldDrawing
from builder.site.sections import BodyHtml


@dataclass(frozen=True)
class Link:
    url: str  # already relative to the page that shows it
    label: str


@dataclass(frozen=True)
class LevelBadge:
    slug: str
    name: str
    url: str
    by_editors: bool = False  # the editors assigned this niveau; the report does not state it


@dataclass(frozen=True)
class RecommendationView:
    id: str
    label: str  # 'Wat is nodig (aanbeveling 2)'
    number: int | None  # 2 of 'Aanbeveling 2', when its rode draad has several
    html: BodyHtml
    levels: list[LevelBadge]
    thread: Link
    element: Link
    page: Link  # the recommendation's own page
    answers: list["BottleneckLink"] = field(default_factory=list)
    # shown as the answer to one knelpunt: whether the editors made that link (None: no link)
    link_by_editors: bool | None = None


@dataclass(frozen=True)
class BottleneckLink:
    id: str
    key_sentence: str
    case: Link
    url: str  # the knelpunt's anchor in its casus page
    by_editors: bool = False  # the link to the recommendation shown with it


@dataclass(frozen=True)
class BottleneckView:
    id: str
    key_sentence: str
    label: str  # 'Knelpunt Expertise 2': tells two knelpunten of one element apart
    element: Link
    element_slug: str
    case: Link
    page: Link
    answers: list[RecommendationView]
    no_answer_reason: str | None


@dataclass(frozen=True)
class PersonaView:
    name: str
    age: int | None
    description: str


@dataclass(frozen=True)
class CaseCard:
    number: int
    title: str
    personas: str
    summary: str
    url: str


@dataclass(frozen=True)
class Section:
    """A rendered h2 section of a body, followed by the knelpunten that close it."""

    html: BodyHtml
    bottlenecks: list[BottleneckView] = field(default_factory=list)


@dataclass(frozen=True)
class ThreadCard:
    order: int
    title: str
    element: str
    url: str
    recommendation_count: int


@dataclass(frozen=True)
class CitationView:
    label: str
    url: str


@dataclass(frozen=True)
class SourceView:
    id: str
    citation: str
    kind: str
    url: str | None
    cited_in: list[CitationView]


@dataclass(frozen=True)
class MatrixRow:
    case: Link
    cells: list[list[Link]]  # one list of knelpunt links per element, in element order


@dataclass(frozen=True)
class EditionInfo:
    year: int
    title: str
    publisher: str
    published: str
    authors: list[str]
    home: str  # relative URL of the edition home from the current page
    accessibility: str
    search: str
    about: str  # "Over deze digitale editie": provenance, figures, the knelpunt rule
    email: str | None = None  # the publisher's contact, when the edition data has it
    website: str | None = None
    original: str | None = None  # the report as first published


@dataclass(frozen=True)
class Download:
    path: str
    label: str
    kind: str
    size: str


@dataclass(frozen=True)
class FollowUpView:
    year: int
    id: str
    url: str
    status: str
    explanation: str | None
    successor: Link | None
    text: str = ""


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    svg: BarChartDrawing  # drawn inline by _tekeningen.html
    table: DataTable  # the same numbers as a table
    source: Link | None


@dataclass(frozen=True)
class CorrectionView:
    date: dt.date
    change: str


@dataclass(frozen=True)
class FigureView:
    """A figure of the report in its chapter: drawn by the site, or a note that it is missing."""

    id: str
    kind: str  # figuur | grafiek | tabel
    status: str  # niet-overgenomen | getekend
    title: str | None
    source: str | None
    drawing: SpeelveldDrawing | None  # when the site draws it (_tekeningen.html)
    original: str | None  # the report as first published, where the missing figure is
    about: str  # "Over deze digitale editie", which lists the missing figures

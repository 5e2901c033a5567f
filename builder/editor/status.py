"""`stand status`: how far an edition is: missing knelpunten, unanswered ones, words, open markers.

Works on content that still has errors: it reads what load and validate accept and counts the
files it had to skip, so an editor can see progress halfway through writing.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markdown_it.token import Token

from builder.content.body import Body
from builder.content.layout import place
from builder.content.load import SourceFile, load
from builder.content.placeholders import MARKER, find_placeholders
from builder.content.validate import Validated, validate
from builder.errors import FieldPath, Severity
from builder.messages import command_text
from schema.speelveld import ELEMENTS

WORD = re.compile(r"\w+(?:[-’']\w+)*")
MARKER_TEXT = re.compile(re.escape(MARKER), re.IGNORECASE)


@dataclass(frozen=True)
class CaseStatus:
    number: int
    id: str
    path: PurePosixPath
    words: int
    missing_elements: list[str]  # elements without a knelpunt
    unanswered: list[tuple[str, str, str | None]]  # knelpunt id, element, zonder_antwoord


@dataclass(frozen=True)
class ThreadStatus:
    order: int
    id: str
    element: str
    path: PurePosixPath
    words: int
    recommendations: int


@dataclass(frozen=True)
class Marker:
    path: PurePosixPath
    line: int
    where: str  # the field ('knelpunten[0].kernzin') or the body section ('## Kader')


@dataclass
class EditionStatus:
    year: int
    status: str | None  # concept | gepubliceerd; None when the edition file has errors
    cases: list[CaseStatus] = field(default_factory=list)
    threads: list[ThreadStatus] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    skipped: list[PurePosixPath] = field(default_factory=list)  # files with errors


class StatusError(Exception):
    """No status to show; the message is Dutch and shown to the editor as is."""


def read_status(root: Path, year: int | None = None) -> EditionStatus:
    """The status of edition `year`, by default the newest one with content."""
    sources, load_errors = load(root)
    years = sorted({source.year for source in sources})
    if not years:
        raise StatusError(command_text("status.geen-inhoud"))
    year = years[-1] if year is None else year
    if year not in years:
        listed = ", ".join(str(y) for y in years)
        raise StatusError(command_text("status.geen-editie", year=year, listed=listed))
    status = collect_status([s for s in sources if s.year == year], year)
    unreadable = {e.file for e in load_errors if _year_of(e.file) == year}
    status.skipped = sorted(unreadable | set(status.skipped))
    return status


def read_all_statuses(root: Path) -> list[EditionStatus]:
    """The status of every edition with content, oldest first."""
    sources, _ = load(root)
    years = sorted({source.year for source in sources})
    if not years:
        raise StatusError(command_text("status.geen-inhoud"))
    return [read_status(root, year) for year in years]


def collect_status(sources: list[SourceFile], year: int) -> EditionStatus:
    validated, errors = validate(sources)
    edition = next((d.model for d in validated.editions), None)
    result = EditionStatus(year, edition.status if edition else None)
    result.skipped = sorted({e.file for e in errors if e.severity is Severity.ERROR})
    result.cases = _cases(validated)
    result.threads = _threads(validated)
    for source in sources:
        result.markers += _markers(source)
    return result


def _year_of(file: PurePosixPath) -> int | None:
    placed = place(file)
    return placed[1] if placed else None


def _cases(validated: Validated) -> list[CaseStatus]:
    cases = []
    for document in sorted(validated.cases, key=lambda d: d.model.number):
        case = document.model
        present = {b.element.value for b in case.bottlenecks}
        cases.append(
            CaseStatus(
                number=case.number,
                id=case.id,
                path=document.path,
                words=count_words(document.body),
                missing_elements=[i.element.value for i in ELEMENTS if i.element not in present],
                unanswered=[
                    (b.id, b.element.value, b.no_answer_reason)
                    for b in case.bottlenecks
                    if not b.answered_by
                ],
            )
        )
    return cases


def _threads(validated: Validated) -> list[ThreadStatus]:
    return [
        ThreadStatus(
            order=d.model.order,
            id=d.model.id,
            element=d.model.element.value,
            path=d.path,
            words=count_words(d.body) + sum(count_words(t) for t in d.texts.values()),
            recommendations=len(d.model.recommendations),
        )
        for d in sorted(validated.threads, key=lambda d: d.model.order)
    ]


def count_words(body: Body | None) -> int:
    """Words of the text itself: headings, footnotes and "nog in te vullen" markers left out."""
    if body is None:
        return 0
    return sum(len(WORD.findall(MARKER_TEXT.sub(" ", text))) for text in _texts(body.tokens))


def _texts(tokens: list[Token]) -> Iterator[str]:
    skipped = 0  # depth inside headings and the footnote list
    for token in tokens:
        if token.type in ("heading_open", "footnote_block_open"):
            skipped += 1
        elif token.type in ("heading_close", "footnote_block_close"):
            skipped -= 1
        elif token.type == "inline" and not skipped:
            yield from (
                c.content for c in token.children or [] if c.type in ("text", "code_inline")
            )


def _markers(source: SourceFile) -> list[Marker]:
    lines = source.body.split("\n")
    markers = []
    for warning in find_placeholders(source):
        line = warning.line or 1
        if warning.field:
            where = _field_label(warning.field)
        else:
            where = _section_at(lines, line - source.body_line)
        markers.append(Marker(source.path, line, where))
    return markers


def _field_label(path: FieldPath) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def _section_at(lines: list[str], index: int) -> str:
    for line in reversed(lines[: index + 1]):
        if line.startswith("## "):
            return line.strip()
    return "tekst"


def format_status(status: EditionStatus) -> str:
    """Dutch, table-like text for the terminal."""
    out = [_heading(status)]
    if status.skipped:
        files = ", ".join(str(p) for p in status.skipped)
        out += [f"Overgeslagen wegens fouten (zie ‘stand check’): {files}", ""]
    out += _case_table(status.cases)
    out += _unanswered_table(status.cases)
    out += _thread_table(status.threads)
    out += _marker_list(status.markers)
    return "\n".join(out).rstrip("\n") + "\n"


MARKDOWN_MARKERS = 20  # a job summary lists the first open places, not hundreds


def format_markdown(statuses: list[EditionStatus]) -> str:
    """A Markdown summary for a pull request's job summary: one row per edition, then the
    open places of every edition that still has them."""
    out = [
        "## Stand van de edities",
        "",
        "| Editie | Status | Casussen | Rode draden | Nog in te vullen | Met fouten |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    out += [
        f"| {s.year} | {s.status or '?'} | {len(s.cases)} | {len(s.threads)} "
        f"| {len(s.markers)} | {len(s.skipped)} |"
        for s in statuses
    ]
    for status in (s for s in statuses if s.markers):
        out += ["", f"### Nog in te vullen in editie {status.year}", ""]
        out += [
            f"- `{m.path}:{m.line}` {_markdown_text(m.where)}"
            for m in status.markers[:MARKDOWN_MARKERS]
        ]
        if len(status.markers) > MARKDOWN_MARKERS:
            out.append(f"- … en nog {len(status.markers) - MARKDOWN_MARKERS} plekken")
    return "\n".join(out) + "\n"


def _markdown_text(text: str) -> str:
    """Text in a Markdown list item: no markup, no HTML."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _heading(status: EditionStatus) -> str:
    state = f" ({status.status})" if status.status else ""
    cases = _count(len(status.cases), "casus", "casussen")
    threads = _count(len(status.threads), "rode draad", "rode draden")
    title = f"Editie {status.year}{state}: {cases}, {threads}"
    return f"{title}\n{'=' * len(title)}\n"


def _case_table(cases: list[CaseStatus]) -> list[str]:
    if not cases:
        return ["Casussen: nog geen.", ""]
    rows = [
        [
            str(c.number),
            c.id,
            str(c.words),
            ", ".join(c.missing_elements) or "–",
            str(len(c.unanswered)),
        ]
        for c in cases
    ]
    headers = ["nr", "casus", "woorden", "elementen zonder knelpunt", "zonder antwoord"]
    return ["Casussen", *table(headers, rows, right={0, 2, 4}), ""]


def _unanswered_table(cases: list[CaseStatus]) -> list[str]:
    rows = [
        [knelpunt, element, _shorten(reason) if reason else "(geen wat_is_nodig of reden)"]
        for c in cases
        for knelpunt, element, reason in c.unanswered
    ]
    if not rows:
        return ["Knelpunten zonder aanbeveling: geen.", ""]
    headers = ["knelpunt", "element", "zonder_antwoord"]
    return ["Knelpunten zonder aanbeveling", *table(headers, rows), ""]


def _thread_table(threads: list[ThreadStatus]) -> list[str]:
    if not threads:
        return ["Rode draden: nog geen.", ""]
    rows = [[str(t.order), t.id, t.element, str(t.words), str(t.recommendations)] for t in threads]
    headers = ["nr", "rode draad", "element", "woorden", "aanbevelingen"]
    return ["Rode draden", *table(headers, rows, right={0, 3, 4}), ""]


def _marker_list(markers: list[Marker]) -> list[str]:
    if not markers:
        return ["Nog in te vullen: niets meer."]
    rows = [[f"{m.path}:{m.line}", m.where] for m in markers]
    return [f"Nog in te vullen ({len(markers)})", *table(["plek", "waar"], rows)]


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    """Columns padded to their widest cell; numbers (columns in `right`) aligned right."""
    right = right or set()
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return ("  " + "  ".join(padded)).rstrip()

    return [line(headers), "  " + "  ".join("-" * w for w in widths), *map(line, rows)]


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"

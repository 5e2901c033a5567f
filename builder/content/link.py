"""Stage 3: resolve every reference per edition and build the two-way index (+ link errors)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from builder.content.body import Body, Reference
from builder.content.layout import RESERVED_CHAPTER_IDS
from builder.content.library import Citation, EditionLibrary, Library
from builder.content.link_editions import link_editions
from builder.content.validate import Document, Validated
from builder.errors import ContentError, FieldPath
from builder.messages import (
    FIXED_PAGE,
    KIND_NAMES,
    known_ids_hint,
    make_error,
    quoted_list,
    suggest,
)
from schema import Case, Chapter, Edition, Source, Thread
from schema.speelveld import ELEMENTS

# A link scheme that names the ids of another kind.
SCHEME_KIND = {"aanbeveling": "wat-is-nodig"}


@dataclass(frozen=True)
class Owner:
    """Where an id is declared: for 'already used by' messages."""

    kind: str
    file: PurePosixPath
    line: int


def link(validated: Validated) -> tuple[Library, list[ContentError]]:
    library = Library()
    errors: list[ContentError] = []
    by_year: dict[int, Validated] = defaultdict(Validated)
    for attr in ("editions", "cases", "threads", "chapters", "sources"):
        for document in getattr(validated, attr):
            getattr(by_year[document.year], attr).append(document)
    # every edition's ids first: a body may link to an earlier edition (`casus:2022/pim`)
    declared = {year: _declare_ids(year, part) for year, part in by_year.items()}
    for year, part in sorted(by_year.items()):
        if not part.editions:
            first = _first_file(part)
            errors.append(make_error("link.unknown-edition", first, 1, 1, year=year))
            continue
        earlier = {y: d[0] for y, d in declared.items() if y < year and by_year[y].editions}
        ids, more = declared[year]
        errors.extend(more)
        edition_library, more = link_edition(year, part.editions[0].model, part, ids, earlier)
        library.editions[year] = edition_library
        errors.extend(more)
    errors += link_editions(validated, library)
    return library, errors


def link_edition(
    year: int, edition: Edition, part: Validated, ids: "Ids", earlier: dict[int, "Ids"]
) -> tuple[EditionLibrary, list[ContentError]]:
    """Link one edition's documents, whose ids (`ids`) were declared by link()."""
    lib = EditionLibrary(
        year=year,
        edition=edition,
        cases=sorted(part.cases, key=lambda d: d.model.number),
        threads=sorted(part.threads, key=lambda d: d.model.order),
        chapters=sorted(part.chapters, key=lambda d: d.model.order),
        sources=[s for d in part.sources for s in d.model.root],
    )
    errors = _check_chapter_ids(year, part.chapters)
    errors += _check_case_numbers(year, part.cases)
    for case in lib.cases:
        errors += _link_case(lib, case, ids)
    for thread in lib.threads:
        errors += _link_thread(lib, thread, ids)
    for chapter in lib.chapters:
        errors += _check_charts(chapter, ids)
    pages: list[Document[Case] | Document[Thread] | Document[Chapter]] = [
        *lib.cases,
        *lib.threads,
        *lib.chapters,
    ]
    for page in pages:
        errors += _link_bodies(lib, page, ids, earlier)
    return lib, errors


Ids = dict[str, dict[str, Owner]]  # kind -> id -> where it is declared


def _declare_ids(year: int, part: Validated) -> tuple[Ids, list[ContentError]]:
    """One id namespace per edition: ids become anchors and URLs, so they may never clash."""
    ids: dict[str, dict[str, Owner]] = {kind: {} for kind in KIND_NAMES}
    seen: dict[str, Owner] = {}
    errors = []
    for kind, key, document, path in _declarations(part):
        owner = Owner(kind, document.path, document.position(path)[0])
        if key in seen:
            other = seen[key]
            errors.append(
                document.error(
                    "link.duplicate-id",
                    path,
                    id=key,
                    year=year,
                    other=f"{KIND_NAMES[other.kind]} in {other.file}:{other.line}",
                )
            )
            continue
        seen[key] = owner
        ids[kind][key] = owner
    return ids, errors


def _declarations(
    part: Validated,
) -> Iterable[
    tuple[
        str,
        str,
        Document[Case] | Document[Thread] | Document[Chapter] | Document[Source],
        FieldPath,
    ]
]:
    for case in part.cases:
        yield "casus", case.model.id, case, ("id",)
        for index, bottleneck in enumerate(case.model.bottlenecks):
            yield "knelpunt", bottleneck.id, case, ("knelpunten", index, "id")
    for thread in part.threads:
        yield "rode-draad", thread.model.id, thread, ("id",)
        for index, recommendation in enumerate(thread.model.recommendations):
            yield "wat-is-nodig", recommendation.id, thread, ("wat_is_nodig", index, "id")
    for chapter in part.chapters:
        yield "hoofdstuk", chapter.model.id, chapter, ("id",)
    for sources in part.sources:
        for index, source in enumerate(sources.model.root):
            yield "bron", source.id, sources, (index, "id")  # type: ignore[misc]


def _check_chapter_ids(year: int, chapters: list[Document[Chapter]]) -> list[ContentError]:
    """A chapter's page is "<id>/": it may not take the place of a fixed page of the site."""
    return [
        chapter.error(
            "link.duplicate-id",
            ("id",),
            id=chapter.model.id,
            year=year,
            other=FIXED_PAGE.format(id=chapter.model.id),
        )
        for chapter in chapters
        if chapter.model.id in RESERVED_CHAPTER_IDS
    ]


def _check_case_numbers(year: int, cases: list[Document[Case]]) -> list[ContentError]:
    errors = []
    numbers: dict[int, PurePosixPath] = {}
    for case in cases:
        number = case.model.number
        if number in numbers:
            errors.append(
                case.error(
                    "link.duplicate-number",
                    ("nummer",),
                    number=number,
                    year=year,
                    other=str(numbers[number]),
                )
            )
        numbers.setdefault(number, case.path)
    return errors


def _link_case(
    lib: EditionLibrary, document: Document[Case], ids: dict[str, dict[str, Owner]]
) -> list[ContentError]:
    case = document.model
    errors = []
    for index, bottleneck in enumerate(case.bottlenecks):
        lib.case_of_bottleneck[bottleneck.id] = case.id
        where: FieldPath = ("knelpunten", index)
        found = []
        for ref_index, target in enumerate(bottleneck.answered_by):
            path: FieldPath = (*where, "wat_is_nodig", ref_index)
            if (*path, "id") in document.positions:  # written as {id: ..., herkomst: ...}
                path = (*path, "id")
            error = _unknown(document, path, "wat-is-nodig", target, ids, lib.year)
            if error:
                errors.append(error)
            else:
                found.append(target)
                lib.answered.setdefault(target, []).append(bottleneck.id)
        lib.answers[bottleneck.id] = found
        if not bottleneck.answered_by and bottleneck.no_answer_reason is None:
            errors.append(
                make_error(
                    "link.unanswered",
                    document.path,
                    *document.position((*where, "id")),
                    field=where,
                    id=bottleneck.id,
                )
            )
    present = {b.element for b in case.bottlenecks}
    errors.extend(
        document.error(
            "link.missing-element",
            ("knelpunten",),
            case=case.id,
            element=info.element.value,
        )
        for info in ELEMENTS
        if info.element not in present
    )
    return errors


def _link_thread(
    lib: EditionLibrary, document: Document[Thread], ids: dict[str, dict[str, Owner]]
) -> list[ContentError]:
    thread = document.model
    errors = []
    for recommendation in thread.recommendations:
        lib.thread_of_recommendation[recommendation.id] = thread.id
        lib.answered.setdefault(recommendation.id, [])
    for index, case_id in enumerate(thread.cases):
        error = _unknown(document, ("casussen", index), "casus", case_id, ids, lib.year)
        if error:
            errors.append(error)
        else:
            lib.threads_naming_case.setdefault(case_id, []).append(thread.id)
    return errors


def _check_charts(chapter: Document[Chapter], ids: Ids) -> list[ContentError]:
    errors = []
    for index, chart in enumerate(chapter.model.charts):
        if chart.source_id is not None:
            error = _unknown(
                chapter, ("grafieken", index, "bron"), "bron", chart.source_id, ids, chapter.year
            )
            errors += [error] if error else []
    return errors


def _link_bodies(
    lib: EditionLibrary,
    document: Document[Case] | Document[Thread] | Document[Chapter],
    ids: Ids,
    earlier: dict[int, Ids],
) -> list[ContentError]:
    kind = {Case: "casus", Thread: "rode-draad", Chapter: "hoofdstuk"}[type(document.model)]
    errors = []
    bodies: list[Body] = [b for b in (document.body, *document.texts.values()) if b is not None]
    for reference in (r for body in bodies for r in body.references):
        error = _unknown_reference(document, reference, ids, lib.year, earlier)
        if error:
            errors.append(error)
        elif reference.scheme == "bron" and "/" not in reference.target:
            citation = Citation(kind, document.model.id, reference.footnote)
            places = lib.citations.setdefault(reference.target, [])
            if citation not in places:
                places.append(citation)
    return errors


def _unknown(
    document: Document[Case] | Document[Thread] | Document[Chapter],
    path: FieldPath,
    kind: str,
    target: str,
    ids: dict[str, dict[str, Owner]],
    year: int,
) -> ContentError | None:
    if target in ids[kind]:
        return None
    known = sorted(ids[kind])
    return document.error(
        "link.unknown-id",
        path,
        kind=KIND_NAMES[kind].capitalize(),
        id=target,
        year=year,
        suggestion=_known_hint(target, known, kind),
    )


def _unknown_reference(
    document: Document[Case] | Document[Thread] | Document[Chapter],
    reference: Reference,
    ids: Ids,
    year: int,
    earlier: dict[int, Ids],
) -> ContentError | None:
    kind = SCHEME_KIND.get(reference.scheme, reference.scheme)
    other, slash, target = reference.target.rpartition("/")
    if slash:  # `casus:2022/pim`: an item of an earlier edition
        if not other.isdigit() or int(other) not in earlier:
            return make_error(
                "link.other-edition",
                document.path,
                reference.line,
                1,
                href=reference.href,
                edition=other,
                year=year,
                editions=quoted_list([str(y) for y in sorted(earlier)]) or "geen",
                year_before=year - 1,
            )
        ids, year = earlier[int(other)], int(other)
    if target in ids[kind]:
        return None
    known = sorted(ids[kind])
    return make_error(
        "link.unknown-id",
        document.path,
        reference.line,
        reference.column,
        kind=KIND_NAMES[kind].capitalize(),
        id=target,
        year=year,
        suggestion=_known_hint(target, known, kind),
    )


def _known_hint(target: str, known: list[str], kind: str) -> str:
    close = suggest(target, known)
    if close:
        return close.strip()
    return known_ids_hint(kind, known)


def _first_file(part: Validated) -> PurePosixPath:
    paths: list[PurePosixPath] = [
        d.path for attr in ("cases", "threads", "chapters", "sources") for d in getattr(part, attr)
    ]
    return min(paths)

"""Stage 3b: links between editions: `vorige` predecessors and the follow-up of recommendations."""

from collections.abc import Iterable
from dataclasses import dataclass

from builder.content.library import EditionLibrary, FollowUpStatus, ItemKey, Library
from builder.content.validate import Document, Validated
from builder.errors import ContentError, FieldPath, Severity
from builder.messages import CONTINUED, EARLIER_FOLLOW_UP, KIND_NAMES, quoted_list
from schema import Case, Edition, Thread
from schema.edition import ENDED_STATUSES, FOLLOW_UP_STATUSES, FollowUp

AnyDocument = Document[Case] | Document[Thread] | Document[Edition]


def link_editions(validated: Validated, library: Library) -> list[ContentError]:
    errors = []
    ids = {
        (year, kind): kinds
        for year, lib in library.editions.items()
        for kind, kinds in _ids_by_kind(lib).items()
    }
    places: dict[ItemKey, Place] = {}  # a continued recommendation -> where `vorige` says so
    for document, path, kind, own_key, reference in _predecessors(validated):
        target = _parse(reference)
        if target[0] >= own_key[0] or target[1] not in ids.get((target[0], kind), set()):
            errors.append(_unknown(document, path, kind, reference))
            continue
        library.predecessor[own_key] = target
        library.successors.setdefault(target, []).append(own_key)
        if kind == "wat-is-nodig":
            places.setdefault(target, Place(document, path))
    for edition in validated.editions:
        errors += _follow_up(edition, library, ids, places)
    return errors


@dataclass(frozen=True)
class Place:
    document: "AnyDocument"
    path: FieldPath

    def __str__(self) -> str:
        return f"{self.document.path}:{self.document.position(self.path)[0]}"


def _ids_by_kind(lib: EditionLibrary) -> dict[str, set[str]]:
    return {
        "casus": {d.model.id for d in lib.cases},
        "knelpunt": set(lib.case_of_bottleneck),
        "rode-draad": {d.model.id for d in lib.threads},
        "wat-is-nodig": set(lib.thread_of_recommendation),
    }


def _predecessors(
    validated: Validated,
) -> Iterable[tuple[AnyDocument, FieldPath, str, ItemKey, str]]:
    for case in validated.cases:
        if case.model.predecessor:
            yield case, ("vorige",), "casus", (case.year, case.model.id), case.model.predecessor
        for i, b in enumerate(case.model.bottlenecks):
            if b.predecessor:
                yield (
                    case,
                    ("knelpunten", i, "vorige"),
                    "knelpunt",
                    (case.year, b.id),
                    b.predecessor,
                )
    for thread in validated.threads:
        if thread.model.predecessor:
            yield (
                thread,
                ("vorige",),
                "rode-draad",
                (thread.year, thread.model.id),
                thread.model.predecessor,
            )
        for i, r in enumerate(thread.model.recommendations):
            if r.predecessor:
                yield (
                    thread,
                    ("wat_is_nodig", i, "vorige"),
                    "wat-is-nodig",
                    (thread.year, r.id),
                    r.predecessor,
                )


def _follow_up(
    edition: Document[Edition],
    library: Library,
    ids: dict[tuple[int, str], set[str]],
    places: dict[ItemKey, Place],
) -> list[ContentError]:
    """One status per recommendation of the previous edition, from `opvolging:` entries and
    `vorige:` links together; a conflict names both places, a gap is reported."""
    year = edition.model.year
    allowed = [*FOLLOW_UP_STATUSES, *edition.model.follow_up_statuses]
    errors = []
    judged: dict[ItemKey, int] = {}
    for index, entry in enumerate(edition.model.follow_up):
        target = _parse(entry.recommendation)
        path: FieldPath = ("opvolging", index, "aanbeveling")
        if target[0] >= year or target[1] not in ids.get((target[0], "wat-is-nodig"), set()):
            errors.append(_unknown(edition, path, "wat-is-nodig", entry.recommendation))
            continue
        error = _conflict(edition, index, entry, judged.get(target), places.get(target), allowed)
        judged.setdefault(target, index)  # reported once, here: not 'missing' as well
        if error is not None:
            errors.append(error)
            continue
        successors = _successors_in(library, target, year)
        library.follow_up[(year, target)] = FollowUpStatus(
            entry.status, entry.explanation, successors
        )
    previous = max((y for y in library.editions if y < year), default=None)
    if previous is None:
        return errors
    for rec_id in library.editions[previous].thread_of_recommendation:
        target = (previous, rec_id)
        successors = _successors_in(library, target, year)
        if target in judged:
            continue
        if successors:
            library.follow_up[(year, target)] = FollowUpStatus("aanhoudend", None, successors)
            continue
        errors.append(_missing(edition, f"{previous}/{rec_id}"))
    return errors


def _successors_in(library: Library, target: ItemKey, year: int) -> tuple[str, ...]:
    return tuple(key[1] for key in library.successors.get(target, []) if key[0] == year)


def _conflict(
    edition: Document[Edition],
    index: int,
    entry: FollowUp,
    earlier_entry: int | None,
    continued: Place | None,
    allowed: list[str],
) -> ContentError | None:
    if entry.status not in allowed:
        return edition.error(
            "opvolging.unknown-status",
            ("opvolging", index, "status"),
            status=entry.status,
            allowed=quoted_list(allowed),
        )
    if earlier_entry is not None:
        other = Place(edition, ("opvolging", earlier_entry, "aanbeveling"))
        return edition.error(
            "opvolging.conflict",
            ("opvolging", index, "aanbeveling"),
            reference=entry.recommendation,
            status=entry.status,
            other=EARLIER_FOLLOW_UP.format(other=other),
        )
    ended = entry.status in ENDED_STATUSES
    if ended and continued is not None and continued.document.year == edition.model.year:
        return edition.error(
            "opvolging.conflict",
            ("opvolging", index, "status"),
            reference=entry.recommendation,
            status=entry.status,
            other=CONTINUED.format(reference=entry.recommendation, place=continued),
        )
    return None


def _missing(edition: Document[Edition], reference: str) -> ContentError:
    published = edition.model.status == "gepubliceerd"
    return edition.error(
        "opvolging.missing",
        # at the list, also an empty one (`opvolging: []`); without one at the year
        ("opvolging",) if ("opvolging",) in edition.positions else ("jaar",),
        reference=reference,
        severity=Severity.ERROR if published else Severity.WARNING,
    )


def _parse(reference: str) -> ItemKey:
    year, _, item = reference.partition("/")
    return int(year), item


def _unknown(document: AnyDocument, path: FieldPath, kind: str, reference: str) -> ContentError:
    return document.error(
        "link.unknown-predecessor",
        path,
        reference=reference,
        kind=KIND_NAMES[kind],
    )

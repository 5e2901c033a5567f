"""Stage 3b: links between editions: `vorige` predecessors and the follow-up of recommendations."""

from collections.abc import Iterable

from builder.content.library import EditionLibrary, FollowUpStatus, ItemKey, Library
from builder.content.validate import Document, Validated
from builder.errors import ContentError, FieldPath
from builder.messages import KIND_NAMES
from schema import Case, Edition, Thread

AnyDocument = Document[Case] | Document[Thread] | Document[Edition]


def link_editions(validated: Validated, library: Library) -> list[ContentError]:
    errors = []
    ids = {
        (year, kind): kinds
        for year, lib in library.editions.items()
        for kind, kinds in _ids_by_kind(lib).items()
    }
    for document, path, kind, own_key, reference in _predecessors(validated):
        target = _parse(reference)
        if target[0] >= own_key[0] or target[1] not in ids.get((target[0], kind), set()):
            errors.append(_unknown(document, path, kind, reference))
            continue
        library.predecessor[own_key] = target
        library.successors.setdefault(target, []).append(own_key)
    for edition in validated.editions:
        errors += _follow_up(edition, library, ids)
    return errors


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
    edition: Document[Edition], library: Library, ids: dict[tuple[int, str], set[str]]
) -> list[ContentError]:
    year = edition.model.year
    errors = []
    for index, entry in enumerate(edition.model.follow_up):
        target = _parse(entry.recommendation)
        path: FieldPath = ("opvolging", index, "aanbeveling")
        if target[0] >= year or target[1] not in ids.get((target[0], "wat-is-nodig"), set()):
            errors.append(_unknown(edition, path, "wat-is-nodig", entry.recommendation))
            continue
        library.follow_up[(year, target)] = FollowUpStatus(entry.status, entry.explanation)
    return errors


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

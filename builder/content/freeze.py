"""Published editions are frozen: their content may change only with a logged correction.

`vastgelegd: sha256:<hex>:<n>` in content/edities/<jaar>.yml records the content's fingerprint
and the number of corrections at the time; content/edities/<jaar>.vastgelegd lists the digest of
every file it covers, so that a change can be traced to its files. `stand vastleggen <jaar>`
writes both.
"""

import hashlib
import re
from pathlib import Path, PurePosixPath

from builder.content.layout import FREEZE_LIST_SUFFIX
from builder.content.load import read_regular_file
from builder.content.validate import Document, Validated
from builder.errors import ContentError
from builder.messages import FREEZE_LIST_HEADER, build_text, frozen_changes_text
from schema import Edition

FINGERPRINT_LINE = re.compile(r"^vastgelegd:.*$", re.M)
LIST_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")
LIST_LIMIT = 1024 * 1024


def file_digests(part: Validated) -> dict[str, str]:
    """Per content file of an edition (its own edition file excepted) the digest of its text."""
    documents: list[Document] = [*part.cases, *part.threads, *part.chapters, *part.sources]  # type: ignore[type-arg]
    return {str(d.path): d.digest for d in sorted(documents, key=lambda d: str(d.path))}


def fingerprint_of(digests: dict[str, str]) -> str:
    """One hash over the files' names and digests, in path order."""
    digest = hashlib.sha256()
    for path in sorted(digests):
        digest.update(f"{PurePosixPath(path).name}\0{digests[path]}\n".encode())
    return digest.hexdigest()


def edition_part(validated: Validated, year: int) -> Validated:
    """The documents of one edition."""
    return Validated(
        editions=[d for d in validated.editions if d.year == year],
        cases=[d for d in validated.cases if d.year == year],
        threads=[d for d in validated.threads if d.year == year],
        chapters=[d for d in validated.chapters if d.year == year],
        sources=[d for d in validated.sources if d.year == year],
    )


def check_frozen_editions(root: Path, validated: Validated) -> list[ContentError]:
    """An error for every frozen edition whose content changed, naming the changed files."""
    errors: list[ContentError] = []
    for edition in validated.editions:
        recorded = edition.model.fingerprint
        if edition.model.status != "gepubliceerd" or not recorded:
            continue
        current = file_digests(edition_part(validated, edition.model.year))
        recorded_hash = recorded.rsplit(":", 1)[0]
        if recorded_hash == f"sha256:{fingerprint_of(current)}":
            continue
        listed = read_freeze_list(root / freeze_list_path(edition.path)) or {}
        # a list written for another fingerprint cannot say what changed
        known = f"sha256:{fingerprint_of(listed)}" == recorded_hash
        changes = frozen_changes_text(
            changed=[p for p in current if known and p in listed and listed[p] != current[p]],
            added=[p for p in current if known and p not in listed],
            removed=[p for p in listed if known and p not in current],
            known=known,
            list_file=str(freeze_list_path(edition.path)),
        )
        errors.append(
            edition.error(
                "editie.gewijzigd", ("vastgelegd",), year=edition.model.year, changes=changes
            )
        )
    return errors


def freeze_list_path(edition_file: PurePosixPath) -> PurePosixPath:
    return edition_file.with_suffix(FREEZE_LIST_SUFFIX)


def read_freeze_list(path: Path) -> dict[str, str] | None:
    """The recorded digests, or None when the list is missing or not in its format."""
    try:
        text = read_regular_file(path, LIST_LIMIT).decode("utf-8-sig")
    except (OSError, ValueError):  # missing, not a regular file, too large, not UTF-8
        return None
    digests: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = LIST_LINE.match(line)
        if match is None:
            return None
        digests[match[2]] = match[1]
    return digests


def freeze(edition_file: Path, edition: Edition, part: Validated) -> str | None:
    """Record fingerprint and file list; a Dutch reason instead when no correction was logged."""
    recorded = edition.fingerprint
    corrections = len(edition.corrections)
    digests = file_digests(part)
    fingerprint = f"sha256:{fingerprint_of(digests)}"
    if recorded and recorded.rsplit(":", 1)[0] != fingerprint:
        logged_then = int(recorded.rsplit(":", 1)[1])
        if corrections <= logged_then:
            return build_text("vastleggen.geen-correctie", year=edition.year)
    line = f"vastgelegd: {fingerprint}:{corrections}"
    text = edition_file.read_text(encoding="utf-8")
    if FINGERPRINT_LINE.search(text):
        text = FINGERPRINT_LINE.sub(line, text, count=1)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    listing = "".join(f"{digest}  {path}\n" for path, digest in digests.items())
    header = FREEZE_LIST_HEADER.format(year=edition.year)
    edition_file.with_suffix(FREEZE_LIST_SUFFIX).write_text(header + listing, encoding="utf-8")
    edition_file.write_text(text, encoding="utf-8")
    return None

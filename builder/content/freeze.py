"""Published editions are frozen: their content may change only with a logged correction.

`vastgelegd: sha256:<hex>:<n>` in content/edities/<jaar>.yml records the content's fingerprint
and the number of corrections at the time; `stand vastleggen <jaar>` writes it.
"""

import hashlib
import re
from pathlib import Path

from builder.content.validate import Document, Validated
from builder.errors import ContentError
from schema import Edition

FINGERPRINT_LINE = re.compile(r"^vastgelegd:.*$", re.M)


def content_fingerprint(part: Validated) -> str:
    """One hash over every content file of an edition except its own edition file."""
    documents: list[Document] = [*part.cases, *part.threads, *part.chapters, *part.sources]  # type: ignore[type-arg]
    digest = hashlib.sha256()
    for document in sorted(documents, key=lambda d: str(d.path)):
        digest.update(f"{document.path.name}\0{document.digest}\n".encode())
    return digest.hexdigest()


def check_frozen(edition: Document[Edition], part: Validated) -> list[ContentError]:
    recorded = edition.model.fingerprint
    if edition.model.status != "gepubliceerd" or not recorded:
        return []
    expected = f"sha256:{content_fingerprint(part)}"
    if recorded.rsplit(":", 1)[0] == expected:
        return []
    return [
        edition.error(
            "editie.gewijzigd",
            ("vastgelegd",),
            year=edition.model.year,
        )
    ]


def freeze(edition_file: Path, edition: Edition, part: Validated) -> str | None:
    """Record the fingerprint; refuse (return a Dutch reason) when no correction was logged."""
    recorded = edition.fingerprint
    corrections = len(edition.corrections)
    fingerprint = f"sha256:{content_fingerprint(part)}"
    if recorded and recorded.rsplit(":", 1)[0] != fingerprint:
        logged_then = int(recorded.rsplit(":", 1)[1])
        if corrections <= logged_then:
            return (
                f"editie {edition.year} is gewijzigd sinds het vastleggen, maar er is geen "
                "nieuwe correctie. Voeg eerst een regel toe aan ‘correcties:’."
            )
    line = f"vastgelegd: {fingerprint}:{corrections}"
    text = edition_file.read_text(encoding="utf-8")
    if FINGERPRINT_LINE.search(text):
        text = FINGERPRINT_LINE.sub(line, text, count=1)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    edition_file.write_text(text, encoding="utf-8")
    return None

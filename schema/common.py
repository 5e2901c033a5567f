"""Shared building blocks of the content models: the base config and the slug type."""

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Ids end up in URLs and HTML anchors: lowercase words joined by single hyphens, never a path.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ContentModel(BaseModel):
    """Frontmatter model: Dutch keys through aliases, unknown keys rejected, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# A reference to the same item in an earlier edition: "2022/peter".
Predecessor = Annotated[str, StringConstraints(pattern=r"^\d{4}/[a-z0-9]+(?:-[a-z0-9]+)*$")]


# Who made a link or a niveau: the report states it, or the editors of the digital edition
# derived it. A bare id (no herkomst) is the editors' reading: never presented as the report's.
Provenance = Literal["rapport", "redactie"]
EDITORS: Provenance = "redactie"


def editors_unless_stated(key: str) -> Callable[[object], object]:
    """Before validation: a bare value `x` means {key: x, herkomst: redactie}."""

    def expand(value: object) -> object:
        return {key: value, "herkomst": EDITORS} if isinstance(value, str) else value

    return expand

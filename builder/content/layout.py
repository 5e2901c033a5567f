"""The content layout, defined once: which kind of file lives where under content/."""

import re
from enum import StrEnum
from pathlib import PurePosixPath

CONTENT = PurePosixPath("content")
GLOSSARY_FILE = CONTENT / "afkortingen.yml"


class Kind(StrEnum):
    CASE = "casus"
    THREAD = "rode-draad"
    CHAPTER = "hoofdstuk"
    SOURCES = "bronnen"
    EDITION = "editie"


# content/<folder>/<jaar>/<name>.md for Markdown kinds, content/<folder>/<jaar>.yml for YAML kinds
MARKDOWN_FOLDERS = {"casussen": Kind.CASE, "rode-draden": Kind.THREAD, "hoofdstukken": Kind.CHAPTER}
YAML_FOLDERS = {"bronnen": Kind.SOURCES, "edities": Kind.EDITION}
YEAR = re.compile(r"^\d{4}$")
IMAGE_FOLDER = "beeld"  # content/beeld/<naam>.svg: images the edition data names (logo)
EXPECTED_PLACES = (
    "content/casussen/<jaar>/<naam>.md, content/rode-draden/<jaar>/<naam>.md, "
    "content/hoofdstukken/<jaar>/<naam>.md, content/bronnen/<jaar>.yml, "
    "content/edities/<jaar>.yml of content/beeld/<naam>.svg"
)


# content/edities/<jaar>.vastgelegd: the per-file digests `stand vastleggen` records next to the
# edition file, so that a changed frozen edition can name its changed files. Not content.
FREEZE_LIST_SUFFIX = ".vastgelegd"


def is_freeze_list(inside_content: PurePosixPath) -> bool:
    parts = inside_content.parts
    return (
        len(parts) == 2
        and YAML_FOLDERS.get(parts[0]) is Kind.EDITION
        and inside_content.suffix == FREEZE_LIST_SUFFIX
        and YEAR.match(inside_content.stem) is not None
    )


def is_image(inside_content: PurePosixPath) -> bool:
    """An image is not read as content; the edition that names it is checked for it."""
    parts = inside_content.parts
    return len(parts) == 2 and parts[0] == IMAGE_FOLDER and inside_content.suffix == ".svg"


FOLDERS = {kind: folder for folder, kind in (MARKDOWN_FOLDERS | YAML_FOLDERS).items()}


def markdown_folder(kind: Kind, year: int) -> PurePosixPath:
    """Where the Markdown files of a kind live for an edition: content/casussen/2023."""
    return CONTENT / FOLDERS[kind] / str(year)


def yaml_file(kind: Kind, year: int) -> PurePosixPath:
    """The YAML file of a kind for an edition: content/edities/2023.yml."""
    return CONTENT / FOLDERS[kind] / f"{year}.yml"


def place(path: PurePosixPath) -> tuple[Kind, int] | None:
    """The kind and edition of a file by its path from the project root, if it has a place."""
    if path.parts[:1] != CONTENT.parts:
        return None
    return classify(PurePosixPath(*path.parts[1:]))


def classify(inside_content: PurePosixPath) -> tuple[Kind, int] | None:
    parts = inside_content.parts
    suffix = inside_content.suffix
    in_year = len(parts) == 3 and YEAR.match(parts[1]) is not None
    if in_year and parts[0] in MARKDOWN_FOLDERS and suffix == ".md":
        return MARKDOWN_FOLDERS[parts[0]], int(parts[1])
    if len(parts) == 2 and parts[0] in YAML_FOLDERS and suffix == ".yml":
        year = YEAR.match(inside_content.stem)
        return (YAML_FOLDERS[parts[0]], int(inside_content.stem)) if year else None
    return None


# The first path segment of every page or folder of an edition that is not a chapter. A chapter
# lives at "<id>/", so a chapter with one of these ids would overwrite that page (or, as 404, be
# deleted); the link stage refuses them. tests/test_bad_input.py checks the list is complete.
RESERVED_CHAPTER_IDS = frozenset(
    {
        "index",
        "404",
        "assets",
        "pagefind",
        "search",
        "data",  # mkdocs, pagefind, open data
        "bronnen",
        "casussen",
        "knelpunten",
        "aanbevelingen",
        "speelveld",
        "niveaus",
        "zoeken",
        "niet-gevonden",
        "opvolging",
        "toegankelijkheid",
        "afdrukken",
        "over-deze-editie",
    }
)

"""Stage 1: walk content/ and read every file into a SourceFile (+ encoding and YAML errors)."""

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

import yaml

from builder.errors import ContentError
from builder.frontmatter import (
    AliasFound,
    Composed,
    DuplicateKey,
    SplitError,
    compose,
    split,
)
from builder.messages import make_error

MAX_BYTES = 1024 * 1024  # a casus is ~40 kB; anything this big is a mistake, not content


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
EXPECTED_PLACES = (
    "content/casussen/<jaar>/<naam>.md, content/rode-draden/<jaar>/<naam>.md, "
    "content/hoofdstukken/<jaar>/<naam>.md, content/bronnen/<jaar>.yml of "
    "content/edities/<jaar>.yml"
)


@dataclass(frozen=True)
class SourceFile:
    path: PurePosixPath  # relative to the project root, as printed in reports
    kind: Kind
    year: int
    yaml: Composed
    body: str = ""
    body_line: int = 0


def load(root: Path) -> tuple[list[SourceFile], list[ContentError]]:
    sources: list[SourceFile] = []
    errors: list[ContentError] = []
    content = root / "content"
    for path in sorted(p for p in content.rglob("*") if p.is_file() and _is_content(p)):
        relative = PurePosixPath(path.relative_to(root).as_posix())
        placed = classify(PurePosixPath(path.relative_to(content).as_posix()))
        if placed is None:
            errors.append(make_error("load.misplaced", relative, expected=EXPECTED_PLACES))
            continue
        source, error = read_source(path, relative, *placed)
        if source is not None:
            sources.append(source)
        if error is not None:
            errors.append(error)
    return sources, errors


def _is_content(path: Path) -> bool:
    return not path.name.startswith((".", "_")) and path.name != "README.md"


def classify(inside_content: PurePosixPath) -> tuple[Kind, int] | None:
    parts = inside_content.parts
    if len(parts) == 3 and parts[0] in MARKDOWN_FOLDERS and YEAR.match(parts[1]):
        if inside_content.suffix == ".md":
            return MARKDOWN_FOLDERS[parts[0]], int(parts[1])
    if len(parts) == 2 and parts[0] in YAML_FOLDERS and inside_content.suffix == ".yml":
        if YEAR.match(inside_content.stem):
            return YAML_FOLDERS[parts[0]], int(inside_content.stem)
    return None


def read_source(
    path: Path, relative: PurePosixPath, kind: Kind, year: int
) -> tuple[SourceFile | None, ContentError | None]:
    text, error = _read_text(path, relative)
    if text is None:
        return None, error
    if kind in (Kind.SOURCES, Kind.EDITION):
        return _parse(relative, kind, year, text, 1, "", 0)
    try:
        parts = split(text)
    except SplitError as problem:
        return None, make_error(problem.code, relative, 1, 1)
    return _parse(relative, kind, year, parts.yaml_text, parts.yaml_line, parts.body,
                  parts.body_line)


def _read_text(path: Path, relative: PurePosixPath) -> tuple[str | None, ContentError | None]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, make_error(
                "load.too-large", relative, size=_megabytes(size), limit=_megabytes(MAX_BYTES)
            )
        raw = path.read_bytes()
    except OSError as problem:
        return None, make_error("load.unreadable", relative, reason=problem.strerror or "?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line, column = _offset_position(raw, problem.start)
        byte = f"0x{raw[problem.start]:02x}"
        return None, make_error("load.not-utf8", relative, line, column, byte=byte)
    if not text.strip():
        return None, make_error("load.empty", relative, 1, 1)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _parse(
    relative: PurePosixPath, kind: Kind, year: int, yaml_text: str, yaml_line: int,
    body: str, body_line: int,
) -> tuple[SourceFile | None, ContentError | None]:
    try:
        composed = compose(yaml_text, yaml_line)
    except AliasFound as alias:
        return None, make_error("yaml.alias", relative, *alias.position)
    except DuplicateKey as dup:
        return None, make_error(
            "yaml.duplicate-key", relative, *dup.position, field=(dup.key,), key=dup.key,
            first=dup.first[0],
        )
    except yaml.MarkedYAMLError as problem:
        return None, _yaml_error(relative, problem, yaml_line)
    except yaml.YAMLError as problem:
        return None, make_error("yaml.syntax", relative, yaml_line, 1, problem=str(problem),
                                hint="")
    return SourceFile(relative, kind, year, composed, body, body_line), None


# PyYAML explains problems in English; these are the ones editors meet, in Dutch.
YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "hier staat een dubbele punt die YAML niet verwacht",
        "Staat er ‘: ’ in een tekst? Zet de tekst dan tussen aanhalingstekens of gebruik ‘>-’.",
    ),
    "could not find expected ':'": (
        "er ontbreekt een dubbele punt na een veldnaam",
        "Schrijf elk veld als ‘sleutel: waarde’.",
    ),
    "expected <block end>": (
        "de inspringing klopt niet",
        "Velden op hetzelfde niveau beginnen in dezelfde kolom.",
    ),
    "while scanning a quoted scalar": (
        "een aanhalingsteken wordt niet afgesloten",
        "Sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint.",
    ),
}


def _yaml_error(relative: PurePosixPath, problem: yaml.MarkedYAMLError,
                yaml_line: int) -> ContentError:
    mark = problem.problem_mark or problem.context_mark
    line = yaml_line + mark.line if mark else yaml_line
    column = mark.column + 1 if mark else 1
    described = f"{problem.context or ''} {problem.problem or ''}"
    if "'\\t'" in described or "\t" in described:
        return make_error("yaml.tab", relative, line, column)
    for english, (dutch, hint) in YAML_PROBLEMS.items():
        if english in described:
            return make_error("yaml.syntax", relative, line, column, problem=dutch, hint=hint)
    return make_error("yaml.syntax", relative, line, column, problem=problem.problem or "?",
                      hint="Vergelijk de regel met een voorbeeld in de schrijfwijzer.")


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")

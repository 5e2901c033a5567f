"""Stage 1: walk content/ and read every file into a SourceFile (+ encoding and YAML errors)."""

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from builder.content.frontmatter import (
    AliasFound,
    Composed,
    DuplicateKey,
    Refused,
    SplitError,
    compose,
    split,
)
from builder.content.layout import (
    EXPECTED_PLACES,
    GLOSSARY_FILE,
    Kind,
    classify,
    is_freeze_list,
    is_image,
)
from builder.errors import ContentError
from builder.messages import (
    BROKEN_LINK,
    NOT_A_FILE,
    YAML_PROBLEMS,
    make_error,
    read_reason,
    yaml_refusal,
)

MAX_BYTES = 1024 * 1024  # a casus is ~40 kB; anything this big is a mistake, not content


@dataclass(frozen=True)
class SourceFile:
    path: PurePosixPath  # relative to the project root, as printed in reports
    kind: Kind
    year: int
    yaml: Composed
    body: str = ""
    body_line: int = 0
    # sha256 of the text with LF line ends and no BOM: published editions are frozen by it, and a
    # Windows checkout (CRLF) or an editor's BOM does not change the content
    digest: str = ""
    yaml_text: str = ""  # the frontmatter as written, for scans that can skip the data walk


@dataclass(frozen=True)
class Placed:
    """A content file at a known place: its kind and edition year come from the path."""

    path: Path
    relative: PurePosixPath
    kind: Kind
    year: int


def load(root: Path) -> tuple[list[SourceFile], list[ContentError]]:
    sources: list[SourceFile] = []
    placed, errors = content_files(root)
    for file in placed:
        source, error = read_source(file.path, file.relative, file.kind, file.year)
        if source is not None:
            sources.append(source)
        if error is not None:
            errors.append(error)
    return sources, errors


def content_files(root: Path) -> tuple[list[Placed], list[ContentError]]:
    """Every content file in path order, with errors for files that cannot be content."""
    placed: list[Placed] = []
    errors: list[ContentError] = []
    content = root / "content"
    glossary = root / GLOSSARY_FILE  # read by builder/content/glossary.py
    for path in sorted(p for p in content.rglob("*") if _is_content(p) and p != glossary):
        regular = _is_regular_file(path)  # most are: they need no more stats
        if not regular and path.is_dir():
            continue
        relative = PurePosixPath(path.relative_to(root).as_posix())
        problem = None if regular else _irregular(root, path, relative)
        if problem is not None:
            errors.append(problem)
            continue
        inside = PurePosixPath(path.relative_to(content).as_posix())
        if is_image(inside) or is_freeze_list(inside):
            continue
        place = classify(inside)
        if place is None:
            errors.append(make_error("load.misplaced", relative, expected=EXPECTED_PLACES))
            continue
        placed.append(Placed(path, relative, *place))
    return placed, errors


def _irregular(root: Path, path: Path, relative: PurePosixPath) -> ContentError | None:
    """Why a path that is no regular file cannot be content (a symlink inside is fine)."""
    if not path.is_file():  # never open it: a FIFO would block, a loop fails
        return make_error("load.unreadable", relative, reason=_not_a_file(path))
    # rglob does not descend into symlinked folders, so only a symlinked file can lead out
    if path.is_symlink() and not inside_project(root, path):
        return make_error("load.outside-project", relative)
    return None


def _is_regular_file(path: Path) -> bool:
    """A regular file itself, not a symlink (one lstat)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _not_a_file(path: Path) -> str:
    return BROKEN_LINK if path.is_symlink() and not path.exists() else NOT_A_FILE


def inside_project(root: Path, path: Path) -> bool:
    """Whether `path`, with every symlink followed, is a file in the project's content/.

    A symlink to /etc/passwd or /proc/self/environ must never be read: not as content, and
    not for the code frame of an error about it.
    """
    try:
        return path.resolve(strict=True).is_relative_to((root / "content").resolve(strict=True))
    except (OSError, RuntimeError):  # missing, a symlink loop
        return False


def _is_content(path: Path) -> bool:
    return not path.name.startswith((".", "_")) and path.name != "README.md"


def read_source(
    path: Path, relative: PurePosixPath, kind: Kind, year: int
) -> tuple[SourceFile | None, ContentError | None]:
    text, digest, error = read_text(path, relative)
    if text is None:
        return None, error
    return parse_source(relative, kind, year, text, digest)


def parse_source(
    relative: PurePosixPath, kind: Kind, year: int, text: str, digest: str
) -> tuple[SourceFile | None, ContentError | None]:
    """Split and compose a file's text (as returned by read_text)."""
    if kind in (Kind.SOURCES, Kind.EDITION):
        return _parse(relative, kind, year, text, 1, "", 0, digest)
    try:
        parts = split(text)
    except SplitError as problem:
        return None, make_error(problem.code, relative, 1, 1)
    return _parse(
        relative, kind, year, parts.yaml_text, parts.yaml_line, parts.body, parts.body_line, digest
    )


class _TooLarge(ValueError):  # a ValueError, so a reader that just skips bad files catches it
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_regular_file(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    Opened without blocking and checked on the open file itself (not by name first), so a FIFO,
    a device or a file swapped for one in between is never read. Raises OSError (errno EINVAL
    for what is not a regular file) or _TooLarge.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if status.st_size > limit:
            raise _TooLarge(status.st_size)
        # a buffer of the file's size, not of the limit: 1 MiB per file costs more than the read
        raw = _read_up_to(descriptor, status.st_size + 1)
        if len(raw) > status.st_size:  # it grows while being read: read on up to the limit
            raw += _read_up_to(descriptor, limit + 1 - len(raw))
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise _TooLarge(len(raw))
    return raw


def _read_up_to(descriptor: int, count: int) -> bytes:
    """Up to `count` bytes, fewer only at the end of the file (os.read, without a file object:
    a buffered reader per file costs more than reading a casus)."""
    chunks: list[bytes] = []
    while count > 0 and (chunk := os.read(descriptor, count)):
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def read_text(path: Path, relative: PurePosixPath) -> tuple[str | None, str, ContentError | None]:
    try:
        raw = read_regular_file(path)
    except _TooLarge as large:
        size, limit = _megabytes(large.size), _megabytes(MAX_BYTES)
        return None, "", make_error("load.too-large", relative, size=size, limit=limit)
    except OSError as problem:
        return None, "", make_error("load.unreadable", relative, reason=read_reason(problem))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line, column = _offset_position(raw, problem.start)
        byte = f"0x{raw[problem.start]:02x}"
        return None, "", make_error("load.not-utf8", relative, line, column, byte=byte)
    nul = raw.find(b"\0")
    if nul >= 0:  # valid UTF-8, but never in text: a UTF-16 file without BOM, or a binary one
        line, column = _offset_position(raw, nul)
        return None, "", make_error("load.not-utf8", relative, line, column, byte="0x00")
    if not text or text.isspace():
        return None, "", make_error("load.empty", relative, 1, 1)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest(), None


def _parse(
    relative: PurePosixPath,
    kind: Kind,
    year: int,
    yaml_text: str,
    yaml_line: int,
    body: str,
    body_line: int,
    digest: str,
) -> tuple[SourceFile | None, ContentError | None]:
    composed, error = compose_yaml(relative, yaml_text, yaml_line)
    if composed is None:
        return None, error
    return SourceFile(relative, kind, year, composed, body, body_line, digest, yaml_text), None


def read_yaml_file(
    root: Path, relative: PurePosixPath
) -> tuple[Composed | None, ContentError | None]:
    """A YAML file of the project outside the edition folders (the glossary), read like the
    rest: size limit, C loader, positions, no tags, aliases or duplicate keys, Dutch errors."""
    path = root / relative
    if not inside_project(root, path):
        return None, make_error("load.outside-project", relative)
    text, _, error = read_text(path, relative)
    if text is None:
        return None, error
    return compose_yaml(relative, text, 1)


def read_data(path: Path) -> object:
    """The YAML data of a content file (a Markdown file's frontmatter), or None when it cannot be
    read or is invalid; for tools that only look at content, like `stand new`."""
    name = PurePosixPath(path.name)
    text, _, _ = read_text(path, name)
    if text is not None and path.suffix == ".md":
        try:
            text = split(text).yaml_text
        except SplitError:
            return None
    composed = compose_yaml(name, text, 1)[0] if text is not None else None
    return composed.data if composed is not None else None


def compose_yaml(
    relative: PurePosixPath, yaml_text: str, yaml_line: int
) -> tuple[Composed | None, ContentError | None]:
    """The hardened YAML reader: every YAML text of the project goes through here."""
    try:
        return compose(yaml_text, yaml_line), None
    except AliasFound as alias:
        return None, make_error("yaml.alias", relative, *alias.position)
    except DuplicateKey as dup:
        return None, make_error(
            "yaml.duplicate-key",
            relative,
            *dup.position,
            field=dup.path,
            key=dup.key,
            first=dup.first[0],
        )
    except Refused as refused:
        return None, make_error(
            "yaml.syntax", relative, *refused.position, problem=refused.problem, hint=refused.hint
        )
    except yaml.MarkedYAMLError as problem:
        return None, _yaml_error(relative, problem, yaml_text, yaml_line)
    except yaml.reader.ReaderError as problem:
        return None, _reader_error(relative, problem, yaml_text, yaml_line)
    except yaml.YAMLError as problem:
        first = str(problem).strip().split("\n")[0]
        return None, make_error(
            "yaml.syntax", relative, yaml_line, 1, problem=f"YAML meldt ‘{first}’", hint=""
        )


def _yaml_error(
    relative: PurePosixPath, problem: yaml.MarkedYAMLError, yaml_text: str, yaml_line: int
) -> ContentError:
    described = f"{problem.context or ''} {problem.problem or ''}"
    known = next((v for english, v in YAML_PROBLEMS.items() if english in described), None)
    dutch, hint, at_context = known or (
        *yaml_refusal("onbekend", problem=problem.problem or problem.context),
        False,
    )
    mark = (problem.context_mark if at_context else None) or problem.problem_mark
    line, column = _mark_position(mark or problem.context_mark, yaml_line)
    tab = _tab_column(yaml_text, line - yaml_line)
    if tab is not None:
        return make_error("yaml.tab", relative, line, tab)
    return make_error("yaml.syntax", relative, line, column, problem=dutch, hint=hint)


def _mark_position(mark: yaml.Mark | None, yaml_line: int) -> tuple[int, int]:
    return (yaml_line + mark.line, mark.column + 1) if mark else (yaml_line, 1)


def _tab_column(yaml_text: str, index: int) -> int | None:
    """The column of a tab in the indentation of line `index`: libyaml calls it many things."""
    lines = yaml_text.split("\n")
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    return indentation.index("\t") + 1 if "\t" in indentation else None


def _reader_error(
    relative: PurePosixPath, problem: yaml.reader.ReaderError, yaml_text: str, yaml_line: int
) -> ContentError:
    """A control character (often pasted from Word or a PDF): point at it."""
    # libyaml counts the position in UTF-8 bytes, the pure-Python reader in characters
    offset = problem.position
    if isinstance(problem.character, int):
        offset = len(yaml_text.encode("utf-8")[:offset].decode("utf-8", "replace"))
        code = problem.character
    else:
        code = ord(problem.character)
    before = yaml_text[:offset]
    line = yaml_line + before.count("\n")
    column = offset - (before.rfind("\n") + 1) + 1
    invisible, hint = yaml_refusal("stuurteken", code=code)
    return make_error("yaml.syntax", relative, line, column, problem=invisible, hint=hint)


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")

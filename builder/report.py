"""Format ContentErrors like a compiler: text with code frames, GitHub annotations, or JSON."""

import json
import os
import stat
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from builder.errors import ContentError, Severity
from builder.messages import summary_text

LineReader = Callable[[str], list[str]]
FRAME_CONTEXT = 2


MAX_FRAME_BYTES = 1024 * 1024  # load refuses bigger files; their frames are not shown either


def line_reader(root: Path) -> LineReader:
    """The lines of content files for code frames, each file read once (make one per report).

    Only what load would read: a regular file inside content/ with every symlink followed. A
    symlink to /etc/passwd, a FIFO or a device never shows up in a frame (also in the overlay).
    """

    @cache
    def read_lines(relative: str) -> list[str]:
        raw = _content_bytes(root, relative)
        text = raw.decode("utf-8-sig", errors="replace") if raw is not None else ""
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if text else []

    return read_lines


def _content_bytes(root: Path, relative: str) -> bytes | None:
    try:
        path = (root / relative).resolve(strict=True)
        if not path.is_relative_to((root / "content").resolve(strict=True)):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with os.fdopen(os.open(path, flags), "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FRAME_BYTES:
                return None
            return file.read(MAX_FRAME_BYTES)
    except (OSError, RuntimeError):
        return None


def format_text(errors: Sequence[ContentError], read_lines: LineReader) -> str:
    return "".join(format_error(e, read_lines) + "\n" for e in errors)


def format_error(error: ContentError, read_lines: LineReader) -> str:
    where = str(error.file)
    if error.line is not None:
        where += f":{error.line}:{error.column or 1}"
    head = f"{where}: {error.severity}[{error.code}]: {error.message}"
    parts = [head]
    if error.line is not None:
        parts.append(code_frame(read_lines(str(error.file)), error.line, error.column or 1))
    if error.hint:
        parts.append(f"   hint: {error.hint}")
    return "\n".join(p for p in parts if p) + "\n"


# A frame shows at most this many characters of a line: a window around the column, so an error
# 1,400 characters into a paragraph shows that place, not the whole line.
FRAME_WIDTH = 120


def code_frame(lines: list[str], line: int, column: int) -> str:
    if not 1 <= line <= len(lines):
        return ""
    first, last = max(1, line - FRAME_CONTEXT), min(len(lines), line + FRAME_CONTEXT)
    width = len(str(last))
    start = max(0, column - 1 - FRAME_WIDTH // 2)  # the same window for every line shown
    out = []
    for number in range(first, last + 1):
        marker = ">" if number == line else " "
        out.append(f" {marker} {number:>{width}} | {_window(lines[number - 1], start)}".rstrip())
        if number == line:
            # keep the line's own tabs, so the caret lines up however wide a terminal shows them
            before = ("…" if start else "") + lines[number - 1][start : column - 1]
            pad = "".join(c if c == "\t" else " " for c in before)
            out.append(f"   {' ' * width} | {pad}^")
    return "\n".join(out)


def _window(text: str, start: int) -> str:
    shown = text[start : start + FRAME_WIDTH]
    return (
        ("…" if start and text[:start] else "")
        + shown
        + ("…" if len(text) > start + FRAME_WIDTH else "")
    )


def format_summary(errors: Sequence[ContentError], file_count: int) -> str:
    failures = sum(e.severity is Severity.ERROR for e in errors)
    files = len({e.file for e in errors}) if errors else file_count
    return summary_text(failures, len(errors) - failures, files)


def format_github(errors: Sequence[ContentError]) -> str:
    """GitHub Actions workflow commands, so errors show inline on the pull request."""
    lines = []
    for e in errors:
        level = "error" if e.severity is Severity.ERROR else "warning"
        # every value escaped: a file name with a newline must not start a command of its own
        props = [f"file={_escape_property(str(e.file))}"]
        if e.line is not None:
            props += [f"line={e.line}", f"col={e.column or 1}"]
        props.append(f"title={_escape_property(e.code)}")
        text = e.message + (f" Hint: {e.hint}" if e.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(text)}")
    return "".join(line + "\n" for line in lines)


def format_json(errors: Sequence[ContentError], file_count: int) -> str:
    payload = {
        "bestanden": file_count,
        "fouten": [
            {
                "code": e.code,
                "ernst": str(e.severity),
                "bestand": str(e.file),
                "regel": e.line,
                "kolom": e.column,
                "veld": list(e.field),
                "melding": e.message,
                "hint": e.hint,
            }
            for e in errors
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# GitHub's workflow-command rules (toolkit's command.ts): data escapes %, CR and LF; property
# values also ':' and ','.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

"""Format ContentErrors like a compiler: text with code frames, GitHub annotations, or JSON."""

import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from builder.errors import ContentError, Severity

LineReader = Callable[[str], list[str]]
FRAME_CONTEXT = 2


def line_reader(root: Path) -> LineReader:
    """The lines of project files for code frames, each file read once (make one per report)."""

    @cache
    def read_lines(relative: str) -> list[str]:
        try:
            text = (root / relative).read_bytes().decode("utf-8-sig", errors="replace")
        except OSError:
            return []
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    return read_lines


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


def code_frame(lines: list[str], line: int, column: int) -> str:
    if not 1 <= line <= len(lines):
        return ""
    first, last = max(1, line - FRAME_CONTEXT), min(len(lines), line + FRAME_CONTEXT)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        marker = ">" if number == line else " "
        out.append(f" {marker} {number:>{width}} | {lines[number - 1]}".rstrip())
        if number == line:
            # keep the line's own tabs, so the caret lines up however wide a terminal shows them
            pad = "".join(c if c == "\t" else " " for c in lines[number - 1][: column - 1])
            out.append(f"   {' ' * width} | {pad.ljust(column - 1)}^")
    return "\n".join(out)


def format_summary(errors: Sequence[ContentError], file_count: int) -> str:
    failures = sum(e.severity is Severity.ERROR for e in errors)
    warnings = len(errors) - failures
    if not errors:
        return f"Geen fouten in {file_count} {_plural(file_count, 'bestand', 'bestanden')}."
    files = len({e.file for e in errors})
    counts = []
    if failures:
        counts.append(f"{failures} {_plural(failures, 'fout', 'fouten')}")
    if warnings:
        counts.append(f"{warnings} {_plural(warnings, 'waarschuwing', 'waarschuwingen')}")
    return f"{' en '.join(counts)} in {files} {_plural(files, 'bestand', 'bestanden')}."


def format_github(errors: Sequence[ContentError]) -> str:
    """GitHub Actions workflow commands, so errors show inline on the pull request."""
    lines = []
    for e in errors:
        level = "error" if e.severity is Severity.ERROR else "warning"
        props = [f"file={e.file}"]
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


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

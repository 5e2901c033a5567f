"""A file replaced whole: written beside its place, then renamed over it. A reader, or a build
killed halfway, never sees half of it, and a hard link to the old file keeps the old bytes."""

from collections.abc import Callable
from pathlib import Path


def replace_file(path: Path, write: Callable[[Path], object]) -> None:
    """`write` fills a new file (the path it is given); that file then takes path's place."""
    partial = path.with_name(f".{path.name}.nieuw")
    partial.unlink(missing_ok=True)
    write(partial)
    partial.replace(path)

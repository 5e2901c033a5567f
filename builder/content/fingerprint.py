"""What the tool's own files and packages add to a cache key: the check cache, the render
cache and the edition fingerprint each hash them, so a new version never reuses old output."""

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def package_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def add_files(digest: "hashlib._Hash", paths: Iterable[Path], root: Path) -> None:
    """Each file's name (relative to `root`) and bytes, in the order given."""
    for path in paths:
        digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())


def python_files(root: Path, places: Iterable[str]) -> list[Path]:
    """The .py files of each folder (or the file itself) under `root`, in path order."""
    found = [root / place for place in places]
    return [p for f in found for p in (sorted(f.rglob("*.py")) if f.is_dir() else [f])]

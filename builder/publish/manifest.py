"""An edition's stamp: the fingerprint of its inputs and a manifest of the files it produced.

A frozen edition is carried over from the current site instead of being built again. That is
only right when its files are still the ones that build wrote: a file deleted or damaged in
site/ since then must not be carried into the next site, so reuse checks every file's size
and SHA-256 against the manifest, and no file may be added or missing.
"""

import hashlib
from pathlib import Path

STAMP_FILE = ".stand-vingerafdruk"


def _files(edition_dir: Path) -> dict[str, Path]:
    return {
        path.relative_to(edition_dir).as_posix(): path
        for path in edition_dir.rglob("*")
        if path.is_file() and not path.is_symlink() and path.name != STAMP_FILE
    }


def _entry(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return f"{digest.hexdigest()} {path.stat().st_size}"


def manifest(edition_dir: Path) -> list[str]:
    """'sha256 size path' for every file, sorted by path."""
    return [f"{_entry(path)} {name}" for name, path in sorted(_files(edition_dir).items())]


def write_stamp(edition_dir: Path, fingerprint: str) -> None:
    lines = [fingerprint, *manifest(edition_dir)]
    (edition_dir / STAMP_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def intact(edition_dir: Path, fingerprint: str) -> bool:
    """The edition was built from these inputs and every file is as that build wrote it."""
    stamp = edition_dir / STAMP_FILE
    try:
        recorded = stamp.read_text(encoding="utf-8").splitlines()
        return (
            bool(recorded) and recorded[0] == fingerprint and recorded[1:] == manifest(edition_dir)
        )
    except (OSError, UnicodeDecodeError):
        return False

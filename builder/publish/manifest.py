"""An edition's stamp: the fingerprint of its inputs and a manifest of the files it produced.

A frozen edition is carried over from the current site instead of being built again. That is
only right when its files are still the ones that build wrote: a file deleted or damaged in
site/ since then must not be carried into the next site, so reuse checks every file's size
and SHA-256 against the manifest, and no file may be added or missing.
"""

import hashlib
import os
from pathlib import Path

STAMP_FILE = ".stand-vingerafdruk"


def _files(edition_dir: Path) -> dict[str, str]:
    """Every regular file below edition_dir (no symlinks; not the stamp): its path in it ->
    its path.

    Read from the directory listings (os.scandir), without a stat per file: twenty editions
    hold thousands of files.
    """
    found: dict[str, str] = {}
    prefix = len(str(edition_dir)) + 1
    folders = [str(edition_dir)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False) and entry.name != STAMP_FILE:
                    found[entry.path[prefix:].replace(os.sep, "/")] = entry.path
    return found


def _entry(path: str) -> str:
    """'sha256 size' of a file; read with one system call where it can (no file object: a
    frozen edition's check reads every file of it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = [os.read(fd, os.fstat(fd).st_size + 1)]
        while chunks[-1]:  # a file that grew since its size was taken
            chunks.append(os.read(fd, 1 << 20))
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return f"{hashlib.sha256(data).hexdigest()} {len(data)}"


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

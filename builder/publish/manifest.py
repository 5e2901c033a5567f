"""An edition's stamp: the fingerprint of its inputs and a manifest of the files it produced.

A frozen edition is carried over from the current site (or kept in the recycled one,
recycle.py) instead of being built again. That is only right when its files are still the
ones that build wrote: a file deleted or damaged since then must not be carried into the next
site, so reuse checks every file's size and SHA-256 against the manifest, and no file may be
added or missing, nor anything but folders and files be there. The stamp is signed with the
user's key (as the caches in .stand-build/ are): an edition in the work dir whose stamp this
user's stand did not sign (one a checkout brought along) is built anew, never published as it
came. The live site's stamps are not asked for a signature: CI restores site/ from an earlier
run, signed with a key that is gone (docs/security.md says what that leaves open).
"""

import hashlib
import hmac
import os
import stat
from pathlib import Path

from builder.content.check_cache import sign, signing_secret
from builder.publish.whole_file import replace_file

STAMP_FILE = ".stand-vingerafdruk"
SIGNATURE = b"hmac-sha256 "  # the stamp's last line: the signature of the lines before it


class _NotPlain(Exception):
    """Something in an edition is neither a folder nor a regular file (a symlink, a fifo)."""


def _files(edition_dir: Path) -> dict[str, str]:
    """Every file below edition_dir (not the stamp): its path in it -> its path; _NotPlain
    when there is anything else.

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
                elif not entry.is_file(follow_symlinks=False):
                    raise _NotPlain(entry.path)
                elif entry.name != STAMP_FILE:
                    found[entry.path[prefix:].replace(os.sep, "/")] = entry.path
    return found


def _entry(path: str) -> str:
    """'sha256 size' of a file; read with one system call where it can (no file object: a
    frozen edition's check reads every file of it)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
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
    text = "".join(f"{line}\n" for line in [fingerprint, *manifest(edition_dir)]).encode()
    secret = signing_secret()  # None: no key can be kept; only the live site is then reused
    signature = b"" if secret is None else SIGNATURE + _sign(secret, text).hex().encode() + b"\n"
    replace_file(edition_dir / STAMP_FILE, lambda partial: partial.write_bytes(text + signature))


def intact(edition_dir: Path, fingerprint: str, signed: bool) -> bool:
    """The edition was built from these inputs and every file is as that build wrote it;
    `signed`: and its stamp was signed with this user's key (an edition in the work dir,
    which a checkout may bring: recycle.py). The live site's editions need no signature: the
    publish workflow restores its site from the cache of an earlier run, with another key.
    A symlink or file in place of the edition's folder is never intact."""
    if edition_dir.is_symlink() or not edition_dir.is_dir():
        return False
    try:
        raw = _read_stamp(edition_dir / STAMP_FILE)
        text, _, signature = raw.rpartition(b"\n" + SIGNATURE)
        text = text + b"\n" if text else raw
        if signed:
            secret = signing_secret()
            if secret is None or not hmac.compare_digest(
                _sign(secret, text), bytes.fromhex(signature.decode())
            ):
                return False
        recorded = text.decode().split("\n")[:-1]  # lines as written, whatever is in a name
        return (
            bool(recorded) and recorded[0] == fingerprint and recorded[1:] == manifest(edition_dir)
        )
    except (OSError, ValueError, _NotPlain):  # ValueError: not hex, not UTF-8
        return False


STAMP_LIMIT = 64 << 20  # bytes; a stamp lists an edition's files, a line each


def _read_stamp(path: Path) -> bytes:
    """The stamp, if it is a regular file of a stamp's size: never a symlink followed, a fifo
    waited on or a device read without end."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > STAMP_LIMIT:
            raise ValueError(path)
        return os.read(fd, status.st_size + 1)  # a stamp that grew since: a mismatch
    finally:
        os.close(fd)


def _sign(secret: bytes, text: bytes) -> bytes:
    return sign(secret, b"stand-stempel\0" + text)  # the key signs caches too: a stamp is none

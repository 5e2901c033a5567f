"""The site a build replaced is kept in the work dir, and the next build stages in it.

A build stages a whole new tree and swaps it in. Most of its editions are frozen: linking
their files into a fresh tree and deleting the replaced tree afterwards cost as much as
making the one edition that changed. So the replaced tree is moved (one rename) to
.stand-build/vorige-site/, and the next build stages in it: each edition there whose signed
stamp matches its fingerprint and whose files are intact (manifest.intact) stays as it is;
everything else in it is removed before the new site is written. A tree on another file system
than the work dir cannot be moved there, and is removed as before.
"""

import os
import shutil
import stat
from pathlib import Path

from builder.publish.manifest import intact

RECYCLED = "vorige-site"  # in the work dir


def stage_in(recycled: Path, staging: Path) -> None:
    """Make `staging` from the tree the last build replaced, or empty."""
    try:
        kept = os.lstat(recycled)
    except FileNotFoundError:
        staging.mkdir()
        return
    if stat.S_ISDIR(kept.st_mode):
        try:
            os.rename(recycled, staging)
            return
        except OSError:  # the target is on another file system
            pass
    remove(recycled)  # that tree, a file or a symlink (never followed)
    staging.mkdir()


def keep(edition_dir: Path, fingerprint: str) -> bool:
    """The recycled edition is the one this build makes: leave it; else remove it."""
    if intact(edition_dir, fingerprint, signed=True):
        return True
    if os.path.lexists(edition_dir):
        remove(edition_dir)
    return False


def prune(staging: Path, names: set[str]) -> None:
    """Remove everything in staging but `names` (the editions of this build)."""
    with os.scandir(staging) as entries:
        for entry in entries:
            if entry.name not in names:
                remove(Path(entry.path))


def set_aside(old: Path, recycled: Path) -> None:
    """The replaced tree goes to the work dir for the next build; removed where it cannot."""
    try:
        os.rename(old, recycled)
    except OSError:  # another file system, or something in the way
        shutil.rmtree(old, ignore_errors=True)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()

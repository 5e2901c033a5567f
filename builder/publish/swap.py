"""Replace site/ by a freshly built tree in one atomic step, so a crash never leaves half a site."""

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def swap_into_place(new: Path, target: Path, old: Path) -> Path | None:
    """Make `new` appear at `target`; returns where the previous tree (if any) now is, next
    to the target: at `new` (exchanged) or at `old`. The caller sets it aside once the new
    site is complete (recycle.set_aside), or puts it back (put_back)."""
    shutil.rmtree(old, ignore_errors=True)
    if not target.exists():
        os.replace(new, target)
        return None
    if _exchange(new, target):
        return new
    # No renameat2 (not Linux): two renames; a crash between them leaves the old tree at
    # `old`, from where the next build cleans up.
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)  # the target as it was, as the failure message says
        raise
    return old


def put_back(previous: Path | None, target: Path, spare: Path) -> Path:
    """Undo swap_into_place after a later step failed: the previous tree back at `target`, or
    no tree there when there was none; the new tree goes to a free name next to it (`spare`,
    unless it is exchanged into `previous`). Returns where the new tree now is, to remove."""
    if previous is not None and _exchange(previous, target):
        return previous
    os.replace(target, spare)  # without renameat2 two renames, as in the swap
    if previous is not None:
        os.replace(previous, target)
    return spare


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two directories atomically."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return bool(result == 0)

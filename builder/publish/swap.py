"""Replace site/ by a freshly built tree in one atomic step, so a crash never leaves half a site."""

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

from builder.publish.recycle import set_aside

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def swap_into_place(new: Path, target: Path, old: Path, recycled: Path) -> None:
    """Make `new` appear at `target`; the previous tree (if any) is then set aside at
    `recycled`, for the next build to stage in (recycle.py)."""
    shutil.rmtree(old, ignore_errors=True)
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        set_aside(new, recycled)  # after the exchange `new` holds the previous site
        return
    # No renameat2 (not Linux): two renames; a crash between them leaves the old tree at
    # `old`, from where the next build cleans up.
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)  # the target as it was, as the failure message says
        raise
    set_aside(old, recycled)


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

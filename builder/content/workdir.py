"""The project's work folder, .stand-build/: the check cache, builds and the preview write there.

A checkout may hold a committed symlink by that name; following it would let a project make
stand write wherever it points. So the folder is only used when it is a real folder (or absent).
"""

from pathlib import Path

from builder.messages import command_text

BUILD_DIR = ".stand-build"


def work_dir_refusal(root: Path) -> str | None:
    """Why stand must not write in root/.stand-build (Dutch), or None when it may."""
    work = root / BUILD_DIR
    if work.is_symlink():
        return command_text("werkmap.koppeling", path=work)
    if work.exists() and not work.is_dir():
        return command_text("werkmap.bestand", path=work)
    return None

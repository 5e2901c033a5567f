"""The output folder: which target stand may replace, where it stages, one build at a time.

stand replaces its target as a whole, so it only replaces a folder it made itself (its marker
file is in it), an empty folder, or nothing. The new site is staged next to the target, on the
same file system, so hard links and the atomic swap work wherever `--site` points. Leftovers
of a killed or failed build (staging, the previous tree) are removed by the next build.
"""

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.content.workdir import BUILD_DIR
from builder.messages import build_text
from builder.publish.manifest import STAMP_FILE

SITE_MARKER = ".stand-site"
MARKER_TEXT = build_text("doel.merkteken")
# Folders of the project that stand reads or keeps its own work in: never a target.
SOURCE_FOLDERS = ("content", "themes", "schema", ".git", BUILD_DIR)


class TargetError(Exception):
    """The target cannot be used; the message is Dutch and says why."""


@dataclass(frozen=True)
class Target:
    path: Path  # absolute, symlinks not followed
    staging: Path  # the new site is built here
    previous: Path  # the replaced site, between the two renames of a swap without renameat2

    @classmethod
    def at(cls, site_dir: Path) -> "Target":
        path = Path(os.path.abspath(site_dir))
        return cls(
            path,
            path.with_name(f".{path.name}.stand-nieuw"),
            path.with_name(f".{path.name}.stand-oud"),
        )

    def remove_leftovers(self) -> None:
        """Staging and old trees of an earlier build that was killed or ran out of disk."""
        for leftover in (self.staging, self.previous):
            shutil.rmtree(leftover, ignore_errors=True)


def refusal(root: Path, site_dir: Path) -> str | None:
    """Why stand must not replace site_dir (Dutch), or None when it may."""
    target = Target.at(site_dir).path
    if target.is_symlink():
        return build_text("doel.koppeling", target=target)
    if target.exists() and not target.is_dir():
        return build_text("doel.bestand", target=target)
    resolved, project = target.resolve(), root.resolve()
    if project.is_relative_to(resolved) or Path.home().resolve().is_relative_to(resolved):
        return build_text("doel.te-ruim", target=target)
    for name in SOURCE_FOLDERS:
        if resolved.is_relative_to(project / name):
            return build_text("doel.in-project", target=target, name=name)
    if target.is_dir() and not made_by_stand(target) and any(target.iterdir()):
        return build_text("doel.niet-van-stand", target=target, marker=SITE_MARKER)
    return None


def made_by_stand(folder: Path) -> bool:
    """stand's marker is in it; sites built before the marker existed have an edition stamp."""
    if (folder / SITE_MARKER).is_file():
        return True
    return any((child / STAMP_FILE).is_file() for child in folder.iterdir())


@contextlib.contextmanager
def one_build_at_a_time(*folders: Path) -> Iterator[None]:
    """Hold an exclusive lock on each folder (the project's work dir, the target's parent).

    flock on the folder itself: no lock file is left behind, and the kernel releases the
    lock when a build dies, however it dies."""
    with contextlib.ExitStack() as stack:
        for folder in sorted({f.resolve() for f in folders}):
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder, os.O_RDONLY)
            stack.callback(os.close, fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise TargetError(build_text("doel.bezet", folder=folder)) from None
        yield


def link_or_copy(source: str, destination: str) -> None:
    """Hard link a reused file; copy it where links cannot go (another file system, limits)."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)

"""Which saves the preview rebuilds for: file events from the operating system (watchfiles),
so a save is seen within milliseconds instead of at the next poll."""

import queue
import threading
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

WATCHED = ("content", "themes", "mkdocs.yml")
SETTLE_MS = 50  # an editor may save in two writes; wait this long for the second


class EditorFilter(DefaultFilter):
    """Editors' swap and backup files (`.x.md.swp`, `x.md~`) are not saves."""

    def __call__(self, change: Change, path: str) -> bool:
        name = Path(path).name
        return not (name.startswith(".") or name.endswith("~")) and super().__call__(change, path)


def start_watching(root: Path, stop: threading.Event) -> "queue.Queue[set[str]]":
    """A queue that receives the paths of each batch of saves until `stop` is set.

    Watching starts before this returns, so a save made during the first build is not lost.
    """
    saves: queue.Queue[set[str]] = queue.Queue()
    started = threading.Event()
    thread = threading.Thread(
        target=_watch, args=(root, stop, saves, started), name="stand-watch", daemon=True
    )
    thread.start()
    started.wait(timeout=5)
    return saves


def _watch(
    root: Path, stop: threading.Event, saves: "queue.Queue[set[str]]", started: threading.Event
) -> None:
    paths = [root / name for name in WATCHED if (root / name).exists()]
    # OS events first; where the system has none to spare (a full inotify table), poll
    for force_polling in (False, True):
        try:
            batches = watch(
                *paths,
                watch_filter=EditorFilter(),
                step=SETTLE_MS,
                stop_event=stop,
                force_polling=force_polling,
                poll_delay_ms=300,
                raise_interrupt=False,
                yield_on_timeout=True,
                rust_timeout=200,
            )
            for changes in batches:
                started.set()  # the first (empty) batch comes once the watcher runs
                if changes:
                    saves.put({path for _, path in changes})
            return
        except OSError:
            continue

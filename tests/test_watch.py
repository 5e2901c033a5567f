"""editor/watch.py: saves come from the operating system; editors' swap files are no saves;
where the system has no file events to spare, the watcher polls instead of going deaf."""

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import builder.editor.watch
from builder.editor.watch import start_watching


def next_batch(saves: "queue.Queue[set[str]]") -> set[str]:
    return saves.get(timeout=10)


def test_a_save_in_content_arrives_as_one_batch_and_swap_files_do_not(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    stop = threading.Event()
    saves = start_watching(tmp_path, stop)
    try:
        (tmp_path / "content" / ".1-anna.md.swp").write_text("vim", encoding="utf-8")
        (tmp_path / "content" / "1-anna.md~").write_text("backup", encoding="utf-8")
        (tmp_path / "content" / "1-anna.md").write_text("tekst", encoding="utf-8")
        assert next_batch(saves) == {str(tmp_path / "content" / "1-anna.md")}
        with pytest.raises(queue.Empty):
            saves.get(timeout=0.5)
    finally:
        stop.set()


def test_without_os_file_events_the_watcher_polls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def fake_watch(*paths: Path, force_polling: bool, **options: Any) -> Iterator[set[Any]]:
        asked.append(force_polling)
        if not force_polling:
            raise OSError(28, "OS file watch limit reached")
        yield set()
        yield {(None, str(tmp_path / "content" / "x.md"))}

    monkeypatch.setattr(builder.editor.watch, "watch", fake_watch)
    saves = start_watching(tmp_path, threading.Event())
    assert next_batch(saves) == {str(tmp_path / "content" / "x.md")}
    assert asked == [False, True]

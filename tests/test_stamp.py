"""An edition's stamp (builder/publish/manifest.py): what intact() accepts, with and without
the user's signature. The live site's editions are checked without it (CI restores them from an
earlier run, signed with another key, or from before stamps were signed); the recycled tree in
the work dir only with it."""

import os
import threading
from pathlib import Path

import pytest

from builder.publish import manifest
from builder.publish.manifest import SIGNATURE, STAMP_FILE, intact, write_stamp

PRINT = "a" * 64


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "2022"
    (folder / "casussen" / "anna").mkdir(parents=True)
    (folder / "index.html").write_text("<p>Editie</p>", encoding="utf-8")
    (folder / "casussen" / "anna" / "index.html").write_text("<p>Anna</p>", encoding="utf-8")
    write_stamp(folder, PRINT)
    return folder


def test_a_stamp_signed_here_holds_with_and_without_asking(edition: Path) -> None:
    assert intact(edition, PRINT, signed=True) and intact(edition, PRINT, signed=False)
    assert not intact(edition, "b" * 64, signed=False)


def test_an_unsigned_stamp_holds_only_without_asking(edition: Path) -> None:
    stamp = edition / STAMP_FILE
    text, _, _ = stamp.read_bytes().rpartition(b"\n" + SIGNATURE)
    stamp.write_bytes(text + b"\n")  # as stamps were written before they were signed
    assert intact(edition, PRINT, signed=False)
    assert not intact(edition, PRINT, signed=True)


def test_a_stamp_signed_with_another_key_holds_only_without_asking(
    edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "andere-machine"))
    assert intact(edition, PRINT, signed=False)
    assert not intact(edition, PRINT, signed=True)


def test_a_changed_or_added_file_or_a_symlink_breaks_it_either_way(edition: Path) -> None:
    page = edition / "index.html"
    page.write_text("<p>Anders</p>", encoding="utf-8")
    assert not any(intact(edition, PRINT, signed=s) for s in (True, False))
    page.write_text("<p>Editie</p>", encoding="utf-8")
    assert intact(edition, PRINT, signed=True)
    (edition / "koppeling").symlink_to(page)
    assert not any(intact(edition, PRINT, signed=s) for s in (True, False))


@pytest.mark.parametrize("kind", ["fifo", "symlink", "too-large"])
def test_a_stamp_is_read_only_as_a_file_of_a_stamps_size(
    edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    stamp = edition / STAMP_FILE
    good = tmp_path / "goede-stempel"
    good.write_bytes(stamp.read_bytes())
    if kind == "too-large":
        monkeypatch.setattr(manifest, "STAMP_LIMIT", good.stat().st_size - 1)
    elif kind == "fifo":
        stamp.unlink()
        os.mkfifo(stamp)
    else:
        stamp.unlink()
        stamp.symlink_to(good)
    answers: list[bool] = []  # asked in a thread: a read that waits on the fifo fails the test
    asking = threading.Thread(
        target=lambda: answers.append(intact(edition, PRINT, signed=False)), daemon=True
    )
    asking.start()
    asking.join(timeout=10)
    assert answers == [False]


def test_a_symlink_in_place_of_the_editions_folder_is_never_intact(
    edition: Path, tmp_path: Path
) -> None:
    pointer = tmp_path / "2023"
    pointer.symlink_to(edition, target_is_directory=True)
    assert intact(edition, PRINT, signed=True)  # what it points to is
    assert not any(intact(pointer, PRINT, signed=s) for s in (True, False))

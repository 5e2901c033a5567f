"""The site a build replaces is set aside in .stand-build/vorige-site/ and the next build
stages in it (builder/publish/recycle.py): its intact editions stay, and everything else in it,
however it got there, never reaches the published site."""

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import builder.publish.publish
from builder.content.workdir import BUILD_DIR
from builder.pipeline import build
from builder.publish.manifest import SIGNATURE, STAMP_FILE
from builder.publish.recycle import RECYCLED
from builder.publish.target import SITE_MARKER
from tests.test_editions import EDITIONS
from tests.test_output_folder import published, tree

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

NEWEST_CASE = Path("content") / "casussen" / "2023" / "1-anna-opnieuw.md"


def edit(project: Path, number: int) -> None:
    case = project / NEWEST_CASE
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("de persona", f"de persona{number}", 1), encoding="utf-8")


def comparable(site: Path) -> dict[str, str]:
    """The site without Pagefind's randomly named files and the stamps that list them."""
    return {
        path: digest
        for path, digest in tree(site).items()
        if "pagefind" not in path and not path.endswith(STAMP_FILE)
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Built twice, the newest edition edited in between: the replaced site is set aside."""
    target = tmp_path / "project"
    shutil.copytree(EDITIONS, target)
    published(build(target, target / "site"))
    edit(target, 1)
    published(build(target, target / "site"))
    return target


def test_the_replaced_site_is_set_aside_and_its_frozen_edition_stays(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recycled = project / BUILD_DIR / RECYCLED
    assert (recycled / SITE_MARKER).is_file() and (recycled / "2022" / STAMP_FILE).is_file()
    carried: list[str] = []
    reuse = builder.publish.publish._reuse

    def counted(current: Path, out_dir: Path, print_: str) -> bool:
        linked = reuse(current, out_dir, print_)
        carried.extend([current.name] if linked else [])
        return linked

    monkeypatch.setattr(builder.publish.publish, "_reuse", counted)
    frozen = project / "site" / "2022"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in frozen.rglob("*") if p.is_file()}
    edit(project, 2)
    outcome = build(project, project / "site")
    published(outcome)
    assert outcome.published is not None and outcome.published.reused == [2022]
    assert carried == []  # 2022 was not linked again: it stayed where it was staged
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in frozen.rglob("*") if p.is_file()}
    assert after == before  # and was never rewritten
    assert sorted(p.name for p in project.iterdir()) == [BUILD_DIR, "content", "site"]


def plant_file(recycled: Path, outside: Path) -> None:
    (recycled / "2022" / "geplant.html").write_text("<p>niet van stand</p>", encoding="utf-8")


def change_file(recycled: Path, outside: Path) -> None:
    page = recycled / "2022" / "index.html"
    page.unlink()  # a hard link shared with the live site: replaced, not written through
    page.write_text("<p>veranderd</p>", encoding="utf-8")


def delete_file(recycled: Path, outside: Path) -> None:
    (recycled / "2022" / "index.html").unlink()


def plant_symlink(recycled: Path, outside: Path) -> None:
    (recycled / "2022" / "assets" / "geheim").symlink_to(outside / "geheim.txt")


def plant_root_file_and_edition(recycled: Path, outside: Path) -> None:
    (recycled / "geheim.txt").write_text("niet publiceren", encoding="utf-8")
    shutil.copytree(recycled / "2022", recycled / "1999", copy_function=os.link)


def forge_stamp(recycled: Path, outside: Path) -> None:
    """A page changed and its stamp made to match, as a tree from elsewhere (a pull request,
    another machine) could be: consistent, but not signed with the user's key."""
    page = recycled / "2022" / "index.html"
    forged = b"<p>niet van stand</p>"
    page.unlink()
    page.write_bytes(forged)
    stamp = recycled / "2022" / STAMP_FILE
    text, _, _ = stamp.read_bytes().rpartition(b"\n" + SIGNATURE)
    line = f"{hashlib.sha256(forged).hexdigest()} {len(forged)} index.html"
    lines = [
        line if entry.endswith(" index.html") and entry.count(" ") == 2 else entry
        for entry in text.decode().split("\n")
    ]
    stamp.unlink()
    stamp.write_bytes("\n".join(lines).encode() + b"\n" + SIGNATURE + b"0" * 64 + b"\n")


def stamp_fifo(recycled: Path, outside: Path) -> None:
    """A stamp that would make a plain read wait for ever."""
    (recycled / "2022" / STAMP_FILE).unlink()
    os.mkfifo(recycled / "2022" / STAMP_FILE)


def stamp_symlink(recycled: Path, outside: Path) -> None:
    """A stamp that is a symlink, here to a good one."""
    stamp = recycled / "2022" / STAMP_FILE
    shutil.copyfile(stamp, outside / "stempel")
    stamp.unlink()
    stamp.symlink_to(outside / "stempel")


def symlink_instead(recycled: Path, outside: Path) -> None:
    shutil.rmtree(recycled)
    recycled.symlink_to(outside, target_is_directory=True)


def file_instead(recycled: Path, outside: Path) -> None:
    shutil.rmtree(recycled)
    recycled.write_text("geen map", encoding="utf-8")


DAMAGE: list[Callable[[Path, Path], None]] = [
    plant_file,
    change_file,
    delete_file,
    plant_symlink,
    plant_root_file_and_edition,
    forge_stamp,
    stamp_fifo,
    stamp_symlink,
    symlink_instead,
    file_instead,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_whatever_is_in_the_set_aside_tree_the_site_equals_a_clean_build(
    project: Path, tmp_path: Path, damage: Callable[[Path, Path], None]
) -> None:
    outside = tmp_path / "ergens"
    outside.mkdir()
    (outside / "geheim.txt").write_text("geheim", encoding="utf-8")
    damage(project / BUILD_DIR / RECYCLED, outside)
    untouched = tree(outside)
    edit(project, 2)
    published(build(project, project / "site"))
    assert tree(outside) == untouched  # nothing written or removed where a symlink points
    clean = tmp_path / "schoon"
    shutil.copytree(project / "content", clean / "content")
    published(build(clean, clean / "site"))
    assert comparable(project / "site") == comparable(clean / "site")

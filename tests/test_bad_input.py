"""Bad input that git cannot hold (a symlink loop, a FIFO, an unreadable file, a 50 MB file),
made at runtime from the minimal fixture: `stand check` refuses it in Dutch, never hangs.

The committed cases (fixtures/bad-input/, fixtures/broken/) run in tests/test_corpora.py, with
the same runner (tests/corpus.py): a subprocess with a timeout and an address-space limit.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

import pytest
from corpus import Expect, Run, assert_reported, run_checks

from builder.cli.main import main
from builder.content.layout import RESERVED_CHAPTER_IDS
from builder.errors import ContentError
from builder.pipeline import check
from builder.report import format_text, line_reader
from builder.site.render import render
from builder.site.urls import RODE_DRADEN_CHAPTER

ROOT = Path(__file__).resolve().parent.parent
VALID_MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"

# -- cases made at runtime ----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "project"
    shutil.copytree(VALID_MINIMAL / "content", root / "content")
    yield root
    for path in root.rglob("*"):  # let tmp_path clean up after an unreadable file
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def run_one(project: Path) -> Run:
    return run_checks([project], workers=1)[project]


NEW_CASE = "content/casussen/2022/3-carla.md"


def test_symlink_loop(project: Path) -> None:
    try:
        (project / NEW_CASE).symlink_to("3-carla.md")
    except OSError as problem:  # no symlinks on this file system
        pytest.skip(f"cannot create a symlink: {problem}")
    expect = Expect(code="load.unreadable", file=NEW_CASE, line=None, why="a symlink to itself")
    assert_reported(project, run_one(project), expect)


def test_symlink_to_nowhere(project: Path) -> None:
    try:
        (project / NEW_CASE).symlink_to("bestaat-niet.md")
    except OSError as problem:
        pytest.skip(f"cannot create a symlink: {problem}")
    expect = Expect(code="load.unreadable", file=NEW_CASE, line=None, why="a dangling symlink")
    assert_reported(project, run_one(project), expect)


def test_fifo_is_reported_and_never_opened(project: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(project / NEW_CASE)  # opening it for reading would block forever
    expect = Expect(code="load.unreadable", file=NEW_CASE, line=None, why="a named pipe")
    assert_reported(project, run_one(project), expect)


SECRET = "GEHEIM-BUITEN-HET-PROJECT"


@pytest.mark.parametrize("target", ["outside", "/proc/self/environ", "/dev/zero", "/dev/stdin"])
def test_a_symlink_out_of_the_project_is_refused_and_never_shown(
    project: Path, target: str
) -> None:
    """Neither check nor a code frame (also the serve overlay's) shows bytes from outside."""
    outside = project.parent / "buiten.md"
    outside.write_text(f"---\nid: x\n---\n{SECRET}\n", encoding="utf-8")
    try:
        (project / NEW_CASE).symlink_to(outside if target == "outside" else target)
    except OSError as problem:
        pytest.skip(f"cannot create a symlink: {problem}")
    # /proc/self/environ looks like a regular file; /dev/* are devices (never opened)
    regular = target in ("outside", "/proc/self/environ")
    code = "load.outside-project" if regular else "load.unreadable"
    run = run_one(project)
    expect = Expect(code=code, file=NEW_CASE, line=None, why=f"a symlink to {target}")
    assert_reported(project, run, expect)
    assert SECRET not in run.stdout + run.stderr
    assert line_reader(project)(NEW_CASE) == []


def test_a_symlinked_folder_out_of_the_project_is_never_read(project: Path) -> None:
    """Only a symlinked file is resolved (content_files): the walk never enters a symlinked
    folder, so the files behind one are neither read nor reported."""
    before = check(project)
    outside = project.parent / "buiten"
    outside.mkdir()
    anna = (project / "content/casussen/2022/1-anna.md").read_text(encoding="utf-8")
    (outside / "3-carla.md").write_text(anna.replace("nummer: 1", SECRET), encoding="utf-8")
    (project / "content/casussen/2022/map").symlink_to(outside, target_is_directory=True)
    after = check(project)
    assert after.ok and after.file_count == before.file_count, after.errors


def test_a_code_frame_never_reads_outside_the_content_folder(project: Path) -> None:
    outside = project.parent / "buiten.md"
    outside.write_text(f"{SECRET}\n" * 5, encoding="utf-8")
    (project / "content" / "koppeling").symlink_to(project.parent, target_is_directory=True)
    os.mkfifo(project / "content" / "pijp.md")  # reading it would block forever
    error = ContentError("x", "x", PurePosixPath("content/koppeling/buiten.md"), 2, 1)
    assert SECRET not in format_text([error], line_reader(project))
    read = line_reader(project)
    for relative in ("../buiten.md", "content/../../buiten.md", "content/pijp.md", "/etc/passwd"):
        assert read(relative) == [], relative
    assert read("content/casussen/2022/1-anna.md")[0] == "---"


def test_unreadable_file(project: Path) -> None:
    path = project / "content/casussen/2022/2-bert.md"
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        pass
    else:
        pytest.skip("file stays readable (running as root)")
    expect = Expect(
        code="load.unreadable", file="content/casussen/2022/2-bert.md", line=None, why="chmod 000"
    )
    assert_reported(project, run_one(project), expect)


def test_fifty_megabyte_file(project: Path) -> None:
    path = project / "content/casussen/2022/2-bert.md"
    with path.open("ab") as file:  # valid frontmatter, then 50 MB of text: never read whole
        for _ in range(50):
            file.write(b"Tekst die per ongeluk is geplakt. " * 30840)
    assert path.stat().st_size > 50 * 1024**2
    expect = Expect(
        code="load.too-large", file="content/casussen/2022/2-bert.md", line=None, why="50 MB"
    )
    assert_reported(project, run_one(project), expect)


def test_a_directory_named_like_a_markdown_file_is_not_read(project: Path) -> None:
    # An empty folder `3-carla.md/` is no file: nothing to report, nothing to crash on.
    (project / NEW_CASE).mkdir()
    run = run_one(project)
    assert (run.returncode, run.stderr) == (0, ""), run.stdout


def test_reports_a_file_over_the_size_limit_without_reading_it(
    write_project: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # 2 MB is generated here rather than committed to the repository
    edition = (VALID_MINIMAL / "content/edities/2022.yml").read_text(encoding="utf-8")
    root = write_project(
        {
            "content/edities/2022.yml": edition,
            "content/hoofdstukken/2022/01-plakfout.md": b"---\nid: plakfout\n---\n"
            + b"x" * (2 * 1024 * 1024),
        }
    )

    code = main(["--project", str(root), "check"])

    assert capsys.readouterr().out == (
        "content/hoofdstukken/2022/01-plakfout.md: fout[load.too-large]: "
        "Het bestand is 2,0 MB groot; de grens is 1,0 MB.\n"
        "   hint: Splits de tekst op of verwijder wat er per ongeluk in terecht is gekomen.\n"
        "\n"
        "1 fout in 1 bestand.\n"
    )
    assert code == 1


# -- the guard behind chapter-id-clashes-with-sources-page and chapter-id-index -----------------


def test_fixed_pages_cover_every_page_that_is_not_a_chapter(minimal_project: Path) -> None:
    """A chapter lives at '<id>/'; every other top-level page must be in RESERVED_CHAPTER_IDS, or a
    chapter could silently overwrite it. Fails when a new page is added without listing it."""
    result = check(minimal_project)
    assert result.library is not None, result.errors
    chapters = {d.model.id for lib in result.library.editions.values() for d in lib.chapters}
    tops = set()
    for edition in render(result.library, ROOT / "themes"):
        tops |= {page.src.split("/")[0].removesuffix(".md") for page in edition.pages}
        tops |= {path.split("/")[0] for path in edition.files}
    assert sorted(tops - chapters - RESERVED_CHAPTER_IDS - {RODE_DRADEN_CHAPTER}) == []

"""Hostile and accidental bad input: `stand check` refuses it in Dutch, and never crashes or hangs.

Every folder in fixtures/bad-input/ is a small project with one nasty mistake (deep YAML, huge
numbers, YAML tags, NUL bytes, UTF-16, `javascript:` links, raw HTML, ...); its expect.txt names
the error code, the file and mostly the line that `stand check` must report. These are on top of
fixtures/broken/, which pins the exact wording of the common mistakes.

Each case runs as a real subprocess, `python -m builder --project <case> check`, with a timeout
and an address-space limit, so a hang or a memory blow-up fails one test instead of the run.
Cases that git cannot hold (a symlink loop, a FIFO, an unreadable file, a 50 MB file) are made
at runtime from the minimal fixture.
"""

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

import pytest

from builder.content.layout import RESERVED_CHAPTER_IDS
from builder.content.load import frame_lines
from builder.errors import ContentError
from builder.pipeline import check
from builder.report import format_text
from builder.site.render import render
from builder.site.urls import RODE_DRADEN_CHAPTER

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD_INPUT = FIXTURES / "bad-input"
VALID_MINIMAL = FIXTURES / "valid" / "minimal"
CASES = sorted(path for path in BAD_INPUT.iterdir() if path.is_dir())

TIMEOUT = 10  # seconds per `stand check`; the slowest case takes about 2 s
MEMORY = 1024**3  # RLIMIT_AS of each check: 1 GiB
# `path:line:col: fout[code]: message`; errors about a file as a whole have no position
ERROR_LINE = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+):(?P<column>\d+))?: fout\[(?P<code>[a-z0-9.-]+)\]: "
    r"(?P<message>.+)$",
    re.M,
)
WHOLE_FILE_CODES = {"load.misplaced", "load.too-large", "load.unreadable", "load.outside-project"}
# English that must never reach an editor: Python, pydantic and libyaml wording
ENGLISH = re.compile(
    r"Traceback|Error:|YAML meldt|Input should|exceeded|could not|found|expected|not allowed"
)


@dataclass(frozen=True)
class Run:
    returncode: int | None  # None: killed after TIMEOUT
    stdout: str
    stderr: str
    seconds: float


@dataclass(frozen=True)
class Expect:
    code: str
    file: str
    line: int | None
    why: str


def read_expect(case: Path) -> Expect:
    fields = dict(
        line.split(": ", 1) for line in (case / "expect.txt").read_text("utf-8").splitlines()
    )
    line = fields.get("line")
    return Expect(fields["code"], fields["file"], int(line) if line else None, fields["why"])


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _command(project: Path) -> list[str]:
    return [sys.executable, "-m", "builder", "--project", str(project), "check"]


def _start(project: Path, out_dir: Path) -> tuple[subprocess.Popen[bytes], float, Path]:
    # Output goes to files, not pipes: a case with thousands of errors must not block on a full
    # pipe while another case is being waited for.
    out_dir.mkdir(parents=True)
    with (out_dir / "out").open("wb") as out, (out_dir / "err").open("wb") as err:
        process = subprocess.Popen(
            _command(project),
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            preexec_fn=_limit_memory,
        )
    return process, time.monotonic(), out_dir


def _finish(process: subprocess.Popen[bytes], started: float, out_dir: Path, killed: bool) -> Run:
    def text(name: str) -> str:
        return (out_dir / name).read_bytes().decode("utf-8", errors="replace")

    return Run(
        None if killed else process.returncode, text("out"), text("err"), time.monotonic() - started
    )


def run_checks(projects: list[Path], workers: int) -> dict[Path, Run]:
    """Run `stand check` on every project, `workers` at a time, each with TIMEOUT and MEMORY.

    A plain loop instead of a thread pool: preexec_fn is only safe in a single-threaded parent.
    """
    results: dict[Path, Run] = {}
    waiting = list(projects)
    running: list[tuple[Path, subprocess.Popen[bytes], float, Path]] = []
    with tempfile.TemporaryDirectory(prefix="stand-bad-input-") as scratch:
        while waiting or running:
            while waiting and len(running) < workers:
                project = waiting.pop(0)
                out_dir = Path(scratch) / str(len(projects) - len(waiting))
                running.append((project, *_start(project, out_dir)))
            for entry in list(running):
                project, process, started, out_dir = entry
                overdue = time.monotonic() - started > TIMEOUT
                if process.poll() is None and not overdue:
                    continue
                if process.poll() is None:
                    process.kill()
                    process.wait()
                results[project] = _finish(process, started, out_dir, killed=overdue)
                running.remove(entry)
            time.sleep(0.02)
    return results


@pytest.fixture(scope="module")
def corpus_runs() -> dict[Path, Run]:
    return run_checks(CASES, workers=max(2, os.cpu_count() or 1))


def assert_refused(project: Path, run: Run, expect: Expect) -> None:
    """Exit code 1, a Dutch `path:line:col: fout[code]:` line for a file of the case, no crash."""
    shown = f"stdout:\n{run.stdout[:3000]}\nstderr:\n{run.stderr[-3000:]}"
    assert run.returncode is not None, f"check did not finish within {TIMEOUT} s"
    assert "Traceback" not in run.stdout + run.stderr, shown
    assert run.returncode == 1, shown
    errors = list(ERROR_LINE.finditer(run.stdout))
    assert errors, shown
    for error in errors:
        assert error["line"] is not None or error["code"] in WHOLE_FILE_CODES, error[0]
        named = project / error["file"]
        assert named.exists() or named.is_symlink(), f"{error['file']} is not a file of the case"
        assert not ENGLISH.search(error["message"]), error[0]
    matching = [
        e
        for e in errors
        if e["code"] == expect.code
        and e["file"] == expect.file
        and (expect.line is None or e["line"] == str(expect.line))
    ]
    where = f"{expect.file}:{expect.line or '*'}"
    assert matching, f"expected fout[{expect.code}] at {where} ({expect.why})\n{shown}"
    hints = re.findall(r"^   hint: (.*)$", run.stdout, re.M)
    assert not any(ENGLISH.search(hint) for hint in hints), hints


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_check_refuses_bad_input(case: Path, corpus_runs: dict[Path, Run]) -> None:
    assert_refused(case, corpus_runs[case], read_expect(case))


def test_there_are_at_least_sixty_bad_input_cases() -> None:
    assert len(CASES) >= 60


def test_bad_input_cases_are_not_the_broken_cases_again() -> None:
    broken = {path.name for path in (FIXTURES / "broken").iterdir() if path.is_dir()}
    assert sorted(broken & {case.name for case in CASES}) == []


def test_every_case_names_an_existing_file() -> None:
    missing = [c.name for c in CASES if not (c / read_expect(c).file).is_file()]
    assert missing == []


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
    expect = Expect("load.unreadable", NEW_CASE, None, "a symlink to itself")
    assert_refused(project, run_one(project), expect)


def test_symlink_to_nowhere(project: Path) -> None:
    try:
        (project / NEW_CASE).symlink_to("bestaat-niet.md")
    except OSError as problem:
        pytest.skip(f"cannot create a symlink: {problem}")
    expect = Expect("load.unreadable", NEW_CASE, None, "a dangling symlink")
    assert_refused(project, run_one(project), expect)


def test_fifo_is_reported_and_never_opened(project: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(project / NEW_CASE)  # opening it for reading would block forever
    expect = Expect("load.unreadable", NEW_CASE, None, "a named pipe")
    assert_refused(project, run_one(project), expect)


SECRET = "GEHEIM-BUITEN-HET-PROJECT"


@pytest.mark.parametrize("target", ["outside", "/proc/self/environ", "/dev/zero", "/dev/stdin"])
def test_a_symlink_out_of_the_project_is_refused_and_never_shown(
    project: Path, target: str
) -> None:
    """Neither check nor a code frame (also the serve overlay's) shows bytes from outside."""
    outside = project.parent / "buiten.md"
    outside.write_text(f"---\nid: x\n---\n{SECRET}\n", encoding="utf-8")
    link = project / NEW_CASE
    try:
        link.symlink_to(outside if target == "outside" else target)
    except OSError as problem:
        pytest.skip(f"cannot create a symlink: {problem}")
    code = "load.outside-project" if target == "outside" else "load.unreadable"
    if target == "/proc/self/environ":
        code = "load.outside-project"  # a regular-looking file outside content/
    run = run_one(project)
    assert_refused(project, run, Expect(code, NEW_CASE, None, f"a symlink to {target}"))
    assert SECRET not in run.stdout + run.stderr
    assert frame_lines(project, NEW_CASE) == []


def test_a_code_frame_never_reads_outside_the_content_folder(project: Path) -> None:
    outside = project.parent / "buiten.md"
    outside.write_text(f"{SECRET}\n" * 5, encoding="utf-8")
    (project / "content" / "koppeling").symlink_to(project.parent, target_is_directory=True)
    fifo = project / "content" / "pijp.md"
    os.mkfifo(fifo)
    error = ContentError("x", "x", PurePosixPath("content/koppeling/buiten.md"), 2, 1)
    shown = format_text([error], partial(frame_lines, project))
    assert SECRET not in shown
    for relative in ("../buiten.md", "content/../../buiten.md", "content/pijp.md", "/etc/passwd"):
        assert frame_lines(project, relative) == [], relative


def test_unreadable_file(project: Path) -> None:
    path = project / "content/casussen/2022/2-bert.md"
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        pass
    else:
        pytest.skip("file stays readable (running as root)")
    expect = Expect("load.unreadable", "content/casussen/2022/2-bert.md", None, "chmod 000")
    assert_refused(project, run_one(project), expect)


def test_fifty_megabyte_file(project: Path) -> None:
    path = project / "content/casussen/2022/2-bert.md"
    with path.open("ab") as file:  # valid frontmatter, then 50 MB of text: never read whole
        for _ in range(50):
            file.write(b"Tekst die per ongeluk is geplakt. " * 30840)
    assert path.stat().st_size > 50 * 1024**2
    expect = Expect("load.too-large", "content/casussen/2022/2-bert.md", None, "50 MB")
    assert_refused(project, run_one(project), expect)


def test_a_directory_named_like_a_markdown_file_is_not_read(project: Path) -> None:
    # An empty folder `3-carla.md/` is no file: nothing to report, nothing to crash on.
    (project / NEW_CASE).mkdir()
    run = run_one(project)
    assert (run.returncode, run.stderr) == (0, ""), run.stdout


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

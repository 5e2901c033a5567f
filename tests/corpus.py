"""The fixture corpora (fixtures/broken/, fixtures/bad-input/): cases laid over a valid project.

A case folder holds only what it changes: the files under content/ that differ from its base
project (fixtures/valid/<base>/), and case.yml:

    base: minimal              # the valid project the case is laid over
    removed:                   # optional: files of the base the case does not have
      - content/edities/2022.yml
    code: yaml.syntax          # the error (or warning) `stand check` must report ...
    file: content/casussen/2022/1-anna.md   # ... about this file
    line: 4                    # ... at this line (optional)
    exit: 1                    # the exit code of `stand check`
    why: "!!python/object/apply must never run"   # optional: what the case guards against

and optionally expected.txt, the exact report (the broken corpus pins the wording editors read).
Every check runs as a real subprocess, `python -m builder --project <case> check`, with a
timeout and an address-space limit, so a hang or a memory blow-up fails one case, not the run.
"""

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPORA = ("broken", "bad-input")


@dataclass(frozen=True)
class Expect:
    code: str | None
    file: str | None
    line: int | None
    why: str = ""
    exit: int = 1
    base: str = "minimal"
    removed: list[str] = field(default_factory=list)


def read_case(case: Path) -> Expect:
    data = yaml.load((case / "case.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return Expect(
        code=data.get("code"),
        file=data.get("file"),
        line=data.get("line"),
        why=data.get("why", ""),
        exit=data.get("exit", 1),
        base=data.get("base", "minimal"),
        removed=data.get("removed", []),
    )


def corpus_cases(corpus: str) -> list[Path]:
    return sorted(path for path in (FIXTURES / corpus).iterdir() if path.is_dir())


def lay_over(case: Path, target: Path) -> Path:
    """The case's project in `target`: its base, minus `removed`, with the case's files on top."""
    expect = read_case(case)
    shutil.copytree(FIXTURES / "valid" / expect.base, target)
    for relative in expect.removed:
        (target / relative).unlink()
    if (case / "content").is_dir():
        shutil.copytree(case / "content", target / "content", dirs_exist_ok=True, symlinks=True)
    return target


# A runaway check is stopped by its CPU time (the slowest case needs about 2 s), which a busy
# machine does not stretch; the wall-clock TIMEOUT only catches a check blocked on I/O.
CPU_SECONDS = 10
TIMEOUT = 120
MEMORY = 1024**3  # RLIMIT_AS of each check: 1 GiB
# `path:line:col: fout[code]: message`; errors about a file as a whole have no position
ERROR_LINE = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+):(?P<column>\d+))?: (?:fout|waarschuwing)"
    r"\[(?P<code>[a-z0-9.-]+)\]: "
    r"(?P<message>.+)$",
    re.M,
)
WHOLE_FILE_CODES = {"load.misplaced", "load.too-large", "load.unreadable", "load.outside-project"}
# What must never reach an editor: Python, pydantic, libyaml and strerror wording in English,
# or a Python None formatted into a text
ENGLISH = re.compile(
    r"Traceback|Error:|YAML meldt|Input should|exceeded|could not|found|expected|not allowed"
    r"|Errno|No such file|Permission denied|Is a directory|\bNone\b"
)


@dataclass(frozen=True)
class Run:
    returncode: int | None  # None: killed after TIMEOUT
    stdout: str
    stderr: str
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


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


def assert_reported(project: Path, run: Run, expect: Expect) -> None:
    """The expected exit code and a Dutch `path:line:col: fout[code]:` line, no crash."""
    shown = f"stdout:\n{run.stdout[:3000]}\nstderr:\n{run.stderr[-3000:]}"
    assert run.returncode is not None, f"check did not finish within {TIMEOUT} s"
    assert run.returncode != -signal.SIGXCPU, f"check used more than {CPU_SECONDS} s of CPU"
    assert "Traceback" not in run.stdout + run.stderr, shown
    assert run.returncode == expect.exit, shown
    errors = list(ERROR_LINE.finditer(run.stdout))
    for error in errors:
        assert error["line"] is not None or error["code"] in WHOLE_FILE_CODES, error[0]
        named = project / error["file"]
        assert named.exists() or named.is_symlink(), f"{error['file']} is not a file of the case"
        assert not ENGLISH.search(error["message"]), error[0]
    if expect.code is None:
        return
    matching = [
        e
        for e in errors
        if e["code"] == expect.code
        and e["file"] == expect.file
        and (expect.line is None or e["line"] == str(expect.line))
    ]
    where = f"{expect.file}:{expect.line or '*'}"
    hints = re.findall(r"^   hint: (.*)$", run.stdout, re.M)
    assert not any(ENGLISH.search(hint) for hint in hints), hints
    assert matching, f"expected [{expect.code}] at {where} ({expect.why})\n{shown}"

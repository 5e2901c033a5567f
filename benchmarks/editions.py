"""Benchmark: 20 editions of ~50 pages; full build vs rebuild after one edit in the newest.

Prints the page count, the times (wall clock, and CPU time of the process and its children)
of the full build (one run), of the first rebuild and the median of five later ones, and the
ratio of the later rebuild to the full build (machines here are noisy), first with
the editions built in up to two processes, then in one (`--een-proces` runs only that), and the
speed-up of the two processes.
"""

import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.pipeline import build  # noqa: E402
from builder.publish import publish  # noqa: E402

MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal" / "content"
EDITIONS = 20
CASES_PER_EDITION = 4
LATER_EDITS = 5  # rebuilds after the first one


def make_corpus(root: Path) -> None:
    for index in range(EDITIONS):
        year = 2022 + index
        content = root / "content"
        edition = (MINIMAL / "edities" / "2022.yml").read_text(encoding="utf-8")
        edition = edition.replace("2022", str(year))
        if index:  # a published edition gives each recommendation of the one before a status
            edition += "opvolging:\n" + "".join(
                f"  - aanbeveling: {year - 1}/{rec}\n"
                "    status: opgelost\n    toelichting: Gedaan.\n"
                for rec in ("breed-kijken-1", "informatie-delen-1", "informatie-delen-2")
            )
        write(content / "edities" / f"{year}.yml", edition)
        shutil.copy(MINIMAL / "bronnen" / "2022.yml", mkdir(content / "bronnen") / f"{year}.yml")
        for thread in (MINIMAL / "rode-draden" / "2022").glob("*.md"):
            text = thread.read_text(encoding="utf-8").replace("[anna, bert]", "[casus1, casus2]")
            write(
                content / "rode-draden" / str(year) / thread.name,
                text.replace("[anna]", "[casus1]"),
            )
        template = (MINIMAL / "casussen" / "2022" / "1-anna.md").read_text(encoding="utf-8")
        for number in range(1, CASES_PER_EDITION + 1):
            text = template.replace("anna", f"casus{number}").replace(
                "nummer: 1", f"nummer: {number}"
            )
            write(content / "casussen" / str(year) / f"{number}-casus{number}.md", text)


def mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def write(path: Path, text: str) -> None:
    mkdir(path.parent)
    path.write_text(text, encoding="utf-8")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (edition processes, Pagefind, PDF)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timed(NamedTuple):
    seconds: float  # the whole build, its PDFs included
    live: float  # until the new site went live, before its PDFs
    cpu: float
    pages: int
    reused: list[int]


def timed_build(root: Path) -> Timed:
    start, cpu = time.monotonic(), cpu_seconds()  # the clock of Published.live_at
    outcome = build(root, root / "site")
    elapsed, cpu = time.monotonic() - start, cpu_seconds() - cpu
    if outcome.published is None:
        raise SystemExit(f"build failed: {outcome.failure or outcome.errors[:3]}")
    published = outcome.published
    return Timed(elapsed, published.live_at - start, cpu, published.page_count, published.reused)


def measure(workers: int) -> tuple[Timed, float]:
    """Full build and rebuilds after edits with at most `workers` edition processes.

    The first rebuild after a full build links the frozen editions into a new tree; from the
    second on, a build stages in the tree the one before replaced (publish/recycle.py), as an
    editor's builds do after each edit. Both are shown; the second kind is the usual one."""
    publish.MAX_WORKERS = workers  # the pool spawns its processes from here, after this is set
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_corpus(root)
        full = timed_build(root)
        newest = root / "content" / "casussen" / str(2022 + EDITIONS - 1) / "1-casus1.md"
        text = newest.read_text("utf-8")
        edits = []
        for number in range(1 + LATER_EDITS):
            newest.write_text(text.replace("persona van", f"persona{number} van"), "utf-8")
            edits.append(timed_build(root))
    first, rest = edits[0], edits[1:]
    later = statistics.median(edit.seconds for edit in rest)
    later_live = statistics.median(edit.live for edit in rest)
    later_cpu = statistics.median(edit.cpu for edit in rest)
    year = 2022 + EDITIONS - 1
    print(
        f"{workers} proces(sen): {EDITIONS} edities, {full.pages} pagina’s "
        f"({full.pages // EDITIONS} per editie); site live na / build klaar na"
    )
    print(
        f"  volledige build:                {full.live:6.2f} / {full.seconds:6.2f} s "
        f"(CPU {full.cpu:.2f} s)"
    )
    print(
        f"  eerste herbouw na 1 wijziging in {year}: {first.live:6.2f} / {first.seconds:6.2f} s "
        f"(CPU {first.cpu:.2f} s, {len(first.reused)} edities hergebruikt)"
    )
    print(
        f"  volgende herbouw na 1 wijziging (mediaan van {LATER_EDITS}): {later_live:6.2f} / "
        f"{later:6.2f} s (CPU {later_cpu:.2f} s, "
        f"{min(len(edit.reused) for edit in rest)} edities hergebruikt)"
    )
    print(f"  verhouding herbouw / volledig:  {later / full.seconds:6.2f}")
    return full, later


def main() -> None:
    two = measure(2) if "--een-proces" not in sys.argv else None
    one = measure(1)
    if two:
        print(
            f"versnelling door 2 processen: volledig {one[0].seconds / two[0].seconds:.2f}x, "
            f"herbouw {one[1] / two[1]:.2f}x"
        )


if __name__ == "__main__":
    main()

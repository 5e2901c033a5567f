"""How long does `stand serve` take to show a saved casus? The warm rebuild of the real content.

Copies content/, themes/ and mkdocs.yml to a temporary project, builds the preview once (cold),
then saves content/casussen/2022/1-peter.md with one extra sentence and rebuilds, RUNS times.
A rebuild is what the server does after a save: check, render, write the changed pages, mkdocs
(incremental) and copy into the served dir. No Pagefind index and no PDF in the preview.

Prints the median and fastest wall-clock time, and the CPU time of this process (which other
work on the machine does not inflate). Target: under 1 s.

Run with `.venv/bin/python benchmarks/serve_rebuild.py [runs]`.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from builder.editor.preview import Preview

ROOT = Path(__file__).resolve().parent.parent
CASE = "content/casussen/2022/1-peter.md"
RUNS = 7
TARGET_SECONDS = 1.0


def copy_project(target: Path) -> None:
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "themes", target / "themes")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # Published editions are frozen (`vastgelegd:`), so an edit is an error by design; the
    # copy is unfrozen to measure the rebuild of a good save.
    for edition in (target / "content" / "edities").glob("*.yml"):
        lines = edition.read_text(encoding="utf-8").splitlines(keepends=True)
        edition.write_text("".join(x for x in lines if not x.startswith("vastgelegd:")), "utf-8")


def save_with_change(path: Path, original: str, run: int) -> None:
    """Like an editor's save: one more sentence at the end of the Kader section."""
    marker = "\n## Kader\n"
    assert marker in original, f"{CASE} has no Kader section"
    changed = original.replace(marker, f"{marker}\nToegevoegde zin {run}.\n", 1)
    path.write_text(changed, encoding="utf-8")


def main(runs: int = RUNS) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        copy_project(root)
        preview = Preview(root)
        started = time.perf_counter()
        cold = preview.build()
        cold_seconds = time.perf_counter() - started
        if not cold.updated:
            raise SystemExit(f"de voorbeeldsite is niet gebouwd: {cold.failure or cold.errors}")
        case = root / CASE
        original = case.read_text(encoding="utf-8")
        walls, cpus, pages = [], [], []
        for run in range(runs):
            save_with_change(case, original, run)
            wall, cpu = time.perf_counter(), time.process_time()
            outcome = preview.build()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            pages.append(outcome.pages)
            if not outcome.updated:
                raise SystemExit(f"herbouw mislukt: {outcome.failure or outcome.errors}")
            page = root / ".stand-build/voorbeeld/2022/casussen/peter/index.html"
            if f"Toegevoegde zin {run}." not in page.read_text(encoding="utf-8"):
                raise SystemExit("de wijziging staat niet op de pagina in het voorbeeld")

    median = statistics.median(walls)
    print(f"koude bouw van het voorbeeld: {cold_seconds:.2f} s ({cold.pages} pagina’s)")
    print(
        f"warme herbouw na opslaan van {CASE}: mediaan {median:.2f} s, snelste "
        f"{min(walls):.2f} s, CPU {statistics.median(cpus):.2f} s "
        f"({runs} keer, {statistics.median(pages):.0f} pagina’s opnieuw)"
    )
    verdict = "gehaald" if median < TARGET_SECONDS else "niet gehaald"
    print(f"doel < {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)

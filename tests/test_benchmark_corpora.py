"""The benchmarks measure valid content: each generated corpus passes `check` (small sizes here).

A content rule that the generators do not follow makes a benchmark measure error reporting
instead of the work, or fail outright (the follow-up model did that once).
"""

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.pipeline import check

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import check_speed
import editions
import run

GENERATORS: dict[str, Callable[[Path], None]] = {
    "check_speed": lambda root: check_speed.write_corpus(root, 2 * check_speed.PER_EDITION + 3),
    "run": lambda root: run.write_corpus(root, 2 * run.PER_EDITION + 3),
    "editions": editions.make_corpus,
}


@pytest.mark.parametrize("name", GENERATORS)
def test_every_benchmark_corpus_passes_check(tmp_path: Path, name: str) -> None:
    GENERATORS[name](tmp_path)
    result = check(tmp_path)
    assert not result.errors, [f"{e.file}:{e.line} {e.code}" for e in result.errors[:5]]

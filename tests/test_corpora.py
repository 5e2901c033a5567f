"""Every case of the broken and bad-input corpora: `stand check` reports it in Dutch, never crashes.

fixtures/broken/ pins the exact wording of the common mistakes (expected.txt, the whole report);
fixtures/bad-input/ is hostile and accidental input (deep YAML, huge numbers, YAML tags, NUL
bytes, UTF-16, `javascript:` links, raw HTML, ...). Both have one format and one runner
(tests/corpus.py). After a deliberate change to the wording, rewrite the reports with
`pytest tests/test_corpora.py --update-golden` and review the diff: it is what editors read.
"""

import os
from pathlib import Path

import pytest
from corpus import FIXTURES, Run, assert_reported, corpus_cases, lay_over, read_case, run_checks

pytestmark = pytest.mark.slow

CASES = [case for corpus in ("broken", "bad-input") for case in corpus_cases(corpus)]


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    root = tmp_path_factory.mktemp("corpora")
    return {case: lay_over(case, root / case.parent.name / case.name) for case in CASES}


@pytest.fixture(scope="module")
def runs(projects: dict[Path, Path]) -> dict[Path, Run]:
    by_project = run_checks(list(projects.values()), workers=max(2, os.cpu_count() or 1))
    return {case: by_project[project] for case, project in projects.items()}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_check_reports_the_case(
    case: Path, projects: dict[Path, Path], runs: dict[Path, Run], update_golden: bool
) -> None:
    run = runs[case]
    assert_reported(projects[case], run, read_case(case))
    report = case / "expected.txt"
    if update_golden and report.is_file():
        report.write_text(run.stdout, encoding="utf-8")
    if report.is_file():
        assert run.stdout == report.read_text(encoding="utf-8")


def test_every_broken_case_pins_its_report() -> None:
    assert [c.name for c in corpus_cases("broken") if not (c / "expected.txt").is_file()] == []


def test_the_corpora_are_large_and_do_not_overlap() -> None:
    broken, bad = corpus_cases("broken"), corpus_cases("bad-input")
    assert len(broken) >= 40 and len(bad) >= 60
    assert sorted({c.name for c in broken} & {c.name for c in bad}) == []


def test_every_case_changes_something_and_names_a_file_of_its_project(
    projects: dict[Path, Path],
) -> None:
    for case, project in projects.items():
        expect = read_case(case)
        assert (case / "content").is_dir() or expect.removed, f"{case_id(case)} changes nothing"
        if expect.file is not None:
            named = project / expect.file
            assert named.is_file() or named.is_dir(), f"{case_id(case)}: no {expect.file}"


def test_a_case_holds_no_byte_copy_of_its_base() -> None:
    """The point of the overlay: a case keeps only the files it changes."""
    copies = []
    for case in CASES:
        base = FIXTURES / "valid" / read_case(case).base
        for path in (case / "content").rglob("*") if (case / "content").is_dir() else []:
            twin = base / path.relative_to(case)
            if path.is_file() and twin.is_file() and path.read_bytes() == twin.read_bytes():
                copies.append(path.relative_to(FIXTURES).as_posix())
    assert copies == []


def test_valid_encodings_really_are_bom_and_crlf() -> None:
    # guards the two passing fixtures against an editor that "fixes" them on save
    broken = FIXTURES / "broken"
    bom = (broken / "bom-is-valid" / "content/casussen/2022/1-anna.md").read_bytes()
    crlf = (broken / "crlf-is-valid" / "content/casussen/2022/1-anna.md").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf---\n")
    assert b"\r\n" in crlf
    assert b"\n" not in crlf.replace(b"\r\n", b"")

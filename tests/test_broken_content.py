"""Every folder in fixtures/broken/ is a project with one mistake; `stand check` prints its report.

expected.txt is the exact stdout of `stand --project <folder> check`. After a deliberate change to
the wording, rewrite them with `pytest tests/test_broken_content.py --update-golden` and review
the diff: it is what editors will read.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from builder.cli.main import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_MINIMAL = FIXTURES / "valid" / "minimal"
BROKEN = FIXTURES / "broken"
CASES = sorted(path for path in BROKEN.iterdir() if path.is_dir())

# Valid after all (an encoding editors' tools produce), or only a warning: check passes.
PASSING = {"bom-is-valid", "crlf-is-valid", "knelpunt-missing-for-element"}


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_check_prints_expected_report(
    folder: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    code = main(["--project", str(folder), "check"])
    output = capsys.readouterr().out
    expected = folder / "expected.txt"
    if update_golden:
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")
    assert code == (0 if folder.name in PASSING else 1)


def test_there_are_at_least_forty_broken_cases() -> None:
    assert len(CASES) >= 40


def test_every_broken_case_has_an_expected_report() -> None:
    assert [c.name for c in CASES if not (c / "expected.txt").is_file()] == []


def test_valid_encodings_really_are_bom_and_crlf() -> None:
    # guards the two passing fixtures against an editor that "fixes" them on save
    bom = (BROKEN / "bom-is-valid" / "content/casussen/2022/1-anna.md").read_bytes()
    crlf = (BROKEN / "crlf-is-valid" / "content/casussen/2022/1-anna.md").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf---\n")
    assert b"\r\n" in crlf
    assert b"\n" not in crlf.replace(b"\r\n", b"")


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

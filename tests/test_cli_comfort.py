"""The command line as an editor meets it: any subfolder, `stand` alone, typos, closed pipes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli.main import EXIT_OK, EXIT_USAGE, main


def test_stand_finds_the_project_from_a_subfolder(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = minimal_project / "content" / "casussen"
    monkeypatch.chdir(next(p for p in deep.iterdir() if p.is_dir()))
    assert main(["check"]) == EXIT_OK
    assert "Geen fouten" in capsys.readouterr().out


def test_stand_alone_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("gebruik: stand")
    assert "publiceren" in out and "vastleggen" in out


@pytest.mark.parametrize(
    ("typed", "meant"), [("chek", "check"), ("biuld", "build"), ("publiseren", "publiceren")]
)
def test_a_mistyped_command_gets_a_suggestion(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([typed])
    assert stopped.value.code == EXIT_USAGE
    assert f"Bedoelde u ‘{meant}’?" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly(minimal_project: Path) -> None:
    """`stand check | head`: the reader is gone before stand writes; no traceback."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "builder", "--project", str(minimal_project), "check"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == 1

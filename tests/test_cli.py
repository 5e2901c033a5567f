"""The `stand` command: exit codes, --strict, the PATH filter, output formats, `stand schema`."""

import json
from pathlib import Path

import pytest

from builder.cli.main import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, main
from builder.editor.json_schema import json_schemas
from builder.pipeline import check

ROOT = Path(__file__).resolve().parent.parent
ANNA = "content/casussen/2022/1-anna.md"
BERT = "content/casussen/2022/2-bert.md"


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(*argv: str) -> int:
    return main(list(argv))


def drop_kader_knelpunt(project: Path) -> None:
    """Leaves only a warning: the casus has no knelpunt for one element."""
    old = "  - id: bert-kader\n    element: kader\n    kernzin: Het kader schuurt.\n"
    edit(project, BERT, old + "    wat_is_nodig: [informatie-delen-2]\n", "")


def test_check_exits_0_and_says_so_for_clean_content(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--project", str(minimal_project), "check") == EXIT_OK
    assert capsys.readouterr().out == "Geen fouten in 7 bestanden.\n"


def test_check_exits_1_for_content_errors(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")

    assert run("--project", str(minimal_project), "check") == EXIT_CONTENT
    out = capsys.readouterr().out
    assert out.startswith(f"{ANNA}:7:15: fout[schema.type]: ")
    assert out.endswith("\n1 fout in 1 bestand.\n")


def test_an_unknown_option_exits_2_with_a_dutch_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as raised:
        run("check", "--streng")

    assert raised.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "stand: fout in de opdracht: onbekende argumenten: --streng" in err
    assert err.startswith("gebruik: stand ")


def test_argparse_speaks_dutch_only_for_stand_and_english_again_after() -> None:
    """builder.cli.dutch does not change argparse for other programs in the same process."""
    import argparse

    def other_programs_help() -> str:
        return argparse.ArgumentParser(prog="ander").format_help()

    with pytest.raises(SystemExit):
        run("check", "--streng")
    assert other_programs_help().startswith("usage: ander [-h]")
    assert "show this help message and exit" in other_programs_help()


def test_an_unknown_command_is_explained_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        run("controleer")

    assert raised.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "‘controleer’ bestaat niet (kies uit ‘check’, ‘build’" in err
    assert "invalid choice" not in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["serve", "--port", "80000"],
            "--port: poort 80000 bestaat niet (kies 0 tot en met 65535)",
        ),
        (["serve", "--port", "-1"], "--port: poort -1 bestaat niet"),
        (["serve", "--port", "acht"], "--port: ‘acht’ is geen getal"),
        (["new", "editie", "24"], "JAAR: ‘24’ is geen jaartal"),
        (["vastleggen", "20222"], "jaar: ‘20222’ is geen jaartal"),
        (["status", "--editie", "0"], "--editie: ‘0’ is geen jaartal"),
    ],
)
def test_a_number_out_of_range_is_a_dutch_usage_error_before_anything_runs(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    with pytest.raises(SystemExit) as raised:
        run(*args)
    assert raised.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"stand: fout in de opdracht: {said}" in err and "Traceback" not in err


def test_a_project_without_content_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--project", str(tmp_path / "bestaat-niet"), "check") == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "geen map ‘content’ gevonden" in captured.err


def test_a_nonexistent_path_filter_exits_2(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = minimal_project / "content/casussen/2022/9-niemand.md"

    assert run("--project", str(minimal_project), "check", str(missing)) == EXIT_USAGE
    assert "bestaat niet" in capsys.readouterr().err


def test_a_path_outside_the_project_exits_2(
    minimal_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--project", str(minimal_project), "check", str(tmp_path)) == EXIT_USAGE
    assert "ligt buiten het project" in capsys.readouterr().err


def test_a_warning_passes_without_strict(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_kader_knelpunt(minimal_project)

    assert run("--project", str(minimal_project), "check") == EXIT_OK
    assert capsys.readouterr().out.endswith("\n1 waarschuwing in 1 bestand.\n")


def test_only_errors_hides_the_warnings_but_counts_them(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_anna = minimal_project / ANNA
    text = edit_anna.read_text(encoding="utf-8")
    edit_anna.write_text(
        text.replace("nummer: 1", "nummer: een", 1) + "\nnog in te vullen\n", "utf-8"
    )
    assert run("--project", str(minimal_project), "check", "--alleen-fouten") == EXIT_CONTENT
    out = capsys.readouterr().out
    assert "fout[schema." in out and "waarschuwing[" not in out
    assert out.rstrip().endswith("1 fout en 1 waarschuwing in 1 bestand.")


def test_strict_makes_a_warning_fail(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_kader_knelpunt(minimal_project)

    assert run("--project", str(minimal_project), "check", "--strict") == EXIT_CONTENT
    assert "waarschuwing[link.missing-element]" in capsys.readouterr().out


def test_path_filter_shows_only_errors_in_the_given_files_or_folders(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")
    edit(minimal_project, BERT, "leeftijd: 40", "leeftijd: veertig")
    project = str(minimal_project)

    assert run("--project", project, "check", str(minimal_project / BERT)) == EXIT_CONTENT
    assert capsys.readouterr().out.count("fout[schema.type]") == 1

    folder = str(minimal_project / "content/casussen")
    assert run("--project", project, "check", folder) == EXIT_CONTENT
    assert capsys.readouterr().out.endswith("2 fouten in 2 bestanden.\n")

    elsewhere = str(minimal_project / "content/rode-draden")
    assert run("--project", project, "check", elsewhere) == EXIT_OK
    assert capsys.readouterr().out == "Geen fouten in 7 bestanden.\n"


def test_github_format_prints_annotations_and_the_summary(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")

    code = run("--project", str(minimal_project), "check", "--format", "github")

    assert code == EXIT_CONTENT
    first, summary = capsys.readouterr().out.splitlines()
    assert first.startswith(f"::error file={ANNA},line=7,col=15,title=schema.type::‘leeftijd’")
    assert summary == "1 fout in 1 bestand."


def test_json_format_prints_only_json(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig")

    code = run("--project", str(minimal_project), "check", "--format", "json")

    assert code == EXIT_CONTENT
    payload = json.loads(capsys.readouterr().out)
    assert payload["bestanden"] == 7
    [error] = payload["fouten"]
    assert (error["code"], error["bestand"], error["regel"], error["kolom"], error["veld"]) == (
        "schema.type",
        ANNA,
        7,
        15,
        ["personas", 0, "leeftijd"],
    )


# The source text gives no contact details and no address of the original report: the editors
# fill these in ("nog in te vullen"); until then they are the content's only warnings.
OPEN_PUBLISHER_FIELDS: list[tuple[str | int, ...]] = [
    ("contact", "e-mail"),
    ("contact", "website"),
    ("origineel",),
]


def test_the_repository_content_passes_check_with_only_the_open_publisher_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = check(ROOT)

    assert {e.code for e in result.errors} <= {"inhoud.nog-in-te-vullen"}
    assert {e.field for e in result.errors} <= set(OPEN_PUBLISHER_FIELDS)
    assert all(e.file.parent.name == "edities" for e in result.errors)
    assert run("--project", str(ROOT), "check") == EXIT_OK
    out = capsys.readouterr().out
    assert "fout[" not in out and out.count("waarschuwing[") == len(result.errors)


def test_schema_writes_one_file_per_content_type_and_says_so_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "json"

    assert run("--project", str(tmp_path), "schema", "--map", str(target)) == EXIT_OK

    names = sorted(p.name for p in target.iterdir())
    assert names == [
        "bronnen.schema.json",
        "casus.schema.json",
        "editie.schema.json",
        "hoofdstuk.schema.json",
        "rode-draad.schema.json",
    ]
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"JSON Schema geschreven: {target / n}" for n in json_schemas()]


def test_schema_writes_into_the_projects_schema_folder_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--project", str(tmp_path), "schema") == EXIT_OK
    assert (tmp_path / "schema/json/casus.schema.json").is_file()

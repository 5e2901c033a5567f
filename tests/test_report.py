"""report.py: the exact text editors and CI read: code frames, summary, GitHub annotations, JSON."""

import json
import re
from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.errors import ContentError, Severity
from builder.report import (
    code_frame,
    format_error,
    format_github,
    format_json,
    format_summary,
    format_text,
)

PETER = PurePosixPath("content/casussen/2022/1-peter.md")
LINES = {
    str(PETER): [
        "---",
        "id: peter",
        "nummer: 1",
        "personas:",
        "  - naam: Peter",
        "    leeftijd: veertig",
        "    beschrijving: Een man.",
        "---",
        "",
    ]
}

AGE = ContentError(
    code="schema.type",
    message="‘leeftijd’ moet een geheel getal zijn, niet de tekst ‘veertig’.",
    file=PETER,
    line=6,
    column=15,
    field=("personas", 0, "leeftijd"),
    hint="Schrijf een getal zonder aanhalingstekens, bijv. ‘40’.",
)
MISPLACED = ContentError(
    code="load.misplaced",
    message="Dit bestand staat niet op een plek die stand kent.",
    file=PurePosixPath("content/peter.md"),
    hint="Zet het in content/casussen/<jaar>/<naam>.md.",
)
MISSING_ELEMENT = ContentError(
    code="link.missing-element",
    message="Casus ‘peter’ heeft geen knelpunt voor het element kader.",
    file=PETER,
    line=3,
    column=1,
    severity=Severity.WARNING,
)


def read_lines(relative: str) -> list[str]:
    return LINES.get(relative, [])


def test_prints_position_severity_code_frame_and_hint() -> None:
    assert format_error(AGE, read_lines) == (
        "content/casussen/2022/1-peter.md:6:15: fout[schema.type]: ‘leeftijd’ moet een geheel "
        "getal zijn, niet de tekst ‘veertig’.\n"
        "   4 | personas:\n"
        "   5 |   - naam: Peter\n"
        " > 6 |     leeftijd: veertig\n"
        "     |               ^\n"
        "   7 |     beschrijving: Een man.\n"
        "   8 | ---\n"
        "   hint: Schrijf een getal zonder aanhalingstekens, bijv. ‘40’.\n"
    )


def test_prints_no_frame_for_an_error_without_a_line() -> None:
    assert format_error(MISPLACED, read_lines) == (
        "content/peter.md: fout[load.misplaced]: Dit bestand staat niet op een plek die stand "
        "kent.\n"
        "   hint: Zet het in content/casussen/<jaar>/<naam>.md.\n"
    )


def test_prints_a_warning_as_waarschuwing_without_a_hint_line() -> None:
    assert format_error(MISSING_ELEMENT, read_lines) == (
        "content/casussen/2022/1-peter.md:3:1: waarschuwing[link.missing-element]: Casus ‘peter’ "
        "heeft geen knelpunt voor het element kader.\n"
        "   1 | ---\n"
        "   2 | id: peter\n"
        " > 3 | nummer: 1\n"
        "     | ^\n"
        "   4 | personas:\n"
        "   5 |   - naam: Peter\n"
    )


def test_widens_the_gutter_when_the_frame_crosses_a_power_of_ten() -> None:
    lines = [f"regel {n}" for n in range(1, 13)]

    assert code_frame(lines, 9, 3) == (
        "    7 | regel 7\n"
        "    8 | regel 8\n"
        " >  9 | regel 9\n"
        "      |   ^\n"
        "   10 | regel 10\n"
        "   11 | regel 11"
    )


def test_leaves_out_the_frame_when_the_line_is_outside_the_file() -> None:
    assert code_frame(["een regel"], 5, 1) == ""


def test_separates_errors_with_a_blank_line() -> None:
    assert format_text([MISPLACED, MISPLACED], read_lines).count("\n\n") == 2


def test_summarises_counts_of_errors_warnings_and_files() -> None:
    assert format_summary([], 35) == "Geen fouten in 35 bestanden."
    assert format_summary([], 1) == "Geen fouten in 1 bestand."
    assert format_summary([AGE], 7) == "1 fout in 1 bestand."
    assert format_summary([AGE, MISPLACED], 7) == "2 fouten in 2 bestanden."
    assert format_summary([MISSING_ELEMENT], 7) == "1 waarschuwing in 1 bestand."
    assert format_summary([AGE, MISSING_ELEMENT, MISSING_ELEMENT], 7) == (
        "1 fout en 2 waarschuwingen in 1 bestand."
    )


def test_writes_github_workflow_commands_with_file_line_and_column() -> None:
    assert format_github([AGE, MISPLACED, MISSING_ELEMENT]) == (
        "::error file=content/casussen/2022/1-peter.md,line=6,col=15,title=schema.type::"
        "‘leeftijd’ moet een geheel getal zijn, niet de tekst ‘veertig’. "
        "Hint: Schrijf een getal zonder aanhalingstekens, bijv. ‘40’.\n"
        "::error file=content/peter.md,title=load.misplaced::Dit bestand staat niet op een plek "
        "die stand kent. Hint: Zet het in content/casussen/<jaar>/<naam>.md.\n"
        "::warning file=content/casussen/2022/1-peter.md,line=3,col=1,"
        "title=link.missing-element::Casus ‘peter’ heeft geen knelpunt voor het element kader.\n"
    )


def test_escapes_github_command_data() -> None:
    error = ContentError("yaml.syntax", "100% fout,\nnu", PETER, 1, 1)

    assert format_github([error]) == (
        "::error file=content/casussen/2022/1-peter.md,line=1,col=1,title=yaml.syntax::"
        "100%25 fout,%0Anu\n"
    )


def _unescape(text: str) -> str:
    for escaped, plain in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


COMMAND = re.compile(
    r"^::(error|warning) file=(?P<file>[^,:]*),line=\d+,col=\d+,title=(?P<title>[^,:]*)"
    r"::(?P<data>[^\r\n]*)$"
)


@settings(max_examples=300)
@given(file=st.text(), code=st.text(), message=st.text(), hint=st.none() | st.text())
def test_a_github_annotation_is_one_command_whatever_the_values(
    file: str, code: str, message: str, hint: str | None
) -> None:
    """A file name or message with a newline, '::' or '%' cannot inject ::add-mask:: etc."""
    error = ContentError(code, message, PurePosixPath("content") / file, 1, 1, hint=hint)
    output = format_github([error])
    assert output.endswith("\n") and output.count("\n") == 1 and "\r" not in output
    match = COMMAND.match(output[:-1])
    assert match is not None, output
    assert _unescape(match["file"]) == str(error.file)
    assert _unescape(match["title"]) == code
    assert _unescape(match["data"]) == message + (f" Hint: {hint}" if hint else "")


def test_a_file_name_with_a_newline_cannot_start_a_workflow_command() -> None:
    name = PurePosixPath("content/x\n::add-mask::geheim\n::notice file=a,b::c.md")
    output = format_github([ContentError("load.misplaced", "m", name)])
    assert output == (
        "::error file=content/x%0A%3A%3Aadd-mask%3A%3Ageheim%0A%3A%3Anotice file=a%2Cb%3A%3Ac.md,"
        "title=load.misplaced::m\n"
    )


def test_json_has_a_stable_dutch_shape() -> None:
    payload = json.loads(format_json([AGE, MISPLACED], 7))

    assert payload == {
        "bestanden": 7,
        "fouten": [
            {
                "code": "schema.type",
                "ernst": "fout",
                "bestand": "content/casussen/2022/1-peter.md",
                "regel": 6,
                "kolom": 15,
                "veld": ["personas", 0, "leeftijd"],
                "melding": "‘leeftijd’ moet een geheel getal zijn, niet de tekst ‘veertig’.",
                "hint": "Schrijf een getal zonder aanhalingstekens, bijv. ‘40’.",
            },
            {
                "code": "load.misplaced",
                "ernst": "fout",
                "bestand": "content/peter.md",
                "regel": None,
                "kolom": None,
                "veld": [],
                "melding": "Dit bestand staat niet op een plek die stand kent.",
                "hint": "Zet het in content/casussen/<jaar>/<naam>.md.",
            },
        ],
    }


def test_json_keeps_dutch_characters_readable() -> None:
    assert "‘leeftijd’" in format_json([AGE], 1)


def test_keeps_tabs_before_the_caret_so_it_lines_up() -> None:
    assert code_frame(["a:", "\tb: 1"], 2, 2) == "   1 | a:\n > 2 | \tb: 1\n     | \t^"

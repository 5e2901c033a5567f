"""`stand status`: missing knelpunten, unanswered ones, word counts and open markers."""

from pathlib import Path, PurePosixPath

import pytest

from builder.cli.main import EXIT_OK, EXIT_USAGE, main
from builder.content.body import parse_body
from builder.content.markdown import make_markdown
from builder.editor.scaffold import new_case
from builder.editor.status import count_words

ANNA = "content/casussen/2022/1-anna.md"
BERT = "content/casussen/2022/2-bert.md"

EXPECTED = """\
Editie 2022 (gepubliceerd): 2 casussen, 2 rode draden
=====================================================

Casussen
  nr  casus  woorden  elementen zonder knelpunt  zonder antwoord
  --  -----  -------  -------------------------  ---------------
   1  anna        42  –                                        1
   2  bert        42  kader                                    1

Knelpunten zonder aanbeveling
  knelpunt      element  zonder_antwoord
  ------------  -------  ------------------------------
  anna-netwerk  netwerk  Geen rode draad gaat hierover.
  bert-netwerk  netwerk  Geen rode draad gaat hierover.

Rode draden
  nr  rode draad        element      woorden  aanbevelingen
  --  ----------------  -----------  -------  -------------
   1  breed-kijken      kernwaarden       21              1
   2  informatie-delen  informatie        23              2

Nog in te vullen (2)
  plek                                waar
  ----------------------------------  ----------
  content/casussen/2022/1-anna.md:10  gemeente
  content/casussen/2022/1-anna.md:76  ## Netwerk
"""


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def status(project: Path, *argv: str) -> int:
    return main(["--project", str(project), "status", *argv])


def test_status_lists_gaps_words_and_open_markers(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kader = "  - id: bert-kader\n    element: kader\n    kernzin: Het kader schuurt.\n"
    edit(minimal_project, BERT, kader + "    wat_is_nodig: [informatie-delen-2]\n", "")
    edit(minimal_project, ANNA, "Tekst over netwerk.", "Tekst over netwerk. Nog in te vullen.")
    edit(minimal_project, ANNA, "gemeente: Een dorp", "gemeente: nog in te vullen")

    assert status(minimal_project, "--editie", "2022") == EXIT_OK

    assert capsys.readouterr().out == EXPECTED


def test_status_shows_the_newest_edition_by_default(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = new_case(minimal_project, 2023, "Een nieuwe kans", ["Peter"])
    lines = made.path.read_text(encoding="utf-8").split("\n")
    kernzin = lines.index("    kernzin: >-") + 2  # the marker is on the line after the key
    kader = len(lines) - 1  # the file ends with the Kader section's marker and a newline

    assert status(minimal_project) == EXIT_OK

    out = capsys.readouterr().out
    assert out.startswith("Editie 2023 (concept): 1 casus, 0 rode draden\n")
    assert "   1  peter        0  –                                        6\n" in out
    assert "  peter-kader         kader         nog in te vullen\n" in out
    assert "Nog in te vullen (26)\n" in out
    assert f"  content/casussen/2023/1-peter.md:{kernzin}   knelpunten[0].kernzin\n" in out
    assert out.endswith(f"  content/casussen/2023/1-peter.md:{kader}  ## Kader\n")


def test_status_still_reports_when_a_file_has_errors(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(minimal_project, BERT, "leeftijd: 40", "leeftijd: veertig")

    assert status(minimal_project) == EXIT_OK

    out = capsys.readouterr().out
    assert f"Overgeslagen wegens fouten (zie ‘stand check’): {BERT}\n" in out
    assert "Editie 2022 (gepubliceerd): 1 casus, 2 rode draden\n" in out


def test_status_of_an_unknown_edition_is_a_usage_error(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert status(minimal_project, "--editie", "2030") == EXIT_USAGE

    assert capsys.readouterr().err == "stand: er is geen inhoud voor editie 2030; wel voor 2022.\n"


def test_word_count_leaves_out_headings_footnotes_and_markers() -> None:
    text = "## Peter\n\nPeter woont in een dorp.[^1] Nog in te vullen.\n\n[^1]: Een bron, 2020.\n"
    body, _ = parse_body(make_markdown(), text, 1, PurePosixPath("casus.md"))

    assert count_words(body) == 5  # 'Peter woont in een dorp': no heading, footnote or marker

"""`stand new`: scaffolded files pass `stand check` with only nog-in-te-vullen warnings."""

from pathlib import Path

import pytest
import yaml

from builder.cli.main import EXIT_OK, EXIT_USAGE, main
from builder.content.frontmatter import split
from builder.content.placeholders import CODE, MARKER
from builder.editor.scaffold import ScaffoldError, new_case, new_thread, slugify, title_slug
from builder.editor.scaffold_text import yaml_scalar
from builder.pipeline import check
from schema.speelveld import ELEMENTS

CASE_SECTIONS = [
    "Peter",
    "Rollen en verantwoordelijkheden van de gemeente",
    "Taken van de gemeente",
    "(Keten)partners van de gemeente",
    *(info.name for info in ELEMENTS),
]


def run(project: Path, *argv: str) -> int:
    return main(["--project", str(project), *argv])


# A new edition after one with recommendations: their follow-up is still open (a warning).
FOLLOW_UP_MISSING = "opvolging.missing"


def codes(project: Path) -> set[str]:
    return {error.code for error in check(project).errors}


def frontmatter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(split(path.read_text(encoding="utf-8")).yaml_text)
    assert isinstance(data, dict)
    return data


def test_new_casus_writes_next_number_and_a_new_concept_edition(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            minimal_project,
            "new",
            "casus",
            "--editie",
            "2023",
            "--titel",
            "Een nieuwe kans",
            "--persona",
            "Peter",
        )
        == EXIT_OK
    )

    out = capsys.readouterr().out
    assert out == (
        "Nieuwe editie (concept): content/edities/2023.yml\ncontent/casussen/2023/1-peter.md\n"
    )
    edition = yaml.safe_load((minimal_project / "content/edities/2023.yml").read_text())
    assert edition["status"] == "concept"
    case = frontmatter(minimal_project / "content/casussen/2023/1-peter.md")
    assert case["id"] == "peter"
    assert case["nummer"] == 1
    assert case["titel"] == "Een nieuwe kans"


def test_scaffolded_casus_and_rode_draad_pass_check_with_only_placeholder_warnings(
    minimal_project: Path,
) -> None:
    new_case(minimal_project, 2023, "Een nieuwe kans: of toch niet?", ["Peter"])
    new_case(minimal_project, 2023, "Zonder persona", [])
    new_thread(minimal_project, 2023, "Als de hokjes botsen met de leefwereld", "informatie")

    result = check(minimal_project)

    assert result.ok
    assert {e.code for e in result.errors} == {CODE, FOLLOW_UP_MISSING}
    assert all(e.severity == "waarschuwing" and e.line for e in result.errors)


def test_scaffolded_casus_has_every_key_and_all_ten_sections(minimal_project: Path) -> None:
    made = new_case(minimal_project, 2023, "Een nieuwe kans", ["Peter"])

    text = made.path.read_text(encoding="utf-8")
    data = frontmatter(made.path)
    assert list(data) == [
        "id",
        "nummer",
        "titel",
        "personas",
        "gemeente",
        "rollen",
        "ketenpartners",
        "wetten",
        "knelpunten",
    ]
    assert [k["element"] for k in data["knelpunten"]] == [i.element.value for i in ELEMENTS]  # type: ignore[attr-defined]
    assert all(k["zonder_antwoord"] == MARKER for k in data["knelpunten"])  # type: ignore[attr-defined]
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == CASE_SECTIONS
    assert "# De titel van de casus" in text  # fields are explained in Dutch comments


def test_placeholder_warnings_point_at_the_marker_line(minimal_project: Path) -> None:
    made = new_case(minimal_project, 2023, "Een nieuwe kans", ["Peter"])
    lines = made.path.read_text(encoding="utf-8").split("\n")

    warnings = [e for e in check(minimal_project).errors if e.code == CODE]

    written = [line for line in lines if not line.lstrip().startswith("# ")]  # not comments
    assert len(warnings) == sum(line.count(MARKER) for line in written)
    assert all(MARKER in lines[e.line - 1] for e in warnings if e.line)


def test_new_rode_draad_takes_the_next_volgorde_and_a_short_id(minimal_project: Path) -> None:
    new_thread(minimal_project, 2023, "Eerste", "kader")
    made = new_thread(minimal_project, 2023, "Als de hokjes botsen met de leefwereld", "kader")

    assert made.path.name == "02-hokjes-botsen-leefwereld.md"
    data = frontmatter(made.path)
    assert (data["volgorde"], data["element"]) == (2, "kader")
    assert data["wat_is_nodig"] == [
        {"id": "hokjes-botsen-leefwereld-1", "niveaus": [], "tekst": MARKER}
    ]


def test_ids_stay_unique_within_the_edition(minimal_project: Path) -> None:
    first = new_case(minimal_project, 2023, "Eerste", ["Peter"])
    second = new_case(minimal_project, 2023, "Tweede", ["Peter"])

    assert first.path.name == "1-peter.md"
    assert second.path.name == "2-peter-2.md"
    assert codes(minimal_project) == {CODE, FOLLOW_UP_MISSING}


def test_an_existing_id_in_the_edition_is_not_reused(minimal_project: Path) -> None:
    made = new_case(minimal_project, 2023, "x", ["Anna"])
    assert frontmatter(made.path)["id"] == "anna"  # 'anna' is taken in 2022, not in 2023
    with pytest.raises(ScaffoldError, match="al gebruikt"):
        new_case(minimal_project, 2023, "Nog een", [], case_id="anna")


def test_refuses_to_overwrite_an_existing_file(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "new",
        "casus",
        "--editie",
        "2023",
        "--titel",
        "Peter",
        "--id",
        "peter",
        "--nummer",
        "1",
    ]
    assert run(minimal_project, *args) == EXIT_OK
    path = minimal_project / "content/casussen/2023/1-peter.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMijn tekst.\n", encoding="utf-8")
    before = path.read_bytes()
    capsys.readouterr()

    assert run(minimal_project, *args) == EXIT_USAGE

    err = capsys.readouterr().err
    assert err == (
        "stand: content/casussen/2023/1-peter.md bestaat al; stand overschrijft geen "
        "bestaand bestand.\n"
    )
    assert path.read_bytes() == before


def test_refuses_a_taken_number_and_a_published_edition(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_case(minimal_project, 2023, "Eerste", ["Peter"])
    with pytest.raises(ScaffoldError, match="nummer 1 bestaat al"):
        new_case(minimal_project, 2023, "Tweede", ["Karin"], number=1)

    assert run(minimal_project, "new", "casus", "--editie", "2022", "--titel", "x") == EXIT_USAGE
    assert "editie 2022 is al gepubliceerd" in capsys.readouterr().err


def test_an_unknown_element_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["new", "rode-draad", "--editie", "2023", "--titel", "x", "--element", "info"])

    assert raised.value.code == EXIT_USAGE
    assert "stand: fout in de opdracht: " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Wim en Angélique", "wim-en-angelique"),
        ("  Otto & Veerle ", "otto-veerle"),
        ("Ĳsbrand", "ijsbrand"),
        ("a" * 50, "a" * 40),
    ],
)
def test_slugify_makes_url_safe_ids(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_title_slug_keeps_the_first_content_words() -> None:
    assert title_slug("Een nieuwe kans of verstoring van de rust?") == "nieuwe-kans-verstoring-rust"
    assert title_slug("De en het") == "de-en-het"


@pytest.mark.parametrize(
    "text", ["Peter", "Casus: Peter", "2023", "ja", "#1 op de lijst", "’s Avonds"]
)
def test_yaml_scalar_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"k: {yaml_scalar(text)}") == {"k": text}


def test_scaffolded_files_have_lines_an_editor_can_read_without_scrolling(
    minimal_project: Path,
) -> None:
    case = new_case(minimal_project, 2023, "Een nieuwe kans", ["Peter"])
    thread = new_thread(minimal_project, 2023, "Een rode draad", "informatie")

    for made in (case, thread):
        long = [line for line in made.path.read_text().splitlines() if len(line) > 100]
        assert long == []
    edition = (minimal_project / "content/edities/2023.yml").read_text()
    assert max(len(line) for line in edition.splitlines()) <= 100

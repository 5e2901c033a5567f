"""Stage 2, validate: one test per schema.* code (field path, line, column), then the body checks.

Each test breaks one thing in a copy of the minimal fixture and calls load + validate directly.
"""

from pathlib import Path, PurePosixPath

import pytest

from builder.content.load import load
from builder.content.validate import validate
from builder.errors import ContentError, Severity

ANNA = "content/casussen/2022/1-anna.md"
INFO = "content/rode-draden/2022/02-informatie-delen.md"
BREED = "content/rode-draden/2022/01-breed-kijken.md"
EDITION = "content/edities/2022.yml"
SOURCES = "content/bronnen/2022.yml"
CHAPTER = "content/hoofdstukken/2022/01-inleiding.md"


def validate_with(project: Path, file: str, old: str, new: str) -> list[ContentError]:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    sources, errors = load(project)
    assert errors == []
    return validate(sources)[1]


def only(errors: list[ContentError]) -> ContentError:
    assert len(errors) == 1, errors
    return errors[0]


def where(error: ContentError) -> tuple[str, str, int | None, int | None, tuple[str | int, ...]]:
    return error.code, str(error.file), error.line, error.column, error.field


def test_the_minimal_fixture_validates_without_errors(minimal_project: Path) -> None:
    sources, errors = load(minimal_project)
    validated, more = validate(sources)

    assert errors + more == []
    assert [d.model.id for d in validated.cases] == ["anna", "bert"]


def test_reports_missing_titel_at_frontmatter_start(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "titel: Casus over Anna\n", ""))

    assert where(error) == ("schema.missing", ANNA, 2, 1, ("titel",))
    assert error.message == "Het verplichte veld ‘titel’ ontbreekt."


def test_reports_missing_nested_kernzin_at_its_knelpunt(minimal_project: Path) -> None:
    error = only(
        validate_with(minimal_project, ANNA, "    kernzin: Bevoegdheden zijn onduidelijk.\n", "")
    )

    assert where(error) == ("schema.missing", ANNA, 23, 5, ("knelpunten", 2, "kernzin"))


def test_reports_an_unknown_top_level_key_with_a_suggestion(minimal_project: Path) -> None:
    errors = validate_with(minimal_project, ANNA, "gemeente: Een dorp", "gemeentee: Een dorp")

    unknown = next(e for e in errors if e.code == "schema.unknown-key")
    assert where(unknown) == ("schema.unknown-key", ANNA, 10, 1, ("gemeentee",))
    assert unknown.hint is not None
    assert unknown.hint.startswith("Bedoelde u ‘gemeente’? Toegestane velden: ‘id’, ‘nummer’")


def test_reports_nivo_in_the_third_wat_is_nodig_at_the_key(minimal_project: Path) -> None:
    third = "  - id: informatie-delen-3\n    nivo: [landelijk]\n    tekst: Derde.\n"
    error = only(validate_with(minimal_project, INFO, "---\n\nIn de casus", f"{third}---\n\nIn"))

    assert where(error) == ("schema.unknown-key", INFO, 17, 5, ("wat_is_nodig", 2, "nivo"))
    assert error.hint is not None
    assert error.hint.startswith("Bedoelde u ‘niveaus’? Toegestane velden: ‘id’, ‘niveaus’")


def test_reports_a_key_yaml_reads_as_a_number_as_unknown(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "gemeente: Een dorp", "2022: x\ngemeente: y"))

    assert where(error) == ("schema.unknown-key", ANNA, 10, 1, ("2022",))


def test_reports_leeftijd_veertig_as_a_type_error_at_the_value(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "leeftijd: 40", "leeftijd: veertig"))

    assert where(error) == ("schema.type", ANNA, 7, 15, ("personas", 0, "leeftijd"))
    assert error.message == "‘leeftijd’ moet een geheel getal zijn, niet de tekst ‘veertig’."
    assert error.hint == "Schrijf een getal zonder aanhalingstekens, bijv. ‘40’."


def test_reports_personas_that_are_not_a_list(minimal_project: Path) -> None:
    old = "personas:\n  - naam: Anna\n    leeftijd: 40\n    beschrijving: >-\n      Anna woont"
    errors = validate_with(minimal_project, ANNA, old, "personas: Anna\nx: >-\n      Anna woont")

    typed = next(e for e in errors if e.code == "schema.type")
    assert where(typed) == ("schema.type", ANNA, 5, 11, ("personas",))
    assert typed.message == "‘personas’ moet een lijst zijn, niet de tekst ‘Anna’."


def test_suggests_a_text_in_quotes_when_a_title_is_a_number(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "titel: Casus over Anna", "titel: 2022"))

    assert where(error) == ("schema.type", ANNA, 4, 8, ("titel",))
    assert error.message == "‘titel’ moet een tekst zijn, niet het getal 2022."
    assert error.hint is not None
    assert "aanhalingstekens" in error.hint


@pytest.mark.parametrize(
    ("file", "old", "new", "position", "field", "suggestion"),
    [
        (
            ANNA,
            "element: kernwaarden",
            "element: kernwaarde",
            (16, 14),
            ("knelpunten", 0, "element"),
            "kernwaarden",
        ),
        (
            INFO,
            "niveaus: [landelijk]",
            "niveaus: [landelijke]",
            (9, 15),
            ("wat_is_nodig", 0, "niveaus", 0),
            "landelijk",
        ),
        (
            ANNA,
            "rollen: [dienstverlener]",
            "rollen: [dienstverlener, handhavers]",
            (11, 26),
            ("rollen", 1),
            "handhaver",
        ),
        (
            EDITION,
            "status: gepubliceerd",
            "status: gepubliseerd",
            (3, 9),
            ("status",),
            "gepubliceerd",
        ),
    ],
    ids=["element", "niveau", "rol", "status"],
)
def test_reports_an_unknown_value_with_bedoelde_je_and_the_closed_set(
    minimal_project: Path,
    file: str,
    old: str,
    new: str,
    position: tuple[int, int],
    field: tuple[str | int, ...],
    suggestion: str,
) -> None:
    error = only(validate_with(minimal_project, file, old, new))

    assert where(error) == ("schema.unknown-value", file, *position, field)
    assert error.hint is not None
    assert error.hint.startswith(f"Bedoelde u ‘{suggestion}’? Kies uit: ‘")


@pytest.mark.parametrize(
    ("value", "example"), [("../anna", "anna"), ("Anna Jansen", "anna-jansen"), ("a--b", "a-b")]
)
def test_reports_an_id_that_is_no_slug_with_an_example(
    minimal_project: Path, value: str, example: str
) -> None:
    error = only(validate_with(minimal_project, ANNA, "id: anna\n", f"id: {value}\n"))

    assert where(error) == ("schema.slug", ANNA, 2, 5, ("id",))
    assert error.hint is not None
    assert error.hint.startswith(f"Bijvoorbeeld ‘{example}’.")


def test_reports_an_empty_list_where_one_item_is_required(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "rollen: [dienstverlener]", "rollen: []"))

    assert where(error) == ("schema.length", ANNA, 11, 9, ("rollen",))
    assert error.message == "‘rollen’ moet minstens 1 item bevatten."


def test_reports_a_number_out_of_range(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "nummer: 1", "nummer: 100"))

    assert where(error) == ("schema.range", ANNA, 3, 9, ("nummer",))
    assert error.message == "‘nummer’ moet hoogstens 99 zijn, niet 100."


def test_reports_a_publication_date_in_the_wrong_form_in_dutch(minimal_project: Path) -> None:
    error = only(
        validate_with(
            minimal_project, EDITION, 'publicatiedatum: "2022-06"', "publicatiedatum: juni"
        )
    )

    assert where(error) == ("schema.format", EDITION, 4, 18, ("publicatiedatum",))
    assert error.message == (
        "‘publicatiedatum’ moet een datum als JJJJ-MM of JJJJ-MM-DD zijn, niet de tekst ‘juni’."
    )


def test_accepts_an_unquoted_publication_date_as_the_docs_write_it(minimal_project: Path) -> None:
    errors = validate_with(
        minimal_project, EDITION, 'publicatiedatum: "2022-06"', "publicatiedatum: 2022-06-30"
    )

    assert errors == []


def test_reports_a_correction_date_that_is_no_date(minimal_project: Path) -> None:
    error = only(
        validate_with(
            minimal_project,
            EDITION,
            "correcties: []",
            "correcties:\n  - {datum: gisteren, wijziging: x}",
        )
    )

    assert where(error) == ("schema.type", EDITION, 8, 13, ("correcties", 0, "datum"))


def test_reports_an_edition_whose_jaar_differs_from_its_file_name(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, EDITION, "jaar: 2022", "jaar: 2023"))

    assert where(error) == ("schema.edition-year", EDITION, 1, 7, ("jaar",))
    assert error.hint == "Zet ‘jaar: 2022’, of geef het bestand de naam 2023.yml."


def test_reports_frontmatter_that_is_a_list_at_its_first_line(minimal_project: Path) -> None:
    text = (minimal_project / ANNA).read_text(encoding="utf-8")
    body = text[text.index("\n---\n") :]
    (minimal_project / ANNA).write_text("---\n- id: anna\n- nummer: 1" + body, encoding="utf-8")
    sources, _ = load(minimal_project)

    error = only(validate(sources)[1])

    assert where(error) == ("frontmatter.not-mapping", ANNA, 2, 1, ())
    assert error.message.endswith("maar is een lijst.")


def test_reports_a_bronnen_file_that_is_not_a_list(minimal_project: Path) -> None:
    (minimal_project / SOURCES).write_text("id: a\nsoort: website\n", encoding="utf-8")
    sources, _ = load(minimal_project)

    error = only(validate(sources)[1])

    assert where(error) == ("frontmatter.not-list", SOURCES, 1, 1, ())
    assert error.message.endswith("maar is een groep velden.")


def test_reports_every_file_in_one_run(minimal_project: Path) -> None:
    validate_with(minimal_project, EDITION, "status: gepubliceerd", "status: klaar")
    errors = validate_with(minimal_project, ANNA, "nummer: 1", "nummer: een")

    assert sorted(str(e.file) for e in errors) == [ANNA, EDITION]


# --- body checks, which run in the same stage


def test_reports_a_missing_element_section_where_it_belongs(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "## Kader\n\nTekst over het kader.\n\n", ""))

    assert where(error) == ("body.missing-section", ANNA, 78, 1, ())
    assert error.message == "De casus mist de sectie ‘## Kader’; die hoort na ‘## Netwerk’."


def test_reports_a_section_typo_with_a_suggestion(minimal_project: Path) -> None:
    errors = validate_with(minimal_project, ANNA, "## Expertise\n", "## Expertis\n")

    missing, unknown = sorted(errors, key=ContentError.sort_key)
    assert where(missing) == ("body.missing-section", ANNA, 62, 1, ())
    assert missing.message.endswith("die hoort na ‘## Kernwaarden’.")
    assert where(unknown) == ("body.unknown-section", ANNA, 62, 1, ())
    assert unknown.hint is not None
    assert unknown.hint.startswith("Bedoelde u ‘Expertise’?")


def test_reports_a_duplicate_section_at_its_second_heading(minimal_project: Path) -> None:
    errors = validate_with(minimal_project, ANNA, "## Netwerk\n", "## Kader\n\nx\n\n## Netwerk\n")

    # Kader before the second Netwerk is also out of order; the duplicate is reported at its line
    assert ("body.duplicate-section", 82) in [(e.code, e.line) for e in errors]


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "column"),
    [
        ("Tekst over expertise.", "Tekst over expertise.[^9]", "body.footnote-undefined", 64, 22),
        ("Tekst over netwerk.", "Tekst over <b>netwerk</b>.", "body.raw-html", 76, 12),
        ("Tekst over netwerk.", "<div>\nTekst\n</div>", "body.raw-html", 76, 1),
        ("Tekst over netwerk.", "Zie [x](javascript:alert(1))", "body.unsafe-link", 76, 9),
        ("Tekst over netwerk.", "Zie [x](jav&#x61;script:alert(1))", "body.unsafe-link", 76, 9),
        ("Tekst over netwerk.", "Zie [x](<javascript:alert(1)>)", "body.unsafe-link", 76, 9),
        ("Tekst over netwerk.", "[x](data:text/html,hoi)", "body.unsafe-link", 76, 5),
        ("Tekst over netwerk.", "Tekst.\nMeer [x](pagina.html)", "body.unsafe-link", 77, 10),
        ("Tekst over netwerk.", "[x](wat_is_nodig:breed-kijken-1)", "link.unknown-scheme", 76, 5),
        ("## Anna\n", "# Anna\n\n## Anna\n", "body.heading-level", 41, 1),
    ],
    ids=[
        "footnote-undefined",
        "inline-html-once",
        "html-block",
        "javascript",
        "javascript-entity-encoded",
        "javascript-in-angle-brackets",
        "data",
        "relative-on-second-line",
        "underscore-scheme",
        "h1",
    ],
)
def test_reports_body_problems_at_their_own_line_and_column(
    minimal_project: Path, old: str, new: str, code: str, line: int, column: int
) -> None:
    error = only(validate_with(minimal_project, ANNA, old, new))

    assert where(error) == (code, ANNA, line, column, ())
    assert "\n" not in error.message


def test_a_decoded_link_is_reported_where_it_is_written(minimal_project: Path) -> None:
    """markdown-it decodes entities in a destination: each link is still found at its own."""
    line = "Zie [x](jav&#x61;script:x), [y](https://vng.nl) en [z](jav&#x61;script:z)"
    errors = validate_with(minimal_project, ANNA, "Tekst over netwerk.", line)

    assert [(e.code, e.line, e.column) for e in errors] == [
        ("body.unsafe-link", 76, 9),
        ("body.unsafe-link", 76, line.index("](jav&#x61;script:z") + 3),
    ]


def test_suggests_the_internal_scheme_for_an_underscore_typo(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, ANNA, "(rode-draad:", "(rode_draad:"))

    assert error.hint is not None
    assert error.hint.startswith("Bedoelde u ‘rode-draad’? Interne links beginnen met: ‘bron:’")


def test_reports_an_unused_footnote_at_its_definition(minimal_project: Path) -> None:
    error = only(validate_with(minimal_project, BREED, "[^2]: Zie", "[^3]: Over.\n\n[^2]: Zie"))

    assert where(error) == ("body.footnote-unused", BREED, 16, 1, ())


def test_reports_an_unknown_chart_fence_with_the_known_charts(minimal_project: Path) -> None:
    error = only(
        validate_with(minimal_project, CHAPTER, "```grafiek\ngroei\n", "```grafiek\ngroi\n")
    )

    assert where(error) == ("body.unknown-chart", CHAPTER, 19, 1, ())
    assert error.hint == (
        "Bedoelde u ‘groei’? Grafieken in dit bestand: ‘groei’. Alleen een hoofdstuk kan "
        "grafieken hebben; een casus of rode draad niet."
    )


def test_reports_html_in_a_wat_is_nodig_text_on_the_text_line(minimal_project: Path) -> None:
    error = only(
        validate_with(minimal_project, INFO, "Afspraken in de regio.", "Een <i>regio</i>.")
    )

    assert where(error) == ("body.raw-html", INFO, 15, 1, ())


def test_all_validate_errors_are_errors_not_warnings(minimal_project: Path) -> None:
    errors = validate_with(minimal_project, ANNA, "Tekst over netwerk.", "<b>x</b> [^7]")

    assert {e.severity for e in errors} == {Severity.ERROR}
    assert {e.file for e in errors} == {PurePosixPath(ANNA)}

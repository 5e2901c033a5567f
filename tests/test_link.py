"""Stage 3, link: the two-way index, bron citations, and the link.* errors.

Each test takes a copy of the minimal fixture, changes one thing, and calls load, validate and
link directly.
"""

from pathlib import Path

import pytest

from builder.content.library import Citation, EditionLibrary, Library
from builder.content.link import link
from builder.content.load import load
from builder.content.validate import validate
from builder.errors import ContentError, Severity

ANNA = "content/casussen/2022/1-anna.md"
BERT = "content/casussen/2022/2-bert.md"
BREED = "content/rode-draden/2022/01-breed-kijken.md"
INFO = "content/rode-draden/2022/02-informatie-delen.md"
CHAPTER = "content/hoofdstukken/2022/01-inleiding.md"
SOURCES = "content/bronnen/2022.yml"


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def link_project(project: Path) -> tuple[Library, list[ContentError]]:
    sources, errors = load(project)
    validated, more = validate(sources)
    assert errors + more == []
    return link(validated)


def link_with(project: Path, file: str, old: str, new: str) -> list[ContentError]:
    edit(project, file, old, new)
    return link_project(project)[1]


def only(errors: list[ContentError]) -> ContentError:
    assert len(errors) == 1, errors
    return errors[0]


def where(error: ContentError) -> tuple[str, str, int | None, int | None, tuple[str | int, ...]]:
    return error.code, str(error.file), error.line, error.column, error.field


@pytest.fixture
def edition(minimal_project: Path) -> EditionLibrary:
    library, errors = link_project(minimal_project)
    assert errors == []
    return library.editions[2022]


def test_links_knelpunt_to_wat_is_nodig_and_back(edition: EditionLibrary) -> None:
    assert edition.answers["anna-informatie"] == ["informatie-delen-1", "informatie-delen-2"]
    assert edition.answers["anna-netwerk"] == []
    assert edition.answered["informatie-delen-2"] == [
        "anna-informatie",
        "anna-kader",
        "bert-informatie",
        "bert-kader",
    ]
    assert edition.answered["breed-kijken-1"] == [
        "anna-kernwaarden",
        "anna-expertise",
        "anna-bevoegdheden",
        "bert-kernwaarden",
        "bert-expertise",
        "bert-bevoegdheden",
    ]


def test_the_two_directions_of_the_index_agree(edition: EditionLibrary) -> None:
    forward = {(k, r) for k, recs in edition.answers.items() for r in recs}
    backward = {(k, r) for r, knelpunten in edition.answered.items() for k in knelpunten}
    assert forward == backward


def test_knows_the_owner_of_every_knelpunt_and_recommendation(edition: EditionLibrary) -> None:
    assert edition.case_of_bottleneck["bert-netwerk"] == "bert"
    assert edition.thread_of_recommendation["informatie-delen-1"] == "informatie-delen"
    assert edition.bottleneck("anna-kader").key_sentence == "Het kader schuurt."
    assert edition.recommendation("breed-kijken-1").text.startswith("De professional krijgt")


def test_lists_the_rode_draden_that_name_a_casus(edition: EditionLibrary) -> None:
    assert edition.threads_naming_case == {
        "anna": ["breed-kijken", "informatie-delen"],
        "bert": ["breed-kijken"],
    }


def test_records_every_place_that_cites_a_bron(edition: EditionLibrary) -> None:
    assert edition.citations == {
        "bureau-2020-rapport": [
            Citation("casus", "anna", "1"),
            Citation("casus", "bert", "1"),
            Citation("hoofdstuk", "inleiding", None),
        ],
        "website-voorbeeld-nl": [Citation("rode-draad", "breed-kijken", "2")],
    }


def test_orders_cases_by_number_and_threads_by_volgorde(minimal_project: Path) -> None:
    edit(minimal_project, ANNA, "nummer: 1", "nummer: 3")
    edition = link_project(minimal_project)[0].editions[2022]

    assert [d.model.id for d in edition.cases] == ["bert", "anna"]
    assert [d.model.id for d in edition.threads] == ["breed-kijken", "informatie-delen"]


def test_reports_an_unknown_wat_is_nodig_at_the_list_item(minimal_project: Path) -> None:
    error = only(
        link_with(
            minimal_project,
            ANNA,
            "[informatie-delen-1, informatie-delen-2]",
            "[informatie-delen-1, informatie-deel-2]",
        )
    )

    assert where(error) == ("link.unknown-id", ANNA, 30, 40, ("knelpunten", 3, "wat_is_nodig", 1))
    assert error.message == (
        "Aanbeveling (wat is nodig) ‘informatie-deel-2’ bestaat niet in editie 2022."
    )
    assert error.hint == "Bedoelde u ‘informatie-delen-2’?"


def test_lists_existing_ids_when_nothing_is_close(minimal_project: Path) -> None:
    error = only(
        link_with(minimal_project, BREED, "casussen: [anna, bert]", "casussen: [anna, zz]")
    )

    assert where(error) == ("link.unknown-id", BREED, 6, 18, ("casussen", 1))
    assert error.hint == "Bestaande ids (casus): ‘anna’, ‘bert’."


def test_reports_an_unknown_bron_of_a_chart(minimal_project: Path) -> None:
    error = only(link_with(minimal_project, CHAPTER, "bron: bureau-2020-rapport", "bron: bureau"))

    assert where(error) == ("link.unknown-id", CHAPTER, 9, 11, ("grafieken", 0, "bron"))


def test_reports_an_unknown_bron_link_in_a_body_at_its_address(minimal_project: Path) -> None:
    error = only(
        link_with(minimal_project, ANNA, "(bron:bureau-2020-rapport)", "(bron:bureau-2021)")
    )

    assert where(error) == ("link.unknown-id", ANNA, 82, 44, ())  # at the address itself
    assert error.hint == "Bedoelde u ‘bureau-2020-rapport’?"


def test_reports_an_unknown_link_in_a_wat_is_nodig_text(minimal_project: Path) -> None:
    error = only(link_with(minimal_project, INFO, "Afspraken in de regio.", "Zie [x](casus:bart)."))

    assert where(error) == ("link.unknown-id", INFO, 15, 1, ())


@pytest.mark.parametrize(
    ("file", "old", "new", "position", "field", "other"),
    [
        (BERT, "id: bert\n", "id: anna\n", (2, 5), ("id",), f"casus in {ANNA}:2"),
        (
            BERT,
            "  - id: bert-expertise",
            "  - id: bert-kernwaarden",
            (19, 9),
            ("knelpunten", 1, "id"),
            f"knelpunt in {BERT}:15",
        ),
        (CHAPTER, "id: inleiding", "id: breed-kijken", (2, 5), ("id",), f"rode draad in {BREED}:2"),
        (
            SOURCES,
            "- id: website-voorbeeld-nl",
            "- id: bureau-2020-rapport",
            (8, 7),
            (1, "id"),
            f"bron in {SOURCES}:1",
        ),
    ],
    ids=["casus", "knelpunt", "across-kinds", "bron"],
)
def test_reports_a_duplicate_id_at_the_second_declaration(
    minimal_project: Path,
    file: str,
    old: str,
    new: str,
    position: tuple[int, int],
    field: tuple[str | int, ...],
    other: str,
) -> None:
    errors = link_with(minimal_project, file, old, new)

    duplicate = next(e for e in errors if e.code == "link.duplicate-id")
    assert where(duplicate) == ("link.duplicate-id", file, *position, field)
    assert duplicate.message.endswith(f"wordt in editie 2022 al gebruikt ({other}).")


def test_reports_a_duplicate_recommendation_id_in_another_thread(minimal_project: Path) -> None:
    error = only(
        link_with(
            minimal_project,
            INFO,
            "  - id: informatie-delen-2",
            "  - id: informatie-delen-2\n    tekst: x\n  - id: breed-kijken-1",
        )
    )

    assert where(error) == ("link.duplicate-id", INFO, 14, 9, ("wat_is_nodig", 2, "id"))
    assert error.message.endswith(f"(aanbeveling (wat is nodig) in {BREED}:8).")


def test_reports_a_duplicate_case_number(minimal_project: Path) -> None:
    error = only(link_with(minimal_project, BERT, "nummer: 2", "nummer: 1"))

    assert where(error) == ("link.duplicate-number", BERT, 3, 9, ("nummer",))
    assert error.message == f"Casus nummer 1 bestaat al in editie 2022 ({ANNA})."


def test_reports_a_knelpunt_without_answer_or_reason(minimal_project: Path) -> None:
    error = only(
        link_with(
            minimal_project, ANNA, "    zonder_antwoord: Geen rode draad gaat hierover.\n", ""
        )
    )

    assert where(error) == ("link.unanswered", ANNA, 31, 9, ("knelpunten", 4))


def test_warns_when_a_casus_has_no_knelpunt_for_an_element(minimal_project: Path) -> None:
    old = "  - id: anna-kader\n    element: kader\n    kernzin: Het kader schuurt.\n"
    error = only(
        link_with(minimal_project, ANNA, old + "    wat_is_nodig: [informatie-delen-2]\n", "")
    )

    assert where(error) == ("link.missing-element", ANNA, 15, 3, ("knelpunten",))
    assert error.severity is Severity.WARNING
    assert error.message == "Casus ‘anna’ heeft geen knelpunt voor het element kader."


def test_reports_content_of_a_year_without_edition_file(minimal_project: Path) -> None:
    (minimal_project / "content/edities/2022.yml").unlink()

    library, errors = link_project(minimal_project)

    assert [where(e) for e in errors] == [("link.unknown-edition", SOURCES, 1, 1, ())]
    assert library.editions == {}


def test_keeps_editions_apart(minimal_project: Path) -> None:
    later = minimal_project / "content/casussen/2023/1-anna.md"
    later.parent.mkdir()
    later.write_text((minimal_project / ANNA).read_text(encoding="utf-8"), encoding="utf-8")
    edition_2023 = (minimal_project / "content/edities/2022.yml").read_text(encoding="utf-8")
    (minimal_project / "content/edities/2023.yml").write_text(
        edition_2023.replace("jaar: 2022", "jaar: 2023"), encoding="utf-8"
    )

    library, errors = link_project(minimal_project)
    errors = [e for e in errors if e.code != "opvolging.missing"]  # no follow-up written here

    # the same ids are fine in another edition; the 2023 casus cannot see 2022's rode draden
    assert {e.code for e in errors} == {"link.unknown-id"}
    assert {str(e.file) for e in errors} == {"content/casussen/2023/1-anna.md"}
    assert all(e.message.endswith("bestaat niet in editie 2023.") for e in errors)
    assert sorted(library.editions) == [2022, 2023]

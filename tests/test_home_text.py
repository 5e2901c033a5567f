"""The home page's sentences come from the edition's data: counts in words, tense, gaps."""

from typing import Any

import pytest

from builder.content.library import EditionLibrary
from builder.site.home import home_text, number_word
from schema import Edition


def edition(status: str, published: str | None) -> Edition:
    data: dict[str, Any] = {
        "jaar": 2031,
        "titel": "Stand van de Uitvoering 2031",
        "status": status,
        "uitgever": "VNG Realisatie",
    }
    if published:
        data["publicatiedatum"] = published
    return Edition.model_validate(data)


def library(cases: int, threads: int, status: str = "gepubliceerd") -> EditionLibrary:
    lib = EditionLibrary(2031, edition(status, "2031-06"))
    lib.cases = [object()] * cases  # type: ignore[list-item]  # only counted
    lib.threads = [object()] * threads  # type: ignore[list-item]
    return lib


@pytest.mark.parametrize(
    ("count", "word"), [(0, "nul"), (1, "één"), (6, "zes"), (12, "twaalf"), (13, "13")]
)
def test_small_counts_are_words(count: int, word: str) -> None:
    assert number_word(count) == word


def test_counts_follow_the_content() -> None:
    text = home_text(library(cases=2, threads=3))
    assert text.cases.startswith("Twee casussen, elk rond")
    assert text.threads == "Uit de casussen komen drie rode draden, elk met wat er nodig is."
    assert text.cases_heading == "De twee casussen"


def test_one_casus_and_one_rode_draad_are_singular() -> None:
    text = home_text(library(cases=1, threads=1))
    assert text.cases.startswith("Eén casus, rond een of meer inwoners, wordt bekeken")
    assert text.threads == "Uit de casus komt één rode draad, met wat er nodig is."
    assert text.cases_heading == "De casus"


def test_an_empty_edition_leaves_the_parts_out() -> None:
    text = home_text(library(cases=0, threads=0))
    assert (text.cases, text.threads, text.cases_heading) == ("", "", "")


def test_a_concept_verschijnt_and_a_published_edition_verscheen() -> None:
    assert home_text(library(1, 1, "concept")).appearance == (
        "Deze editie verschijnt in juni 2031 bij VNG Realisatie."
    )
    assert home_text(library(1, 1)).appearance == (
        "Deze editie verscheen in juni 2031 bij VNG Realisatie."
    )
    undated = EditionLibrary(2031, edition("concept", None))
    assert home_text(undated).appearance == "Deze editie verschijnt bij VNG Realisatie."

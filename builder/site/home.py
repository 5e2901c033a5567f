"""The home page's own words, from the edition's data: counts, tense, which sections exist."""

from dataclasses import dataclass

from builder.content.library import EditionLibrary
from builder.site.views import publication_label

NUMBER_WORDS = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
)


def number_word(count: int) -> str:
    """Dutch writes small counts as words ('zes casussen') and larger ones as digits."""
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class HomeText:
    """Sentences and headings of the home page; empty strings leave a part out."""

    appearance: str  # 'Deze editie verscheen in juni 2022 bij VNG Realisatie.'
    cases: str  # 'Zes casussen, elk rond een of meer inwoners, worden bekeken met ...'
    threads: str  # 'Uit de casussen komen zes rode draden, elk met wat er nodig is.'
    cases_heading: str  # 'De zes casussen'


def appearance(lib: EditionLibrary) -> str:
    """'verscheen' once published; a concept 'verschijnt' (in its planned month, if known)."""
    edition = lib.edition
    when = publication_label(edition.published)
    at = f" in {when}" if when else ""
    verb = "verscheen" if edition.status == "gepubliceerd" else "verschijnt"
    return f"Deze editie {verb}{at} bij {edition.publisher}."


def home_text(lib: EditionLibrary) -> HomeText:
    case_count, thread_count = len(lib.cases), len(lib.threads)
    if case_count == 0:
        cases, heading = "", ""
    elif case_count == 1:
        cases = (
            "Eén casus, rond een of meer inwoners, wordt bekeken met één analysekader: "
            "het speelveld van de professional."
        )
        heading = "De casus"
    else:
        cases = (
            f"{capitalised(number_word(case_count))} casussen, elk rond een of meer inwoners, "
            "worden bekeken met één analysekader: het speelveld van de professional."
        )
        heading = f"De {number_word(case_count)} casussen"
    source = "de casus" if case_count == 1 else "de casussen"
    if thread_count == 0 or case_count == 0:
        threads = ""
    elif thread_count == 1:
        threads = f"Uit {source} komt één rode draad, met wat er nodig is."
    else:
        threads = (
            f"Uit {source} komen {number_word(thread_count)} rode draden, elk met wat er nodig is."
        )
    return HomeText(appearance(lib), cases, threads, heading)

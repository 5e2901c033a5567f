"""The 2022 edition is complete and clean, and says what the report says.

The report exists as a PDF; tests/data/seed-2022.txt is the text extracted from it, from which
content/ was converted (a copy, so these tests run on any clone). The tests hold the content to
that seed:

- counts: the report's structure (casussen, rode draden, knelpunten, footnotes) is all there;
- artefacts: nothing of the PDF's page layout (words hyphenated at a line end, page numbers,
  running headers, footnote numbers glued to words, straight quotes) leaked into the content;
- fidelity: the seed's words are in the content, counted with multiplicity.

`pytest -s tests/test_content_2022.py` prints the fidelity figures and any missing words.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from markdown_it.token import Token

from builder.content.body import Body
from builder.content.library import EditionLibrary
from builder.content.markdown import CHART_FENCE
from builder.pipeline import check
from schema import ELEMENTS

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "data" / "seed-2022.txt"
YEAR = 2022
CONTENT = ROOT / "content"
MARKDOWN_FILES = sorted(
    path
    for folder in ("casussen", "rode-draden", "hoofdstukken")
    for path in (CONTENT / folder / str(YEAR)).glob("*.md")
)
YAML_FILES = [CONTENT / "bronnen" / f"{YEAR}.yml", CONTENT / "edities" / f"{YEAR}.yml"]

ELEMENT_NAMES = {info.element.value: info.name for info in ELEMENTS}
LSQUO, RSQUO = "\u2018", "\u2019"  # the report's quotes; RSQUO is its apostrophe too
FOOTNOTE_COUNT = 81
PARTS = ("casussen", "framing")


@pytest.fixture(scope="module")
def library() -> EditionLibrary:
    result = check(ROOT)
    assert result.ok, "\n".join(str(error) for error in result.errors)
    assert result.library is not None
    return result.library.editions[YEAR]


# ============================================================================================
# Words

# A word: letters and digits, with inner apostrophes and hyphens ("regio's", "Wmo-loket").
WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def words(text: str) -> list[str]:
    return [word.lower().replace("'", RSQUO) for word in WORD.findall(text)]


def normalise(text: str) -> str:
    """Whitespace collapsed; a line break after a slash ("en/" + "of") closed up."""
    return re.sub(r"(?<=[^\W\d_])/ (?=[^\W\d_])", "/", " ".join(text.split()))


# ============================================================================================
# The seed, with the PDF's layout undone

# Running headers repeat the chapter (or casus) name at the top of a page. They start in the
# first column; the chapter titles themselves are indented by one space in the extraction.
RUNNING_HEADER = re.compile(
    r"^(?:De gemeentelijke uitvoering|Onderzoekskeuzes en perspectieven|Rode draden"
    r"|Casus \d \u2013 .+?)\s*$"
)
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Labels the content holds as structure rather than text: the casus number (frontmatter
# `nummer`), the "Wat is nodig?" above each recommendation (frontmatter `wat_is_nodig`) and the
# headings of the two lists of Bijlage C (a bron's `soort`).
STRUCTURE_LABEL = re.compile(
    r"^\s*(?:Casus \d|Wat is nodig\?|Documenten en rapportages|Websites)\s*$"
)
# The chapter "Onderzoekskeuzes en perspectieven" has a tab with the element's name at the edge
# of each page; the extraction puts it at the foot of the page, after the footnotes, or just
# before the running header. It starts in the first column, like the section headings do.
ELEMENT_NAME = re.compile(r"^(?:Kernwaarden|Expertise|Bevoegdheden|Informatie|Netwerk|Kader)\s*$")
# The labels of the speelveld figure (drawn on the site from schema.speelveld), a run of lines
# starting with "Integraal": "Integraal", "gezaghebbend", "antwoord", "ExpertiseKader", ...
FIGURE_LABEL = re.compile(
    r"^(?:(?:Integraal|gezaghebbend|antwoord|Kernwaarden|Expertise|Bevoegdheden|Informatie"
    r"|Netwerk|Kader) ?)+$"
)
# A footnote at the foot of a page: its number, then a capital or a web address.
FOOTNOTE_DEFINITION = re.compile(r"^\s*(\d{1,2})\s+(?=[A-Z\u00c0-\u00de]|[a-z]+\.[a-z])")
# A footnote number glued to the word it follows, maybe after punctuation: "Dannenberg20,",
# "ingezet.21", "(AVG).77". The report numbers footnotes 1..81 in reading order, so only the
# next number is one: "Platform31" is a name.
GLUED_NUMBER = re.compile(r"([^\W\d_][.,;:)\u2019\u201d]{0,2})(\d{1,2})(?=[\s,.;:)]|$)")
# A hyphen before these words at the start of the next line is a suspended one, not a break:
# "wet- / en regelgeving".
SUSPENDED_BEFORE = {"en", "of", "tot"}
# Words the extraction split or hyphenated in the middle of a line, as (seed, report) pairs.
SEED_ERRATA = (
    ("maat n iet uit", "maat niet uit"),
    ("laten onder zoeken", "laten onderzoeken"),
    ("termijn oplos-singen", "termijn oplossingen"),
    ("andere vaardig heden", "andere vaardigheden"),
)


@dataclass
class SeedLine:
    number: int  # 1-based, in the seed file
    text: str
    footnote: int | None = None  # the footnote's number, when the line starts a footnote


@dataclass(frozen=True)
class Seed:
    lines: list[SeedLine]  # the text lines, layout lines dropped, hyphenation joined
    references: list[int]  # the footnote numbers taken from the text, in order
    definitions: list[int]  # the footnote numbers of the footnotes found, in order
    joins: list[tuple[int, str]]  # (line, word) for every hyphenated line end joined

    def text(self, part: str, footnotes: bool = True) -> str:
        """The text of the casussen and rode draden, or of the framing chapters around them.

        The cover and title page before the Voorwoord are left out: the site shows the
        edition's title from its metadata.
        """
        first, start, end = (seed_line_of(t) for t in ("Voorwoord", "Casus 1", "Nawoord"))
        return "\n".join(
            line.text
            for line in self.lines
            if line.number >= first
            and (start <= line.number < end) == (part == "casussen")
            and (footnotes or line.footnote is None)
        )


@cache
def seed_lines() -> tuple[str, ...]:
    return tuple(SEED.read_text(encoding="utf-8").split("\n"))


def seed_line_of(text: str) -> int:
    """The number of the only seed line that is `text` (stripped)."""
    found = [n for n, line in enumerate(seed_lines(), 1) if line.strip() == text]
    assert len(found) == 1, f"{text!r} is on seed lines {found}"
    return found[0]


@cache
def seed() -> Seed:
    lines: list[SeedLine] = []
    references: list[int] = []
    definitions: list[int] = []

    def unglue(match: re.Match[str]) -> str:
        if int(match.group(2)) != len(references) + 1:
            return match.group(0)
        references.append(int(match.group(2)))
        return match.group(1)

    text = "\n".join(seed_lines())
    for wrong, right in SEED_ERRATA:
        assert text.count(wrong) == 1, wrong
        text = text.replace(wrong, right)
    raw = tuple(text.split("\n"))
    layout = layout_lines(raw)
    for number, line in enumerate(raw, 1):
        if (
            PAGE_NUMBER.match(line)
            or RUNNING_HEADER.match(line)
            or STRUCTURE_LABEL.match(line)
            or number in layout
        ):
            continue
        definition = FOOTNOTE_DEFINITION.match(line)
        label = int(definition.group(1)) if definition else 0
        if definition and 1 <= label <= FOOTNOTE_COUNT:
            if label in definitions:  # the extraction repeats some footnotes on a later page
                continue
            definitions.append(label)
            lines.append(SeedLine(number, line[definition.end() :], label))
        else:
            lines.append(SeedLine(number, GLUED_NUMBER.sub(unglue, line)))
    joins = join_hyphenation(lines)
    return Seed(lines, references, definitions, joins)


def layout_lines(raw: tuple[str, ...]) -> frozenset[int]:
    """The numbers of the lines that are page tabs or labels of the speelveld figure."""

    def neighbour(index: int, step: int) -> int:
        index += step
        while 0 <= index < len(raw) and not raw[index].strip():
            index += step
        return index if 0 <= index < len(raw) else -1

    def is_footnote(index: int) -> bool:
        match = FOOTNOTE_DEFINITION.match(raw[index]) if index >= 0 else None
        return bool(match) and 1 <= int(match.group(1)) <= FOOTNOTE_COUNT

    found: set[int] = set()  # indexes
    figure = False
    for index, line in enumerate(raw):
        figure = (figure or line == "Integraal") and bool(
            FIGURE_LABEL.match(line) or not line.strip()
        )
        before, after = neighbour(index, -1), neighbour(index, 1)
        tab = ELEMENT_NAME.match(line) and (
            is_footnote(before)
            or before in found  # the tab of the next page
            or (after >= 0 and RUNNING_HEADER.match(raw[after]))
        )
        if figure or tab:
            found.add(index)
    return frozenset(index + 1 for index in found)


@cache
def vocabulary() -> frozenset[str]:
    """Every word of the seed and the content, and every part of a hyphenated one."""
    texts = [*seed_lines(), *(path.read_text(encoding="utf-8") for path in MARKDOWN_FILES)]
    texts += [path.read_text(encoding="utf-8") for path in YAML_FILES]
    found: set[str] = set()
    for word in words("\n".join(texts)):
        found.add(word)
        found.update(word.split("-"))
    return frozenset(found)


def join_hyphenation(lines: list[SeedLine]) -> list[tuple[int, str]]:
    """Join words broken over two lines by a hyphen, in place; return the joined words.

    A line ending in "-" whose next text line starts with a lowercase letter is joined to that
    line's first word: without the hyphen when the joined word occurs elsewhere in the seed or
    the content ("uit-" + "voerbaar"), with it otherwise ("Wmo-" + "loket"). Blank lines, and
    footnotes the page break put between the two halves, are skipped.
    """
    joins = []
    for i, line in enumerate(lines):
        text = line.text.rstrip()
        if not re.search(r"[^\W\d_]-$", text):
            continue
        j = i + 1
        while j < len(lines) and (
            not lines[j].text.strip() or (lines[j].footnote and not line.footnote)
        ):
            j += 1
        following = lines[j].text.lstrip() if j < len(lines) else ""
        head = following.split(maxsplit=1)[0] if following else ""
        if not head[:1].islower() or head in SUSPENDED_BEFORE:
            continue
        left = re.search(r"[^\W\d_]+-$", text)
        right = re.match(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", head)
        assert left is not None
        joined = left.group(0)[:-1] + (right.group(0) if right else "")
        line.text = (text[:-1] if joined.lower() in vocabulary() else text) + head
        lines[j].text = following[len(head) :]
        joins.append((line.number, line.text.split()[-1]))
    return joins


# ============================================================================================
# The content, as a reader sees it: no Markdown syntax, ids or keys


def inline_text(tokens: list[Token]) -> Iterator[str]:
    in_caption = False
    for token in tokens:
        # A table's caption ('Tabel: …', builder/content/markdown.py) was added for screen readers
        # (reader-requirements A11): the report itself has none, so its words do not count.
        if token.type in ("caption_open", "caption_close"):
            in_caption = token.type == "caption_open"
        if in_caption or token.type == "caption_close":
            continue
        if token.type == "fence" and token.info.strip() == CHART_FENCE:
            continue
        if token.type in ("fence", "code_block"):
            yield token.content
        if token.type == "list_item_open" and token.info:  # the number of an ordered item
            yield f"{token.info}{token.markup} "
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                yield child.content
            elif child.type in ("softbreak", "hardbreak", "footnote_ref"):
                yield " "
        yield "\n"


def body_text(body: Body | None) -> str:
    return "".join(inline_text(body.tokens)) if body is not None else ""


def content_texts(library: EditionLibrary) -> dict[str, list[str]]:
    """The reader's text of the two parts of the edition, frontmatter text included.

    Only frontmatter that holds the report's own words counts: titles, knelpunt kernzinnen,
    recommendations, charts, bibliography entries, and the element that heads a group of rode
    draden. Summaries written in the conversion (persona beschrijving, gemeente, zonder_antwoord,
    kerncijfer omschrijving), metadata the text already has (persona names, authors), ids and
    closed-set values are left out: their words could hide words lost from the text.
    """
    casussen: list[str] = []
    for case_doc in library.cases:
        case = case_doc.model
        casussen += [case.title, body_text(case_doc.body)]
        casussen += [bottleneck.key_sentence for bottleneck in case.bottlenecks]
    # the rode draden are grouped under the name of their element
    casussen += [ELEMENT_NAMES[element] for element in {t.model.element for t in library.threads}]
    for thread_doc in library.threads:
        thread = thread_doc.model
        casussen += [thread.title, body_text(thread_doc.body)]
        casussen += [body_text(text) for text in thread_doc.texts.values()]
    framing = [source.citation for source in library.sources]
    for chapter_doc in library.chapters:
        chapter = chapter_doc.model
        texts = [chapter.title, body_text(chapter_doc.body)]
        for chart in chapter.charts:
            texts.append(chart.title)
            texts += [
                f"{rank}. {value.label} ({value.value:g} {chart.unit})"
                for rank, value in enumerate(chart.values, 1)
            ]
        # the rode draden chapter opens the rode draden: in the seed it is in that part
        (casussen if chapter.id == "rode-draden" else framing).extend(texts)
    return {"casussen": casussen, "framing": framing}


@pytest.fixture(scope="module")
def texts(library: EditionLibrary) -> dict[str, list[str]]:
    return content_texts(library)


def fidelity(texts: dict[str, list[str]], part: str) -> tuple[float, Counter[str]]:
    """The share of the seed part's words (with multiplicity) in the content, and the rest."""
    seed_words = Counter(words(seed().text(part)))
    content_words = Counter(words("\n".join(texts[part])))
    found = seed_words & content_words
    return found.total() / seed_words.total(), seed_words - content_words


def report(part: str, figure: float, missing: Counter[str]) -> str:
    worst = ", ".join(f"{word} ({count})" for word, count in missing.most_common(40))
    return f"fidelity {part}: {figure:.2%} of the seed's words; missing: {worst or 'none'}"


# ============================================================================================
# The seed itself: the tokeniser recognises its layout


def test_seed_footnote_numbers_are_all_recognised() -> None:
    """Every footnote number glued in the text is found, in order; the footnotes too."""
    assert seed().references == list(range(1, FOOTNOTE_COUNT + 1))
    # The extraction lost the footnotes at the foot of three pages; content marks them missing.
    lost = {4, 5, 42, 43, 44, 70}
    assert seed().definitions == [n for n in range(1, FOOTNOTE_COUNT + 1) if n not in lost]


def test_seed_hyphenation_is_joined() -> None:
    joined = {word for _, word in seed().joins}
    # a plain break, one with a blank line between, one across a page's footnotes, one that
    # keeps its hyphen (no "twee-onder-éénkapwoningen" anywhere) and one in a footnote
    expected = {"uitvoerbaar", "gemeentelijke", "mensbeelden", "informatie-uitwisseling"}
    assert expected <= {word.strip(".,;:()") for word in joined}
    assert "twee-onder-\u00e9\u00e9n-kapwoningen" in joined
    assert "Werkplaatsen" in joined


# ============================================================================================
# Counts: the report's structure is all there

ELEMENT_ORDER = [info.element.value for info in ELEMENTS]
THREADS_PER_ELEMENT = {
    "kernwaarden": 2,
    "expertise": 3,
    "bevoegdheden": 2,
    "informatie": 3,
    "netwerk": 4,
    "kader": 5,
}


def test_six_casussen(library: EditionLibrary) -> None:
    assert [case.model.number for case in library.cases] == [1, 2, 3, 4, 5, 6]


def test_nineteen_rode_draden_grouped_by_element(library: EditionLibrary) -> None:
    threads = [thread.model for thread in library.threads]
    assert [thread.order for thread in threads] == list(range(1, 20))
    assert Counter(thread.element.value for thread in threads) == THREADS_PER_ELEMENT
    # in the report's order, the rode draden of an element stand together, elements in order
    elements = [thread.element.value for thread in threads]
    assert sorted(elements, key=ELEMENT_ORDER.index) == elements


def test_every_casus_has_the_six_element_sections(library: EditionLibrary) -> None:
    for case in library.cases:
        assert case.body is not None
        sections = [s for s, _ in case.body.sections if s in ELEMENT_NAMES.values()]
        assert sections == list(ELEMENT_NAMES.values()), case.path


def test_every_rode_draad_says_what_is_needed(library: EditionLibrary) -> None:
    """One "Wat is nodig?" per rode draad in the report; some hold more than one paragraph,
    each a recommendation of its own (22 in all)."""
    labels = [line for line in seed_lines() if line.strip() == "Wat is nodig?"]
    assert len(labels) == len(library.threads) == 19
    assert all(thread.model.recommendations for thread in library.threads)
    assert sum(len(thread.model.recommendations) for thread in library.threads) >= 19


def test_one_knelpunt_per_paragraph_of_each_highlighted_conclusion(
    library: EditionLibrary,
) -> None:
    """The rule (see "Over deze digitale editie"): the report closes every element of a casus
    with a highlighted conclusion; each of its paragraphs is a knelpunt. Two conclusions have two
    paragraphs, both under Expertise: casus 1 (Peter) and casus 5 (Samir)."""
    per_case = {
        case.model.id: Counter(b.element.value for b in case.model.bottlenecks)
        for case in library.cases
    }
    one_each = Counter(ELEMENT_ORDER)
    two_paragraphs = {"peter", "samir"}
    assert per_case == {
        case_id: one_each + Counter(["expertise"]) if case_id in two_paragraphs else one_each
        for case_id in per_case
    }
    assert sum(counts.total() for counts in per_case.values()) == 38
    for case_id in two_paragraphs:
        expertise = [b.id for b in library.case(case_id).bottlenecks if b.element == "expertise"]
        assert expertise == [f"{case_id}-expertise", f"{case_id}-expertise-2"]
    # one paragraph each: a blank line in a kernzin would be two knelpunten in one
    assert not [
        b.id for case in library.cases for b in case.model.bottlenecks if "\n" in b.key_sentence
    ]


def test_every_knelpunt_is_answered_or_says_why_not(library: EditionLibrary) -> None:
    for case in library.cases:
        for bottleneck in case.model.bottlenecks:
            answers = library.answers.get(bottleneck.id, [])
            assert answers or bottleneck.no_answer_reason, bottleneck.id
            assert answers == bottleneck.answered_by, bottleneck.id


# The report's own definition of the roles (Onderzoekskeuzes): "dwingend, vanuit de rol van
# handhaver, adviserend of meedenkend, vanuit de rol van ontwikkelaar, of hulp- of dienstverlenend,
# vanuit de rol van dienstverlener"; a beheerder is named as such (not the netbeheerder, a partner).
ROLE_EVIDENCE = {
    "handhaver": r"handhav|dwing|beslag",
    "ontwikkelaar": r"ontwikkelaar|advis|meedenk",
    "dienstverlener": r"dienstverlen|hulpverlen",
    "beheerder": r"(?<!net)beheerder",
}


def test_every_role_of_a_casus_is_one_its_text_describes(library: EditionLibrary) -> None:
    for case in library.cases:
        assert case.body is not None
        text = body_text(case.body)
        for role in case.model.roles:
            assert re.search(ROLE_EVIDENCE[role.value], text, re.I), (case.model.id, role)


def test_a_link_is_the_reports_exactly_when_its_rode_draad_names_the_casus(
    library: EditionLibrary,
) -> None:
    """ "uit het rapport": the rode draad of the recommendation names the casus of the knelpunt,
    under the same element. Every other link is the editors' and is marked so."""
    for case in library.cases:
        for bottleneck in case.model.bottlenecks:
            for recommendation_id in bottleneck.answered_by:
                thread = library.thread(library.thread_of_recommendation[recommendation_id])
                named = case.model.id in thread.cases and thread.element is bottleneck.element
                expected = "rapport" if named else "redactie"
                assert bottleneck.provenance(recommendation_id) == expected, (
                    bottleneck.id,
                    recommendation_id,
                )


# what a recommendation's own words say about its niveau
LEVEL_WORDS = {
    "individuele-professional": r"individue(el|le) niveau",
    "lokaal-regionaal": r"organisatieniveau|in de regio|regionaal niveau|lokaal niveau",
    "landelijk": r"\blandelijke?\b",
}


def test_a_niveau_is_the_reports_only_when_the_recommendation_names_it(
    library: EditionLibrary,
) -> None:
    report_levels = 0
    for thread in library.threads:
        for recommendation in thread.model.recommendations:
            for level in recommendation.levels:
                if recommendation.provenance(level) == "rapport":
                    report_levels += 1
                    assert re.search(LEVEL_WORDS[level.value], recommendation.text, re.I), (
                        recommendation.id,
                        level,
                    )
    assert report_levels >= 1


# The editors' audit of the links (issue: editorial links presented as the report's)
AUDITED_ABSENT = {
    "samir-bevoegdheden": "lokale-vrijheid-1",
    "peter-expertise": "schaarste-expertise-2",
}
AUDITED_PRESENT = {
    "joris-expertise": "schaarste-expertise-1",
    "joris-netwerk": "participatie-1",
    "pim-informatie": "avg-1",
    "samir-informatie": "informatievoorziening-sluitstuk-1",
}


def test_the_audited_links(library: EditionLibrary) -> None:
    for bottleneck_id, recommendation_id in AUDITED_ABSENT.items():
        assert recommendation_id not in library.bottleneck(bottleneck_id).answered_by
    for bottleneck_id, recommendation_id in AUDITED_PRESENT.items():
        assert recommendation_id in library.bottleneck(bottleneck_id).answered_by
    assert library.bottleneck("joris-kernwaarden").answered_by == []
    # no blanket links: these two answer only knelpunten of the casussen their rode draad names
    for recommendation_id in ("mensbeelden-1", "onderling-vertrouwen-1"):
        thread = library.thread(library.thread_of_recommendation[recommendation_id])
        answered = library.answered[recommendation_id]
        assert {library.case_of_bottleneck[b] for b in answered} <= set(thread.cases)


def test_the_avg_rode_draad_names_peter_pim_and_samir(library: EditionLibrary) -> None:
    avg = next(thread for thread in library.threads if thread.model.id == "avg")
    assert {"peter", "pim", "samir"} <= set(avg.model.cases)
    text = body_text(avg.body)
    assert all(f"casus van {name}" in text for name in ("Peter", "Pim", "Samir"))


# Footnotes in a Markdown file, read from the file itself
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


def reading_order(library: EditionLibrary) -> list[Path]:
    """The Markdown files in the order of the report: the rode draden follow their chapter."""
    chapters = [ROOT / str(chapter.path) for chapter in library.chapters]
    opening = [
        ROOT / str(chapter.path)
        for chapter in library.chapters
        if chapter.model.id == "rode-draden"
    ]
    cases = [ROOT / str(case.path) for case in library.cases]
    threads = [ROOT / str(thread.path) for thread in library.threads]
    split = chapters.index(opening[0])
    return [*chapters[:split], *cases, opening[0], *threads, *chapters[split + 1 :]]


def test_eighty_one_footnotes_each_defined_once_and_referenced_in_order(
    library: EditionLibrary,
) -> None:
    files = reading_order(library)
    assert sorted(files) == MARKDOWN_FILES
    defined: Counter[str] = Counter()
    referenced: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        defined.update(FOOTNOTE_DEF.findall(text))
        referenced += [label for label in FOOTNOTE_REF.findall(text) if label not in referenced]
    labels = [str(n) for n in range(1, FOOTNOTE_COUNT + 1)]
    assert sorted(defined, key=int) == labels
    assert [label for label, count in defined.items() if count > 1] == []
    assert referenced == labels  # every footnote referenced, first mentions in order


# ============================================================================================
# Artefacts: nothing of the PDF's layout leaked into the content


def yaml_strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from yaml_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from yaml_strings(value)


def reader_texts(library: EditionLibrary) -> Iterator[tuple[str, str]]:
    """(file, text) for every text a reader sees: bodies and all frontmatter strings."""
    documents = [*library.cases, *library.threads, *library.chapters]
    for document in documents:
        path = ROOT / str(document.path)
        frontmatter = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        for value in yaml_strings(yaml.safe_load(frontmatter.removeprefix("---\n"))):
            yield str(document.path), value
        yield str(document.path), body_text(document.body)
        for text in document.texts.values():
            yield str(document.path), body_text(text)
    for path in YAML_FILES:
        for value in yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield str(path.relative_to(ROOT)), value


def test_no_word_hyphenated_at_a_line_end(library: EditionLibrary) -> None:
    """No "uit-" at the end of a line with "voerbaar" on the next, nor "uit- voerbaar"."""
    broken = re.compile(r"[^\W\d_]-[ \t]*\n[ \t]*[^\W\d_A-Z]")
    for path in [*MARKDOWN_FILES, *YAML_FILES]:
        text = path.read_text(encoding="utf-8")
        found = [text[m.start() - 30 : m.end() + 10] for m in broken.finditer(text)]
        assert found == [], path
    folded = re.compile(r"[^\W\d_]+- (?!(?:en|of|tot)\b)[a-z\u00e0-\u00ff]\w*")
    found = [(f, m.group(0)) for f, text in reader_texts(library) for m in folded.finditer(text)]
    assert found == []


def test_no_page_numbers() -> None:
    for path in [*MARKDOWN_FILES, *YAML_FILES]:
        lines = path.read_text(encoding="utf-8").split("\n")
        assert [line for line in lines if PAGE_NUMBER.match(line)] == [], path


def test_no_running_headers_in_the_text(library: EditionLibrary) -> None:
    headers = {"De gemeentelijke uitvoering", "Onderzoekskeuzes en perspectieven", "Rode draden"}
    casus_headers = {f"Casus {c.model.number} \u2013 {c.model.title}" for c in library.cases}
    for path in MARKDOWN_FILES:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for line in body.split("\n"):
            assert line.strip() not in headers | casus_headers, f"{path}: {line!r}"
            assert not any(header in line for header in casus_headers), f"{path}: {line!r}"


def test_no_footnote_numbers_glued_to_words(library: EditionLibrary) -> None:
    """No "Dannenberg20," left: a glued number is only allowed where the seed has it too."""

    def glued(text: str) -> set[str]:
        """The words (up to the number) that have a number 1..81 glued to them."""
        return {
            text[: m.end()].split()[-1]
            for m in GLUED_NUMBER.finditer(text)
            if 1 <= int(m.group(2)) <= FOOTNOTE_COUNT
        }

    allowed = glued(seed().text("casussen")) | glued(seed().text("framing"))
    assert allowed == {"Platform31"}  # a name
    found = [(f, g) for f, text in reader_texts(library) for g in glued(text) - allowed]
    assert found == []


def test_typographic_quotes(library: EditionLibrary, texts: dict[str, list[str]]) -> None:
    """No straight quotes, and (at least 95% of) the seed's curly ones.

    Measured: 89 \u2019 and 45 \u2018 in the casussen and rode draden, 43 \u2019 and 24 \u2018
    in the framing chapters: as many as the seed has."""
    straight = [(f, t[:60]) for f, t in reader_texts(library) if "'" in t or '"' in t]
    assert straight == []
    for part in PARTS:
        content = "\n".join(texts[part])
        for quote in (RSQUO, LSQUO):
            seed_count, count = seed().text(part).count(quote), content.count(quote)
            print(f"{part}: {count} {quote} in the content, {seed_count} in the seed")
            assert count >= 0.95 * seed_count, (part, quote)


# ============================================================================================
# Fidelity: the seed's words are in the content


def test_fidelity_casussen_and_rode_draden(texts: dict[str, list[str]]) -> None:
    """Measured: 100.00% of the 26,768 words of the casussen and rode draden (seed lines
    "Casus 1" up to "Nawoord") are in content/casussen, content/rode-draden and the chapter
    that opens the rode draden. The threshold (99.8%) fails when 54 words are lost."""
    figure, missing = fidelity(texts, "casussen")
    print(report("casussen", figure, missing))
    assert figure >= 0.998, report("casussen", figure, missing)


def test_fidelity_framing_chapters(texts: dict[str, list[str]]) -> None:
    """Measured: 100.00% of the 8,087 words of the framing chapters (Voorwoord up to
    "Casus 1", then Nawoord and Bijlagen A to C) are in content/hoofdstukken (without the rode
    draden chapter) and the bronnen. The threshold (99.8%) fails when 17 words are lost."""
    figure, missing = fidelity(texts, "framing")
    print(report("framing", figure, missing))
    assert figure >= 0.998, report("framing", figure, missing)


# The text the conversion puts in place of a footnote the extraction lost (4, 5, 42-44, 70)
MISSING_FOOTNOTE = "Tekst van deze voetnoot ontbreekt in de brontekst van deze editie."


@pytest.mark.parametrize("part", PARTS)
def test_no_words_the_report_does_not_have(texts: dict[str, list[str]], part: str) -> None:
    """The other way round: the content adds no words (a running header glued into a
    paragraph, a paragraph twice), apart from the note on a lost footnote.
    Measured: none, in both parts."""
    content = "\n".join(texts[part]).replace(MISSING_FOOTNOTE, "")
    extra = Counter(words(content)) - Counter(words(seed().text(part)))
    assert extra == Counter(), f"words in {part} that the seed does not have: {extra}"


# ============================================================================================
# Verbatim: the knelpunten's kernzinnen and the recommendations are the report's own words


@pytest.fixture(scope="module")
def seed_casussen() -> str:
    """The casussen and rode draden of the seed, without footnotes, whitespace normalised."""
    return normalise(seed().text("casussen", footnotes=False))


def test_every_kernzin_is_verbatim_in_the_seed(library: EditionLibrary, seed_casussen: str) -> None:
    missing = [
        b.id
        for case in library.cases
        for b in case.model.bottlenecks
        if normalise(b.key_sentence) not in seed_casussen
    ]
    assert missing == []


def test_every_recommendation_is_verbatim_in_the_seed(
    library: EditionLibrary, seed_casussen: str
) -> None:
    missing = [
        recommendation_id
        for thread in library.threads
        for recommendation_id, text in thread.texts.items()
        if normalise(body_text(text)) not in seed_casussen
    ]
    assert missing == []

"""The 2022 edition is complete and clean, and says what the report says.

The report exists only as a PDF; tests/data/seed-2022.txt is the text extracted from it, from
which content/ was converted. These tests hold the converted content to that seed:

- counts: the report's structure (casussen, rode draden, knelpunten, footnotes) is all there;
- artefacts: nothing of the PDF's page layout (hyphenated line breaks, page numbers, running
  headers, footnote numbers glued to words, straight quotes) leaked into the content;
- fidelity: (almost) every word of the seed is in the content, counted with multiplicity.

The seed is copied into tests/data so the tests run on any clone.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from markdown_it.token import Token

from builder.body import Body
from builder.library import EditionLibrary
from builder.markdown import CHART_FENCE
from builder.pipeline import check
from schema import ELEMENTS

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "data" / "seed-2022.txt"
YEAR = 2022
CONTENT = ROOT / "content"
CONTENT_FILES = sorted(
    path
    for pattern in ("casussen", "rode-draden", "hoofdstukken")
    for path in (CONTENT / pattern / str(YEAR)).glob("*.md")
)

ELEMENT_NAMES = {info.element.value: info.name for info in ELEMENTS}
RSQUO = "\u2019"  # right single quotation mark: the report's apostrophe and closing quote

# --------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def library() -> EditionLibrary:
    result = check(ROOT)
    assert result.ok, "\n".join(str(error) for error in result.errors)
    assert result.library is not None
    return result.library.editions[YEAR]


# --------------------------------------------------------------------------------------------
# Words

# A word: letters and digits, with inner apostrophes and hyphens ("regio's", "Wmo-loket").
WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


def words(text: str) -> list[str]:
    return [w.lower().replace("'", RSQUO) for w in WORD.findall(text)]


def coverage(seed: Counter[str], content: Counter[str]) -> float:
    """The share of the seed's words (with multiplicity) that the content has."""
    return (seed & content).total() / seed.total()


# --------------------------------------------------------------------------------------------
# The seed: the PDF text, with its layout artefacts removed

# Running headers repeat the chapter (or casus) name at the top of a page. They start in the
# first column; the chapter titles themselves are indented by one space in the extraction.
RUNNING_HEADER = re.compile(
    r"^(?:De gemeentelijke uitvoering|Onderzoekskeuzes en perspectieven|Rode draden"
    r"|Casus \d \u2013 .+?)\s*$"
)
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Labels the content holds as structure: the casus number (frontmatter `nummer`) and the
# "Wat is nodig?" heading of a recommendation (frontmatter `wat_is_nodig`).
STRUCTURE_LABEL = re.compile(r"^\s*(?:Casus \d|Wat is nodig\?)\s*$")
FOOTNOTE_COUNT = 81
# A footnote definition at the foot of a page: its number, then a capital or a web address.
FOOTNOTE_DEFINITION = re.compile(r"^\s*(\d{1,2})\s+(?=[A-Z\u00c0-\u00de]|[a-z]+\.[a-z])")
# A footnote reference glued to the word or punctuation it follows: "Dannenberg20," "ingezet.21"
FOOTNOTE_REFERENCE = re.compile(
    r"(?<=[^\W\d_])(\d{1,2})(?=[\s,.;:)]|$)"
    r"|(?<=[^\W\d_][.,;:)\u2019\u201d])(\d{1,2})(?=[\s,.;:)]|$)"
)
# Words that a hyphen at the end of a line suspends rather than breaks: "wet- en regelgeving".
CONJUNCTIONS = {"en", "of", "tot", "naar"}


@dataclass(frozen=True)
class SeedLine:
    number: int  # 1-based line number in the seed
    text: str
    footnote: int | None = None  # the label, when the line starts a footnote definition


@cache
def seed_lines() -> tuple[str, ...]:
    return tuple(SEED.read_text(encoding="utf-8").split("\n"))


def seed_line_of(text: str) -> int:
    """The (1-based) number of the only seed line that is `text`, stripped."""
    found = [n for n, line in enumerate(seed_lines(), 1) if line.strip() == text]
    assert len(found) == 1, f"{text!r} is on seed lines {found}"
    return found[0]


def seed_parts() -> dict[str, list[int]]:
    """The seed's line numbers in two parts: the casussen and rode draden, and the framing."""
    start, end = seed_line_of("Casus 1"), seed_line_of("Nawoord")
    everything = range(1, len(seed_lines()) + 1)
    return {
        "casussen": [n for n in everything if start <= n < end],
        "framing": [n for n in everything if not start <= n < end],
    }


def classify(lines: Iterable[tuple[int, str]]) -> Iterator[SeedLine]:
    """Drop layout lines; strip footnote numbers from definitions and drop repeated ones."""
    defined: set[int] = set()
    for number, text in lines:
        if (
            PAGE_NUMBER.match(text)
            or RUNNING_HEADER.match(text)
            or STRUCTURE_LABEL.match(text)
        ):
            continue
        match = FOOTNOTE_DEFINITION.match(text)
        label = int(match.group(1)) if match else None
        if label is not None and 1 <= label <= FOOTNOTE_COUNT:
            if label in defined:  # the extraction repeats some footnotes on a later page
                continue
            defined.add(label)
            yield SeedLine(number, text[match.end() :] if match else text, label)
        else:
            yield SeedLine(number, FOOTNOTE_REFERENCE.sub("", text))


@cache
def vocabulary() -> frozenset[str]:
    """Every word of the seed and the content, and every part of a hyphenated word."""
    found: set[str] = set()
    texts = [*seed_lines(), *(p.read_text(encoding="utf-8") for p in CONTENT_FILES)]
    texts.append((CONTENT / "bronnen" / f"{YEAR}.yml").read_text(encoding="utf-8"))
    for text in texts:
        for word in words(text):
            found.add(word)
            found.update(word.split("-"))
    return frozenset(found)


@dataclass
class Join:
    line: int
    left: str
    right: str
    joined: str


def join_hyphenation(lines: list[SeedLine]) -> tuple[list[str], list[Join]]:
    """Undo words broken over two lines by a hyphen.

    A line ending in "-" whose next text line starts with a lowercase letter is joined to that
    line's first word: without the hyphen when the joined word occurs elsewhere in the seed or
    the content ("uit-" + "voerbaar"), with it otherwise ("Wmo-" + "loket"). Blank lines and
    footnote definitions between the two halves are skipped; a hyphen before "en" or "of" is a
    suspended one ("wet- en regelgeving") and stays.
    """
    texts = [line.text for line in lines]
    joins: list[Join] = []
    for i, line in enumerate(lines):
        text = texts[i].rstrip()
        if not text.endswith("-") or len(text) < 2 or not text[-2].isalpha():
            continue
        j = i + 1
        while j < len(lines) and (
            not texts[j].strip() or (lines[j].footnote is not None and line.footnote is None)
        ):
            j += 1
        if j == len(lines):
            continue
        following = texts[j].lstrip()
        first = re.match(r"\S+", following)
        if not first or not following[0].islower():
            continue
        head = first.group(0)
        if head in CONJUNCTIONS:
            continue
        left = re.search(r"[^\W\d_]+-$", text)
        right = re.match(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", head)
        keep = True
        if left and right:
            keep = (left.group(0)[:-1] + right.group(0)).lower() not in vocabulary()
        joined = text if keep else text[:-1]
        texts[i] = joined + head
        texts[j] = following[len(head) :]
        joins.append(Join(line.number, text, head, texts[i].split()[-1]))
    return texts, joins


def seed_text(part: str) -> str:
    lines = seed_lines()
    numbered = [(n, lines[n - 1]) for n in seed_parts()[part]]
    texts, _ = join_hyphenation(list(classify(numbered)))
    return "\n".join(texts)


# --------------------------------------------------------------------------------------------
# The content: its text as a reader sees it, without Markdown syntax, ids and keys


def inline_text(tokens: list[Token]) -> Iterator[str]:
    """The text of a parsed Markdown body: inline text, skipping link targets and charts."""
    for token in tokens:
        if token.type == "fence" and token.info.strip() == CHART_FENCE:
            continue
        if token.type in ("fence", "code_block"):
            yield token.content
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                yield child.content
            elif child.type in ("softbreak", "hardbreak", "footnote_ref"):
                yield " "
        yield "\n"


def body_text(body: Body | None) -> str:
    return "".join(inline_text(body.tokens)) if body is not None else ""


def content_texts(library: EditionLibrary) -> dict[str, list[str]]:
    """The reader's text of each part of the edition, frontmatter text values included.

    Only frontmatter that holds the report's own words counts: titles, persona names,
    knelpunt kernzinnen, recommendations, chart labels, bibliography entries. Summaries the
    conversion wrote (persona beschrijving, gemeente, zonder_antwoord, kerncijfer omschrijving)
    and closed-set values are left out: their words could hide words lost from the text.
    """
    casussen: list[str] = []
    for case_doc in library.cases:
        case = case_doc.model
        casussen += [case.title, *(p.name for p in case.personas), body_text(case_doc.body)]
        casussen += [b.key_sentence for b in case.bottlenecks]
    for thread_doc in library.threads:
        thread = thread_doc.model
        casussen += [ELEMENT_NAMES[thread.element], thread.title, body_text(thread_doc.body)]
        casussen += [body_text(text) for text in thread_doc.texts.values()]
    framing: list[str] = [
        library.edition.title,
        *library.edition.authors,
        *(s.citation for s in library.sources),
        *(s.url for s in library.sources if s.url),
    ]
    for chapter_doc in library.chapters:
        chapter = chapter_doc.model
        texts = [chapter.title, body_text(chapter_doc.body)]
        for chart in chapter.charts:
            texts += [chart.title, *(v.label for v in chart.values)]
        # the rode draden chapter stands between the casussen and the rode draden
        (casussen if chapter.id == "rode-draden" else framing).extend(texts)
    return {"casussen": casussen, "framing": framing}


def fidelity(library: EditionLibrary, part: str) -> tuple[float, Counter[str]]:
    """The coverage of the seed part's words by the content, and the words missing."""
    seed = Counter(words(seed_text(part)))
    content = Counter(words("\n".join(content_texts(library)[part])))
    return coverage(seed, content), seed - content


if __name__ == "__main__":  # pragma: no cover
    import sys

    lib = check(ROOT).library
    assert lib is not None
    for name in sys.argv[1:] or ["casussen", "framing"]:
        figure, missing = fidelity(lib.editions[YEAR], name)
        print(name, f"{figure:.4%}", missing.total())
        print(sorted(missing.items(), key=lambda kv: -kv[1]))

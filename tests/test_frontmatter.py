"""frontmatter.py: splitting the '---' block off with line offsets, and composing it with positions;
plus how load turns YAML syntax errors into yaml.* errors at the editor's line and column."""

import time
from pathlib import Path, PurePosixPath

import pytest

from builder.content.frontmatter import AliasFound, DuplicateKey, SplitError, compose, split
from builder.content.layout import Kind
from builder.content.load import read_source
from builder.errors import ContentError

CASE = PurePosixPath("content/casussen/2022/1-anna.md")


def test_splits_yaml_from_body_and_keeps_file_lines() -> None:
    parts = split("---\nid: anna\nnummer: 1\n---\n\n## Anna\n")

    assert parts.yaml_text == "id: anna\nnummer: 1\n"
    assert parts.yaml_line == 2
    assert parts.body == "\n## Anna\n"
    assert parts.body_line == 5


def test_accepts_yaml_document_end_marker_as_closing_fence() -> None:
    assert split("---\nid: anna\n...\nTekst").body == "Tekst"


def test_ignores_trailing_spaces_after_fences() -> None:
    assert split("---  \nid: anna\n--- \nTekst").yaml_text == "id: anna\n"


def test_raises_missing_when_the_first_line_is_no_fence() -> None:
    with pytest.raises(SplitError) as raised:
        split("id: anna\n---\n")
    assert raised.value.code == "frontmatter.missing"


def test_raises_unclosed_when_no_closing_fence_follows() -> None:
    with pytest.raises(SplitError) as raised:
        split("---\nid: anna\n\n## Anna\n")
    assert raised.value.code == "frontmatter.unclosed"


def test_composes_file_positions_of_nested_values_and_keys() -> None:
    composed = compose("personas:\n  - naam: Peter\n    leeftijd: veertig\n", first_line=2)

    assert composed.data == {"personas": [{"naam": "Peter", "leeftijd": "veertig"}]}
    assert composed.values[("personas", 0, "leeftijd")] == (4, 15)
    assert composed.keys[("personas", 0, "leeftijd")] == (4, 5)
    assert composed.values[("personas", 0)] == (3, 5)
    assert composed.values[()] == (2, 1)


def test_keeps_dates_as_text_so_the_schema_decides() -> None:
    composed = compose("publicatiedatum: 2022-06-30\nmaand: 2022-06\n", first_line=1)

    assert composed.data == {"publicatiedatum": "2022-06-30", "maand": "2022-06"}


def test_records_which_values_are_block_scalars() -> None:
    composed = compose("tekst: >-\n  Lang verhaal.\nkort: Ja\n", first_line=1)

    assert composed.block_scalars == {("tekst",)}


def test_refuses_an_alias_at_the_anchor_it_repeats() -> None:
    with pytest.raises(AliasFound) as raised:
        compose("a: &x [1, 2]\nb: *x\n", first_line=2)
    assert raised.value.position == (2, 4)


def test_refuses_a_billion_laughs_document_without_expanding_it() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()

    with pytest.raises(AliasFound):
        compose("\n".join(lines) + "\n", first_line=1)

    assert time.perf_counter() - started < 1.0


def test_reports_a_duplicate_key_with_its_full_path_and_first_line() -> None:
    text = "knelpunten:\n  - id: a\n    kernzin: Een.\n    kernzin: Twee.\n"

    with pytest.raises(DuplicateKey) as raised:
        compose(text, first_line=2)

    assert raised.value.path == ("knelpunten", 0, "kernzin")
    assert raised.value.key == "kernzin"
    assert raised.value.position == (5, 5)
    assert raised.value.first == (4, 5)


def load_case(tmp_path: Path, frontmatter: str) -> ContentError | None:
    path = tmp_path / "1-anna.md"
    path.write_text(f"---\n{frontmatter}---\n\n## Anna\n", encoding="utf-8")
    return read_source(path, CASE, Kind.CASE, 2022)[1]


# (frontmatter, code, line, column, words in the message); lines count the opening '---' as 1
YAML_ERRORS = [
    pytest.param(
        "id: anna\nrollen: [dienstverlener\nwetten: [Wmo]\n",
        "yaml.syntax",
        3,
        9,
        "de lijst die hier met ‘[’ begint",
        id="unclosed-flow-list-at-its-bracket",
    ),
    pytest.param(
        "id: anna\nwaarden: {label: x, waarde: 1\nb: 2\n",
        "yaml.syntax",
        3,
        10,
        "met ‘{’ begint",
        id="unclosed-flow-mapping-at-its-brace",
    ),
    pytest.param(
        'id: anna\ntitel: "Casus over Anna\nnummer: 1\n',
        "yaml.syntax",
        3,
        8,
        "aanhalingsteken dat hier begint",
        id="unclosed-quote-at-the-opening-quote",
    ),
    pytest.param(
        "id: anna\ntitel: Casus: over Anna\n",
        "yaml.syntax",
        3,
        13,
        "dubbele punt die YAML niet verwacht",
        id="colon-in-value-at-the-colon",
    ),
    pytest.param(
        "id: anna\ngemeente Een dorp\nnummer: 1\n",
        "yaml.syntax",
        3,
        1,
        "ontbreekt een dubbele punt",
        id="missing-colon-at-the-key",
    ),
    pytest.param(
        "knelpunten:\n  - id: a\n  element: kader\n",
        "yaml.syntax",
        4,
        3,
        "nieuw item van de lijst",
        id="dedented-field-in-list-item",
    ),
    pytest.param(
        'titel: "Casus" over Anna\n',
        "yaml.syntax",
        2,
        16,
        "nieuw veld",
        id="text-after-closing-quote",
    ),
    pytest.param(
        "gemeente: @dorp\n",
        "yaml.syntax",
        2,
        11,
        "met dit teken mag een waarde niet beginnen",
        id="value-starting-with-at-sign",
    ),
    pytest.param(
        "personas:\n  - naam: Anna\n\tleeftijd: 40\n",
        "yaml.tab",
        4,
        1,
        "tab",
        id="tab-in-indentation",
    ),
    pytest.param(
        "a:\n  b: 1\n \tc: 2\n",
        "yaml.tab",
        4,
        2,
        "tab",
        id="tab-after-spaces-at-the-tab",
    ),
    pytest.param(
        "titel: café\x07 Anna\n",
        "yaml.syntax",
        2,
        12,
        "stuurteken (U+0007)",
        id="control-character-counted-in-characters-not-bytes",
    ),
    pytest.param(
        "a: &x 1\nb: *x\n",
        "yaml.alias",
        2,
        4,
        "Ankers en verwijzingen",
        id="alias",
    ),
    pytest.param(
        "id: anna\nid: bert\n",
        "yaml.duplicate-key",
        3,
        1,
        "‘id’ staat twee keer",
        id="duplicate-key",
    ),
]


@pytest.mark.parametrize(("frontmatter", "code", "line", "column", "words"), YAML_ERRORS)
def test_reports_yaml_errors_at_the_editors_line_and_column(
    tmp_path: Path, frontmatter: str, code: str, line: int, column: int, words: str
) -> None:
    error = load_case(tmp_path, frontmatter)

    assert error is not None
    assert (error.code, error.file, error.line, error.column) == (code, CASE, line, column)
    assert words in error.message
    assert error.hint


@pytest.mark.parametrize("frontmatter", [entry.values[0] for entry in YAML_ERRORS])
def test_yaml_error_messages_are_dutch_single_lines(tmp_path: Path, frontmatter: str) -> None:
    error = load_case(tmp_path, frontmatter)

    assert error is not None
    assert "\n" not in error.message
    for english in ("expected", "found", "while", "mapping values", "scanning"):
        assert english not in error.message


def test_a_duplicate_key_error_carries_the_nested_field_path(tmp_path: Path) -> None:
    error = load_case(tmp_path, "knelpunten:\n  - id: a\n    kernzin: Een.\n    kernzin: Twee.\n")

    assert error is not None
    assert error.field == ("knelpunten", 0, "kernzin")
    assert error.message.endswith("(eerst op regel 4).")

"""Stage 1, load: which files are content, how they are read, and the load.* errors."""

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from builder.content import load as load_module
from builder.content.layout import Kind, classify
from builder.content.load import MAX_BYTES, load, read_regular_file

ProjectWriter = Callable[[dict[str, str | bytes]], Path]

EDITION = "jaar: 2022\ntitel: Test\nstatus: concept\nuitgever: VNG Realisatie\n"
CASE = "---\nid: anna\ntitel: Casus over Anna\n---\n\n## Anna\n\nTekst met café.\n"


@pytest.mark.parametrize(
    ("inside_content", "expected"),
    [
        ("casussen/2022/1-anna.md", (Kind.CASE, 2022)),
        ("rode-draden/2023/01-breed-kijken.md", (Kind.THREAD, 2023)),
        ("hoofdstukken/2022/01-voorwoord.md", (Kind.CHAPTER, 2022)),
        ("bronnen/2022.yml", (Kind.SOURCES, 2022)),
        ("edities/2022.yml", (Kind.EDITION, 2022)),
        ("casussen/1-anna.md", None),
        ("casussen/22/1-anna.md", None),
        ("casussen/2022/1-anna.txt", None),
        ("casussen/2022/extra/1-anna.md", None),
        ("bronnen/2022.yaml", None),
        ("bronnen/twintig.yml", None),
        ("casus/2022/1-anna.md", None),
    ],
)
def test_classifies_content_paths_by_folder_and_year(
    inside_content: str, expected: tuple[Kind, int] | None
) -> None:
    assert classify(PurePosixPath(inside_content)) == expected


def test_loads_markdown_and_yaml_kinds_with_their_year(write_project: ProjectWriter) -> None:
    root = write_project(
        {"content/edities/2022.yml": EDITION, "content/casussen/2022/1-anna.md": CASE}
    )

    sources, errors = load(root)

    assert errors == []
    assert [(s.path, s.kind, s.year) for s in sources] == [
        (PurePosixPath("content/casussen/2022/1-anna.md"), Kind.CASE, 2022),
        (PurePosixPath("content/edities/2022.yml"), Kind.EDITION, 2022),
    ]
    case = sources[0]
    assert case.yaml.data == {"id": "anna", "titel": "Casus over Anna"}
    assert case.yaml.values[("titel",)] == (3, 8)
    assert case.body_line == 5
    assert case.body.startswith("\n## Anna")


def test_skips_hidden_files_partials_and_readmes(write_project: ProjectWriter) -> None:
    root = write_project(
        {
            "content/edities/2022.yml": EDITION,
            "content/casussen/2022/.1-anna.md.swp": b"\x00\x01",
            "content/casussen/2022/_concept.md": "niet af",
            "content/casussen/README.md": "Uitleg voor redacteuren.",
        }
    )

    sources, errors = load(root)

    assert errors == []
    assert [s.kind for s in sources] == [Kind.EDITION]


def test_reports_a_misplaced_file_without_a_position(write_project: ProjectWriter) -> None:
    root = write_project({"content/edities/2022.yml": EDITION, "content/casussen/1-anna.md": CASE})

    _, errors = load(root)

    [error] = errors
    assert error.code == "load.misplaced"
    assert error.file == PurePosixPath("content/casussen/1-anna.md")
    assert (error.line, error.column) == (None, None)
    assert error.hint is not None
    assert "content/casussen/<jaar>/<naam>.md" in error.hint


def test_reads_bom_and_crlf_files_exactly_like_plain_ones(write_project: ProjectWriter) -> None:
    plain = write_project({"content/casussen/2022/1-anna.md": CASE})
    [expected], _ = load(plain)
    for variant in (b"\xef\xbb\xbf" + CASE.encode(), CASE.replace("\n", "\r\n").encode()):
        (plain / "content/casussen/2022/1-anna.md").write_bytes(variant)

        [source], errors = load(plain)

        assert errors == []
        assert source.yaml == expected.yaml
        assert (source.body, source.body_line) == (expected.body, expected.body_line)


def test_reports_a_non_utf8_byte_at_its_line_and_column(write_project: ProjectWriter) -> None:
    root = write_project({"content/casussen/2022/1-anna.md": CASE.encode("latin-1")})

    sources, errors = load(root)

    assert sources == []
    [error] = errors
    assert (error.code, error.line, error.column) == ("load.not-utf8", 8, 14)
    assert "0xe9" in error.message


@pytest.mark.parametrize("content", [b"", b"\n  \n\t\n"], ids=["empty", "whitespace"])
def test_reports_an_empty_file_at_its_start(write_project: ProjectWriter, content: bytes) -> None:
    root = write_project({"content/casussen/2022/1-anna.md": content})

    _, errors = load(root)

    assert [(e.code, e.line, e.column) for e in errors] == [("load.empty", 1, 1)]


def test_reports_a_too_large_file_without_parsing_it(write_project: ProjectWriter) -> None:
    root = write_project({"content/casussen/2022/1-anna.md": b"x" * (MAX_BYTES + 1)})

    _, errors = load(root)

    [error] = errors
    assert error.code == "load.too-large"
    assert error.line is None
    assert error.message == "Het bestand is 1,0 MB groot; de grens is 1,0 MB."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("id: anna\n\n## Anna\n", "frontmatter.missing"),
        ("---\nid: anna\n\n## Anna\n", "frontmatter.unclosed"),
    ],
)
def test_reports_frontmatter_shape_at_line_one(
    write_project: ProjectWriter, text: str, code: str
) -> None:
    root = write_project({"content/casussen/2022/1-anna.md": text})

    _, errors = load(root)

    assert [(e.code, e.line, e.column) for e in errors] == [(code, 1, 1)]


def test_reports_yaml_errors_in_plain_yaml_files_from_line_one(
    write_project: ProjectWriter,
) -> None:
    root = write_project({"content/edities/2022.yml": "jaar: 2022\nauteurs: [Anna\n"})

    _, errors = load(root)

    [error] = errors
    assert (error.code, error.file, error.line, error.column) == (
        "yaml.syntax",
        PurePosixPath("content/edities/2022.yml"),
        2,
        10,
    )


def test_collects_the_errors_of_every_file_in_one_run(write_project: ProjectWriter) -> None:
    root = write_project(
        {
            "content/casussen/2022/1-anna.md": "",
            "content/casussen/2022/2-bert.md": "id: bert\n",
            "content/edities/2022.yml": "jaar: [2022\n",
        }
    )

    _, errors = load(root)

    assert sorted(e.code for e in errors) == ["frontmatter.missing", "load.empty", "yaml.syntax"]


class _Shrunk:
    """An os.stat_result whose size is what the file had before it grew."""

    def __init__(self, real: os.stat_result, size: int) -> None:
        self.st_mode, self.st_size = real.st_mode, size


@pytest.mark.parametrize("size", [0, 10, 99])
def test_a_file_that_grows_while_being_read_is_read_whole_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    path = tmp_path / "groeit.md"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat
    monkeypatch.setattr(load_module.os, "fstat", lambda fd: _Shrunk(real_fstat(fd), size))
    assert read_regular_file(path) == b"x" * 100
    with pytest.raises(ValueError):  # _TooLarge: past the limit however it got there
        read_regular_file(path, limit=50)

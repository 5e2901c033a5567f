"""The 'nog in te vullen' warnings: the quick text scan that skips most files never hides one.

find_placeholders walks the frontmatter's data only when its text could hold the marker. The
property test writes the marker in every YAML style (plain, quoted, escaped, folded, continued
lines) and compares with the full walk.
"""

from pathlib import PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from builder.content.layout import Kind
from builder.content.load import SourceFile, parse_source
from builder.content.placeholders import _MARKER, MARKER, _frontmatter_markers, find_placeholders

FILE = PurePosixPath("content/edities/2030.yml")


def source(text: str) -> SourceFile:
    parsed, error = parse_source(FILE, Kind.EDITION, 2030, text, "")
    assert parsed is not None, error
    return parsed


def every_marker(parsed: SourceFile) -> int:
    return len(list(_frontmatter_markers(parsed.yaml)))


def escaped(text: str, chosen: list[bool]) -> str:
    """Double-quoted, with the chosen characters written as \\x or \\u escapes."""
    out = []
    for char, escape in zip(text, chosen, strict=True):
        if escape or char in '"\\':
            out.append(f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def continued(text: str, cuts: list[int]) -> str:
    """Double-quoted, broken over lines with an escaped line end (which joins without a space)."""
    pieces, start = [], 0
    for cut in sorted({c % (len(text) + 1) for c in cuts}):
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return '"' + "\\\n  ".join(p.replace("\\", "\\\\").replace('"', '\\"') for p in pieces) + '"'


def folded(text: str) -> str:
    """A '>-' block with every space a line break (folding turns them back into spaces)."""
    return ">-\n  " + "\n  ".join(text.split(" "))


WORDS = st.sampled_from(["nog", "in", "te", "vullen", "NOG", "Vullen", "iets", "ë"])
VALUES = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)


@st.composite
def written(draw: st.DrawFn) -> str:
    value = draw(VALUES | st.just(MARKER) | st.just(MARKER.upper()))
    style = draw(st.sampled_from(["plain", "single", "escaped", "continued", "folded"]))
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "escaped":
        return escaped(
            value, draw(st.lists(st.booleans(), min_size=len(value), max_size=len(value)))
        )
    if style == "continued":
        return continued(value, draw(st.lists(st.integers(0, 40), max_size=4)))
    return folded(value)


@given(st.lists(written(), min_size=1, max_size=4))
def test_the_quick_scan_never_hides_a_marker_in_the_frontmatter(values: list[str]) -> None:
    text = "".join(f"veld{index}: {value}\n" for index, value in enumerate(values))
    parsed = source(text)
    assert len(find_placeholders(parsed)) == every_marker(parsed)


def test_a_marker_written_with_escapes_only_is_found() -> None:
    hidden = escaped(MARKER, [True] * len(MARKER))
    assert "vullen" not in hidden
    assert len(find_placeholders(source(f"titel: {hidden}\n"))) == 1


def test_a_file_without_the_marker_skips_the_walk_and_reports_nothing() -> None:
    assert find_placeholders(source("titel: Een editie\nuitgever: VNG Realisatie\n")) == []


CASE_FILE = PurePosixPath("content/casussen/2030/1-anna.md")
# letters of the marker and characters whose case rules are unusual (dotless i, long s, Kelvin)
AROUND = st.text(
    alphabet=st.sampled_from([*"nogitevul NOGITEVUL\n", "\u0131", "\u0130", "\u017f", "\u212a"])
)


@st.composite
def cased_marker(draw: st.DrawFn) -> str:
    upper = draw(st.lists(st.booleans(), min_size=len(MARKER), max_size=len(MARKER)))
    return "".join(c.upper() if u else c for c, u in zip(MARKER, upper, strict=True))


@given(st.lists(AROUND | cased_marker(), max_size=6))
def test_the_quick_scan_never_hides_a_marker_in_the_body(pieces: list[str]) -> None:
    body = "".join(pieces)
    parsed, error = parse_source(CASE_FILE, Kind.CASE, 2030, f"---\ntitel: x\n---\n{body}", "")
    assert parsed is not None, error
    expected = sum(len(_MARKER.findall(line)) for line in parsed.body.split("\n"))
    assert len(find_placeholders(parsed)) == expected

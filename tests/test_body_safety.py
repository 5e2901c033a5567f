"""Body checks lose nothing silently and point at the exact place of a problem."""

from pathlib import PurePosixPath

import pytest

from builder.content.body import parse_body
from builder.content.markdown import make_markdown

FILE = PurePosixPath("content/hoofdstukken/2022/01-inleiding.md")
MD = make_markdown()


def codes(text: str, first_line: int = 5) -> list[tuple[str, int | None, int | None]]:
    _, errors = parse_body(MD, text, first_line, FILE)
    return [(e.code, e.line, e.column) for e in errors]


def nested(kind: str, depth: int) -> str:
    if kind == "list":
        return "".join("  " * i + f"- punt {i}\n" for i in range(depth))
    if kind == "ordered":
        return "".join("   " * i + f"1. punt {i}\n" for i in range(depth))
    return "> " * depth + "citaat\n"


@pytest.mark.parametrize("kind", ["list", "ordered", "quote"])
@pytest.mark.parametrize("depth", range(1, 26))
def test_nesting_is_an_error_exactly_when_markdown_it_would_drop_text(
    kind: str, depth: int
) -> None:
    """markdown-it stops at its nesting limit; what it drops must never pass unreported."""
    text = nested(kind, depth) + "\nDe rest van de tekst.\n"
    html = MD.render(text)
    deepest = "citaat" if kind == "quote" else f"punt {depth - 1}"
    lost = "De rest van de tekst." not in html or deepest not in html
    too_deep = [c for c in codes(text) if c[0] == "body.too-deep"]
    assert bool(too_deep) == lost
    if too_deep:
        assert too_deep[0][1] is not None and 5 <= too_deep[0][1] < 5 + depth


@pytest.mark.parametrize(
    "paragraph",
    [
        # an earlier link whose address is written further on (a reference definition) or
        # spelled otherwise: finding it there must not move the internal link's column
        "Zie [bron] en [casus](casus:pim); zie [bron](https://a.nl).",
        "Zie [bron][r] en [casus](casus:pim); meer op [site](https://a.nl).",
        "Zie <https://a.nl/é> en [casus](casus:pim) [b](https://a.nl/%C3%A9)",
    ],
)
def test_an_internal_link_keeps_its_column_whatever_links_come_before_it(paragraph: str) -> None:
    text = f"{paragraph}\n\n[bron]: https://a.nl\n[r]: https://a.nl\n"
    body, _ = parse_body(MD, text, 5, FILE)
    [reference] = body.references
    assert (reference.line, reference.column) == (5, paragraph.index("casus:pim") + 1)

"""Where HTML is written (builder/site/placement.py): on its own page, or as a part of the whole
report on one page, where the renderer and the templates prefix ids, move headings down and
keep links inside the page. Nothing is rewritten afterwards, so these tests read the HTML as
it is made: a Markdown body rendered both ways, and every page of the real edition's print
version checked for references that point nowhere."""

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from htmltree import Node, parse

from builder.content.markdown import make_markdown
from builder.pipeline import check
from builder.site.placement import OWN_PAGE, ReportPart
from builder.site.print_page import PRINT_URL
from builder.site.render import render

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "casussen/peter/": ("casussen-peter", ""),
    "casussen/peter/knelpunten/regels/": ("casussen-peter", "regels"),
    "rode-draden/avg/": ("rode-draden-avg", ""),
}
PART = ReportPart("rode-draden/avg/", TARGETS)
BODY = """## Kop

Zie [Peter](../../casussen/peter/), [het knelpunt](../../casussen/peter/knelpunten/regels/#x)
[de zoekpagina](../../zoeken/), [hier](#kop) en [de VNG](https://vng.nl).[^3]

### Onderkop

[^3]: Een voetnoot.
"""


@pytest.mark.parametrize(
    ("href", "placed"),
    [
        ("https://vng.nl/a", "https://vng.nl/a"),
        ("mailto:a@b.nl", "mailto:a@b.nl"),
        ("#kop", "#rode-draden-avg--kop"),
        ("./", "#rode-draden-avg"),
        ("../../casussen/peter/", "#casussen-peter"),
        ("../../casussen/peter/#personas", "#casussen-peter--personas"),
        ("../../casussen/peter/knelpunten/regels/", "#casussen-peter--regels"),
        ("../../zoeken/", None),
        ("../../over-deze-editie/#herkomst", None),
    ],
)
def test_a_part_links_inside_the_page_or_not_at_all(href: str, placed: str | None) -> None:
    assert PART.href(href) == placed
    assert OWN_PAGE.href(href) == href


def test_a_part_prefixes_every_id_of_a_list_and_moves_headings_down_to_h6_at_most() -> None:
    assert PART.id("a-titel a-desc") == "rode-draden-avg--a-titel rode-draden-avg--a-desc"
    assert [PART.level(n) for n in range(1, 7)] == [2, 3, 4, 5, 6, 6]
    assert (OWN_PAGE.id("a b"), OWN_PAGE.level(3)) == ("a b", 3)


def render_body(placement: object) -> str:
    md = make_markdown()
    env: dict[str, object] = {"placement": placement}
    tokens = md.parse(BODY, env)
    return md.renderer.render(tokens, md.options, env)


def test_a_body_written_as_a_part_is_placed_by_the_renderer() -> None:
    html = render_body(PART)
    assert '<h3 id="rode-draden-avg--kop">Kop</h3>' in html
    assert '<h4 id="rode-draden-avg--onderkop">Onderkop</h4>' in html
    assert '<a href="#casussen-peter">Peter</a>' in html
    assert '<a href="#casussen-peter--x">het knelpunt</a>' in html
    assert "<span>de zoekpagina</span>" in html
    assert '<a href="#rode-draden-avg--kop">hier</a>' in html
    assert '<a href="https://vng.nl">de VNG</a>' in html
    assert '<a href="#rode-draden-avg--fn3" id="rode-draden-avg--fnref3">[3]</a>' in html
    assert '<li id="rode-draden-avg--fn3" class="footnote-item">' in html
    assert 'href="#rode-draden-avg--fnref3" class="footnote-backref"' in html


def test_a_body_on_its_own_page_is_written_as_markdown_it_writes_it() -> None:
    md = make_markdown()
    plain = md.render(BODY)
    assert render_body(OWN_PAGE) == render_body(None)
    assert '<h2 id="kop">Kop</h2>' in plain and '<a href="../../zoeken/">' in plain


def test_rendering_a_body_as_a_part_leaves_its_parsed_tokens_as_they_were() -> None:
    md = make_markdown()
    env: dict[str, object] = {}
    tokens = md.parse(BODY, env)
    before = md.renderer.render(tokens, md.options, env)
    md.renderer.render(tokens, md.options, {**env, "placement": PART})
    assert md.renderer.render(tokens, md.options, env) == before


# -- the real edition's print page, as the render stage makes it -------------------------------

REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "for", "headers")


@pytest.fixture(scope="module")
def print_pages() -> list[Node]:
    result = check(ROOT)
    assert result.library is not None
    editions = render(result.library, ROOT / "themes", glossary=result.glossary)
    return [parse(p.html) for e in editions for p in e.pages if p.url == PRINT_URL]


def test_every_reference_on_the_print_page_names_one_id_of_it(print_pages: list[Node]) -> None:
    assert print_pages
    for page in print_pages:
        ids = Counter(n.attrs["id"] for n in page.iter() if "id" in n.attrs)
        assert [i for i, n in ids.items() if n > 1] == []
        referred = [
            (n.tag, name, value)
            for n in page.iter()
            for name in REFERENCES
            if name in n.attrs
            for value in n.attrs[name].split()
        ]
        assert len(referred) > 10
        assert [r for r in referred if r[2] not in ids] == []
        hrefs = [n.attrs["href"] for n in page.iter() if n.tag == "a" and "href" in n.attrs]
        assert [h for h in hrefs if h.startswith("#") and h[1:] not in ids] == []
        assert [h for h in hrefs if not re.match(r"#|https?:|mailto:", h)] == []


def test_the_print_page_has_one_h1_and_headings_that_never_skip_a_level(
    print_pages: list[Node],
) -> None:
    for page in print_pages:
        levels = [int(n.tag[1]) for n in page.iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(after <= before + 1 for before, after in pairwise(levels))

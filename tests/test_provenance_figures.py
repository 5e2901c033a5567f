"""Provenance (herkomst) of links and niveaus, and figure blocks with a status.

Derived text is never presented as the report's words: a link or niveau is the report's only
when the content says so (`herkomst: rapport`); a bare one is the editors'. A figure of the
report that the source text lost is a visible note in its place, which `stand check` guards.
"""

from pathlib import Path

import pytest
from htmltree import Node, parse

from builder.content.load import load
from builder.content.validate import validate
from builder.errors import ContentError
from builder.pipeline import check
from builder.site.render import render
from builder.site.rendered import RenderedPage
from schema import Bottleneck, Recommendation
from schema.speelveld import Level

ROOT = Path(__file__).resolve().parent.parent
ANNA = "content/casussen/2022/1-anna.md"
BREED = "content/rode-draden/2022/01-breed-kijken.md"
CHAPTER = "content/hoofdstukken/2022/01-inleiding.md"
GAP = "\n```figuur\nontbrekend\n```\n\nBron: Cebeon\n"
ANNA_LINK = "    wat_is_nodig: [breed-kijken-1]\n  - id: anna-expertise"
ANNA_LINK_WITH = (
    "    wat_is_nodig:\n      - {{id: breed-kijken-1, herkomst: {}}}\n  - id: anna-expertise"
)
GAP_FIGURE = "figuren:\n  - {id: ontbrekend, titel: Eigen vermogen, status: niet-overgenomen}\n"


def replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors_of(project: Path) -> list[ContentError]:
    sources, errors = load(project)
    return errors + validate(sources)[1]


def pages_of(project: Path) -> dict[str, RenderedPage]:
    result = check(project)
    assert result.library is not None, "\n".join(str(e) for e in result.errors)
    return {page.url: page for page in next(render(result.library, ROOT / "themes")).pages}


# -- the schema ------------------------------------------------------------------------------


def test_a_bare_link_or_niveau_is_the_editors() -> None:
    bottleneck = Bottleneck.model_validate(
        {
            "id": "a-kader",
            "element": "kader",
            "kernzin": "Iets knelt.",
            "wat_is_nodig": ["b-1", {"id": "c-1", "herkomst": "rapport"}],
        }
    )
    assert bottleneck.answered_by == ["b-1", "c-1"]
    assert [bottleneck.provenance(r) for r in bottleneck.answered_by] == ["redactie", "rapport"]
    recommendation = Recommendation.model_validate(
        {
            "id": "b-1",
            "tekst": "Iets.",
            "niveaus": ["landelijk", {"niveau": "lokaal-regionaal", "herkomst": "rapport"}],
        }
    )
    assert recommendation.levels == [Level.NATIONAL, Level.LOCAL_REGIONAL]
    assert recommendation.provenance(Level.NATIONAL) == "redactie"
    assert recommendation.provenance(Level.LOCAL_REGIONAL) == "rapport"


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "field"),
    [
        (
            ANNA,
            ANNA_LINK,
            ANNA_LINK_WITH.format("rapprt"),
            19,
            ("knelpunten", 0, "wat_is_nodig", 0, "herkomst"),
        ),
        (
            BREED,
            "niveaus: [individuele-professional, lokaal-regionaal]",
            "niveaus:\n      - {niveau: landelijk, herkomst: redacteur}",
            10,
            ("wat_is_nodig", 0, "niveaus", 0, "herkomst"),
        ),
    ],
)
def test_an_unknown_herkomst_is_a_dutch_error_at_its_line(
    minimal_project: Path,
    file: str,
    old: str,
    new: str,
    line: int,
    field: tuple[str | int, ...],
) -> None:
    replace(minimal_project, file, old, new)
    [error] = errors_of(minimal_project)
    assert (error.code, str(error.file), error.line, error.field) == (
        "schema.unknown-value",
        file,
        line,
        field,
    )
    assert "‘rapport’" in (error.hint or "") and "‘redactie’" in (error.hint or "")


def test_a_bad_bare_niveau_is_reported_where_it_is_written(minimal_project: Path) -> None:
    replace(minimal_project, BREED, "[individuele-professional, lokaal", "[individueel, lokaal")
    [error] = errors_of(minimal_project)
    assert (error.code, error.line, error.field) == (
        "schema.unknown-value",
        9,
        ("wat_is_nodig", 0, "niveaus", 0),
    )


# -- provenance on the pages -----------------------------------------------------------------


def test_the_pages_say_which_links_and_niveaus_are_the_editors(minimal_project: Path) -> None:
    replace(
        minimal_project,
        ANNA,
        ANNA_LINK,
        ANNA_LINK_WITH.format("rapport"),
    )
    replace(
        minimal_project,
        BREED,
        "niveaus: [individuele-professional, lokaal-regionaal]",
        "niveaus:\n      - {niveau: individuele-professional, herkomst: rapport}\n"
        "      - lokaal-regionaal",
    )
    pages = pages_of(minimal_project)

    def marks(url: str, item: str) -> list[str]:
        node = parse(pages[url].html).one(id_=item)
        return [n.text for n in node.find_all(cls="herkomst")]

    # the casus page: one link from the report, the next knelpunt's link the editors'
    assert marks("casussen/anna/", "anna-kernwaarden") == ["uit het rapport"]
    assert marks("casussen/anna/", "anna-expertise") == ["koppeling door de redactie"]
    # the knelpunt page says it for the link, and marks the editors' niveau with text
    page = parse(pages["knelpunten/anna-kernwaarden/"].html)
    assert "Koppeling: uit het rapport" in page.one(cls="herkomst-regel").text
    badges = [b.text for b in page.find_all(cls="niveau-badge")]
    assert badges == ["Individuele professional", "Lokaal of regionaal (redactie)"]
    # every provenance mark links to its explanation
    about = pages["over-deze-editie/"]
    assert parse(about.html).one("h2", id_="herkomst")
    for node in parse(pages["casussen/anna/"].html).find_all(cls="herkomst"):
        assert node.attrs["href"].endswith("over-deze-editie/#herkomst")


def test_the_about_page_counts_from_the_data(minimal_project: Path) -> None:
    text = parse(pages_of(minimal_project)["over-deze-editie/"].html).text
    assert "Dit geldt voor 0 koppelingen." in text  # the fixture's links are all bare
    assert "(0 niveaus)" in text


# -- figures ---------------------------------------------------------------------------------


def test_a_lost_figure_is_a_visible_note_with_caption_and_source(minimal_project: Path) -> None:
    replace(minimal_project, CHAPTER, "kerncijfers:", GAP_FIGURE + "kerncijfers:")
    replace(minimal_project, CHAPTER, "Dit is de inleiding van de testeditie.\n", "Tekst.\n" + GAP)
    assert errors_of(minimal_project) == []
    figure = parse(pages_of(minimal_project)["inleiding/"].html).one("figure", id_="ontbrekend")
    note = figure.one(role="note")
    assert "Figuur niet overgenomen in de digitale editie." in note.text
    caption = figure.one("figcaption")
    assert [p.text for p in caption.find_all("p")] == ["Eigen vermogen", "Bron: Cebeon"]
    # the note and caption are the figure's first and last children: nothing escapes it
    children = [c for c in figure.children if isinstance(c, Node)]
    assert children[-1] is caption


def test_the_about_page_lists_the_lost_figures(minimal_project: Path) -> None:
    replace(minimal_project, CHAPTER, "kerncijfers:", GAP_FIGURE + "kerncijfers:")
    replace(minimal_project, CHAPTER, "Dit is de inleiding van de testeditie.\n", "Tekst.\n" + GAP)
    about = parse(pages_of(minimal_project)["over-deze-editie/"].html)
    links = [a.attrs["href"] for a in about.find_all("a") if "#ontbrekend" in a.attrs["href"]]
    assert links == ["../inleiding/#ontbrekend"]


@pytest.mark.parametrize(
    ("figures", "body", "code", "line"),
    [
        ("", GAP, "body.unknown-figure", 19),  # a block without a figure in `figuren`
        (GAP_FIGURE, "", "body.figure-unplaced", 14),  # a figure in `figuren` without a block
        (GAP_FIGURE, GAP + GAP, "body.figure-twice", 14),
        (GAP_FIGURE.replace("niet-overgenomen", "getekend"), GAP, "body.figure-drawing", 14),
    ],
)
def test_stand_check_knows_every_figure(
    minimal_project: Path, figures: str, body: str, code: str, line: int
) -> None:
    replace(minimal_project, CHAPTER, "kerncijfers:", figures + "kerncijfers:")
    replace(minimal_project, CHAPTER, "Dit is de inleiding van de testeditie.\n", "Tekst.\n" + body)
    [error] = errors_of(minimal_project)
    assert (error.code, str(error.file), error.line) == (code, CHAPTER, line)


def test_every_lost_figure_of_the_newest_edition_is_placed_and_listed() -> None:
    result = check(ROOT)
    assert result.library is not None
    lib = result.library.editions[max(result.library.editions)]
    lost = [f.id for d in lib.chapters for f in d.model.figures if f.status == "niet-overgenomen"]
    assert lost, "the report's source text lost figures: they must be accounted for"
    placed = [figure for d in lib.chapters if d.body for figure, _ in d.body.figures]
    assert sorted(placed) == sorted(f.id for d in lib.chapters for f in d.model.figures)

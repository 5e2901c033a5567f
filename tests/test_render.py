"""The render stage: golden pages for the minimal edition, strict templates, Markdown details.

The golden files hold, per rendered page of tests/fixtures/valid/minimal, a header line with
the page's URL and title followed by its HTML body. After an intended change to a template or
to the renderer, rewrite them with `pytest tests/test_render.py --update-golden` and review
the diff.
"""

import html
import shutil
from pathlib import Path

import jinja2
import pytest
from htmltree import Node, parse, parse_file, rendered_html, toc_entries, toc_headings

from builder.content.glossary import Glossary
from builder.pipeline import build, check
from builder.site.abbreviations import Abbreviations
from builder.site.figures import LABEL_HEADER, data_table
from builder.site.render import make_environment, render
from builder.site.rendered import RenderedPage, TocEntry
from builder.site.sections import BodyHtml, Heading, Toc
from schema import Chart

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden" / "minimal"
VALID_MINIMAL = TESTS / "fixtures" / "valid" / "minimal"
THEMES = TESTS.parent / "themes"
NESTED_CASE = "casussen/anna/index.md"  # has a two-space nested list and footnote [^1]


def render_minimal(themes: Path = THEMES) -> list[RenderedPage]:
    result = check(VALID_MINIMAL)
    assert result.library is not None, "\n".join(str(error) for error in result.errors)
    editions = list(render(result.library, themes))
    assert [edition.year for edition in editions] == [2022]
    return editions[0].pages


def golden_path(page: RenderedPage) -> Path:
    return GOLDEN / Path(page.src).with_suffix(".html")


def golden_text(page: RenderedPage) -> str:
    body = page.html
    if page.pdf is not None:  # publish writes the link to the PDF there (PdfPlace)
        body += f"<!-- hier de link naar {page.pdf.url} -->\n{page.pdf.after}"
    return f"<!-- url: {page.url or '(home)'} | title: {page.title} -->\n{body}"


def test_every_rendered_page_of_the_minimal_edition_matches_its_golden_file(
    update_golden: bool,
) -> None:
    pages = render_minimal()
    expected = {golden_path(page): golden_text(page) for page in pages}
    assert len(expected) == len(pages), "two pages share a golden file"
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in expected.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    stored = set(GOLDEN.rglob("*.html"))
    hint = "run `pytest tests/test_render.py --update-golden` and review the diff"
    assert sorted(stored - set(expected)) == [], f"golden files without a page; {hint}"
    assert sorted(set(expected) - stored) == [], f"pages without a golden file; {hint}"
    for path, text in expected.items():
        assert text == path.read_text(encoding="utf-8"), (
            f"{path.relative_to(GOLDEN)} differs from the rendered page; {hint}"
        )


def test_a_typo_in_a_template_fails_the_render_instead_of_printing_nothing(
    tmp_path: Path,
) -> None:
    themes = tmp_path / "themes"
    shutil.copytree(THEMES, themes)
    home = themes / "pages" / "home.html"
    original = home.read_text(encoding="utf-8")
    typo = original.replace("{% block content %}", "{% block content %}{{ edtion.title }}", 1)
    assert typo != original, "home.html has no content block to put the typo in"
    home.write_text(typo, encoding="utf-8")

    with pytest.raises(jinja2.UndefinedError, match="edtion"):
        render_minimal(themes)


# ============================================================================================
# A nested list and a footnote, in the rendered page and in the built site


def assert_nested_list_and_footnote(page: Node, where: str) -> None:
    outer = next(
        (li for li in page.find_all("li") if li.text.startswith("Een taak")),
        None,
    )
    assert outer is not None, f"{where}: no list item 'Een taak'"
    nested = [child for child in outer.children if isinstance(child, Node) and child.tag == "ul"]
    assert len(nested) == 1, f"{where}: the indented item is not a <ul> inside the <li>"
    assert [li.text for li in nested[0].find_all("li")] == ["met een ingesprongen onderdeel"]
    assert outer.parent is not None and outer.parent.tag == "ul"

    ref = page.one("sup", cls="footnote-ref")
    anchor = ref.one("a")
    assert anchor.text == "[1]"
    note_id = anchor.attrs["href"].removeprefix("#")
    notes = page.one("section", cls="footnotes")
    note = notes.one("li", id_=note_id)
    assert note.parent is not None and note.parent.tag == "ol"
    assert "Bureau, Een rapport, Den Haag 2020" in note.text
    backref = note.one("a", cls="footnote-backref")
    assert backref.attrs["href"] == f"#{anchor.attrs['id']}", f"{where}: backref misses the ref"


def test_a_two_space_nested_list_and_a_footnote_render_in_the_page_html() -> None:
    page = next(p for p in render_minimal() if p.src == NESTED_CASE)
    assert_nested_list_and_footnote(parse(page.html), page.src)


@pytest.mark.slow  # builds the site
def test_a_two_space_nested_list_and_a_footnote_survive_into_the_built_site(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    outcome = build(minimal_buildable, site)
    assert outcome.published is not None, outcome.failure or outcome.errors
    built = site / "2022" / Path(NESTED_CASE).with_suffix(".html")
    assert_nested_list_and_footnote(parse_file(built), str(built.relative_to(site)))


@pytest.mark.parametrize(
    "label_header",
    ["Gemeentegrootte", "Regio & <provincie>", None],
    ids=["plain", "escaped", "none"],
)
def test_a_chart_table_is_headed_by_what_its_labels_are(label_header: str | None) -> None:
    chart = Chart.model_validate(
        {
            "id": "groei",
            "titel": "Groei",
            "eenheid": "procent",
            "waarden": [{"label": "Klein", "waarde": 3}],
            **({"labelkop": label_header} if label_header else {}),
        }
    )
    expected = html.escape(label_header or LABEL_HEADER, quote=False)
    template = make_environment(THEMES).from_string(
        '{% from "_tekeningen.html" import teken_tabel with context %}{{ teken_tabel(t) }}'
    )
    table = template.render(t=data_table(chart), abbreviations=Abbreviations(Glossary()))
    assert f'<thead><tr><th scope="col">{expected}</th>' in table


@pytest.mark.parametrize("root", [VALID_MINIMAL, TESTS.parent], ids=["minimal", "content"])
def test_every_page_toc_lists_exactly_the_h2_and_h3_headings_the_page_shows(root: Path) -> None:
    """The toc is recorded as headings are written (markdown-it tokens, templates), not read
    back from the HTML: here the HTML parser checks that no heading was missed or invented."""
    result = check(root)
    assert result.library is not None, "\n".join(str(error) for error in result.errors)
    pages = [page for edition in render(result.library, THEMES) for page in edition.pages]
    assert any(page.toc for page in pages)
    for page in pages:
        assert toc_entries(page.toc) == toc_headings(rendered_html(page)), page.url


def test_only_a_rendered_body_is_written_unescaped_by_the_toc() -> None:
    """Templates write bodies through toc.body: markdown-it's output as is, any other text
    (a plain string that reached a body field) escaped."""
    toc = Toc()
    body = BodyHtml(lambda abbreviations: '<h2 id="a">A</h2>', (Heading(2, "a", "A"),))
    assert toc.body(body) == '<h2 id="a">A</h2>'
    assert toc.body("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert toc.entries() == [TocEntry(2, "a", "A")]

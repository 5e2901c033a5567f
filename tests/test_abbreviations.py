"""The glossary content/afkortingen.yml (builder/content/glossary.py), its first-use expansion
(builder/site/abbreviations.py), and the captions of Markdown tables (builder/content/markdown.py,
body.table-caption)."""

from pathlib import Path, PurePosixPath

import pytest
from htmltree import Node, parse
from markupsafe import Markup

from builder.content.body import parse_body
from builder.content.glossary import GLOSSARY_FILE, Glossary, load_glossary
from builder.content.markdown import make_markdown
from builder.pipeline import check
from builder.site.abbreviations import Abbreviations
from builder.site.render import render

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = Glossary({"Wmo": "Wet maatschappelijke ondersteuning", "AVG": "Algemene verordening"})
WMO = '<abbr title="Wet maatschappelijke ondersteuning">Wmo</abbr>'


def markdown_html(text: str, abbreviations: Abbreviations) -> str:
    md = make_markdown()
    env: dict[str, object] = {"abbreviations": abbreviations}
    return md.renderer.render(md.parse(text, env), md.options, env)


def test_only_the_first_use_of_each_term_on_a_page_is_expanded() -> None:
    page = Abbreviations(GLOSSARY)
    assert page.markup("De Wmo") == f"De {WMO}"
    assert page.markup("Wmo 2015 en de AVG; de AVG-regels, MDO") == (
        'Wmo 2015 en de <abbr title="Algemene verordening">AVG</abbr>; de AVG-regels, MDO'
    )
    assert markdown_html("De Wmo en de AVG.", page) == "<p>De Wmo en de AVG.</p>\n"
    assert markdown_html("De Wmo.", Abbreviations(GLOSSARY)) == f"<p>De {WMO}.</p>\n"


@pytest.mark.parametrize(
    "text", ["Wmoo, xWmo, WMO, wmo", "`Wmo`", "```\nWmo\n```", "[x](https://a.nl/Wmo)"]
)
def test_text_that_is_no_running_text_or_no_whole_word_is_left_alone(text: str) -> None:
    page = Abbreviations(GLOSSARY)
    assert "<abbr" not in markdown_html(text, page)
    assert page.done == set()


def test_html_and_what_is_not_text_go_through_the_filter_as_they_are() -> None:
    page = Abbreviations(GLOSSARY)
    made = Markup("<b>Wmo</b>")
    assert page.markup(made) is made
    assert page.markup(2015) == 2015
    assert page.done == set()


def test_text_is_escaped_around_an_expansion_and_the_expansion_too() -> None:
    page = Abbreviations(Glossary({"RES": 'Regionale "Energie" & strategie'}))
    assert page.markup("<RES> & 'x'") == (
        '&lt;<abbr title="Regionale &#34;Energie&#34; &amp; strategie">RES</abbr>&gt; '
        "&amp; &#39;x&#39;"
    )
    # the renderer escapes as markdown-it does (quotes in text stay)
    assert markdown_html("RES 'x'", Abbreviations(GLOSSARY)) == "<p>RES 'x'</p>\n"


def test_without_a_glossary_nothing_changes(tmp_path: Path) -> None:
    assert load_glossary(tmp_path) == (Glossary(), [])
    assert Abbreviations(Glossary()).markup("Wmo <b>") == "Wmo &lt;b&gt;"


# -- every page of the real edition, read as a browser reads it ------------------------------

SKIPPED = {"abbr", "code", "pre", "script", "style", "svg", "title", "textarea"}


def running_text(node: Node, inside: bool = False) -> list[tuple[str, bool]]:
    """The page's text in order, each with whether it sits in an <abbr> (outside skipped
    elements; attribute values are never text)."""
    found: list[tuple[str, bool]] = []
    for child in node.children:
        if isinstance(child, str):
            found.append((child, inside))
        elif child.tag == "abbr":
            found.append((child.text, True))
        elif child.tag not in SKIPPED:
            found += running_text(child, inside)
    return found


@pytest.fixture(scope="module")
def real_pages() -> list[tuple[str, Node]]:
    result = check(ROOT)
    assert result.library is not None and result.glossary.terms
    editions = render(result.library, ROOT / "themes", glossary=result.glossary)
    return [(f"{e.year}/{p.url}", parse(p.html)) for e in editions for p in e.pages]


def test_on_every_page_the_first_use_of_each_term_is_its_one_expansion(
    real_pages: list[tuple[str, Node]],
) -> None:
    glossary = load_glossary(ROOT)[0]
    pattern = glossary.pattern
    assert pattern is not None
    expanded = 0
    for url, page in real_pages:
        uses = [
            (match.group(1), in_abbr)
            for text, in_abbr in running_text(page)
            for match in pattern.finditer(text)
        ]
        first = {term: in_abbr for term, in_abbr in reversed(uses)}
        assert [t for t, in_abbr in first.items() if not in_abbr] == [], url
        abbrs = page.find_all("abbr")
        assert len(abbrs) == len({a.text for a in abbrs}) == len(first), url
        assert all(a.attrs["title"] == glossary.terms[a.text] for a in abbrs), url
        expanded += len(abbrs)
    assert expanded > 100


def write_glossary(root: Path, text: str) -> Path:
    path = root / GLOSSARY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return root


def test_the_glossary_is_read_from_content_afkortingen_yml(tmp_path: Path) -> None:
    root = write_glossary(tmp_path, "# uitleg\nWmo: Wet maatschappelijke\n  ondersteuning\n")
    assert load_glossary(root) == (Glossary({"Wmo": "Wet maatschappelijke ondersteuning"}), [])


@pytest.mark.parametrize(
    ("text", "code", "line", "problem"),
    [
        ("Wmo: [a, b\nAVG: x\n", "yaml.syntax", 1, "niet met ‘]’ afgesloten"),
        ("Wmo: x\nWmo: y\n", "yaml.duplicate-key", 2, "‘Wmo’ staat twee keer"),
        ("Wmo: &a x\nAVG: *a\n", "yaml.alias", 1, "Ankers"),
        ("Wmo: !!python/object:os.system x\n", "yaml.syntax", 1, "YAML-tag"),
        ("Wmo: " + "[" * 60 + "]" * 60 + "\n", "yaml.syntax", 1, "genest"),
        ("- Wmo\n", "afkortingen.invalid", 1, "geen ‘Afkorting: betekenis’-lijst"),
        ("Wmo: x\nWet Wmo: x\n", "afkortingen.invalid", 2, "‘Wet Wmo’ is geen afkorting"),
        ("Wmo: x\n1.0: x\n", "afkortingen.invalid", 2, "‘1.0’ is geen afkorting"),
        ("Wmo: x\n0x6e: x\n", "afkortingen.invalid", 2, "‘0x6e’ is geen afkorting"),
        ("Wmo: x\nAVG:\n", "afkortingen.invalid", 2, "‘AVG’ heeft geen betekenis"),
    ],
)
def test_a_broken_glossary_is_a_content_error_at_its_line(
    tmp_path: Path, text: str, code: str, line: int, problem: str
) -> None:
    """The glossary goes through the hardened YAML reader of every other file."""
    _, errors = load_glossary(write_glossary(tmp_path, text))
    assert [(e.code, e.file, e.line) for e in errors] == [(code, GLOSSARY_FILE, line)]
    assert problem in errors[0].message


def test_a_huge_glossary_is_refused_without_being_parsed(tmp_path: Path) -> None:
    root = write_glossary(tmp_path, "Wmo: x\n" + "# opvulling\n" * 200_000)
    _, errors = load_glossary(root)
    assert [e.code for e in errors] == ["load.too-large"]


def test_a_glossary_linked_to_a_file_outside_the_project_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.yml"
    secret.write_text("Wmo: geheim\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / GLOSSARY_FILE).parent.mkdir(parents=True)
    (root / GLOSSARY_FILE).symlink_to(secret)
    assert load_glossary(root) == (Glossary(), [load_glossary(root)[1][0]])
    assert [e.code for e in load_glossary(root)[1]] == ["load.outside-project"]


def test_stand_check_reports_a_broken_glossary_and_accepts_a_good_one(
    minimal_project: Path,
) -> None:
    write_glossary(minimal_project, "Wmo: Wet maatschappelijke ondersteuning\n")
    assert check(minimal_project).ok
    write_glossary(minimal_project, "Wmo:\n")
    assert [e.code for e in check(minimal_project).errors] == ["afkortingen.invalid"]


def test_the_real_glossary_is_valid() -> None:
    glossary, errors = load_glossary(Path(__file__).resolve().parent.parent)
    assert errors == []
    assert glossary.terms["Wmo"] == "Wet maatschappelijke ondersteuning"


# ============================================================================================
# Tables in Markdown


def test_a_tabel_paragraph_before_a_table_becomes_its_caption_and_headers_get_scope() -> None:
    md = make_markdown()
    html = md.render("Tabel: Rollen\n\n| Rol | Gemeente |\n| --- | --- |\n| Klant | *Dienst* |\n")
    assert html.startswith("<table>\n<caption>Rollen</caption>\n<thead>")
    assert html.count('<th scope="col">') == 2
    assert "<td><em>Dienst</em></td>" in html


def test_a_table_without_caption_is_a_content_error() -> None:
    md = make_markdown()
    file = PurePosixPath("content/hoofdstukken/2022/x.md")
    text = "Tekst.\n\n| Rol | Gemeente |\n| --- | --- |\n| Klant | Dienst |\n"
    _, errors = parse_body(md, text, 5, file)
    assert [(e.code, e.line) for e in errors] == [("body.table-caption", 7)]
    captioned = "Tabel: Rollen\n\n" + text.split("\n\n", 1)[1]
    assert parse_body(md, captioned, 5, file)[1] == []

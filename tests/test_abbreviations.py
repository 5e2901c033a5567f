"""The glossary content/afkortingen.yml (builder/content/glossary.py), its first-use expansion
(builder/site/abbreviations.py), and the captions of Markdown tables (builder/content/markdown.py,
body.table-caption)."""

from pathlib import Path, PurePosixPath

import pytest

from builder.content.body import check_body, parse_body
from builder.content.glossary import GLOSSARY_FILE, Glossary, load_glossary
from builder.content.markdown import make_markdown
from builder.pipeline import check
from builder.site.abbreviations import expand

GLOSSARY = Glossary({"Wmo": "Wet maatschappelijke ondersteuning", "AVG": "Algemene verordening"})
WMO = '<abbr title="Wet maatschappelijke ondersteuning">Wmo</abbr>'


def test_only_the_first_use_of_each_term_on_a_page_is_expanded() -> None:
    html = "<h2>De Wmo</h2><p>Wmo 2015 en de AVG; de AVG-regels, MDO</p>"
    assert expand(html, GLOSSARY) == (
        f"<h2>De {WMO}</h2><p>Wmo 2015 en de "
        '<abbr title="Algemene verordening">AVG</abbr>; de AVG-regels, MDO</p>'
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>Wmoo, xWmo, WMO, wmo</p>",  # no whole word with exactly these letters
        '<a href="/Wmo" title="Wmo">x</a>',  # attribute values
        "<code>Wmo</code>",
        "<pre><code>Wmo</code></pre>",
        '<svg role="img"><title>Wmo</title><text>Wmo</text></svg>',
        "<script>var Wmo = 1;</script>",
        "<!-- Wmo -->",
    ],
)
def test_text_outside_running_text_is_left_alone(html: str) -> None:
    assert expand(html, GLOSSARY) == html


def test_a_term_after_skipped_markup_is_still_expanded() -> None:
    html = "<svg><title>Wmo</title></svg><p>de Wmo</p>"
    assert expand(html, GLOSSARY) == f"<svg><title>Wmo</title></svg><p>de {WMO}</p>"


def test_expanding_a_page_made_of_expanded_pages_keeps_only_the_first() -> None:
    """The whole report on one page (afdrukken/) is made of pages expanded before."""
    parts = expand("<p>Wmo</p>", GLOSSARY) + expand("<p>Wmo</p>", GLOSSARY)
    assert parts == f"<p>{WMO}</p><p>{WMO}</p>"
    assert expand(parts, GLOSSARY) == f"<p>{WMO}</p><p>Wmo</p>"
    assert expand(expand(parts, GLOSSARY), GLOSSARY) == expand(parts, GLOSSARY)


def test_an_expansion_is_escaped() -> None:
    glossary = Glossary({"RES": 'Regionale "Energie" & strategie'})
    assert expand("RES", glossary) == (
        '<abbr title="Regionale &#34;Energie&#34; &amp; strategie">RES</abbr>'
    )


def test_without_a_glossary_nothing_changes(tmp_path: Path) -> None:
    assert load_glossary(tmp_path) == (Glossary(), [])
    assert expand("<p>Wmo</p>", Glossary()) == "<p>Wmo</p>"


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
    errors = check_body(parse_body(md, text, 5), file, text)
    assert [(e.code, e.line) for e in errors] == [("body.table-caption", 7)]
    captioned = "Tabel: Rollen\n\n" + text.split("\n\n", 1)[1]
    assert check_body(parse_body(md, captioned, 5), file, captioned) == []

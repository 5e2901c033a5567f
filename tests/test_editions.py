"""Yearly editions: versions, redirects, the switcher by id, frozen rebuilds, open data."""

import codecs
import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import frictionless
import jsonschema
import pytest

from builder.pipeline import build, check, freeze_edition
from builder.publish.publish import FINGERPRINT_FILE
from builder.site.render import render
from tests.conftest import FIXTURES, ROOT, add_site_config

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

EDITIONS = FIXTURES / "valid" / "editions"


def tree(site: Path) -> dict[str, tuple[str, int]]:
    """path -> (sha256, mtime_ns) for every file under site."""
    return {
        str(p.relative_to(site)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(EDITIONS, target)
    return target


@pytest.fixture
def built(project: Path) -> Path:
    """A fresh build of a writable copy, for tests that edit and rebuild."""
    outcome = build(project, project / "site")
    assert outcome.published is not None, outcome.failure or outcome.errors
    return project / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One shared build for the tests that only read the site."""
    project = tmp_path_factory.mktemp("editions") / "project"
    shutil.copytree(EDITIONS, project)
    outcome = build(project, project / "site")
    assert outcome.published is not None, outcome.failure or outcome.errors
    return project / "site"


def test_builds_the_2023_fixture_edition_next_to_2022(site: Path) -> None:
    assert (site / "2022" / "index.html").is_file()
    assert (site / "2023" / "index.html").is_file()


def test_writes_versions_json_in_mikes_format_newest_first(site: Path) -> None:
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert versions == [
        {"version": "2023", "title": "2023", "aliases": ["latest"]},
        {"version": "2022", "title": "2022", "aliases": []},
    ]


def test_site_root_and_latest_lead_to_the_newest_published_edition(site: Path) -> None:
    assert 'url=2023/"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'url=../2023/"' in (site / "latest" / "index.html").read_text(encoding="utf-8")


def test_latest_has_every_page_of_the_newest_edition(site: Path) -> None:
    pages = {p.parent.relative_to(site / "2023") for p in (site / "2023").rglob("index.html")}
    latest = {p.parent.relative_to(site / "latest") for p in (site / "latest").rglob("index.html")}
    assert latest == pages - {Path("pagefind")} and Path("casussen/anna-opnieuw") in latest
    page = (site / "latest" / "casussen" / "anna-opnieuw" / "index.html").read_text("utf-8")
    assert 'url=../../../2023/casussen/anna-opnieuw/"' in page


def editions_file(site: Path) -> dict:  # type: ignore[type-arg]
    data = json.loads((site / "edities.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_concept_editions_are_built_only_with_concept_and_never_listed(project: Path) -> None:
    edition = project / "content" / "edities" / "2023.yml"
    edition.write_text(
        edition.read_text(encoding="utf-8").replace("gepubliceerd", "concept"), encoding="utf-8"
    )
    assert build(project, project / "site").published is not None
    assert not (project / "site" / "2023").exists()
    assert build(project, project / "site-concept", concept=True).published is not None
    assert (project / "site-concept" / "2023" / "index.html").is_file()
    versions = json.loads((project / "site-concept" / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == ["2022"]
    banner = (project / "site-concept" / "2023" / "index.html").read_text(encoding="utf-8")
    assert "concept" in banner


def test_switcher_maps_a_renamed_casus_by_id_in_both_directions(site: Path) -> None:
    # Backwards in the page itself; forwards in edities.json (read by edities.js), so the
    # older edition's pages never change when a newer one appears.
    old = (site / "2022" / "casussen" / "anna" / "index.html").read_text(encoding="utf-8")
    new = (site / "2023" / "casussen" / "anna-opnieuw" / "index.html").read_text("utf-8")
    assert "2023" not in old.split('class="stand-edities"', 1)[1].split("</div>", 1)[0]
    assert 'data-pagina="casussen/anna/" data-site="../../../"' in old
    assert editions_file(site)["paginas"]["2022"]["casussen/anna/"] == {
        "2023": "casussen/anna-opnieuw/"
    }
    assert 'href="../../../2022/casussen/anna/"' in new


def test_switcher_never_points_at_a_missing_page(site: Path) -> None:
    # bert has no successor in 2023: the switcher falls back to the 2023 home page.
    assert editions_file(site)["paginas"]["2022"]["casussen/bert/"] == {"2023": ""}


def test_the_newest_edition_and_later_follow_up_are_in_the_editions_file(site: Path) -> None:
    data = editions_file(site)
    assert data["nieuwste"] == 2023
    assert data["paginas"]["2022"]["knelpunten/anna-informatie/"] == {
        "2023": "knelpunten/anna-opnieuw-informatie/"
    }
    assert data["opvolging"]["2022"]["breed-kijken-1"] == [
        {
            "jaar": 2023,
            "status": "opgelost",
            "toelichting": "Professionals krijgen die ruimte inmiddels.",
            "pagina": "",
        }
    ]
    assert data["opvolging"]["2022"]["informatie-delen-1"][0]["pagina"] == (
        "2023/aanbevelingen/informatie-uitwisselen-1/"
    )


def test_follow_up_page_shows_the_status_of_each_earlier_recommendation(site: Path) -> None:
    page = (site / "2023" / "opvolging" / "index.html").read_text(encoding="utf-8")
    rows = {
        "breed-kijken-1": "opgelost",
        "informatie-delen-1": "aanhoudend",
        "informatie-delen-2": "vervallen",
    }
    for recommendation, status in rows.items():
        row = page.split(f"2022: {recommendation}</a>", 1)[1].split("</tr>", 1)[0]
        assert f"<td>{status}" in row
    assert "../../2022/aanbevelingen/informatie-delen-1/" in page
    assert '"../aanbevelingen/informatie-uitwisselen-1/"' in page


def test_rebuilding_unchanged_content_writes_nothing_into_edition_folders(
    built: Path, project: Path
) -> None:
    def editions(site: Path) -> dict[str, tuple[str, int]]:
        return {k: v for k, v in tree(site).items() if k.startswith(("2022/", "2023/"))}

    before = editions(built)
    outcome = build(project, built)
    assert outcome.published is not None and outcome.published.reused == [2022, 2023]
    assert editions(built) == before


def test_editing_only_2023_leaves_the_2022_folder_untouched(built: Path, project: Path) -> None:
    before = {k: v for k, v in tree(built).items() if k.startswith("2022/")}
    casus = project / "content" / "casussen" / "2023" / "1-anna-opnieuw.md"
    casus.write_text(
        casus.read_text("utf-8").replace("opnieuw de persona", "weer de persona"), encoding="utf-8"
    )
    outcome = build(project, built)
    assert outcome.published is not None and outcome.published.reused == [2022]
    assert {k: v for k, v in tree(built).items() if k.startswith("2022/")} == before


@pytest.mark.parametrize(
    ("changed", "comment"),
    [("themes/material/assets/stand.css", "/* gewijzigd */"), ("mkdocs.yml", "# gewijzigd")],
)
def test_a_changed_theme_or_mkdocs_yml_builds_every_edition_again(
    project: Path, changed: str, comment: str
) -> None:
    add_site_config(project)
    assert build(project, project / "site").published is not None
    path = project / changed
    path.write_text(f"{path.read_text('utf-8')}\n{comment}\n", encoding="utf-8")
    outcome = build(project, project / "site")
    assert outcome.published is not None and outcome.published.reused == []
    outcome = build(project, project / "site")
    assert outcome.published is not None and outcome.published.reused == [2022, 2023]


def test_the_same_input_built_twice_is_byte_identical(project: Path) -> None:
    first, second = project / "a", project / "b"
    assert build(project, first).published and build(project, second).published

    # Pagefind writes its filter index from a randomly seeded hash map, so those few files
    # (and the index names that hash them) differ between clean builds; everything else
    # must match byte for byte. Unchanged editions are never rebuilt (test above).
    # The stamp's manifest lists those files too.
    def comparable(site: Path) -> dict[str, str]:
        files = {
            path: digest
            for path, (digest, _) in tree(site).items()
            if "/pagefind/" not in f"/{path}" and not path.endswith(FINGERPRINT_FILE)
        }
        for stamp in site.glob(f"*/{FINGERPRINT_FILE}"):
            lines = stamp.read_text(encoding="utf-8").splitlines()
            kept = "\n".join(line for line in lines if " pagefind/" not in line)
            files[stamp.relative_to(site).as_posix()] = kept
        return files

    assert comparable(first) == comparable(second)


def test_changing_a_frozen_edition_needs_a_correction(project: Path) -> None:
    assert freeze_edition(project, 2022) is None
    assert check(project).ok
    casus = project / "content" / "casussen" / "2022" / "1-anna.md"
    casus.write_text(casus.read_text("utf-8").replace("de persona", "een persona"), "utf-8")
    assert [e.code for e in check(project).errors] == ["editie.gewijzigd"]
    assert freeze_edition(project, 2022) is not None  # refused: no new correction logged
    edition = project / "content" / "edities" / "2022.yml"
    edition.write_text(
        edition.read_text("utf-8").replace(
            "correcties: []",
            'correcties:\n  - {datum: 2022-07-01, wijziging: "Tikfout in casus 1 hersteld."}',
        ),
        encoding="utf-8",
    )
    assert freeze_edition(project, 2022) is None
    assert check(project).ok


def test_a_changed_frozen_edition_names_the_files_that_changed(project: Path) -> None:
    assert freeze_edition(project, 2022) is None
    content = project / "content"
    casus = content / "casussen" / "2022" / "1-anna.md"
    casus.write_text(casus.read_text("utf-8").replace("de persona", "een persona"), "utf-8")
    chapter = content / "hoofdstukken" / "2022" / "01-inleiding.md"
    added = chapter.with_name("02-slot.md")
    added.write_text("---\nid: slot\ntitel: Slot\nvolgorde: 2\n---\n\nTot slot.\n", "utf-8")
    (error,) = check(project).errors
    assert error.code == "editie.gewijzigd"
    assert error.file.as_posix() == "content/edities/2022.yml" and error.line == 8
    assert "gewijzigd: content/casussen/2022/1-anna.md" in error.message
    assert "nieuw: content/hoofdstukken/2022/02-slot.md" in error.message
    assert "2-bert" not in error.message

    edition = project / "content" / "edities" / "2022.yml"
    edition.write_text(
        edition.read_text("utf-8").replace(
            "correcties: []", 'correcties:\n  - {datum: 2022-07-01, wijziging: "Slot toegevoegd."}'
        ),
        encoding="utf-8",
    )
    assert freeze_edition(project, 2022) is None
    added.unlink()
    (error,) = check(project).errors
    assert error.message.endswith(": verwijderd: content/hoofdstukken/2022/02-slot.md.")


def test_a_missing_or_stale_file_list_says_the_changed_files_are_unknown(project: Path) -> None:
    assert freeze_edition(project, 2022) is None
    listing = project / "content" / "edities" / "2022.vastgelegd"
    casus = project / "content" / "casussen" / "2022" / "1-anna.md"
    casus.write_text(casus.read_text("utf-8").replace("de persona", "een persona"), "utf-8")
    for damage in ("stale", "missing"):
        if damage == "stale":  # another fingerprint's list must not name the wrong files
            listing.write_text(listing.read_text("utf-8").replace("0", "1"), "utf-8")
        else:
            listing.unlink()
        (error,) = check(project).errors
        assert error.code == "editie.gewijzigd"
        assert "welke bestanden, is niet bekend (content/edities/2022.vastgelegd" in error.message


def test_the_file_list_is_read_like_content_from_a_windows_checkout(project: Path) -> None:
    assert freeze_edition(project, 2022) is None
    listing = project / "content" / "edities" / "2022.vastgelegd"
    text = listing.read_text("utf-8").replace("\n", "\r\n")
    listing.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    casus = project / "content" / "casussen" / "2022" / "1-anna.md"
    casus.write_text(casus.read_text("utf-8").replace("de persona", "een persona"), "utf-8")
    (error,) = check(project).errors
    assert "gewijzigd: content/casussen/2022/1-anna.md" in error.message


def test_open_data_json_validates_against_its_schema(site: Path) -> None:
    data = json.loads((site / "2022" / "data" / "editie-2022.json").read_text("utf-8"))
    schema = json.loads((site / "2022" / "data" / "editie-2022.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    page = (site / "2022" / "casussen" / "anna" / "index.html").read_text(encoding="utf-8")
    for bottleneck in data["casussen"][0]["knelpunten"]:
        assert f'id="{bottleneck["id"]}"' in page


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("casussen", "id;nummer;titel;personas;gemeente;rollen;url"),
        ("knelpunten", "id;casus;element;kernzin;wat_is_nodig;wat_is_nodig_herkomst;url"),
        (
            "wat-is-nodig",
            "id;rode_draad;element;niveaus;niveaus_herkomst;tekst;knelpunten;url",
        ),
    ],
)
def test_csv_files_open_in_dutch_excel_and_round_trip(site: Path, name: str, header: str) -> None:
    """Excel with Dutch settings reads a CSV as UTF-8 only with a byte order mark, and splits
    columns at ';'. Every row then has as many cells as the header."""
    raw = (site / "2022" / "data" / f"{name}-2022.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == header
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) > 1 and {len(row) for row in rows} == {len(header.split(";"))}
    again = io.StringIO()
    csv.writer(again, delimiter=";", lineterminator="\r\n").writerows(rows)
    assert again.getvalue() == text


def test_a_non_ascii_letter_survives_the_dutch_csv(project: Path) -> None:
    casus = project / "content" / "casussen" / "2022" / "1-anna.md"
    casus.write_text(casus.read_text("utf-8").replace("titel: Casus", "titel: Geïnde"), "utf-8")
    result = check(project)
    assert result.library is not None
    files = next(render(result.library, ROOT / "themes", [2022])).files
    raw = files["data/casussen-2022.csv"].encode("utf-8")
    first = next(csv.reader(io.StringIO(raw.decode("utf-8-sig").splitlines()[1]), delimiter=";"))
    assert first[2] == "Geïnde over Anna"


def test_the_datapackage_is_valid_frictionless_and_describes_every_data_file(site: Path) -> None:
    data = site / "2022" / "data"
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    described = {resource["path"] for resource in package["resources"]}
    on_disk = {p.name for p in data.iterdir() if p.suffix in (".csv", ".json")}
    assert described == on_disk - {"datapackage.json", "editie-2022.schema.json"}
    assert report.stats["tasks"] == len(described)  # each file read and checked


def test_the_dcat_record_has_what_data_overheid_nl_requires(site: Path) -> None:
    """DCAT-AP-DONL's mandatory dataset properties, and a distribution for every data file
    whose relative address exists next to the record."""
    data = site / "2022" / "data"
    record = json.loads((data / "dcat.jsonld").read_text("utf-8"))
    assert record["@type"] == "dcat:Dataset"
    for key in (
        "dct:identifier",
        "dct:title",
        "dct:description",
        "dct:language",
        "dct:modified",
        "overheid:authority",
    ):
        assert record[key], key
    assert record["dct:language"] == {"@id": EU_LANGUAGE_NL}
    urls = [d["dcat:downloadURL"]["@id"] for d in record["dcat:distribution"]]
    assert urls and all((data / url).is_file() for url in urls)
    for distribution in record["dcat:distribution"]:
        size = (data / distribution["dcat:downloadURL"]["@id"]).stat().st_size
        assert int(distribution["dcat:byteSize"]["@value"]) == size


EU_LANGUAGE_NL = "http://publications.europa.eu/resource/authority/language/NLD"


def test_edition_home_states_type_and_size_of_downloads_and_how_to_cite(site: Path) -> None:
    home = (site / "2022" / "index.html").read_text(encoding="utf-8")
    assert 'href="data/editie-2022.json"' in home
    assert "(JSON, " in home and " kB)" in home
    assert 'name="citation_title" content="Stand van de Uitvoering 2022 (testeditie)"' in home
    # citation_pdf_url names the PDF when there is one, and is gone when there is not
    pdf = site / "2022" / "stand-van-de-uitvoering-2022.pdf"
    meta = '<meta name="citation_pdf_url" content="stand-van-de-uitvoering-2022.pdf">'
    assert (meta in home) == pdf.is_file()
    assert '"@type": "Report"' in home
    assert "Hoe te citeren" in home

"""The edition home: the speelveld, the casussen, ways in, downloads and how to cite."""

from dataclasses import dataclass
from functools import partial

from builder.content.library import EditionLibrary
from builder.site.catalogue import DATA_DIR, DCAT_FILE, PACKAGE_FILE, datapackage, dcat_record
from builder.site.context import CaseCard, CorrectionView, Download, Link
from builder.site.edition_meta import citation_head, citation_text, file_size_label
from builder.site.figures import SpeelveldDrawing, speelveld_drawing
from builder.site.home import HomeText, home_text
from builder.site.opendata import csv_files, edition_data, json_schema, to_json
from builder.site.pages.spec import PageSpec
from builder.site.plan import EditionPlan
from builder.site.print_page import PRINT_URL, pdf_url
from builder.site.urls import (
    FOLLOW_UP_URL,
    MATRIX_URL,
    THREADS_URL,
    chapter_url,
    element_url,
    level_url,
    relative,
)
from builder.site.views import case_card, element_link
from schema.speelveld import CENTRE, ELEMENTS, LEVELS


@dataclass(frozen=True)
class HomeView:
    speelveld: SpeelveldDrawing
    centre: str
    elements: list[Link]
    cases: list[CaseCard]
    threads_url: str
    matrix_url: str
    levels: list[Link]
    chapters: list[Link]
    text: HomeText  # counts, tense and headings from the edition's data
    downloads: list[Download]
    print_url: str
    citation: str
    corrections: list[CorrectionView]
    follow_up_url: str | None


def open_data_files(lib: EditionLibrary) -> dict[str, str]:
    """The edition's open data: docs path -> text (JSON, its JSON Schema, CSV tables)."""
    data = edition_data(lib)
    year = lib.year
    files = {
        f"data/editie-{year}.json": to_json(data),
        f"data/editie-{year}.schema.json": json_schema(),
    }
    files |= {f"data/{name}-{year}.csv": text for name, text in csv_files(data).items()}
    described = dict(files)  # the data itself: the package and the record describe these
    files[DATA_DIR + PACKAGE_FILE] = datapackage(lib, described)
    files[DATA_DIR + DCAT_FILE] = dcat_record(lib, described)
    return files


def downloads(files: dict[str, str]) -> list[Download]:
    labels = {
        "json": "Alle gegevens",
        "schema.json": "JSON Schema van de gegevens",
        PACKAGE_FILE: "Beschrijving als Frictionless Data Package",
        DCAT_FILE: "Beschrijving voor data.overheid.nl (DCAT-AP-DONL)",
    }
    result = []
    for path, text in files.items():
        name = path.rsplit("/", 1)[1]
        kind = "schema.json" if path.endswith(".schema.json") else path.rsplit(".", 1)[1]
        table = f"Tabel {name.rsplit('-', 1)[0]}"
        label = labels.get(name) or labels.get(kind) or table
        size = file_size_label(len(text.encode("utf-8")))
        kind = kind.split(".")[-1]
        result.append(Download(path, label, "JSON-LD" if kind == "jsonld" else kind.upper(), size))
    return result


def home_page(plan: EditionPlan, files: dict[str, str]) -> PageSpec:
    lib, rel = plan.lib, partial(relative, "")
    edition = lib.edition
    view = HomeView(
        speelveld=speelveld_drawing(lambda e: rel(element_url(e))),
        centre=CENTRE,
        elements=[element_link(i.element, rel) for i in ELEMENTS],
        cases=[case_card(d.model, rel) for d in lib.cases],
        threads_url=rel(THREADS_URL),
        matrix_url=rel(MATRIX_URL),
        levels=[Link(rel(level_url(i.level)), i.name) for i in LEVELS],
        chapters=[Link(rel(chapter_url(d.model.id)), d.model.title) for d in lib.chapters],
        text=home_text(lib),
        downloads=downloads(files),
        print_url=rel(PRINT_URL),
        citation=citation_text(lib),
        corrections=[CorrectionView(c.date, c.change) for c in edition.corrections],
        follow_up_url=rel(FOLLOW_UP_URL) if plan.earlier_years else None,
    )
    head = citation_head(lib)
    return PageSpec(
        "home.html", "", edition.title, view, head=head, short="Start", pdf=pdf_url(lib.year)
    )

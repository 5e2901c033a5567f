"""Open data per edition: one JSON file (with its JSON Schema) and CSV files per entity type.

Ids are the same as the HTML anchors, and URLs are edition-relative page addresses. Links and
niveaus carry their provenance (herkomst: rapport | redactie), as on the site. The CSV files are
written for Dutch spreadsheets: UTF-8 with a byte order mark and ';' between the columns (what
Excel with Dutch settings expects), lists within a cell joined by ' | '.
"""

import csv
import io
import json

from pydantic import BaseModel, ConfigDict

from builder.content.library import EditionLibrary
from builder.site.urls import SOURCES_URL, case_url, thread_url

CSV_COLUMNS = {
    "casussen": ["id", "nummer", "titel", "personas", "gemeente", "rollen", "url"],
    "knelpunten": [
        "id", "casus", "element", "kernzin", "wat_is_nodig", "wat_is_nodig_herkomst", "url"
    ],
    "wat-is-nodig": [
        "id", "rode_draad", "element", "niveaus", "niveaus_herkomst", "tekst", "knelpunten", "url"
    ],
}  # fmt: skip
CSV_DELIMITER = ";"
CSV_LIST = " | "
BOM = "\ufeff"


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BottleneckData(_Export):
    id: str
    element: str
    kernzin: str
    wat_is_nodig: list[str]
    wat_is_nodig_herkomst: list[str]  # per link: rapport | redactie
    zonder_antwoord: str | None
    url: str


class CaseData(_Export):
    id: str
    nummer: int
    titel: str
    personas: list[str]
    gemeente: str
    rollen: list[str]
    ketenpartners: list[str]
    wetten: list[str]
    url: str
    knelpunten: list[BottleneckData]


class RecommendationData(_Export):
    id: str
    niveaus: list[str]
    niveaus_herkomst: list[str]  # per niveau: rapport | redactie
    tekst: str
    knelpunten: list[str]
    url: str


class ThreadData(_Export):
    id: str
    element: str
    volgorde: int
    titel: str
    casussen: list[str]
    url: str
    wat_is_nodig: list[RecommendationData]


class SourceData(_Export):
    id: str
    soort: str
    vermelding: str
    url: str


class EditionData(_Export):
    jaar: int
    titel: str
    uitgever: str
    publicatiedatum: str | None
    licentie: str
    casussen: list[CaseData]
    rode_draden: list[ThreadData]
    bronnen: list[SourceData]


def edition_data(lib: EditionLibrary) -> EditionData:
    return EditionData(
        jaar=lib.year,
        titel=lib.edition.title,
        uitgever=lib.edition.publisher,
        publicatiedatum=lib.edition.published,
        licentie=lib.edition.licence or "niet vermeld",
        casussen=[_case(lib, d.model.id) for d in lib.cases],
        rode_draden=[_thread(lib, d.model.id) for d in lib.threads],
        bronnen=[
            SourceData(id=s.id, soort=s.kind, vermelding=s.citation, url=f"{SOURCES_URL}#{s.id}")
            for s in lib.sources
        ],
    )


def _case(lib: EditionLibrary, case_id: str) -> CaseData:
    case = lib.case(case_id)
    return CaseData(
        id=case.id,
        nummer=case.number,
        titel=case.title,
        personas=[p.name for p in case.personas],
        gemeente=case.municipality,
        rollen=[r.value for r in case.roles],
        ketenpartners=case.partners,
        wetten=case.laws,
        url=case_url(case.id),
        knelpunten=[
            BottleneckData(
                id=b.id,
                element=b.element.value,
                kernzin=b.key_sentence,
                wat_is_nodig=lib.answers.get(b.id, []),
                wat_is_nodig_herkomst=[b.provenance(r) for r in lib.answers.get(b.id, [])],
                zonder_antwoord=b.no_answer_reason,
                url=f"{case_url(case.id)}#{b.id}",
            )
            for b in case.bottlenecks
        ],
    )


def _thread(lib: EditionLibrary, thread_id: str) -> ThreadData:
    thread = lib.thread(thread_id)
    return ThreadData(
        id=thread.id,
        element=thread.element.value,
        volgorde=thread.order,
        titel=thread.title,
        casussen=thread.cases,
        url=thread_url(thread.id),
        wat_is_nodig=[
            RecommendationData(
                id=r.id,
                niveaus=[lvl.value for lvl in r.levels],
                niveaus_herkomst=[r.provenance(lvl) for lvl in r.levels],
                tekst=r.text,
                knelpunten=lib.answered.get(r.id, []),
                url=f"{thread_url(thread.id)}#{r.id}",
            )
            for r in thread.recommendations
        ],
    )


# < > & only occur inside JSON strings, where \u003c means the same: the file stays inert
# when a browser sniffs it as HTML or a page embeds it in a <script>.
HTML_SAFE_JSON = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def html_safe_json(value: object) -> str:
    """Indented JSON with < > & escaped (HTML_SAFE_JSON), for every JSON file we publish."""
    return json.dumps(value, ensure_ascii=False, indent=2).translate(HTML_SAFE_JSON) + "\n"


def to_json(data: EditionData) -> str:
    return html_safe_json(data.model_dump())


def json_schema() -> str:
    schema = EditionData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def csv_files(data: EditionData) -> dict[str, str]:
    join = CSV_LIST.join
    rows: dict[str, list[list[object]]] = {
        "casussen": [
            [c.id, c.nummer, c.titel, join(c.personas), c.gemeente, join(c.rollen), c.url]
            for c in data.casussen
        ],
        "knelpunten": [
            [
                k.id,
                c.id,
                k.element,
                k.kernzin,
                join(k.wat_is_nodig),
                join(k.wat_is_nodig_herkomst),
                k.url,
            ]
            for c in data.casussen
            for k in c.knelpunten
        ],
        "wat-is-nodig": [
            [
                r.id,
                t.id,
                t.element,
                join(r.niveaus),
                join(r.niveaus_herkomst),
                r.tekst,
                join(r.knelpunten),
                r.url,
            ]
            for t in data.rode_draden
            for r in t.wat_is_nodig
        ],
    }
    return {name: _csv(CSV_COLUMNS[name], table) for name, table in rows.items()}


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe: shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise_cell(cell) for cell in row] for row in rows)
    return BOM + out.getvalue()


def csv_table_schema(name: str) -> dict[str, object]:
    """The Frictionless Table Schema of a CSV file: every column a string but `nummer`."""
    return {
        "fields": [
            {"name": column, "type": "integer" if column == "nummer" else "string"}
            for column in CSV_COLUMNS[name]
        ],
        "primaryKey": ["id"],
    }

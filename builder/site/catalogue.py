"""The edition's open data described for tools: a Frictionless Data Package and a DCAT-AP-DONL
record (JSON-LD) that data.overheid.nl can harvest.

Addresses are relative to the data/ folder the files live in, so they hold with or without a
site_url: JSON-LD resolves relative IRIs against the address the record was fetched from.
"""

import datetime as dt
from typing import Any

from builder.content.library import EditionLibrary
from builder.site.opendata import CSV_DELIMITER, csv_table_schema, html_safe_json

DATA_DIR = "data/"
PACKAGE_FILE = "datapackage.json"
DCAT_FILE = "dcat.jsonld"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
# DCAT-AP-DONL's value for a licence that is not an open licence from its list ("© ...")
UNKNOWN_LICENCE = "http://standaarden.overheid.nl/owms/terms/licentieonbekend"
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}


def package_name(lib: EditionLibrary) -> str:
    return f"stand-van-de-uitvoering-{lib.year}"


def datapackage(lib: EditionLibrary, files: dict[str, str]) -> str:
    """A Frictionless (tabular) Data Package over the edition's CSV tables and JSON file."""
    resources: list[dict[str, Any]] = []
    for path in files:
        name, kind = path.removeprefix(DATA_DIR).rsplit(".", 1)
        if path.endswith(".schema.json"):
            continue
        resource: dict[str, Any] = {
            "name": name,
            "path": path.removeprefix(DATA_DIR),
            "format": kind,
            "mediatype": FORMATS[kind][1],
            "encoding": "utf-8",
        }
        if kind == "csv":
            table = name.rsplit("-", 1)[0]
            resource |= {
                "profile": "tabular-data-resource",
                "dialect": {"delimiter": CSV_DELIMITER},
                "schema": csv_table_schema(table),
            }
        resources.append(resource)
    edition = lib.edition
    package: dict[str, Any] = {
        "profile": "data-package",  # tabular CSV resources beside the JSON file
        "name": package_name(lib),
        "title": f"{edition.title}: casussen, knelpunten en wat nodig is",
        "description": description(lib),
        "version": f"{lib.year}.{len(edition.corrections)}",
        "created": f"{modified(lib).isoformat()}T00:00:00Z",
        "contributors": [{"title": edition.publisher, "role": "publisher"}]
        + [{"title": author, "role": "author"} for author in edition.authors],
        "keywords": KEYWORDS,
        "resources": resources,
    }
    if edition.licence:
        package["licenses"] = [{"name": "other-closed", "title": edition.licence}]
    return html_safe_json(package)


KEYWORDS = ["gemeenten", "uitvoering", "knelpunten", "speelveld van de professional"]


def description(lib: EditionLibrary) -> str:
    return (
        f"De casussen, knelpunten, rode draden en aanbevelingen (wat is nodig) van de "
        f"{lib.edition.title} van {lib.edition.publisher}, met per koppeling en per niveau of "
        "die uit het rapport komt of door de redactie is gelegd."
    )


def modified(lib: EditionLibrary) -> dt.date:
    """The last correction, else the publication date (its first day when only a month)."""
    dates = [c.date for c in lib.edition.corrections]
    if lib.edition.published:
        parts = [int(p) for p in lib.edition.published.split("-")]
        dates.append(dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1))
    return max(dates) if dates else dt.date(lib.year, 1, 1)


def dcat_record(lib: EditionLibrary, files: dict[str, str]) -> str:
    """A dcat:Dataset in DCAT-AP-DONL terms: its mandatory properties (identifier, title,
    description, language, modified, authority) and one distribution per file."""
    edition = lib.edition
    publisher = {"@type": "foaf:Agent", "foaf:name": edition.publisher}
    contact: dict[str, Any] = {"@type": "vcard:Organization", "vcard:fn": edition.publisher}
    if edition.contact_email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{edition.contact_email}"}
    if edition.contact_website:
        contact["vcard:hasURL"] = {"@id": edition.contact_website}
    licence = {"@id": UNKNOWN_LICENCE}
    distributions = []
    for path, text in files.items():
        kind = "json" if path.endswith(".json") else path.rsplit(".", 1)[1]
        relative = path.removeprefix(DATA_DIR)
        distributions.append(
            {
                "@type": "dcat:Distribution",
                "dct:title": relative,
                "dct:description": f"{edition.title}: {relative}",
                "dcat:accessURL": {"@id": relative},
                "dcat:downloadURL": {"@id": relative},
                "dcat:mediaType": {"@id": IANA + FORMATS[kind][1]},
                "dct:format": {"@id": f"{EU}file-type/{FORMATS[kind][0]}"},
                "dcat:byteSize": {
                    "@value": str(len(text.encode("utf-8"))),
                    "@type": "xsd:decimal",
                },
                "dct:license": licence,
            }
        )
    record = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "overheid": "http://standaarden.overheid.nl/owms/terms/",
        },
        "@id": "../",
        "@type": "dcat:Dataset",
        "dct:identifier": package_name(lib),
        "dct:title": {"@value": edition.title, "@language": "nl"},
        "dct:description": {"@value": description(lib), "@language": "nl"},
        "dct:language": {"@id": f"{EU}language/NLD"},
        "dct:modified": {"@value": modified(lib).isoformat(), "@type": "xsd:date"},
        "dct:publisher": publisher,
        "overheid:authority": publisher,
        "dcat:contactPoint": contact,
        "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
        "dct:license": licence,
        "dcat:landingPage": {"@id": "../"},
        "dcat:keyword": [{"@value": k, "@language": "nl"} for k in KEYWORDS],
        "dcat:distribution": distributions,
    }
    if edition.original_url:
        record["foaf:page"] = {"@id": edition.original_url}
    return html_safe_json(record)

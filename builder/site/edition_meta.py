"""Edition-level metadata for readers and machines: citation, timestamps, file sizes."""

import datetime as dt

from builder.content.library import EditionLibrary
from builder.site.print_page import PDF_NAME
from builder.site.rendered import PageHead
from builder.site.views import publication_label

PDF_META = "citation_pdf_url"


def file_size_label(size: int) -> str:
    """Dutch size label for download links: '12 kB', '1,2 MB'."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1000 / 1000:.1f} MB".replace(".", ",")


# gzip (mkdocs' sitemap.xml.gz) keeps a time in 32 bits: an edition dated after 2106-02-07 is
# stamped with the last time it can hold, not refused by a crash halfway through the build.
LAST_GZIP_TIME = 2**32 - 1


def source_date_epoch(lib: EditionLibrary) -> int:
    """Reproducible timestamps: the last correction, else the publication date."""
    dates = [c.date for c in lib.edition.corrections]
    if not dates and lib.edition.published:
        parts = [int(p) for p in lib.edition.published.split("-")]
        dates.append(dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1))
    day = max(dates) if dates else dt.date(lib.year, 1, 1)
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    return min(epoch, LAST_GZIP_TIME)


def citation_text(lib: EditionLibrary) -> str:
    edition = lib.edition
    authors = ", ".join(edition.authors)
    when = publication_label(edition.published) or str(lib.year)
    return f"{authors + ' – ' if authors else ''}{edition.title}. {edition.publisher}, {when}."


def citation_head(lib: EditionLibrary) -> PageHead:
    """citation_* meta (Google Scholar) and a schema.org Report for the edition home."""
    edition = lib.edition
    published = (edition.published or str(lib.year)).replace("-", "/")
    meta = [
        ("citation_title", edition.title),
        ("citation_publication_date", published),
        ("citation_technical_report_institution", edition.publisher),
        ("citation_language", "nl"),
    ]
    meta += [("citation_author", a) for a in edition.authors]
    # relative here; main.html makes it absolute with site_url, and writes it only once the
    # PDF exists (like the home page's link: builder/publish/mkdocs_runner.PdfLinkPage)
    meta.append((PDF_META, PDF_NAME.format(year=lib.year)))
    report = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": edition.title,
        "inLanguage": "nl",
        "datePublished": edition.published or str(lib.year),
        "publisher": {"@type": "Organization", "name": edition.publisher},
        "author": [{"@type": "Person", "name": a} for a in edition.authors],
        "isPartOf": {"@type": "CreativeWorkSeries", "name": "Stand van de Uitvoering"},
    }
    if edition.licence:
        report["license"] = edition.licence
    # The theme serialises the JSON-LD with Jinja's `tojson`, which escapes < > & ' so that
    # nothing in it can end the <script> element.
    return PageHead(meta, report)

"""The error catalogue: per code the Dutch message template and hint. All editor-facing text."""

from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import PurePosixPath

from builder.errors import ContentError, FieldPath, Severity


@dataclass(frozen=True)
class Entry:
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR


CATALOGUE: dict[str, Entry] = {
    # load
    "load.not-utf8": Entry(
        "Het bestand is geen geldige UTF-8-tekst (ongeldige byte {byte}).",
        "Sla het bestand op als UTF-8 (in de meeste editors: ‘Opslaan met codering’).",
    ),
    "load.too-large": Entry(
        "Het bestand is {size} groot; de grens is {limit}.",
        "Splits de tekst op of verwijder wat er per ongeluk in terecht is gekomen.",
    ),
    "load.empty": Entry("Het bestand is leeg.", "Begin met een YAML-kop tussen twee regels ‘---’."),
    "load.misplaced": Entry(
        "Dit bestand staat niet op een plek die stand kent.",
        "Zet het in {expected}.",
    ),
    "load.unreadable": Entry("Het bestand kan niet gelezen worden ({reason}).", None),
    # frontmatter and YAML
    "frontmatter.missing": Entry(
        "Het bestand begint niet met een YAML-kop.",
        "Zet op de eerste regel ‘---’, daaronder de velden, en sluit af met ‘---’.",
    ),
    "frontmatter.unclosed": Entry(
        "De YAML-kop die op regel 1 begint, wordt nergens afgesloten.",
        "Zet een regel met alleen ‘---’ tussen de velden en de tekst.",
    ),
    "frontmatter.not-mapping": Entry(
        "De YAML-kop moet uit velden bestaan (‘sleutel: waarde’), maar is {found}.",
        "Schrijf elk veld als ‘sleutel: waarde’ op een eigen regel.",
    ),
    "frontmatter.not-list": Entry(
        "Dit bestand moet een lijst zijn (elk item begint met ‘- ’), maar is {found}.",
        "Begin elk item met ‘- ’, bijvoorbeeld ‘- id: movisie-2019’, met de andere velden "
        "ingesprongen eronder.",
    ),
    "yaml.syntax": Entry("De YAML is ongeldig: {problem}.", "{hint}"),
    "yaml.tab": Entry(
        "Er staat een tab in de YAML; YAML accepteert alleen spaties voor inspringen.",
        "Vervang de tab door spaties (twee per niveau).",
    ),
    "yaml.alias": Entry(
        "Ankers en verwijzingen (‘&’ en ‘*’) zijn in de YAML-kop niet toegestaan.",
        "Schrijf de waarde voluit op elke plek waar ze nodig is.",
    ),
    "yaml.duplicate-key": Entry(
        "Het veld ‘{key}’ staat twee keer in dezelfde groep velden (eerst op regel {first}).",
        "Verwijder een van de twee; YAML zou stilzwijgend de laatste gebruiken.",
    ),
    # schema
    "schema.missing": Entry(
        "Het verplichte veld ‘{key}’ ontbreekt.",
        "Voeg ‘{key}:’ toe. Zie de schrijfwijzer voor een voorbeeld.",
    ),
    "schema.unknown-key": Entry(
        "Het veld ‘{key}’ bestaat hier niet.",
        "{suggestion}Toegestane velden: {allowed}.",
    ),
    "schema.type": Entry("‘{key}’ moet {expected} zijn, niet {found}.", "{hint}"),
    "schema.format": Entry("‘{key}’ moet {expected} zijn, niet {found}.", "{hint}"),
    "schema.unknown-value": Entry(
        "‘{value}’ is geen geldige waarde voor ‘{key}’.",
        "{suggestion}Kies uit: {allowed}.",
    ),
    "schema.slug": Entry(
        "‘{value}’ is geen geldige id: gebruik kleine letters, cijfers en streepjes.",
        "Bijvoorbeeld ‘{example}’. Een id komt in webadressen en mag geen ‘/’ of spaties bevatten.",
    ),
    "schema.length": Entry("‘{key}’ {problem}.", "{hint}"),
    "schema.range": Entry("‘{key}’ moet {bound} zijn, niet {value}.", None),
    "schema.invalid": Entry("‘{key}’ is ongeldig: {problem}.", None),
    "schema.edition-year": Entry(
        "‘jaar: {found}’ past niet bij de bestandsnaam: dit bestand beschrijft editie {year}.",
        "Zet ‘jaar: {year}’, of geef het bestand de naam {found}.yml.",
    ),
    # body
    "body.missing-section": Entry(
        "De casus mist de sectie ‘## {section}’{place}.",
        "Elke casus heeft een sectie per element van het speelveld: {sections}.",
    ),
    "body.unknown-section": Entry(
        "‘## {section}’ is geen sectie die een casus kent.",
        "{suggestion}Secties van een casus: {sections}.",
    ),
    "body.duplicate-section": Entry(
        "De sectie ‘## {section}’ staat twee keer in de casus.",
        "Voeg de twee delen samen.",
    ),
    "body.footnote-undefined": Entry(
        "Voetnoot [^{label}] wordt gebruikt, maar nergens uitgeschreven.",
        "Zet onderaan het bestand een regel ‘[^{label}]: tekst van de voetnoot’.",
    ),
    "body.footnote-unused": Entry(
        "Voetnoot [^{label}] is uitgeschreven, maar nergens in de tekst gebruikt.",
        "Zet ‘[^{label}]’ in de tekst op de plek waar de voetnoot hoort, of verwijder hem.",
    ),
    "body.footnote-duplicate": Entry(
        "Voetnoot [^{label}] is twee keer uitgeschreven (eerst op regel {first}).",
        "Geef elke voetnoot een eigen nummer, of voeg de twee teksten samen; anders toont de "
        "site alleen de laatste.",
    ),
    "body.raw-html": Entry(
        "De tekst bevat HTML (‘{html}’); alleen Markdown is toegestaan.",
        "Gebruik Markdown: **vet**, *cursief*, [linktekst](adres), ‘- ’ voor een opsomming.",
    ),
    "body.unsafe-link": Entry(
        "De link ‘{href}’ is niet toegestaan.",
        "Links mogen naar https://, mailto: of naar inhoud van het rapport (bijv. ‘bron:id’).",
    ),
    "body.heading-level": Entry(
        "Een kop ‘{heading}’ met één ‘#’ is niet toegestaan; de titel staat al in de YAML-kop.",
        "Gebruik ‘##’ voor een sectie en ‘###’ voor een onderdeel daarvan.",
    ),
    "body.table-caption": Entry(
        "Deze tabel heeft geen bijschrift.",
        "Zet direct boven de tabel een alinea ‘Tabel: …’ die zegt wat de tabel toont; die wordt "
        "het bijschrift (<caption>).",
    ),
    "body.unknown-chart": Entry(
        "Grafiek ‘{chart}’ staat niet in ‘grafieken’ van dit hoofdstuk.",
        "{suggestion}Grafieken in dit hoofdstuk: {known}.",
    ),
    # link
    "link.duplicate-id": Entry(
        "De id ‘{id}’ wordt in editie {year} al gebruikt ({other}).",
        "Een id moet uniek zijn binnen een editie; kies bijvoorbeeld ‘{id}-2’.",
    ),
    "link.duplicate-number": Entry(
        "Casus nummer {number} bestaat al in editie {year} ({other}).",
        "Geef elke casus een eigen nummer.",
    ),
    "link.unknown-id": Entry(
        "{kind} ‘{id}’ bestaat niet in editie {year}.",
        "{suggestion}",
    ),
    "link.unknown-scheme": Entry(
        "De link ‘{href}’ gebruikt ‘{scheme}:’, dat stand niet kent.",
        "{suggestion}Interne links beginnen met: {schemes}.",
    ),
    "link.other-edition": Entry(
        "De link ‘{href}’ verwijst naar editie {edition}, maar een link naar een andere editie "
        "kan alleen naar een eerdere editie dan {year}.",
        "Schrijf ‘soort:<jaar>/<id>’ met het jaar van een eerdere editie ({editions}), "
        "bijvoorbeeld ‘casus:{year_before}/<id>’.",
    ),
    "link.unanswered": Entry(
        "Knelpunt ‘{id}’ wordt door geen enkele aanbeveling (‘wat is nodig’) beantwoord.",
        "Vul ‘wat_is_nodig:’ met de id van een aanbeveling, of leg in ‘zonder_antwoord:’ uit "
        "waarom er geen is.",
    ),
    "link.unknown-predecessor": Entry(
        "‘{reference}’ verwijst niet naar een {kind} in een eerdere editie.",
        "Schrijf ‘<jaar>/<id>’ van hetzelfde soort item in een eerdere editie, bijv. ‘2022/peter’.",
    ),
    # follow-up of an earlier edition's recommendations (builder/content/link_editions.py)
    "opvolging.unknown-status": Entry(
        "‘{status}’ is geen status voor de opvolging.",
        "Kies uit {allowed}, of zet een eigen status in ‘statussen:’ van dit editiebestand.",
    ),
    "opvolging.conflict": Entry(
        "Aanbeveling ‘{reference}’ krijgt hier de status ‘{status}’, maar ook {other}.",
        "Eén aanbeveling heeft één status: houd één van de twee plaatsen over, of kies een "
        "status die bij beide past.",
    ),
    "opvolging.missing": Entry(
        "Aanbeveling ‘{reference}’ uit de vorige editie heeft nog geen opvolging.",
        "Geef een aanbeveling in deze editie ‘vorige: {reference}’ (ze houdt aan), of zet onder "
        "‘opvolging:’ een regel met ‘aanbeveling: {reference}’, een ‘status:’ (opgelost, "
        "vervallen, …) en een ‘toelichting:’. Bij een concept is dit een waarschuwing; "
        "publiceren kan pas als elke aanbeveling een status heeft.",
        Severity.WARNING,
    ),
    "editie.gewijzigd": Entry(
        "Editie {year} is gepubliceerd en vastgelegd, maar de inhoud is daarna gewijzigd.",
        "Een gepubliceerde editie verandert alleen met een correctie: voeg een regel toe aan "
        "‘correcties:’ (datum en wat er veranderde) en draai ‘stand vastleggen {year}’.",
    ),
    "link.unknown-edition": Entry(
        "Er is geen editie {year}: het bestand content/edities/{year}.yml ontbreekt.",
        "Maak content/edities/{year}.yml aan met jaar, titel, status en uitgever.",
    ),
    "link.missing-element": Entry(
        "Casus ‘{case}’ heeft geen knelpunt voor het element {element}.",
        "Voeg een knelpunt met ‘element: {element}’ toe, of laat deze waarschuwing bewust staan.",
        Severity.WARNING,
    ),
    # the glossary content/afkortingen.yml (builder/content/glossary.py)
    "afkortingen.invalid": Entry(
        "De lijst met afkortingen is ongeldig: {problem}.",
        "Schrijf één afkorting per regel als ‘Afkorting: betekenis’, bijvoorbeeld "
        "‘Wmo: Wet maatschappelijke ondersteuning’.",
    ),
    # placeholders left by `stand new` (builder/content/placeholders.py)
    "inhoud.nog-in-te-vullen": Entry(
        "Hier staat nog ‘{marker}’.",
        "Vervang ‘{marker}’ door de echte tekst. ‘stand status’ toont alle open plekken.",
        Severity.WARNING,
    ),
}


def make_error(
    code: str,
    file: PurePosixPath,
    line: int | None = None,
    column: int | None = None,
    field: FieldPath = (),
    severity: Severity | None = None,
    **args: object,
) -> ContentError:
    """Fill in the catalogue entry for `code`; arguments are prepared by the caller."""
    entry = CATALOGUE[code]
    hint = entry.hint.format(**args) if entry.hint else None
    return ContentError(
        code=code,
        message=entry.message.format(**args),
        file=file,
        line=line,
        column=column,
        field=field,
        hint=hint or None,
        severity=severity or entry.severity,
    )


def suggest(value: str, options: list[str]) -> str:
    """'Bedoelde u ‘x’? ' for a close match among options, else ''."""
    # 0.5 rather than difflib's 0.6, so that a shortened key such as 'nivo' finds 'niveaus'
    matches = get_close_matches(value, options, n=1, cutoff=0.5)
    return f"Bedoelde u ‘{matches[0]}’? " if matches else ""


def quoted_list(options: list[str]) -> str:
    return ", ".join(f"‘{o}’" for o in options)

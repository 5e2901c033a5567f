"""The error catalogue: per code the Dutch message template and hint. All editor-facing text."""

import errno
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import PurePosixPath

from builder.errors import ContentError, FieldPath, Severity


@dataclass(frozen=True)
class Entry:
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR


# What the operating system said, in Dutch: never Python's English strerror in a message.
OS_ERRORS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "niet toegestaan",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOENT: "bestaat niet",
    errno.EEXIST: "bestaat al",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map",
    errno.EADDRINUSE: "de poort is al in gebruik",
    errno.EADDRNOTAVAIL: "het adres is op deze computer niet beschikbaar",
}


def os_error_reason(problem: OSError) -> str:
    """A Dutch reason for an OSError, with the path when there is one."""
    code = problem.errno
    reason = OS_ERRORS.get(code or 0) or f"systeemfout {errno.errorcode.get(code or 0, code)}"
    return f"{reason}: {problem.filename}" if problem.filename else reason


# Why a content file cannot be read ({reason} of load.unreadable).
READ_REASONS = {
    errno.EACCES: "geen leesrechten",
    errno.EPERM: "geen leesrechten",
    errno.ENOENT: "het bestand bestaat niet (meer)",
    errno.ELOOP: "het is een koppeling (symlink) die naar zichzelf wijst",
    errno.EISDIR: "het is een map",
    errno.EINVAL: "het is geen gewoon bestand",
    errno.EIO: "de schijf gaf een leesfout",
}
NOT_A_FILE = "het is geen gewoon bestand"
BROKEN_LINK = "het is een koppeling (symlink) naar een bestand dat niet bestaat, of naar zichzelf"


def read_reason(problem: OSError) -> str:
    return READ_REASONS.get(problem.errno or 0, f"systeemfout {problem.errno or 'onbekend'}")


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
    "load.outside-project": Entry(
        "Dit bestand is een koppeling (symlink) naar een bestand buiten de map content/ van het "
        "project; stand leest het niet.",
        "Zet het bestand zelf in content/ in plaats van een koppeling.",
    ),
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
    "body.section-order": Entry(
        "‘## {section}’ staat na ‘## {previous}’, maar hoort ervoor.",
        "De secties van een casus staan in deze volgorde: {sections}.",
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
    "body.image": Entry(
        "Een afbeelding in de tekst (‘{src}’) kan de site niet tonen.",
        "Een figuur, grafiek of tabel uit het rapport krijgt een ```figuur-blok (zie "
        "docs/content-format.md); een afbeelding van een andere website zou die site bij elke "
        "lezer laten meekijken.",
    ),
    "body.too-deep": Entry(
        "Lijsten of citaten zijn hier {limit} niveaus diep in elkaar genest; zo diep kan de "
        "tekst niet gelezen worden en de rest van het bestand zou wegvallen.",
        "Maak de lijst minder diep: zet een niveau terug of maak er gewone alinea’s van.",
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
        "Grafiek ‘{chart}’ staat niet in ‘grafieken’ van dit bestand.",
        "{suggestion}Grafieken in dit bestand: {known}. Alleen een hoofdstuk kan grafieken "
        "hebben; een casus of rode draad niet.",
    ),
    "body.unknown-figure": Entry(
        "Figuur ‘{figure}’ staat niet in ‘figuren’ van dit hoofdstuk.",
        "{suggestion}Figuren in dit hoofdstuk: {known}. Een figuur staat alleen in een hoofdstuk.",
    ),
    "body.figure-unplaced": Entry(
        "Figuur ‘{figure}’ staat in ‘figuren’, maar nergens in de tekst.",
        "Zet op de plek van de figuur een blok ```figuur met daarin ‘{figure}’, zodat de lezer "
        "ziet dat daar een figuur hoort.",
    ),
    "body.figure-twice": Entry(
        "Figuur ‘{figure}’ staat meer dan eens in de tekst.",
        "Plaats elke figuur één keer; haal de andere blokken ```figuur weg.",
    ),
    "body.figure-drawing": Entry(
        "Figuur ‘{figure}’ heeft status ‘{status}’, maar dat past niet bij ‘tekening’.",
        "Status ‘getekend’ hoort bij een ‘tekening’ (speelveld); ‘niet-overgenomen’ heeft "
        "geen tekening.",
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
    "editie.logo-ontbreekt": Entry(
        "Het logo ‘{logo}’ bestaat niet in content/.",
        "Zet het SVG-bestand in content/beeld/ en schrijf ‘logo: beeld/<naam>.svg’.",
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
        "Editie {year} is gepubliceerd en vastgelegd, maar de inhoud is daarna gewijzigd: "
        "{changes}.",
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


# The head of content/edities/<jaar>.vastgelegd, written by `stand vastleggen`.
FREEZE_LIST_HEADER = (
    "# Geschreven door ‘stand vastleggen {year}’: per bestand van editie {year} de vingerafdruk\n"
    "# (sha256) van de inhoud. Niet met de hand wijzigen; ‘stand check’ noemt hiermee de\n"
    "# bestanden die na het vastleggen veranderd zijn.\n"
)
FREEZE_CHANGE_LIMIT = 10  # files named per kind of change; a whole folder copied in stays readable


def frozen_changes_text(
    changed: list[str], added: list[str], removed: list[str], known: bool, list_file: str
) -> str:
    """What changed in a frozen edition, file by file, for `editie.gewijzigd`."""
    if not known:
        return (
            f"welke bestanden, is niet bekend ({list_file} ontbreekt of hoort bij een oudere "
            "vastlegging)"
        )
    parts = []
    for label, paths in (("gewijzigd", changed), ("nieuw", added), ("verwijderd", removed)):
        if paths:
            shown = ", ".join(paths[:FREEZE_CHANGE_LIMIT])
            more = len(paths) - FREEZE_CHANGE_LIMIT
            parts.append(f"{label}: {shown}" + (f" en nog {more}" if more > 0 else ""))
    return "; ".join(parts)


# What `stand new` (builder/editor/scaffold.py) and `stand status` (builder/editor/status.py)
# say when they refuse; the CLI prints them after 'stand: '.
COMMAND_TEXTS = {
    "new.casus-bestaat": "casus nummer {number} bestaat al in editie {year}.",
    "new.geen-element": "‘{element}’ is geen element van het speelveld.",
    "new.rode-draad-bestaat": (
        "rode draad {order} bestaat al in editie {year} (‘volgorde: {order}’)."
    ),
    "new.van-niet-eerder": "--van moet een eerdere editie zijn dan {year}, niet {previous}.",
    "new.vaste-pagina": "‘{id}’ is de naam van een vaste pagina; kies met --id een andere.",
    "new.van-ontbreekt": "er is geen editie {previous} om van te beginnen (--van).",
    "new.onleesbaar": "{path} is niet te lezen.",
    "new.geen-titel": 'geef een titel, bijvoorbeeld --titel "Een nieuwe kans".',
    "new.gepubliceerd": (
        "editie {year} is al gepubliceerd; een nieuwe casus of rode draad hoort in een "
        "nieuwe editie (die nog ‘status: concept’ heeft)."
    ),
    "new.nummer-te-laag": "het nummer moet 1 of hoger zijn, niet {number}.",
    "new.nummer-te-hoog": "het nummer kan hoogstens {limit} zijn, niet {number}.",
    "new.bestaat-al": "{path} bestaat al; stand overschrijft geen bestaand bestand.",
    "new.ongeldige-id": (
        "‘{id}’ is geen geldige id: gebruik kleine letters, cijfers en streepjes, "
        "bijvoorbeeld ‘{example}’."
    ),
    "new.id-bezet": "de id ‘{id}’ wordt in deze editie al gebruikt.",
    "status.geen-inhoud": "er is nog geen inhoud in content/.",
    "status.geen-editie": "er is geen inhoud voor editie {year}; wel voor {listed}.",
    "opdracht.poort": "poort {value} bestaat niet (kies 0 tot en met 65535)",
    "opdracht.jaartal": "‘{text}’ is geen jaartal (schrijf het jaar voluit)",
    "opdracht.getal": "‘{text}’ is geen getal",
    "werkmap.koppeling": (
        "{path} is een symbolische koppeling. stand schrijft zijn tussenbestanden alleen in "
        "een gewone map in het project: verwijder {path} en probeer het opnieuw."
    ),
    "werkmap.bestand": (
        "{path} is een bestand, geen map. stand schrijft zijn tussenbestanden alleen in een "
        "gewone map in het project: verwijder {path} en probeer het opnieuw."
    ),
}


def summary_text(failures: int, warnings: int, files: int) -> str:
    """The last line of a report: what was found in how many files (all read, if nothing)."""
    in_files = f"in {files} {_plural(files, 'bestand', 'bestanden')}."
    if not failures and not warnings:
        return f"Geen fouten {in_files}"
    counts = []
    if failures:
        counts.append(f"{failures} {_plural(failures, 'fout', 'fouten')}")
    if warnings:
        counts.append(f"{warnings} {_plural(warnings, 'waarschuwing', 'waarschuwingen')}")
    return f"{' en '.join(counts)} {in_files}"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def command_text(code: str, **args: object) -> str:
    return COMMAND_TEXTS[code].format(**args)


# What a build, `stand vastleggen` or `stand publiceren` says when it cannot go on (the CLI
# prints them after 'stand: '), and the notes it leaves.
BUILD_TEXTS = {
    "build.geen-gepubliceerde": "er is geen gepubliceerde editie om te bouwen (gebruik --concept).",
    "build.schrijven": "schrijven mislukt ({reason}).",
    "build.logo": "logo {logo} ontbreekt: {reason}",
    "build.mkdocs": "mkdocs kon editie {year} niet bouwen: {problem}",
    "build.zoekindex": "de zoekindex kon niet gemaakt worden: {problem}",
    "build.kapotte-links": "{count} kapotte interne links in de gebouwde site:\n  {listed}",
    "pdf.geen-chromium": (
        "chromium is niet gevonden: de PDF van editie {year} is overgeslagen "
        "(installeer het Debian-pakket chromium om hem te maken)."
    ),
    "pdf.uitgezet": "de PDF van editie {year} is overgeslagen: STAND_CHROMIUM is leeg.",
    "pdf.start": (
        "{chromium} kon niet starten om de PDF van editie {year} te maken; "
        "controleer of chromium goed is geïnstalleerd."
    ),
    "pdf.te-traag": (
        "chromium maakte de PDF van editie {year} niet binnen {seconds} seconden; "
        "het printen is afgebroken."
    ),
    "pdf.mislukt": "chromium kon de PDF van editie {year} niet maken{code}: {detail}",
    "pdf.geen-pdf": "chromium kon de PDF van editie {year} niet maken: geen PDF",
    "pdf.grootte-ontbreekt": (
        "het thema toont de grootte van de PDF van editie {year} niet zoals stand die "
        "invult: partials/stand-pdf.html moet {{{{ stand_pdf.size }}}} ongewijzigd tonen."
    ),
    "doel.koppeling": (
        "{target} is een symbolische koppeling. stand vervangt alleen een map die hij zelf "
        "heeft gemaakt; geef met --site de map zelf op."
    ),
    "doel.bestand": "{target} is een bestand, geen map van stand; kies met --site een andere plek.",
    "doel.te-ruim": (
        "{target} bevat het project of uw persoonlijke map; stand vervangt zijn doelmap "
        "helemaal. Kies met --site een eigen map, zoals site/."
    ),
    "doel.in-project": (
        "{target} ligt in de map {name}/ van het project; kies een map voor de site."
    ),
    "doel.niet-van-stand": (
        "{target} bestaat al en is niet door stand gemaakt (er staat geen {marker} "
        "in). stand overschrijft die map niet: kies een nieuwe of lege map, of ruim hem "
        "zelf op."
    ),
    "doel.bezet": (
        "er draait al een ‘stand build’ die in {folder} schrijft. Wacht tot die "
        "klaar is en probeer het dan opnieuw."
    ),
    "doel.merkteken": "Deze map is gemaakt door ‘stand build’ en wordt bij elke build vervangen.\n",
    "vastleggen.fouten": "de inhoud bevat fouten; draai eerst ‘stand check’.",
    "vastleggen.geen-editie": "er is geen editie {year}.",
    "vastleggen.concept": (
        "editie {year} is nog een concept. Vastleggen kan pas na publicatie; "
        "‘stand publiceren {year}’ controleert de editie, zet status en datum en legt "
        "haar dan vast."
    ),
    "vastleggen.geen-correctie": (
        "editie {year} is gewijzigd sinds het vastleggen, maar er is geen "
        "nieuwe correctie. Voeg eerst een regel toe aan ‘correcties:’."
    ),
    "publiceren.geen-editie": "er is geen editie {year} ({file} ontbreekt).",
    "publiceren.niet-klaar": (
        "editie {year} is nog niet klaar om te publiceren: los eerst de "
        "{count} meldingen hierboven op."
    ),
    "publiceren.al-gepubliceerd": "editie {year} is al gepubliceerd.",
    "voorbeeld.sjabloon": "fout in sjabloon {where}, regel {line}: {message}",
}


def build_text(key: str, /, **args: object) -> str:
    return BUILD_TEXTS[key].format(**args)


# Dutch names of the kinds an id can have; keys are the link schemes.
KIND_NAMES = {
    "casus": "casus",
    "knelpunt": "knelpunt",
    "rode-draad": "rode draad",
    "wat-is-nodig": "aanbeveling (wat is nodig)",
    "bron": "bron",
    "hoofdstuk": "hoofdstuk",
}


def known_ids_hint(kind: str, known: list[str]) -> str:
    """For a link to an unknown id: the ids of that kind there are (the first eight)."""
    listed = quoted_list(known[:8]) + (" …" if len(known) > 8 else "")
    return f"Bestaande ids ({KIND_NAMES[kind]}): {listed or 'geen'}."


# What the hardened YAML reader refuses (builder/content/frontmatter.py): {problem} and {hint}
# of yaml.syntax.
YAML_REFUSALS: dict[str, tuple[str, str]] = {
    "te-diep": (
        "lijsten of groepen zijn meer dan {depth} niveaus diep in elkaar genest",
        "Zo diep genest komt in de inhoud niet voor; verwijder de extra haken of inspringing.",
    ),
    "tag": (
        "de YAML-tag ‘{tag}’ is niet toegestaan",
        "Verwijder de tag (het woord dat met ‘!’ begint); schrijf alleen de waarde.",
    ),
    "lang-getal": (
        "dit getal is langer dan {length} tekens",
        "Is er iets per ongeluk geplakt? Is het geen getal maar tekst, zet het "
        "dan tussen aanhalingstekens.",
    ),
    "samengestelde-sleutel": (
        "een veldnaam moet een woord zijn, geen lijst of groep velden",
        "Schrijf elk veld als ‘sleutel: waarde’; begint een regel met "
        "‘? ’, verwijder dan het vraagteken.",
    ),
    "samenvoegen": (
        "‘<<’ (velden overnemen uit een andere groep) is niet toegestaan",
        "Schrijf de velden voluit op de plek waar ze nodig zijn.",
    ),
    "stuurteken": (
        "er staat een onzichtbaar stuurteken (U+{code:04X}) in de tekst",
        "Verwijder het teken; het komt vaak mee bij kopiëren en plakken.",
    ),
    "onbekend": (
        "YAML meldt ‘{problem}’",
        "Vergelijk de regel met een voorbeeld in de schrijfwijzer.",
    ),
}


def yaml_refusal(kind: str, **args: object) -> tuple[str, str]:
    """The problem and hint of a refusal, for yaml.syntax."""
    problem, hint = YAML_REFUSALS[kind]
    return problem.format(**args), hint


# {problem} of afkortingen.invalid, and {other} of link.duplicate-id and opvolging.conflict.
GLOSSARY_PROBLEMS = {
    "geen-lijst": "de lijst is geen ‘Afkorting: betekenis’-lijst",
    "geen-afkorting": "‘{key}’ is geen afkorting van 2 tot 10 letters",
    "geen-betekenis": "‘{key}’ heeft geen betekenis",
}
FIXED_PAGE = "door de vaste pagina {id}/ van de site"
EARLIER_FOLLOW_UP = "een eerdere regel in ‘opvolging:’ ({other})"
CONTINUED = "‘vorige: {reference}’ in {place}, dus ze houdt aan"
AFTER_SECTION = "; die hoort na ‘## {previous}’"  # {place} of body.missing-section

# libyaml explains problems in English; these are the ones editors meet, in Dutch. The last item
# says where the mistake is: at the problem mark (where parsing failed) or at the context mark
# (where the unfinished construct began, e.g. the opening quote, usually lines earlier).
YAML_PROBLEMS: dict[str, tuple[str, str, bool]] = {
    "mapping values are not allowed": (
        "hier staat een dubbele punt die YAML niet verwacht",
        "Staat er ‘: ’ in een tekst? Zet de tekst dan tussen aanhalingstekens of gebruik ‘>-’. "
        "Anders springt deze regel te ver in.",
        False,
    ),
    "could not find expected ':'": (
        "er ontbreekt een dubbele punt na een veldnaam",
        "Schrijf elk veld als ‘sleutel: waarde’.",
        True,
    ),
    "did not find expected '-' indicator": (
        "de inspringing klopt niet (hier verwacht YAML een nieuw item van de lijst)",
        "Velden van hetzelfde item beginnen in dezelfde kolom; een nieuw item begint met ‘- ’.",
        False,
    ),
    "did not find expected key": (
        "hier verwacht YAML een nieuw veld (‘sleutel: waarde’)",
        "Velden op hetzelfde niveau beginnen in dezelfde kolom. Staat er tekst na een "
        "afsluitend aanhalingsteken? Zet dan de hele tekst tussen de aanhalingstekens.",
        False,
    ),
    "did not find expected ',' or ']'": (
        "de lijst die hier met ‘[’ begint, wordt niet met ‘]’ afgesloten",
        "Sluit de lijst op dezelfde regel af met ‘]’ en zet komma’s tussen de items.",
        True,
    ),
    "did not find expected ',' or '}'": (
        "de groep velden die hier met ‘{’ begint, wordt niet met ‘}’ afgesloten",
        "Sluit de groep op dezelfde regel af met ‘}’ en zet komma’s tussen de velden.",
        True,
    ),
    "while scanning a quoted scalar": (
        "het aanhalingsteken dat hier begint, wordt niet afgesloten",
        "Sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint.",
        True,
    ),
    "but found another document": (
        "na een regel ‘---’ begint hier een tweede YAML-document",
        "Een bestand bevat één YAML-document: verwijder de tweede regel ‘---’ en wat er per "
        "ongeluk onder terecht is gekomen.",
        False,
    ),
    "exceeded maximum nesting depth": (
        "lijsten of groepen zijn te diep in elkaar genest",
        "Zo diep genest komt in de inhoud niet voor; verwijder de extra haken of inspringing.",
        False,
    ),
    "found unknown escape character": (
        "in tekst tussen dubbele aanhalingstekens staat een ‘\\’ die YAML niet kent",
        "Schrijf ‘\\\\’ voor een backslash, of zet de tekst tussen enkele aanhalingstekens.",
        False,
    ),
    "block sequence entries are not allowed": (
        "hier begint een lijst (‘- ’) op een plek waar geen lijst kan beginnen",
        "Zet elk item op een eigen regel, ingesprongen onder de sleutel, of schrijf de lijst als "
        "‘[a, b]’. Begint de tekst zelf met ‘- ’? Zet hem dan tussen aanhalingstekens.",
        False,
    ),
    "found undefined alias": (
        "‘*’ verwijst naar een anker dat niet bestaat (en ankers zijn niet toegestaan)",
        "Begint de tekst met ‘*’? Zet hem dan tussen aanhalingstekens.",
        False,
    ),
    "found undefined tag handle": (
        "YAML-tags (woorden die met ‘!’ beginnen) zijn niet toegestaan",
        "Begint de tekst met ‘!’? Zet hem dan tussen aanhalingstekens.",
        False,
    ),
    "did not find expected node content": (
        "hier verwacht YAML een waarde",
        "Staat er een komma te veel, of een losse ‘]’ of ‘}’?",
        False,
    ),
    "found character that cannot start any token": (
        "met dit teken mag een waarde niet beginnen",
        'Zet de waarde tussen aanhalingstekens, bijvoorbeeld ‘titel: "@gemeente"’.',
        False,
    ),
}

# pydantic error types -> (what the field expects, hint), for schema.type.
EXPECTED_TYPES: dict[str, tuple[str, str]] = {
    "string_type": (
        "een tekst",
        "Schrijf de tekst achter de dubbele punt; is het een getal, zet het dan tussen "
        'aanhalingstekens (bijv. ‘"2022"’).',
    ),
    "int_type": ("een geheel getal", "Schrijf een getal zonder aanhalingstekens, bijv. ‘40’."),
    "int_parsing": ("een geheel getal", "Schrijf een getal zonder aanhalingstekens, bijv. ‘40’."),
    "int_from_float": ("een geheel getal", "Laat de decimalen weg."),
    "int_parsing_size": ("een geheel getal", "Dit getal is veel te groot; schrijf bijv. ‘40’."),
    "float_type": ("een getal", "Schrijf een getal met een punt als decimaalteken, bijv. ‘2.4’."),
    "finite_number": (
        "een eindig getal",
        "‘.inf’ en ‘.nan’ zijn geen getallen; schrijf een getal, bijv. ‘2.4’.",
    ),
    "float_parsing": (
        "een getal",
        "Schrijf een getal met een punt als decimaalteken, bijv. ‘2.4’.",
    ),
    "list_type": ("een lijst", "Zet elk item op een eigen regel die begint met ‘- ’."),
    "model_type": ("een groep velden", "Zet de velden ingesprongen onder de sleutel."),
    "model_attributes_type": ("een groep velden", "Zet de velden ingesprongen onder de sleutel."),
    "dict_type": ("een groep velden", "Zet de velden ingesprongen onder de sleutel."),
    "date_type": ("een datum", "Schrijf de datum als JJJJ-MM-DD, bijv. ‘2022-06-30’."),
    "date_parsing": ("een datum", "Schrijf de datum als JJJJ-MM-DD, bijv. ‘2022-06-30’."),
    "date_from_datetime_parsing": ("een datum", "Schrijf de datum als JJJJ-MM-DD."),
    "date_from_datetime_inexact": (
        "een datum zonder tijd",
        "Schrijf de datum als JJJJ-MM-DD, bijv. ‘2022-06-30’.",
    ),
    "bool_type": ("ja of nee", "Schrijf ‘true’ of ‘false’."),
    # schema/edition.py: a date that matches JJJJ-MM-DD but is not in the calendar
    "date_not_existing": (
        "een bestaande datum",
        "Controleer dag en maand: februari heeft 28 of 29 dagen, april, juni, september en "
        "november 30.",
    ),
    "date_year_out_of_range": (
        "een datum in een jaar dat een editie kan hebben",
        "Controleer het jaartal, bijv. ‘2022-06-30’.",
    ),
}

# Text fields with a required form (other than ids), for schema.format: pydantic only names the
# regex, builder/content/schema_errors.py maps each schema pattern to its entry here.
FORM_TEXTS: dict[str, tuple[str, str]] = {
    "publicatiedatum": (
        "een datum als JJJJ-MM of JJJJ-MM-DD",
        "Bijvoorbeeld ‘2022-06’ of ‘2022-06-30’.",
    ),
    "verwijzing": (
        "een verwijzing als ‘<jaar>/<id>’",
        "Bijvoorbeeld ‘2022/peter’: het jaar van de eerdere editie en de id daarin.",
    ),
    "anders": ("in een andere vorm geschreven", "Vergelijk met een voorbeeld in de schrijfwijzer."),
}

# pydantic range errors -> (the bound in Dutch, the key of the bound in the error's context).
RANGES: dict[str, tuple[str, str]] = {
    "greater_than_equal": ("minstens {}", "ge"),
    "less_than_equal": ("hoogstens {}", "le"),
    "greater_than": ("groter dan {}", "gt"),
    "less_than": ("kleiner dan {}", "lt"),
}

# pydantic length errors, for schema.length.
LENGTH_ERRORS = ("too_short", "string_too_short", "too_long", "string_too_long")


def length_problem(kind: str, ctx: dict[str, object]) -> tuple[str, str]:
    """(what is wrong with the length, hint) for a pydantic length error."""
    if kind == "string_too_short":
        return "mag niet leeg zijn", "Vul de waarde in."
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        items = f"{minimum} item{'s' if minimum != 1 else ''}"
        return f"moet minstens {items} bevatten", "Vul de waarde in."
    return f"is te lang (hoogstens {ctx.get('max_length')})", "Maak het korter."


def describe(value: object) -> str:
    """A value as the editor wrote it, for 'verwacht …, gevonden …'."""
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"‘{str(value).lower()}’"
    if isinstance(value, int | float):
        return f"het getal {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst ‘{short}’"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return f"‘{value}’"


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

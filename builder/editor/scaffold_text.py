"""The text of the files `stand new` writes: YAML with Dutch comments, and the body sections."""

import json

import yaml

from builder.content.body import CASE_CONTEXT_SECTIONS
from builder.content.placeholders import MARKER
from schema.speelveld import ELEMENTS, LEVELS, Role

HEADER = """\
# Regels die met ‘#’ beginnen zijn uitleg voor de schrijver; de site toont ze niet.
# Vervang overal ‘{marker}’ door de echte tekst. ‘stand status’ toont wat nog open
# staat, ‘stand check’ controleert het bestand. Elk veld staat uitgelegd in
# docs/schrijfwijzer.md.
"""

CASE_FIELDS = """\
# Vaste naam van de casus in webadressen en in links als [tekst](casus:id): kleine
# letters, cijfers en streepjes. Verander hem niet meer als de editie gepubliceerd is.
id: {id}
# Het nummer van de casus in het rapport; elke casus in de editie heeft een eigen nummer.
nummer: {number}
# De titel van de casus zoals in het rapport.
titel: {title}
# Zet deze casus een casus uit een eerdere editie voort? Haal dan ‘# ’ weg en noem
# het jaar en de id van die casus.
# vorige: {previous}/id-van-die-casus
# De persona’s van het verhaal. Voor een volgende persona: kopieer het blok vanaf ‘- naam:’.
personas:
{personas}\
# De gemeente zoals het verhaal haar beschrijft, bijvoorbeeld ‘Een dorp in de buurt van een
# grote stad’.
gemeente: >-
  {marker}
# De rollen van de gemeente die de tekst noemt. Kies een of meer uit:
# {roles}.
# Controleer deze regel: stand heeft hier alvast ‘dienstverlener’ ingevuld.
rollen: [dienstverlener]
# De ketenpartners die de tekst noemt, bijvoorbeeld [Zorgaanbieder, Woningcorporatie].
ketenpartners: [{marker}]
# De wetten die de tekst noemt, bijvoorbeeld [Wmo 2015, Wlz].
wetten: [{marker}]
# Eén knelpunt per element van het speelveld; de id is die van de casus met het element
# erachter. De kernzin is de conclusie waarmee de sectie van dat element eindigt, letterlijk;
# de site toont hem onder die sectie, dus herhaal hem niet in de tekst.
# Geeft een rode draad een aanbeveling (‘wat is nodig’) voor een knelpunt, vervang dan de
# regel ‘zonder_antwoord’ door ‘wat_is_nodig: [id-van-de-aanbeveling]’. Is er geen, schrijf
# dan bij ‘zonder_antwoord’ waarom niet.
knelpunten:
{bottlenecks}\
"""

PERSONA = """\
  - naam: {name}
    # Leeftijd (niet verplicht): haal ‘# ’ weg en schrijf een getal zonder aanhalingstekens.
    # leeftijd: 40
    # Eén of twee zinnen uit het verhaal over wie de persona is.
    beschrijving: >-
      {marker}
"""

BOTTLENECK = """\
  - id: {id}-{element}
    element: {element}
    kernzin: >-
      {marker}
    zonder_antwoord: {marker}
"""

THREAD_FIELDS = """\
# Vaste naam van de rode draad in webadressen en in links als [tekst](rode-draad:id):
# kleine letters, cijfers en streepjes. Verander hem niet meer als de editie gepubliceerd is.
id: {id}
# Het element van het speelveld waar deze rode draad onder valt. Kies uit:
# {elements}.
element: {element}
# De plaats van de rode draad in het rapport: 1, 2, 3, ...
volgorde: {order}
# De titel zoals in het rapport.
titel: {title}
# De casussen die de tekst noemt, met hun id, in de volgorde waarin de tekst ze noemt,
# bijvoorbeeld [peter, joris].
casussen: []
# De aanbevelingen (‘Wat is nodig?’) van deze rode draad. Elke aanbeveling krijgt als id
# de id van de rode draad met -1, -2, enzovoort. Voor een volgende: kopieer het blok vanaf
# ‘- id:’. Een knelpunt in een casus verwijst naar zo’n id met ‘wat_is_nodig: [id]’.
wat_is_nodig:
  - id: {id}-1
    # De niveaus waarop de aanbeveling ligt. Kies een of meer uit:
    # {levels}.
    niveaus: []
    tekst: >-
      {marker}
"""

EDITION = """\
# Editie {year} van de Stand van de Uitvoering, gemaakt door ‘stand new’.
# Zolang hier ‘status: concept’ staat, komt de editie niet op de gepubliceerde site;
# ‘stand serve’ toont haar wel. Uitleg van elk veld: docs/schrijfwijzer.md.
jaar: {year}
titel: Stand van de Uitvoering {year}
# concept of gepubliceerd
status: concept
# Bij publicatie: het jaar en de maand (of de hele datum), tussen aanhalingstekens.
# publicatiedatum: "{year}-06"
uitgever: VNG Realisatie
# De auteurs zoals in het colofon, bijvoorbeeld [Mark van Dam, Femke Polman].
auteurs: []
correcties: []
"""

EDITION_FOLLOW_UP = """\
# Wat werd er van de aanbevelingen uit editie {previous}? Een aanbeveling in deze editie met
# ‘vorige: {previous}/<id>’ houdt aan; geef de andere hier een status (opgelost, vervallen,
# aanhoudend) en een toelichting. Publiceren kan pas als elke aanbeveling een status heeft.
opvolging: []
"""

SOURCES = """\
# Bijlage C – Bronnen van editie {year}, in de volgorde van het rapport. Voor elke bron:
# - id: auteur-jaar-kort
#   soort: publicatie
#   vermelding: >-
#     De vermelding zoals in het rapport.
[]
"""

CHAPTER = """\
---
# Vaste naam van het hoofdstuk in webadressen en in links als [tekst](hoofdstuk:id).
id: {id}
titel: {title}
# De plaats van het hoofdstuk in het rapport: 1, 2, 3, ...
volgorde: {order}
---

{body}
"""

NEXT_STEPS = """\
Volgende stappen:
  1. Vul {edition} aan: titel, auteurs{follow_up}.
  2. Schrijf de casussen en rode draden:
       .venv/bin/stand new casus --editie {year} --titel "..." --persona ...
       .venv/bin/stand new rode-draad --editie {year} --titel "..." --element informatie
     en een extra hoofdstuk met: .venv/bin/stand new hoofdstuk --editie {year} --titel "..."
  3. Bekijk het resultaat terwijl u schrijft: .venv/bin/stand serve
  4. Zie wat er nog open staat: .venv/bin/stand status --editie {year}
  5. Als alles klaar is: .venv/bin/stand publiceren {year}
"""


def chapter_text(chapter_id: str, title: str, order: int, headings: list[str]) -> str:
    """A chapter to fill in: the headings it had in the previous edition, each still open."""
    parts = [f"{MARKER}."] + [f"## {heading}\n\n{MARKER}." for heading in headings]
    return CHAPTER.format(
        id=chapter_id, title=yaml_scalar(title), order=order, body="\n\n".join(parts)
    )


def next_steps(year: int, edition: str, previous: int | None) -> str:
    follow_up = f" en de opvolging van editie {previous}" if previous else ""
    return NEXT_STEPS.format(year=year, edition=edition, follow_up=follow_up)


def case_text(
    year: int, case_id: str, number: int, title: str, personas: list[str], story: str
) -> str:
    names = personas or [MARKER]
    fields = CASE_FIELDS.format(
        id=case_id,
        number=number,
        title=yaml_scalar(title),
        personas="".join(PERSONA.format(name=yaml_scalar(n), marker=MARKER) for n in names),
        roles=", ".join(role.value for role in Role),
        bottlenecks="".join(
            BOTTLENECK.format(id=case_id, element=info.element.value, marker=MARKER)
            for info in ELEMENTS
        ),
        marker=MARKER,
        previous=year - 1,
    )
    intro = f"# Casus {number} van de Stand van de Uitvoering {year}.\n"
    sections = [story, *CASE_CONTEXT_SECTIONS, *(info.name for info in ELEMENTS)]
    body = "".join(f"\n## {section}\n\n{MARKER}\n" for section in sections)
    return f"---\n{intro}{HEADER.format(marker=MARKER)}\n{fields}---\n{body}"


def thread_text(year: int, thread_id: str, order: int, title: str, element: str) -> str:
    fields = THREAD_FIELDS.format(
        id=thread_id,
        element=element,
        elements=", ".join(info.element.value for info in ELEMENTS),
        order=order,
        title=yaml_scalar(title),
        levels=", ".join(info.level.value for info in LEVELS),
        marker=MARKER,
    )
    intro = f"# Rode draad {order} van de Stand van de Uitvoering {year}.\n"
    body = f"\n{MARKER}\n"  # the whole text of the rode draad, without its title
    return f"---\n{intro}{HEADER.format(marker=MARKER)}\n{fields}---\n{body}"


def edition_text(year: int, previous: int | None = None) -> str:
    text = EDITION.format(year=year)
    return text + EDITION_FOLLOW_UP.format(previous=previous) if previous else text


def sources_text(year: int) -> str:
    return SOURCES.format(year=year)


def yaml_scalar(text: str) -> str:
    """`text` as a one-line YAML value: plain when that reads back the same, else quoted."""
    text = " ".join(text.split())
    try:
        if text and yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar

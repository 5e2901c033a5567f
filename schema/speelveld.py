"""The speelveld van de professional as data: elements, sub-aspects, roles and levels."""

from dataclasses import dataclass
from enum import StrEnum


class Element(StrEnum):
    CORE_VALUES = "kernwaarden"
    EXPERTISE = "expertise"
    AUTHORITY = "bevoegdheden"
    INFORMATION = "informatie"
    NETWORK = "netwerk"
    FRAMEWORK = "kader"


class Level(StrEnum):
    PROFESSIONAL = "individuele-professional"
    LOCAL_REGIONAL = "lokaal-regionaal"
    NATIONAL = "landelijk"


class Role(StrEnum):
    """Roles of the gemeente; each answers one role of the inwoner (see ROLE_PAIRS)."""

    DEVELOPER = "ontwikkelaar"
    SERVICE_PROVIDER = "dienstverlener"
    ENFORCER = "handhaver"
    MANAGER = "beheerder"


@dataclass(frozen=True)
class Aspect:
    name: str
    description: str


@dataclass(frozen=True)
class ElementInfo:
    element: Element
    name: str
    summary: str
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True)
class LevelInfo:
    level: Level
    name: str
    description: str


CENTRE = "Integraal, gezaghebbend antwoord"

ELEMENTS: tuple[ElementInfo, ...] = (
    ElementInfo(
        Element.CORE_VALUES,
        "Kernwaarden",
        "De professional werkt vanuit kernwaarden die de houding ten opzichte van de inwoner "
        "kleuren.",
        (
            Aspect("Van de professional zelf", "De eigen waarden en normen van de professional."),
            Aspect(
                "Passend bij de gemeentelijke rol",
                "Kernwaarden die de rol van de gemeente in een situatie vraagt.",
            ),
            Aspect(
                "Achter wet- en regelgeving", "De achterliggende mensbeelden, aannames en rollen."
            ),
        ),
    ),
    ElementInfo(
        Element.EXPERTISE,
        "Expertise",
        "De professional beschikt over de expertise om goede afwegingen te maken.",
        (
            Aspect("Vakkennis", "Specifieke kennis voor de taak die de professional uitvoert."),
            Aspect(
                "Methodekennis", "Kennis van procedures en van methoden voor complexe casussen."
            ),
            Aspect("Vaardigheden", "Vaardigheden die passen bij de taak en de rol."),
        ),
    ),
    ElementInfo(
        Element.AUTHORITY,
        "Bevoegdheden",
        "De professional krijgt ruimte om eigen afwegingen en keuzes te maken.",
        (
            Aspect("Aansturing", "Strak en procedureel, of met ruimte voor eigen afwegingen."),
            Aspect("Discretionaire ruimte", "Ruimte om waar nodig af te wijken van de standaard."),
            Aspect(
                "Organisatiecultuur",
                "Eigen initiatief wordt beloond en er is ruimte om fouten te maken.",
            ),
        ),
    ),
    ElementInfo(
        Element.INFORMATION,
        "Informatie",
        "De professional beschikt over correcte, volledige en actuele informatie.",
        (
            Aspect("Correct", "De informatie klopt: goede datakwaliteit."),
            Aspect("Volledig", "Relevante informatie van andere afdelingen en ketenpartners."),
            Aspect("Actueel", "De informatie is altijd up-to-date."),
        ),
    ),
    ElementInfo(
        Element.NETWORK,
        "Netwerk",
        "De professional werkt binnen een netwerk van afdelingen en organisaties.",
        (
            Aspect("Intern", "Korte lijnen tussen afdelingen: één gemeente."),
            Aspect("Keten", "De keten en de collega’s bij ketenpartners kennen."),
            Aspect("Regionaal", "Samenwerking met andere gemeenten in de regio."),
        ),
    ),
    ElementInfo(
        Element.FRAMEWORK,
        "Kader",
        "Het wettelijk en beleidskader biedt de professional comfort, zekerheid en ruimte.",
        (
            Aspect("Comfort", "Duidelijke taken en bevoegdheden, en voldoende middelen."),
            Aspect("Zekerheid", "Helderheid en continuïteit van het kader."),
            Aspect("Ruimte", "Beweegruimte voor een eigen invulling van het takenpakket."),
        ),
    ),
)

ROLE_PAIRS: tuple[tuple[str, Role], ...] = (
    ("partner", Role.DEVELOPER),
    ("klant", Role.SERVICE_PROVIDER),
    ("onderdaan", Role.ENFORCER),
    ("gebruiker", Role.MANAGER),
)

LEVELS: tuple[LevelInfo, ...] = (
    LevelInfo(
        Level.PROFESSIONAL,
        "Individuele professional",
        "Zaken waarover de professional zelf moet beschikken of die hij of zij zelf kan "
        "organiseren.",
    ),
    LevelInfo(
        Level.LOCAL_REGIONAL,
        "Lokaal of regionaal",
        "Zaken die de gemeente in de organisatie regelt of lokaal en regionaal afspreekt met "
        "haar (keten)partners.",
    ),
    LevelInfo(
        Level.NATIONAL,
        "Landelijk",
        "Randvoorwaarden die landelijk georganiseerd moeten worden, tussen gemeenten, landelijke "
        "ketenpartners en het rijk.",
    ),
)


def element_info(element: Element) -> ElementInfo:
    return next(info for info in ELEMENTS if info.element is element)


def level_info(level: Level) -> LevelInfo:
    return next(info for info in LEVELS if info.level is level)

"""Pydantic models for the content of the Stand van de Uitvoering.

Glossary (Dutch term in content and on the site -> English identifier in code):
  editie -> Edition            casus -> Case                 persona -> Persona
  knelpunt -> Bottleneck       rode draad -> Thread          wat is nodig -> Recommendation
  bron -> Source               hoofdstuk -> Chapter          grafiek -> Chart
  figuur -> Figure             herkomst -> provenance        redactie -> EDITORS
  speelveld element -> Element niveau -> Level               rol van de gemeente -> Role
  kernzin -> key_sentence      vorige -> predecessor
"""

from schema.case import Bottleneck, Case, Persona
from schema.chapter import Chapter, Chart, ChartValue, Figure, KeyFigure
from schema.edition import Correction, Edition
from schema.source import Source, SourceList
from schema.speelveld import ELEMENTS, LEVELS, ROLE_PAIRS, Element, Level, Role
from schema.thread import Recommendation, Thread

__all__ = [
    "ELEMENTS",
    "LEVELS",
    "ROLE_PAIRS",
    "Bottleneck",
    "Case",
    "Chapter",
    "Chart",
    "ChartValue",
    "Correction",
    "Edition",
    "Element",
    "Figure",
    "KeyFigure",
    "Level",
    "Persona",
    "Recommendation",
    "Role",
    "Source",
    "SourceList",
    "Thread",
]

"""How fast is `stand check`, and what does it cost over bare YAML parsing + pydantic validation?

Generates 1000 realistic casus files (frontmatter like tests/fixtures/valid/minimal, a ~3 kB body
with the ten sections, a footnote citing a bron) in a temporary project, then times in one run:

- builder.pipeline.check over the whole project (load, positions, validate, bodies, link);
- yaml.load(..., Loader=yaml.CSafeLoader) + Case.model_validate on the same frontmatters.

Times are CPU seconds of this process, the fastest of five interleaved runs.

Run with `make bench` or `.venv/bin/python benchmarks/check_speed.py [aantal]`.
"""

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from builder.content.body import CASE_CONTEXT_SECTIONS, ELEMENT_SECTIONS
from builder.pipeline import check
from schema import Case
from schema.speelveld import Element

CASES = 1000
PER_EDITION = 50  # a casus nummer is 1..99, so the corpus is spread over editions
RUNS = 5
ELEMENTS = tuple(e.value for e in Element)
SECTIONS = CASE_CONTEXT_SECTIONS + ELEMENT_SECTIONS
PARAGRAPH = (
    "De gemeente voert deze taak uit samen met haar ketenpartners. In de praktijk blijkt dat "
    "de professional niet altijd over de juiste informatie beschikt om de inwoner goed te "
    "helpen, en dat regels uit verschillende wetten elkaar soms tegenspreken."
)


def frontmatter(case_id: str, number: int) -> str:
    knelpunten = "".join(
        f"  - id: {case_id}-{element}\n"
        f"    element: {element}\n"
        f"    kernzin: >-\n"
        f"      Bij {case_id} knelt het element {element}, want de regels en de praktijk\n"
        f"      sluiten niet op elkaar aan.\n"
        f"    wat_is_nodig: [breed-kijken-1, informatie-delen-{1 + index % 2}]\n"
        for index, element in enumerate(ELEMENTS)
    )
    return (
        f"id: {case_id}\n"
        f"nummer: {number}\n"
        f"titel: Casus over {case_id.title()}\n"
        "personas:\n"
        f"  - naam: {case_id.title()}\n"
        "    leeftijd: 40\n"
        "    beschrijving: >-\n"
        "      Woont in een dorp en heeft een vraag aan de gemeente over zorg en wonen.\n"
        "gemeente: Een dorp in de buurt van een grote stad\n"
        "rollen: [dienstverlener, handhaver]\n"
        "ketenpartners: [Woningcorporatie, Zorgaanbieder, Wijkagent]\n"
        "wetten: [Wmo 2015, Wlz, Participatiewet]\n"
        f"knelpunten:\n{knelpunten}"
    )


def body(case_id: str) -> str:
    story = (
        f"## {case_id.title()}\n\n{PARAGRAPH} Zie de [rode draad](rode-draad:breed-kijken).[^1]\n"
    )
    sections = "".join(f"\n## {name}\n\n{PARAGRAPH}\n\n- {PARAGRAPH[:40]}\n" for name in SECTIONS)
    footnote = "\n[^1]: [Bureau, Een rapport, Den Haag 2020](bron:bureau-2020-rapport)\n"
    return f"\n{story}{sections}{footnote}"


def edition_files(year: int) -> dict[str, str]:
    return {
        f"content/edities/{year}.yml": (
            f"jaar: {year}\ntitel: Stand van de Uitvoering {year}\nstatus: gepubliceerd\n"
            "uitgever: VNG Realisatie\n"
        ),
        f"content/bronnen/{year}.yml": (
            "- id: bureau-2020-rapport\n  soort: publicatie\n"
            "  vermelding: Bureau, Een rapport, Den Haag 2020\n"
        ),
        f"content/rode-draden/{year}/01-breed-kijken.md": (
            "---\nid: breed-kijken\nelement: kernwaarden\nvolgorde: 1\ntitel: Breed kijken\n"
            "wat_is_nodig:\n  - id: breed-kijken-1\n    niveaus: [landelijk]\n"
            "    tekst: Ruimte om breed te kijken.\n---\n\nTekst.\n"
        ),
        f"content/rode-draden/{year}/02-informatie-delen.md": (
            "---\nid: informatie-delen\nelement: informatie\nvolgorde: 2\ntitel: Informatie\n"
            "wat_is_nodig:\n"
            "  - id: informatie-delen-1\n    niveaus: [landelijk]\n    tekst: Richtlijnen.\n"
            "  - id: informatie-delen-2\n    niveaus: [lokaal-regionaal]\n    tekst: Afspraken.\n"
            "---\n\nTekst.\n"
        ),
    }


def write_corpus(root: Path, count: int) -> list[str]:
    """Write the project; return the casus frontmatters."""
    files: dict[str, str] = {}
    frontmatters = []
    for index in range(count):
        year, number = 2000 + index // PER_EDITION, 1 + index % PER_EDITION
        if number == 1:
            files.update(edition_files(year))
        case_id = f"persoon-{index}"
        text = frontmatter(case_id, number)
        frontmatters.append(text)
        files[f"content/casussen/{year}/{number}-{case_id}.md"] = f"---\n{text}---\n{body(case_id)}"
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return frontmatters


def cpu_seconds(action: Callable[[], object]) -> float:
    # CPU time of this process: other work on the machine does not count against us
    started = time.process_time()
    action()
    return time.process_time() - started


def bare(frontmatters: list[str]) -> None:
    for text in frontmatters:
        Case.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))


def main(count: int = CASES) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        frontmatters = write_corpus(root, count)
        files = sum(1 for p in (root / "content").rglob("*") if p.is_file())
        case_bytes = statistics.mean(
            p.stat().st_size for p in (root / "content/casussen").rglob("*.md")
        )
        result = check(root)
        if result.errors:
            raise SystemExit(f"het corpus is niet schoon: {result.errors[0]}")
        # interleaved, so that both see the same machine; the fastest run of each counts
        runs = [
            (cpu_seconds(lambda: check(root)), cpu_seconds(lambda: bare(frontmatters)))
            for _ in range(RUNS)
        ]
        check_seconds = min(c for c, _ in runs)
        bare_seconds = min(b for _, b in runs)

    check_ms = check_seconds * 1000 / count
    bare_ms = bare_seconds * 1000 / count
    yaml_bytes = statistics.mean(len(text.encode()) for text in frontmatters)
    print(
        f"corpus: {count} casussen van gemiddeld {case_bytes / 1024:.1f} kB "
        f"(YAML-kop {yaml_bytes / 1024:.1f} kB), {files} bestanden in totaal"
    )
    print(f"stand check:                    {check_ms:.3f} ms per casus ({check_seconds:.2f} s)")
    print(f"yaml.load + Case.model_validate: {bare_ms:.3f} ms per casus ({bare_seconds:.2f} s)")
    print(f"verhouding:                     {check_ms / bare_ms:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else CASES)

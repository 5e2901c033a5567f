"""How fast is `stand check`, cold and warm, against what any checker must pay?

Generates realistic casus files (frontmatter like tests/fixtures/valid/minimal, a ~3 kB body
with the ten sections, a footnote citing a bron) in a temporary project and measures, each as a
whole process (start and imports included), the CPU time of:

- bare: reading the content files, yaml.load(..., Loader=yaml.CSafeLoader) + model_validate
  of their YAML with the schema model of their kind (the floor of any validator);
- parts: what a cold check cannot avoid: the YAML composed with positions
  (builder.content.frontmatter.compose), model_validate and one markdown-it parse of the body;
- cold: `stand check` without its cache (.stand-build/ removed);
- warm: `stand check` again, nothing changed (the per-file cache answers);
- one edit: `stand check` after one casus changed.

CPU time (os.wait4 of the child) is less inflated by other work on the machine than wall time,
but a shared machine still moves it by 10-20% from one minute to the next. So each of RUNS
rounds measures every kind once, interleaved; the times shown are the fastest, and the ratios
are the median of each round's own ratio (its two processes saw the same machine). Targets
(issue 14): warm <= 2x bare, cold <= 1.3x parts.

Run with `make bench` or `.venv/bin/python benchmarks/check_speed.py [aantal]`.
"""

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING

# The measured processes (--bare, --parts) import only what they measure: the corpus generator's
# imports are inside its functions.
if TYPE_CHECKING:
    from pydantic import BaseModel

CASES = 2000
FIRST_YEAR = 2000
PER_EDITION = 50  # a casus nummer is 1..99, so the corpus is spread over editions
RUNS = 7
STAND = Path(sys.executable).with_name("stand")
WARM_TARGET, COLD_TARGET = 2.0, 1.3
PARAGRAPH = (
    "De gemeente voert deze taak uit samen met haar ketenpartners. In de praktijk blijkt dat "
    "de professional niet altijd over de juiste informatie beschikt om de inwoner goed te "
    "helpen, en dat regels uit verschillende wetten elkaar soms tegenspreken."
)


def frontmatter(case_id: str, number: int) -> str:
    from schema.speelveld import Element

    knelpunten = "".join(
        f"  - id: {case_id}-{element}\n"
        f"    element: {element}\n"
        f"    kernzin: >-\n"
        f"      Bij {case_id} knelt het element {element}, want de regels en de praktijk\n"
        f"      sluiten niet op elkaar aan.\n"
        f"    wat_is_nodig: [breed-kijken-1, informatie-delen-{1 + index % 2}]\n"
        for index, element in enumerate(e.value for e in Element)
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
    from builder.content.body import CASE_CONTEXT_SECTIONS, ELEMENT_SECTIONS

    sections = "".join(
        f"\n## {name}\n\n{PARAGRAPH}\n\n- {PARAGRAPH[:40]}\n"
        for name in CASE_CONTEXT_SECTIONS + ELEMENT_SECTIONS
    )
    footnote = "\n[^1]: [Bureau, Een rapport, Den Haag 2020](bron:bureau-2020-rapport)\n"
    return f"\n{story}{sections}{footnote}"


RECOMMENDATIONS = ("breed-kijken-1", "informatie-delen-1", "informatie-delen-2")


def follow_up(year: int, first: int, recommendations: tuple[str, ...]) -> str:
    """A published edition gives every recommendation of the one before a status."""
    if year == first:
        return ""
    return "opvolging:\n" + "".join(
        f"  - aanbeveling: {year - 1}/{rec}\n    status: opgelost\n    toelichting: Gedaan.\n"
        for rec in recommendations
    )


def edition_files(year: int) -> dict[str, str]:
    return {
        f"content/edities/{year}.yml": (
            f"jaar: {year}\ntitel: Stand van de Uitvoering {year}\nstatus: gepubliceerd\n"
            "uitgever: VNG Realisatie\n" + follow_up(year, FIRST_YEAR, RECOMMENDATIONS)
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


def write_corpus(root: Path, count: int) -> None:
    files: dict[str, str] = {}
    for index in range(count):
        year, number = FIRST_YEAR + index // PER_EDITION, 1 + index % PER_EDITION
        if number == 1:
            files.update(edition_files(year))
        case_id = f"persoon-{index}"
        text = frontmatter(case_id, number)
        files[f"content/casussen/{year}/{number}-{case_id}.md"] = f"---\n{text}---\n{body(case_id)}"
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def cases(root: Path) -> list[Path]:
    return sorted((root / "content" / "casussen").rglob("*.md"))


def content_files(root: Path) -> list[tuple[Path, "type[BaseModel]"]]:
    """The files `stand check` reads (casussen, rode draden, editions, bronnen), each with the
    schema model of its folder: the baselines go over the same files as the check."""
    from schema import Case, Edition, SourceList, Thread

    models = {"casussen": Case, "rode-draden": Thread, "edities": Edition, "bronnen": SourceList}
    return [
        (path, models[path.relative_to(root / "content").parts[0]])
        for path in sorted((root / "content").rglob("*"))
        if path.is_file()
    ]


def bare(root: Path) -> None:
    import yaml

    for path, model in content_files(root):
        text = path.read_text(encoding="utf-8")
        head = text.split("\n---\n", 1)[0].removeprefix("---\n") if path.suffix == ".md" else text
        model.model_validate(yaml.load(head, Loader=yaml.CSafeLoader))


def parts(root: Path) -> None:
    from builder.content.frontmatter import compose, split
    from builder.content.markdown import make_markdown

    md = make_markdown()
    for path, model in content_files(root):
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".md":
            model.model_validate(compose(text, 1).data)
            continue
        split_text = split(text)
        model.model_validate(compose(split_text.yaml_text, split_text.yaml_line).data)
        md.parse(split_text.body, {})


def cpu_seconds(argv: list[str]) -> float:
    """CPU time of a child process, start and imports included."""
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mislukt: {' '.join(argv)}")
    return usage.ru_utime + usage.ru_stime


def measure(root: Path) -> dict[str, list[float]]:
    check = [str(STAND), "--project", str(root), "check"]
    itself = [sys.executable, __file__]
    edited = cases(root)[0]
    original = edited.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {}
    for run in range(RUNS):  # interleaved, so that all see the same machine
        shutil.rmtree(root / ".stand-build", ignore_errors=True)
        times.setdefault("cold", []).append(cpu_seconds(check))
        times.setdefault("warm", []).append(cpu_seconds(check))
        edited.write_text(original.replace("Woont in", f"Woont ({run}) in"), encoding="utf-8")
        times.setdefault("one edit", []).append(cpu_seconds(check))
        times.setdefault("bare", []).append(cpu_seconds([*itself, "--bare", str(root)]))
        times.setdefault("parts", []).append(cpu_seconds([*itself, "--parts", str(root)]))
    return times


def rounds(times: dict[str, list[float]], measured: str, baseline: str) -> list[float]:
    """measured / baseline in each round (its two processes saw the same machine)."""
    return [a / b for a, b in zip(times[measured], times[baseline], strict=True)]


def ratio(times: dict[str, list[float]], measured: str, baseline: str) -> float:
    return statistics.median(rounds(times, measured, baseline))


def main(count: int = CASES) -> None:
    with TemporaryDirectory() as temp:
        root = Path(temp)
        write_corpus(root, count)
        files = sum(1 for p in (root / "content").rglob("*") if p.is_file())
        case_kb = statistics.mean(p.stat().st_size for p in cases(root)) / 1024
        times = measure(root)
    print(f"corpus: {count} casussen van gemiddeld {case_kb:.1f} kB, {files} bestanden in totaal")
    print("CPU-seconden per proces (opstarten en imports inbegrepen), snelste van", RUNS)
    for kind, seconds in times.items():
        fastest = min(seconds)
        print(f"  {kind:9} {fastest:6.2f} s  ({fastest * 1000 / count:.3f} ms per casus)")
    print(f"verhoudingen: mediaan over {RUNS} rondes van de verhouding in die ronde")
    print(f"  warm / kaal:       {ratio(times, 'warm', 'bare'):.2f}x (doel <= {WARM_TARGET}x)")
    cold = rounds(times, "cold", "parts")
    print(
        f"  koud / onderdelen: {statistics.median(cold):.2f}x (doel <= {COLD_TARGET}x;"
        f" rondes {min(cold):.2f}-{max(cold):.2f})"
    )
    print(f"  koud / kaal:       {ratio(times, 'cold', 'bare'):.2f}x")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("--bare", "--parts"):
        (bare if sys.argv[1] == "--bare" else parts)(Path(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else CASES)

"""Benchmarks of `stand check` and `stand build` on generated corpora; writes docs/benchmarks.md.

For 10, 100 and 1000 casussen it generates a valid project in a temporary directory: casus files
of realistic size (~25 kB: a frontmatter like the 2022 report's, ten sections of prose, footnotes
citing bronnen), and per edition of at most 50 casussen an edition file, a bronnen list, an
inleiding and six rode draden whose recommendations answer every knelpunt. It then measures,
once each, every figure in its own child process:

- check: builder.pipeline.check on the project, in ms per content file;
- bare: yaml.load with yaml.CSafeLoader + model_validate of the schema model, on the same files
  (frontmatter only: the floor any validator pays), and the ratio check / bare;
- build: builder.pipeline.build (render, mkdocs per edition, Pagefind index, swap), in ms per
  published page;
- mkdocs: a plain `mkdocs build` (mkdocs-material, navigation.prune, search plugin off) of the
  same generated casussen and rode draden as ordinary Markdown pages, and the ratio build / mkdocs;
- peak memory: ru_maxrss of each child process (os.wait4; includes its own children, so the
  mkdocs workers, Chromium and the Pagefind indexer count for build: the largest of them),
  and printed for build, the build process's own peak.

Times are wall-clock seconds of the measured call only (imports excluded) on whatever else the
machine is doing: one run each, so read them as an order of magnitude. The 1000 case takes a few
minutes. The script writes docs/benchmarks.md itself and prints the table.

Run with `.venv/bin/python benchmarks/run.py` (or `make bench-report`).
"""

import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.content.body import CASE_CONTEXT_SECTIONS, ELEMENT_SECTIONS  # noqa: E402
from schema.speelveld import Element  # noqa: E402

OUTPUT = ROOT / "docs" / "benchmarks.md"
KEPT = "## Voor en na"  # this section and what follows it survive a rerun
SIZES = (10, 100, 1000)
PER_EDITION = 50  # a casus nummer is 1..99; larger corpora spread over several editions
FIRST_YEAR = 2001
ELEMENTS = tuple(e.value for e in Element)
SECTIONS = CASE_CONTEXT_SECTIONS + ELEMENT_SECTIONS
SENTENCES = (
    "De gemeente voert deze taak uit samen met haar ketenpartners in de regio.",
    "In de praktijk blijkt dat de professional niet altijd over de juiste informatie beschikt.",
    "Regels uit verschillende wetten spreken elkaar op dit punt soms tegen.",
    "De inwoner heeft te maken met meerdere loketten die elk een deel van de vraag behandelen.",
    "Een wijkteam kent de situatie, maar mag niet alles met de woningcorporatie delen.",
    "De consulent zoekt naar een oplossing op maat en moet daarvoor afwijken van de standaard.",
    "Na een verhuizing naar een andere gemeente begint het traject opnieuw.",
    "De beschikking komt pas na maanden, terwijl de situatie thuis snel verslechtert.",
    "Het netwerk rond het gezin is groot, maar niemand heeft de regie.",
    "Er is weinig tijd om het gesprek aan de keukentafel goed te voeren.",
    "De professional voelt zich gesteund door een leidinggevende die ruimte geeft.",
    "Het beleid is recent gewijzigd en nog niet iedereen kent de nieuwe afspraken.",
)
SOURCES_PER_EDITION = 20
PARAGRAPHS_PER_SECTION = 3
SENTENCES_PER_PARAGRAPH = 8


# -- the corpus ---------------------------------------------------------------------------------


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(SENTENCES_PER_PARAGRAPH))


def case_file(rng: random.Random, case_id: str, number: int, year: int) -> str:
    knelpunten = "".join(
        f"  - id: {case_id}-{element}\n"
        f"    element: {element}\n"
        "    kernzin: >-\n"
        f"      {rng.choice(SENTENCES)}\n"
        f"      {rng.choice(SENTENCES)}\n"
        f"    wat_is_nodig: [{element}-draad-1, {element}-draad-{1 + index % 2 + 1}]\n"
        for index, element in enumerate(ELEMENTS)
    )
    name = case_id.replace("-", " ").title()
    head = (
        f"id: {case_id}\n"
        f"nummer: {number}\n"
        f"titel: Casus {number} over {name}\n"
        "personas:\n"
        f"  - naam: {name}\n"
        f"    leeftijd: {20 + number % 60}\n"
        "    beschrijving: >-\n"
        f"      {paragraph(rng)}\n"
        f"gemeente: >-\n  {rng.choice(SENTENCES)}\n"
        "rollen: [dienstverlener, handhaver]\n"
        "ketenpartners: [Zorgaanbieder, Woningcorporatie, Wijkagent, CIZ, Zorgkantoor]\n"
        "wetten: [Wmo 2015, Wlz, AVG, Jeugdwet, Participatiewet]\n"
        f"knelpunten:\n{knelpunten}"
    )
    notes = rng.sample(range(1, SOURCES_PER_EDITION + 1), 3)
    story = f"## {name}\n\n" + "\n\n".join(paragraph(rng) for _ in range(4)) + "[^1]\n"
    sections = []
    for index, section in enumerate(SECTIONS):
        texts = [paragraph(rng) for _ in range(PARAGRAPHS_PER_SECTION)]
        if section.lower() in ELEMENTS:
            texts[0] += f" Zie de [rode draad](rode-draad:{section.lower()}-draad)."
        if index in (3, 6):
            texts[-1] += f"[^{2 if index == 3 else 3}]"
        sections.append(f"## {section}\n\n" + "\n\n".join(texts) + "\n")
    footnotes = "".join(
        f"[^{label}]: [Bron {source}, Den Haag {year - 1}](bron:bron-{source})\n"
        for label, source in enumerate(notes, start=1)
    )
    return f"---\n{head}---\n\n{story}\n" + "\n".join(sections) + f"\n{footnotes}"


def thread_file(rng: random.Random, element: str, order: int, cases: list[str]) -> str:
    named = cases[: min(len(cases), 12)]
    recommendations = "".join(
        f"  - id: {element}-draad-{n}\n"
        "    niveaus: [lokaal-regionaal, landelijk]\n"
        "    tekst: >-\n"
        f"      {rng.choice(SENTENCES)}\n"
        for n in (1, 2, 3)
    )
    mentions = " ".join(f"In de [casus](casus:{case}) zagen we dit ook." for case in named[:3])
    return (
        f"---\nid: {element}-draad\nelement: {element}\nvolgorde: {order}\n"
        f"titel: Rode draad over {element}\ncasussen: [{', '.join(named)}]\n"
        f"wat_is_nodig:\n{recommendations}---\n\n"
        + "\n\n".join(paragraph(rng) for _ in range(6))
        + f"\n\n{mentions}\n"
    )


def follow_up(year: int) -> str:
    """A published edition gives every recommendation of the one before a status."""
    if year == FIRST_YEAR:
        return ""
    return "opvolging:\n" + "".join(
        f"  - aanbeveling: {year - 1}/{element}-draad-{n}\n"
        "    status: opgelost\n    toelichting: Gedaan.\n"
        for element in ELEMENTS
        for n in (1, 2, 3)
    )


def edition_files(rng: random.Random, year: int, cases: list[str]) -> dict[str, str]:
    files = {
        f"content/edities/{year}.yml": (
            f"jaar: {year}\ntitel: Stand van de Uitvoering {year}\nstatus: gepubliceerd\n"
            f'publicatiedatum: "{year}-06"\nuitgever: VNG Realisatie\nauteurs: [Benchmark]\n'
            + follow_up(year)
        ),
        f"content/bronnen/{year}.yml": "".join(
            f"- id: bron-{n}\n  soort: publicatie\n"
            f"  vermelding: Bron {n}, Den Haag {year - 1}\n  jaar: {year - 1}\n"
            for n in range(1, SOURCES_PER_EDITION + 1)
        ),
        f"content/hoofdstukken/{year}/01-inleiding.md": (
            "---\nid: inleiding\ntitel: Inleiding\nvolgorde: 1\n---\n\n"
            + "\n\n".join(paragraph(rng) for _ in range(5))
            + "\n"
        ),
    }
    for order, element in enumerate(ELEMENTS, start=1):
        path = f"content/rode-draden/{year}/{order:02d}-{element}-draad.md"
        files[path] = thread_file(rng, element, order, cases)
    return files


def write_corpus(root: Path, count: int) -> None:
    rng = random.Random(count)  # the same corpus on every run
    files: dict[str, str] = {}
    for start in range(0, count, PER_EDITION):
        year = FIRST_YEAR + start // PER_EDITION
        numbers = range(1, min(PER_EDITION, count - start) + 1)
        cases = [f"persoon-{start + number}" for number in numbers]
        files |= edition_files(rng, year, cases)
        for number, case_id in zip(numbers, cases, strict=True):
            files[f"content/casussen/{year}/{number}-{case_id}.md"] = case_file(
                rng, case_id, number, year
            )
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "themes", root / "themes")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")


def write_plain_mkdocs(root: Path, target: Path) -> int:
    """The generated casussen and rode draden as an ordinary mkdocs-material project."""
    docs = target / "docs"
    pages = 0
    for kind in ("casussen", "rode-draden"):
        for source in sorted((root / "content" / kind).rglob("*.md")):
            _, head, body = source.read_text(encoding="utf-8").split("---\n", 2)
            title = next(line[7:] for line in head.splitlines() if line.startswith("titel: "))
            page = docs / kind / source.parent.name / source.name
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {title}\n{body}", encoding="utf-8")
            pages += 1
    (docs / "index.md").write_text("# Stand van de Uitvoering\n", encoding="utf-8")
    config = {
        "site_name": "Stand van de Uitvoering",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "nl", "features": ["navigation.prune"]},
        "plugins": [],
        "markdown_extensions": ["footnotes", "tables"],
    }
    (target / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return pages + 1


# -- measurements, each in a child process ------------------------------------------------------


def child(kind: str, path: str) -> dict[str, Any]:
    """Runs in the child: import first, then time only the measured call."""
    root = Path(path)
    if kind == "check":
        from builder.pipeline import check

        started = time.perf_counter()
        result = check(root)
        seconds = time.perf_counter() - started
        if not result.ok:
            raise SystemExit(f"het corpus is niet schoon: {result.errors[:3]}")
        return {"seconds": seconds, "files": result.file_count}
    if kind == "bare":
        import yaml
        from pydantic import BaseModel

        from schema import Case, Chapter, Edition, SourceList, Thread

        models: dict[str, type[BaseModel]] = {
            "casussen": Case,
            "rode-draden": Thread,
            "hoofdstukken": Chapter,
        }
        files = sorted(p for p in (root / "content").rglob("*") if p.is_file())
        started = time.perf_counter()
        for file in files:
            text = file.read_text(encoding="utf-8")
            folder = file.relative_to(root / "content").parts[0]
            if file.suffix == ".md":
                data = yaml.load(text.split("---\n", 2)[1], Loader=yaml.CSafeLoader)
                models[folder].model_validate(data)
            else:
                model: type[BaseModel] = SourceList if folder == "bronnen" else Edition
                model.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
        return {"seconds": time.perf_counter() - started, "files": len(files)}
    if kind == "build":
        from builder.pipeline import build

        started = time.monotonic()  # the clock of Published.live_at
        outcome = build(root, root / "site")
        seconds = time.monotonic() - started
        if outcome.published is None:
            raise SystemExit(f"de build is mislukt: {outcome.failure or outcome.errors[:3]}")
        live = outcome.published.live_at - started
        return {"seconds": seconds, "pages": outcome.published.page_count, "live": live}
    if kind == "mkdocs":
        import logging

        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        started = time.perf_counter()
        mkdocs_build(config)
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
        return {"seconds": time.perf_counter() - started, "pages": pages}
    raise SystemExit(f"unknown measurement {kind}")


@dataclass(frozen=True)
class Measured:
    seconds: float
    count: int  # files or pages
    peak_mb: float  # the largest process: the measured one or any of its children
    own_peak_mb: float  # the measured process alone (not mkdocs workers, Chromium, Pagefind)
    live: float  # build: seconds until the new site went live, before its PDFs


def measure(kind: str, path: Path) -> Measured:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(path)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # the rusage of this child (and its children)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"meting {kind} op {path} mislukte ({process.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    count = result.get("files", result.get("pages", 0))
    peak = usage.ru_maxrss / 1024
    return Measured(result["seconds"], count, peak, result["own_mb"], result.get("live", 0.0))


@dataclass(frozen=True)
class Row:
    cases: int
    check: Measured
    bare: Measured
    build: Measured
    mkdocs: Measured


def run_size(count: int) -> Row:
    with tempfile.TemporaryDirectory(prefix=f"stand-bench-{count}-") as temp:
        project, plain = Path(temp) / "project", Path(temp) / "plain"
        write_corpus(project, count)
        write_plain_mkdocs(project, plain)
        print(f"{count} casussen: check ...", file=sys.stderr, flush=True)
        check = measure("check", project)
        bare = measure("bare", project)
        print(f"{count} casussen: build ...", file=sys.stderr, flush=True)
        build = measure("build", project)
        print(f"{count} casussen: mkdocs ...", file=sys.stderr, flush=True)
        mkdocs = measure("mkdocs", plain)
    return Row(count, check, bare, build, mkdocs)


# -- the report ---------------------------------------------------------------------------------

HEADER = (
    "| casussen | bestanden | check ms/bestand | kaal ms/bestand | check ÷ kaal "
    "| pagina’s | build s | build ms/pagina | mkdocs pagina’s | mkdocs s | mkdocs ms/pagina "
    "| build ÷ mkdocs | idem per pagina | site live s | site live ÷ mkdocs per pagina "
    "| piek MB check | piek MB kaal | piek MB build | piek MB mkdocs |"
)


def table(rows: list[Row]) -> str:
    lines = [HEADER, "|" + "---:|" * HEADER.count(" | ") + "---:|"]
    for r in rows:
        build_per_page = r.build.seconds * 1000 / r.build.count
        mkdocs_per_page = r.mkdocs.seconds * 1000 / r.mkdocs.count
        cells = [
            f"{r.cases}",
            f"{r.check.count}",
            f"{r.check.seconds * 1000 / r.check.count:.2f}",
            f"{r.bare.seconds * 1000 / r.bare.count:.2f}",
            f"{r.check.seconds / r.bare.seconds:.1f}x",
            f"{r.build.count}",
            f"{r.build.seconds:.1f}",
            f"{build_per_page:.1f}",
            f"{r.mkdocs.count}",
            f"{r.mkdocs.seconds:.1f}",
            f"{mkdocs_per_page:.1f}",
            f"{r.build.seconds / r.mkdocs.seconds:.1f}x",
            f"{build_per_page / mkdocs_per_page:.1f}x",
            f"{r.build.live:.1f}",
            f"{r.build.live * 1000 / r.build.count / mkdocs_per_page:.1f}x",
            f"{r.check.peak_mb:.0f}",
            f"{r.bare.peak_mb:.0f}",
            f"{r.build.peak_mb:.0f}",
            f"{r.mkdocs.peak_mb:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def machine(started: dt.datetime, load_before: float) -> list[str]:
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "markdown-it-py", "pydantic", "PyYAML")
    )
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- datum: {started.strftime('%Y-%m-%d %H:%M')} UTC (duur "
        f"{(dt.datetime.now(dt.UTC) - started).total_seconds() / 60:.0f} min)",
        f"- nproc: {cpus}",
        f"- Python: {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}",
        f"- belasting (loadavg 1 min) bij de start {load_before:.2f}, aan het eind "
        f"{os.getloadavg()[0]:.2f}",
        f"- pakketten: {versions}",
    ]


def report(rows: list[Row], started: dt.datetime, load_before: float) -> str:
    return "\n".join(
        [
            "# Benchmarks",
            "",
            "Tot ‘Voor en na’ gemaakt door `benchmarks/run.py`; pas dat deel niet met de hand aan",
            "maar draai het script opnieuw (`make bench-report`). ‘Voor en na’ houdt het script.",
            "",
            table(rows),
            "Per grootte genereert het script een geldig project: casussen van ~25 kB (YAML-kop",
            "zoals in het rapport van 2022, tien secties, voetnoten naar bronnen), en per editie",
            f"van hoogstens {PER_EDITION} casussen een editiebestand, een bronnenlijst, een",
            "inleiding en zes rode draden waarvan de aanbevelingen elk knelpunt beantwoorden.",
            "",
            "- **check**: `builder.pipeline.check` (laden, posities, schema, Markdown, links).",
            "- **kaal**: alleen `yaml.load(..., Loader=yaml.CSafeLoader)` en `model_validate`",
            "  van het schema op de YAML-koppen van dezelfde bestanden.",
            "- **build**: `builder.pipeline.build`, koud: renderen, per editie een mkdocs-build,",
            "  de Pagefind-zoekindex, de wissel naar de nieuwe site en daarna de PDF’s; per",
            "  gepubliceerde pagina.",
            "- **mkdocs**: een gewone `mkdocs build` (mkdocs-material, `navigation.prune`, zonder",
            "  zoekplugin) van dezelfde casussen en rode draden als gewone Markdown-pagina’s.",
            "  Stand maakt van elke casus ook zes knelpuntpagina’s en per editie overzichts-,",
            "  element-, niveau- en aanbevelingspagina’s; vandaar meer pagina’s. ‘build ÷",
            "  mkdocs’ vergelijkt de totale tijden, ‘idem per pagina’ de tijd per pagina.",
            "- **site live**: dezelfde build tot de nieuwe site live staat (`Published.live_at`),",
            "  vóór de PDF’s, die Chromium daarna print (in een koude build per editie twee keer):",
            "  de PDF ligt niet op het pad van een wijziging in de inhoud.",
            "- **piek MB**: `ru_maxrss` van het kindproces van de meting (via `os.wait4`):",
            "  het grootste proces, het gemeten proces zelf of een van zijn kindprocessen (bij",
            "  build de mkdocs-processen, Chromium, de Pagefind-indexer). Het script drukt voor",
            "  build ook de piek van het buildproces zelf af.",
            "",
            "Elke meting draait één keer, in een eigen kindproces; de tijd is die van de gemeten",
            "aanroep (zonder het opstarten van Python en de imports). Andere processen op de",
            "machine tellen mee: lees de getallen als orde van grootte.",
            "",
            "## Machine",
            "",
            *machine(started, load_before),
            "",
        ]
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        result = child(sys.argv[2], sys.argv[3])
        result["own_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    sizes = [int(arg) for arg in sys.argv[1:]] or list(SIZES)
    started, load_before = dt.datetime.now(dt.UTC), os.getloadavg()[0]
    rows = [run_size(count) for count in sizes]
    text = report(rows, started, load_before)
    old = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if KEPT in old:  # measurements by the other benchmark scripts, written by hand
        text += "\n" + KEPT + old.split(KEPT, 1)[1]
    OUTPUT.write_text(text, encoding="utf-8")
    print(table(rows), end="")
    for row in rows:
        print(
            f"piek MB build bij {row.cases} casussen: {row.build.peak_mb:.0f}, waarvan het "
            f"buildproces zelf {row.build.own_peak_mb:.0f} (de rest: mkdocs-processen, Chromium)"
        )
    print(f"Geschreven: {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

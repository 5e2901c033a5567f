"""Make the next edition on a copy of the repository exactly as docs/schrijfwijzer.md says
("Een nieuwe editie maken"): its commands, in order, with the writing done in between."""

import hashlib
import io
import re
import shlex
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from builder.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "schrijfwijzer.md"
CHAPTER = "## Een nieuwe editie maken"
MARKER = re.compile("nog in te vullen", re.IGNORECASE)
# what the copy needs to build and to run the tests against its own content
COPIED = ("content", "themes", "tests", "docs", "mkdocs.yml", "pyproject.toml")


def guide_commands(guide: Path = GUIDE) -> list[str]:
    """The `stand` commands in the chapter's ```sh blocks, in order."""
    chapter = guide.read_text(encoding="utf-8").split(CHAPTER, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", chapter, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


PROGRAM = ".venv/bin/stand"  # how the guide runs stand after `make site`


def tree(site: Path) -> dict[str, tuple[str, int]]:
    """path -> (sha256, mtime_ns) for every file under site."""
    return {
        str(p.relative_to(site)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@dataclass(frozen=True)
class NextEdition:
    project: Path
    previous: int
    year: int
    before: dict[str, tuple[str, int]]  # the previous edition's site files before the new one
    outputs: dict[str, str]  # command -> what it printed
    case_id: str  # the new casus, continuing the previous edition's casus of the same id
    thread_id: str
    continued: str  # the previous edition's recommendation the new thread continues


def make_next_edition(target: Path, monkeypatch: pytest.MonkeyPatch) -> NextEdition:
    project = target / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    if (ROOT / "node_modules").is_dir():  # axe-core and the Nu Html Checker, for its tests
        (project / "node_modules").symlink_to(ROOT / "node_modules")
    commands = guide_commands(project / "docs" / "schrijfwijzer.md")
    first = shlex.split(commands[0])
    assert first[:3] == [PROGRAM, "new", "editie"], commands[0]
    year, previous = int(first[3]), int(first[first.index("--van") + 1])
    monkeypatch.chdir(project / "content")  # stand finds the project from a subfolder
    with redirect_stdout(io.StringIO()):
        assert main(["build"]) == 0
    before = {k: v for k, v in tree(project / "site").items() if k.startswith(f"{previous}/")}
    outputs: dict[str, str] = {}
    filled = False
    for command in commands:
        words = shlex.split(command)
        assert words[0] == PROGRAM, command
        if words[1] in ("check", "status", "publiceren", "build") and not filled:
            fill_in(project, year, previous)
            filled = True
        printed = io.StringIO()
        with redirect_stdout(printed):
            code = main(words[1:])
        outputs[command] = printed.getvalue()
        assert code == 0, f"`{command}` gave exit code {code}:\n{printed.getvalue()}"
    case = next((project / "content" / "casussen" / str(year)).glob("*.md"))
    thread = next((project / "content" / "rode-draden" / str(year)).glob("*.md"))
    return NextEdition(
        project,
        previous,
        year,
        before,
        outputs,
        case.stem.split("-", 1)[1],
        thread.stem.split("-", 1)[1],
        CONTINUED,
    )


CONTINUED = "avg-1"  # a recommendation of the 2022 report that the new thread continues


def fill_places(text: str, name: str) -> str:
    """Each open place its own words, as editors write them: search must tell them apart."""
    parts = MARKER.split(text)
    filled = [f"{part}Ingevulde tekst {name} {n}" for n, part in enumerate(parts[:-1], 1)]
    return "".join(filled) + parts[-1]


def fill_in(project: Path, year: int, previous: int) -> None:
    """What the editors write: every open place, one `vorige` per kind, a link to the previous
    edition, and a follow-up status for each of its recommendations."""
    content = project / "content"
    for path in sorted(content.rglob(f"{year}*")) + sorted(content.rglob(f"{year}/*.md")):
        if path.is_file():
            text = fill_places(path.read_text(encoding="utf-8"), path.stem)
            path.write_text(text, encoding="utf-8")
    case = next((content / "casussen" / str(year)).glob("*.md"))
    case_id = case.stem.split("-", 1)[1]
    text = case.read_text(encoding="utf-8").replace(
        "\nnummer:", f"\nvorige: {previous}/{case_id}\nnummer:", 1
    )
    text += f"\nZie ook [{case_id} in {previous}](casus:{previous}/{case_id}).\n"
    thread = next((content / "rode-draden" / str(year)).glob("*.md"))
    thread_id = thread.stem.split("-", 1)[1]
    answered = f"  - id: {case_id}-informatie\n    element: informatie\n"
    start = text.index(answered)
    end = text.index("zonder_antwoord:", start)
    text = text[:end] + f"wat_is_nodig: [{thread_id}-1]" + text[text.index("\n", end) :]
    case.write_text(text, encoding="utf-8")
    add_chart(next((content / "hoofdstukken" / str(year)).glob("*.md")))
    text = thread.read_text(encoding="utf-8")
    text = text.replace("casussen: []", f"casussen: [{case_id}]", 1)
    text = text.replace("niveaus: []", f"niveaus: [landelijk]\n    vorige: {previous}/{CONTINUED}")
    thread.write_text(text, encoding="utf-8")
    edition = content / "edities" / f"{year}.yml"
    entries = [
        {
            "aanbeveling": f"{previous}/{rec}",
            "status": "aanhoudend" if rec == CONTINUED else "opgelost",
            "toelichting": f"Toelichting bij {rec}.",
        }
        for rec in recommendations(content, previous)
    ]
    text = edition.read_text(encoding="utf-8").replace("opvolging: []\n", "")
    text += yaml.safe_dump({"opvolging": entries}, allow_unicode=True, sort_keys=False)
    edition.write_text(text, encoding="utf-8")


def add_chart(chapter: Path) -> None:
    """A figure as data, placed in the text with a ```grafiek block."""
    front, body = chapter.read_text(encoding="utf-8").split("---\n", 2)[1:]
    chart = {"id": "aantal-casussen", "titel": "Casussen per editie", "eenheid": "aantal"}
    chart["waarden"] = [{"label": "Deze editie", "waarde": 1}]  # type: ignore[assignment]
    front += yaml.safe_dump({"grafieken": [chart]}, allow_unicode=True, sort_keys=False)
    body += "\n```grafiek\naantal-casussen\n```\n"
    chapter.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def recommendations(content: Path, year: int) -> list[str]:
    ids = []
    for path in sorted((content / "rode-draden" / str(year)).glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
        ids += [r["id"] for r in yaml.safe_load(front)["wat_is_nodig"]]
    return ids

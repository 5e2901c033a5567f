"""The `stand` command: parses arguments, runs the pipeline, prints reports, sets exit codes.

This is the only module that prints or exits.
"""

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from builder.cli import values
from builder.cli import workflow as cli_workflow
from builder.cli.dutch import DutchArgumentParser, in_dutch
from builder.content.layout import Kind, yaml_file
from builder.editor.json_schema import SCHEMA_DIR, write_json_schemas
from builder.editor.publishing import publish_edition
from builder.errors import ContentError, Severity
from builder.pipeline import BuildOutcome, build, check, freeze_edition
from builder.report import (
    format_github,
    format_json,
    format_summary,
    format_text,
    line_reader,
)

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def make_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="stand", description="Publicatiesysteem voor de Stand van de Uitvoering."
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        help="map van het project (standaard: de map met ‘content/’ waar u nu in staat)",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser
    )
    checker = commands.add_parser("check", help="controleer alle inhoud")
    checker.add_argument(
        "paths",
        nargs="*",
        metavar="PAD",
        help="toon alleen meldingen over deze bestanden of mappen",
    )
    checker.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text: voor mensen (standaard); github: in een pull request; json: voor tools",
    )
    checker.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    checker.add_argument(
        "--alleen-fouten",
        action="store_true",
        help="toon geen waarschuwingen (zoals ‘nog in te vullen’); de telling noemt ze wel",
    )
    builder = commands.add_parser("build", help="controleer de inhoud en bouw de site")
    builder.add_argument(
        "--site", type=Path, default=None, help="map voor de site (standaard: site/ in het project)"
    )
    builder.add_argument(
        "--concept",
        action="store_true",
        help="bouw ook concept-edities (voor een voorbeeldweergave)",
    )
    freezer = commands.add_parser(
        "vastleggen", help="leg de inhoud van een gepubliceerde editie vast"
    )
    freezer.add_argument("jaar", type=values.year)
    publisher = commands.add_parser(
        "publiceren", help="publiceer een concept-editie: controleren, status en datum, vastleggen"
    )
    publisher.add_argument("jaar", type=values.year)
    publisher.add_argument(
        "--datum",
        type=dt.date.fromisoformat,
        default=None,
        metavar="JJJJ-MM-DD",
        help="publicatiedatum (standaard: vandaag)",
    )
    schemas = commands.add_parser("schema", help="schrijf JSON Schema voor de YAML-koppen")
    schemas.add_argument(
        "--map",
        type=Path,
        default=None,
        dest="target",
        metavar="MAP",
        help=f"doelmap (standaard: {SCHEMA_DIR.as_posix()}/ in het project)",
    )
    cli_workflow.add_commands(commands, DutchArgumentParser)  # new, serve, status
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's shutdown
        return code
    except BrokenPipeError:
        # `stand check | head`: the reader stopped listening; end quietly, as a shell tool does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CONTENT


def run(argv: Sequence[str] | None) -> int:
    with in_dutch():
        parser = make_parser()
        args = parser.parse_args(argv)
        if args.command is None:  # `stand` alone
            parser.print_help()
            return EXIT_OK
    root: Path = (args.project or find_root(Path.cwd())).resolve()
    if args.command == "schema":
        return run_schema(args.target or root / SCHEMA_DIR)
    if not (root / "content").is_dir():
        print(f"stand: geen map ‘content’ gevonden in {root}.", file=sys.stderr)
        return EXIT_USAGE
    if args.command in cli_workflow.COMMANDS:
        return cli_workflow.run(root, args)
    if args.command == "check":
        return run_check(root, args.paths, args.format, args.strict, args.alleen_fouten)
    if args.command == "build":
        return run_build(root, args.site or root / "site", args.concept)
    if args.command == "vastleggen":
        return run_freeze(root, args.jaar)
    if args.command == "publiceren":
        return run_publish(root, args.jaar, args.datum or dt.date.today())
    return EXIT_USAGE


def find_root(start: Path) -> Path:
    """The project is the nearest folder, from here upwards, that holds content/."""
    for folder in (start, *start.parents):
        if (folder / "content").is_dir():
            return folder
    return start


def run_check(
    root: Path, paths: list[str], output: str, strict: bool, only_errors: bool = False
) -> int:
    selected = _selected(root, paths)
    if selected is None:
        return EXIT_USAGE
    # The documents of a check stay alive until linking is done: the garbage collector would
    # only scan them again and again (a sixth of a cold check) and free nothing. Once check
    # returns they are gone, and collecting is cheap again.
    gc.disable()
    try:
        result = check(root, cached=True)
    finally:
        gc.enable()
    errors = [e for e in result.errors if _is_selected(e.file, selected)]
    shown = [e for e in errors if not only_errors or e.severity is Severity.ERROR]
    print_report(root, errors, result.file_count, output, shown)
    return exit_code(errors, strict)


def run_freeze(root: Path, year: int) -> int:
    outcome = freeze_edition(root, year)
    if outcome is not None:
        print(f"stand: {outcome}", file=sys.stderr)
        return EXIT_CONTENT
    print(
        f"Editie {year} is vastgelegd in content/edities/{year}.yml "
        f"(en per bestand in content/edities/{year}.vastgelegd)."
    )
    return EXIT_OK


def run_publish(root: Path, year: int, date: dt.date) -> int:
    outcome = publish_edition(root, year, date)
    if outcome.blocking:
        sys.stdout.write(format_text(outcome.blocking, line_reader(root)))
    if outcome.refusal is not None:
        print(f"stand: {outcome.refusal}", file=sys.stderr)
        return EXIT_CONTENT
    edition_file = yaml_file(Kind.EDITION, year)
    print(f"Editie {year} is gepubliceerd ({date.isoformat()}) en vastgelegd in {edition_file}.")
    print("Zet de wijziging in een pull request; na het samenvoegen bouwt GitHub de site.")
    return EXIT_OK


def run_build(root: Path, site_dir: Path, concept: bool) -> int:
    outcome = build(root, site_dir, concept)
    print_report(root, outcome.errors, outcome.file_count, "text")
    if outcome.failure:
        print(f"stand: {outcome.failure}", file=sys.stderr)
    if outcome.published is None:
        print(f"De site is niet gebouwd; {site_dir} is niet gewijzigd.")
        return EXIT_CONTENT
    print(f"Site gebouwd: {outcome.published.page_count} pagina’s in {site_dir}.")
    for year in sorted([*outcome.published.years, *outcome.skipped]):
        print(f"  Editie {year}: {_edition_outcome(year, outcome)}.")
    for note in outcome.published.notes:
        print(f"Let op: {note}")
    return EXIT_OK


def _edition_outcome(year: int, outcome: BuildOutcome) -> str:
    assert outcome.published is not None
    if year in outcome.skipped:
        return "overgeslagen (concept; ‘stand build --concept’ bouwt een voorbeeld)"
    if year in outcome.published.reused:
        return "ongewijzigd overgenomen (bevroren)"
    return "gebouwd"


def run_schema(target: Path) -> int:
    for path in write_json_schemas(target):
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        print(f"JSON Schema geschreven: {shown}")
    return EXIT_OK


def print_report(
    root: Path,
    errors: list[ContentError],
    file_count: int,
    output: str,
    shown: list[ContentError] | None = None,
) -> None:
    """`shown` (default: all) are printed; the summary counts every one of `errors`."""
    shown = errors if shown is None else shown
    if output == "json":
        sys.stdout.write(format_json(shown, file_count))
        return
    if output == "github":
        sys.stdout.write(format_github(shown))
    else:
        sys.stdout.write(format_text(shown, line_reader(root)))
    print(format_summary(errors, file_count))


def exit_code(errors: list[ContentError], strict: bool) -> int:
    failing = [e for e in errors if strict or e.severity is Severity.ERROR]
    return EXIT_CONTENT if failing else EXIT_OK


def _selected(root: Path, paths: list[str]) -> list[PurePosixPath] | None:
    selected = []
    for raw in paths:
        path = Path(raw).resolve()
        if not path.exists():
            print(f"stand: ‘{raw}’ bestaat niet.", file=sys.stderr)
            return None
        try:
            selected.append(PurePosixPath(path.relative_to(root).as_posix()))
        except ValueError:
            print(f"stand: ‘{raw}’ ligt buiten het project {root}.", file=sys.stderr)
            return None
    return selected


def _is_selected(file: PurePosixPath, selected: list[PurePosixPath]) -> bool:
    return not selected or any(file == s or s in file.parents or str(s) == "." for s in selected)

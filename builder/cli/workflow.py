"""The editors' commands of `stand`: `new`, `serve` and `status` (part of the CLI boundary:
like cli.py, this module prints and chooses exit codes; the work happens in the modules it calls).
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from builder.cli.values import port, year
from builder.editor import DEFAULT_PORT
from schema.speelveld import Element

# The commands' modules are imported where they run: `stand check`, the command run most
# often (on every commit), starts without them.
if TYPE_CHECKING:
    from builder.editor.scaffold import NewEdition, Scaffolded

COMMANDS = ("new", "serve", "status")
EXIT_OK, EXIT_USAGE = 0, 2


Parser = TypeVar("Parser", bound=argparse.ArgumentParser)


def add_commands(
    commands: "argparse._SubParsersAction[Parser]", parser_class: type[Parser]
) -> None:
    new = commands.add_parser(
        "new", help="maak een nieuwe editie, casus, rode draad of hoofdstuk om in te vullen"
    )
    kinds = new.add_subparsers(
        dest="kind", required=True, metavar="SOORT", parser_class=parser_class
    )
    case = kinds.add_parser("casus", help="een nieuwe casus")
    thread = kinds.add_parser("rode-draad", help="een nieuwe rode draad")
    chapter = kinds.add_parser("hoofdstuk", help="een nieuw hoofdstuk")
    edition = kinds.add_parser("editie", help="een nieuwe editie (concept)")
    edition.add_argument("jaar", type=year, metavar="JAAR")
    edition.add_argument(
        "--van",
        type=year,
        default=None,
        metavar="JAAR",
        help="neem de hoofdstukken (alleen de koppen) over uit deze eerdere editie",
    )
    chapter.add_argument("--volgorde", type=int, default=None, help="standaard: de volgende")
    for sub in (case, thread, chapter):
        sub.add_argument("--editie", type=year, required=True, metavar="JAAR")
        sub.add_argument("--titel", required=True, help="de titel zoals in het rapport")
        sub.add_argument("--id", default=None, help="eigen id (standaard: gemaakt uit de naam)")
    case.add_argument(
        "--persona",
        action="append",
        default=[],
        metavar="NAAM",
        help="naam van een persona; herhaal voor meer persona’s",
    )
    case.add_argument("--nummer", type=int, default=None, help="standaard: het volgende vrije")
    thread.add_argument("--element", required=True, choices=[e.value for e in Element])
    thread.add_argument("--volgorde", type=int, default=None, help="standaard: de volgende")
    server = commands.add_parser("serve", help="bekijk de site terwijl u schrijft")
    server.add_argument(
        "--port",
        type=port,
        default=DEFAULT_PORT,
        help=f"poort op 127.0.0.1 (standaard: {DEFAULT_PORT})",
    )
    status = commands.add_parser("status", help="toon wat er in een editie nog ontbreekt")
    status.add_argument(
        "--editie", type=year, default=None, metavar="JAAR", help="standaard: de nieuwste editie"
    )
    status.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="markdown: een overzicht van alle edities (voor de samenvatting van een pull request)",
    )


def run(root: Path, args: argparse.Namespace) -> int:
    if args.command == "new":
        return run_new(root, args)
    if args.command == "serve":
        return run_serve(root, args.port)
    return run_status(root, args.editie, args.format)


def run_new(root: Path, args: argparse.Namespace) -> int:
    from builder.editor.scaffold import (
        ScaffoldError,
        new_case,
        new_chapter,
        new_edition,
        new_thread,
    )

    try:
        if args.kind == "editie":
            print_new_edition(root, args.jaar, new_edition(root, args.jaar, args.van))
            return EXIT_OK
        if args.kind == "casus":
            made = new_case(root, args.editie, args.titel, args.persona, args.id, args.nummer)
        elif args.kind == "hoofdstuk":
            made = new_chapter(root, args.editie, args.titel, args.id, args.volgorde)
        else:
            made = new_thread(root, args.editie, args.titel, args.element, args.id, args.volgorde)
    except ScaffoldError as refused:
        print(f"stand: {refused}", file=sys.stderr)
        return EXIT_USAGE
    print_made(root, made)
    return EXIT_OK


def print_made(root: Path, made: "Scaffolded") -> None:
    if made.edition is not None:
        print(f"Nieuwe editie (concept): {made.edition.relative_to(root).as_posix()}")
    print(made.path.relative_to(root).as_posix())


def print_new_edition(root: Path, year: int, made: "NewEdition") -> None:
    from builder.editor.scaffold_text import next_steps

    edition = made.edition.relative_to(root).as_posix()
    print(f"Nieuwe editie (concept): {edition}")
    print(made.sources.relative_to(root).as_posix())
    for path in made.chapters:
        print(path.relative_to(root).as_posix())
    print()
    sys.stdout.write(next_steps(year, edition, made.previous))


def run_serve(root: Path, port: int) -> int:
    # imported here: the server loads the whole site stage, which the other commands do not need
    from builder.editor.serve import ServeError, serve

    try:
        serve(root, port, log=lambda text: print(text, flush=True))
    except ServeError as problem:
        print(f"stand: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run_status(root: Path, year: int | None, output: str) -> int:
    from builder.editor.status import (
        StatusError,
        format_markdown,
        format_status,
        read_all_statuses,
        read_status,
    )

    try:
        if output == "markdown":
            statuses = [read_status(root, year)] if year else read_all_statuses(root)
            sys.stdout.write(format_markdown(statuses))
        else:
            sys.stdout.write(format_status(read_status(root, year)))
    except StatusError as problem:
        print(f"stand: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK

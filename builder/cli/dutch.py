"""argparse in Dutch: its own texts (usage, help, errors) translated, for editors at the prompt.

argparse looks its texts up through the module-level gettext function `_` at call time, so
giving it a Dutch lookup translates usage lines, section titles and error messages alike.
`in_dutch()` does that only while the command line builds and runs its parser, and puts
argparse back after, so importing this module changes nothing.
"""

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

TEXTS = {
    "usage: ": "gebruik: ",
    "positional arguments": "opdrachten en argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "‘%(value)s’ bestaat niet (kies uit %(choices)s)"
    ),
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "hier hoort één waarde achter",
    "invalid %(type)s value: %(value)r": "‘%(value)s’ is geen geldige waarde",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "‘%(option)s’ kan meerdere opties zijn: %(matches)s"
    ),
}


def _dutch(text: str) -> str:
    return TEXTS.get(text, text)


@contextmanager
def in_dutch() -> Iterator[None]:
    """argparse's own texts in Dutch inside the block (building, help, errors), English after."""
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = _dutch  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = english  # type: ignore[attr-defined]


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"stand: fout in de opdracht: {message}", file=sys.stderr)
        raise SystemExit(2)

"""argparse in Dutch: its own texts (usage, help, errors) translated, for editors at the prompt.

argparse looks its texts up through the module-level gettext function `_` at call time, so
giving it a Dutch lookup translates usage lines, section titles and error messages alike.
`in_dutch()` does that only while the command line builds and runs its parser, and puts
argparse back after, so importing this module changes nothing.
"""

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from builder.messages import suggest

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


INVALID_CHOICE = re.compile(r"‘(?P<value>.*)’ bestaat niet \(kies uit (?P<choices>.*)\)$")


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        invalid = INVALID_CHOICE.search(message)
        if invalid is not None:  # argparse lists the choices as Python reprs: 'check', 'new'
            quoted = re.sub(r"'([^']*)'", r"‘\1’", invalid["choices"])
            message = (
                message[: invalid.start("choices")] + quoted + message[invalid.end("choices") :]
            )
        self.print_usage(sys.stderr)
        print(f"stand: fout in de opdracht: {message}", file=sys.stderr)
        hint = did_you_mean(message)
        if hint:
            print(f"stand: {hint.strip()}", file=sys.stderr)
        raise SystemExit(2)


def did_you_mean(message: str) -> str:
    """'Bedoelde u ‘check’?' for a mistyped command or choice, else ''."""
    invalid = INVALID_CHOICE.search(message)
    if invalid is None:
        return ""
    choices = re.findall(r"[‘']([^’']*)[’']", invalid["choices"])
    return suggest(invalid["value"], choices)

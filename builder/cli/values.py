"""Argument types of the command line: a number argparse accepts may still make no sense."""

import argparse

from builder.messages import command_text

MIN_YEAR, MAX_YEAR = 1000, 9999  # an edition's year names folders: content/casussen/<jaar>/


def port(text: str) -> int:
    value = _number(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(command_text("opdracht.poort", value=value))
    return value


def year(text: str) -> int:
    value = _number(text)
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise argparse.ArgumentTypeError(command_text("opdracht.jaartal", text=text))
    return value


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(command_text("opdracht.getal", text=text)) from None

"""Argument types of the command line: a number argparse accepts may still make no sense."""

import argparse

MIN_YEAR, MAX_YEAR = 1000, 9999  # an edition's year names folders: content/casussen/<jaar>/


def port(text: str) -> int:
    value = _number(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"poort {value} bestaat niet (kies 0 tot en met 65535)")
    return value


def year(text: str) -> int:
    value = _number(text)
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"‘{text}’ is geen jaartal (schrijf het jaar voluit)")
    return value


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"‘{text}’ is geen getal") from None

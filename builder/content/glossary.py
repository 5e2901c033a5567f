"""The glossary content/afkortingen.yml (`Afkorting: betekenis`), one for all editions."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.content.layout import GLOSSARY_FILE
from builder.content.load import read_yaml_file
from builder.errors import ContentError
from builder.messages import GLOSSARY_PROBLEMS, make_error

# An abbreviation is a whole word with exactly these letters: 'Wmo 2015', 'ICT-systemen' and
# 'MDO’s' count, 'RESULTAAT' does not.
TERM = re.compile(r"^[A-Za-z]{2,10}$")


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str] = field(default_factory=dict)  # abbreviation -> expansion

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        words = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        return re.compile(rf"(?<!\w)({words})(?!\w)")


def load_glossary(root: Path) -> tuple[Glossary, list[ContentError]]:
    """The project's glossary; an absent file is an empty glossary.

    Read by the same hardened reader as every other YAML file (builder/content/load.py).
    """
    path = root / GLOSSARY_FILE
    if not path.exists() and not path.is_symlink():
        return Glossary(), []
    composed, error = read_yaml_file(root, GLOSSARY_FILE)
    if composed is None:
        return Glossary(), [error] if error else []
    data = composed.data
    if data is None:
        return Glossary(), []
    if not isinstance(data, dict):
        problem = GLOSSARY_PROBLEMS["geen-lijst"]
        return Glossary(), [_invalid(composed.values.get((), (1, 1)), problem)]
    terms: dict[str, str] = {}
    errors = []
    for key, value in data.items():  # keys are text as written, also `true:` or `0x6e:`
        position = composed.keys.get((key,), (1, 1))
        if not TERM.match(key):
            problem = GLOSSARY_PROBLEMS["geen-afkorting"].format(key=key)
            errors.append(_invalid(position, problem))
        elif not isinstance(value, str) or not value.strip():
            errors.append(_invalid(position, GLOSSARY_PROBLEMS["geen-betekenis"].format(key=key)))
        else:
            terms[key] = " ".join(value.split())
    return Glossary(terms), errors


def _invalid(position: tuple[int, int], problem: str) -> ContentError:
    return make_error("afkortingen.invalid", GLOSSARY_FILE, *position, problem=problem)

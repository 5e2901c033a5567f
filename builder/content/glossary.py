"""The glossary content/afkortingen.yml (`Afkorting: betekenis`), one for all editions."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.content.layout import GLOSSARY_FILE
from builder.errors import ContentError
from builder.messages import make_error

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
    """The project's glossary; an absent file is an empty glossary."""
    path = root / GLOSSARY_FILE
    if not path.is_file():
        return Glossary(), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as problem:
        line = getattr(getattr(problem, "problem_mark", None), "line", None)
        return Glossary(), [
            make_error(
                "afkortingen.invalid",
                GLOSSARY_FILE,
                line + 1 if line is not None else None,
                problem=str(problem).splitlines()[0],
            )
        ]
    if data is None:
        return Glossary(), []
    if not isinstance(data, dict):
        return Glossary(), [
            make_error(
                "afkortingen.invalid",
                GLOSSARY_FILE,
                1,
                problem="de lijst is geen ‘Afkorting: betekenis’-lijst",
            )
        ]
    terms: dict[str, str] = {}
    errors = []
    for key, value in data.items():
        if not isinstance(key, str) or not TERM.match(key):
            errors.append(
                make_error(
                    "afkortingen.invalid",
                    GLOSSARY_FILE,
                    None,
                    problem=f"‘{key}’ is geen afkorting van 2 tot 10 letters",
                )
            )
        elif not isinstance(value, str) or not value.strip():
            errors.append(
                make_error(
                    "afkortingen.invalid",
                    GLOSSARY_FILE,
                    None,
                    problem=f"‘{key}’ heeft geen betekenis",
                )
            )
        else:
            terms[key] = " ".join(value.split())
    return Glossary(terms), errors

"""The newest published edition, read from the content: tests about 'the current report' use
this, so publishing a new edition needs no change to the tests."""

from pathlib import Path

import yaml

CONTENT = Path(__file__).resolve().parent.parent / "content"


def newest_published_year(content: Path = CONTENT) -> int:
    years = []
    for path in (content / "edities").glob("*.yml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if isinstance(data, dict) and data.get("status") == "gepubliceerd":
            years.append(int(data["jaar"]))
    assert years, f"no published edition in {content}"
    return max(years)


def edition_of_case(slug: str, content: Path = CONTENT) -> int:
    """The edition whose casussen include `slug`: tests that visit a report's pages by name
    (Peter's casus, the AVG rode draad) take the year from where that casus lives."""
    years = {int(path.parent.name) for path in (content / "casussen").glob(f"*/*-{slug}.md")}
    assert len(years) == 1, f"casus {slug!r} in editions {sorted(years)}"
    return years.pop()

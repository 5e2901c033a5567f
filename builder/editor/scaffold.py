"""`stand new`: write a new casus or rode draad as a form, with every field and section to fill in.

The file is valid from the start: what the editor still has to write says "nog in te vullen",
which `stand check` reports as a warning (builder/content/placeholders.py), never as an error.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.content.frontmatter import SplitError, split
from builder.content.layout import RESERVED_CHAPTER_IDS, Kind, markdown_folder, yaml_file
from builder.content.load import read_data
from builder.content.placeholders import MARKER
from builder.editor.scaffold_text import (
    case_text,
    chapter_text,
    edition_text,
    sources_text,
    thread_text,
)
from builder.messages import command_text
from schema.common import SLUG_PATTERN
from schema.speelveld import Element

MAX_CASE_NUMBER = 99  # schema.case.Case.number
SLUG_LIMIT = 40  # characters: ids end up in URLs, so a long title gives a shortened id
TITLE_WORDS = 4
# Left out of ids made from titles: 'Een nieuwe kans of verstoring van de rust?' -> nieuwe-kans-...
STOPWORD_TEXT = (
    "aan als bij dan dat de die door een en er het hoe in is met na naar niet of om op over te "
    "tot uit van voor wat wie wordt zijn"
)
STOPWORDS = frozenset(STOPWORD_TEXT.split())


class ScaffoldError(Exception):
    """`stand new` refused; the message is Dutch and shown to the editor as is."""


@dataclass(frozen=True)
class Scaffolded:
    path: Path  # the new casus or rode draad
    edition: Path | None = None  # the edition file, when this run created it


@dataclass(frozen=True)
class Existing:
    """What an edition already holds, read leniently: the files may still contain errors."""

    ids: frozenset[str]
    case_numbers: frozenset[int]
    thread_orders: frozenset[int]
    status: str | None  # the edition's status; None when there is no edition file yet


def new_case(
    root: Path,
    year: int,
    title: str,
    personas: list[str],
    case_id: str | None = None,
    number: int | None = None,
) -> Scaffolded:
    existing = _prepare(root, year, title)
    folder = root / markdown_folder(Kind.CASE, year)
    number = _choose_number(number, existing.case_numbers, MAX_CASE_NUMBER)
    if case_id is not None:
        _refuse_existing(root, folder / f"{number}-{case_id}.md")
    if number in existing.case_numbers:
        raise ScaffoldError(command_text("new.casus-bestaat", number=number, year=year))
    story = story_heading(personas)
    elements = [e.value for e in Element]
    name = slugify(story) if story else title_slug(title)
    chosen = _choose_id(case_id, name, "casus", existing, elements)
    text = case_text(year, chosen, number, title, personas, story or MARKER)
    return _write(root, year, folder / f"{number}-{chosen}.md", text, existing)


def new_thread(
    root: Path,
    year: int,
    title: str,
    element: str,
    thread_id: str | None = None,
    order: int | None = None,
) -> Scaffolded:
    if element not in {e.value for e in Element}:
        raise ScaffoldError(command_text("new.geen-element", element=element))
    existing = _prepare(root, year, title)
    folder = root / markdown_folder(Kind.THREAD, year)
    order = _choose_number(order, existing.thread_orders, None)
    if thread_id is not None:
        _refuse_existing(root, folder / f"{order:02d}-{thread_id}.md")
    if order in existing.thread_orders:
        raise ScaffoldError(command_text("new.rode-draad-bestaat", order=order, year=year))
    chosen = _choose_id(thread_id, title_slug(title), "rode-draad", existing, ["1"])
    text = thread_text(year, chosen, order, title, element)
    return _write(root, year, folder / f"{order:02d}-{chosen}.md", text, existing)


@dataclass(frozen=True)
class NewEdition:
    edition: Path
    sources: Path
    chapters: list[Path]
    previous: int | None


def new_edition(root: Path, year: int, previous: int | None = None) -> NewEdition:
    """A concept edition: its edition file, an empty bronnen file and, copied from the
    previous edition with --van, a skeleton of every chapter (headings only, still open)."""
    edition = root / yaml_file(Kind.EDITION, year)
    sources = root / yaml_file(Kind.SOURCES, year)
    for path in (edition, sources):
        _refuse_existing(root, path)
    if previous is not None and previous >= year:
        raise ScaffoldError(command_text("new.van-niet-eerder", year=year, previous=previous))
    skeletons = _chapter_skeletons(root, previous) if previous is not None else []
    chapters = []
    _create(edition, edition_text(year, previous))
    _create(sources, sources_text(year))
    for name, text in skeletons:
        path = root / markdown_folder(Kind.CHAPTER, year) / name
        _create(path, text)
        chapters.append(path)
    return NewEdition(edition, sources, chapters, previous)


def new_chapter(
    root: Path, year: int, title: str, chapter_id: str | None = None, order: int | None = None
) -> Scaffolded:
    existing = _prepare(root, year, title)
    folder = root / markdown_folder(Kind.CHAPTER, year)
    orders = {_number(_read_yaml(p), "volgorde", p) for p in folder.glob("*.md")} - {0}
    order = _choose_number(order, frozenset(orders), None)
    chosen = _choose_id(chapter_id, title_slug(title), "hoofdstuk", existing, [])
    if chosen in RESERVED_CHAPTER_IDS:
        raise ScaffoldError(command_text("new.vaste-pagina", id=chosen))
    text = chapter_text(chosen, title, order, [])
    return _write(root, year, folder / f"{order:02d}-{chosen}.md", text, existing)


def _chapter_skeletons(root: Path, previous: int) -> list[tuple[str, str]]:
    folder = root / markdown_folder(Kind.CHAPTER, previous)
    if not (root / yaml_file(Kind.EDITION, previous)).is_file():
        raise ScaffoldError(command_text("new.van-ontbreekt", previous=previous))
    skeletons: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.md")):
        data = _read_yaml(path)
        if not isinstance(data, dict) or not {"id", "titel"} <= data.keys():
            raise ScaffoldError(
                command_text("new.onleesbaar", path=path.relative_to(root).as_posix())
            )
        order = _number(data, "volgorde", path) or len(skeletons) + 1
        headings = _headings(path)
        text = chapter_text(str(data["id"]), str(data["titel"]), order, headings)
        skeletons.append((path.name, text))
    return skeletons


def _headings(path: Path) -> list[str]:
    """The '## ' headings of a chapter's body: its structure, without its words."""
    try:
        body = split(path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")).body
    except (OSError, UnicodeDecodeError, SplitError):
        return []
    return [line[3:].strip() for line in body.split("\n") if line.startswith("## ")]


def _create(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)


def story_heading(personas: list[str]) -> str:
    """The story section's heading: ['Otto', 'Veerle'] -> 'Otto en Veerle'."""
    names = [" ".join(n.split()) for n in personas if n.strip()]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} en {names[-1]}"


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """'Wim en Angélique' -> 'wim-en-angelique'; cut at a word boundary after `limit` chars."""
    slug = ""
    for word in _words(text):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit and slug:
            break
        slug = longer[:limit]
    return slug


def title_slug(title: str) -> str:
    """An id from a title: its first few content words ('Een nieuwe kans of verstoring van de
    rust?' -> 'nieuwe-kans-verstoring-rust'), since the whole title makes a long web address."""
    words = [w for w in _words(title) if w not in STOPWORDS] or _words(title)
    return slugify(" ".join(words[:TITLE_WORDS]))


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain)


def read_existing(root: Path, year: int) -> Existing:
    ids: set[str] = set()
    numbers: set[int] = set()
    orders: set[int] = set()
    for kind in (Kind.CASE, Kind.THREAD, Kind.CHAPTER):
        for path in sorted((root / markdown_folder(kind, year)).glob("*.md")):
            data = _read_yaml(path)
            ids.update(_ids(data))
            if kind is Kind.CASE:
                numbers.add(_number(data, "nummer", path))
            elif kind is Kind.THREAD:
                orders.add(_number(data, "volgorde", path))
    ids.update(_ids(_read_yaml(root / yaml_file(Kind.SOURCES, year))))
    edition_file = root / yaml_file(Kind.EDITION, year)
    edition = _read_yaml(edition_file)
    status = str(edition.get("status")) if isinstance(edition, dict) else None
    if status is None and edition_file.exists():
        status = "?"
    return Existing(frozenset(ids), frozenset(numbers - {0}), frozenset(orders - {0}), status)


def _prepare(root: Path, year: int, title: str) -> Existing:
    if not title.strip():
        raise ScaffoldError(command_text("new.geen-titel"))
    existing = read_existing(root, year)
    if existing.status == "gepubliceerd":
        raise ScaffoldError(command_text("new.gepubliceerd", year=year))
    return existing


def _choose_number(wanted: int | None, taken: frozenset[int], limit: int | None) -> int:
    number = wanted if wanted is not None else max(taken, default=0) + 1
    if number < 1:
        raise ScaffoldError(command_text("new.nummer-te-laag", number=number))
    if limit is not None and number > limit:
        raise ScaffoldError(command_text("new.nummer-te-hoog", limit=limit, number=number))
    return number


def _refuse_existing(root: Path, path: Path) -> None:
    if path.exists():
        shown = path.relative_to(root).as_posix()
        raise ScaffoldError(command_text("new.bestaat-al", path=shown))


def _choose_id(
    wanted: str | None, name: str, fallback: str, existing: Existing, suffixes: list[str]
) -> str:
    """The given id if free, else `name` (a slug) made unique; derived ids (`<id>-<suffix>`)
    must be free too."""

    def free(candidate: str) -> bool:
        derived = {f"{candidate}-{suffix}" for suffix in suffixes}
        return candidate not in existing.ids and not derived & existing.ids

    if wanted is not None:
        if not re.fullmatch(SLUG_PATTERN, wanted):
            raise ScaffoldError(
                command_text("new.ongeldige-id", id=wanted, example=slugify(wanted) or fallback)
            )
        if not free(wanted):
            raise ScaffoldError(command_text("new.id-bezet", id=wanted))
        return wanted
    base = name or fallback
    return next(c for c in _candidates(base) if free(c))


def _candidates(base: str) -> Iterator[str]:
    yield base
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1


def _write(root: Path, year: int, path: Path, text: str, existing: Existing) -> Scaffolded:
    _refuse_existing(root, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # 'x': never overwrite, not even a file that appeared a moment ago
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        _refuse_existing(root, path)
        raise
    edition_path = root / yaml_file(Kind.EDITION, year)
    if existing.status is not None or edition_path.exists():
        return Scaffolded(path)
    edition_path.parent.mkdir(parents=True, exist_ok=True)
    edition_path.write_text(edition_text(year), encoding="utf-8", newline="\n")
    return Scaffolded(path, edition_path)


def _read_yaml(path: Path) -> object:
    return read_data(path)  # the hardened reader: size limit, no FIFOs, C loader


def _ids(data: object) -> Iterator[str]:
    """Every `id:` value at any depth: casus, knelpunt, rode draad, aanbeveling, bron, hoofdstuk."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from _ids(value)
    elif isinstance(data, list):
        for item in data:
            yield from _ids(item)


def _number(data: object, key: str, path: Path) -> int:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, int):
        return value
    prefix = re.match(r"\d+", path.name)  # a broken file still counts by its name
    return int(prefix.group()) if prefix else 0

"""Nothing an editor types in a YAML header reaches a built page as markup (stored XSS).

The test walks the pydantic content models (schema/): every free-text field of every model, at
every place it occurs in a two-edition project, gets its own marker full of markup. Then the
project is built, and every text file of the site is searched: a marker may appear only
escaped. A field added to a model later is covered without touching this test; a model that the
fixture has no instance of is made from its fields, or the test says which one is missing.

Fields with a pattern (ids, `vorige`, dates) cannot hold markup: check refuses it, tested here
too. Open data keeps the text as data: CSV cells hold it as one cell (neutralised when a
spreadsheet would run it as a formula), JSON escapes < > & as \\u003c etc.
"""

import csv
import datetime as dt
import io
import json
import re
import shutil
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, RootModel
from pydantic.fields import FieldInfo

from builder.content.layout import GLOSSARY_FILE, MARKDOWN_FOLDERS, YAML_FOLDERS
from builder.pipeline import build, check
from builder.site.opendata import CSV_DELIMITER, neutralise_cell
from schema import Case, Chapter, Edition, SourceList, Thread

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = Path(__file__).resolve().parent / "fixtures" / "valid" / "editions"
MODELS: dict[str, type[BaseModel]] = {
    "casussen": Case,
    "rode-draden": Thread,
    "hoofdstukken": Chapter,
    "bronnen": SourceList,
    "edities": Edition,
}

# The marker starts with '=' (a formula in a spreadsheet) and holds what ends an attribute, an
# element, a script or a comment. Escaped, the characters after "stand-merk-<n>" are entities.
MARK = "stand-merk-"
UNSAFE_AFTER_MARK = re.compile(MARK + r"\d+[^&]{0,10}?[<>\"']")
TEXT_SUFFIXES = {".html", ".xml", ".js", ".json", ".css", ".txt", ".csv"}

# Text fields that are deliberately not published, with why. The test fails when one of these
# shows up after all, or when another field never does: the list stays true.
NOT_PUBLISHED = {
    "Source.author": "the citation (vermelding) is what the bronnen page shows",
    "Source.title": "the citation (vermelding) is what the bronnen page shows",
    "Source.place": "the citation (vermelding) is what the bronnen page shows",
    "KeyFigure.description": "no template shows a chapter's kerncijfers (yet)",
    "KeyFigure.unit": "no template shows a chapter's kerncijfers (yet)",
    "KeyFigure.period": "no template shows a chapter's kerncijfers (yet)",
}
# Free-text fields that check accepts only in a fixed form; markup in them is refused.
CHECKED_FORM = {
    "Edition.fingerprint": "the fingerprint `stand vastleggen` wrote",
    # a reference to one of the edition's statuses (link checks it); their text is marked in
    # Edition.follow_up_statuses
    "FollowUp.status": "one of the follow-up statuses",
}


# Free-text fields that are Markdown: raw HTML is refused there (body.raw-html), so their
# marker writes the markup as Markdown text (a backslash makes '<' a literal character).
MARKDOWN = {"Recommendation.text"}
# Free-text fields that check accepts only as an http(s) address: the marker follows one.
ADDRESS = {"Source.url"}


def test_every_content_folder_has_its_model() -> None:
    assert set(MODELS) == set(MARKDOWN_FOLDERS) | set(YAML_FOLDERS)


def marker(number: int, path: str = "") -> str:
    if path in ADDRESS:
        return f"https://example.org/{MARK}{number}<b>\"'&</script><!--"
    if path in MARKDOWN:
        return f"={MARK}{number} \\<b>\"'& \\</script> \\<!--"
    return f"={MARK}{number}<b>\"'&</script><!--"


@dataclass
class Injection:
    """Markers put into a project: marker number -> the model field it is in."""

    fields: dict[int, str] = field(default_factory=dict)
    pattern_fields: dict[str, bool] = field(default_factory=dict)  # path -> is a list

    def next(self, path: str) -> str:
        number = len(self.fields) + 1
        self.fields[number] = path
        return marker(number, path)


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Strip Optional and Annotated, collecting the constraints."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *more = typing.get_args(annotation)
            metadata = [*metadata, *more]
        elif origin in (typing.Union, types.UnionType):
            (annotation,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        else:
            return annotation, metadata


def _has_pattern(metadata: list[Any]) -> bool:
    return any(getattr(m, "pattern", None) for m in metadata)


def _example(model: type[BaseModel], path: str, injection: Injection) -> dict[str, Any] | None:
    """An instance of a model made of text, numbers and dates only; None for other models."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation, metadata = _unwrap(info.annotation, list(info.metadata))
        key = info.alias or name
        if annotation is str and not _has_pattern(metadata):
            data[key] = injection.next(f"{path}.{name}")
        elif annotation in (int, float):
            data[key] = 1
        elif annotation is dt.date:
            data[key] = dt.date(2023, 7, 1)
        elif info.is_required():
            return None
    return data


def inject(data: Any, model: type[BaseModel], path: str, injection: Injection) -> Any:
    """`data` with a fresh marker in every free-text field of `model`, at every level."""
    if issubclass(model, RootModel):
        info = model.model_fields["root"]
        return _inject_field(data, info, path, injection)
    assert isinstance(data, dict), path
    for name, info in model.model_fields.items():
        key = info.alias or name
        value = _inject_field(data.get(key), info, f"{path}.{name}", injection)
        if value is not None:
            data[key] = value
    return data


def _inject_field(value: Any, info: FieldInfo, path: str, injection: Injection) -> Any:
    annotation, metadata = _unwrap(info.annotation, list(info.metadata))
    is_list = typing.get_origin(annotation) is list
    if is_list:
        annotation, metadata = _unwrap(typing.get_args(annotation)[0], [])
    if annotation is str:
        if _has_pattern(metadata):
            injection.pattern_fields[path] = is_list
            return value
        return [injection.next(path)] if is_list else injection.next(path)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = f"{annotation.__name__}"
        items = value if is_list else [value]
        items = [i for i in items or [] if i is not None]
        if not items:
            # Absent here: made from its fields when it has only text, numbers and dates;
            # else left out (test_every_model_gets_markers finds a model never reached).
            example = _example(annotation, name, injection)
            if example is None:
                return value
            return [example] if is_list else example
        # a model written in its short form (an id standing for the whole) has no text to mark
        done = [inject(i, annotation, name, injection) if isinstance(i, dict) else i for i in items]
        return done if is_list else done[0]
    return value


def _split(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return front, body


def markup_project(target: Path) -> Injection:
    """Copy the two-edition fixture and put a marker in every free-text field."""
    shutil.copytree(EDITIONS / "content", target / "content")
    shutil.copytree(ROOT / "themes", target / "themes")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    injection = Injection()
    for path in sorted((target / "content").rglob("*")):
        folder = path.relative_to(target / "content").parts[0]
        if path.suffix not in (".md", ".yml") or folder not in MODELS:
            continue
        model = MODELS[folder]
        text = path.read_text(encoding="utf-8")
        front, body = _split(text) if path.suffix == ".md" else (text, None)
        data = inject(yaml.safe_load(front), model, model.__name__, injection)
        for known in CHECKED_FORM:  # these have their own test below
            _restore(data, yaml.safe_load(front), model, known)
        if isinstance(data, dict) and data.get("statussen") and data.get("opvolging"):
            data["opvolging"][0]["status"] = data["statussen"][0]  # an own status, in use
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(dumped if body is None else f"---\n{dumped}---\n{body}", encoding="utf-8")
    # The glossary is no pydantic model, but its meanings reach every page as title="...".
    glossary = injection.next("afkortingen.betekenis")
    (target / GLOSSARY_FILE).write_text(
        yaml.safe_dump({"Anna": glossary}, allow_unicode=True), encoding="utf-8"
    )
    return injection


def _restore(data: Any, original: Any, model: type[BaseModel], known: str) -> None:
    """Put back the original value of a CHECKED_FORM field (or drop the marker)."""
    owner, name = known.split(".")
    key = _alias(owner, name)
    for item, before in _instances(data, original, model, owner):
        if before is not None and key in before:
            item[key] = before[key]
        else:
            item.pop(key, None)


def _alias(owner: str, name: str) -> str:
    for model in _all_models():
        if model.__name__ == owner:
            info = model.model_fields[name]
            return info.alias or name
    raise AssertionError(owner)


def _all_models() -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo = list(MODELS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        for info in model.model_fields.values():
            annotation, _ = _unwrap(info.annotation, [])
            if typing.get_origin(annotation) is list:
                annotation, _ = _unwrap(typing.get_args(annotation)[0], [])
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                todo.append(annotation)


def _instances(
    data: Any, original: Any, model: type[BaseModel], owner: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Every dict in `data` that is an `owner`, with its counterpart in `original`."""
    if model.__name__ == owner:
        yield data, original
        return
    fields = model.model_fields
    for name, info in fields.items():
        annotation, _ = _unwrap(info.annotation, [])
        is_list = typing.get_origin(annotation) is list
        if is_list:
            annotation, _ = _unwrap(typing.get_args(annotation)[0], [])
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            continue
        if issubclass(model, RootModel):
            values, befores = data, original
        else:
            key = info.alias or name
            values, befores = data.get(key), (original or {}).get(key)
        values = values if is_list else [values]
        befores = befores if is_list else [befores]
        for index, value in enumerate(values or []):
            before = befores[index] if befores and index < len(befores) else None
            if isinstance(value, dict):
                yield from _instances(value, before, annotation, owner)


def built_texts(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Injection]:
    project = tmp_path_factory.mktemp("markup-project")
    injection = markup_project(project)
    outcome = build(project, project / "site")
    problems = "\n".join(str(e) for e in outcome.errors)
    assert outcome.published is not None, f"{outcome.failure}\n{problems}"
    return project / "site", injection


def _free_text_fields(model: type[BaseModel]) -> set[str]:
    found = set()
    for name, info in model.model_fields.items():
        annotation, metadata = _unwrap(info.annotation, list(info.metadata))
        if typing.get_origin(annotation) is list:
            annotation, metadata = _unwrap(typing.get_args(annotation)[0], [])
        if annotation is str and not _has_pattern(metadata):
            found.add(f"{model.__name__}.{name}")
    return found


def test_every_free_text_field_of_every_model_gets_markers(
    marked_site: tuple[Path, Injection],
) -> None:
    _, injection = marked_site
    expected = set().union(*(_free_text_fields(m) for m in _all_models())) - set(CHECKED_FORM)
    assert len(expected) > 20
    assert sorted(expected - set(injection.fields.values())) == []


def test_no_marker_appears_unescaped(marked_site: tuple[Path, Injection]) -> None:
    site, injection = marked_site
    leaks = []
    for path, text in built_texts(site):
        if path.suffix == ".csv":
            continue  # data, checked cell by cell below
        for match in UNSAFE_AFTER_MARK.finditer(text):
            number = int(re.match(MARK + r"(\d+)", match[0])[1])  # type: ignore[index]
            context = text[max(0, match.start() - 60) : match.end()]
            leaks.append(f"{path.relative_to(site)}: {injection.fields[number]}: {context!r}")
    assert leaks == []


def test_every_published_field_reaches_the_site_escaped(
    marked_site: tuple[Path, Injection],
) -> None:
    site, injection = marked_site
    everything = "\n".join(text for _, text in built_texts(site))
    shown = {int(n) for n in re.findall(MARK + r"(\d+)", everything)}
    never = {path for number, path in injection.fields.items() if number not in shown}
    ever = {path for number, path in injection.fields.items() if number in shown}
    assert never - ever - set(CHECKED_FORM) == set(NOT_PUBLISHED)


def test_open_data_keeps_markers_as_data(marked_site: tuple[Path, Injection]) -> None:
    site, _ = marked_site
    cells = 0
    for path in sorted(site.rglob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")  # Dutch Excel: BOM and ;
        for row in csv.reader(io.StringIO(text), delimiter=CSV_DELIMITER):
            for cell in row:
                for number in re.findall(MARK + r"(\d+)", cell):
                    cells += 1
                    assert cell.startswith(f"'={MARK}{number}"), (path, cell)
                    assert not cell.startswith("="), (path, cell)
    assert cells > 0
    for path in sorted(site.rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        if MARK in text:
            assert "<" not in text and ">" not in text and "&" not in text, path


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_csv_cell_never_starts_a_formula(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["gewoon", "1 = 1", "", 3])
def test_other_csv_cells_stay_as_they_are(cell: object) -> None:
    assert neutralise_cell(cell) == cell


def test_fields_with_a_pattern_refuse_markup(tmp_path: Path) -> None:
    """Ids, `vorige` and dates have a pattern, Markdown fields refuse raw HTML: check refuses
    markup in each of them."""
    injection = markup_project(tmp_path / "p")
    assert injection.pattern_fields  # Case.id, Thread.predecessor, ...
    fields = {
        **injection.pattern_fields,
        **dict.fromkeys(CHECKED_FORM, False),
        **dict.fromkeys(MARKDOWN, False),
    }
    for path, is_list in sorted(fields.items()):
        project = tmp_path / path
        shutil.copytree(EDITIONS / "content", project / "content")
        assert _set_everywhere(project, path, ["<b>x</b>"] if is_list else "<b>x</b>"), path
        assert not check(project).ok, f"check accepts markup in {path}"


def _set_everywhere(project: Path, field_path: str, value: object) -> bool:
    owner, name = field_path.rsplit(".", 1)
    owner = owner.split(".")[-1]
    changed = False
    for path in sorted((project / "content").rglob("*")):
        folder = path.relative_to(project / "content").parts[0]
        if path.suffix not in (".md", ".yml") or folder not in MODELS:
            continue
        model = MODELS[folder]
        text = path.read_text(encoding="utf-8")
        front, body = _split(text) if path.suffix == ".md" else (text, None)
        data = yaml.safe_load(front)
        found = False
        for item, _ in _instances(data, None, model, owner):
            item[_alias(owner, name)] = value
            found = changed = True
        if found:
            dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            path.write_text(
                dumped if body is None else f"---\n{dumped}---\n{body}", encoding="utf-8"
            )
    return changed

"""Property: whatever is in a content file, load -> validate -> link only ever yields ContentErrors,
and whatever they accept, render turns into pages.

Hypothesis writes YAML-ish frontmatter (real and random keys, YAML's special characters, tags,
anchors, deep brackets), completely arbitrary text and bytes, valid frontmatter with one value
swapped for a random one, and Markdown-ish bodies into a copy of the minimal edition, then runs
builder.content.load.read_source, validate, link and check on it, and render when check passes.
Any exception is a bug: an editor would see a traceback instead of a Dutch message. Example
counts are bounded so that the module stays well under 30 seconds.
"""

import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from htmltree import rendered_html, toc_entries, toc_headings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from builder.content.layout import classify
from builder.content.link import link
from builder.content.load import SourceFile, load, read_source
from builder.content.validate import validate
from builder.errors import ContentError
from builder.pipeline import check
from builder.site.render import render
from schema import (
    Bottleneck,
    Case,
    Chapter,
    Chart,
    ChartValue,
    Correction,
    Edition,
    KeyFigure,
    Persona,
    Recommendation,
    Source,
    Thread,
)
from schema.edition import FollowUp

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_MINIMAL = FIXTURES / "valid" / "minimal"
THEMES = Path(__file__).resolve().parent.parent / "themes"

CASE = "content/casussen/2022/1-anna.md"
THREAD = "content/rode-draden/2022/02-informatie-delen.md"
CHAPTER = "content/hoofdstukken/2022/01-inleiding.md"
SOURCES = "content/bronnen/2022.yml"
EDITION = "content/edities/2022.yml"
TARGETS = [CASE, THREAD, CHAPTER, SOURCES, EDITION]

SETTINGS = settings(
    max_examples=60,
    # no deadline: on a shared 2-core machine a slow example is load, not a bug, and Hypothesis
    # reports it as a FlakyFailure; benchmarks/pathological_bodies.py watches for blow-ups
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)

# -- strategies ---------------------------------------------------------------------------------

# every frontmatter key the schema knows, plus YAML's merge key and explicit-key marker
MODELS: list[type[BaseModel]] = [Case, Persona, Bottleneck, Thread, Recommendation, Chapter]
MODELS += [Chart, ChartValue, KeyFigure, Edition, Correction, FollowUp, Source]
ALIASES = {field.alias or name for m in MODELS for name, field in m.model_fields.items()}
REAL_KEYS = [*sorted(ALIASES), "<<", "? ", "-"]
# YAML with a meaning of its own, and things editors paste
# fmt: off
YAML_BITS = [
    "", "~", "null", "true", "no", "0", "-1", "1e400", ".nan", "-.inf", "0x" + "f" * 80,
    "1:2:3", "9" * 60, "2022-13-45", "2022-06", "&a", "*a", "&a [1]", "!!python/object:os.system",
    "!!set {a}", "!!binary AA==", "!include x", "!", "!!str", "[", "]", "{", "}", "[[[[[[", "{a: ",
    '"', "'", '"\\q"', "|", ">-", "|-\n  tekst", "- ", "-", ":", ": ", "#", "%YAML 1.1", "@",
    "`", "\t", "\x00", "\x0b", "\x1b[31m", "\u2028", "\u0085", "\ufeff", "---", "...",
    "kernwaarden", "dienstverlener", "landelijk", "gepubliceerd", "anna", "breed-kijken-1",
    "2022/anna", "javascript:alert(1)", "<script>", "é", "ꙮ", "\U0001f600",
]
MARKDOWN_BITS = [
    "\n", "\n\n", "# ", "## ", "### ", "Kernwaarden", "Expertise", "Bevoegdheden", "Informatie",
    "Netwerk", "Kader", "Anna", "[^1]", "[^1]: ", "[^x]", "[", "]", "(", ")", "![", "<", ">",
    "<b>", "<!--", "-->", "```", "```grafiek\ngroei\n```", "~~~", "|", "| a | b |\n|---|---|\n",
    "Tabel: ", "- ", "1. ", "> ", "*", "**", "_", "`", "\\", "&amp;", "&#0;", "&#x6a;",
    "javascript:", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:", "bron:",
    "bron:bureau-2020-rapport", "casus:anna", "rode-draad:", "knelpunt:anna-kader",
    "wat-is-nodig:breed-kijken-1", "hoofdstuk:inleiding", "https://example.org", "mailto:x@y",
    "//evil", "../x.md", "#anker", "---", "\t", "\r", "\r\n", "\x00", "\u2028",
]
# fmt: on

scalar_text = st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=20))
key = st.one_of(st.sampled_from(REAL_KEYS), st.text(max_size=12))


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    """Lines that look like frontmatter: indented keys, list items, flow collections, noise."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 2, 4, 6, 1, 3]))
        item = draw(st.sampled_from(["", "", "- "]))
        separator = draw(st.sampled_from([": ", ": ", ":", " : ", "", ": |\n  ", ": >-\n  "]))
        values = draw(st.lists(scalar_text, max_size=3))
        value = draw(st.sampled_from(["{}", "[{}]", "{{{}}}", "[{}, {}]"])).format(*values, "", "")
        lines.append(f"{indent}{item}{draw(key)}{separator}{value}")
    return "\n".join(lines)


markdown = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(max_size=15)), max_size=40
).map("".join)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), scalar_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(key, children, max_size=4)
    ),
    max_leaves=12,
)


def frontmatter_file(yaml_text: str, body: str) -> str:
    return f"---\n{yaml_text}\n---\n{body}"


# -- the project under test -----------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the minimal edition per module; each example rewrites a file and restores it."""
    root = tmp_path_factory.mktemp("property") / "project"
    shutil.copytree(VALID_MINIMAL / "content", root / "content")
    return root


def originals() -> dict[str, bytes]:
    return {target: (VALID_MINIMAL / target).read_bytes() for target in TARGETS}


ORIGINAL = originals()


def restore(root: Path) -> None:
    for target, raw in ORIGINAL.items():
        (root / target).write_bytes(raw)


def assert_only_content_errors(errors: list[Any]) -> None:
    assert all(isinstance(error, ContentError) for error in errors)
    for error in errors:
        assert error.message and error.code
        assert error.line is None or error.line >= 1
        assert error.column is None or error.column >= 1


def run_stages(root: Path, target: str, raw: bytes) -> None:
    """read_source on the file alone, then validate + link with the rest of the edition."""
    path = root / target
    path.write_bytes(raw)
    relative = PurePosixPath(target)
    placed = classify(PurePosixPath(target).relative_to("content"))
    assert placed is not None
    source, error = read_source(path, relative, *placed)
    assert source is None or isinstance(source, SourceFile)
    assert error is None or isinstance(error, ContentError)
    if source is None:
        return
    others, more = load(root)
    assert_only_content_errors(more)
    validated, errors = validate([s for s in others if s.path != relative] + [source])
    assert_only_content_errors(errors)
    _, errors = link(validated)  # link must cope with whatever validate let through
    assert_only_content_errors(errors)


H1 = re.compile(r"<h1[\s>]")


def run_check(root: Path) -> None:
    """check, and what check accepts the render stage must render (no error is left for it)."""
    result = check(root)
    assert_only_content_errors(result.errors)
    assert (result.library is not None) == result.ok
    event(f"first error: {result.errors[0].code}" if result.errors else "no errors")
    if result.library is not None:
        editions = render(result.library, THEMES)
        pages = [page for e in editions for page in e.pages]
        assert all(len(H1.findall(rendered_html(page))) == 1 for page in pages)
        # the toc recorded while rendering is exactly the headings the page shows
        assert all(toc_entries(page.toc) == toc_headings(rendered_html(page)) for page in pages)


# -- properties -----------------------------------------------------------------------------


@SETTINGS
@given(target=st.sampled_from(TARGETS), raw=st.binary(max_size=400))
def test_arbitrary_bytes(project: Path, target: str, raw: bytes) -> None:
    try:
        run_stages(project, target, raw)
        run_check(project)
    finally:
        restore(project)


@SETTINGS
@given(target=st.sampled_from(TARGETS), text=st.text(max_size=300))
def test_arbitrary_text(project: Path, target: str, text: str) -> None:
    try:
        run_stages(project, target, text.encode("utf-8"))
        run_check(project)
    finally:
        restore(project)


@SETTINGS
@given(target=st.sampled_from(TARGETS), yaml_text=yaml_lines(), body=markdown)
def test_yaml_ish_frontmatter_and_markdown_body(
    project: Path, target: str, yaml_text: str, body: str
) -> None:
    raw = yaml_text if target.endswith(".yml") else frontmatter_file(yaml_text, body)
    try:
        run_stages(project, target, raw.encode("utf-8"))
        run_check(project)
    finally:
        restore(project)


def _set(data: Any, path: list[Any], value: Any) -> None:
    """Replace (or delete, for the sentinel DELETE) the value at `path` inside `data`."""
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


DELETE = object()


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for name, value in data.items():
            found += _paths(value, (*prefix, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def split_file(raw: bytes) -> tuple[Any, str]:
    text = raw.decode("utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


@SETTINGS
@given(target=st.sampled_from(TARGETS), data=st.data())
def test_valid_files_with_one_value_replaced(
    project: Path, target: str, data: st.DataObject
) -> None:
    """Mostly valid content reaches validate and link; one random value is swapped or removed."""
    raw = ORIGINAL[target]
    if target.endswith(".yml"):
        frontmatter, body = yaml.safe_load(raw), ""
    else:
        frontmatter, body = split_file(raw)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        paths = _paths(frontmatter)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        value = data.draw(st.one_of(st.just(DELETE), json_values), label="value")
        _set(frontmatter, list(path), value)
    dumped = yaml.safe_dump(frontmatter, allow_unicode=True, sort_keys=False)
    extra = data.draw(st.one_of(st.just(""), markdown), label="extra body")
    text = (
        dumped if target.endswith(".yml") else frontmatter_file(dumped.rstrip("\n"), body + extra)
    )
    try:
        run_stages(project, target, text.encode("utf-8"))
        run_check(project)
    finally:
        restore(project)


def test_the_unchanged_project_is_valid(project: Path) -> None:
    restore(project)
    assert check(project).ok


@pytest.mark.slow  # renders every example
@SETTINGS
@given(target=st.sampled_from([CASE, THREAD, CHAPTER]), body=markdown, keep=st.booleans())
def test_valid_frontmatter_with_a_random_body(
    project: Path, target: str, body: str, keep: bool
) -> None:
    """The body checks and the link stage see random Markdown (links, footnotes, headings)."""
    head, _, original = ORIGINAL[target].decode("utf-8").partition("\n---\n")
    text = f"{head}\n---\n{original + body if keep else body}"
    try:
        run_stages(project, target, text.encode("utf-8"))
        run_check(project)
    finally:
        restore(project)

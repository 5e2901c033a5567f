"""What `stand check` passes, `stand build` builds: render never raises on accepted content.

Hypothesis edits the minimal edition the way an editor could (Markdown added to every kind of
body and to a recommendation's tekst, chart fences, links of every scheme, dates in the edition
file, chart values), runs check, and whenever check accepts the content, renders every edition.
Any exception there is a render-time assumption that check does not validate. A few accepted
examples are also built all the way (mkdocs and the link check), which is slower.
"""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from builder.pipeline import build, check
from builder.site.render import render
from tests.conftest import add_site_config

ROOT = Path(__file__).resolve().parent.parent
VALID_MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
BODIES = [
    "content/casussen/2022/1-anna.md",
    "content/rode-draden/2022/02-informatie-delen.md",
    "content/hoofdstukken/2022/01-inleiding.md",
]
THREAD = "content/rode-draden/2022/02-informatie-delen.md"
EDITION = "content/edities/2022.yml"
CHAPTER = "content/hoofdstukken/2022/01-inleiding.md"

# fmt: off
MARKDOWN_BITS = [
    "\n", "\n\n", "## ", "### ", "Tekst ", "*nadruk*", "**sterk**", "`code`", "> citaat\n",
    "- item\n", "1. item\n", "    ingesprongen code\n", "```\ncode\n```\n",
    "```grafiek\ngroei\n```\n",
    "```grafiek\nbestaat-niet\n```\n", "```grafiek\n```\n", "~~~grafiek\ngroei\n~~~\n",
    "[a](casus:anna)", "[a](casus:bestaat-niet)", "[a](knelpunt:anna-kader)",
    "[a](rode-draad:breed-kijken)", "[a](wat-is-nodig:breed-kijken-1)", "[a](hoofdstuk:inleiding)",
    "[a](bron:bureau-2020-rapport)", "[a](https://example.org)", "[a](#anker)", "[a](mailto:x@y)",
    "![a](https://example.org/x.png)", "![a](casus:anna)", "<https://example.org>",
    "[^1]", "\n\n[^1]: Voetnoot.\n", "Tabel: Iets\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "| a |\n|---|\n", "\\", "&amp;", "&#0;", "---\n", "***\n", "Wmo ", "VNG ",
]
DATES = [
    "2022-06", "2022-06-30", "2022-02-29", "2024-02-29", "2022-02-31", "2022-04-31", "0000-01",
    "1999-12", "2200-12-31", "2201-01", "2022-13", "2022-00", "9999-12-31",
]
# fmt: on

markdown = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(max_size=8)), max_size=20
).map("".join)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("check-then-build") / "project"
    shutil.copytree(VALID_MINIMAL, root)
    return add_site_config(root)


def restore(root: Path) -> None:
    for target in [*BODIES, EDITION, THREAD]:
        shutil.copyfile(VALID_MINIMAL / target, root / target)


def _set_yaml(root: Path, target: str, where: list[Any], value: Any) -> None:
    path = root / target
    head, _, body = path.read_text(encoding="utf-8").removeprefix("---\n").partition("\n---\n")
    data = yaml.safe_load(head)
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    parent[where[-1]] = value
    path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n{body}", "utf-8")


one_edit = st.one_of(
    st.tuples(st.just("body"), st.tuples(st.sampled_from(BODIES), markdown)),
    st.tuples(st.just("recommendation"), markdown),
    st.tuples(st.just("published"), st.sampled_from(DATES)),
    st.tuples(st.just("correction"), st.sampled_from([d for d in DATES if d.count("-") == 2])),
    st.tuples(st.just("chart"), st.floats(allow_nan=False) | st.integers(-(10**30), 10**30)),
)
edits = st.lists(one_edit, min_size=1, max_size=3)


def apply(root: Path, chosen: list[tuple[str, Any]]) -> None:
    for kind, value in chosen:
        if kind == "body":
            target, text = value
            with (root / target).open("a", encoding="utf-8") as file:
                file.write(text)
        elif kind == "recommendation":
            _set_yaml(root, THREAD, ["wat_is_nodig", 0, "tekst"], value or "x")
        elif kind == "published":
            edition = root / EDITION
            text = edition.read_text(encoding="utf-8")
            edition.write_text(text.replace('"2022-06"', f'"{value}"'), "utf-8")
        elif kind == "correction":
            text = (root / EDITION).read_text(encoding="utf-8")
            text = text.replace(
                "correcties: []", f"correcties:\n  - datum: {value}\n    wijziging: x"
            )
            (root / EDITION).write_text(text, "utf-8")
        elif kind == "chart":
            _set_yaml(root, CHAPTER, ["grafieken", 0, "waarden", 0, "waarde"], value)


@settings(
    max_examples=80,
    # no deadline: on a shared 2-core machine a slow example is load, not a bug, and Hypothesis
    # reports it as a FlakyFailure; benchmarks/pathological_bodies.py watches for blow-ups
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
@given(chosen=edits)
def test_content_that_check_accepts_always_renders(project: Path, chosen: Any) -> None:
    try:
        apply(project, chosen)
        result = check(project)
        event("accepted" if result.library is not None else "refused")
        if result.library is not None:
            render(result.library, project / "themes", glossary=result.glossary)
    finally:
        restore(project)


@pytest.mark.slow  # builds sites
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(chosen=edits)
def test_content_that_check_accepts_builds(
    project: Path, tmp_path_factory: pytest.TempPathFactory, chosen: Any
) -> None:
    try:
        apply(project, chosen)
        if check(project).ok:
            site = tmp_path_factory.mktemp("site") / "site"
            outcome = build(project, site)
            assert outcome.failure is None and outcome.published is not None, outcome.failure
    finally:
        restore(project)


@pytest.mark.parametrize(
    ("target", "text", "code", "line"),
    [
        ("content/casussen/2022/1-anna.md", "\n```grafiek\ngroei\n```\n", "body.unknown-chart", 0),
        (THREAD, "\n```grafiek\ngroei\n```\n", "body.unknown-chart", 0),
    ],
)
def test_a_chart_fence_outside_a_chapter_is_an_error(
    project: Path, target: str, text: str, code: str, line: int
) -> None:
    try:
        lines = (project / target).read_text(encoding="utf-8").count("\n")
        with (project / target).open("a", encoding="utf-8") as file:
            file.write(text)
        errors = check(project).errors
        assert [(e.code, str(e.file), e.line) for e in errors] == [(code, target, lines + 2)]
    finally:
        restore(project)


@pytest.mark.parametrize("date", ["2022-02-31", "2023-02-29", "2022-04-31", "0000-01", "2201-01"])
def test_an_impossible_publication_date_is_an_error(project: Path, date: str) -> None:
    try:
        apply(project, [("published", date)])
        errors = check(project).errors
        assert [(e.code, str(e.file), e.line) for e in errors] == [("schema.type", EDITION, 4)]
        assert "datum" in errors[0].message
    finally:
        restore(project)

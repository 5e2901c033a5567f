"""The preview's page memo (builder/site/page_memo.py): after an edit, only the pages that show
what changed are rendered again, and the result is exactly what a fresh render gives."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.pipeline import check
from builder.site.page_memo import PageMemo
from builder.site.render import render
from builder.site.rendered import RenderedEdition
from tests.conftest import FIXTURES, ROOT

ANNA = "content/casussen/2022/1-anna.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid" / "minimal", target)
    shutil.copytree(ROOT / "themes", target / "themes")
    return target


def rendered(project: Path, memo: PageMemo | None) -> list[RenderedEdition]:
    result = check(project)
    assert result.library is not None, result.errors
    return list(render(result.library, project / "themes", glossary=result.glossary, memo=memo))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_body(project: Path) -> None:
    replace_in(project / ANNA, "Tekst over expertise.", "Nieuwe tekst over expertise.")


def edit_persona(project: Path) -> None:  # in the menu of every page
    replace_in(project / ANNA, "  - naam: Anna", "  - naam: Annabel")


def edit_glossary(project: Path) -> None:
    glossary = project / "content" / "afkortingen.yml"
    old = glossary.read_text(encoding="utf-8") if glossary.exists() else ""
    glossary.write_text(old + "VNG: Vereniging van Nederlandse Gemeenten\n", encoding="utf-8")


def edit_template(project: Path) -> None:
    replace_in(
        project / "themes" / "pages" / "_page.html",
        "</",
        "<!-- gewijzigd --></",
    )


def edit_edition(project: Path) -> None:
    replace_in(project / "content" / "edities" / "2022.yml", "(testeditie)", "(gewijzigd)")


EDITS = [edit_body, edit_persona, edit_glossary, edit_template, edit_edition]


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_a_warm_render_equals_a_fresh_one(project: Path, edit: Callable[[Path], None]) -> None:
    memo = PageMemo()
    rendered(project, memo)
    edit(project)
    warm = rendered(project, memo)
    assert warm == rendered(project, None)


def test_a_body_edit_renders_only_the_pages_that_show_it(project: Path) -> None:
    memo = PageMemo()
    cold = rendered(project, memo)
    total = sum(len(edition.pages) for edition in cold)
    assert memo.rendered == total
    rendered(project, memo)
    assert memo.rendered == 0  # nothing changed: nothing rendered
    edit_body(project)
    warm = rendered(project, memo)
    pairs = zip(cold[0].pages, warm[0].pages, strict=True)
    changed = {after.url for before, after in pairs if before.html != after.html}
    assert "casussen/anna/" in changed
    assert memo.rendered == len(changed) < total / 4


def test_a_template_edit_renders_every_page_again(project: Path) -> None:
    memo = PageMemo()
    cold = rendered(project, memo)
    edit_template(project)
    rendered(project, memo)
    assert memo.rendered == sum(len(edition.pages) for edition in cold)

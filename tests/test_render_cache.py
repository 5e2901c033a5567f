"""A build that loads unchanged editions from .stand-build/render/ never gives stale output:
after every kind of change, the rebuilt site equals a clean build of the same content."""

import shutil
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

from builder import pipeline
from builder.pipeline import build
from builder.publish.publish import FINGERPRINT_FILE
from builder.site.render_cache import CACHE_DIR, RenderCache, read_inputs
from builder.site.rendered import RenderedEdition
from tests.conftest import ROOT
from tests.test_editions import EDITIONS, tree

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

CONTENT = Path("content")
NEWEST_CASE = CONTENT / "casussen" / "2023" / "1-anna-opnieuw.md"
OLDER_CASE = CONTENT / "casussen" / "2022" / "1-anna.md"
OLDER_THREAD = CONTENT / "rode-draden" / "2022" / "01-breed-kijken.md"
NEWEST_EDITION = CONTENT / "edities" / "2023.yml"


def replace(project: Path, file: Path, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def own_theme(project: Path) -> None:
    shutil.copytree(ROOT / "themes", project / "themes")


def rename_newest_case(project: Path) -> None:
    (project / NEWEST_CASE).rename(project / NEWEST_CASE.with_name("1-anna-weer.md"))


def add_extra_thread_case(project: Path) -> None:
    """A second 2023 casus, named by no rode draad; deleting it again is the change."""
    text = (project / NEWEST_CASE).read_text(encoding="utf-8")
    text = text.replace("anna-opnieuw", "extra").replace("nummer: 1", "nummer: 2")
    (project / NEWEST_CASE.with_name("2-extra.md")).write_text(text, encoding="utf-8")


def delete_extra_case(project: Path) -> None:
    (project / NEWEST_CASE.with_name("2-extra.md")).unlink()


def edit_template(project: Path) -> None:
    casus = Path("themes") / "pages" / "casus.html"
    replace(project, casus, '<div class="persona-kaarten">', '<div class="persona-kaarten nieuw">')


def nothing(project: Path) -> None:
    pass


Change = tuple[Callable[[Path], None], Callable[[Path], None]]  # before the first build, after

CHANGES: dict[str, Change] = {
    "body of the newest edition": (
        nothing,
        lambda p: replace(p, NEWEST_CASE, "opnieuw de persona", "weer de persona"),
    ),
    "body of an older edition": (
        nothing,
        lambda p: replace(p, OLDER_CASE, "de persona van", "de hoofdpersoon van"),
    ),
    "frontmatter of the newest edition": (
        nothing,
        lambda p: replace(p, NEWEST_CASE, "titel: Anna, een jaar later", "titel: Anna, later"),
    ),
    "frontmatter of an older edition": (
        nothing,
        lambda p: replace(p, OLDER_CASE, "titel: Casus over", "titel: Eerdere casus over"),
    ),
    "a newer edition's follow-up for an older one": (
        nothing,
        lambda p: replace(p, NEWEST_EDITION, "ruimte inmiddels.", "ruimte sinds kort."),
    ),
    "an older recommendation the newest edition's follow-up shows": (
        nothing,
        lambda p: replace(p, OLDER_THREAD, "ruimte om breed", "de ruimte om breed"),
    ),
    "a renamed file": (nothing, rename_newest_case),
    "a deleted file": (add_extra_thread_case, delete_extra_case),
    "a changed template": (own_theme, edit_template),
}


def comparable(site: Path) -> dict[str, str]:
    """Every file but Pagefind's (its filter index is randomly seeded, see test_editions) and
    the stamps that list them."""
    return {
        path: digest
        for path, (digest, _) in tree(site).items()
        if "/pagefind/" not in f"/{path}" and not path.endswith(FINGERPRINT_FILE)
    }


@pytest.mark.parametrize("name", CHANGES)
def test_a_rebuild_after_a_change_equals_a_clean_build(name: str, tmp_path: Path) -> None:
    before, after = CHANGES[name]
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    before(project)
    assert build(project, project / "site").published is not None
    after(project)

    rebuilt = build(project, project / "site")
    assert rebuilt.published is not None, rebuilt.failure or rebuilt.errors
    # the clean build in the same place: the PDF holds the path it was printed from
    (project / "site").rename(tmp_path / "rebuilt")
    shutil.rmtree(project / ".stand-build")
    fresh = build(project, project / "site")
    assert fresh.published is not None, fresh.failure or fresh.errors
    assert comparable(tmp_path / "rebuilt") == comparable(project / "site")


def test_an_edit_in_the_newest_edition_renders_only_that_edition(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    assert build(project, project / "site").published is not None
    cached = {p.name: p.stat().st_mtime_ns for p in (project / CACHE_DIR).iterdir()}
    assert set(cached) == {"2022.pickle", "2023.pickle"}

    replace(project, NEWEST_CASE, "opnieuw de persona", "weer de persona")
    assert build(project, project / "site").published is not None

    now = {p.name: p.stat().st_mtime_ns for p in (project / CACHE_DIR).iterdir()}
    assert now["2022.pickle"] == cached["2022.pickle"]  # loaded, not rendered again
    assert now["2023.pickle"] != cached["2023.pickle"]


def test_every_input_outside_content_is_in_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    own_theme(project)
    theme = project / "themes"

    def keys() -> dict[int, str]:
        return RenderCache.open(project, read_inputs(project, theme), [2022, 2023]).keys

    first = keys()
    assert first == keys() and first[2022] != first[2023]
    (theme / "pages" / "casus.html").write_text("{# ander #}", encoding="utf-8")
    second = keys()
    assert all(second[y] != first[y] for y in first)
    monkeypatch.setattr(metadata, "version", lambda package: "99.0")
    third = keys()
    assert all(third[y] != second[y] for y in first)
    assert RenderCache.open(project, read_inputs(project, theme), [2023]).keys[2023] != third[2023]


def test_a_damaged_cache_file_is_rendered_again(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    cache = RenderCache.open(project, read_inputs(project, ROOT / "themes"), [2022, 2023])
    cache.directory.mkdir(parents=True)
    (cache.directory / "2022.pickle").write_bytes(b"\x80\x05 kapot")
    assert cache.get(2022) is None and cache.loaded == []


def test_a_cache_file_not_signed_with_the_users_key_is_never_unpickled(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    assert build(project, project / "site").published is not None
    cache = RenderCache.open(project, read_inputs(project, ROOT / "themes"), [2022, 2023])
    assert cache.get(2022) is not None
    path = cache.directory / "2022.pickle"
    raw = path.read_bytes()
    signature, data = raw[:32], raw[32:]
    path.write_bytes(bytes(32) + data)  # a file that came with the project: same data
    assert cache.get(2022) is None
    path.write_bytes(signature + data)
    assert cache.get(2022) is not None


def test_a_file_saved_during_a_build_is_rendered_by_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor saves after `check` read the content: this build shows the old text, the next
    one (nothing saved since) must show the new text, not a rendering cached under its key."""
    project = tmp_path / "project"
    shutil.copytree(EDITIONS, project)
    real_check = pipeline.check

    def check_then_save(root: Path, cached: bool = False) -> pipeline.CheckResult:
        result = real_check(root, cached)
        replace(project, NEWEST_CASE, "opnieuw de persona", "weer de persona")
        return result

    monkeypatch.setattr(pipeline, "check", check_then_save)
    assert build(project, project / "site").published is not None
    monkeypatch.setattr(pipeline, "check", real_check)
    assert build(project, project / "site").published is not None

    page = project / "site" / "2023" / "casussen" / "anna-opnieuw" / "index.html"
    assert "weer de persona" in page.read_text(encoding="utf-8")


def test_nothing_is_cached_through_a_symlinked_work_folder(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    shutil.copytree(EDITIONS, project)
    elsewhere.mkdir()
    (project / ".stand-build").symlink_to(elsewhere)
    cache = RenderCache.open(project, read_inputs(project, ROOT / "themes"), [2022])
    cache.put(RenderedEdition(2022, "Editie", [], []))
    assert cache.get(2022) is None
    assert list(elsewhere.rglob("*")) == []

"""The per-file cache of `stand check` never gives a stale answer.

Each test checks a project, changes something (a file's bytes, its name, another file, the
tool), checks again with the cache and compares with a check that has no cache at all.
"""

import gc
import marshal
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pydantic import BaseModel

from builder.cli.main import main
from builder.content import check_cache
from builder.content.load import SourceFile
from builder.content.validate import Document, validate_source
from builder.errors import ContentError
from builder.pipeline import check
from tests.conftest import FIXTURES

ANNA = "content/casussen/2022/1-anna.md"
BERT = "content/casussen/2022/2-bert.md"
EVERY_FIXTURE = sorted(
    p
    for group in ("broken", "bad-input", "valid")
    for p in (FIXTURES / group).iterdir()
    if p.is_dir()
)


def checked(project: Path) -> tuple[list[ContentError], int]:
    """The cached check's answer, asserted equal to an uncached one."""
    cached, uncached = check(project, cached=True), check(project)
    assert (cached.errors, cached.file_count) == (uncached.errors, uncached.file_count)
    return cached.errors, cached.file_count


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the next checks actually validate (the others come from the cache)."""
    seen: list[str] = []

    def counting(
        md: MarkdownIt, source: SourceFile
    ) -> tuple[Document[BaseModel] | None, list[ContentError]]:
        seen.append(source.path.as_posix())
        return validate_source(md, source)

    monkeypatch.setattr(check_cache, "validate_source", counting)
    return seen


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("fixture", EVERY_FIXTURE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cold_and_warm_check_report_exactly_what_an_uncached_check_does(
    fixture: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(fixture, project, symlinks=True)
    cold = checked(project)
    assert checked(project) == cold


def test_an_unchanged_file_is_not_validated_again(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked(minimal_project)
    seen = count_checks(monkeypatch)
    check(minimal_project, cached=True)
    assert seen == []


def test_an_edited_file_is_checked_again(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert checked(minimal_project) == ([], checked(minimal_project)[1])
    seen = count_checks(monkeypatch)
    edit(minimal_project, ANNA, "nummer: 1", "nummer: nul")
    errors, _ = checked(minimal_project)
    assert ANNA in seen
    assert [(e.file.as_posix(), e.code) for e in errors if e.file.as_posix() == ANNA]


def test_a_renamed_file_is_reported_under_its_new_name(minimal_project: Path) -> None:
    edit(minimal_project, ANNA, "nummer: 1", "nummer: nul")
    before, _ = checked(minimal_project)
    (minimal_project / ANNA).rename(minimal_project / "content/casussen/2022/1-anna-b.md")
    after, _ = checked(minimal_project)
    assert {e.file.as_posix() for e in before} == {ANNA}
    assert {e.file.as_posix() for e in after} == {"content/casussen/2022/1-anna-b.md"}


def test_a_file_moved_to_another_edition_is_checked_for_that_edition(minimal_project: Path) -> None:
    checked(minimal_project)
    moved = minimal_project / "content/casussen/2031/1-anna.md"
    moved.parent.mkdir()
    (minimal_project / ANNA).rename(moved)
    errors, _ = checked(minimal_project)
    assert "link.unknown-edition" in {e.code for e in errors}


def test_deleting_a_file_breaks_the_unchanged_files_that_refer_to_it(minimal_project: Path) -> None:
    assert checked(minimal_project)[0] == []
    (minimal_project / BERT).unlink()
    errors, _ = checked(minimal_project)
    thread = "content/rode-draden/2022/01-breed-kijken.md"
    assert thread in {e.file.as_posix() for e in errors}  # unchanged, so from the cache


def test_a_new_tool_version_checks_every_file_again(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked(minimal_project)
    seen = count_checks(monkeypatch)
    monkeypatch.setattr(check_cache, "tool_fingerprint", lambda: "another version")
    checked(minimal_project)
    assert ANNA in seen and BERT in seen


def test_the_fingerprint_covers_the_checking_code() -> None:
    root = Path(check_cache.__file__).resolve().parent.parent.parent
    covered = [root / place for place in check_cache.CODE]
    assert root / "builder/content/validate.py" in [
        p for place in covered for p in (place.rglob("*.py") if place.is_dir() else [place])
    ]
    assert (root / "schema").is_dir() and (root / "builder/messages.py").is_file()


class Planted:
    """Unpickling this runs code: a cache file from elsewhere must never be read."""

    ran = False

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (Planted.mark, ())

    @staticmethod
    def mark() -> list[ContentError]:
        Planted.ran = True
        return []  # read as the file's errors: none


def planted_cache(project: Path) -> bytes:
    """The project's real cache with a Planted pickle where a file's errors are kept (the one
    value the cache unpickles), without its signature."""
    data = (project / check_cache.CACHE_FILE).read_bytes()[check_cache.SIGNATURE_BYTES :]
    tool, entries = marshal.loads(data)
    key = next(iter(entries))
    entries[key] = (pickle.dumps(Planted()), *entries[key][1:])
    return marshal.dumps((tool, entries))


def test_a_cache_file_not_signed_with_the_users_key_is_never_unpickled(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked(minimal_project)
    data = planted_cache(minimal_project)
    cache_file = minimal_project / check_cache.CACHE_FILE
    cache_file.write_bytes(b"\0" * check_cache.SIGNATURE_BYTES + data)
    assert checked(minimal_project)[0] == []
    assert not Planted.ran
    # the same file signed with the user's key is read: the plant is real, only the key stops it
    secret = check_cache.signing_secret()
    assert secret is not None
    cache_file.write_bytes(check_cache.sign(secret, data) + data)
    check(minimal_project, cached=True)
    assert Planted.ran
    monkeypatch.setattr(Planted, "ran", False)


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.99])
def test_a_signed_cache_file_cut_short_is_read_as_no_cache(
    minimal_project: Path, cut: float
) -> None:
    """A write cut off by a full disk or a crash, then signed: start over, never a traceback."""
    checked(minimal_project)
    cache_file = minimal_project / check_cache.CACHE_FILE
    data = cache_file.read_bytes()[check_cache.SIGNATURE_BYTES :]
    secret = check_cache.signing_secret()
    assert secret is not None
    short = data[: int(len(data) * cut)]
    cache_file.write_bytes(check_cache.sign(secret, short) + short)
    assert checked(minimal_project)[0] == []


def test_check_works_when_no_key_can_be_kept(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert checked(minimal_project)[0] == []
    assert not (minimal_project / check_cache.CACHE_FILE).exists()


def test_check_does_not_load_the_site_publish_serve_or_editor_stages(minimal_project: Path) -> None:
    script = (
        "import sys\n"
        "from builder.cli.main import main\n"
        f"main(['--project', {str(minimal_project)!r}, 'check'])\n"
        "heavy = ('mkdocs', 'jinja2', 'material', 'builder.site', 'builder.publish.publish',"
        " 'builder.publish.pdf', 'builder.editor.serve', 'builder.editor.preview',"
        " 'builder.editor.scaffold', 'builder.editor.status')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_check_leaves_garbage_collection_on_for_what_runs_after_it(
    minimal_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stand check` pauses the collector while its documents live, not for the process."""
    assert main(["--project", str(minimal_project), "check"]) == 0
    assert gc.isenabled()

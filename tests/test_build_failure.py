"""A build that fails leaves the published site byte for byte as it was; one that is killed
leaves it as it was, or the new site whole.

Three ways a build can go wrong, each checked against a snapshot (every path and the SHA-256
of every file) of a site that an earlier, successful build produced:

- the content has an error (at each stage: load, validate, link);
- a publish step fails (mkdocs, the search index, the entry points, the link check, the disk;
  the PDF, which is printed after the new site went live: tests/test_pdf_after_site.py);
- the build process is killed with SIGKILL, at two dozen moments spread over its run time.

The killed builds are real `python -m builder ... build` processes. Their delays are measured
against a full build of the same content first. A kill before the atomic swap leaves the old
site; one after it the new site, whose changed edition may still lack its PDF (then its home
page does not link one, and it has no stamp, so the next build makes it anew), but never a mix.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import MkDocsException

import builder.pipeline
import builder.publish.publish
from builder.content.workdir import BUILD_DIR
from builder.pipeline import build
from builder.publish import mkdocs_runner
from builder.publish.publish import FINGERPRINT_FILE, PublishError
from builder.publish.target import Target
from builder.site.print_page import PDF_NAME
from tests.conftest import add_site_config

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent
VALID_MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
CASE = Path("content") / "casussen" / "2022" / "1-anna.md"

Tree = dict[str, str]


def snapshot(site: Path) -> Tree:
    """Every path under site/ (files, dirs, symlinks) with the SHA-256 of each file's bytes."""
    tree: Tree = {}
    for path in sorted(site.rglob("*")):
        key = path.relative_to(site).as_posix()
        if path.is_symlink():
            tree[key] = f"link:{os.readlink(path)}"
        elif path.is_dir():
            tree[key] = "dir"
        else:
            tree[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return tree


def edit(project: Path, old: str, new: str, relative: Path = CASE) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_content(project: Path) -> None:
    """A valid change, so the next build renders the edition again instead of reusing it."""
    edit(project, "De gemeente is dienstverlener.", "De gemeente verleent diensten.")


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The minimal edition (with themes and mkdocs.yml) and the site of a successful build."""
    base = tmp_path_factory.mktemp("first-build")
    project, site = base / "project", base / "site"
    shutil.copytree(VALID_MINIMAL, project)
    add_site_config(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # build() sets it; undo afterwards
        outcome = build(project, site)
    assert outcome.published is not None, (outcome.failure, outcome.errors)
    return project, site


@pytest.fixture
def project(
    first_build: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private copy of the built project; its site is `site` (the fixture) next to it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    shutil.copytree(first_build[0], tmp_path / "project", symlinks=True)
    shutil.copytree(first_build[1], tmp_path / "site", symlinks=True)
    return tmp_path / "project"


@pytest.fixture
def site(project: Path) -> Path:
    return project.parent / "site"


# -- content errors -------------------------------------------------------------------------------

CONTENT_ERRORS: dict[str, Callable[[Path], object]] = {
    "load: not UTF-8": lambda p: (p / CASE).write_bytes((p / CASE).read_bytes() + b"\xff"),
    "load: YAML syntax": lambda p: edit(p, "titel: Casus over Anna", 'titel: "Casus over Anna'),
    "validate: schema": lambda p: edit(p, "nummer: 1", "nummer: -1"),
    "validate: raw HTML": lambda p: edit(p, "Tekst over kernwaarden.", "<script>x</script>"),
    "link: unknown id": lambda p: edit(p, "(rode-draad:informatie-delen)", "(rode-draad:weg)"),
    "link: duplicate id": lambda p: edit(
        p, "id: bert\n", "id: anna\n", Path("content/casussen/2022/2-bert.md")
    ),
}


@pytest.mark.parametrize("mistake", CONTENT_ERRORS, ids=list(CONTENT_ERRORS))
def test_a_content_error_leaves_the_site_byte_identical(
    project: Path, site: Path, mistake: str
) -> None:
    before = snapshot(site)
    change_content(project)
    CONTENT_ERRORS[mistake](project)

    outcome = build(project, site)

    assert outcome.errors and outcome.published is None
    assert snapshot(site) == before


# -- failing publish steps ------------------------------------------------------------------------


def _raise(error: Exception) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


# (module, attribute, error raised or None): every step between rendering and the swap.
# Each failure becomes outcome.failure (a Dutch reason), never an exception for the editor.
PUBLISH_FAILURES: dict[str, tuple[object, str, Exception | None]] = {
    "mkdocs build": (mkdocs_runner, "mkdocs_build", MkDocsException("theme error")),
    "mkdocs disk full": (mkdocs_runner, "mkdocs_build", OSError(28, "No space left")),
    "build edition": (builder.publish.publish, "build_edition", PublishError("mkdocs kon niet")),
    "search index": (builder.publish.publish, "index_search", PublishError("de zoekindex: test")),
    "entry points": (builder.publish.publish, "write_entry_points", OSError(28, "No space left")),
    "link check": (builder.pipeline, "broken_links", None),  # reports a broken link
    "swap": (builder.publish.publish, "swap_into_place", OSError(13, "Permission denied")),
}


@pytest.mark.parametrize("step", PUBLISH_FAILURES, ids=list(PUBLISH_FAILURES))
def test_a_failing_publish_step_leaves_the_site_byte_identical(
    project: Path, site: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    before = snapshot(site)
    change_content(project)
    module, name, error = PUBLISH_FAILURES[step]
    original = getattr(module, name)
    if error is None:
        monkeypatch.setattr(module, name, lambda *args: ["casussen/anna/ -> ../weg/"])
    else:
        monkeypatch.setattr(module, name, _raise(error))

    outcome = build(project, site)
    assert outcome.published is None and outcome.failure, outcome
    assert snapshot(site) == before
    # the leftovers of an interrupted publish do not block the next build
    monkeypatch.setattr(module, name, original)
    assert build(project, site).published is not None
    assert snapshot(site) != before


# -- SIGKILL --------------------------------------------------------------------------------------

KILLS = 24  # kill points, spread evenly over the measured duration of a build
MIN_RUNNING = 20  # kills that must have hit a running build
MIN_UNCHANGED = 6  # of those, before the swap: the old site


def _build_command(project: Path, site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "builder",
        "--project",
        str(project),
        "build",
        "--site",
        str(site),
    ]


def _run_build(project: Path, site: Path) -> float:
    started = time.monotonic()
    done = subprocess.run(
        _build_command(project, site),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return time.monotonic() - started


def _killed_build(project: Path, site: Path, delay: float) -> bool:
    """Start a build, SIGKILL its whole process group after `delay`; True if it was running."""
    process = subprocess.Popen(
        _build_command(project, site),
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the build and its pagefind child
        except ProcessLookupError:  # so early that the child has no process group yet
            process.kill()
        process.wait()
        return True
    return False


def _fingerprint(site: Path) -> str:
    """The first line of the edition's stamp (the rest is its manifest)."""
    return (site / "2022" / FINGERPRINT_FILE).read_text(encoding="utf-8").splitlines()[0]


def _shape(tree: Tree) -> list[str]:
    """The paths of a site, without pagefind's index files (their names vary per run)."""
    return sorted(path for path in tree if not path.startswith("2022/pagefind/"))


PDF = f"2022/{PDF_NAME.format(year=2022)}"
STAMP = f"2022/{FINGERPRINT_FILE}"


def _new_site_state(site: Path, now: Tree, new_print: str, new_shape: list[str]) -> str:
    """What a kill after the swap left: the new site, with or without its PDF yet."""
    partial = [path for path in now if path.endswith(".nieuw")]  # a file being replaced
    shape = [path for path in _shape(now) if path not in partial]
    if STAMP in now:
        assert _fingerprint(site) == new_print and not partial, "half a site after a kill"
        assert shape == new_shape, "an incomplete site after a kill"
        return "new"
    home = (site / "2022" / "index.html").read_text(encoding="utf-8")
    assert (PDF in now) or "als PDF" not in home, "a link to a PDF that is not there"
    assert set(new_shape) - set(shape) <= {PDF, STAMP}, "an incomplete site after a kill"
    assert set(shape) <= set(new_shape), "a mix of sites after a kill"
    return "new, its PDF still to come"


def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one(
    project: Path, site: Path, tmp_path: Path
) -> None:
    before = snapshot(site)
    old_print = _fingerprint(site)
    backup = tmp_path / "site-backup"
    shutil.copytree(site, backup, symlinks=True)

    change_content(project)
    # Every build below finds the project's caches as the reference build does: warm for
    # checking and rendering the new content (a first build elsewhere), without a PDF, so
    # each one prints (a kill can land in Chromium) and takes the reference's time.
    _run_build(project, tmp_path / "warm-site")
    pdf_cache = project / BUILD_DIR / "pdf"
    shutil.rmtree(pdf_cache)
    duration = _run_build(project, tmp_path / "reference-site")
    new_print = _fingerprint(tmp_path / "reference-site")
    new_shape = _shape(snapshot(tmp_path / "reference-site"))
    assert new_print != old_print

    unchanged, running, outcomes, recovered = 0, 0, [], False
    for attempt in range(KILLS + 16):  # more attempts only if late kills found the build done
        delay = duration * (attempt % KILLS + 0.5) / KILLS
        shutil.rmtree(pdf_cache, ignore_errors=True)
        was_running = _killed_build(project, site, delay)
        now = snapshot(site)
        if now == before:
            state = "old"
            unchanged += was_running
        else:
            # Only a finished swap may change site/: then it is the new build.
            state = _new_site_state(site, now, new_print, new_shape)
            if state != "new" and not recovered:  # the next build completes it
                _run_build(project, site)
                assert _fingerprint(site) == new_print
                assert _shape(snapshot(site)) == new_shape
                recovered = True
            shutil.rmtree(site)
            shutil.copytree(backup, site, symlinks=True)
        running += was_running
        outcomes.append(f"{delay:.2f} s: {state}")
        if attempt + 1 >= KILLS and running >= MIN_RUNNING:
            break
    print(f"build {duration:.2f} s; " + "; ".join(outcomes))
    assert running >= MIN_RUNNING, f"only {running} kills hit a running build: {outcomes}"
    assert unchanged >= MIN_UNCHANGED, f"only {unchanged} kills left the old site: {outcomes}"

    # The project is not wedged by the leftovers of killed builds: the next build completes.
    _run_build(project, site)
    assert _fingerprint(site) == new_print
    assert not Target.at(site).staging.exists()  # the killed builds' staging is gone

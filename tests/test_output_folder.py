"""The output folder: stand replaces only what it made, says the truth when it did not, works on
any file system, builds one at a time, never carries a damaged edition over, and leaves no
staging behind after a failure or a kill."""

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import builder.publish.publish
import builder.publish.swap
from builder.cli.main import main
from builder.content.workdir import BUILD_DIR
from builder.editor.serve import ServeError, serve
from builder.pipeline import BuildOutcome, build
from builder.publish.publish import FINGERPRINT_FILE
from builder.publish.target import SITE_MARKER, Target

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent
ANNA = Path("2022") / "casussen" / "anna" / "index.html"


def tree(folder: Path) -> dict[str, str]:
    """Every path under folder (not following symlinks) with the SHA-256 of each file."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = f"link:{os.readlink(path)}"
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "dir"
    return found


def published(outcome: BuildOutcome) -> None:
    problems = "\n".join(str(error) for error in outcome.errors)
    assert outcome.published is not None, f"build failed: {outcome.failure}\n{problems}"


def run_build(
    project: Path, site: Path | str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    code = main(["--project", str(project), "build", "--site", str(site)])
    out, err = capsys.readouterr()
    return code, out, err


# -- which targets stand refuses ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["content", "content/casussen", "themes", ".", BUILD_DIR, f"{BUILD_DIR}/vorige-site"]
)
def test_a_source_folder_or_the_project_is_never_a_target(
    minimal_buildable: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(minimal_buildable)
    code, out, err = run_build(minimal_buildable, minimal_buildable / name, capsys)
    assert code == 1
    assert err.startswith(f"stand: {(minimal_buildable / name).resolve()}"), err
    if name.startswith(BUILD_DIR):  # refused for where it is, not for what it holds
        assert f"ligt in de map {BUILD_DIR}/ van het project" in err, err
    assert "Traceback" not in out + err
    assert "is niet gewijzigd" in out
    after = tree(minimal_buildable)
    assert {k: v for k, v in after.items() if not k.startswith(BUILD_DIR)} == {
        k: v for k, v in before.items() if not k.startswith(BUILD_DIR)
    }


def test_a_folder_holding_the_project_is_refused(
    minimal_buildable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_build(minimal_buildable, minimal_buildable.parent, capsys)
    assert code == 1
    assert "bevat het project of uw persoonlijke map" in err
    assert (minimal_buildable / "content").is_dir()


def test_the_home_folder_is_refused_even_when_empty(
    minimal_buildable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "thuis"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    outcome = build(minimal_buildable, home)
    assert outcome.published is None
    assert outcome.failure is not None and "persoonlijke map" in outcome.failure
    assert list(home.iterdir()) == []


def test_a_folder_stand_did_not_make_is_refused(
    minimal_buildable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mijn-map"
    mine.mkdir()
    (mine / "belangrijk.txt").write_text("niet weggooien", encoding="utf-8")
    code, out, err = run_build(minimal_buildable, mine, capsys)
    assert code == 1
    assert err == (
        f"stand: {mine} bestaat al en is niet door stand gemaakt (er staat geen {SITE_MARKER} "
        "in). stand overschrijft die map niet: kies een nieuwe of lege map, of ruim hem zelf "
        "op.\n"
    )
    assert out.endswith(f"De site is niet gebouwd; {mine} is niet gewijzigd.\n")
    assert tree(mine) == {"belangrijk.txt": hashlib.sha256(b"niet weggooien").hexdigest()}


def test_an_empty_folder_and_stands_own_site_are_replaced(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    site = tmp_path / "leeg"
    site.mkdir()
    published(build(minimal_buildable, site))
    assert (site / SITE_MARKER).is_file() and (site / ANNA).is_file()
    published(build(minimal_buildable, site))  # now it carries stand's marker


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_a_file_or_symlink_at_the_target_stays_exactly_as_it_was(
    minimal_buildable: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "uit" / "site"
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    site.parent.mkdir()
    (elsewhere / "index.html").write_text("<p>eigen site</p>", encoding="utf-8")
    if kind == "file":
        site.write_text("geen map", encoding="utf-8")
    else:
        site.symlink_to(elsewhere)
    code, out, err = run_build(minimal_buildable, site, capsys)
    assert code == 1 and "Traceback" not in err
    assert out.endswith(f"{site} is niet gewijzigd.\n")  # and that is true:
    if kind == "file":
        assert site.read_text(encoding="utf-8") == "geen map"
    else:
        assert site.is_symlink() and site.readlink() == elsewhere
    assert tree(elsewhere) == {"index.html": hashlib.sha256(b"<p>eigen site</p>").hexdigest()}


@pytest.mark.parametrize("kind", ["symlink", "file"])
def test_a_work_folder_that_is_no_real_folder_is_never_written_through(
    minimal_buildable: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A checkout may carry a committed .stand-build symlink: check runs without its cache,
    build and serve refuse in Dutch, and nothing is written where it points."""
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    work = minimal_buildable / BUILD_DIR
    if kind == "symlink":
        work.symlink_to(elsewhere, target_is_directory=True)
    else:
        work.write_text("geen map", encoding="utf-8")
    assert main(["--project", str(minimal_buildable), "check"]) == 0
    code, out, err = run_build(minimal_buildable, tmp_path / "site", capsys)
    assert code == 1 and "Traceback" not in err
    assert f"{work} is een" in out + err and "tussenbestanden" in out + err
    with pytest.raises(ServeError, match="tussenbestanden"):
        serve(minimal_buildable, port=0)
    assert tree(elsewhere) == {}
    assert not (tmp_path / "site").exists()
    assert (
        work.is_symlink() if kind == "symlink" else work.read_text(encoding="utf-8") == "geen map"
    )


# -- staging next to the target ----------------------------------------------------------------


def test_a_site_on_another_file_system(minimal_buildable: Path) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == minimal_buildable.stat().st_dev:
        pytest.skip("no second file system at /dev/shm")
    site = shm / f"stand-test-{os.getpid()}" / "site"
    try:
        published(build(minimal_buildable, site))
        outcome = build(minimal_buildable, site)  # the second build carries 2022 over
        published(outcome)
        assert outcome.published is not None and outcome.published.reused == [2022]
        assert (site / ANNA).is_file()
        assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    finally:
        shutil.rmtree(site.parent, ignore_errors=True)


def test_without_hard_links_or_renameat2_reuse_copies_and_the_swap_renames(
    minimal_buildable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "uit" / "site"
    published(build(minimal_buildable, site))

    def cross_device(source: str, destination: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    monkeypatch.setattr(builder.publish.swap, "_exchange", lambda a, b: False)
    before = (site / ANNA).read_bytes()
    outcome = build(minimal_buildable, site)
    published(outcome)
    assert outcome.published is not None and outcome.published.reused == [2022]
    assert (site / ANNA).read_bytes() == before
    assert not Target.at(site).previous.exists() and not Target.at(site).staging.exists()


def test_a_failed_second_rename_puts_the_old_site_back(
    minimal_buildable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "uit" / "site"
    published(build(minimal_buildable, site))
    before = tree(site)
    real_replace = os.replace

    def failing_replace(source: Path, destination: Path) -> None:
        if Path(source).name.endswith(".stand-nieuw"):
            raise OSError(errno.EACCES, "Permission denied", str(source))
        real_replace(source, destination)

    (minimal_buildable / "content/casussen/2022/1-anna.md").write_text(
        (minimal_buildable / "content/casussen/2022/1-anna.md")
        .read_text(encoding="utf-8")
        .replace("Casus over Anna", "Nieuwe titel", 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(builder.publish.swap, "_exchange", lambda a, b: False)
    monkeypatch.setattr(os, "replace", failing_replace)
    outcome = build(minimal_buildable, site)
    assert outcome.published is None
    assert outcome.failure is not None and "geen toestemming" in outcome.failure
    assert tree(site) == before


# -- one build at a time -----------------------------------------------------------------------


def test_a_second_build_waits_its_turn_with_a_dutch_message(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    site = tmp_path / "uit" / "site"
    published(build(minimal_buildable, site))
    before = tree(site)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from builder.publish.target import one_build_at_a_time\n"
            f"with one_build_at_a_time(Path({str(minimal_buildable / BUILD_DIR)!r})):\n"
            "    print('vast', flush=True)\n"
            "    time.sleep(60)\n",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "vast\n"
        outcome = build(minimal_buildable, site)
    finally:
        holder.kill()
        holder.communicate()
    assert outcome.published is None
    assert outcome.failure == (
        f"er draait al een ‘stand build’ die in {(minimal_buildable / BUILD_DIR).resolve()} "
        "schrijft. Wacht tot die klaar is en probeer het dan opnieuw."
    )
    assert tree(site) == before
    published(build(minimal_buildable, site))  # the lock went with the process that held it


# -- reused editions are verified --------------------------------------------------------------


@pytest.mark.parametrize("damage", ["delete", "change", "add", "add-nested", "stamp"])
def test_a_damaged_frozen_edition_is_rebuilt_not_carried_over(
    minimal_buildable: Path, tmp_path: Path, damage: str
) -> None:
    site = tmp_path / "uit" / "site"
    published(build(minimal_buildable, site))
    good = tree(site / "2022")
    if damage == "delete":
        (site / ANNA).unlink()
    elif damage == "change":
        (site / ANNA).write_bytes((site / ANNA).read_bytes().replace(b"Anna", b"Xnna", 1))
    elif damage == "add":
        (site / "2022" / "extra.html").write_text("<p>?</p>", encoding="utf-8")
    elif damage == "add-nested":
        (site / "2022" / "assets" / "extra.js").write_text("alert(1)", encoding="utf-8")
    else:
        stamp = site / "2022" / FINGERPRINT_FILE
        stamp.write_text(stamp.read_text(encoding="utf-8").splitlines()[0], encoding="utf-8")
    outcome = build(minimal_buildable, site)
    published(outcome)
    assert outcome.published is not None and outcome.published.reused == []
    rebuilt = tree(site / "2022")

    def shape(files: dict[str, str]) -> list[str]:  # pagefind names its files per run
        return sorted(path for path in files if not path.startswith("pagefind/"))

    assert shape(rebuilt) == shape(good)
    assert rebuilt[ANNA.relative_to("2022").as_posix()] == good[ANNA.relative_to("2022").as_posix()]


def test_an_intact_edition_is_carried_over(minimal_buildable: Path, tmp_path: Path) -> None:
    site = tmp_path / "uit" / "site"
    published(build(minimal_buildable, site))
    outcome = build(minimal_buildable, site)
    assert outcome.published is not None and outcome.published.reused == [2022]


# -- no leftovers ------------------------------------------------------------------------------


def test_a_full_disk_leaves_the_site_and_no_staging(
    minimal_buildable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "uit" / "site"
    published(build(minimal_buildable, site))
    before = tree(site)
    (minimal_buildable / "content/casussen/2022/1-anna.md").write_text(
        (minimal_buildable / "content/casussen/2022/1-anna.md")
        .read_text(encoding="utf-8")
        .replace("Casus over Anna", "Nieuwe titel", 1),
        encoding="utf-8",
    )

    def disk_full(edition_dir: Path) -> None:
        (edition_dir / "pagefind").mkdir()
        raise OSError(errno.ENOSPC, "No space left on device", str(edition_dir / "pagefind"))

    monkeypatch.setattr(builder.publish.publish, "index_search", disk_full)
    outcome = build(minimal_buildable, site)
    assert outcome.published is None
    assert outcome.failure == (
        f"schrijven mislukt (de schijf is vol: {Target.at(site).staging / '2022' / 'pagefind'})."
    )
    assert tree(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # no staging left


def test_leftovers_of_a_killed_build_are_removed_by_the_next(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    site = tmp_path / "uit" / "site"
    target = Target.at(site)
    for leftover in (target.staging / "2022" / ".chromium-2022", target.previous / "2022"):
        leftover.mkdir(parents=True)
        (leftover / "groot.bin").write_bytes(b"\0" * 100_000)
    published(build(minimal_buildable, site))
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_a_killed_build_leaves_staging_that_the_next_build_removes(
    minimal_buildable: Path, tmp_path: Path
) -> None:
    site = tmp_path / "uit" / "site"
    command = [sys.executable, "-m", "builder", "--project", str(minimal_buildable)]
    process = subprocess.Popen(
        [*command, "build", "--site", str(site)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staging = Target.at(site).staging
    deadline = time.monotonic() + 60
    while not staging.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.kill()
    process.wait()
    published(build(minimal_buildable, site))
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]

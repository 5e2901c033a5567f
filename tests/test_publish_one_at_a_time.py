"""Publish takes the rendered editions one at a time and lets go of each once it is made.

A build renders an edition only when publish asks for the next one (site.render.render), so what it
holds is bounded by the editions being made, not by the archive: at most one per worker.
Making an edition (mkdocs, PDF, Pagefind) is replaced by a stand-in that takes a moment, its
fingerprint by its year, and the worker processes by threads, so the same flow runs in this
process and can be watched.
"""

import os
import time
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import builder.publish.publish
from builder.publish.publish import MAX_WORKERS, MadeEdition, publish
from builder.site.rendered import RenderedEdition, RenderedPage

YEARS = list(range(2001, 2009))


class Watched:
    """Yields editions as site.render.render does, noting how many earlier ones are still alive."""

    def __init__(self) -> None:
        self.alive: list[weakref.ref[RenderedEdition]] = []
        self.most_held = 0

    def editions(self) -> Iterator[RenderedEdition]:
        for year in YEARS:
            held = sum(ref() is not None for ref in self.alive)
            self.most_held = max(self.most_held, held)
            yield self.rendered(year)  # this generator keeps no reference to it

    def rendered(self, year: int) -> RenderedEdition:
        page = RenderedPage("index.md", "", f"Editie {year}", "<p>x</p>" * 1000)
        edition = RenderedEdition(year, f"Editie {year}", [page], [])
        self.alive.append(weakref.ref(edition))
        return edition


def make_slowly(
    root: Path, edition: RenderedEdition, work: Path, out_dir: Path, print_: str
) -> MadeEdition:
    time.sleep(0.1)  # long enough for publish to ask for all other editions meanwhile
    out_dir.mkdir(parents=True)
    (out_dir / "404.html").write_text("niet gevonden", encoding="utf-8")
    return MadeEdition([f"gemaakt: {edition.year}"])


class InThreads(ThreadPoolExecutor):
    """The process pool's interface (spawn context and all), run in threads."""

    def __init__(self, max_workers: int, mp_context: object) -> None:
        super().__init__(max_workers)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(builder.publish.publish, "make_edition", make_slowly)
    monkeypatch.setattr(builder.publish.publish, "fingerprint", lambda root, e, tools: str(e.year))
    monkeypatch.setattr(builder.publish.publish, "ProcessPoolExecutor", InThreads)
    root = tmp_path / "project"
    root.mkdir()
    return root


@pytest.mark.parametrize("cores", [1, 2, 8])
def test_an_edition_is_let_go_once_it_is_made(
    project: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    watched = Watched()

    published = publish(project, watched.editions(), project.parent / "site", YEARS)

    workers = min(cores, MAX_WORKERS)
    assert watched.most_held <= (0 if workers < 2 else workers)
    assert published.years == YEARS
    assert published.notes == [f"gemaakt: {year}" for year in YEARS]  # in the editions' order
    assert published.page_count == len(YEARS)
    assert (project.parent / "site" / "2008" / "404.html").is_file()


def test_a_lone_changed_edition_is_made_without_starting_workers(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pools: list[InThreads] = []

    class Counted(InThreads):
        def __init__(self, max_workers: int, mp_context: object) -> None:
            super().__init__(max_workers, mp_context)
            pools.append(self)

    monkeypatch.setattr(builder.publish.publish, "ProcessPoolExecutor", Counted)
    page = RenderedPage("index.md", "", "Editie 2022", "<p>x</p>")

    edition = RenderedEdition(2022, "Editie", [page], [])

    published = publish(project, iter([edition]), project.parent / "site", [2022])

    assert published.notes == ["gemaakt: 2022"] and not pools

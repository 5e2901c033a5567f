"""Rendered pages kept between the builds of `stand serve`: after a save, a page is rendered again
only when something it shows changed. A page shows its spec (view model, title, facets), the
edition's details, its edition switcher, the glossary and the templates; all of that is the key.
"""

from dataclasses import dataclass, field
from pathlib import Path

from builder.site.rendered import RenderedPage

TemplatesStamp = tuple[tuple[str, int, int], ...]


def templates_stamp(pages_dir: Path) -> TemplatesStamp:
    """Every template file with its modification time and size: any edit makes a new stamp."""
    return tuple(
        (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(pages_dir.rglob("*"))
        if path.is_file()
    )


@dataclass
class PageMemo:
    stamp: TemplatesStamp = ()
    # (year, url) -> (everything the page showed, the page)
    pages: dict[tuple[int, str], tuple[object, RenderedPage]] = field(default_factory=dict)
    rendered: int = 0  # pages rendered (not reused) since start()

    def start(self, stamp: TemplatesStamp) -> None:
        """A new build; a template changed since the last one: render every page again."""
        if stamp != self.stamp:
            self.pages.clear()
            self.stamp = stamp
        self.rendered = 0

    def get(self, year: int, url: str, shown: object) -> RenderedPage | None:
        kept = self.pages.get((year, url))
        return kept[1] if kept is not None and kept[0] == shown else None

    def put(self, year: int, url: str, shown: object, page: RenderedPage) -> RenderedPage:
        self.pages[(year, url)] = (shown, page)
        self.rendered += 1
        return page

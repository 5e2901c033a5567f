"""Where a page's HTML is written: on its own page, or as a part of the whole report on one page.

Templates (as `at`) and the Markdown renderer (env["placement"]) write every id, heading
level and link through it, so the print version is made where the HTML is made:

- on its own page nothing changes;
- as a part (builder/site/print_page.py), ids get the part's prefix (``casussen-peter--fn1``)
  so they never clash, headings move one level down under the part's h2, and links to
  another part, or to a knelpunt or aanbeveling inside one, become links inside the page.
  Links to site pages outside the report have no target (None): they are written as text,
  because the page is also printed to PDF, where such a relative link would point nowhere.
"""

import posixpath
import re
from dataclasses import dataclass, field

SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")  # https:, mailto: ...


class Placement:
    """A page on its own: everything as it is."""

    def id(self, value: str) -> str:
        return value

    def level(self, level: int) -> int:
        return level

    def href(self, href: str) -> str | None:
        return href


OWN_PAGE = Placement()


def part_id(url: str) -> str:
    return url.strip("/").replace("/", "-")


@dataclass(frozen=True)
class ReportPart(Placement):
    """The page at `url` as a part of the report on one page. `targets` maps the edition URL of
    each page the report holds to (its part's id, the id inside that part or '')."""

    url: str
    targets: dict[str, tuple[str, str]] = field(repr=False)

    @property
    def prefix(self) -> str:
        return part_id(self.url)

    def id(self, value: str) -> str:
        return " ".join(f"{self.prefix}--{v}" for v in value.split())

    def level(self, level: int) -> int:
        return min(6, level + 1)

    def href(self, href: str) -> str | None:
        if SCHEME.match(href):
            return href
        path, _, fragment = href.partition("#")
        if not path:
            return f"#{self.id(fragment)}"
        target = self.targets.get(_resolve(self.url, path))
        if target is None:
            return None
        part, inside = target[0], fragment or target[1]
        return f"#{part}--{inside}" if inside else f"#{part}"


def _resolve(url: str, path: str) -> str:
    """The edition-relative URL that `path` on the page at `url` points to."""
    joined = posixpath.normpath(posixpath.join(url, path))
    if joined == ".":
        return ""
    return joined + "/" if path.endswith("/") else joined

"""After the build: every internal link and anchor in the built site must resolve (strict)."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        if tag in ("a", "link") and values.get("href"):
            self.hrefs.append(str(values["href"]))


def broken_links(site: Path, within: list[Path] | None = None) -> list[str]:
    """'page -> href' for each internal link whose file or anchor does not exist.

    Only pages under `within` (default: the whole site) are read for links; link targets
    anywhere in the site are read when an anchor has to be checked.
    """
    roots = within if within is not None else [site]
    files = [p for root in roots for p in ([root] if root.is_file() else root.rglob("*.html"))]
    pages = {p: _collect(p) for p in files if p.suffix == ".html"}
    broken = []
    for page, collected in sorted(pages.items()):
        for href in collected.hrefs:
            problem = _check(site, page, href, pages)
            if problem:
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def _collect(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def _check(site: Path, page: Path, href: str, pages: dict[Path, _Collector]) -> bool:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:")):
        return False
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    if not target.exists():
        return True
    if parts.fragment and target.suffix == ".html":
        if target not in pages:
            pages[target] = _collect(target)
        return unquote(parts.fragment) not in pages[target].ids
    return False

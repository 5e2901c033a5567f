"""Where every page and every id lives inside an edition's site, and relative links between them."""

import posixpath

from schema.speelveld import Element, Level

RODE_DRADEN_CHAPTER = "rode-draden"  # this chapter opens the rode draden overview page
CHAPTERS_BEFORE_CASES = 4  # voorwoord .. onderzoekskeuzes come before the casussen


def case_url(case_id: str) -> str:
    return f"casussen/{case_id}/"


def thread_url(thread_id: str) -> str:
    return f"rode-draden/{thread_id}/"


def bottleneck_page_url(bottleneck_id: str) -> str:
    return f"knelpunten/{bottleneck_id}/"


def recommendation_page_url(recommendation_id: str) -> str:
    return f"aanbevelingen/{recommendation_id}/"


def element_url(element: Element) -> str:
    return f"speelveld/{element.value}/"


def level_url(level: Level) -> str:
    return f"niveaus/{level.value}/"


def chapter_url(chapter_id: str) -> str:
    return "rode-draden/" if chapter_id == RODE_DRADEN_CHAPTER else f"{chapter_id}/"


SOURCES_URL = "bronnen/"
MATRIX_URL = "speelveld/matrix/"
SPEELVELD_URL = "speelveld/"
CASES_URL = "casussen/"
THREADS_URL = "rode-draden/"
LEVELS_URL = "niveaus/"
SEARCH_URL = "zoeken/"
FOLLOW_UP_URL = "opvolging/"
ACCESSIBILITY_URL = "toegankelijkheid/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both edition-relative, '' = home)."""
    path, _, anchor = to_url.partition("#")
    if path == from_url and anchor:
        return f"#{anchor}"
    rel = _relpath(path, from_url)
    rel = "./" if rel == "." else rel + ("/" if path.endswith("/") or not path else "")
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site-relative URLs, without its per-call getcwd()."""
    target = [p for p in posixpath.normpath(path or ".").split("/") if p != "."]
    origin = [p for p in posixpath.normpath(start or ".").split("/") if p != "."]
    common = 0
    while common < min(len(target), len(origin)) and target[common] == origin[common]:
        common += 1
    parts = [".."] * (len(origin) - common) + target[common:]
    return "/".join(parts) or "."

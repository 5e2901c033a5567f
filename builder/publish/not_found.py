"""The 404 page: the edition's niet-gevonden/ page, made to work at whatever address the web
server shows it for.

Its links are relative to niet-gevonden/; a <base> element at the top of <head> makes them
resolve from there. With a site_url that base is absolute. Without one it assumes the site at
the domain root ("/2022/niet-gevonden/"), and a line of JavaScript corrects that when the
missing address shows the site lives deeper ("/rapport/2022/oud/" -> "/rapport/2022/...").
"""

import json
import re
from html import escape
from pathlib import Path

from builder.site.urls import NOT_FOUND_URL

HEAD = re.compile(r"<head>")
BASE = '<base href="{href}">'
SUBFOLDER = (
    "<script>(function () {{ var edition = {edition}; var path = location.pathname;"
    " var at = path.indexOf(edition); if (at > 0) document.querySelector('base').href ="
    " path.slice(0, at) + edition + {page}; }})();</script>"
)
# A page with a <base> is checked by the link check as the page its base names (sitecheck.py).
MARK = "<base "


def not_found_html(page: str, year: int, edition_url: str | None) -> str:
    """niet-gevonden/index.html as a 404 page for the edition of `year`, published at
    `edition_url` (mkdocs' site_url of the edition) when that is known."""
    if edition_url:
        base = BASE.format(href=escape(f"{edition_url.rstrip('/')}/{NOT_FOUND_URL}"))
        return HEAD.sub(lambda m: m.group(0) + base, page, count=1)
    base = BASE.format(href=escape(f"/{year}/{NOT_FOUND_URL}"))
    # json.dumps of an int and a fixed path: no content reaches the script
    script = SUBFOLDER.format(edition=json.dumps(f"/{year}/"), page=json.dumps(NOT_FOUND_URL))
    return HEAD.sub(lambda m: m.group(0) + base + script, page, count=1)


def write_not_found(out_dir: Path, year: int, edition_url: str | None) -> None:
    """The edition's 404.html from its niet-gevonden/ page."""
    page = (out_dir / NOT_FOUND_URL / "index.html").read_text(encoding="utf-8")
    html = not_found_html(page, year, edition_url)
    (out_dir / "404.html").write_text(html, encoding="utf-8")

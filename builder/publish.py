"""Stage 5: write the rendered pages as an mkdocs project per edition, build, index, swap into site/.

Every mkdocs-specific call lives here (and in mkdocs_hooks.py), so a later move to another
builder that reads mkdocs.yml stays cheap. site/ changes only when the whole build succeeded.
"""

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from builder.render import NavItem, RenderedEdition, RenderedPage
from builder.swap import swap_into_place

BUILD_DIR = ".stand-build"
HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


class PublishError(Exception):
    """A publish step failed; the message is Dutch and shown to the editor as is."""


@dataclass(frozen=True)
class Published:
    site_dir: Path
    page_count: int


def publish(
    root: Path, editions: list[RenderedEdition], site_dir: Path,
    verify: Callable[[Path], None] = lambda staging: None,
) -> Published:
    work = root / BUILD_DIR
    staging = work / "site-nieuw"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for edition in editions:
        build_edition(root, edition, work / f"docs-{edition.year}", staging / str(edition.year))
        index_search(staging / str(edition.year))
    newest = max(editions, key=lambda e: e.year)
    write_redirect(staging / "index.html", f"{newest.year}/", newest.title)
    verify(staging)
    swap_into_place(staging, site_dir, work / "site-oud")
    return Published(site_dir, sum(len(e.pages) for e in editions))


def build_edition(root: Path, edition: RenderedEdition, docs_dir: Path, out_dir: Path) -> None:
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    for page in edition.pages:
        write_page(docs_dir, page)
    config_path = docs_dir.parent / f"mkdocs-{edition.year}.yml"
    config_path.write_text(
        yaml.safe_dump(edition_config(root, edition, docs_dir, out_dir), allow_unicode=True),
        encoding="utf-8",
    )
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_path))
    try:
        mkdocs_build(config)
    except (MkDocsException, OSError) as problem:
        raise PublishError(f"mkdocs kon editie {edition.year} niet bouwen: {problem}") from problem
    if not config.get("site_url"):
        # Material's 404 page links from the site root, which only works with a known site_url
        # (set it in mkdocs.yml for the published site).
        (out_dir / "404.html").unlink(missing_ok=True)


def write_page(docs_dir: Path, page: RenderedPage) -> None:
    path = docs_dir / page.src
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"title": page.title, "toc": page.toc}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    path.write_text(f"---\n{front}---\n{page.html}", encoding="utf-8")


def edition_config(root: Path, edition: RenderedEdition, docs_dir: Path,
                   out_dir: Path) -> dict[str, Any]:
    base: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = dict(base.get("theme", {}))
    if "custom_dir" in theme:
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    extra = dict(base.get("extra", {}))
    extra["stand"] = {"publisher": "VNG Realisatie", "year": edition.year,
                      "published_label": f"Editie {edition.year}"}
    return {
        **base,
        "site_name": edition.title,
        "docs_dir": str(docs_dir.resolve()),
        "site_dir": str(out_dir.resolve()),
        "theme": theme,
        "nav": [nav_entry(item) for item in edition.nav],
        "hooks": [str(HOOKS)],
        "site_url": f"{base['site_url'].rstrip('/')}/{edition.year}/" if base.get("site_url")
        else None,
        "extra": extra,
        "strict": True,
    }


def nav_entry(item: NavItem) -> Any:
    if item.children:
        return {item.title: [nav_entry(child) for child in item.children]}
    return {item.title: item.src}


def index_search(edition_dir: Path) -> None:
    """Pagefind: Dutch stemming (from lang="nl"), section-level results, filters."""
    command = [sys.executable, "-m", "pagefind", "--site", str(edition_dir), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**os.environ, "PAGEFIND_SITE": str(edition_dir)})
    if result.returncode != 0:
        raise PublishError(f"de zoekindex kon niet gemaakt worden: {result.stderr.strip()}")


def write_redirect(path: Path, target: str, title: str) -> None:
    path.write_text(
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n</head>\n<body>\n'
        f'<p><a href="{target}">Naar de nieuwste editie: {title}</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )

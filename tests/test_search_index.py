"""What Pagefind indexes: every passage on one page only (issue 12, item 3: "AVG" listed one
recommendation several times; knelpunt and aanbeveling pages repeated their casus and rode draad).

Read from the built real site's newest edition: the text inside data-pagefind-body, without
the parts marked data-pagefind-ignore, is what the index holds.
"""

import json
from functools import cache
from pathlib import Path

from htmltree import Node, parse_file


def edition_dir(site: Path) -> Path:
    return max((p for p in site.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))


def indexed_text(node: Node) -> str:
    parts: list[str] = []

    def collect(current: Node, inside: bool) -> None:
        if "data-pagefind-ignore" in current.attrs or current.tag in ("script", "style"):
            return
        inside = inside or "data-pagefind-body" in current.attrs
        for child in current.children:
            if isinstance(child, str):
                if inside:
                    parts.append(child)
            else:
                collect(child, inside)

    collect(node, False)
    return " ".join("".join(parts).split())


@cache
def indexed_pages(site: Path) -> dict[str, str]:
    edition = edition_dir(site)
    return {
        page.parent.relative_to(edition).as_posix(): indexed_text(parse_file(page))
        for page in sorted(edition.rglob("index.html"))
    }


def passages(site: Path) -> list[tuple[str, str]]:
    """(its own page, text) for every knelpunt's key sentence and every aanbeveling."""
    edition = edition_dir(site)
    data = json.loads((edition / "data" / f"editie-{edition.name}.json").read_text("utf-8"))
    found = [
        (f"knelpunten/{k['id']}", k["kernzin"]) for c in data["casussen"] for k in c["knelpunten"]
    ]
    found += [
        (f"aanbevelingen/{r['id']}", r["tekst"])
        for t in data["rode_draden"]
        for r in t["wat_is_nodig"]
    ]
    return found


def test_every_knelpunt_and_aanbeveling_is_indexed_on_its_own_page_only(real_site: Path) -> None:
    pages = indexed_pages(real_site)
    wrong = []
    for own, text in passages(real_site):
        probe = " ".join(text.split()[:12])  # the start, before Markdown marks can differ
        holders = sorted(url for url, indexed in pages.items() if probe in indexed)
        if holders != [own]:
            wrong.append(f"{own}: indexed on {holders}")
    own_pages = {url for url in pages if url.startswith(("knelpunten/", "aanbevelingen/"))}
    assert {own for own, _ in passages(real_site)} == own_pages  # every one, none missed
    assert not wrong, "\n".join(wrong)


def test_a_knelpunt_or_aanbeveling_page_does_not_index_its_casus_or_rode_draad_name(
    real_site: Path,
) -> None:
    edition = edition_dir(real_site)
    data = json.loads((edition / "data" / f"editie-{edition.name}.json").read_text("utf-8"))
    pages = indexed_pages(real_site)
    for case in data["casussen"]:
        for knelpunt in case["knelpunten"]:
            indexed = pages[f"knelpunten/{knelpunt['id']}"]
            assert case["titel"] not in indexed, knelpunt["id"]
    for thread in data["rode_draden"]:
        for recommendation in thread["wat_is_nodig"]:
            indexed = pages[f"aanbevelingen/{recommendation['id']}"]
            assert thread["titel"] not in indexed, recommendation["id"]

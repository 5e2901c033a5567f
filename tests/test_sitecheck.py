"""The post-build link check: finds missing pages and anchors, accepts what exists."""

from pathlib import Path

from builder.publish.sitecheck import broken_links


def page(site: Path, relative: str, html: str) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")


def test_accepts_existing_pages_anchors_and_external_links(tmp_path: Path) -> None:
    page(
        tmp_path,
        "2022/index.html",
        '<a href="casussen/peter/#peter-kader">x</a>'
        '<a href="https://example.org/">e</a><a href="mailto:a@b.nl">m</a>'
        '<a href="../2022">home</a><a href="#top">t</a><h1 id="top">T</h1>',
    )
    page(
        tmp_path,
        "2022/casussen/peter/index.html",
        '<aside id="peter-kader"></aside><a href="../../?q=a&amp;b=c">q</a>',
    )
    assert broken_links(tmp_path) == []


def test_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    page(
        tmp_path,
        "2022/index.html",
        '<a href="casussen/pim/">x</a><a href="casussen/peter/#peter-netwerk">y</a>',
    )
    page(tmp_path, "2022/casussen/peter/index.html", '<aside id="peter-kader"></aside>')
    assert broken_links(tmp_path) == [
        "2022/index.html -> casussen/pim/",
        "2022/index.html -> casussen/peter/#peter-netwerk",
    ]


def test_reads_only_the_pages_under_within_for_links(tmp_path: Path) -> None:
    page(tmp_path, "2022/index.html", '<a href="weg/">x</a>')
    page(tmp_path, "2023/index.html", '<a href="../2022/#nergens">y</a>')
    assert broken_links(tmp_path, [tmp_path / "2023"]) == ["2023/index.html -> ../2022/#nergens"]


def test_a_page_read_early_for_its_anchors_still_has_its_links_checked(tmp_path: Path) -> None:
    """Pages are checked in path order, each let go after; an anchor in a later page is read
    ahead, and that page's own links are checked when its turn comes."""
    page(tmp_path, "2022/a/index.html", '<a href="../z/#doel">x</a><a href="../z/#weg">y</a>')
    page(tmp_path, "2022/z/index.html", '<p id="doel"></p><a href="../nergens/">z</a>')
    assert broken_links(tmp_path) == [
        "2022/a/index.html -> ../z/#weg",
        "2022/z/index.html -> ../nergens/",
    ]

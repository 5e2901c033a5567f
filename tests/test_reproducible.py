"""Two clean builds from two fresh copies give the same bytes, Pagefind's files included
(builder/publish/search_order.py puts its filter files in a stable order)."""

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import cbor2
import pytest

from builder.pipeline import build
from builder.publish.search_order import SIGNATURE, stabilise_filters
from tests.conftest import FIXTURES, add_site_config

pytestmark = pytest.mark.slow  # builds sites


def fresh_build(target: Path) -> Path:
    project = target / "project"
    shutil.copytree(FIXTURES / "valid" / "editions", project)
    add_site_config(project)
    outcome = build(project, project / "site")
    assert outcome.published is not None, outcome.failure or outcome.errors
    return project / "site"


def digests(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_clean_builds_give_identical_bytes(tmp_path: Path) -> None:
    first = digests(fresh_build(tmp_path / "een"))
    second = digests(fresh_build(tmp_path / "twee"))
    assert any("/pagefind/filter/" in path for path in first)
    assert first == second


def pagefind_file(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE)
    return cbor2.loads(raw[len(SIGNATURE) :])


def write_pagefind_file(path: Path, data: object) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(data)))


def test_filter_values_and_the_filter_list_are_sorted_and_renamed_consistently(
    tmp_path: Path,
) -> None:
    pagefind = tmp_path / "pagefind"
    (pagefind / "filter").mkdir(parents=True)
    write_pagefind_file(
        pagefind / "filter" / "nl_aaaaaaa.pf_filter",
        ["soort", [["rode draad", [1]], ["casus", [0]]]],
    )
    write_pagefind_file(
        pagefind / "filter" / "nl_bbbbbbb.pf_filter", ["editie", [["2031", [0, 1]]]]
    )
    meta = ["1.5.2", [], [], [["soort", "nl_aaaaaaa"], ["editie", "nl_bbbbbbb"]], [], ["title"]]
    write_pagefind_file(pagefind / "pagefind.nl_cccccccccc.pf_meta", meta)
    entry = '{"version":"1.5.2","languages":{"nl":{"hash":"nl_cccccccccc","page_count":2}}}'
    (pagefind / "pagefind-entry.json").write_text(entry, encoding="utf-8")

    stabilise_filters(pagefind)

    new_meta = json.loads((pagefind / "pagefind-entry.json").read_text())["languages"]["nl"]["hash"]
    assert len(new_meta) == len("nl_cccccccccc") and new_meta != "nl_cccccccccc"
    meta_after = pagefind_file(pagefind / f"pagefind.{new_meta}.pf_meta")
    assert isinstance(meta_after, list)
    filters = meta_after[3]
    assert [name for name, _ in filters] == ["editie", "soort"]
    files = {
        name: pagefind_file(pagefind / "filter" / f"{file}.pf_filter") for name, file in filters
    }
    assert files["soort"] == ["soort", [["casus", [0]], ["rode draad", [1]]]]
    assert sorted(p.name for p in (pagefind / "filter").iterdir()) == sorted(
        f"{file}.pf_filter" for _, file in filters
    )
    assert len(list(pagefind.glob("*.pf_meta"))) == 1

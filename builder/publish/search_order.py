"""Pagefind's filter files in a stable order, so that two clean builds give the same bytes.

Pagefind 1.x writes each filter's values (and the list of filters in its metadata) in the
order of a randomly seeded hash map, and names the files after their content. We decode those
files (gzip around a signature and CBOR), sort the values and the filter list, write them
back compressed without a timestamp, name them after the new content, and point the metadata
and pagefind-entry.json at the new names. The search reads them exactly as before.
"""

import gzip
import hashlib
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"  # Pagefind's marker at the start of every decompressed file
META_FILTERS = 3  # the metadata is [version, pages, index chunks, filters, sorts, ...]


def stabilise_filters(pagefind_dir: Path) -> None:
    entry_path = pagefind_dir / "pagefind-entry.json"
    entry_text = entry_path.read_text(encoding="utf-8")
    entry = json.loads(entry_text)
    for language in entry["languages"].values():
        old_meta = language["hash"]
        prefix = old_meta.rpartition("_")[0]  # the language: 'nl'
        renamed = {
            path.stem: _rewrite(path, _sorted_filter)
            for path in sorted((pagefind_dir / "filter").glob(f"{prefix}_*.pf_filter"))
        }
        meta_path = pagefind_dir / f"pagefind.{old_meta}.pf_meta"
        new_meta = _rewrite(meta_path, partial(_renamed_filters, renamed=renamed))
        # replace the hash textually: every other byte of the entry file stays Pagefind's
        entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    entry_path.write_text(entry_text, encoding="utf-8")


def _sorted_filter(data: Any) -> Any:
    name, values = data
    return [name, sorted(values, key=lambda value: value[0])]


def _renamed_filters(meta: Any, renamed: dict[str, str]) -> Any:
    meta[META_FILTERS] = sorted(
        [name, renamed.get(file, file)] for name, file in meta[META_FILTERS]
    )
    return meta


def _rewrite(path: Path, change: Callable[[Any], Any]) -> str:
    """Decode, change, encode; the file gets a name from its new content. Returns the hash
    part of the new name ('nl_1a2b3c4')."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind data file")
    data = change(cbor2.loads(raw[len(SIGNATURE) :]))
    encoded = gzip.compress(SIGNATURE + cbor2.dumps(data), mtime=0)
    prefix, sep, old_hash = path.name.split(".")[-2].rpartition("_")
    new_hash = f"{prefix}{sep}{hashlib.sha256(encoded).hexdigest()[: len(old_hash)]}"
    target = path.with_name(path.name.replace(f"{prefix}{sep}{old_hash}", new_hash))
    path.unlink()
    target.write_bytes(encoded)
    return new_hash

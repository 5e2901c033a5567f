"""Rendered editions kept between builds (.stand-build/render/), keyed on what rendering reads.

Rendering one edition reads its own content files, the files that belong to no edition (the
glossary, images), the templates, the tool's code and packages, the editions rendered with it
and, of every other edition, its edition file (status, title, `opvolging:`), its sources, its
rode draden and the frontmatter of its casussen and chapters (ids, titles and `vorige:` links for
the switcher, follow-up and cross-edition links), never their bodies. An edition whose key is
unchanged is loaded instead of rendered: an edit in the newest edition leaves the others alone,
while a change in an older recommendation changes the key of the newer edition that follows it
up. Like the check cache, every file is signed with the user's key: a cache file that came with
a project is never unpickled.
"""

import hashlib
import hmac
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from builder.content.check_cache import sign, signing_secret
from builder.content.fingerprint import add_files, package_version, python_files
from builder.content.layout import CONTENT, Kind, place
from builder.content.load import inside_project, read_regular_file
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.site.rendered import RenderedEdition

CACHE_DIR = Path(BUILD_DIR) / "render"
TOOL_ROOT = Path(__file__).resolve().parents[2]
TOOL_CODE = ("builder", "schema")  # every module that can change what a page shows
PACKAGES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "pydantic", "PyYAML")
BODY_NOT_SHARED = (Kind.CASE, Kind.CHAPTER)  # other editions read only their frontmatter


@dataclass
class RenderCache:
    directory: Path
    secret: bytes | None  # None: no key can be kept or no work folder: nothing is cached
    keys: dict[int, str] = field(default_factory=dict)  # year -> digest of its inputs
    loaded: list[int] = field(default_factory=list)  # editions taken from the cache

    @classmethod
    def open(cls, root: Path, inputs: "RenderInputs", years: list[int]) -> "RenderCache":
        common = hashlib.sha256(inputs.tool.encode())
        common.update(repr(sorted(years)).encode())
        keys = {}
        for year in years:
            digest = common.copy()
            for path, (file_year, own) in sorted(inputs.own.items()):
                text = own if file_year in (None, year) else inputs.shared[path]
                digest.update(f"{path}\0{text}\0".encode())
            keys[year] = digest.hexdigest()
        # no cache in a work folder that is a symlink or a file: publish refuses it too
        secret = signing_secret() if work_dir_refusal(root) is None else None
        return cls(root / CACHE_DIR, secret, keys)

    def get(self, year: int) -> RenderedEdition | None:
        if self.secret is None:
            return None
        try:
            raw = (self.directory / f"{year}.pickle").read_bytes()
        except OSError:
            return None
        size = hashlib.sha256().digest_size
        signature, data = raw[:size], raw[size:]
        if not hmac.compare_digest(signature, sign(self.secret, data)):
            return None  # not written by this user's stand: never unpickle it
        try:
            key, edition = pickle.loads(data)
        except Exception:  # written by an older layout of these classes: render again
            return None
        if key != self.keys.get(year) or not isinstance(edition, RenderedEdition):
            return None
        self.loaded.append(year)
        return edition

    def put(self, edition: RenderedEdition) -> None:
        """Best effort: a cache that cannot be written only makes the next build slower."""
        if self.secret is None:
            return
        path = self.directory / f"{edition.year}.pickle"
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # two builds at once
        edition.digest  # noqa: B018 -- computed now, it is pickled with the edition
        data = pickle.dumps((self.keys[edition.year], edition), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(sign(self.secret, data) + data)
            partial.replace(path)
        except OSError:
            partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class RenderInputs:
    """Digests of the files rendering reads, taken before `check` reads them: a file saved in
    between then makes the next build's key differ, never a stale rendering look current."""

    tool: str
    own: dict[str, tuple[int | None, str]]  # content file -> (its edition, digest of its bytes)
    shared: dict[str, str]  # content file -> digest of what other editions read of it


def read_inputs(root: Path, theme_dir: Path) -> RenderInputs:
    own, shared = _content_digests(root)
    return RenderInputs(_tool_digest(theme_dir), own, shared)


def _tool_digest(theme_dir: Path) -> str:
    digest = hashlib.sha256(sys.version.encode())
    add_files(digest, python_files(TOOL_ROOT, TOOL_CODE), TOOL_ROOT)
    add_files(digest, sorted(p for p in theme_dir.rglob("*") if p.is_file()), theme_dir)
    for package in PACKAGES:
        digest.update(f"{package}={package_version(package)}".encode())
    return digest.hexdigest()


def _content_digests(root: Path) -> tuple[dict[str, tuple[int | None, str]], dict[str, str]]:
    """Per file under content/: its edition and the digest of its bytes; and the digest of what
    other editions read of it (the frontmatter only, for casussen and chapters)."""
    own: dict[str, tuple[int | None, str]] = {}
    shared: dict[str, str] = {}
    for path in sorted((root / CONTENT).rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(root).as_posix()
        data = _bytes(root, path)
        found = place(PurePosixPath(relative))
        own[relative] = (found[1] if found else None, hashlib.sha256(data).hexdigest())
        seen = _frontmatter(data) if found and found[0] in BODY_NOT_SHARED else data
        shared[relative] = hashlib.sha256(seen).hexdigest()
    return own, shared


def _bytes(root: Path, path: Path) -> bytes:
    """What the key holds of a file, read as check reads it: a symlink out of content/ by its
    target only (check refuses it, so no build follows), a FIFO or device never opened, nothing
    over the size limit read whole."""
    if path.is_symlink() and not inside_project(root, path):
        return b"symlink:" + os.fsencode(os.readlink(path))
    try:
        return read_regular_file(path)
    except (OSError, ValueError):  # unreadable or too large: check reports it, no build follows
        return b"unreadable"


def _frontmatter(data: bytes) -> bytes:
    """The file up to and including its closing `---` line; the whole file when it has none."""
    lines = data.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != b"---":
        return data
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == b"---":
            return b"".join(lines[: index + 1])
    return data

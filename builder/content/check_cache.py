"""`stand check` without redoing unchanged files: per-file results cached under .stand-build/.

Loading and validating a file (YAML with positions, schema, Markdown) depends only on its path
and its bytes, so that result is kept per file, keyed on the path, the sha256 of the bytes and
the tool (the code of the content stage and the versions of the parsers). Linking looks across
files, so it always runs, on every document, cached or not: a file whose references broke
because another file changed is reported all the same.

A cached document keeps what linking reads (models, positions, references, sections, charts)
but not the Markdown tokens nor the body's lines (which only place problems found while
parsing): it is for checking, not rendering.

The cache is a pickle, which runs code when read; a project folder may come from anywhere, so
the file carries an HMAC with a key kept outside the project (in the user's cache folder) and is
only unpickled when the HMAC is right.
"""

import gc
import hashlib
import hmac
import os
import pickle
import secrets
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import markdown_it
import mdit_py_plugins
import pydantic
import pydantic_core
import yaml
from markdown_it import MarkdownIt

from builder.content.body import Body
from builder.content.fingerprint import add_files, python_files
from builder.content.load import SourceFile, content_files, parse_source, read_text
from builder.content.markdown import make_markdown
from builder.content.validate import Document, Validated, collect, validate_source
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.errors import ContentError

CACHE_FILE = Path(BUILD_DIR) / "check-cache.pickle"
KEY_BYTES = 32
# The parsers whose behaviour decides what a check reports.
VERSIONS = (
    yaml.__version__,
    pydantic.VERSION,
    pydantic_core.__version__,
    markdown_it.__version__,
    mdit_py_plugins.__version__,
)
# The code whose behaviour decides it: the content stage and what it imports from the top level.
CODE = ("builder/content", "builder/errors.py", "builder/messages.py", "schema")

Key = tuple[str, str]  # (path relative to the project, sha256 of the bytes)


@dataclass(frozen=True)
class Checked:
    """The per-file part of a check: the document (None when it did not validate) and its errors."""

    document: Document[Any] | None
    errors: list[ContentError]
    loaded: bool = True  # False: the file could not be split or composed (errors say why)


@dataclass
class CheckCache:
    path: Path
    secret: bytes
    tool: str
    entries: dict[Key, Checked] = field(default_factory=dict)
    used: dict[Key, Checked] = field(default_factory=dict)

    def get(self, key: Key) -> Checked | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: Key, checked: Checked) -> Checked:
        """Keep the checked file without its Markdown tokens and lines; returns what is kept."""
        document = checked.document
        if document is not None:
            document = replace(
                document,
                body=_slim(document.body) if document.body is not None else None,
                texts={k: _slim(v) for k, v in document.texts.items()},
            )
        self.used[key] = replace(checked, document=document)
        return self.used[key]

    def save(self) -> None:
        """Keep only this run's files (deleted and renamed ones drop out); atomic replace."""
        if self.used.keys() == self.entries.keys():
            return
        data = pickle.dumps((self.tool, self.used), protocol=pickle.HIGHEST_PROTOCOL)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        partial.write_bytes(sign(self.secret, data) + data)
        partial.replace(self.path)


@dataclass
class Loaded:
    """What load and validate return, from the cache where a file is unchanged."""

    validated: Validated = field(default_factory=Validated)
    load_errors: list[ContentError] = field(default_factory=list)  # file-level: no document
    errors: list[ContentError] = field(default_factory=list)  # about a loaded file's content
    file_count: int = 0  # files read as a SourceFile


def load_and_validate(root: Path, cache: CheckCache) -> Loaded:
    # The documents kept for linking are many small acyclic objects; collecting garbage while
    # they pile up costs a fifth of a cold check and frees nothing.
    gc.disable()
    try:
        return _load_and_validate(root, cache)
    finally:
        gc.enable()


def _load_and_validate(root: Path, cache: CheckCache) -> Loaded:
    placed, errors = content_files(root)
    loaded = Loaded(load_errors=errors)
    md: MarkdownIt | None = None  # only built when some file changed
    for file in placed:
        text, digest, error = read_text(file.path, file.relative)
        if text is None:
            loaded.load_errors.extend([error] if error else [])
            continue
        key = (file.relative.as_posix(), digest)
        checked = cache.get(key)
        if checked is None:
            md = md or make_markdown()
            parsed = parse_source(file.relative, file.kind, file.year, text, digest)
            # the tokens go at once: kept for 2,000 files they make the garbage collector slow
            checked = cache.put(key, _check_file(md, *parsed))
        if not checked.loaded:
            loaded.load_errors.extend(checked.errors)
            continue
        loaded.file_count += 1
        loaded.errors.extend(checked.errors)
        if checked.document is not None:
            collect(loaded.validated, file.kind, checked.document)
    cache.save()
    return loaded


def _check_file(md: MarkdownIt, source: SourceFile | None, error: ContentError | None) -> Checked:
    if source is None:
        return Checked(None, [error] if error else [], loaded=False)
    document, errors = validate_source(md, source)
    return Checked(document, errors)


def open_cache(root: Path) -> CheckCache | None:
    """The project's cache; None when no key can be kept or the work folder is no real folder
    (then check runs without one)."""
    secret = signing_secret()
    if secret is None or work_dir_refusal(root) is not None:
        return None
    cache = CheckCache(root / CACHE_FILE, secret, tool_fingerprint())
    cache.entries = _read(cache)
    return cache


def _read(cache: CheckCache) -> dict[Key, Checked]:
    try:
        raw = cache.path.read_bytes()
    except OSError:
        return {}
    signature, data = raw[: hashlib.sha256().digest_size], raw[hashlib.sha256().digest_size :]
    if not hmac.compare_digest(signature, sign(cache.secret, data)):
        return {}  # not written by this user's stand: never unpickle it
    try:
        tool, entries = pickle.loads(data)
    except Exception:  # a cache from an older layout of these classes: start over
        return {}
    return entries if tool == cache.tool else {}


def tool_fingerprint() -> str:
    """Changes with any change to the checking code or the parsers' versions."""
    digest = hashlib.sha256("\0".join((sys.version, *VERSIONS)).encode())
    root = Path(__file__).resolve().parent.parent.parent
    add_files(digest, python_files(root, CODE), root)
    return digest.hexdigest()


def _slim(body: Body) -> Body:
    return replace(body, tokens=[], env={}, lines=[])


def sign(secret: bytes, data: bytes) -> bytes:
    return hmac.new(secret, data, hashlib.sha256).digest()


def signing_secret() -> bytes | None:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "stand" / "check-cache.key"
    try:
        secret = path.read_bytes()
        if len(secret) == KEY_BYTES:
            return secret
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(KEY_BYTES)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(secret)
    except OSError:
        return None
    return secret

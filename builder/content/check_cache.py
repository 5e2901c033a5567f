"""`stand check` without redoing unchanged files: per-file results cached under .stand-build/.

Loading and validating a file (YAML with positions, schema, Markdown) depends only on its path
and its bytes, so that result is kept per file, keyed on the path, the sha256 of the bytes and
the tool (the code of the content stage and the versions of the parsers). Linking looks across
files, so it always runs, on every document, cached or not: a file whose references broke
because another file changed is reported all the same.

A cached document keeps what linking reads (positions, references, sections, charts) but not
the Markdown tokens nor the body's lines (which only place problems found while parsing): it is
for checking, not rendering. Its model is kept as the YAML data it was validated from and
validated again when read: plain data pickles about six times faster than pydantic models, and
validating it again costs less than unpickling them (benchmarks/check_speed.py).

The cache is a pickle, which runs code when read; a project folder may come from anywhere, so
the file carries an HMAC with a key kept outside the project (in the user's cache folder) and is
only unpickled when the HMAC is right.
"""

import hashlib
import hmac
import os
import pickle
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import markdown_it
import mdit_py_plugins
import pydantic
import pydantic_core
import yaml
from markdown_it import MarkdownIt
from pydantic import BaseModel

from builder.content.body import Body
from builder.content.fingerprint import add_files, python_files
from builder.content.frontmatter import Position
from builder.content.load import SourceFile, content_files, parse_source, read_text
from builder.content.markdown import make_markdown
from builder.content.validate import Document, Validated, collect, validate_source
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.errors import ContentError, FieldPath

CACHE_FILE = Path(BUILD_DIR) / "check-cache.pickle"
KEY_BYTES = 32
SIGNATURE_BYTES = hashlib.sha256().digest_size
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


@dataclass(frozen=True)
class _Kept:
    """A checked file as the cache file holds it: a document as its parts, its model as its
    type and the YAML data it was validated from."""

    errors: list[ContentError]
    loaded: bool
    model_type: type[BaseModel] | None = None  # None: no document
    data: object = None
    path: PurePosixPath = field(default_factory=PurePosixPath)
    year: int = 0
    # the positions, as their field paths (shared by files of the same shape) and places
    fields: tuple[FieldPath, ...] = ()
    places: tuple[Position, ...] = ()
    body: Body | None = None
    texts: dict[str, Body] = field(default_factory=dict)
    digest: str = ""

    def restore(self) -> Checked:
        if self.model_type is None:
            return Checked(None, self.errors, self.loaded)
        model = self.model_type.model_validate(self.data)
        positions = dict(zip(self.fields, self.places, strict=True))
        document = Document(
            self.path, self.year, model, positions, self.body, self.texts, self.digest
        )
        return Checked(document, self.errors, self.loaded)


@dataclass
class CheckCache:
    path: Path
    secret: bytes
    tool: str
    entries: dict[Key, _Kept] = field(default_factory=dict)
    used: dict[Key, _Kept] = field(default_factory=dict)
    # the field paths of each shape of frontmatter seen, and each path as one object: the
    # pickle then writes each path once, not once per file (positions are most of a document)
    shapes: dict[tuple[FieldPath, ...], tuple[FieldPath, ...]] = field(default_factory=dict)
    paths: dict[FieldPath, FieldPath] = field(default_factory=dict)

    def get(self, key: Key) -> Checked | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.used[key] = found
        return found.restore()

    def put(self, key: Key, checked: Checked, data: object) -> Checked:
        """Keep the checked file without its Markdown tokens and lines, its model as `data`;
        returns the checked file as a later run will get it."""
        document = checked.document
        if document is None:
            self.used[key] = _Kept(checked.errors, checked.loaded)
            return checked
        body = _slim(document.body) if document.body is not None else None
        texts = {k: _slim(v) for k, v in document.texts.items()}
        self.used[key] = _Kept(
            checked.errors,
            checked.loaded,
            type(document.model),
            data,
            document.path,
            document.year,
            self._shape(tuple(document.positions)),
            tuple(document.positions.values()),
            body,
            texts,
            document.digest,
        )
        slim = Document(
            document.path,
            document.year,
            document.model,
            document.positions,
            body,
            texts,
            document.digest,
        )
        return Checked(slim, checked.errors, checked.loaded)

    def _shape(self, fields: tuple[FieldPath, ...]) -> tuple[FieldPath, ...]:
        shape = self.shapes.get(fields)
        if shape is None:
            share = self.paths.setdefault
            shape = self.shapes[fields] = tuple(share(path, path) for path in fields)
        return shape

    def save(self) -> None:
        """Keep only this run's files (deleted and renamed ones drop out); atomic replace."""
        if self.used.keys() == self.entries.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        # streamed to the file, signed on the way: the pickle is never whole in memory
        with partial.open("wb") as file:
            file.write(bytes(SIGNATURE_BYTES))  # its place, filled in once the data is written
            signed = _SigningWriter(file, hmac.new(self.secret, digestmod=hashlib.sha256))
            pickle.dump((self.tool, self.used), signed, protocol=pickle.HIGHEST_PROTOCOL)
            file.seek(0)
            file.write(signed.mac.digest())
        partial.replace(self.path)


@dataclass
class _SigningWriter:
    file: BinaryIO
    mac: hmac.HMAC

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        return self.file.write(data)


@dataclass
class Loaded:
    """What load and validate return, from the cache where a file is unchanged."""

    validated: Validated = field(default_factory=Validated)
    load_errors: list[ContentError] = field(default_factory=list)  # file-level: no document
    errors: list[ContentError] = field(default_factory=list)  # about a loaded file's content
    file_count: int = 0  # files read as a SourceFile


def load_and_validate(root: Path, cache: CheckCache) -> Loaded:
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
            source, error = parse_source(file.relative, file.kind, file.year, text, digest)
            data = source.yaml.data if source is not None else None
            # the tokens go at once: only rendering needs them, and for 2,000 files they are many
            checked = cache.put(key, _check_file(md, source, error), data)
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


def _read(cache: CheckCache) -> dict[Key, _Kept]:
    try:
        raw = cache.path.read_bytes()
    except OSError:
        return {}
    signature, data = raw[:SIGNATURE_BYTES], memoryview(raw)[SIGNATURE_BYTES:]
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
    """The body without its tokens and lines."""
    return Body([], {}, body.line, body.references, body.sections, body.charts, body.figures)


def sign(secret: bytes, data: bytes | memoryview) -> bytes:
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

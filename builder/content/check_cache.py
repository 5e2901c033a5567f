"""`stand check` without redoing unchanged files: per-file results cached under .stand-build/.

Loading and validating a file (YAML with positions, schema, Markdown) depends only on its path
and its bytes, so that result is kept per file, keyed on the path, the sha256 of the bytes and
the tool (the code of the content stage and the versions of the parsers). Linking looks across
files, so it always runs, on every document, cached or not: a file whose references broke
because another file changed is reported all the same.

A cached document keeps what linking reads (positions, references, sections, charts) but not
the Markdown tokens nor the body's lines (which only place problems found while parsing): it is
for checking, not rendering. It is kept as plain values, which marshal writes and reads several
times faster than pickle writes dataclasses; its model as the YAML data it was validated from,
validated again when read, which costs less than unpickling pydantic models
(benchmarks/check_speed.py). Only a file's errors, if any, are pickled.

A pickle runs code when read, and marshal trusts what it reads; a project folder may come from
anywhere, so the file carries an HMAC with a key kept outside the project (in the user's cache
folder) and is only read when the HMAC is right.
"""

import hashlib
import hmac
import marshal
import os
import pickle
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import markdown_it
import mdit_py_plugins
import pydantic
import pydantic_core
import yaml
from markdown_it import MarkdownIt

from builder.content.body import Body, Reference
from builder.content.fingerprint import add_files, python_files
from builder.content.layout import Kind
from builder.content.load import SourceFile, content_files, parse_source, read_text
from builder.content.markdown import make_markdown
from builder.content.validate import MODELS, Document, Validated, collect, validate_source
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.errors import ContentError, FieldPath

CACHE_FILE = Path(BUILD_DIR) / "check-cache.marshal"
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


# A checked file as the cache holds it, in values marshal writes: (errors, loaded) for a file
# without a document; (errors, loaded, kind, YAML data (marshalled), path, year, field paths,
# places, body, texts, digest) for one with. The errors are pickled (b"" when there are none).
Record = tuple[Any, ...]
KINDS = {model: kind for kind, model in MODELS.items()}


def _record(checked: Checked, data: object, fields: tuple[FieldPath, ...]) -> Record:
    errors = (
        pickle.dumps(checked.errors, protocol=pickle.HIGHEST_PROTOCOL) if checked.errors else b""
    )
    document = checked.document
    if document is None:
        return (errors, checked.loaded)
    return (
        errors,
        checked.loaded,
        KINDS[type(document.model)].value,
        # bytes at once, so that the data's objects are freed: YAML data is always plain
        # values (str, int, float, bool, None, list, dict; frontmatter.py refuses tags)
        marshal.dumps(data),  # type: ignore[arg-type]
        document.path.as_posix(),
        document.year,
        fields,
        tuple(document.positions.values()),
        _body_record(document.body) if document.body is not None else None,
        {key: _body_record(text) for key, text in document.texts.items()},
        document.digest,
    )


def _restore(record: Record) -> Checked:
    errors = pickle.loads(record[0]) if record[0] else []
    if len(record) == 2:
        return Checked(None, errors, record[1])
    _, loaded, kind, data, path, year, fields, places, body, texts, digest = record
    document = Document(
        PurePosixPath(path),
        year,
        MODELS[Kind(kind)].model_validate(marshal.loads(data)),
        dict(zip(fields, places, strict=True)),
        _body(body) if body is not None else None,
        {key: _body(text) for key, text in texts.items()},
        digest,
    )
    return Checked(document, errors, loaded)


def _body_record(body: Body) -> Record:
    references = [
        (r.scheme, r.target, r.href, r.line, r.footnote, r.column) for r in body.references
    ]
    return (body.line, references, body.sections, body.charts, body.figures)


def _body(record: Record) -> Body:
    """A body as linking reads it: without its tokens and lines."""
    line, references, sections, charts, figures = record
    return Body([], {}, line, [Reference(*r) for r in references], sections, charts, figures)


@dataclass
class CheckCache:
    path: Path
    secret: bytes
    tool: str
    entries: dict[Key, Record] = field(default_factory=dict)
    used: dict[Key, Record] = field(default_factory=dict)
    # the field paths of each shape of frontmatter seen, and each path as one object: marshal
    # then writes each path once, not once per file (positions are most of a document)
    shapes: dict[tuple[FieldPath, ...], tuple[FieldPath, ...]] = field(default_factory=dict)
    paths: dict[FieldPath, FieldPath] = field(default_factory=dict)

    def get(self, key: Key) -> Checked | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.used[key] = found
        return _restore(found)

    def put(self, key: Key, checked: Checked, data: object) -> Checked:
        """Keep the checked file without its Markdown tokens and lines, its model as `data`;
        returns the checked file as a later run will get it."""
        document = checked.document
        fields = self._shape(tuple(document.positions)) if document is not None else ()
        self.used[key] = _record(checked, data, fields)
        if document is None:
            return checked
        slim = Document(
            document.path,
            document.year,
            document.model,
            dict(zip(fields, document.positions.values(), strict=True)),
            _slim(document.body) if document.body is not None else None,
            {k: _slim(v) for k, v in document.texts.items()},
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
        data = marshal.dumps((self.tool, self.used))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with partial.open("wb") as file:  # two writes: no third copy of the data in memory
            file.write(sign(self.secret, data))
            file.write(data)
        partial.replace(self.path)


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


def _read(cache: CheckCache) -> dict[Key, Record]:
    try:
        raw = cache.path.read_bytes()
    except OSError:
        return {}
    signature, data = raw[:SIGNATURE_BYTES], memoryview(raw)[SIGNATURE_BYTES:]
    if not hmac.compare_digest(signature, sign(cache.secret, data)):
        return {}  # not written by this user's stand: never read it
    try:
        tool, entries = marshal.loads(data)
    except (ValueError, EOFError, TypeError):  # cut short: start over
        return {}
    return entries if tool == cache.tool and isinstance(entries, dict) else {}


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

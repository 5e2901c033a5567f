"""Compiled Jinja templates kept on disk (in the build's work folder) across builds.

Every build makes fresh Jinja environments (ours in render.py, mkdocs' for the theme), in a
fresh process for `stand build`; compiling the templates again costs more than rendering a
changed edition's pages. Jinja checks each entry against a checksum of the template source,
so an edited template is compiled anew.

An entry is code that runs: like the check and render caches, each file is signed with this
user's key (content/check_cache.py), and one that anybody else wrote is never loaded.
"""

import hashlib
import hmac
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from builder.content.check_cache import sign, signing_secret

TEMPLATES_DIR = "sjablonen"  # in a work folder


class CompiledTemplates(BytecodeCache):
    """Compiled templates as signed files in one folder, written whole and then renamed."""

    def __init__(self, directory: Path, secret: bytes) -> None:
        self.directory, self.secret = directory, secret

    @classmethod
    def at(cls, directory: Path) -> "CompiledTemplates | None":
        """The cache in `directory`; None when this user has no key to sign with or the folder
        cannot be made (a build without it only compiles the templates again)."""
        secret = signing_secret()
        if secret is None:
            return None
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return cls(directory, secret)

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        # Jinja's key leaves out how the environment compiles (autoescape, delimiters): an
        # entry is never used by an environment that would compile the template otherwise.
        key = self.get_cache_key(f"{name}\0{_compile_settings(environment)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            raw = self._path(bucket).read_bytes()
        except OSError:
            return
        size = len(sign(self.secret, b""))
        signature, data = raw[:size], raw[size:]
        if hmac.compare_digest(signature, sign(self.secret, data)):
            bucket.bytecode_from_string(data)  # Jinja checks the magic and the source checksum

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        path = self._path(bucket)
        # written whole and then renamed: another build process may read it at the same time
        try:
            descriptor, partial = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        except OSError:  # a cache that cannot be written only costs the next build time
            return
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(sign(self.secret, data) + data)
            os.replace(partial, path)
        except OSError:
            Path(partial).unlink(missing_ok=True)

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"{bucket.key}.jinja"


def _compile_settings(environment: jinja2.Environment) -> str:
    """The environment's settings that change the compiled code, as stable text."""
    settings: list[Any] = [
        jinja2.__version__,
        environment.autoescape,
        sorted(_extension_code(environment)),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.finalize,
        environment.is_async,
    ]
    return repr([getattr(s, "__qualname__", s) if callable(s) else s for s in settings])


def _extension_code(environment: jinja2.Environment) -> list[str]:
    """Each extension by name and the digest of its methods' code: a changed preprocess step
    compiles the templates anew."""
    return [
        f"{name} "
        + hashlib.sha256(
            b"".join(
                marshal.dumps(f.__code__) for f in vars(type(e)).values() if hasattr(f, "__code__")
            )
        ).hexdigest()
        for name, e in environment.extensions.items()
    ]

"""Compiled Jinja templates kept in memory across builds, for the long-running `stand serve`.

Every build makes fresh Jinja environments (ours in render.py, mkdocs' for the theme), and
compiling the templates again costs more than rendering a changed page. Jinja checks each
entry against a checksum of the template source, so an edited template is compiled anew.
"""

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()

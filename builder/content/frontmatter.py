"""Split the '---' YAML block from the body and compose it with positions for every field."""

from dataclasses import dataclass, field
from typing import Any

import yaml

from builder.errors import FieldPath
from builder.messages import yaml_refusal

Position = tuple[int, int]  # 1-based line and column in the whole file

FENCE = "---"


@dataclass(frozen=True)
class Split:
    yaml_text: str
    yaml_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line


class SplitError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def split(text: str) -> Split:
    """`text` has LF line ends. Raises SplitError('frontmatter.missing' | '...unclosed')."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise SplitError("frontmatter.missing")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return Split(
                yaml_text="\n".join(lines[1:index]) + "\n",
                yaml_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise SplitError("frontmatter.unclosed")


@dataclass
class Composed:
    """The YAML data plus where each field (by path) and each key starts in the file."""

    data: object
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    # values written as block scalars ('>-' or '|'): their text starts on the next line
    block_scalars: set[FieldPath] = field(default_factory=set)


class AliasFound(Exception):
    def __init__(self, position: Position) -> None:
        super().__init__("alias")
        self.position = position


class Refused(Exception):
    """YAML that parses, but that stand does not accept; `problem` and `hint` are Dutch."""

    def __init__(self, position: Position, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.position, self.problem, self.hint = position, problem, hint


class DuplicateKey(Exception):
    def __init__(self, path: FieldPath, position: Position, first: Position) -> None:
        super().__init__(path)
        self.path, self.position, self.first = path, position, first

    @property
    def key(self) -> str:
        return str(self.path[-1])


class _Loader(yaml.CSafeLoader):
    """The C safe loader, except that dates stay text: the schema decides what a date is.

    Plain YAML turns `publicatiedatum: 2022-06-30` into a date but `2022-06` into text, so the
    same field would get two types depending on how precise the editor was.

    Keys stay text as written too: every key is a field name or an abbreviation, and `true:` or
    `0x6e:` turned into True and 110 would be reported as ‘1’ and ‘110’, at no line at all.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # non-scalar keys and merge keys are refused by _walk before anything is constructed
        return {key.value: self.construct_object(value, deep=deep) for key, value in node.value}


def _timestamp_as_text(loader: _Loader, node: yaml.Node) -> str:
    return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def compose(yaml_text: str, first_line: int) -> Composed:
    """Parse with the C loader once; record positions; refuse aliases (billion laughs).

    Raises yaml.YAMLError, AliasFound, DuplicateKey or Refused.
    """
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        composed = Composed(data=None)
        if node is not None:
            _walk(node, (), composed, set(), first_line)
            composed.data = loader.construct_document(node)
        return composed
    finally:
        loader.dispose()


def _position(mark: yaml.Mark, first_line: int) -> Position:
    return (first_line + mark.line, mark.column + 1)


# Frontmatter nests four levels deep (knelpunten > item > wat_is_nodig > item); the walk below
# recurses per level, so a pasted [[[[... must stop long before Python's recursion limit.
MAX_DEPTH = 50
# An integer literal longer than this is a paste accident; Python cannot even print one of
# more than 4300 digits (and 0x... or 1:2:3 literals grow past that without the string limit).
MAX_NUMBER_LENGTH = 50
_RESOLVER = yaml.resolver.Resolver()
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"


def _refuse_unusual(node: yaml.Node, first_line: int, depth: int) -> None:
    """Tags (!!python/object, !include, !!set, !!binary), huge numbers and deep nesting."""
    position = _position(node.start_mark, first_line)
    if depth > MAX_DEPTH:
        raise Refused(position, *yaml_refusal("te-diep", depth=MAX_DEPTH))
    # the tag YAML gives the node by itself; any other tag was written explicitly
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style  # libyaml: '' for plain scalars, the quote or '|'/'>' otherwise
        implicit = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, node.value, (plain, not plain)
        )
    else:
        implicit = _RESOLVER.resolve(type(node), None, (True, False))  # type: ignore[no-untyped-call]
    if node.tag != implicit:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise Refused(position, *yaml_refusal("tag", tag=shown))
    if node.tag == _INT and len(node.value) > MAX_NUMBER_LENGTH:
        raise Refused(position, *yaml_refusal("lang-getal", length=MAX_NUMBER_LENGTH))


def _walk(node: yaml.Node, path: FieldPath, out: Composed, seen: set[int], first_line: int) -> None:
    # An alias composes to the very same node object, so a second visit means an alias;
    # refusing it keeps exponential "billion laughs" documents from ever being expanded.
    if id(node) in seen:
        raise AliasFound(_position(node.start_mark, first_line))
    seen.add(id(node))
    _refuse_unusual(node, first_line, len(path))
    out.values[path] = _position(node.start_mark, first_line)
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        out.block_scalars.add(path)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                where = _position(key_node.start_mark, first_line)
                raise Refused(where, *yaml_refusal("samengestelde-sleutel"))
            if key_node.tag == _MERGE:
                where = _position(key_node.start_mark, first_line)
                raise Refused(where, *yaml_refusal("samenvoegen"))
            _refuse_unusual(key_node, first_line, len(path))
            key = key_node.value
            child = (*path, key)
            if child in out.keys:
                raise DuplicateKey(
                    child, _position(key_node.start_mark, first_line), out.keys[child]
                )
            out.keys[child] = _position(key_node.start_mark, first_line)
            _walk(value_node, child, out, seen, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), out, seen, first_line)

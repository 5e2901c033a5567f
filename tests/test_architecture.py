"""The pipeline's direction, enforced: content -> site -> publish -> editor -> cli.

Every import of every module under builder/ (also those only for type checking or inside a
function) may point at its own layer or a lower one, never up. schema/ imports no builder code.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. errors, messages and report serve every stage; pipeline runs content, site
# and publish and is used by the editor tools and the command line.
LAYERS = [
    ["builder.errors"],
    ["builder.messages", "builder.report"],
    ["builder.content"],
    ["builder.site"],
    ["builder.publish"],
    ["builder.pipeline", "builder"],  # builder/__init__.py: check() for scripts and tests
    ["builder.editor"],
    ["builder.cli", "builder.__main__"],
]


def layer(module: str) -> int:
    """The layer of a module: its longest matching prefix in LAYERS."""
    best, rank = "", -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > len(best):
                best, rank = prefix, index
    assert rank >= 0, f"{module} has no layer in tests/test_architecture.py"
    return rank


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> list[str]:
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.stem == "__init__")


def imports_in(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every module `source` imports, relative imports resolved against its package."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.ImportFrom):  # `from ..site import urls`, `from . import x`
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                names.append(".".join([*base, node.module]))
            else:  # each name may be a module of that package
                names += [".".join([*base, alias.name]) for alias in node.names]
    return names


BUILDER = sorted((ROOT / "builder").rglob("*.py"))


@pytest.mark.parametrize("path", BUILDER, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    own = layer(module_name(path))
    upward = [
        name
        for name in imported_modules(path)
        if name.split(".")[0] == "builder" and layer(name) > own
    ]
    assert upward == [], f"{module_name(path)} imports a later stage: {upward}"


def test_schema_imports_no_builder_code() -> None:
    for path in sorted((ROOT / "schema").rglob("*.py")):
        names = imported_modules(path)
        assert not [n for n in names if n.split(".")[0] == "builder"], path


def test_the_direction_check_catches_an_upward_import() -> None:
    """The check itself can fail: a content module importing the site is caught."""
    names = imports_in("from builder.site.urls import case_url\n", "builder.content.upward")
    assert [n for n in names if layer(n) > layer("builder.content.link")] == ["builder.site.urls"]


def test_the_direction_check_resolves_relative_imports() -> None:
    """`from ..site import urls` in builder/content/link.py is an import of builder.site."""
    source = "from ..site import urls\nfrom . import layout\n"
    found = imports_in(source, "builder.content.link")
    assert found == ["builder.site", "builder.content.layout"]
    assert layer(found[0]) > layer("builder.content.link")  # caught as an upward import
    assert imports_in("from .. import site\n", "builder.content", is_package=True) == [
        "builder.site"
    ]


def test_only_the_command_line_prints_or_exits() -> None:
    for path in BUILDER:
        if layer(module_name(path)) == layer("builder.cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            name
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and (name := called(node.func)) in PRINTS_OR_EXITS
        ]
        calls += [name for node in ast.walk(tree) if (name := raised(node)) == "SystemExit"]
        assert calls == [], f"{module_name(path)} calls {calls}"


def raised(node: ast.AST) -> str:
    """What a `raise` raises (`SystemExit`, also as `SystemExit(1)`), or ''."""
    if not isinstance(node, ast.Raise) or node.exc is None:
        return ""
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return called(exc)


def test_the_print_check_sees_every_way_out() -> None:
    source = "import sys\nsys.stdout.write('x')\nraise SystemExit(1)\n"
    tree = ast.parse(source)
    calls = [called(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert "sys.stdout.write" in calls and "SystemExit" in [raised(n) for n in ast.walk(tree)]


PRINTS_OR_EXITS = {
    "print",
    "exit",
    "quit",
    "sys.exit",
    "os._exit",
    "sys.stdout.write",
    "sys.stderr.write",
}


def called(func: ast.expr) -> str:
    """The dotted name of what a call calls (`sys.stdout.write`), or '' for anything else."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and (owner := called(func.value)):
        return f"{owner}.{func.attr}"
    return ""


# mkdocs behind one seam: the runner, and the hook files mkdocs itself loads.
MKDOCS_SEAM = {
    "builder.publish.mkdocs_runner",
    "builder.publish.mkdocs_hooks",
    "builder.editor.preview_hooks",
}


def test_only_the_seam_imports_mkdocs() -> None:
    outside = [
        module_name(path)
        for path in BUILDER
        if module_name(path) not in MKDOCS_SEAM
        and any(name.split(".")[0] in {"mkdocs", "material"} for name in imported_modules(path))
    ]
    assert outside == []


# Escape by construction: HTML is made in templates (autoescape) or with Markup.format, which
# escapes every value; an f-string that starts with a tag escapes nothing it is given.
def markup_f_strings(source: str) -> list[int]:
    """The lines of f-strings whose text starts with an HTML tag."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            text = first.value if isinstance(first, ast.Constant) else ""
            if isinstance(text, str) and text.lstrip().startswith("<"):
                lines.append(node.lineno)
    return lines


def test_no_module_builds_html_with_an_f_string() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in BUILDER
        for line in markup_f_strings(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_f_string_check_finds_markup() -> None:
    assert markup_f_strings("x = f'<a href=\"{url}\">{text}</a>'") == [1]
    assert markup_f_strings('x = f"{name} heeft geen <head>"') == []  # a message, not markup

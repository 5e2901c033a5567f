"""docs/foutmeldingen.md and the error catalogue cannot drift apart."""

import ast
import re
from pathlib import Path
from string import Formatter

from builder.messages import BUILD_TEXTS, CATALOGUE, COMMAND_TEXTS, YAML_REFUSALS

ROOT = Path(__file__).resolve().parent.parent
ERROR_DOCS = ROOT / "docs" / "foutmeldingen.md"
SECTION = re.compile(r"^### (\S+)\s*$", re.M)


def documented_codes() -> list[str]:
    return SECTION.findall(ERROR_DOCS.read_text(encoding="utf-8"))


def section(code: str) -> str:
    text = ERROR_DOCS.read_text(encoding="utf-8")
    start = text.index(f"### {code}\n")
    following = re.search(r"^#{2,3} ", text[start + 4 :], re.M)
    return text[start : start + 4 + following.start()] if following else text[start:]


def test_every_error_code_has_a_section_in_foutmeldingen() -> None:
    assert sorted(set(CATALOGUE) - set(documented_codes())) == []


def test_every_section_in_foutmeldingen_is_a_real_code() -> None:
    assert sorted(set(documented_codes()) - set(CATALOGUE)) == []


def test_every_code_is_documented_once() -> None:
    codes = documented_codes()
    assert sorted(c for c in set(codes) if codes.count(c) > 1) == []


def test_every_section_explains_the_fix() -> None:
    thin = [code for code in CATALOGUE if "Oplossing" not in section(code)]
    assert thin == []


SECURITY_DOCS = ROOT / "docs" / "security.md"
NAMED_TEST = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def test_every_test_named_in_the_security_doc_exists() -> None:
    named = NAMED_TEST.findall(SECURITY_DOCS.read_text(encoding="utf-8"))
    assert len(named) > 20
    missing = [
        f"{file}::{name}"
        for file, name in named
        if not re.search(rf"^def {name}\(", (ROOT / file).read_text(encoding="utf-8"), re.M)
    ]
    assert missing == []


def test_every_command_in_the_docs_runs_as_written_after_make_site() -> None:
    """`make site` puts stand in .venv/bin/, not on the PATH: a bare `stand` in a code block
    (or in the steps `stand new editie` prints) answers 'command not found'."""
    from builder.editor.scaffold_text import NEXT_STEPS

    bare = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        in_block = False
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                in_block = not in_block
            elif in_block and line.lstrip().startswith("stand "):
                bare.append(f"{doc.name}:{number}: {line.strip()}")
    bare += [line for line in NEXT_STEPS.splitlines() if " stand " in f" {line.strip()} "]
    assert not bare, "\n".join(bare)


# Where the texts are errors, refusals and notes for editors: their Dutch belongs in
# builder/messages.py, where the catalogue above sees it. (The command line's help, the
# preview server's log and the site's own text live where they are shown.)
MESSAGE_FREE = (
    "builder/content",
    "builder/publish",
    "builder/pipeline.py",
    "builder/report.py",
    "builder/editor/publishing.py",
    "builder/editor/preview.py",
)
DUTCH_WORD = re.compile(
    r"\b(de|het|een|niet|geen|dus|van|die|dat|nog|ze|te|voor|met|bij|op|om|bestand|editie|kan"
    r"|kon|moet|ontbreekt|fout|staat|naar)\b",
    re.I,
)
# Dutch that is the content format editors write, not a message: the casus's section headings
# and the placeholder text `stand new` leaves.
CONTENT_FORMAT = {
    "Rollen en verantwoordelijkheden van de gemeente",
    "Taken van de gemeente",
    "(Keten)partners van de gemeente",
    "nog in te vullen",
}


def docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def test_the_stages_keep_their_dutch_texts_in_messages() -> None:
    paths = [p for name in MESSAGE_FREE for p in sorted((ROOT / name).glob("**/*.py"))]
    paths += [ROOT / name for name in MESSAGE_FREE if name.endswith(".py")]
    assert len(paths) > len(MESSAGE_FREE)
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            prose = isinstance(text, str) and " " in text.strip() and id(node) not in skip
            prose = prose and text not in CONTENT_FORMAT
            if prose and DUTCH_WORD.search(str(text)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    assert found == []


TEXT_TABLES = {"build_text": BUILD_TEXTS, "command_text": COMMAND_TEXTS}


def text_calls() -> list[tuple[str, str, set[str], str]]:
    """Every build_text, command_text and yaml_refusal call in builder/: the function, the
    text's key, the values given and where."""
    calls = []
    for path in sorted((ROOT / "builder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name, args = node.func.id, node.args
            if name in (*TEXT_TABLES, "yaml_refusal") and args:
                key = args[0].value if isinstance(args[0], ast.Constant) else None
                keywords = {k.arg for k in node.keywords if k.arg}
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                calls.append((name, str(key), keywords, where))
    return calls


def placeholders(template: str) -> set[str]:
    return {field.split(":")[0] for _, field, _, _ in Formatter().parse(template) if field}


def test_every_text_a_stage_asks_for_exists_and_gets_its_values() -> None:
    calls = text_calls()
    assert len(calls) > 30
    wrong = []
    for name, key, keywords, where in calls:
        if name == "yaml_refusal":
            texts = YAML_REFUSALS.get(key)
            wanted = set().union(*(placeholders(t) for t in texts)) if texts else None
        else:
            text = TEXT_TABLES[name].get(key)
            wanted = placeholders(text) if text is not None else None
        if wanted != keywords:
            wrong.append(f"{where}: {name}({key!r}) with {sorted(keywords)}, text wants {wanted}")
    assert wrong == []


def test_every_text_in_the_tables_is_used() -> None:
    used = {(name, key) for name, key, _, _ in text_calls()}
    tables = {**TEXT_TABLES, "yaml_refusal": YAML_REFUSALS}
    unused = [(n, k) for n, table in tables.items() for k in table if (n, k) not in used]
    assert unused == []

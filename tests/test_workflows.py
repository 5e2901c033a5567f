"""CI and commit hooks: the workflows parse and only run real commands of the project, the
pre-commit config validates, and `stand check --format github` gives inline annotations."""

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.cli.main import EXIT_CONTENT, EXIT_OK, main, make_parser
from builder.editor.scaffold import new_case

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
STAND = ".venv/bin/stand"
GLOBAL_OPTIONS_WITH_VALUE = {"--project"}


def load_workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean true
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.M))


def stand_commands() -> set[str]:
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    return set(sub.choices)


def unknown_commands(run: str) -> list[str]:
    """The commands in a `run:` block that are not a make target or `stand` subcommand."""
    problems = []
    for line in run.splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        words = shlex.split(line)
        if words[0] == "make":
            targets = [w for w in words[1:] if not w.startswith("-")]
            problems += [f"make {t}" for t in targets if t not in make_targets()] or (
                [] if targets else ["make (zonder doel)"]
            )
        elif words[0] == STAND:
            command = _stand_subcommand(words[1:])
            if command not in stand_commands():
                problems.append(line)
        else:
            problems.append(line)
    return problems


def _stand_subcommand(words: list[str]) -> str | None:
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in GLOBAL_OPTIONS_WITH_VALUE else 1
    return words[index] if index < len(words) else None


@pytest.mark.parametrize("name", ["pr.yml", "publish.yml"])
def test_every_run_step_is_a_make_target_or_stand_command(name: str) -> None:
    runs = [step["run"] for step in steps(load_workflow(name)) if "run" in step]

    assert runs
    assert [problem for run in runs for problem in unknown_commands(run)] == []


def test_the_command_check_itself_rejects_what_does_not_exist() -> None:
    assert unknown_commands("make publiceer") == ["make publiceer"]
    assert unknown_commands(".venv/bin/stand controleer") == [".venv/bin/stand controleer"]
    assert unknown_commands("pip install x") == ["pip install x"]
    assert unknown_commands("make test\n.venv/bin/stand --project . check --format github") == []


def test_pr_workflow_tests_checks_inline_and_uploads_the_site() -> None:
    workflow = load_workflow("pr.yml")
    all_steps = steps(workflow)
    uses = [step.get("uses", "") for step in all_steps]
    runs = [step.get("run") for step in all_steps if "run" in step]

    assert "pull_request" in triggers(workflow)
    assert uses[0].startswith("actions/checkout@")
    python = next(s for s in all_steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    assert runs == [
        "make github-chromium",
        "make test",
        f"{STAND} check --format github",
        f"{STAND} build --concept",
        f'{STAND} status --format markdown >> "$GITHUB_STEP_SUMMARY"',
    ]
    upload = next(s for s in all_steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_publish_workflow_checks_strictly_and_restores_the_site_before_building() -> None:
    all_steps = steps(load_workflow("publish.yml"))
    runs = [step["run"].strip() for step in all_steps if "run" in step]
    assert f"{STAND} check --strict" in runs[1].splitlines()
    names = [step.get("uses", "").split("@")[0] or step["run"].strip() for step in all_steps]
    cache = names.index("actions/cache")
    assert names.index(runs[1]) < cache < names.index("make site")
    restore = all_steps[cache]["with"]
    assert restore["path"] == "site/"
    assert "hashFiles('content/edities/*.yml')" in restore["key"]
    assert restore["restore-keys"].split()[-1] == "site-"  # any earlier site, else none


def test_publish_workflow_deploys_the_site_to_pages_from_main() -> None:
    workflow = load_workflow("publish.yml")
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow)]

    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert "actions/upload-pages-artifact" in uses
    assert "actions/deploy-pages" in uses
    upload = next(s for s in steps(workflow) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"


def test_pre_commit_config_validates_and_runs_stand_check_on_content() -> None:
    config = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    hooks = [h for repo in yaml.safe_load(config.read_text())["repos"] for h in repo["hooks"]]
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook["files"] == "^content/"
    assert hook["pass_filenames"] is True
    assert unknown_commands(hook["entry"]) == []


def test_check_format_github_annotates_errors_and_warnings(
    minimal_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new_case(minimal_project, 2023, "Een nieuwe kans", ["Peter"])
    monkeypatch.chdir(minimal_project)  # as in CI and pre-commit: paths relative to the root
    project = "."
    peter = "content/casussen/2023/1-peter.md"

    text = (minimal_project / peter).read_text(encoding="utf-8").split("\n")
    first = next(n for n, line in enumerate(text, 1) if line == "      nog in te vullen")

    assert main(["--project", project, "check", "--format", "github", peter]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"::warning file={peter},line={first},col=1,title=inhoud.nog-in-te-vullen::Hier staat nog "
        "‘nog in te vullen’. Hint: Vervang ‘nog in te vullen’ door de echte tekst. "
        "‘stand status’ toont alle open plekken."
    )
    assert all(line.startswith(f"::warning file={peter},line=") for line in lines[:-1])
    assert lines[-1] == "26 waarschuwingen in 1 bestand."

    anna = minimal_project / "content/casussen/2022/1-anna.md"
    anna.write_text(anna.read_text().replace("leeftijd: 40", "leeftijd: veertig"))
    assert main(["--project", project, "check", "--format", "github", str(anna)]) == EXIT_CONTENT
    out = capsys.readouterr().out
    assert out.startswith(
        "::error file=content/casussen/2022/1-anna.md,line=7,col=15,title=schema.type::"
    )

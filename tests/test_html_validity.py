"""Every built page is valid HTML: the Nu Html Checker (vnu.jar from npm) reports no error.

vnu-jar is a devDependency in package.json (`npm ci` puts it in node_modules/); it needs Java
(`java` on PATH; .ci/run installs default-jre-headless). Without either the test is skipped on
a developer's machine and fails under CI (CI=true), where a skip would hide a missing install.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds sites: left out of `make test-fast`

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages that are no error of ours, as (file name ending, message start) with the reason.
# Empty: every error found so far was fixed in the templates (themes/) or the mkdocs hooks.
# Add one only for a documented false positive of the checker, never for our own markup.
FALSE_POSITIVES: tuple[tuple[str, str], ...] = ()


def missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def test_the_nu_html_checker_finds_no_error_in_any_page(real_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        missing("the Nu Html Checker needs Java: `java` is not on PATH")
    if not VNU.is_file():
        missing(f"the Nu Html Checker is not installed ({VNU.relative_to(ROOT)}): run `npm ci`")
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100
    result = subprocess.run(
        [str(java), "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
         "--skip-non-html", str(real_site)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.stdout.strip(), f"vnu printed nothing (exit {result.returncode}): {result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    errors = [
        m
        for m in messages
        if m.get("type") in ("error", "non-document-error")
        and not any(
            m.get("url", "").endswith(end) and m.get("message", "").startswith(start)
            for end, start in FALSE_POSITIVES
        )
    ]
    report = "\n".join(
        f"{m.get('url', '?').split('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
        f"\n    {' '.join(str(m.get('extract', '')).split())[:160]}"
        for m in errors[:40]
    )
    assert not errors, f"{len(errors)} HTML errors (Nu Html Checker):\n{report}"
    assert result.returncode == 0, result.stderr

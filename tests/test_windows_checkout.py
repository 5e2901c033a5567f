"""A Windows checkout (CRLF line ends, a BOM added by an editor) is the same content: frozen
editions keep their fingerprint."""

import shutil
from pathlib import Path

from builder.pipeline import check

ROOT = Path(__file__).resolve().parent.parent


def test_crlf_and_bom_do_not_change_a_frozen_edition(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    before = [(e.code, e.file, e.line) for e in check(project).errors]
    for path in (project / "content").rglob("*"):
        if path.suffix in (".md", ".yml"):
            text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
            path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    after = [(e.code, e.file, e.line) for e in check(project).errors]
    assert "editie.gewijzigd" not in [code for code, _, _ in after]
    assert after == before


def test_a_changed_word_still_changes_the_fingerprint(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    frozen = [
        p
        for p in (project / "content" / "edities").glob("*.yml")
        if "vastgelegd:" in p.read_text("utf-8")
    ]
    assert frozen, "no frozen edition in content/"
    year = frozen[0].stem
    case = sorted((project / "content" / "casussen" / year).glob("*.md"))[0]
    case.write_text(case.read_text(encoding="utf-8") + "\nEen extra zin.\n", encoding="utf-8")
    assert "editie.gewijzigd" in [e.code for e in check(project).errors]

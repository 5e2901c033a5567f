"""Compiled templates kept on disk are code that runs: only this user's own entries are
loaded, and only by an environment that compiles the template the same way."""

from pathlib import Path

import jinja2
import jinja2.ext
import pytest

from builder.site.template_cache import CompiledTemplates


def _environment(
    templates: Path, cache: CompiledTemplates | None, autoescape: bool = True
) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), autoescape=autoescape, bytecode_cache=cache
    )


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "pagina.html").write_text("<p>{{ tekst }}</p>", encoding="utf-8")
    return folder


def _hijack(cache_dir: Path, templates: Path, secret: bytes) -> None:
    """Put the compiled code of another template in the cached entry of pagina.html, signed
    with `secret`."""
    source = (templates / "pagina.html").read_text(encoding="utf-8")
    environment = _environment(templates, None)
    cache = CompiledTemplates(cache_dir, secret)
    bucket = cache.get_bucket(environment, "pagina.html", str(templates / "pagina.html"), source)
    bucket.code = environment.compile("GEKAAPT", "pagina.html")
    cache.dump_bytecode(bucket)


def test_an_entry_signed_with_this_users_key_is_loaded(tmp_path: Path, templates: Path) -> None:
    """The positive control of the next test: the hijacked entry does run when signed right."""
    cache = CompiledTemplates.at(tmp_path / "cache")
    assert cache is not None
    _hijack(tmp_path / "cache", templates, cache.secret)
    page = _environment(templates, cache).get_template("pagina.html")
    assert page.render(tekst="x") == "GEKAAPT"


def test_an_entry_anybody_else_wrote_is_never_loaded(tmp_path: Path, templates: Path) -> None:
    cache = CompiledTemplates.at(tmp_path / "cache")
    assert cache is not None
    _hijack(tmp_path / "cache", templates, b"\x00" * len(cache.secret))
    page = _environment(templates, cache).get_template("pagina.html")
    assert page.render(tekst="x") == "<p>x</p>"


def test_a_damaged_entry_is_compiled_anew(tmp_path: Path, templates: Path) -> None:
    cache = CompiledTemplates.at(tmp_path / "cache")
    assert cache is not None
    _environment(templates, cache).get_template("pagina.html")
    (entry,) = (tmp_path / "cache").iterdir()
    raw = entry.read_bytes()
    entry.write_bytes(raw[: len(raw) // 2])
    page = _environment(templates, cache).get_template("pagina.html")
    assert page.render(tekst="x") == "<p>x</p>"


def test_an_environment_without_autoescape_never_shares_an_entry(
    tmp_path: Path, templates: Path
) -> None:
    cache = CompiledTemplates.at(tmp_path / "cache")
    assert cache is not None
    plain = _environment(templates, cache, autoescape=False).get_template("pagina.html")
    assert plain.render(tekst="<b>") == "<p><b></p>"
    escaping = _environment(templates, cache).get_template("pagina.html")
    assert escaping.render(tekst="<b>") == "<p>&lt;b&gt;</p>"
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_an_edited_template_is_compiled_anew(tmp_path: Path, templates: Path) -> None:
    cache = CompiledTemplates.at(tmp_path / "cache")
    _environment(templates, cache).get_template("pagina.html")
    (templates / "pagina.html").write_text("<div>{{ tekst }}</div>", encoding="utf-8")
    page = _environment(templates, cache).get_template("pagina.html")
    assert page.render(tekst="x") == "<div>x</div>"


def test_without_a_key_there_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand, geen map", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert CompiledTemplates.at(tmp_path / "cache") is None


class _Shout(jinja2.ext.Extension):
    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return source.upper()


class _Whisper(jinja2.ext.Extension):
    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return source.lower()


def test_an_extension_whose_code_changed_never_shares_an_entry(
    tmp_path: Path, templates: Path
) -> None:
    """A preprocess step edited between builds: same extension name, other code."""
    cache = CompiledTemplates.at(tmp_path / "cache")
    (templates / "pagina.html").write_text("Tekst {{ 'x' }}", encoding="utf-8")
    for extension, expected in ((_Shout, "TEKST X"), (_Whisper, "tekst x")):
        extension.identifier = "tests.Stem"  # one name, as an extension edited in place
        environment = _environment(templates, cache)
        environment.add_extension(extension)
        assert environment.get_template("pagina.html").render() == expected


def test_a_folder_that_cannot_be_written_only_costs_compiling(
    tmp_path: Path, templates: Path
) -> None:
    """A work folder on a read-only disk, or a file where the folder should be."""
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    assert CompiledTemplates.at(blocked / "cache") is None
    cache = CompiledTemplates.at(tmp_path / "cache")
    assert cache is not None
    (tmp_path / "cache").rmdir()
    blocked.replace(tmp_path / "cache")  # gone between builds: entries cannot be written
    page = _environment(templates, cache).get_template("pagina.html")
    assert page.render(tekst="x") == "<p>x</p>"

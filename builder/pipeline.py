"""Run the stages in order; stop before a stage whose input has errors."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder.content.check_cache import Loaded, load_and_validate, open_cache
from builder.content.freeze import check_frozen_editions, edition_part, freeze
from builder.content.glossary import Glossary, load_glossary
from builder.content.images import check_images
from builder.content.library import Library
from builder.content.link import link
from builder.content.load import load
from builder.content.validate import validate
from builder.content.workdir import BUILD_DIR, work_dir_refusal
from builder.errors import ContentError, has_errors, sorted_unique
from builder.messages import build_text, os_error_reason
from builder.publish.sitecheck import broken_links  # light: the HTML link check, no mkdocs

if TYPE_CHECKING:  # check does not load the site and publish stages (mkdocs, jinja2): see build
    from builder.publish.publish import Published


@dataclass
class CheckResult:
    errors: list[ContentError] = field(default_factory=list)
    file_count: int = 0
    library: Library | None = None  # only when there are no errors
    glossary: Glossary = field(default_factory=Glossary)  # content/afkortingen.yml

    @property
    def ok(self) -> bool:
        return not has_errors(self.errors)


def check(root: Path, cached: bool = False) -> CheckResult:
    """load -> validate -> link, collecting every error within a stage.

    `cached`: reuse the per-file results of unchanged files (.stand-build/); the documents then
    have no Markdown tokens, so the result has errors but no library to render.
    """
    glossary, glossary_errors = load_glossary(root)
    cache = open_cache(root) if cached else None
    if cache is None:
        sources, errors = load(root)
        loaded = Loaded(load_errors=errors, file_count=len(sources))
        loaded.validated, loaded.errors = validate(sources)
    else:
        loaded = load_and_validate(root, cache)
    errors = loaded.load_errors + glossary_errors
    file_count = loaded.file_count + len({e.file for e in errors})
    validated = loaded.validated
    errors += loaded.errors + check_images(root, validated)
    if has_errors(errors):
        return CheckResult(sorted_unique(errors), file_count)
    library, more = link(validated)
    errors += more + check_frozen_editions(root, validated)
    result = CheckResult(sorted_unique(errors), file_count)
    if result.ok and cache is None:
        result.library, result.glossary = library, glossary
    return result


@dataclass
class BuildOutcome:
    errors: list[ContentError]
    file_count: int
    published: "Published | None" = None
    failure: str | None = None  # a Dutch reason when publishing failed
    skipped: list[int] = field(default_factory=list)  # concept editions left out


def build(root: Path, site_dir: Path, concept: bool = False) -> BuildOutcome:
    """check -> render -> publish; site_dir is replaced only when everything succeeded.

    Published editions are always built; concept editions only with `concept` (previews).
    """
    # imported here, so that `stand check` starts without them
    from builder.publish import pdf
    from builder.publish.publish import PublishError, project_file, publish
    from builder.site.editions_view import EDITIONS_FILE, editions_file
    from builder.site.render import render
    from builder.site.render_cache import RenderCache, read_inputs
    from builder.site.template_cache import TEMPLATES_DIR

    pdf.ask_engine_early()
    theme_dir = project_file(root, "themes")
    inputs = read_inputs(root, theme_dir)  # before check reads the content (render_cache.py)
    result = check(root)
    outcome = BuildOutcome(result.errors, result.file_count)
    library = result.library
    if library is None:
        return outcome
    years = [
        year
        for year, lib in sorted(library.editions.items())
        if concept or lib.edition.status == "gepubliceerd"
    ]
    outcome.skipped = sorted(set(library.editions) - set(years))
    if not years:
        outcome.failure = build_text("build.geen-gepubliceerde")
        return outcome
    cache = RenderCache.open(root, inputs, years)
    # rendered one at a time while publish makes them: never every edition's pages in memory
    compiled = root / BUILD_DIR / TEMPLATES_DIR if work_dir_refusal(root) is None else None
    editions = render(library, theme_dir, years, result.glossary, cache=cache, compiled=compiled)
    published = [y for y in years if library.editions[y].edition.status == "gepubliceerd"]
    try:
        outcome.published = publish(
            root,
            editions,
            site_dir,
            published,
            verify=_verify_links,
            root_files=lambda outlines: {EDITIONS_FILE: editions_file(outlines, library)},
        )
    except PublishError as problem:
        outcome.failure = str(problem)
    except OSError as problem:  # disk full, permissions: the target is as it was (publish.py)
        outcome.failure = build_text("build.schrijven", reason=os_error_reason(problem))
    return outcome


def _verify_links(staging: Path, built: list[Path]) -> None:
    from builder.publish.publish import PublishError

    broken = broken_links(staging, built)
    if broken:
        listed = "\n  ".join(broken[:20])
        raise PublishError(build_text("build.kapotte-links", count=len(broken), listed=listed))


def freeze_edition(root: Path, year: int) -> str | None:
    """Record a published edition's content fingerprint; a Dutch reason when refused."""
    sources, errors = load(root)
    validated, more = validate(sources)
    if has_errors(errors + more):
        return build_text("vastleggen.fouten")
    edition = next((e for e in validated.editions if e.model.year == year), None)
    if edition is None:
        return build_text("vastleggen.geen-editie", year=year)
    if edition.model.status != "gepubliceerd":
        return build_text("vastleggen.concept", year=year)
    return freeze(root / edition.path, edition.model, edition_part(validated, year))

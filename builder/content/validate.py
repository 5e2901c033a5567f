"""Stage 2: SourceFile -> schema models and parsed bodies (+ schema and body errors)."""

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Generic, TypeVar

from markdown_it import MarkdownIt
from pydantic import BaseModel, ValidationError

from builder.content.body import (
    EXTERNAL_SCHEMES,
    SCHEME,
    Body,
    check_case_sections,
    check_charts,
    check_figures,
    parse_body,
)
from builder.content.frontmatter import Position
from builder.content.layout import Kind
from builder.content.load import SourceFile
from builder.content.markdown import make_markdown
from builder.content.placeholders import find_placeholders
from builder.content.schema_errors import convert
from builder.errors import ContentError, FieldPath
from builder.messages import describe, make_error
from schema import Case, Chapter, Edition, SourceList, Thread

M = TypeVar("M", bound=BaseModel)

MODELS: dict[Kind, type[BaseModel]] = {
    Kind.CASE: Case,
    Kind.THREAD: Thread,
    Kind.CHAPTER: Chapter,
    Kind.SOURCES: SourceList,
    Kind.EDITION: Edition,
}


@dataclass(frozen=True)
class Document(Generic[M]):
    path: PurePosixPath
    year: int
    model: M
    positions: dict[FieldPath, Position]
    body: Body | None = None
    # Markdown-valued frontmatter (a recommendation's tekst), parsed once, by recommendation id
    texts: dict[str, Body] = field(default_factory=dict)
    digest: str = ""

    def position(self, path: FieldPath) -> Position:
        return self.positions.get(path, (1, 1))

    def error(self, code: str, path: FieldPath, **args: Any) -> ContentError:
        """An error about one frontmatter field of this document, at that field's position."""
        return make_error(code, self.path, *self.position(path), field=path, **args)


@dataclass
class Validated:
    editions: list[Document[Edition]] = field(default_factory=list)
    cases: list[Document[Case]] = field(default_factory=list)
    threads: list[Document[Thread]] = field(default_factory=list)
    chapters: list[Document[Chapter]] = field(default_factory=list)
    sources: list[Document[SourceList]] = field(default_factory=list)


def validate(sources: list[SourceFile]) -> tuple[Validated, list[ContentError]]:
    md = make_markdown()
    result = Validated()
    errors: list[ContentError] = []
    for source in sources:
        document, more = validate_source(md, source)
        errors.extend(more)
        if document is not None:
            collect(result, source.kind, document)
    return result, errors


def validate_source(
    md: MarkdownIt, source: SourceFile
) -> tuple[Document[BaseModel] | None, list[ContentError]]:
    """Validate frontmatter and body independently, so one run reports both."""
    body = None
    errors: list[ContentError] = find_placeholders(source)
    if source.kind in (Kind.CASE, Kind.THREAD, Kind.CHAPTER):
        body, more = parse_body(md, source.body, source.body_line, source.path)
        errors += more
        if source.kind is Kind.CASE:
            errors += check_case_sections(body, source.path)
    model, more = _validate_model(source)
    errors += more
    if model is None:
        return None, errors
    texts = _recommendation_texts(md, model, source, errors)
    # a ```grafiek fence draws a chart of its own file: only a chapter has `grafieken:`, so in
    # a casus, rode draad or aanbeveling every chart fence is unknown (and would stop the build)
    charts = [c.id for c in model.charts] if isinstance(model, Chapter) else []
    for part in (body, *texts.values()):
        errors += check_charts(part, source.path, charts) if part is not None else []
    if body is not None:
        figures = model.figures if isinstance(model, Chapter) else []
        errors += check_figures(body, source.path, figures, source.yaml.values)
    if isinstance(model, SourceList):
        errors += _check_source_urls(model, source)
    document = Document(
        source.path, source.year, model, source.yaml.values, body, texts, source.digest
    )
    return document, errors


def _validate_model(source: SourceFile) -> tuple[BaseModel | None, list[ContentError]]:
    data = source.yaml.data
    expects_list = source.kind is Kind.SOURCES
    if not isinstance(data, list if expects_list else dict):
        position = source.yaml.values.get((), (1, 1))
        code = "frontmatter.not-list" if expects_list else "frontmatter.not-mapping"
        return None, [make_error(code, source.path, *position, found=describe(data))]
    model_type = MODELS[source.kind]
    try:
        model = model_type.model_validate(data)
    except ValidationError as invalid:
        return None, [
            convert(d, model_type, source.path, source.yaml)
            for d in invalid.errors(include_url=False)
        ]
    if isinstance(model, Edition) and model.year != source.year:
        # link groups files by the year in their path; a different 'jaar' would orphan them all
        return None, [
            make_error(
                "schema.edition-year",
                source.path,
                *source.yaml.values.get(("jaar",), (1, 1)),
                field=("jaar",),
                found=model.year,
                year=source.year,
            )
        ]
    return model, []


def _check_source_urls(model: SourceList, source: SourceFile) -> list[ContentError]:
    """A bron's url becomes a link in the bibliography: only https://, http:// or mailto:."""
    errors = []
    for index, item in enumerate(model.root):
        scheme = SCHEME.match(item.url) if item.url is not None else None
        if item.url is not None and (
            scheme is None or scheme.group(1).lower() not in EXTERNAL_SCHEMES
        ):
            path: FieldPath = (index, "url")
            errors.append(
                make_error(
                    "body.unsafe-link",
                    source.path,
                    *source.yaml.values.get(path, (1, 1)),
                    field=path,
                    href=item.url[:60],
                )
            )
    return errors


def _recommendation_texts(
    md: MarkdownIt, model: BaseModel, source: SourceFile, errors: list[ContentError]
) -> dict[str, Body]:
    """Each recommendation's tekst parsed, its problems added to `errors`."""
    if not isinstance(model, Thread):
        return {}
    texts = {}
    for index, recommendation in enumerate(model.recommendations):
        # A block scalar ('>-') starts on the line after its key; a folded one is a single line
        # to markdown-it, so errors in it get that first line.
        path: FieldPath = ("wat_is_nodig", index, "tekst")
        line = source.yaml.values.get(path, (1, 1))[0] + (path in source.yaml.block_scalars)
        text, more = parse_body(md, recommendation.text, line, source.path, in_file=False)
        texts[recommendation.id] = text
        errors += more
    return texts


def collect(result: Validated, kind: Kind, document: Document[BaseModel]) -> None:
    target: dict[Kind, list[Document[BaseModel]]] = {
        Kind.CASE: result.cases,  # type: ignore[dict-item]
        Kind.THREAD: result.threads,  # type: ignore[dict-item]
        Kind.CHAPTER: result.chapters,  # type: ignore[dict-item]
        Kind.SOURCES: result.sources,  # type: ignore[dict-item]
        Kind.EDITION: result.editions,  # type: ignore[dict-item]
    }
    target[kind].append(document)

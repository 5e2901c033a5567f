"""stand: content (load, validate, link) -> site (render) -> publish, for the Stand van de
Uitvoering; editor/ and cli/ on top (docs/architecture.md)."""

from builder.errors import ContentError, Severity
from builder.pipeline import check

__all__ = ["ContentError", "Severity", "check"]

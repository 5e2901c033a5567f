"""stand: load -> validate -> link -> render -> publish the Stand van de Uitvoering."""

from builder.errors import ContentError, Severity
from builder.pipeline import check

__all__ = ["ContentError", "Severity", "check"]

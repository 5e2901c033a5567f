"""The images an edition names (its logo) must exist in content/beeld/."""

from pathlib import Path

from builder.content.validate import Validated
from builder.errors import ContentError


def check_images(root: Path, validated: Validated) -> list[ContentError]:
    return [
        document.error("editie.logo-ontbreekt", ("logo",), logo=document.model.logo)
        for document in validated.editions
        if document.model.logo is not None
        and not (root / "content" / document.model.logo).is_file()
    ]

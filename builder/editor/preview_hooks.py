"""mkdocs hooks for the preview only (builder/editor/preview.py adds this file to `hooks:`).

They skip the pages a preview has no use for.
"""

from typing import Any

# A preview needs no 404 page (publish makes its own from niet-gevonden/) and no sitemap.
SKIPPED_TEMPLATES = ("404.html", "sitemap.xml")


def on_config(config: Any) -> Any:
    for name in SKIPPED_TEMPLATES:
        config.theme.static_templates.discard(name)
    return config

"""The edition's 404.html: its niet-gevonden/ page as it is.

That page carries a <base> naming its own folder (themes/material/main.html), so its links
work at whatever address the web server shows it for.
"""

import shutil
from pathlib import Path

from builder.site.urls import NOT_FOUND_URL


def write_not_found(out_dir: Path) -> None:
    shutil.copyfile(out_dir / NOT_FOUND_URL / "index.html", out_dir / "404.html")

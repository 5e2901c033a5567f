"""The browser side of `stand serve`: a script in every served page that listens to the build
status (server-sent events), reloads after a new good build and shows content errors in an
accessible overlay.

The script builds the overlay with textContent only: messages quote the editor's text.
"""

from importlib import resources

from markupsafe import Markup

STATUS_PATH = "/__stand/status"
EVENTS_PATH = "/__stand/events"  # the status after every build, pushed as it happens
SCRIPT_PATH = "/__stand/live.js"
OVERLAY_ID = "stand-fouten"


def script_tag(build: int) -> str:
    """The tag the server puts before </body>; `build` is the build the page comes from."""
    return str(
        Markup('<script src="{}" data-build="{}" defer></script>').format(SCRIPT_PATH, build)
    )


# A static file, so editors and linters see it as JavaScript; the server fills in the names.
SCRIPT = (
    resources.files("builder.editor")
    .joinpath("static/overlay.js")
    .read_text(encoding="utf-8")
    .replace("__EVENTS__", EVENTS_PATH)
    .replace("__ID__", OVERLAY_ID)
)

"""One headless Chromium per process, driven over its DevTools pipe, printing page after page.

Starting Chromium costs about as much as printing an edition, and a build prints every edition
once or twice: the browser is started once (by the first print, or ahead of it) and kept
until `close_browser()` (the end of publish, or the exit of a worker process). It reads
commands from fd 3 and writes replies and events to fd 4 (--remote-debugging-pipe), each a
JSON message ending in a NUL.

Chromium runs in its own process group, and the kernel kills it when the thread that started
it ends (lifetime.die_with_parent): print from a thread that lives as long as the process.
"""

import base64
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing import util
from pathlib import Path
from typing import Any

from builder.publish.lifetime import die_with_parent

# The fds Chromium reads commands from and writes answers to, fixed by --remote-debugging-pipe.
COMMANDS_FD, ANSWERS_FD = 3, 4
EXIT_WAIT = 5  # seconds to wait for the exit code of a Chromium that stopped by itself

# As Chromium's --print-to-pdf prints (the same content streams), with the outline from h1-h6.
PRINT_OPTIONS = {
    "printBackground": True,
    "preferCSSPageSize": True,
    "displayHeaderFooter": False,
    "generateTaggedPDF": True,
    "generateDocumentOutline": True,
}


class BrowserError(Exception):
    """Chromium did not print; `detail` is Chromium's own words (its log's last lines)."""

    def __init__(self, detail: str, code: int | None = None) -> None:
        super().__init__(detail)
        self.detail, self.code = detail, code


class BrowserStartError(BrowserError):
    """The executable could not be started at all."""


class BrowserTimeout(BrowserError):
    """Chromium did not answer in time; it has been killed."""


@dataclass
class Browser:
    """A running Chromium: a process, its profile folder and the two ends of its pipe."""

    executable: str
    profile: Path
    process: "subprocess.Popen[bytes]"
    commands: int  # our end of the pipe Chromium reads
    answers: int  # our end of the pipe Chromium writes
    pending: bytes = b""  # what was read past the last whole message
    last_id: int = 0
    events: set[tuple[str, str]] = field(default_factory=set)  # (session, method) seen
    closed: bool = False

    @classmethod
    def start(
        cls, executable: str, profile: Path, flags: tuple[str, ...], preferences: dict[str, Any]
    ) -> "Browser":
        """Chromium with a fresh profile at `profile`, holding `preferences`."""
        shutil.rmtree(profile, ignore_errors=True)
        (profile / "Default").mkdir(parents=True)
        (profile / "Default" / "Preferences").write_text(json.dumps(preferences), encoding="utf-8")
        chromium_reads, commands = os.pipe()
        answers, chromium_writes = os.pipe()
        log = (profile / "chromium.log").open("wb")
        try:
            process = subprocess.Popen(
                [
                    executable,
                    *flags,
                    f"--user-data-dir={profile}",
                    "--remote-debugging-pipe",
                    "about:blank",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
                # fds 3 and 4 are set up in the child; kept open through the exec
                pass_fds=(COMMANDS_FD, ANSWERS_FD),
                preexec_fn=lambda: _child_pipe(chromium_reads, chromium_writes),
            )
        except OSError as problem:
            for fd in (chromium_reads, commands, answers, chromium_writes):
                os.close(fd)
            shutil.rmtree(profile, ignore_errors=True)
            raise BrowserStartError(str(problem)) from None
        finally:
            log.close()
        os.close(chromium_reads)
        os.close(chromium_writes)
        return cls(executable, profile, process, commands, answers)

    def print_pdf(self, page: Path, timeout: float) -> bytes:
        """The page (a local file) printed as PDF, in a tab of its own."""
        deadline = time.monotonic() + timeout
        self.events.clear()
        target = self.call("Target.createTarget", {"url": "about:blank"}, deadline)["targetId"]
        try:
            session = self.call(
                "Target.attachToTarget", {"targetId": target, "flatten": True}, deadline
            )["sessionId"]
            self.call("Page.enable", {}, deadline, session)
            url = page.resolve().as_uri()
            navigated = self.call("Page.navigate", {"url": url}, deadline, session)
            if "errorText" in navigated:
                raise BrowserError(f"{page}: {navigated['errorText']}")
            self.wait_for(session, "Page.loadEventFired", deadline)
            printed = self.call("Page.printToPDF", PRINT_OPTIONS, deadline, session)
        finally:
            if self.process.poll() is None:
                self.call("Target.closeTarget", {"targetId": target}, deadline)
        return base64.b64decode(printed["data"])

    def call(
        self, method: str, params: dict[str, Any], deadline: float, session: str = ""
    ) -> dict[str, Any]:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.commands, json.dumps(message).encode() + b"\0")
        except OSError:
            raise self._gone() from None
        while True:
            answer = self._next_message(deadline)
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error'].get('message', answer)}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def wait_for(self, session: str, event: str, deadline: float) -> None:
        while (session, event) not in self.events:
            self._next_message(deadline)

    def _next_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.answers], [], [], remaining)[0]:
                self.close()
                raise BrowserTimeout("no answer")
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise self._gone()
            self.pending += chunk
        raw, _, self.pending = self.pending.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:  # an event: remembered, since it may come before an answer
            self.events.add((message.get("sessionId", ""), message["method"]))
        return message

    def _gone(self) -> BrowserError:
        """Chromium stopped: its exit code and log, for the editor's message."""
        code = _wait(self.process, EXIT_WAIT)
        try:
            log = (self.profile / "chromium.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            log = ""
        self.close()
        return BrowserError("\n".join(log.strip().splitlines()[-3:]), code)

    def close(self) -> None:
        """Stop Chromium (its whole process group) and remove its profile. Killed, not asked
        to quit: asking takes a fifth of a second, and the profile goes anyway. Once only:
        a browser that stopped by itself is closed when found gone and again by
        close_browser(), and by then its fd numbers may belong to other files."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        for fd in (self.commands, self.answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


def _child_pipe(reads: int, writes: int) -> None:
    """In the child before exec: the pipe's ends on fds 3 and 4, dying with its parent."""
    reads, writes = os.dup(reads), os.dup(writes)  # either may be 3 or 4 already
    os.dup2(reads, COMMANDS_FD)
    os.dup2(writes, ANSWERS_FD)
    die_with_parent()


def _wait(process: "subprocess.Popen[bytes]", seconds: float) -> int | None:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


class _ThisProcess:
    """The process's one browser, started at its first print."""

    browser: Browser | None = None
    closing_registered = False


PROFILE_PREFIX = "stand-chromium-"  # + the process id, in the temporary folder


def shared_browser(executable: str, flags: tuple[str, ...], preferences: dict[str, Any]) -> Browser:
    """The process's running browser, or a new one (with a fresh profile of the process's
    own) when there is none, it stopped, or another executable is asked for."""
    running = _ThisProcess.browser
    if running is not None and (
        running.process.poll() is not None or running.executable != executable
    ):
        close_browser()
        running = None
    if running is None:
        profiles = Path(tempfile.gettempdir())
        _remove_profiles_of_killed_builds(profiles)
        profile = profiles / f"{PROFILE_PREFIX}{os.getpid()}"
        running = _ThisProcess.browser = Browser.start(executable, profile, flags, preferences)
        if not _ThisProcess.closing_registered:  # run at the exit of a worker process too
            util.Finalize(None, close_browser, exitpriority=10)
            _ThisProcess.closing_registered = True
    return running


def _remove_profiles_of_killed_builds(profiles: Path) -> None:
    """A killed build cannot remove its browser's profile: the next browser does."""
    for left in profiles.glob(f"{PROFILE_PREFIX}*"):
        pid = left.name.removeprefix(PROFILE_PREFIX)
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def close_browser() -> None:
    running, _ThisProcess.browser = _ThisProcess.browser, None
    if running is not None:
        running.close()

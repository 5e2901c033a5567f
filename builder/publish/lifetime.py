"""Child processes of a build die with it: a killed build leaves no Chromium behind."""

import ctypes
import ctypes.util
import signal
import sys

PR_SET_PDEATHSIG = 1


def _prctl() -> "ctypes._NamedFuncPointer | None":
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    return None if name is None else ctypes.CDLL(name, use_errno=True).prctl


PRCTL = _prctl()  # looked up before any fork: the child only makes the call


def die_with_parent() -> None:
    """preexec_fn: the kernel sends SIGKILL to this child when the build's thread ends."""
    if PRCTL is not None:
        PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)

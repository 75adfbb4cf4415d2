"""The detectors' own process, so that their memory is given back before Semgrep starts.

CredSweeper's ML model and presidio's recognizers take about 200 MB, which a Python process never
returns to the system once loaded; Semgrep needs 200-400 MB of its own. While a `detector_process()`
block is open, every detect_lines call (the model view's, the secrets analyzer's) runs in one child
process spawned for the block (a fresh interpreter: it shares nothing with ours but what each call
sends), so the detectors load once and their per-line caches serve both callers. When the block
ends the child exits and its memory goes back to the system. Outside a block (the output leak guard,
which runs after Semgrep has exited; `publish`; the child itself) the detectors run in the calling
process.

A spawned child imports the parent's main module again unless it is a package's `__main__`: the
`pr-review` script and `python -m pr_review` are safe; a script that runs a review must keep its
work under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from pr_review.errors import ToolError
from pr_review.process import child_environment

logger = logging.getLogger(__name__)

_P = ParamSpec("_P")
_T = TypeVar("_T")

# The libraries whose memory the child keeps out of this process (imported on first use).
_DETECTOR_MODULES = ("credsweeper", "presidio_analyzer")
_LOCK = threading.Lock()
_active: ProcessPoolExecutor | None = None


@contextmanager
def detector_process() -> Iterator[None]:
    """Run the detectors in a child process until the block ends; the child has exited after it.
    When this process has loaded them already (a second review in one process) there is no memory
    left to save, and they stay here."""
    global _active
    if any(name in sys.modules for name in _DETECTOR_MODULES):
        yield
        return
    try:
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_allow_listed_environment
        )
    except OSError as exc:  # no POSIX semaphores (some sandboxes): the same work, in this process
        logger.warning("the detectors run in this process: %s", exc)
        yield
        return
    with _LOCK:
        previous, _active = _active, pool
    try:
        yield
    finally:
        with _LOCK:
            _active = previous
        pool.shutdown(wait=True, cancel_futures=True)


def _allow_listed_environment() -> None:
    """In the child, first: what its libraries start (GitPython runs `git version` when CredSweeper
    imports it) gets the environment run_tool gives a tool, never our tokens."""
    allowed = child_environment()
    os.environ.clear()
    os.environ.update(allowed)


def run_detector(function: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """function(*args, **kwargs) in the detectors' process when a block is open, else here.

    A child that dies (killed for memory, a crash in a native library) is a review that cannot
    complete: nothing is classified in its place.
    """
    with _LOCK:
        pool = _active
    if pool is None:
        return function(*args, **kwargs)
    try:
        return pool.submit(function, *args, **kwargs).result()
    except BrokenProcessPool as exc:
        raise ToolError("the data classification process exited before it finished (out of memory?)") from exc
    except OSError as exc:
        raise ToolError(f"the data classification process could not start: {exc}") from exc

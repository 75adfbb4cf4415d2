"""Progress shown while the review runs: rich on a terminal, plain lines otherwise, groups in Actions."""

from __future__ import annotations

import sys
import threading
from typing import Final, Protocol, TextIO

from rich.console import Console
from rich.status import Status

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus


class Progress(Protocol):
    def stage(self, name: str) -> None: ...
    def analyzer_done(self, result: AnalyzerResult) -> None: ...
    def note(self, text: str) -> None: ...
    def close(self) -> None: ...


def describe(result: AnalyzerResult) -> str:
    count = f"{len(result.findings)} finding(s)" if result.status is AnalyzerStatus.OK else result.detail
    text = f"{result.name}: {result.status.value}"
    text += f" — {count}" if count else ""
    return text + f" ({result.duration_s:.1f}s)"


class PlainProgress:
    """One line per event on stderr: for logs and pipes."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._lock = threading.Lock()  # analyzers report from their own threads

    def _line(self, text: str) -> None:
        with self._lock:
            self._stream.write(text + "\n")
            self._stream.flush()

    def stage(self, name: str) -> None:
        self._line(f"pr-review: {name}…")

    def analyzer_done(self, result: AnalyzerResult) -> None:
        self._line(f"pr-review:   {describe(result)}")

    def note(self, text: str) -> None:
        self._line(f"pr-review: {text}")

    def close(self) -> None:
        return None


STATUS_STYLE: Final = {AnalyzerStatus.OK: "green", AnalyzerStatus.SKIPPED: "yellow", AnalyzerStatus.FAILED: "red"}


class RichProgress:
    """A spinner with the current stage on a terminal."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._status: Status | None = None

    def stage(self, name: str) -> None:
        if self._status is None:
            self._status = self._console.status(name)
            self._status.start()
        else:
            self._status.update(name)

    def analyzer_done(self, result: AnalyzerResult) -> None:
        self._console.print(f"  [{STATUS_STYLE[result.status]}]●[/] {describe(result)}", highlight=False)

    def note(self, text: str) -> None:
        self._console.print(text, highlight=False)

    def close(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None


class ActionsProgress(PlainProgress):
    """`::group::` per stage in GitHub Actions logs."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(stream)
        self._open = False

    def _line(self, text: str) -> None:
        # One log line per event: untrusted text (a path, an analyzer's error) cannot start a
        # line of its own, so it cannot be read as a `::command::` by the runner.
        super()._line(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " \u23ce "))

    def stage(self, name: str) -> None:
        self.close()
        self._line(f"::group::pr-review: {escape_data(name)}")
        self._open = True

    def close(self) -> None:
        if self._open:
            self._line("::endgroup::")
            self._open = False


def escape_data(text: str) -> str:
    """Workflow-command data: untrusted text must not forge a second command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")

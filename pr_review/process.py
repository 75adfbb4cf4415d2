"""run_tool(): the one way pr-review starts a subprocess (argv list, timeout, readable errors)."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pr_review.errors import ToolError

logger = logging.getLogger(__name__)

_STDERR_TAIL = 2000


@dataclass(frozen=True, slots=True)
class ToolOutput:
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def stderr_tail(self) -> str:
        return self.stderr[-_STDERR_TAIL:].decode("utf-8", errors="replace").strip()


def run_tool(
    argv: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    ok_codes: frozenset[int] = frozenset({0}),
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> ToolOutput:
    """Run argv; a missing binary, a timeout or an exit code outside ok_codes is a ToolError."""
    name = Path(argv[0]).name
    logger.debug("running %s", " ".join(argv[:6]))
    try:
        completed = subprocess.run(
            list(argv),
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=dict(env) if env is not None else None,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ToolError(f"{name} is not installed or not on PATH") from exc
    except subprocess.TimeoutExpired as exc:
        tail = (exc.stderr or b"")[-_STDERR_TAIL:].decode("utf-8", errors="replace")
        raise ToolError(f"{name} timed out after {timeout:g}s", stderr_tail=tail) from exc
    output = ToolOutput(completed.returncode, completed.stdout, completed.stderr)
    if completed.returncode not in ok_codes:
        raise ToolError(
            f"{name} exited with status {completed.returncode}: {output.stderr_tail[-300:]}",
            stderr_tail=output.stderr_tail,
        )
    return output

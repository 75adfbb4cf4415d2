"""run_tool(): the one way pr-review starts a subprocess (argv list, timeout, readable errors, and
an allow-listed environment: no token or key of ours ever reaches git, Semgrep or a container)."""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pr_review.errors import ToolError, ToolTimeout

logger = logging.getLogger(__name__)

_STDERR_TAIL = 2000

# What a tool may see of our environment: where its binaries, home and temporary directory are,
# the locale, and how to reach the network (proxies, CA bundles) and the container engine.
# Everything else stays with us: GITHUB_TOKEN, ANTHROPIC_API_KEY, PR_REVIEW_AUDIT_KEY,
# SEMGREP_APP_TOKEN, cloud credentials. A variable a tool needs from us is passed as `extra_env`.
_INHERITED = frozenset(
    {
        "PATH",
        "HOME",
        "TMPDIR",
        "TMP",
        "TEMP",
        "LANG",
        "LANGUAGE",
        "TZ",
        *(f"{name}_PROXY" for name in ("HTTP", "HTTPS", "ALL", "NO")),
        *(f"{name}_proxy" for name in ("http", "https", "all", "no")),
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
        "XDG_CONFIG_HOME",  # git's user configuration (safe.directory)
        "XDG_RUNTIME_DIR",  # rootless podman's socket
        "DOCKER_HOST",
        "DOCKER_CONTEXT",
        "DOCKER_CONFIG",
        "DOCKER_CERT_PATH",
        "DOCKER_TLS_VERIFY",
        "CONTAINER_HOST",
        "CONTAINER_CONNECTION",
    }
)
_INHERITED_PREFIXES = ("LC_",)


def child_environment(
    environ: Mapping[str, str] | None = None, extra_env: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The allow-listed part of `environ` (default: ours), plus what the caller sets on purpose."""
    source = os.environ if environ is None else environ
    allowed = {
        name: value for name, value in source.items() if name in _INHERITED or name.startswith(_INHERITED_PREFIXES)
    }
    return {**allowed, **(extra_env or {})}


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
    environ: Mapping[str, str] | None = None,
    extra_env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> ToolOutput:
    """Run argv with child_environment(environ, extra_env); a missing binary, a timeout or an exit
    code outside ok_codes is a ToolError."""
    name = Path(argv[0]).name
    logger.debug("running %s", " ".join(argv[:6]))
    try:
        completed = subprocess.run(
            list(argv),
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=child_environment(environ, extra_env),
            check=False,
        )
    except FileNotFoundError as exc:
        raise ToolError(f"{name} is not installed or not on PATH") from exc
    except subprocess.TimeoutExpired as exc:
        tail = (exc.stderr or b"")[-_STDERR_TAIL:].decode("utf-8", errors="replace")
        raise ToolTimeout(f"{name} timed out after {timeout:g}s", stderr_tail=tail) from exc
    output = ToolOutput(completed.returncode, completed.stdout, completed.stderr)
    if completed.returncode not in ok_codes:
        raise ToolError(
            f"{name} exited with status {completed.returncode}: {output.stderr_tail[-300:]}",
            stderr_tail=output.stderr_tail,
        )
    return output

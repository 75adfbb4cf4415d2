"""`audit.capture: full`: every model request and response body, kept beside audit.jsonl.

The audit events `model_request` and `model_response` carry the sha256 of a body; with `full` the
body itself is written to `<results>/<sha256>.json`, so an auditor can read the exchange
(`pr-review audit show --request SHA`) and send it again (`pr-review replay`). The bytes hashed
are the bytes stored: the request as the runner serialised it after redaction, the response as the
client parsed it. A stored body whose sha256 is not its name was changed after the run, and is
refused.

The results directory may sit in a checkout of the pull request (report/files.py): a body is
written as a new file, never through a link and never over an existing file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Final

from pr_review.audit import AuditLog, AuditSink
from pr_review.config import AuditSettings
from pr_review.errors import PrReviewError, UsageError
from pr_review.no_follow import READ, write_new

FULL: Final = "full"
SUFFIX: Final = ".json"
MAX_BODY_BYTES: Final = 64 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class CaptureError(PrReviewError):
    """A captured body cannot be written."""


class CaptureRefused(UsageError):
    """A captured body is missing, not a regular file, or not the body its name says (tampered)."""


def body_path(results: Path, sha256: str) -> Path:
    if not _SHA256.fullmatch(sha256):
        raise UsageError(f"{sha256!r} is not a sha256 (64 lowercase hex digits)")
    return results / f"{sha256}{SUFFIX}"


def capture(audit: AuditSink, settings: AuditSettings, body: bytes) -> str:
    """The body's sha256, for the audit event; with `audit.capture: full` and an audit file, the
    body is also written beside it. One call per recorded model request or response."""
    digest = hashlib.sha256(body).hexdigest()
    if settings.capture == FULL and isinstance(audit, AuditLog):
        _write_new(body_path(audit.path.parent, digest), body, digest)
    return digest


def _write_new(path: Path, body: bytes, digest: str) -> None:
    try:
        write_new(path, body, 0o600)
    except FileExistsError:
        # The same bytes sent twice have one name: keep the file if it is those bytes.
        try:
            read_body(path.parent, digest)
        except CaptureRefused:
            raise CaptureError(f"cannot capture {path}: a different file is already there") from None
        return
    except OSError as exc:
        hint = "the results directory must not hold links at capture names" if exc.errno == errno.ELOOP else ""
        raise CaptureError(f"cannot capture {path}: {exc.strerror or exc}", hint=hint) from exc


def read_body(results: Path, sha256: str) -> bytes:
    """A captured body, checked against its name; never through a link."""
    path = body_path(results, sha256)
    try:
        fd = os.open(path, READ)
    except FileNotFoundError:
        raise CaptureRefused(
            f"{path}: not captured",
            hint="bodies are kept only by runs with `audit.capture: full` in their configuration",
        ) from None
    except OSError as exc:
        raise CaptureRefused(f"cannot read {path}: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise CaptureRefused(f"{path} is not a regular file")
        body = stream.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES or hashlib.sha256(body).hexdigest() != sha256:
        raise CaptureRefused(f"{path}: its content does not match its sha256: changed after the run (tampered)")
    return body

"""The audit trail (audit.jsonl): hash-chained, optionally HMAC-signed JSON lines, as written.

Each event is one canonical JSON line valid against schemas/audit-event.schema.json. Its `prev` is
sha256(DOMAIN + previous line), so an edited, removed, inserted or reordered line breaks the chain
at the first line after the change. With a key every line also carries `mac`, HMAC-SHA256 over the
line without `mac`: that covers the last line too, and a forged run appended by someone without the
key. A run that started and has no run_finished was truncated. What the file alone cannot show: a
cut exactly at the end of a finished run, or (without a key) an edit of the very last line. For that
each run publishes the chain head, the hash of its last line, outside the file (step output, job
summary, the pull request's summary comment), and `verify(..., expect_head=HEX)` checks the file
still reaches it. Reading a trail back and checking it is pr_review/audit_verify.py.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import stat
import sys
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Protocol, Self

import jsonschema

from pr_review.errors import PrReviewError, SchemaViolation, UsageError
from pr_review.no_follow import READ
from pr_review.validate import validator

if sys.platform != "win32":
    import fcntl

logger = logging.getLogger(__name__)

DOMAIN: Final = b"pr-review-audit-v1\x00"
GENESIS: Final = hashlib.sha256(DOMAIN).hexdigest()
MAX_LINE_BYTES: Final = 16 * 1024 * 1024
MIN_KEY_BYTES: Final = 16
KEY_ENV: Final = "PR_REVIEW_AUDIT_KEY"
SCHEMA_NAME: Final = "audit-event.schema.json"
_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


@enum.unique
class AuditEvent(enum.StrEnum):
    RUN_STARTED = "run_started"
    CLASSIFICATION = "classification"
    MODEL_REQUEST = "model_request"
    MODEL_RESPONSE = "model_response"
    MODEL_OUTPUT = "model_output"
    MODEL_REVIEW = "model_review"
    FINDING = "finding"
    ACTION = "action"
    ANOMALY = "anomaly"
    ERROR = "error"
    RUN_FINISHED = "run_finished"
    SUPPRESSION = "suppression"
    DISMISSAL = "dismissal"
    TOOL_CALL = "tool_call"


class AuditSink(Protocol):
    """Where stages record accountable events (pr_review.audit.AuditLog, or NullAudit)."""

    def record(self, event: AuditEvent, **data: object) -> None: ...

    @property
    def head(self) -> str | None:
        """The hash of the last line recorded: published so a cut-off trail can be told apart."""


class NullAudit:
    """No audit file was asked for (a local scan without --out)."""

    def record(self, event: AuditEvent, **data: object) -> None:
        return None

    @property
    def head(self) -> str | None:
        return None


class AuditError(PrReviewError):
    """The audit log cannot be opened or appended to: unreadable, damaged tail, not an audit log."""


def sha256_hex(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def audit_key_from_env(environ: Mapping[str, str]) -> bytes | None:
    """The HMAC key from PR_REVIEW_AUDIT_KEY (surrounding whitespace ignored), or None if unset."""
    value = environ.get(KEY_ENV, "").strip()
    if not value:
        return None
    key = value.encode("utf-8")
    _check_key(key, KEY_ENV)
    return key


def _check_key(key: bytes, name: str) -> None:
    if len(key) < MIN_KEY_BYTES:
        raise UsageError(
            f"{name} is too short ({len(key)} bytes; at least {MIN_KEY_BYTES})",
            hint="use a random secret, e.g. the output of `openssl rand -hex 32`",
        )


def canonical_json(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def line_hash(line: bytes) -> str:
    return hashlib.sha256(DOMAIN + line).hexdigest()


def line_mac(key: bytes, event: Mapping[str, object]) -> str:
    unsigned = canonical_json({name: value for name, value in event.items() if name != "mac"})
    return hmac.new(key, unsigned.encode("utf-8"), hashlib.sha256).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def schema_problem(instance: Any) -> str | None:
    """None if instance is a valid audit event, else where and how it is not."""
    try:
        error = jsonschema.exceptions.best_match(validator(SCHEMA_NAME).iter_errors(instance))
        if error is None:
            return None
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        return f"{where.lstrip('.') or '(top)'}: {printable(str(error.message), 200)}"
    except RecursionError:
        return "nested too deeply"


def printable(text: str, limit: int = 160) -> str:
    """Control, format and line-separator characters escaped; at most `limit` characters."""
    safe = "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} else ch
        for ch in text[: limit + 1]
    )
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def read_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Raw lines, newline included; a line longer than MAX_LINE_BYTES comes back cut, without it."""
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        yield raw


# ---------------------------------------------------------------------------------------- writing


@contextlib.contextmanager
def _file_lock(fd: int) -> Iterator[None]:
    """Exclusive across processes, so two runs appending to one file still form one chain."""
    if sys.platform == "win32":
        yield
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_tail(fd: int, path: Path) -> tuple[int, str, str | None]:
    """(size, hash of the last line, its event) of an audit log open at fd; (0, GENESIS, None) if empty."""
    size = os.fstat(fd).st_size
    if size == 0:
        return 0, GENESIS, None
    pos, tail, cut = size, b"", -1
    while cut < 0 and pos > 0 and len(tail) <= MAX_LINE_BYTES + 1:
        step = min(65536, pos)
        pos -= step
        os.lseek(fd, pos, os.SEEK_SET)
        chunk = b""
        while len(chunk) < step and (more := os.read(fd, step - len(chunk))):
            chunk += more
        tail = chunk + tail
        cut = tail.rfind(b"\n", 0, len(tail) - 1)
    hint = f"check it with `pr-review audit verify {path}`; move it aside to start a new log"
    if not tail.endswith(b"\n"):
        raise AuditError(f"audit log {path} ends with an incomplete line: truncated or damaged", hint=hint)
    last = tail[cut + 1 : -1]
    try:
        event = json.loads(last)
    except (ValueError, RecursionError):
        event = None
    if not (isinstance(event, dict) and isinstance(event.get("prev"), str) and "event" in event):
        raise AuditError(f"{path} does not end with a pr-review audit event", hint=hint)
    return size, line_hash(last), str(event["event"])


def chain_head(path: Path) -> str:
    """The chain hash of the log's last line (GENESIS when empty): what a record kept elsewhere
    refers to, so that a later cut or edit of this log shows. Never follows a link."""
    fd = os.open(path, READ)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise AuditError(f"{path} is not a regular file")
        return _read_tail(fd, path)[1]
    finally:
        os.close(fd)


class AuditLog:
    """Appends the events of one run. Thread-safe; each line is written and flushed by record()."""

    def __init__(self, path: Path, fd: int, *, run_id: str, key: bytes | None, tail: tuple[int, str]) -> None:
        """Use AuditLog.open()."""
        self.path = path
        self.run_id = run_id
        self._fd: int | None = fd
        self._key = key
        self._end, self._prev = tail
        self._seq = 0
        self._finished = False
        self._lock = threading.Lock()

    @property
    def head(self) -> str | None:
        """The hash of the last line this run wrote (the chain head after it); None before its first."""
        with self._lock:
            return self._prev if self._seq else None

    @classmethod
    def open(cls, path: Path, *, run_id: str, key: bytes | None = None) -> AuditLog:
        """Append to path, continuing the chain from its last line, or create it (mode 0600)."""
        if not _RUN_ID.fullmatch(run_id):
            raise SchemaViolation(f"audit run id {run_id!r} is not 1-128 of [A-Za-z0-9._:-]")
        if key is not None:
            _check_key(key, "the audit key")
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags, 0o600)
        except OSError as exc:
            hint = "the audit log must not be a symlink" if exc.errno == errno.ELOOP else ""
            raise AuditError(f"cannot open audit log {path}: {exc.strerror or exc}", hint=hint) from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise AuditError(f"audit log {path} is not a regular file")
            with _file_lock(fd):
                size, prev, last_event = _read_tail(fd, path)
        except OSError as exc:
            os.close(fd)
            raise AuditError(f"cannot read audit log {path}: {exc.strerror or exc}") from exc
        except BaseException:
            os.close(fd)
            raise
        if last_event not in (None, AuditEvent.RUN_FINISHED):
            logger.warning("audit log %s: the previous run has no run_finished (it ends with %s)", path, last_event)
        return cls(path, fd, run_id=run_id, key=key, tail=(size, prev))

    def record(self, event: str, **data: object) -> None:
        """Validate, then append one event. A schema violation raises SchemaViolation and writes nothing."""
        with self._lock:
            if self._fd is None:
                raise AuditError(f"audit log {self.path} is closed")
            if self._finished:
                raise SchemaViolation(f"audit event {event!r} after run_finished of run {self.run_id}")
            if (self._seq == 0) != (event == AuditEvent.RUN_STARTED):
                raise SchemaViolation(f"audit event {event!r} at seq {self._seq}: a run starts with run_started")
            try:
                with _file_lock(self._fd):
                    if os.fstat(self._fd).st_size != self._end:  # another writer appended: follow it
                        self._end, self._prev, _ = _read_tail(self._fd, self.path)
                    line = self._encode(str(event), data)
                    view = memoryview(line + b"\n")
                    while view:
                        view = view[os.write(self._fd, view) :]
                    if event == AuditEvent.RUN_FINISHED:
                        os.fsync(self._fd)
            except OSError as exc:
                raise AuditError(f"cannot write audit log {self.path}: {exc.strerror or exc}") from exc
            self._end += len(line) + 1
            self._prev = line_hash(line)
            self._seq += 1
            self._finished = event == AuditEvent.RUN_FINISHED

    def _encode(self, event: str, data: Mapping[str, object]) -> bytes:
        entry = {
            "seq": self._seq,
            "ts": _now(),
            "run_id": self.run_id,
            "event": event,
            "data": data,
            "prev": self._prev,
        }
        try:
            parsed = json.loads(canonical_json(entry))  # what will be written: tuples are lists now
        except (TypeError, ValueError) as exc:
            raise SchemaViolation(f"audit event {event!r} is not JSON: {exc}") from exc
        problem = schema_problem(parsed)
        if problem is not None:
            raise SchemaViolation(f"audit event {event!r} violates {SCHEMA_NAME}: {problem}")
        if self._key is not None:
            parsed["mac"] = line_mac(self._key, parsed)
        try:
            line = canonical_json(parsed).encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate
            raise SchemaViolation(f"audit event {event!r} is not valid Unicode: {exc}") from exc
        if len(line) > MAX_LINE_BYTES:
            raise SchemaViolation(f"audit event {event!r} is {len(line)} bytes, over {MAX_LINE_BYTES}")
        return line

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                fd, self._fd = self._fd, None
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

"""The audit trail (audit.jsonl): hash-chained, optionally HMAC-signed JSON lines, and their check.

Each event is one canonical JSON line valid against schemas/audit-event.schema.json. Its `prev` is
sha256(DOMAIN + previous line), so an edited, removed, inserted or reordered line breaks the chain
at the first line after the change. With a key every line also carries `mac`, HMAC-SHA256 over the
line without `mac`: that covers the last line too, and a forged run appended by someone without the
key. A run that started and has no run_finished was truncated. What the file alone cannot show: a
cut exactly at the end of a finished run, or (without a key) an edit of the very last line. For that
each run publishes the chain head, the hash of its last line, outside the file (step output, job
summary, the pull request's summary comment), and `verify(..., expect_head=HEX)` checks the file
still reaches it.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Protocol, Self

import jsonschema

from pr_review.errors import PrReviewError, SchemaViolation, UsageError
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
_HEAD = re.compile(r"[0-9a-f]{64}")


@enum.unique
class AuditEvent(enum.StrEnum):
    RUN_STARTED = "run_started"
    CLASSIFICATION = "classification"
    MODEL_REQUEST = "model_request"
    MODEL_RESPONSE = "model_response"
    MODEL_OUTPUT = "model_output"
    FINDING = "finding"
    ACTION = "action"
    ANOMALY = "anomaly"
    ERROR = "error"
    RUN_FINISHED = "run_finished"
    SUPPRESSION = "suppression"
    DISMISSAL = "dismissal"


class AuditSink(Protocol):
    """Where stages record accountable events (pr_review.audit.AuditLog, or NullAudit)."""

    def record(self, event: str, **data: object) -> None: ...

    @property
    def head(self) -> str | None:
        """The hash of the last line recorded: published so a cut-off trail can be told apart."""


class NullAudit:
    """No audit file was asked for (a local scan without --out)."""

    def record(self, event: str, **data: object) -> None:
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


def _chain_hash(line: bytes) -> str:
    return hashlib.sha256(DOMAIN + line).hexdigest()


def _mac(key: bytes, event: Mapping[str, object]) -> str:
    unsigned = canonical_json({name: value for name, value in event.items() if name != "mac"})
    return hmac.new(key, unsigned.encode("utf-8"), hashlib.sha256).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _schema_problem(instance: Any) -> str | None:
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
    return size, _chain_hash(last), str(event["event"])


def chain_head(path: Path) -> str:
    """The chain hash of the log's last line (GENESIS when empty): what a record kept elsewhere
    refers to, so that a later cut or edit of this log shows. Never follows a link."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
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
            self._prev = _chain_hash(line)
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
        problem = _schema_problem(parsed)
        if problem is not None:
            raise SchemaViolation(f"audit event {event!r} violates {SCHEMA_NAME}: {problem}")
        if self._key is not None:
            parsed["mac"] = _mac(self._key, parsed)
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


# ------------------------------------------------------------------------------------- verifying


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    events: int  # events that checked out, before the first bad line if any
    first_bad_line: int | None  # 1-based; None when ok, or when the file could not be read at all
    problem: str  # "" when ok and nothing to note
    signed: bool  # the log carries macs (checked if a key was given)
    head: str | None = None  # hash of the last line that checked out: the chain head when ok


class _Bad(Exception):
    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.line = line


@dataclass(slots=True)
class _Run:
    start_line: int
    next_seq: int
    signed: bool
    last_line: int
    finished: bool = False


class _Verification:
    def __init__(self, key: bytes | None) -> None:
        self.key = key
        self.line = 0
        self.events = 0
        self.signed_lines = 0
        self.seen_mac = False
        self.prev = GENESIS
        self.runs: dict[str, _Run] = {}
        self.expect_head: str | None = None
        self.head_line: int | None = None  # the line whose hash is expect_head

    def feed(self, raw: bytes) -> None:
        self.line += 1
        if not raw.endswith(b"\n"):
            if len(raw) > MAX_LINE_BYTES:
                raise _Bad(f"longer than {MAX_LINE_BYTES} bytes")
            raise _Bad("incomplete line at the end of the file (no newline): truncated or damaged")
        body = raw[:-1]
        try:
            text = body.decode("utf-8")
            obj = json.loads(text, parse_constant=reject_constant)
        except UnicodeDecodeError as exc:
            raise _Bad(f"not UTF-8 (byte {exc.start})") from None
        except (ValueError, RecursionError) as exc:
            raise _Bad(f"not JSON: {printable(str(exc), 120)}") from None
        if not isinstance(obj, dict):
            raise _Bad("not a JSON object")
        try:
            canonical = canonical_json(obj) == text
        except (ValueError, RecursionError):
            canonical = False
        if not canonical:
            raise _Bad("not canonical JSON (reformatted, or a key repeated)")
        if (problem := _schema_problem(obj)) is not None:
            raise _Bad(f"not a valid audit event: {problem}")
        if obj["prev"] != self.prev:
            if self.line == 1:
                raise _Bad("prev is not the genesis hash: lines were removed from the start")
            raise _Bad(
                f"prev does not match line {self.line - 1}: that line was edited, "
                "or a line was removed, inserted or moved here"
            )
        has_mac = "mac" in obj
        self.seen_mac |= has_mac
        if self.key is not None and not has_mac:
            raise _Bad("no mac, but a key was given: every line must be signed")
        if self.key is not None and not hmac.compare_digest(obj["mac"], _mac(self.key, obj)):
            raise _Bad("mac does not match: the line was altered, or the key is wrong")
        self._follow_run(obj, has_mac)
        self.prev = _chain_hash(body)
        if self.prev == self.expect_head and self.head_line is None:
            self.head_line = self.line
        self.events += 1
        self.signed_lines += has_mac

    def _follow_run(self, obj: Mapping[str, Any], has_mac: bool) -> None:
        run_id: str = obj["run_id"]
        seq: int = obj["seq"]
        run = self.runs.get(run_id)
        if obj["event"] == AuditEvent.RUN_STARTED:
            if run is not None:
                raise _Bad(f"run {run_id} started again (first on line {run.start_line})")
            self.runs[run_id] = _Run(self.line, next_seq=1, signed=has_mac, last_line=self.line)
            return
        if run is None:
            raise _Bad(f"event of run {run_id} before its run_started: the start was removed")
        if run.finished:
            raise _Bad(f"event of run {run_id} after its run_finished")
        if seq != run.next_seq:
            raise _Bad(f"seq {seq}, expected {run.next_seq} for run {run_id}: a line was removed or moved")
        if has_mac != run.signed:
            state = "signed, but this line has no mac" if run.signed else "unsigned, but this line has a mac"
            raise _Bad(f"run {run_id} is {state}")
        run.next_seq, run.last_line = seq + 1, self.line
        run.finished = obj["event"] == AuditEvent.RUN_FINISHED

    def finish(self) -> None:
        if self.events == 0:
            raise _Bad("no events: the file is empty", line=1)
        if self.expect_head is not None and self.head_line is None:
            raise _Bad(
                f"no line has the expected head {self.expect_head}: lines were cut from the end, or the file was "
                f"replaced (it ends at head {self.prev})",
                line=self.line,
            )
        open_runs = [(run.last_line, run_id) for run_id, run in self.runs.items() if not run.finished]
        if open_runs:
            last_line, run_id = min(open_runs)
            raise _Bad(
                f"truncated: run {run_id} has no run_finished event (its last event is line {last_line})",
                line=last_line + 1,
            )


def reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def check_head(value: str) -> str:
    """A chain head as given on the command line or read from a marker: 64 lowercase hex digits."""
    head = value.strip().lower()
    if not _HEAD.fullmatch(head):
        raise UsageError(f"{printable(value, 80)!r} is not an audit chain head (64 hex digits, sha256)")
    return head


def verify(path: Path, key: bytes | None = None, *, expect_head: str | None = None) -> VerifyResult:
    """Check a whole audit log. Never raises on bad input: the result names the first bad line.

    With `expect_head` (published by the run that wrote the file) some line must hash to it: a log
    cut at a run boundary, which the chain alone cannot show, fails. Lines after it (a later run
    appended to the file) are checked as usual, and noted.
    """
    check = _Verification(key)
    check.expect_head = expect_head
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return VerifyResult(False, 0, None, f"{path} is not a regular file", False)
        with path.open("rb") as stream:
            for raw in read_lines(stream):
                check.feed(raw)
        check.finish()
    except _Bad as bad:
        line = bad.line if bad.line is not None else check.line
        return VerifyResult(False, check.events, line, f"line {line}: {bad}", check.seen_mac, check.prev)
    except OSError as exc:
        return VerifyResult(False, check.events, None, f"cannot read {path}: {exc.strerror or exc}", False)
    notes = []
    if check.head_line is not None and check.head_line < check.line:
        notes.append(f"{check.line - check.head_line} line(s) after the expected head (line {check.head_line})")
    if key is None and check.signed_lines:
        notes.append(f"MAC not checked: no key ({check.signed_lines} of {check.events} lines signed)")
    return VerifyResult(True, check.events, None, "; ".join(notes), check.seen_mac, check.prev)

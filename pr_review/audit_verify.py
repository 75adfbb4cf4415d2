"""Checking an audit trail written by pr_review/audit.py: the chain, the macs, each run from
run_started to run_finished, and (with a published chain head) that nothing was cut from the end."""

from __future__ import annotations

import hmac
import json
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pr_review.audit import (
    GENESIS,
    MAX_LINE_BYTES,
    AuditEvent,
    canonical_json,
    line_hash,
    line_mac,
    printable,
    read_lines,
    schema_problem,
)
from pr_review.errors import UsageError

_HEAD = re.compile(r"[0-9a-f]{64}")


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
        if (problem := schema_problem(obj)) is not None:
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
        if self.key is not None and not hmac.compare_digest(obj["mac"], line_mac(self.key, obj)):
            raise _Bad("mac does not match: the line was altered, or the key is wrong")
        self._follow_run(obj, has_mac)
        self.prev = line_hash(body)
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


def read_events(path: Path) -> Iterator[dict[str, Any]]:
    """The events of an audit file that `verify` has passed, line by line (each line bounded)."""
    with path.open("rb") as stream:
        for raw in read_lines(stream):
            yield json.loads(raw, parse_constant=reject_constant)


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

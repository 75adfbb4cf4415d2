"""audit.jsonl: what is written, and that verify() finds each kind of tampering at the right line."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from pr_review.audit import (
    DOMAIN,
    MAX_LINE_BYTES,
    AuditError,
    AuditEvent,
    AuditLog,
    audit_key_from_env,
    sha256_hex,
)
from pr_review.audit_verify import verify
from pr_review.errors import SchemaViolation, UsageError
from pr_review.report.audit_table import render_table

KEY = b"0123456789abcdef0123456789abcdef"
SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "audit-event.schema.json").read_text())
RUN_STARTED = {
    "actor": "alice",
    "repository": "acme/shop",
    "pr": 7,
    "head_sha": "a" * 40,
    "base_sha": "b" * 40,
    "trigger": "pull_request",
    "purpose": "security review of a pull request",
    "tool_version": "0.1.0",
    "config_sha256": sha256_hex("config"),
}
RUN_FINISHED = {"status": "findings", "exit_code": 1, "duration_s": 1.25, "counts": {"findings": 1}}


def record_run(log: AuditLog) -> None:
    """One run with every kind of event: 11 lines."""
    log.record(AuditEvent.RUN_STARTED, **RUN_STARTED)
    log.record("classification", path="src/app.py", classes=["pii"], action="redact")
    log.record(
        "model_request",
        provider="anthropic",
        region=None,
        model="claude-sonnet",
        system_sha256=sha256_hex("system"),
        request_sha256=sha256_hex("request"),
        input_tokens=1200,
        classes_sent=[],
        chunk=0,
    )
    log.record(
        "model_response",
        response_sha256=sha256_hex("response"),
        stop_reason="end_turn",
        usage={"input_tokens": 1200, "output_tokens": 300},
        findings=1,
        model="claude-sonnet",
    )
    log.record(
        "finding",
        fingerprint="f" * 16,
        severity="high",
        sources=("claude", "semgrep"),
        rule_ids=("sql-injection",),
        path="src/app.py",
        line=12,
        status="new",
    )
    log.record("action", kind="review", id=101, url="https://github.com/acme/shop/pull/7#pullrequestreview-101")
    log.record("anomaly", kind="prompt_injection", detail="instructions in a comment", path="README.md")
    log.record("error", stage="semgrep", message="timed out after 300s")
    log.record("suppression", fingerprint="e" * 16, by="bob", reason="test fixture")
    log.record("dismissal", fingerprint="d" * 16, by="bob", reason="false positive")
    log.record(AuditEvent.RUN_FINISHED, **RUN_FINISHED)


@pytest.fixture
def make_log(tmp_path: Path) -> Callable[..., Path]:
    """Writes one full run (or appends it) and returns the path."""

    def make(*, key: bytes | None = None, run_id: str = "run-1", name: str = "audit.jsonl") -> Path:
        path = tmp_path / name
        with AuditLog.open(path, run_id=run_id, key=key) as log:
            record_run(log)
        return path

    return make


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def rewrite(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(lines))


def canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# ------------------------------------------------------------------------------------ writing


def test_lines_are_canonical_schema_valid_and_chained(make_log: Callable[..., Path]) -> None:
    lines = lines_of(make_log())
    validator = jsonschema.Draft202012Validator(SCHEMA)
    prev = hashlib.sha256(DOMAIN).hexdigest()
    for seq, raw in enumerate(lines):
        event = json.loads(raw)
        assert raw == canonical(event) + b"\n"
        validator.validate(event)
        assert (event["seq"], event["run_id"], event["prev"]) == (seq, "run-1", prev)
        assert event["ts"].endswith("Z")
        assert "mac" not in event
        prev = hashlib.sha256(DOMAIN + raw[:-1]).hexdigest()
    assert [json.loads(raw)["event"] for raw in lines] == [
        "run_started", "classification", "model_request", "model_response", "finding", "action",
        "anomaly", "error", "suppression", "dismissal", "run_finished",
    ]  # fmt: skip


def test_mac_is_hmac_of_the_line_without_mac(make_log: Callable[..., Path]) -> None:
    for raw in lines_of(make_log(key=KEY)):
        event = json.loads(raw)
        mac = event.pop("mac")
        assert mac == hmac.new(KEY, canonical(event), hashlib.sha256).hexdigest()


def test_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    ("event", "data"),
    [
        pytest.param("bogus", {}, id="unknown-event"),
        pytest.param("classification", {"path": "a.py", "classes": []}, id="missing-field"),
        pytest.param("classification", {"path": "a.py", "classes": [], "action": "shred"}, id="bad-enum"),
        pytest.param(
            "classification",
            {"path": "a.py", "classes": [], "action": "allow", "prompt": "the raw diff"},
            id="raw-text-under-another-name",
        ),
        pytest.param("finding", {"severity": "high"}, id="finding-missing-fields"),
        pytest.param("run_finished", {**RUN_FINISHED, "status": "ok"}, id="status-disagrees-with-exit-code"),
        pytest.param("action", {"kind": "review"}, id="action-without-id-or-url"),
        pytest.param("error", {"stage": "x", "message": Path("not json")}, id="not-json"),
        pytest.param("error", {"stage": "x", "message": "\ud800"}, id="lone-surrogate"),
        pytest.param("run_finished", {**RUN_FINISHED, "duration_s": float("nan")}, id="nan"),
    ],
)
def test_record_rejects_a_bad_event_and_writes_nothing(tmp_path: Path, event: str, data: dict[str, object]) -> None:
    path = tmp_path / "audit.jsonl"
    with AuditLog.open(path, run_id="run-1") as log:
        log.record("run_started", **RUN_STARTED)
        before = path.read_bytes()
        with pytest.raises(SchemaViolation):
            log.record(event, **data)
        assert path.read_bytes() == before
        log.record("run_finished", **RUN_FINISHED)  # the chain goes on from the last good line
    assert verify(path).ok


def test_run_must_start_with_run_started_and_end_with_run_finished(tmp_path: Path) -> None:
    with AuditLog.open(tmp_path / "audit.jsonl", run_id="run-1") as log:
        with pytest.raises(SchemaViolation, match="starts with run_started"):
            log.record("error", stage="gather", message="boom")
        log.record("run_started", **RUN_STARTED)
        with pytest.raises(SchemaViolation, match="starts with run_started"):
            log.record("run_started", **RUN_STARTED)
        log.record("run_finished", **RUN_FINISHED)
        with pytest.raises(SchemaViolation, match="after run_finished"):
            log.record("error", stage="report", message="late")
    with pytest.raises(AuditError, match="closed"):
        log.record("error", stage="report", message="later")


def test_prompt_content_is_stored_only_when_passed(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    request = {
        "provider": "bedrock",
        "region": "eu-central-1",
        "model": "claude",
        "system_sha256": sha256_hex("s"),
        "request_sha256": sha256_hex("SECRET DIFF"),
        "input_tokens": 3,
        "classes_sent": ["code"],
        "chunk": 1,
    }
    with AuditLog.open(path, run_id="run-1") as log:
        log.record("run_started", **RUN_STARTED)
        log.record("model_request", **request)
        log.record("model_request", **request, content="SECRET DIFF")
        log.record("run_finished", **RUN_FINISHED)
    lines = lines_of(path)
    assert b"SECRET DIFF" not in lines[1]
    assert json.loads(lines[2])["data"]["content"] == "SECRET DIFF"


def test_invalid_run_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SchemaViolation):
        AuditLog.open(tmp_path / "audit.jsonl", run_id="run 1\n")


# ------------------------------------------------------------------------------ verifying: good


def test_intact_file_verifies_without_key(make_log: Callable[..., Path]) -> None:
    result = verify(make_log())
    assert result.ok, result.problem
    assert (result.events, result.first_bad_line, result.problem, result.signed) == (11, None, "", False)


def test_intact_signed_file_verifies_with_key(make_log: Callable[..., Path]) -> None:
    result = verify(make_log(key=KEY), KEY)
    assert result.ok, result.problem
    assert (result.events, result.first_bad_line, result.problem, result.signed) == (11, None, "", True)


def test_signed_file_without_key_checks_the_chain_and_says_so(make_log: Callable[..., Path]) -> None:
    result = verify(make_log(key=KEY))
    assert result.ok
    assert result.signed
    assert result.problem.startswith("MAC not checked: no key")


def test_second_run_appended_continues_the_chain(make_log: Callable[..., Path]) -> None:
    make_log(key=KEY)
    path = make_log(key=KEY, run_id="run-2")
    lines = lines_of(path)
    assert len(lines) == 22
    second = json.loads(lines[11])
    assert (second["run_id"], second["seq"]) == ("run-2", 0)
    assert second["prev"] == hashlib.sha256(DOMAIN + lines[10][:-1]).hexdigest()
    result = verify(path, KEY)
    assert (result.ok, result.events) == (True, 22), result.problem


def test_unsigned_run_after_signed_one_fails_only_with_key(make_log: Callable[..., Path]) -> None:
    make_log(key=KEY)
    path = make_log(run_id="run-2")  # e.g. a fork's PR: no secrets, no key
    assert verify(path).ok
    result = verify(path, KEY)
    assert (result.ok, result.first_bad_line) == (False, 12)
    assert "no mac" in result.problem


def test_concurrent_records_form_one_valid_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    threads, per_thread = 8, 40
    with AuditLog.open(path, run_id="run-1", key=KEY) as log:
        log.record("run_started", **RUN_STARTED)
        barrier = threading.Barrier(threads)

        def work(n: int) -> None:
            barrier.wait()
            for i in range(per_thread):
                log.record("anomaly", kind="test", detail=f"{n}/{i}", path=None)

        workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        log.record("run_finished", **RUN_FINISHED)
    result = verify(path, KEY)
    assert (result.ok, result.events) == (True, threads * per_thread + 2), result.problem
    details = {json.loads(raw)["data"].get("detail") for raw in lines_of(path)[1:-1]}
    assert len(details) == threads * per_thread


def test_two_writers_on_one_file_interleave_into_one_chain(tmp_path: Path) -> None:
    """Two processes appending at once (here: two handles) still leave one verifiable chain."""
    path = tmp_path / "audit.jsonl"
    with AuditLog.open(path, run_id="run-a") as a, AuditLog.open(path, run_id="run-b") as b:
        a.record("run_started", **RUN_STARTED)
        b.record("run_started", **RUN_STARTED)
        a.record("error", stage="gather", message="a")
        b.record("run_finished", **RUN_FINISHED)
        a.record("run_finished", **RUN_FINISHED)
    result = verify(path)
    assert (result.ok, result.events) == (True, 5), result.problem


# ------------------------------------------------------------------------------- verifying: bad


def assert_bad(path: Path, line: int, fragment: str, key: bytes | None = None) -> None:
    result = verify(path, key)
    assert not result.ok
    assert result.first_bad_line == line, result.problem
    assert fragment in result.problem
    assert result.problem.startswith(f"line {line}: ")


def test_edited_line_breaks_the_chain_at_the_next_line(make_log: Callable[..., Path]) -> None:
    path = make_log()
    lines = lines_of(path)
    lines[4] = lines[4].replace(b'"line":12', b'"line":13')
    rewrite(path, lines)
    assert_bad(path, 6, "prev does not match line 5")


def test_edited_line_is_caught_at_that_line_with_a_key(make_log: Callable[..., Path]) -> None:
    path = make_log(key=KEY)
    lines = lines_of(path)
    lines[4] = lines[4].replace(b'"severity":"high"', b'"severity":"low"')
    rewrite(path, lines)
    assert_bad(path, 5, "mac does not match", KEY)


def test_edited_last_line_is_caught_with_a_key(make_log: Callable[..., Path]) -> None:
    path = make_log(key=KEY)
    lines = lines_of(path)
    lines[-1] = (
        lines[-1].replace(b'"status":"findings"', b'"status":"failed"').replace(b'"exit_code":1', b'"exit_code":3')
    )
    rewrite(path, lines)
    assert verify(path).ok  # a hash chain alone cannot see this: the head is not anchored
    assert_bad(path, 11, "mac does not match", KEY)


def test_deleted_line(make_log: Callable[..., Path]) -> None:
    path = make_log()
    lines = lines_of(path)
    del lines[3]
    rewrite(path, lines)
    assert_bad(path, 4, "prev does not match line 3")


def test_deleted_first_line(make_log: Callable[..., Path]) -> None:
    path = make_log()
    rewrite(path, lines_of(path)[1:])
    assert_bad(path, 1, "genesis")


def test_inserted_copy_of_a_line(make_log: Callable[..., Path]) -> None:
    path = make_log()
    lines = lines_of(path)
    lines.insert(3, lines[1])
    rewrite(path, lines)
    assert_bad(path, 4, "prev does not match line 3")


def test_inserted_forged_line_with_a_correct_prev(make_log: Callable[..., Path]) -> None:
    """A forger who recomputes prev and seq for the new line is still caught at the line after it."""
    path = make_log()
    lines = lines_of(path)
    forged = json.loads(lines[6])  # the anomaly, seq 6
    forged["data"]["detail"] = "nothing to see"
    forged["prev"] = hashlib.sha256(DOMAIN + lines[5][:-1]).hexdigest()
    lines.insert(6, canonical(forged) + b"\n")
    rewrite(path, lines)
    assert_bad(path, 8, "prev does not match line 7")


def test_swapped_lines(make_log: Callable[..., Path]) -> None:
    path = make_log()
    lines = lines_of(path)
    lines[4], lines[5] = lines[5], lines[4]
    rewrite(path, lines)
    assert_bad(path, 5, "prev does not match line 4")


@pytest.mark.parametrize("cut", [1, 3, 10])
def test_truncated_run(make_log: Callable[..., Path], cut: int) -> None:
    path = make_log()
    rewrite(path, lines_of(path)[:-cut])
    assert_bad(path, 12 - cut, "truncated: run run-1 has no run_finished")


def test_truncated_mid_line(make_log: Callable[..., Path]) -> None:
    path = make_log()
    path.write_bytes(path.read_bytes()[:-20])
    assert_bad(path, 11, "incomplete line")


def test_unfinished_run_followed_by_a_finished_one(make_log: Callable[..., Path]) -> None:
    path = make_log()
    rewrite(path, lines_of(path)[:-1])  # run-1 crashed before run_finished
    make_log(run_id="run-2")
    assert_bad(path, 11, "truncated: run run-1 has no run_finished")


def test_run_id_reused(make_log: Callable[..., Path]) -> None:
    make_log()
    path = make_log()
    assert_bad(path, 12, "run run-1 started again")


def test_wrong_key(make_log: Callable[..., Path]) -> None:
    path = make_log(key=KEY)
    assert_bad(path, 1, "mac does not match", b"another key, 32 bytes long......")


def test_mac_stripped_with_key(make_log: Callable[..., Path]) -> None:
    path = make_log(key=KEY)
    lines = lines_of(path)
    event = json.loads(lines[5])
    del event["mac"]
    lines[5] = canonical(event) + b"\n"
    rewrite(path, lines)
    assert_bad(path, 6, "no mac, but a key was given", KEY)
    assert_bad(path, 6, "is signed, but this line has no mac")  # seen even without the key


def test_reformatted_line(make_log: Callable[..., Path]) -> None:
    path = make_log()
    lines = lines_of(path)
    lines[-1] = json.dumps(json.loads(lines[-1]), indent=None).encode() + b"\n"
    rewrite(path, lines)
    assert_bad(path, 11, "not canonical")


def test_line_violating_the_schema(make_log: Callable[..., Path]) -> None:
    path = make_log()
    lines = lines_of(path)
    event = json.loads(lines[-1])
    event["data"]["status"] = "great"
    lines[-1] = canonical(event) + b"\n"
    rewrite(path, lines)
    assert_bad(path, 11, "data.status")


# ---------------------------------------------------------------------------- garbage in, result out


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xfe\x00garbage\n", id="not-utf8"),
        pytest.param(b"[" * 100_000 + b"\n", id="deeply-nested"),
        pytest.param(b'{"seq":NaN}\n', id="nan"),
        pytest.param(b'{"a":"\\ud800"}\n', id="lone-surrogate"),
        pytest.param(b"1" * 5000 + b"\n", id="huge-integer"),
        pytest.param(b"[]\n", id="not-an-object"),
        pytest.param(b"\n", id="blank-line"),
        pytest.param(b"x" * (MAX_LINE_BYTES + 10), id="huge-line"),
    ],
)
def test_garbage_fails_at_line_1(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "audit.jsonl"
    path.write_bytes(content)
    result = verify(path, KEY)
    assert (result.ok, result.first_bad_line, result.events) == (False, 1, 0), result.problem


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path in (tmp_path / "absent.jsonl", tmp_path):
        result = verify(path)
        assert (result.ok, result.first_bad_line) == (False, None)
        assert str(path) in result.problem


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.jsonl"
    path.write_bytes(content)
    for key in (None, KEY):
        result = verify(path, key)
        assert not result.ok
        assert result.problem


@pytest.fixture(scope="module")
def signed_log(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("signed") / "audit.jsonl"
    with AuditLog.open(path, run_id="run-1", key=KEY) as log:
        record_run(log)
    return path.read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.integers(min_value=0), flip=st.integers(1, 255))
def test_any_single_byte_change_of_a_signed_log_is_caught(
    tmp_path: Path, signed_log: bytes, where: int, flip: int
) -> None:
    where %= len(signed_log)
    mutated = bytearray(signed_log)
    mutated[where] ^= flip
    path = tmp_path / "mutated.jsonl"
    path.write_bytes(bytes(mutated))
    result = verify(path, KEY)
    assert not result.ok
    assert result.first_bad_line is not None
    assert result.first_bad_line <= signed_log[: where + 1].count(b"\n") + 1


# ------------------------------------------------------------------------------ opening, helpers


def test_open_refuses_a_damaged_tail(make_log: Callable[..., Path]) -> None:
    path = make_log()
    path.write_bytes(path.read_bytes()[:-5])
    with pytest.raises(AuditError, match="incomplete line"):
        AuditLog.open(path, run_id="run-2")


def test_open_refuses_a_file_that_is_not_an_audit_log(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# hello\n")
    with pytest.raises(AuditError, match="does not end with a pr-review audit event"):
        AuditLog.open(path, run_id="run-1")
    assert path.read_text() == "# hello\n"


def test_open_refuses_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "bashrc"
    target.write_text("")
    (tmp_path / "audit.jsonl").symlink_to(target)
    with pytest.raises(AuditError, match="cannot open"):
        AuditLog.open(tmp_path / "audit.jsonl", run_id="run-1")
    assert target.read_text() == ""


def test_open_refuses_a_short_key(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="too short"):
        AuditLog.open(tmp_path / "audit.jsonl", run_id="run-1", key=b"short")


def test_new_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    AuditLog.open(path, run_id="run-1").close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_audit_key_from_env() -> None:
    assert audit_key_from_env({}) is None
    assert audit_key_from_env({"PR_REVIEW_AUDIT_KEY": "  \n"}) is None
    assert audit_key_from_env({"PR_REVIEW_AUDIT_KEY": "k" * 32 + "\n"}) == b"k" * 32
    with pytest.raises(UsageError, match="PR_REVIEW_AUDIT_KEY is too short"):
        audit_key_from_env({"PR_REVIEW_AUDIT_KEY": "hunter2"})


def test_sha256_hex() -> None:
    assert sha256_hex("é") == sha256_hex("é".encode()) == hashlib.sha256("é".encode()).hexdigest()


def test_render_table_shows_events_and_neutralises_text(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    with AuditLog.open(path, run_id="run-1") as log:
        log.record("run_started", **RUN_STARTED)
        log.record("anomaly", kind="prompt_injection", detail="[bold]x[/bold] \x1b[31mred", path="a.py")
        log.record("run_finished", **RUN_FINISHED)
    with path.open("ab") as stream:
        stream.write(b"not json\n")
    console = Console(record=True, width=250, color_system=None)
    console.print(render_table(path))
    text = console.export_text()
    assert "acme/shop PR 7" in text
    assert "prompt_injection a.py: [bold]x[/bold] \\u001b[31mred" in text
    assert "findings, exit 1 after 1.25s; findings=1" in text
    assert "line 4 is not JSON" in text
    assert "\x1b" not in text


def test_expect_head_passes_on_a_log_that_goes_on_and_fails_on_one_cut_before_it(
    make_log: Callable[..., Path],
) -> None:
    path = make_log(run_id="run-1")
    first_head = verify(path).head
    assert first_head is not None
    make_log(run_id="run-2")
    second_head = verify(path).head

    result = verify(path, expect_head=first_head)
    assert result.ok
    assert result.problem == "11 line(s) after the expected head (line 11)"
    assert verify(path, expect_head=second_head).problem == ""

    rewrite(path, lines_of(path)[:11])
    assert verify(path).ok
    cut = verify(path, expect_head=second_head)
    assert not cut.ok
    assert cut.first_bad_line == 11
    assert f"no line has the expected head {second_head}" in cut.problem


def test_every_event_the_schema_allows_has_one_typed_recorder() -> None:
    """The event names the code writes are exactly the schema's, each through its own function."""
    from pr_review import audit_events

    assert {e.value for e in AuditEvent} == set(SCHEMA["properties"]["event"]["enum"])
    assert all(callable(getattr(audit_events, event.value, None)) for event in AuditEvent)


def test_no_stage_records_an_event_by_a_raw_name() -> None:
    """Only pr_review/audit_events.py calls `.record(`: an event's keys are written in one place."""
    package = Path(__file__).parent.parent / "pr_review"
    raw = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "audit_events.py" or path.parent != package
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".record(" in line and "def record(" not in line
    ]
    assert raw == []

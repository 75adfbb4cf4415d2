"""Issue 12 §4: what the model said that was dropped or cut is in audit.jsonl (`model_output`), by
reason and by the sha256 of each item, so a security team can review the model's behaviour later.
Driven through `pr-review scan --out` with Claude at the loopback fake."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from claude_support import finding
from conftest import EXAMPLE_DIFF, EXAMPLE_DIR
from fakes import FakeAnthropic, fake_anthropic_server, max_tokens_response, tool_use_response

from pr_review.cli import main

SECRET = "s3cr3t-partner-pw-2024"  # redacted from app/settings.py before the request


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        yield server


def item_sha256(item: object) -> str:
    """What an auditor computes from a stored answer: sha256 of the item's canonical JSON."""
    text = json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def scan_events(
    fake: FakeAnthropic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], list[dict[str, Any]]]:
    """Exit code, findings.json as printed, and the audit events of `scan --out`."""
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.url, "PATH": os.environ.get("PATH", "")}
    out = tmp_path / "results"
    argv = ["scan", str(EXAMPLE_DIR), "--diff", str(EXAMPLE_DIFF), "--format", "json", "--out", str(out)]
    code = main(argv, environ=environ)
    report = json.loads(capsys.readouterr().out)
    assert main(["audit", "verify", str(out / "audit.jsonl")], environ={}) == 0
    capsys.readouterr()
    return code, report, [json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines()]


def test_every_drop_reason_is_recorded_with_the_sha256_of_the_item(
    fake: FakeAnthropic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = finding("app/views.py", 29, 30)
    invalid = {"path": "app/views.py", "start_line": 29, "severity": "catastrophic"}
    unknown_path = finding("app/not_in_this_change.py", 3)
    beyond_eof = finding("app/views.py", 5000, 5001, title="Past the end")
    clamped = finding("app/views.py", 30, 5000, cwe="CWE-78", title="Runs to the end")
    low = finding("app/views.py", 30, confidence=0.2, cwe="CWE-20", title="Maybe")
    secret = finding("app/settings.py", 6, cwe="CWE-798", description=f"The password {SECRET} is hard-coded.")
    fence = finding("app/views.py", 37, cwe="CWE-94", title="Eval", suggested_fix="```\n<!-- x -->\n```")
    answer = [kept, invalid, unknown_path, beyond_eof, clamped, low, secret, fence]
    # The rest of the schema's 100 items are low-confidence copies; whatever comes after is not read.
    filler = [finding("app/views.py", 30, confidence=0.1, title=f"Filler {n}") for n in range(100 - len(answer))]
    flood = [finding("app/views.py", 30, title=f"Flood {n}") for n in range(3)]
    fake.enqueue(tool_use_response({"findings": [*answer, *filler, *flood]}))

    code, report, events = scan_events(fake, tmp_path, capsys)

    assert code == 0
    [claude] = [a for a in report["analyzers"] if a["name"] == "claude"]
    assert "3 over the cap" in claude["detail"]
    [response] = [e for e in events if e["event"] == "model_response"]
    [output] = [e for e in events if e["event"] == "model_output"]
    assert events.index(output) == events.index(response) + 1
    data = output["data"]
    assert data["chunk"] == 0
    assert data["response_sha256"] == response["data"]["response_sha256"]
    assert data["returned"] == 103
    assert data["accepted"] == 4  # kept, clamped, the masked secret, the fix without its suggestion
    assert data["dropped"] == {
        "invalid": 1,
        "unknown path": 1,
        "beyond end of file": 1,
        "clamped": 1,
        "below min_confidence": 1 + len(filler),
        "secret masked": 1,
        "suggestion dropped": 1,
        "over the cap": 3,
    }
    items = {item["sha256"]: item for item in data["items"]}
    assert len(data["items"]) == len(answer) - 1 + len(filler) + len(flood)
    expected = {
        "invalid": (invalid, False),
        "unknown path": (unknown_path, False),
        "beyond end of file": (beyond_eof, False),
        "clamped": (clamped, True),
        "below min_confidence": (low, False),
        "secret masked": (secret, True),
        "suggestion dropped": (fence, True),
    }
    for reason, (item, was_kept) in expected.items():
        assert items[item_sha256(item)] == {"sha256": item_sha256(item), "reasons": [reason], "kept": was_kept}
    for item in flood:
        assert items[item_sha256(item)]["reasons"] == ["over the cap"]
    assert item_sha256(kept) not in items
    # Digests only: nothing the model said is copied into the trail.
    raw = "\n".join(json.dumps(e) for e in events)
    assert SECRET not in raw
    assert "Runs to the end" not in raw


def test_an_answer_without_a_findings_list_is_recorded(
    fake: FakeAnthropic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = {"findings": "none, all good"}
    fake.enqueue(tool_use_response(answer))

    _, _, events = scan_events(fake, tmp_path, capsys)

    [output] = [e for e in events if e["event"] == "model_output"]
    assert output["data"]["dropped"] == {"malformed response": 1}
    [item] = output["data"]["items"]
    assert item == {"sha256": item_sha256(answer), "reasons": ["malformed response"], "kept": False}
    assert output["data"]["returned"] == output["data"]["accepted"] == 0


def test_audit_show_lists_the_drops(fake: FakeAnthropic, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unknown_path = finding("app/elsewhere.py", 1)
    fake.enqueue(tool_use_response({"findings": [finding("app/views.py", 29, 30), unknown_path]}))
    scan_events(fake, tmp_path, capsys)

    assert main(["audit", "show", str(tmp_path / "results" / "audit.jsonl")], environ={}) == 0

    table = capsys.readouterr().out
    [row] = [line for line in table.splitlines() if "model_output" in line]
    assert "1 of 2 findings kept" in row
    assert "unknown path=1" in row
    assert item_sha256(unknown_path)[:12] in table


def test_an_answer_cut_off_by_max_tokens_is_recorded_unused(
    fake: FakeAnthropic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = finding("app/views.py", 29, 30)
    fake.enqueue(max_tokens_response(tool_name="report_findings", partial_input={"findings": [partial]}))

    _, report, events = scan_events(fake, tmp_path, capsys)

    outputs = [e["data"] for e in events if e["event"] == "model_output"]
    cut, *retried = outputs
    assert cut["dropped"] == {"cut off by max_tokens": 1}
    assert cut["items"] == [{"sha256": item_sha256(partial), "reasons": ["cut off by max_tokens"], "kept": False}]
    assert (cut["returned"], cut["accepted"]) == (1, 0)
    # The request was split and sent again: one model_output per answer, each after its response.
    assert len(retried) == len(fake.message_requests()) - 1 >= 1
    assert all(o["dropped"] == {} and o["items"] == [] for o in retried)
    responses = [e["data"]["response_sha256"] for e in events if e["event"] == "model_response"]
    assert [o["response_sha256"] for o in outputs] == responses
    assert not any("claude" in f["sources"] for f in report["findings"])

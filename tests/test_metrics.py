"""`pr-review metrics` over audit trails written by pr_review.audit.AuditLog."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from pr_review.audit import AuditLog
from pr_review.cli import main
from pr_review.metrics import FindingEvent, Run, compute, render_markdown
from pr_review.models import Severity

SHA = "a" * 40
COUNTS = {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}
Event = tuple[str, str, str, str, str]  # fingerprint, severity, source, rule, status


def write_run(path: Path, run_id: str, pr: int, findings: Sequence[Event], labels: Sequence[str] = ()) -> None:
    with AuditLog.open(path, run_id=run_id) as log:
        log.record(
            "run_started",
            actor="ci",
            repository="octo/app",
            pr=pr,
            head_sha=SHA,
            base_sha=SHA,
            trigger="pull_request",
            purpose="test",
            tool_version="0",
            config_sha256="0" * 64,
        )
        for fingerprint, severity, source, rule, status in findings:
            if status in ("dismissed", "suppressed"):
                log.record(
                    "dismissal" if status == "dismissed" else "suppression",
                    fingerprint=fingerprint,
                    by="alice",
                    reason="r",
                    kind="dismissed" if status == "dismissed" else "inline",
                )
            log.record(
                "finding",
                fingerprint=fingerprint,
                severity=severity,
                sources=[source],
                rule_ids=[rule],
                path="app.py",
                line=1,
                status=status,
            )
        for label in labels:
            log.record("action", kind="label", id=label)
        log.record("run_finished", status="ok", exit_code=0, duration_s=1.0, counts=COUNTS)


@pytest.fixture
def audit_files(tmp_path: Path) -> list[Path]:
    first, second, tampered = tmp_path / "pr1.jsonl", tmp_path / "pr2.jsonl", tmp_path / "tampered.jsonl"
    sqli = ("f" * 16, "critical", "semgrep", "pr-review.python.sql-injection", "new")
    xss = ("e" * 16, "medium", "claude", "claude/CWE-79", "new")
    write_run(first, "run-1", 1, [sqli, xss], labels=["security-escalation"])
    write_run(first, "run-2", 1, [(*sqli[:4], "dismissed"), (*xss[:4], "existing")], labels=["-security-escalation"])
    write_run(
        second,
        "run-3",
        2,
        [
            ("d" * 16, "high", "semgrep", "pr-review.python.command-injection", "suppressed"),
            ("c" * 16, "low", "claude", "claude/CWE-79", "dismissed"),
        ],
    )
    write_run(tampered, "run-4", 3, [sqli])
    lines = tampered.read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace('"critical"', '"low"')
    tampered.write_text("".join(lines))
    return [first, second, tampered]


def test_metrics_command_writes_the_report_and_the_chart(audit_files: list[Path], tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["metrics", *map(str, audit_files), "--out", str(tmp_path / "metrics")], environ={})
    assert code == 0, err.getvalue()
    report = (tmp_path / "metrics" / "metrics.md").read_text()
    chart = tmp_path / "metrics" / "dismissal-rate.png"
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert chart.stat().st_size > 5000
    assert "3 run(s) from 2 audit file(s)" in report
    assert "1 file(s) failed `pr-review audit verify` and were left out" in report
    assert "tampered.jsonl" in report
    assert "left out" in err.getvalue()
    # Distinct findings per source: semgrep 2 (1 dismissed, 1 suppressed), claude 2 (1 dismissed).
    assert "| `semgrep` | 2 | 1 | 100% | 1 |" in report  # the suppressed one never reached a reviewer
    assert "| `claude` | 2 | 1 | 50% | 0 |" in report
    assert "| `claude/CWE-79` | 2 | 1 | 50% | 0 |" in report
    assert "| `pr-review.python.sql-injection` | 1 | 1 | 100% | 0 |" in report
    assert "![dismissal rate per source by week](dismissal-rate.png)" in report
    assert "1 closed, open on average" in report
    assert "| octo/app | 1 |" in report


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["metrics", str(tmp_path / "nope.jsonl")], environ={}) == 2
    assert "no such audit file" in err.getvalue()


def _run(pr: int, day: int, hour: int, *findings: FindingEvent, added: bool = False) -> Run:
    started = dt.datetime(2025, 3, day, hour, tzinfo=dt.UTC)
    return Run(f"r{pr}-{day}-{hour}", "octo/app", pr, started, list(findings), labels_added=added)


def _finding(fp: str, severity: Severity, status: str, source: str = "semgrep") -> FindingEvent:
    return FindingEvent(fp, severity, (source,), (f"{source}.rule",), status)


def test_escalation_open_time_and_weekly_rates() -> None:
    high = _finding("a", Severity.HIGH, "new")
    runs = [
        _run(1, 3, 9, high, added=True),  # Monday: escalated
        _run(1, 3, 15, _finding("a", Severity.HIGH, "existing")),  # still above the threshold
        _run(1, 4, 9, _finding("a", Severity.HIGH, "dismissed")),  # cleared 24 h after it was opened
        _run(2, 12, 10, _finding("b", Severity.CRITICAL, "new", "claude")),  # never cleared
        _run(2, 13, 10, _finding("b", Severity.CRITICAL, "existing", "claude"), _finding("c", Severity.LOW, "new")),
    ]
    metrics = compute(runs, threshold=Severity.HIGH)
    [first, second] = metrics.escalations
    assert (first.pr, first.open_for, first.closed is not None) == (1, dt.timedelta(hours=24), True)
    assert (second.pr, second.closed, second.open_for) == (2, None, dt.timedelta(days=1))
    assert list(metrics.weekly) == [dt.date(2025, 3, 3), dt.date(2025, 3, 10)]
    assert metrics.weekly[dt.date(2025, 3, 3)]["semgrep"].dismissal_rate == 1.0
    assert metrics.weekly[dt.date(2025, 3, 10)]["semgrep"].dismissal_rate == 0.0
    report = render_markdown(metrics)
    assert "| octo/app | 1 | 2025-03-03 09:00 | 2025-03-04 09:00 | 24.0 h |" in report
    assert "| octo/app | 2 | 2025-03-12 10:00 | still open | 24.0 h |" in report
    assert "1 closed, open on average 24.0 h." in report


def test_no_runs_still_renders() -> None:
    report = render_markdown(compute([], threshold=Severity.HIGH))
    assert "0 run(s) from 0 audit file(s)" in report
    assert "None." in report

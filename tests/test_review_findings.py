"""Security review findings: each test pins one problem found by an attacker-minded review."""

from __future__ import annotations

from pr_review.gather.diff import ChangedFile, FileStatus, Hunk, Line
from pr_review.models import CodeLocation, Finding, Fingerprint, Severity
from pr_review.triage.model import TriageSettings
from pr_review.triage.suppress import apply_suppressions

FP = Fingerprint("ab" * 32)


def _finding(path: str, start: int, end: int | None = None, **extra: object) -> Finding:
    values: dict[str, object] = {
        "fingerprint": FP,
        "sources": ("semgrep",),
        "rule_ids": ("rule.a",),
        "title": "SQL injection",
        "severity": Severity.HIGH,
        "confidence": 0.9,
        "cwe": ("CWE-89",),
        "location": CodeLocation(path, start, end if end is not None else start),
        "in_diff": True,
    }
    values.update(extra)
    return Finding(**values)  # type: ignore[arg-type]


def test_ignore_comment_added_by_the_pr_cannot_hide_behind_a_unicode_line_separator() -> None:
    # Lines 1 and 4 are added by the PR; 2-3 are unchanged. A U+2028 inside line 1 must not make the
    # added ignore comment look like it sits on the (unchanged) line 3, just above the finding.
    lines = ["x = 1\u2028\u2028# pr-review: ignore[rule.a] looks fine", "a = 2", "b = 3", "run(q)"]
    text = "\n".join(lines) + "\n"
    hunk = Hunk(
        1, 2, 1, 4, "",
        added=(Line(1, lines[0]), Line(4, lines[3])),
        removed=(),
        context=(Line(2, lines[1]), Line(3, lines[2])),
    )
    changed = ChangedFile("app.py", "app.py", FileStatus.MODIFIED, hunks=(hunk,))
    result = apply_suppressions(
        [_finding("app.py", 4)], {"app.py": changed}, {"app.py": text.encode()}, TriageSettings()
    )
    assert not result.suppressed
    assert [f.fingerprint for f in result.findings] == [FP]


def _report(**parts: object) -> dict[str, object]:
    document: dict[str, object] = {
        "schema_version": 1,
        "tool": {"name": "pr-review", "version": "0"},
        "target": {"repository": "o/r", "base": "b" * 40, "head": "c" * 40, "pull_request": 7},
        "findings": [],
        "analyzers": [],
        "not_reviewed": [],
        "counts": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
    }
    document.update(parts)
    return document


def test_uploaded_triage_note_fingerprint_cannot_break_out_of_its_code_span() -> None:
    from pr_review.config import build_config
    from pr_review.github.run import _neutralised
    from pr_review.report.document import outcome_from_json
    from pr_review.report.markdown import render_summary

    document = _report(
        triage_notes=[{"kind": "needs-approval", "message": "m", "fingerprint": "` @acme/sec <b>x"}],
        analyzers=[
            {
                "name": "claude",
                "status": "ok",
                "detail": "",
                "duration_s": 0,
                "metadata": {"model": "m", "prompt_sha256": "`@acme/all <img src=x>"},
            }
        ],
    )
    outcome = _neutralised(outcome_from_json(document, build_config({}), source="findings.json"))
    summary = render_summary(outcome)
    assert "` @acme" not in summary
    assert "`@acme" not in summary
    assert "<b>" not in summary
    assert "<img" not in summary


def test_comment_range_of_a_huge_span_is_found_without_walking_it() -> None:
    import time

    from pr_review.github.publish import _comment_range

    started = time.monotonic()
    span = _comment_range(_finding("app.py", 1, 10**12), frozenset({3, 5, 9}))
    assert span == (3, 9)
    assert time.monotonic() - started < 1

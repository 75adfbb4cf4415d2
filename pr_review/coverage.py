"""Coverage: a changed text file that no analyzer read is a finding, never a silent "No findings".

After the analyzers ran, every changed text file must have been read by one that reviews code
(Claude, Semgrep: their `reviewed_paths`). One that was not — left out of the scope (a NUL byte,
over limits.max_file_bytes, code moved under a default-excluded folder such as vendor/), or that
every code analyzer missed (a Semgrep timeout with Claude off) — becomes a high finding with the
reason, so the review escalates. Under `claude.on_failure: fail` the run cannot complete (exit 3).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus
from pr_review.config import Config
from pr_review.fingerprint import code_fingerprint
from pr_review.models import CodeLocation, Finding, Severity, Source
from pr_review.scope import Scope

COVERAGE = "review-coverage"  # shown as an analyzer in every report
RULE = "pr-review.coverage.not-reviewed"
_MAX_REASON_CHARS = 600
_NAMED_IN_DETAIL = 5


def _nobody_ran(results: Sequence[AnalyzerResult]) -> str:
    reviewers = [r for r in results if not r.supporting]
    said = "; ".join(f"{r.name} {r.status.value}: {r.detail}" if r.detail else r.name for r in reviewers)
    return "no analyzer that reads code read it" + (f" ({said})" if said else "")


def unreviewed_files(scope: Scope, results: Sequence[AnalyzerResult]) -> dict[str, str]:
    """Changed text files no analyzer read → why, in the words of the scope and the analyzers."""
    read = frozenset().union(*(r.reviewed_paths for r in results))
    why: dict[str, list[str]] = {}
    for item in scope.not_reviewed:
        if item.path in scope.unreviewed_text:
            why.setdefault(item.path, []).append(item.reason)
    for changed in scope.files:
        if changed.path not in read:
            said = [f"{n.analyzer}: {n.reason}" for r in results for n in r.not_reviewed if n.path == changed.path]
            why[changed.path] = said or [_nobody_ran(results)]
    return {path: "; ".join(dict.fromkeys(reasons))[:_MAX_REASON_CHARS] for path, reasons in sorted(why.items())}


def _finding(scope: Scope, path: str, reason: str) -> Finding:
    changed = scope.change.file(path)
    added = changed.added_lines if changed is not None else ()
    line = min(added) if added else 1
    return Finding(
        fingerprint=code_fingerprint(RULE, path, ""),
        sources=(Source.PR_REVIEW.value,),
        rule_ids=(RULE,),
        title="This changed file was not security-reviewed",
        severity=Severity.HIGH,
        confidence=1.0,
        cwe=(),
        location=CodeLocation(path, line, line),
        in_diff=bool(added),
        description=(f"No analyzer read `{path}`: {reason}. Its changes would be merged without a security review."),
        recommendation=(
            "Review this file by hand before merging. If it should be reviewed automatically, remove what "
            "kept it out (a NUL byte, its size, its location), or raise limits.max_file_bytes or "
            "semgrep.timeout_s in the base configuration."
        ),
    )


def coverage_result(scope: Scope, results: Sequence[AnalyzerResult], config: Config) -> AnalyzerResult:
    started = time.monotonic()
    unreviewed = unreviewed_files(scope, results)
    if not unreviewed:
        return AnalyzerResult(
            COVERAGE, AnalyzerStatus.OK, detail="every changed text file was read by an analyzer", supporting=True
        )
    must_complete = config.claude.on_failure == "fail"
    named = ", ".join(list(unreviewed)[:_NAMED_IN_DETAIL]) + (", …" if len(unreviewed) > _NAMED_IN_DETAIL else "")
    return AnalyzerResult(
        COVERAGE,
        AnalyzerStatus.FAILED if must_complete else AnalyzerStatus.OK,
        findings=tuple(_finding(scope, path, reason) for path, reason in unreviewed.items()),
        detail=f"{len(unreviewed)} changed text file(s) no analyzer read: {named}",
        duration_s=time.monotonic() - started,
        fail_closed=must_complete,
        supporting=True,
    )

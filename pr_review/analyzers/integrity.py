"""Review integrity: a pull request that changes how it is reviewed is itself a finding.

The change is still reviewed under the base configuration (trust.py); this analyzer makes sure a
human sees that the PR touches the review's config, its rule files, its custom instructions or a
workflow that runs pr-review — so a PR cannot quietly weaken the review of the PRs after it.
"""

from __future__ import annotations

import time
from pathlib import PurePosixPath

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus, ReviewInput
from pr_review.config import DEFAULT_CONFIG_PATH
from pr_review.fingerprint import code_fingerprint
from pr_review.gather.diff import ChangedFile, FileStatus
from pr_review.models import CodeLocation, Finding, Severity, Source

CWE_PROTECTION_FAILURE = "CWE-693"
_WORKFLOW_DIRS = (".github/workflows/",)
_MARKERS = ("pr-review",)


def _mentions_pr_review(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in _MARKERS)


def _runs_pr_review(changed: ChangedFile, head: bytes | None) -> bool:
    if not changed.path.startswith(_WORKFLOW_DIRS) or PurePosixPath(changed.path).suffix not in (".yml", ".yaml"):
        return False
    if head is not None and _mentions_pr_review(head.decode("utf-8", errors="replace")):
        return True
    changed_lines = (line.text for hunk in changed.hunks for line in (*hunk.added, *hunk.removed))
    return any(_mentions_pr_review(text) for text in changed_lines)


def _anchor(changed: ChangedFile) -> tuple[int, bool]:
    """The first added line (commentable), else line 1 outside the diff (a deletion)."""
    if changed.added_lines:
        return min(changed.added_lines), True
    return 1, False


class ReviewIntegrityAnalyzer:
    name = "review-integrity"

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        protected = {DEFAULT_CONFIG_PATH.as_posix(), *review.protected_paths}
        findings = []
        for changed in review.scope.change.files:
            paths = {changed.path, changed.old_path or changed.path}
            if paths & protected:
                what = "the review's configuration, rules or instructions"
                rule = "pr-review.integrity.review-config-changed"
            elif _runs_pr_review(changed, review.scope.change.read_head(changed.path)):
                what = "a workflow that runs pr-review"
                rule = "pr-review.integrity.review-workflow-changed"
            else:
                continue
            line, in_diff = _anchor(changed)
            verb = "deletes" if changed.status is FileStatus.DELETED else "changes"
            findings.append(
                Finding(
                    fingerprint=code_fingerprint(rule, changed.path, ""),
                    sources=(Source.PR_REVIEW.value,),
                    rule_ids=(rule,),
                    title="This pull request changes how it is security-reviewed",
                    severity=Severity.HIGH,
                    confidence=1.0,
                    cwe=(CWE_PROTECTION_FAILURE,),
                    location=CodeLocation(changed.path, line, line),
                    in_diff=in_diff,
                    description=(
                        f"This pull request {verb} `{changed.path}`, {what}. It was reviewed under the "
                        "configuration of its base commit, so the change does not affect this review; "
                        "once merged it changes how every later pull request is reviewed."
                    ),
                    recommendation="Have a maintainer of the security review approve this change explicitly.",
                )
            )
        detail = (
            f"{len(findings)} change(s) to the review itself" if findings else "the review's own files are unchanged"
        )
        return AnalyzerResult(
            self.name, AnalyzerStatus.OK, tuple(findings), detail, time.monotonic() - started, supporting=True
        )

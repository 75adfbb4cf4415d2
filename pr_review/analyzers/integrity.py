"""Review integrity: a pull request that changes how it is reviewed is itself a finding.

The change is still reviewed under the base configuration (trust.py); this analyzer makes sure a
human sees that the PR touches a file that configures the review, so a PR cannot quietly weaken
the review of the PRs after it:

- the configuration, the local Semgrep and ZAP rule files and the custom instructions it names,
  and any `.semgrepignore`;
- every file of a local action whose `action.yml` / `action.yaml` at the base runs pr-review
  (trust.py lists those directories), whatever the file is (a wrapper script, an env file);
- any workflow, `action.yml` / `action.yaml` anywhere, or other file under `.github/` whose text
  before or after the change mentions pr-review (a new wrapper, or one the PR strips it out of).
"""

from __future__ import annotations

import time
from pathlib import PurePosixPath

from pr_review.analyzers.base import AnalyzerBase, AnalyzerResult, AnalyzerStatus, ReviewInput
from pr_review.config import DEFAULT_CONFIG_PATH
from pr_review.fingerprint import code_fingerprint
from pr_review.gather.diff import ChangedFile, FileStatus
from pr_review.models import CodeLocation, Finding, Severity, Source

CWE_PROTECTION_FAILURE = "CWE-693"
_CI_DIR = ".github/"
ACTION_FILES = ("action.yml", "action.yaml")
_REVIEW_CONFIG_NAMES = (".semgrepignore",)  # by file name, in any folder
_MARKERS = ("pr-review", "pr_review")  # the CLI, the Action and `python -m pr_review`


def mentions_pr_review(text: str, markers: tuple[str, ...] = _MARKERS) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in markers)


def _configures_review(paths: set[str], protected: frozenset[str]) -> bool:
    """A protected path, a file in a protected folder ("dir/"), or a file by a review-config name."""
    return any(
        path in protected
        or any(path.startswith(entry) for entry in protected if entry.endswith("/"))
        or PurePosixPath(path).name in _REVIEW_CONFIG_NAMES
        for path in paths
    )


def _runs_pr_review(changed: ChangedFile, paths: set[str], head: bytes | None, markers: tuple[str, ...]) -> bool:
    """CI files (workflows, actions, anything under .github/) that mention pr-review, or a local action
    that runs it, before or after the change."""
    if not any(p.startswith(_CI_DIR) or PurePosixPath(p).name in ACTION_FILES for p in paths):
        return False
    if head is not None and mentions_pr_review(head.decode("utf-8", errors="replace"), markers):
        return True
    changed_lines = (line.text for hunk in changed.hunks for line in (*hunk.added, *hunk.removed))
    return any(mentions_pr_review(text, markers) for text in changed_lines)


def _anchor(changed: ChangedFile) -> tuple[int, bool]:
    """The first added line (commentable), else line 1 outside the diff (a deletion)."""
    if changed.added_lines:
        return min(changed.added_lines), True
    return 1, False


class ReviewIntegrityAnalyzer(AnalyzerBase):
    name = "review-integrity"
    supporting = True

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        protected = frozenset({DEFAULT_CONFIG_PATH.as_posix(), *review.protected_paths})
        # A workflow that calls `uses: ./.github/actions/review` runs pr-review without naming it.
        markers = _MARKERS + tuple(entry.rstrip("/").lower() for entry in protected if entry.endswith("/"))
        findings = []
        for changed in review.scope.change.files:
            paths = {changed.path, changed.old_path or changed.path}
            if _configures_review(paths, protected):
                what = "a file that configures the review (its configuration, rules, instructions or action)"
                rule = "pr-review.integrity.review-config-changed"
            elif _runs_pr_review(changed, paths, review.scope.change.read_head(changed.path), markers):
                what = "a workflow or action that runs pr-review"
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
        return AnalyzerResult(self.name, AnalyzerStatus.OK, tuple(findings), detail, time.monotonic() - started)

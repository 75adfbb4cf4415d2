"""ReviewOutcome: what a review found, as every reporter sees it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus, DastDetails, ModelDetails
from pr_review.classify.view import ModelView
from pr_review.config import Config
from pr_review.errors import ExitCode
from pr_review.gather.change import PullRequestMeta, ReviewTarget
from pr_review.models import Finding, Severity
from pr_review.scope import NotReviewed
from pr_review.triage.model import NoteKind, Suppressed, TriageNote


@dataclass(frozen=True)
class ReviewOutcome:
    target: ReviewTarget
    config: Config
    pr: PullRequestMeta
    findings: tuple[Finding, ...]
    analyzers: tuple[AnalyzerResult, ...]
    reviewed_files: tuple[str, ...]
    not_reviewed: tuple[NotReviewed, ...]
    duration_s: float
    model_view: ModelView | None = None  # what a model could see: redactions and withheld files
    # Every secret and personal value found in the change: for the output guard, never serialised.
    sensitive_values: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    # Findings taken out by a suppression or a dismissal: listed and audited, never counted.
    suppressed: tuple[Suppressed, ...] = ()
    triage_notes: tuple[TriageNote, ...] = ()  # expired, invalid, refused, needs approval

    @property
    def needs_approval(self) -> frozenset[str]:
        """Fingerprints of findings this pull request tried to suppress itself: they force escalation."""
        return frozenset(n.fingerprint for n in self.triage_notes if n.kind is NoteKind.NEEDS_APPROVAL)

    def counts(self) -> dict[Severity, int]:
        counter = Counter(f.severity for f in self.findings)
        return {severity: counter.get(severity, 0) for severity in reversed(Severity)}

    @property
    def forced_rules(self) -> frozenset[str]:
        """Rule ids an analyzer says fail the run whatever fail_on says (ZAP rules file FAIL)."""
        return frozenset(
            rule
            for result in self.analyzers
            if isinstance(result.details, DastDetails)
            for rule in result.details.fail_rules
        )

    @property
    def model_details(self) -> ModelDetails | None:
        """What the model-backed review ran with, when one ran."""
        return next((r.details for r in self.analyzers if isinstance(r.details, ModelDetails)), None)

    @property
    def failing_findings(self) -> tuple[Finding, ...]:
        threshold = self.config.fail_on
        forced = self.forced_rules
        return tuple(
            f
            for f in self.findings
            if (threshold is not None and f.severity.at_least(threshold)) or forced.intersection(f.rule_ids)
        )

    @property
    def incomplete_reason(self) -> str | None:
        """Why the review could not complete, or None when it did."""
        closed = [r for r in self.analyzers if r.fail_closed]
        if closed:
            return "; ".join(f"{r.name} failed and is configured to fail the run: {r.detail}" for r in closed)
        reviewers = [r for r in self.analyzers if not r.supporting]
        ran = [r for r in reviewers if r.status is AnalyzerStatus.OK]
        failed = [r for r in reviewers if r.status is AnalyzerStatus.FAILED]
        if failed and not ran:
            return "no analyzer could review the code: " + "; ".join(f"{r.name}: {r.detail}" for r in failed)
        return None

    @property
    def exit_code(self) -> ExitCode:
        if self.incomplete_reason is not None:
            return ExitCode.RUNTIME
        return ExitCode.FINDINGS if self.failing_findings else ExitCode.OK

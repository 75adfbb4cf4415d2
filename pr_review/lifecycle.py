"""One review run, whichever command starts it: the audit trail opened beside the results, the
start recorded, the change's final outcome (reviewed, triaged, guarded) reported by each reporter
in turn, the end recorded, then the steps that need the finished trail's head.

A command supplies only the source of the change (a local git repository or diff, a GitHub pull
request, or the findings.json another job uploaded) and its reporters (report/reporter.py). Any
failure between the start and the end still ends the trail: error, then run_finished."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pr_review.analyzers.base import NO_PRIOR, AnalyzerContext, Credentials, PriorReview
from pr_review.audit import AuditSink
from pr_review.config import Config
from pr_review.errors import ExitCode
from pr_review.gather.change import Change, ReviewTarget
from pr_review.outcome import ReviewOutcome
from pr_review.pipeline import finish, review
from pr_review.progress import Progress
from pr_review.registry import build_analyzers
from pr_review.report.audit_events import record_outcome, record_run_started
from pr_review.report.files import AUDIT_FILE
from pr_review.report.reporter import FinalStep, Reporter
from pr_review.session import finished_on_failure, open_audit
from pr_review.triage.dismiss import Dismissals, NoDismissals
from pr_review.trust import BaseTree, pin_to_base, protected_paths

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunStart:
    """What `run_started` records about a run."""

    target: ReviewTarget
    pr: int | None
    config: Config
    actor: str
    trigger: str
    purpose: str
    artifact_audit_head: str | None = None  # publish: the uploaded trail's chain head


class ChangeSource(Protocol):
    """Where a run's outcome comes from, read and configured before the audit trail opens."""

    @property
    def start(self) -> RunStart: ...

    def outcome(self, audit: AuditSink, progress: Progress) -> ReviewOutcome:
        """The final outcome, through the pipeline to its last stage (pipeline.finish)."""


@dataclass(frozen=True)
class ChangeReview:
    """A change reviewed here (`scan`, `run`), with rules and instructions as they are at the base
    (trust.py)."""

    start: RunStart
    change: Change
    base: BaseTree
    credentials: Credentials
    environ: Mapping[str, str]
    repo_root: Path | None
    config_file: Path | None
    dismissals: Dismissals = field(default_factory=NoDismissals)
    prior: PriorReview = NO_PRIOR  # what the last review of the pull request left (incremental review)

    def outcome(self, audit: AuditSink, progress: Progress) -> ReviewOutcome:
        config = self.start.config
        with tempfile.TemporaryDirectory(prefix="pr-review-base-") as pinned_dir:
            pinned = pin_to_base(config, self.base, Path(pinned_dir), self.repo_root)
            return review(
                self.change,
                pinned.config,
                build_analyzers(AnalyzerContext(self.credentials, self.environ, pinned.instructions)),
                progress,
                repo_root=self.repo_root,
                audit=audit,
                protected_paths=protected_paths(pinned, config, self.config_file, self.repo_root),
                dismissals=self.dismissals,
                prior=self.prior,
            )


@dataclass(frozen=True)
class UploadedOutcome:
    """An outcome another job reviewed (`publish`): only the pipeline's last stages run here."""

    start: RunStart
    uploaded: ReviewOutcome
    dismissals: Dismissals

    def outcome(self, audit: AuditSink, progress: Progress) -> ReviewOutcome:
        return finish(self.uploaded, self.dismissals, audit)


@dataclass(frozen=True)
class ReviewRun:
    source: ChangeSource
    reporters: Sequence[Reporter]
    progress: Progress
    environ: Mapping[str, str]
    out_dir: Path | None  # the audit trail goes here; None: no trail (a local scan without --out)
    checkout: Path | None  # the pull request's files: out_dir must not be planted there
    audit_file: str = AUDIT_FILE
    finding_status: str = "new"  # "existing": findings another run reported (publish)
    final_steps: Sequence[FinalStep] = ()

    def execute(self) -> tuple[ExitCode, str | None]:
        """The exit code and the finished audit trail's chain head (None without a trail)."""
        start = self.source.start
        with open_audit(self.out_dir, self.environ, checkout=self.checkout, name=self.audit_file) as audit:
            record_run_started(
                audit,
                start.target,
                start.pr,
                start.config,
                actor=start.actor,
                trigger=start.trigger,
                purpose=start.purpose,
                artifact_audit_head=start.artifact_audit_head,
            )
            with finished_on_failure(audit):
                outcome = self.source.outcome(audit, self.progress)
                reports = [reporter.report(outcome, audit) for reporter in self.reporters]
            for report in reports:
                logger.info("%s", report.did)
            exit_code = ExitCode.RUNTIME if any(r.fails_run for r in reports) else outcome.exit_code
            record_outcome(audit, outcome, exit_code, status=self.finding_status)
            for step in self.final_steps:
                step.finished(audit.head)
        return exit_code, audit.head

"""Reporters for the Actions job itself: the job summary, the step outputs and the annotations on
the changed files. They say what the pull request reporter did, when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pr_review.audit import AuditSink
from pr_review.github import actions
from pr_review.github.actions import ActionsEnvironment
from pr_review.github.publish import RESULTS_FILES, GitHubReporter, PublishResult
from pr_review.models import CodeLocation, Severity
from pr_review.report.markdown import render_summary
from pr_review.report.reporter import Reported

# GitHub refuses a job summary over 1 MiB (per step); a character is at most 4 bytes of UTF-8, and
# the audit head line is appended after the summary.
JOB_SUMMARY_BUDGET = (1024 * 1024 - 4096) // 4
ANNOTATION_MESSAGE_LIMIT = 1_000  # the message of one annotation; the rest is in the summary

if TYPE_CHECKING:
    from pr_review.outcome import ReviewOutcome


def _published(github: GitHubReporter | None) -> PublishResult | None:
    return github.published if github is not None else None


class JobSummaryReporter:
    def __init__(self, environment: ActionsEnvironment, github: GitHubReporter | None) -> None:
        self.environment, self.github = environment, github

    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        published = _published(self.github)
        placement = dict(published.placement) if published is not None else None
        extra = (
            [f"\n> [!NOTE]\n> Nothing was posted on the pull request: {published.write_denied}"]
            if (published is not None and published.write_denied)
            else []
        )
        summary = render_summary(
            outcome, placement=placement, extra=extra, budget=JOB_SUMMARY_BUDGET, elsewhere=RESULTS_FILES
        )
        actions.append_step_summary(self.environment.step_summary, summary)
        return Reported("appended the job summary")


class StepOutputsReporter:
    def __init__(self, environment: ActionsEnvironment, results_dir: Path, github: GitHubReporter | None) -> None:
        self.environment, self.results_dir, self.github = environment, results_dir, github

    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        published = _published(self.github)
        counts = outcome.counts()
        actions.write_outputs(
            self.environment.output,
            {
                "findings-count": str(len(outcome.findings)),
                "high-count": str(counts[Severity.HIGH] + counts[Severity.CRITICAL]),
                "escalated": "true" if published is not None and published.escalated else "false",
                "results-dir": str(self.results_dir),
            },
        )
        return Reported("wrote the step outputs")


class AnnotationsReporter:
    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        """`::error`/`::warning` lines on the changed files, capped, every value escaped."""
        located = [(f, f.location) for f in outcome.findings if isinstance(f.location, CodeLocation) and f.in_diff]
        shown = located[: outcome.config.github.max_annotations]
        for finding, location in shown:
            level = "error" if finding.severity.at_least(Severity.HIGH) else "warning"
            message = f"{finding.title} ({', '.join(finding.cwe) or 'no CWE'}; {', '.join(finding.sources)})"
            if len(message) > ANNOTATION_MESSAGE_LIMIT:
                message = message[: ANNOTATION_MESSAGE_LIMIT - 1] + "…"
            print(
                actions.annotation(
                    level,
                    message,
                    file=location.path,
                    line=location.start_line,
                    title=f"pr-review: {finding.severity.value}",
                ),
                flush=True,
            )
        return Reported(f"annotated {len(shown)} finding(s)")


def actions_reporters(
    environment: ActionsEnvironment, results_dir: Path, github: GitHubReporter | None
) -> list[JobSummaryReporter | StepOutputsReporter | AnnotationsReporter]:
    """The job's own reports, after the pull request's (they say where each finding was posted)."""
    return [
        JobSummaryReporter(environment, github),
        StepOutputsReporter(environment, results_dir, github),
        AnnotationsReporter(),
    ]

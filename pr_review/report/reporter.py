"""A reporter: one way a run reports its final outcome (files, the terminal, the pull request, the
Actions job summary and step outputs). Reporters run in order after the pipeline, on an outcome
nothing changes any more (lifecycle.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pr_review.audit import AuditSink
from pr_review.outcome import ReviewOutcome


@dataclass(frozen=True, slots=True)
class Reported:
    """What a reporter did, for the log; `fails_run`: it could not do what the run is for (exit 3)."""

    did: str
    fails_run: bool = False


class Reporter(Protocol):
    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        """Report the final outcome; what is posted somewhere is recorded in `audit`."""


class FinalStep(Protocol):
    """Something a reporter does once the audit trail is finished: it needs the trail's head."""

    def finished(self, audit_head: str | None) -> None: ...

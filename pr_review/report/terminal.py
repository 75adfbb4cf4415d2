"""The terminal reporter of `scan`: the outcome on stdout in the format asked for."""

from __future__ import annotations

import sys

from rich.console import Console

from pr_review.audit import AuditSink
from pr_review.outcome import ReviewOutcome
from pr_review.progress import Progress
from pr_review.report.document import outcome_to_json
from pr_review.report.files import dump_json
from pr_review.report.markdown import render_summary
from pr_review.report.reporter import Reported
from pr_review.report.sarif import to_sarif
from pr_review.report.text import print_text

FORMATS = ("text", "json", "sarif", "markdown")


class TerminalReporter:
    def __init__(self, output_format: str, progress: Progress) -> None:
        self.output_format, self.progress = output_format, progress

    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        if self.output_format == "json":
            sys.stdout.write(dump_json(outcome_to_json(outcome)))
        elif self.output_format == "sarif":
            sys.stdout.write(dump_json(to_sarif(outcome)))
        elif self.output_format == "markdown":
            sys.stdout.write(render_summary(outcome))
        else:
            print_text(outcome, Console(highlight=False, soft_wrap=True))
        if outcome.incomplete_reason:
            self.progress.note(f"review incomplete: {outcome.incomplete_reason}")
        return Reported(f"printed the outcome as {self.output_format}")

"""Terminal output: findings grouped by file, severity-coloured on a TTY, plain otherwise."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape

from pr_review.models import CodeLocation, Finding, Severity
from pr_review.outcome import ReviewOutcome
from pr_review.progress import STATUS_STYLE
from pr_review.report.markdown import NOTHING_TO_REVIEW, nothing_to_review

_COLOUR = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def _group(finding: Finding) -> str:
    return finding.location.path if isinstance(finding.location, CodeLocation) else "(web)"


def print_text(outcome: ReviewOutcome, console: Console) -> None:
    findings = sorted(outcome.findings, key=lambda f: (_group(f), -f.severity.rank))
    for path, group in groupby(findings, key=_group):
        console.print(f"\n[bold]{escape(path)}[/]")
        for finding in group:
            line = finding.location.start_line if isinstance(finding.location, CodeLocation) else 0
            cwe = ", ".join(finding.cwe)
            sources = "+".join(finding.sources)
            console.print(
                f"  [{_COLOUR[finding.severity]}]{finding.severity.value.upper():8}[/] "
                f"line {line:<5} {escape(finding.title)}  [dim]{escape(cwe)} · {escape(sources)}[/]",
                highlight=False,
            )
            if finding.rule_ids:
                console.print(f"           [dim]{escape(', '.join(finding.rule_ids))}[/]", highlight=False)
    console.print()
    for result in outcome.analyzers:
        console.print(
            f"[{STATUS_STYLE[result.status]}]{result.name}: {result.status.value}[/] — {escape(result.detail)}",
            highlight=False,
        )
    if outcome.not_reviewed:
        console.print(f"not reviewed: {len(outcome.not_reviewed)} file(s)")
        for item in outcome.not_reviewed:
            console.print(f"  {escape(item.path)}: {escape(item.reason)}", highlight=False)
    if outcome.suppressed:
        console.print(f"suppressed: {len(outcome.suppressed)} finding(s), never silently")
        for decided in outcome.suppressed:
            location = decided.finding.location
            where = f"{location.path}:{location.start_line}" if isinstance(location, CodeLocation) else "(web)"
            console.print(
                f"  {escape(where)} {escape(decided.finding.title)} — {decided.kind.value} by "
                f"{escape(decided.by)}: {escape(decided.reason)}",
                highlight=False,
            )
    for note in outcome.triage_notes:
        console.print(f"[yellow]triage:[/] {escape(note.message)}", highlight=False)
    if nothing_to_review(outcome):
        console.print(NOTHING_TO_REVIEW, highlight=False)
    counts = ", ".join(f"{n} {s.value}" for s, n in outcome.counts().items() if n) or "no findings"
    console.print(f"\n[bold]{len(outcome.findings)} finding(s)[/]: {counts}", highlight=False)
    if outcome.incomplete_reason:
        console.print(f"[red]review incomplete:[/] {escape(outcome.incomplete_reason)}", highlight=False)

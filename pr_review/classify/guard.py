"""The output leak guard, the pipeline's last step: no secret or personal value in any text a
reporter writes or posts, whichever analyzer quoted it and whether the outcome was reviewed here or
uploaded by another job."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from pr_review import audit_events as events
from pr_review.audit import AuditSink
from pr_review.classify.detect import guard_output
from pr_review.models import Finding
from pr_review.outcome import ReviewOutcome
from pr_review.text.sanitize import defuse_markers


def guarded_finding(finding: Finding, audit: AuditSink, known_secrets: Collection[str]) -> Finding:
    """The finding with every value the guard detects masked; each leak is an audit anomaly."""

    def guard(name: str, text: str) -> tuple[str, bool]:
        guarded, anomalies = guard_output(text, known_values=known_secrets)
        for anomaly in anomalies:
            events.anomaly(audit, kind="output-leak", detail=f"{name}: {anomaly}", path=finding.path)
        return guarded, bool(anomalies)

    fix = finding.suggested_fix
    if fix is not None and guard("suggested_fix", fix)[1]:
        fix = None  # a masked fix would be wrong code: drop the suggestion instead
    return replace(
        finding,
        title=guard("title", finding.title)[0],
        description=guard("description", finding.description)[0],
        exploit_scenario=guard("exploit_scenario", finding.exploit_scenario)[0],
        recommendation=guard("recommendation", finding.recommendation)[0],
        evidence=defuse_markers(guard("evidence", finding.evidence)[0]),
        suggested_fix=fix,
    )


def guard_outcome(outcome: ReviewOutcome, audit: AuditSink) -> ReviewOutcome:
    """Findings and the findings dismissed or suppressed, guarded against the change's own secrets."""
    known = outcome.sensitive_values
    return replace(
        outcome,
        findings=tuple(guarded_finding(f, audit, known) for f in outcome.findings),
        suppressed=tuple(replace(s, finding=guarded_finding(s.finding, audit, known)) for s in outcome.suppressed),
    )

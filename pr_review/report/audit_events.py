"""What a run records in the audit trail, from its start and its outcome."""

from __future__ import annotations

import getpass
import re

from pr_review import __version__
from pr_review import audit_events as events
from pr_review.analyzers.base import AnalyzerStatus
from pr_review.audit import AuditSink
from pr_review.classify.view import ModelView
from pr_review.config import Config
from pr_review.errors import ExitCode
from pr_review.gather.change import ReviewTarget
from pr_review.models import CodeLocation, Finding
from pr_review.outcome import ReviewOutcome

_FULL_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_STATUS = {ExitCode.OK: "ok", ExitCode.FINDINGS: "findings"}


def _sha_or_none(value: str) -> str | None:
    return value if _FULL_SHA.match(value) else None


def local_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def record_run_started(
    audit: AuditSink,
    target: ReviewTarget,
    pr: int | None,
    config: Config,
    *,
    actor: str,
    trigger: str,
    purpose: str,
    artifact_audit_head: str | None = None,
) -> None:
    """`artifact_audit_head`: for `publish`, the chain head of the uploaded results' audit.jsonl."""
    events.run_started(
        audit,
        actor=actor,
        repository=target.repository,
        pr=pr,
        head_sha=_sha_or_none(target.head),
        base_sha=_sha_or_none(target.base),
        trigger=trigger,
        purpose=purpose,
        tool_version=__version__,
        config_sha256=config.sha256,
        artifact_audit_head=artifact_audit_head,
    )


def _record_finding(audit: AuditSink, finding: Finding, status: str) -> None:
    location = finding.location
    events.finding(
        audit,
        fingerprint=finding.fingerprint,
        severity=finding.severity.value,
        sources=finding.sources,
        rule_ids=finding.rule_ids,
        path=location.path if isinstance(location, CodeLocation) else None,
        line=location.start_line if isinstance(location, CodeLocation) else None,
        status=status,
    )


def record_outcome(audit: AuditSink, outcome: ReviewOutcome, exit_code: ExitCode, *, status: str = "new") -> None:
    for result in outcome.analyzers:
        if result.status is AnalyzerStatus.FAILED:
            events.error(audit, stage=f"analyzer:{result.name}", message=result.detail or "failed")
    for finding in outcome.findings:
        _record_finding(audit, finding, status)
    for decided in outcome.suppressed:
        finding, dismissed = decided.finding, decided.kind.value == "dismissed"
        record = events.dismissal if dismissed else events.suppression
        record(
            audit,
            fingerprint=finding.fingerprint,
            by=decided.by or "unknown",
            reason=decided.reason,
            kind=decided.kind.value,
        )
        _record_finding(audit, finding, "dismissed" if dismissed else "suppressed")
    for note in outcome.triage_notes:
        events.anomaly(audit, kind=f"triage:{note.kind.value}", detail=note.message, path=None)
    events.run_finished(
        audit,
        status=_STATUS.get(exit_code, "failed"),
        exit_code=int(exit_code),
        duration_s=round(outcome.duration_s, 3),
        counts={severity.value: count for severity, count in outcome.counts().items()},
    )


_POLICY_CLASS = re.compile(r"classification\.policy\.([a-z0-9-]+)")


def record_classification(audit: AuditSink, view: ModelView) -> None:
    """Per file: which data classes were found and what the policy did before any model request."""
    redacted: dict[str, set[str]] = {}
    for redaction in view.redactions:
        redacted.setdefault(redaction.path, set()).add(redaction.data_class)
    for path, model_file in sorted(view.files.items()):
        found = set(model_file.classes) | redacted.get(path, set())
        if found:
            action = "redact" if path in redacted else "allow"
            events.classification(audit, path=path, classes=sorted(found), action=action)
    for item in view.withheld:
        classes = sorted(set(_POLICY_CLASS.findall(item.reason)))
        events.classification(audit, path=item.path, classes=classes, action="block")
    for anomaly in view.anomalies:
        events.anomaly(audit, kind="untrusted-input", detail=anomaly[:2000], path=None)

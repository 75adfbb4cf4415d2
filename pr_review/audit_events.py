"""The audit trail's events: one typed function per AuditEvent, the only place that names their data.

Every stage records through these functions, never with a raw event name, so an event's keys are
written in one place and checked by mypy; the line is still validated against
schemas/audit-event.schema.json when it is written (pr_review.audit.AuditLog.record).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pr_review.audit import AuditEvent, AuditSink


def run_started(
    audit: AuditSink,
    *,
    actor: str,
    repository: str | None,
    pr: int | None,
    head_sha: str | None,
    base_sha: str | None,
    trigger: str,
    purpose: str,
    tool_version: str,
    config_sha256: str,
    artifact_audit_head: str | None = None,
) -> None:
    """`artifact_audit_head`: for `publish`, the chain head of the uploaded results' audit.jsonl."""
    audit.record(
        AuditEvent.RUN_STARTED,
        **({"artifact_audit_head": artifact_audit_head} if artifact_audit_head is not None else {}),
        actor=actor,
        repository=repository,
        pr=pr,
        head_sha=head_sha,
        base_sha=base_sha,
        trigger=trigger,
        purpose=purpose,
        tool_version=tool_version,
        config_sha256=config_sha256,
    )


def classification(audit: AuditSink, *, path: str, classes: Sequence[str], action: str) -> None:
    audit.record(AuditEvent.CLASSIFICATION, path=path, classes=list(classes), action=action)


def model_request(
    audit: AuditSink,
    *,
    provider: str,
    region: str | None,
    model: str,
    system_sha256: str,
    request_sha256: str,
    input_tokens: int,
    classes_sent: Sequence[str],
    chunk: int,
    content: str | None = None,
) -> None:
    """`content`: the prompt text itself, only when the configuration stores prompts."""
    audit.record(
        AuditEvent.MODEL_REQUEST,
        provider=provider,
        region=region,
        model=model,
        system_sha256=system_sha256,
        request_sha256=request_sha256,
        input_tokens=input_tokens,
        classes_sent=list(classes_sent),
        chunk=chunk,
        **({"content": content} if content is not None else {}),
    )


def model_response(
    audit: AuditSink,
    *,
    response_sha256: str,
    stop_reason: str | None,
    input_tokens: int,
    output_tokens: int,
    findings: int,
    model: str,
    chunk: int,
) -> None:
    """One answer of the model, to the last model_request of the same chunk (a request's lookup
    turns are sequential)."""
    audit.record(
        AuditEvent.MODEL_RESPONSE,
        response_sha256=response_sha256,
        stop_reason=stop_reason,
        usage={"input_tokens": input_tokens, "output_tokens": output_tokens},
        findings=findings,
        model=model,
        chunk=chunk,
    )


def model_output(
    audit: AuditSink,
    *,
    chunk: int,
    response_sha256: str,
    returned: int,
    accepted: int,
    dropped: Mapping[str, int],
    items: Sequence[Mapping[str, object]],
) -> None:
    """What was dropped from one answer, by reason and by item."""
    audit.record(
        AuditEvent.MODEL_OUTPUT,
        chunk=chunk,
        response_sha256=response_sha256,
        returned=returned,
        accepted=accepted,
        dropped=dict(dropped),
        items=[dict(item) for item in items],
    )


_MAX_ARGUMENT_CHARS = 300
_MAX_ARGUMENTS = 8  # the tools take four; a model may send more


def tool_call(
    audit: AuditSink,
    *,
    chunk: int,
    tool: str,
    arguments: Mapping[str, object],
    tree: str,
    bytes_returned: int,
    result_sha256: str,
    redactions: int,
    refused: str | None,
) -> None:
    """One lookup by the model: what it asked (long text values cut), and the answer by digest."""
    audit.record(
        AuditEvent.TOOL_CALL,
        chunk=chunk,
        tool=tool[:200],
        arguments={
            str(k)[:64]: v[:_MAX_ARGUMENT_CHARS] if isinstance(v, str) else v
            for k, v in list(arguments.items())[:_MAX_ARGUMENTS]
            if isinstance(v, str | int | float | bool) or v is None
        },
        tree=tree,
        bytes_returned=bytes_returned,
        result_sha256=result_sha256,
        redactions=redactions,
        refused=refused,
    )


def model_review(
    audit: AuditSink,
    *,
    mode: str,
    reviewed: Sequence[str],
    carried: Sequence[Mapping[str, str]],
    over_budget: Sequence[str],
    input_tokens: int,
    output_tokens: int,
    cache_read_tokens: int,
    cache_write_tokens: int,
    full_review_tokens: int,
    cost_usd: float | None,
    state_origin: str | None,
) -> None:
    """One Claude review: what it sent, what it carried forward from which run, what it cost."""
    audit.record(
        AuditEvent.MODEL_REVIEW,
        mode=mode,
        reviewed=list(reviewed),
        carried=[dict(c) for c in carried],
        over_budget=list(over_budget),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_read_tokens=cache_read_tokens,
        cache_write_tokens=cache_write_tokens,
        full_review_tokens=full_review_tokens,
        cost_usd=cost_usd,
        state_origin=state_origin,
    )


def finding(
    audit: AuditSink,
    *,
    fingerprint: str,
    severity: str,
    sources: Sequence[str],
    rule_ids: Sequence[str],
    path: str | None,
    line: int | None,
    status: str,
) -> None:
    audit.record(
        AuditEvent.FINDING,
        fingerprint=fingerprint,
        severity=severity,
        sources=list(sources),
        rule_ids=list(rule_ids),
        path=path,
        line=line,
        status=status,
    )


def action(audit: AuditSink, *, kind: str, id: int | str, url: str | None = None) -> None:
    """Something the run did on the forge: a review, a comment, a reply, the summary, a label."""
    audit.record(AuditEvent.ACTION, kind=kind, id=id, **({"url": url} if url is not None else {}))


def anomaly(audit: AuditSink, *, kind: str, detail: str, path: str | None) -> None:
    audit.record(AuditEvent.ANOMALY, kind=kind, detail=detail, path=path)


def error(audit: AuditSink, *, stage: str, message: str) -> None:
    audit.record(AuditEvent.ERROR, stage=stage, message=message)


def run_finished(
    audit: AuditSink, *, status: str, exit_code: int, duration_s: float, counts: Mapping[str, int]
) -> None:
    audit.record(
        AuditEvent.RUN_FINISHED, status=status, exit_code=exit_code, duration_s=duration_s, counts=dict(counts)
    )


def suppression(audit: AuditSink, *, fingerprint: str, by: str, reason: str, kind: str) -> None:
    audit.record(AuditEvent.SUPPRESSION, fingerprint=fingerprint, by=by, reason=reason, kind=kind)


def dismissal(audit: AuditSink, *, fingerprint: str, by: str, reason: str, kind: str) -> None:
    audit.record(AuditEvent.DISMISSAL, fingerprint=fingerprint, by=by, reason=reason, kind=kind)

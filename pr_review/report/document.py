"""findings.json: the machine-readable outcome, checked against schemas/report.schema.json."""

from __future__ import annotations

from typing import Any

from pr_review import __version__
from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus
from pr_review.config import Config
from pr_review.errors import UsageError
from pr_review.gather.change import PullRequestMeta, ReviewTarget
from pr_review.models import CodeLocation, Finding, Fingerprint, Location, Severity, WebLocation
from pr_review.outcome import ReviewOutcome
from pr_review.scope import NotReviewed
from pr_review.triage.model import DecisionKind, NoteKind, Suppressed, TriageNote
from pr_review.validate import schema_errors


def location_to_json(location: Location) -> dict[str, Any]:
    match location:
        case CodeLocation(path=path, start_line=start, end_line=end):
            return {"path": path, "start_line": start, "end_line": end}
        case WebLocation(url=url, method=method, param=param):
            return {"url": url, "method": method, "param": param}


def finding_to_json(finding: Finding) -> dict[str, Any]:
    document: dict[str, Any] = {
        "fingerprint": finding.fingerprint,
        "sources": list(finding.sources),
        "rule_ids": list(finding.rule_ids),
        "title": finding.title,
        "severity": finding.severity.value,
        "confidence": round(finding.confidence, 3),
        "cwe": list(finding.cwe),
        "location": location_to_json(finding.location),
        "in_diff": finding.in_diff,
        "description": finding.description,
        "exploit_scenario": finding.exploit_scenario,
        "recommendation": finding.recommendation,
        "suggested_fix": finding.suggested_fix,
        "evidence": finding.evidence,
        "help_uri": finding.help_uri,
    }
    if finding.extra_locations:
        document["extra_locations"] = [location_to_json(loc) for loc in finding.extra_locations]
    return document


def outcome_to_json(outcome: ReviewOutcome) -> dict[str, Any]:
    meta = {key: value for result in outcome.analyzers for key, value in result.metadata}
    return {
        "schema_version": 1,
        "tool": {
            "name": "pr-review",
            "version": __version__,
            "prompt_sha256": meta.get("prompt_sha256"),
            "config_sha256": outcome.config.sha256,
            "instructions_sha256": meta.get("instructions_sha256"),
        },
        "target": {
            "repository": outcome.target.repository,
            "base": outcome.target.base,
            "head": outcome.target.head,
            "pull_request": outcome.pr.number,
        },
        "findings": [finding_to_json(f) for f in outcome.findings],
        "suppressed": [
            {"finding": finding_to_json(s.finding), "kind": s.kind.value, "reason": s.reason, "by": s.by}
            for s in outcome.suppressed
        ],
        "triage_notes": [
            {"kind": n.kind.value, "message": n.message, "fingerprint": n.fingerprint} for n in outcome.triage_notes
        ],
        "analyzers": [
            {
                "name": r.name,
                "status": r.status.value,
                "detail": r.detail,
                "duration_s": round(r.duration_s, 3),
                "findings": len(r.findings),
                "metadata": dict(r.metadata),
            }
            for r in outcome.analyzers
        ],
        "not_reviewed": [
            {"path": n.path, "reason": n.reason, **({"analyzer": n.analyzer} if n.analyzer else {})}
            for n in outcome.not_reviewed
        ],
        "reviewed_files": list(outcome.reviewed_files),
        "duration_s": round(outcome.duration_s, 3),
        "counts": {severity.value: count for severity, count in outcome.counts().items()},
        "fail_on": outcome.config.fail_on.value if outcome.config.fail_on else "none",
        "failed_threshold": bool(outcome.failing_findings),
    }


def _location_from_json(document: dict[str, Any]) -> Location:
    if "path" in document:
        return CodeLocation(document["path"], document["start_line"], document["end_line"])
    return WebLocation(document["url"], document.get("method", ""), document.get("param", ""))


def finding_from_json(document: dict[str, Any]) -> Finding:
    return Finding(
        fingerprint=Fingerprint(document["fingerprint"]),
        sources=tuple(document["sources"]),
        rule_ids=tuple(document["rule_ids"]),
        title=document["title"],
        severity=Severity(document["severity"]),
        confidence=float(document["confidence"]),
        cwe=tuple(document["cwe"]),
        location=_location_from_json(document["location"]),
        in_diff=bool(document["in_diff"]),
        description=document.get("description", ""),
        exploit_scenario=document.get("exploit_scenario", ""),
        recommendation=document.get("recommendation", ""),
        suggested_fix=document.get("suggested_fix"),
        evidence=document.get("evidence", ""),
        help_uri=document.get("help_uri", ""),
        extra_locations=tuple(_location_from_json(loc) for loc in document.get("extra_locations", [])),
    )


def outcome_from_json(document: Any, config: Config, *, source: str) -> ReviewOutcome:
    """A findings.json written by `pr-review run --no-post`, read back for `publish`.

    The file comes from a job that ran the pull request's code: it is data to check, not trust.
    """
    errors = schema_errors(document, "report.schema.json")
    if errors:
        raise UsageError(f"{source} is not a valid findings.json: {errors[0]}")
    target = document["target"]
    analyzers = tuple(
        AnalyzerResult(
            a["name"],
            AnalyzerStatus(a["status"]),
            detail=a["detail"],
            duration_s=a["duration_s"],
            metadata=tuple((str(k), str(v)) for k, v in a.get("metadata", {}).items() if v is not None),
        )
        for a in document["analyzers"]
    )
    return ReviewOutcome(
        target=ReviewTarget(target["repository"], target["base"], target["head"]),
        config=config,
        pr=PullRequestMeta(number=target.get("pull_request")),
        findings=tuple(finding_from_json(f) for f in document["findings"]),
        analyzers=analyzers,
        reviewed_files=tuple(document.get("reviewed_files", [])),
        not_reviewed=tuple(
            NotReviewed(n["path"], n["reason"], n.get("analyzer", "")) for n in document["not_reviewed"]
        ),
        duration_s=float(document.get("duration_s", 0.0)),
        suppressed=tuple(
            Suppressed(finding_from_json(s["finding"]), DecisionKind(s["kind"]), s["reason"], s.get("by", ""))
            for s in document.get("suppressed", [])
        ),
        triage_notes=tuple(
            TriageNote(NoteKind(n["kind"]), n["message"], n.get("fingerprint", ""))
            for n in document.get("triage_notes", [])
        ),
    )

"""findings.json: the machine-readable outcome, checked against schemas/report.schema.json."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pr_review import __version__
from pr_review.models import CodeLocation, Finding, Location, WebLocation

if TYPE_CHECKING:
    from pr_review.pipeline import ReviewOutcome


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
        "counts": {severity.value: count for severity, count in outcome.counts().items()},
        "fail_on": outcome.config.fail_on.value if outcome.config.fail_on else "none",
        "failed_threshold": bool(outcome.failing_findings),
    }

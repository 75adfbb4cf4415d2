"""SARIF 2.1.0 for GitHub code scanning: one rule per rule id, partialFingerprints for dedupe."""

from __future__ import annotations

from typing import Any, assert_never

from pr_review import __version__
from pr_review.models import CodeLocation, Finding, Severity, WebLocation
from pr_review.outcome import ReviewOutcome
from pr_review.triage.model import DecisionKind

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_level(severity: Severity) -> str:
    match severity:
        case Severity.CRITICAL | Severity.HIGH:
            return "error"
        case Severity.MEDIUM:
            return "warning"
        case Severity.LOW | Severity.INFO:
            return "note"
        case _:
            assert_never(severity)


def security_severity(severity: Severity) -> str:
    """GitHub buckets: ≥9 critical, ≥7 high, ≥4 medium, >0 low."""
    match severity:
        case Severity.CRITICAL:
            return "9.5"
        case Severity.HIGH:
            return "8.0"
        case Severity.MEDIUM:
            return "5.5"
        case Severity.LOW:
            return "3.0"
        case Severity.INFO:
            return "0.5"
        case _:
            assert_never(severity)


def _rule_id(finding: Finding) -> str:
    return finding.rule_ids[0] if finding.rule_ids else (finding.cwe[0] if finding.cwe else "pr-review")


def _rule(finding: Finding) -> dict[str, Any]:
    tags = ["security", *(f"external/cwe/{c.lower()}" for c in finding.cwe), *finding.sources]
    rule: dict[str, Any] = {
        "id": _rule_id(finding),
        "name": _rule_id(finding).rsplit(".", 1)[-1],
        "shortDescription": {"text": finding.title[:1000]},
        "fullDescription": {"text": (finding.description or finding.title)[:4000]},
        "help": {"text": (finding.recommendation or finding.description or finding.title)[:4000]},
        "defaultConfiguration": {"level": sarif_level(finding.severity)},
        "properties": {
            "tags": list(dict.fromkeys(tags)),
            "security-severity": security_severity(finding.severity),
            "precision": "high" if finding.confidence >= 0.85 else "medium" if finding.confidence >= 0.6 else "low",
        },
    }
    if finding.help_uri:
        rule["helpUri"] = finding.help_uri
    return rule


def _location(finding: Finding) -> dict[str, Any]:
    match finding.location:
        case CodeLocation(path=path, start_line=start, end_line=end):
            return {
                "physicalLocation": {
                    "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": start, "endLine": max(start, end)},
                }
            }
        case WebLocation(url=url, method=method, param=param):
            return {
                "physicalLocation": {"artifactLocation": {"uri": url}},
                "message": {"text": " ".join(p for p in (method, url, param) if p)},
            }


def _result(finding: Finding, rules: dict[str, dict[str, Any]]) -> dict[str, Any]:
    rule_id = _rule_id(finding)
    if rule_id not in rules:
        rules[rule_id] = _rule(finding)
    return {
        "ruleId": rule_id,
        "ruleIndex": list(rules).index(rule_id),
        "level": sarif_level(finding.severity),
        "message": {"text": f"{finding.title}\n\n{finding.description}".strip()[:8000]},
        "locations": [_location(finding)],
        "partialFingerprints": {"prReviewFingerprint/v1": finding.fingerprint},
        "properties": {
            "sources": list(finding.sources),
            "confidence": finding.confidence,
            "in_diff": finding.in_diff,
        },
    }


def to_sarif(outcome: ReviewOutcome) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    results = [_result(finding, rules) for finding in outcome.findings]
    # Suppressed and dismissed findings stay in the log, marked, so code scanning shows them closed.
    for decided in outcome.suppressed:
        result = _result(decided.finding, rules)
        kind = "inSource" if decided.kind is DecisionKind.INLINE else "external"
        result["suppressions"] = [
            {"kind": kind, "status": "accepted", "justification": f"{decided.reason} ({decided.by})"[:1000]}
        ]
        results.append(result)
    notifications = [
        {"level": "note", "message": {"text": f"{n.path}: not reviewed: {n.reason}"}} for n in outcome.not_reviewed
    ]
    failures = [
        {"level": "error", "message": {"text": f"{r.name} {r.status.value}: {r.detail}"}}
        for r in outcome.analyzers
        if r.status.value == "failed"
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pr-review",
                        "version": __version__,
                        "informationUri": "https://github.com/pr-review/pr-review",
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": outcome.incomplete_reason is None,
                        "toolExecutionNotifications": failures,
                        "toolConfigurationNotifications": notifications,
                    }
                ],
            }
        ],
    }

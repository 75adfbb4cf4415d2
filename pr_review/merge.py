"""Merge and deduplicate findings from every analyzer into one list, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pr_review.models import CodeLocation, Finding, WebLocation


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def combine(first: Finding, second: Finding) -> Finding:
    """One issue seen twice: every source and rule kept, the higher severity wins."""
    lead, other = (first, second) if first.severity.rank >= second.severity.rank else (second, first)
    return replace(
        lead,
        sources=_union(lead.sources, other.sources),
        rule_ids=_union(lead.rule_ids, other.rule_ids),
        cwe=_union(lead.cwe, other.cwe),
        confidence=max(lead.confidence, other.confidence),
        in_diff=lead.in_diff or other.in_diff,
        help_uri=lead.help_uri or other.help_uri,
        suggested_fix=lead.suggested_fix or other.suggested_fix,
    )


def sort_key(finding: Finding) -> tuple[int, str, int, str]:
    match finding.location:
        case CodeLocation(path=path, start_line=line):
            return (-finding.severity.rank, path, line, finding.fingerprint)
        case WebLocation(url=url):
            return (-finding.severity.rank, url, 0, finding.fingerprint)


def merge(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    by_fingerprint: dict[str, Finding] = {}
    for finding in findings:
        known = by_fingerprint.get(finding.fingerprint)
        by_fingerprint[finding.fingerprint] = finding if known is None else combine(known, finding)
    return tuple(sorted(by_fingerprint.values(), key=sort_key))

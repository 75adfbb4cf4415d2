"""Merge the findings of every analyzer into one list of issues, in a stable order.

Two findings are one issue when their fingerprints match, or when they sit on the same file with
overlapping or nearby lines (`merge.line_slack`) and the same or a related CWE (findings without a
CWE: the same rule id). A ZAP finding joins a code finding only at exactly its mapped location.
Groups are closed transitively with union-find, so the result does not depend on input order.

Each group is led by the member first in a total order on (source priority, fingerprint): rule-based
sources first, because their fingerprint is deterministic and Claude's may vary between runs. The
merged issue keeps the lead's fingerprint, so a re-run (or a second source agreeing later) does not
re-post it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace

from pr_review.config import DEFAULT_LINE_SLACK
from pr_review.models import CodeLocation, Finding, Location, Source, WebLocation

MAX_CONFIDENCE = 0.99

# Sources whose fingerprint is deterministic come first: they lead a merged group.
SOURCE_PRIORITY: tuple[str, ...] = (
    Source.SEMGREP.value,
    Source.SECRETS.value,
    Source.PR_REVIEW.value,
    Source.ZAP.value,
    Source.CLAUDE.value,
)

# CWEs that name one weakness from different angles. Every CWE not listed is related to itself only.
CWE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"CWE-77", "CWE-78", "CWE-88"}),  # command / OS command / argument injection
    frozenset({"CWE-89", "CWE-564"}),  # SQL injection, Hibernate injection
    frozenset({"CWE-79", "CWE-80", "CWE-83"}),  # cross-site scripting
    frozenset({"CWE-22", "CWE-23", "CWE-36"}),  # path traversal
    frozenset({"CWE-502", "CWE-915"}),  # unsafe deserialization, mass assignment
    frozenset({"CWE-798", "CWE-259", "CWE-321"}),  # hard-coded credentials, password, key
    frozenset({"CWE-327", "CWE-328", "CWE-916"}),  # weak crypto, weak hash, weak password hash
    frozenset({"CWE-295", "CWE-297"}),  # certificate validation
    frozenset({"CWE-94", "CWE-95"}),  # code injection, eval injection
    frozenset({"CWE-611", "CWE-776"}),  # XML external entities, entity expansion
    frozenset({"CWE-330", "CWE-338"}),  # weak randomness
    frozenset({"CWE-1336", "CWE-97"}),  # template injection
)
_FAMILY_OF: dict[str, int] = {cwe: index for index, family in enumerate(CWE_FAMILIES) for cwe in family}


def cwe_family(cwe: str) -> str:
    """A key equal for related CWEs: the family's lowest-numbered member, else the CWE itself."""
    index = _FAMILY_OF.get(cwe.upper())
    if index is None:
        return cwe.upper()
    return min(CWE_FAMILIES[index], key=lambda c: int(c.removeprefix("CWE-")))


def related_cwe(first: Iterable[str], second: Iterable[str]) -> bool:
    return not {cwe_family(c) for c in first}.isdisjoint(cwe_family(c) for c in second)


def source_rank(source: str) -> int:
    return SOURCE_PRIORITY.index(source) if source in SOURCE_PRIORITY else len(SOURCE_PRIORITY)


def lead_key(finding: Finding) -> tuple[int, str, str]:
    """The total order that picks a group's lead: best source first, then the fingerprint (then
    everything else, so that even exact-duplicate fingerprints lead the same way every run)."""
    rank = min((source_rank(s) for s in finding.sources), default=len(SOURCE_PRIORITY))
    return (rank, finding.fingerprint, repr(finding))


def _code_locations(finding: Finding) -> tuple[CodeLocation, ...]:
    """Where a finding is in the code: its location, or for a web finding the code it was mapped to."""
    locations = (finding.location, *finding.extra_locations)
    return tuple(loc for loc in locations if isinstance(loc, CodeLocation))


def _is_web(finding: Finding) -> bool:
    return Source.ZAP.value in finding.sources or isinstance(finding.location, WebLocation)


def _near(a: CodeLocation, b: CodeLocation, slack: int) -> bool:
    return a.path == b.path and a.start_line <= b.end_line + slack and b.start_line <= a.end_line + slack


def _same_issue_kind(a: Finding, b: Finding) -> bool:
    if a.cwe and b.cwe:
        return related_cwe(a.cwe, b.cwe)
    return not set(a.rule_ids).isdisjoint(b.rule_ids)


def same_issue(a: Finding, b: Finding, *, line_slack: int = DEFAULT_LINE_SLACK) -> bool:
    if a.fingerprint == b.fingerprint:
        return True
    if not _same_issue_kind(a, b):
        return False
    if _is_web(a) or _is_web(b):  # web findings: only at the very code location they were mapped to
        return any(
            x.path == y.path and x.start_line == y.start_line for x in _code_locations(a) for y in _code_locations(b)
        )
    return any(_near(x, y, line_slack) for x in _code_locations(a) for y in _code_locations(b))


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def agreed_confidence(members: Sequence[Finding]) -> float:
    """Independent sources agreeing raise confidence: 1 - Π(1 - c) over each source's best, capped.

    Repeats within one source are not independent evidence: they keep the best confidence."""
    best: dict[str, float] = {}
    for finding in members:
        for source in finding.sources:
            best[source] = max(best.get(source, 0.0), finding.confidence)
    top = max(f.confidence for f in members)
    if len(best) < 2:
        return top
    combined = 1.0 - math.prod(1.0 - c for c in best.values())
    return max(top, min(MAX_CONFIDENCE, combined))


def combine(members: Sequence[Finding]) -> Finding:
    """One issue from a group: the lead's identity and place, every source and rule, the highest
    severity, Claude's explanation and Semgrep's rule link."""
    ordered = sorted(members, key=lead_key)
    lead = ordered[0]
    if len(ordered) == 1:
        return lead
    claude = next((f for f in ordered if Source.CLAUDE.value in f.sources), None)
    semgrep_link = next((f.help_uri for f in ordered if Source.SEMGREP.value in f.sources and f.help_uri), "")
    location = lead.location
    if isinstance(location, CodeLocation):  # the issue spans every line its sources flagged in that file
        here = [loc for f in ordered for loc in _code_locations(f) if loc.path == location.path]
        location = CodeLocation(location.path, min(x.start_line for x in here), max(x.end_line for x in here))
    extra: list[Location] = []
    for finding in ordered:
        for other in (finding.location, *finding.extra_locations):
            covered = (
                isinstance(other, CodeLocation) and isinstance(location, CodeLocation) and (other.path == location.path)
            )
            if other != location and not covered and other not in extra:
                extra.append(other)

    def explained(name: str) -> str:
        text: str = getattr(claude, name) if claude is not None else ""
        fallback = (str(getattr(f, name)) for f in ordered if getattr(f, name))
        return text or str(getattr(lead, name)) or next(fallback, "")

    return replace(
        lead,
        location=location,
        sources=_union(*(f.sources for f in ordered)),
        rule_ids=_union(*(f.rule_ids for f in ordered)),
        cwe=_union(*(f.cwe for f in ordered)),
        severity=max((f.severity for f in ordered), key=lambda s: s.rank),
        confidence=agreed_confidence(ordered),
        in_diff=any(f.in_diff for f in ordered),
        description=explained("description"),
        exploit_scenario=explained("exploit_scenario"),
        recommendation=explained("recommendation"),
        help_uri=semgrep_link or lead.help_uri or next((f.help_uri for f in ordered if f.help_uri), ""),
        # A suggestion replaces every commented line: only a fix made for exactly the merged span fits.
        suggested_fix=next((f.suggested_fix for f in ordered if f.suggested_fix and f.location == location), None),
        evidence=next((f.evidence for f in ordered if f.evidence), ""),
        extra_locations=tuple(extra),
    )


def sort_key(finding: Finding) -> tuple[int, str, int, str]:
    match finding.location:
        case CodeLocation(path=path, start_line=line):
            return (-finding.severity.rank, path, line, finding.fingerprint)
        case WebLocation(url=url):
            return (-finding.severity.rank, url, 0, finding.fingerprint)


def group(findings: Sequence[Finding], *, line_slack: int = DEFAULT_LINE_SLACK) -> list[list[Finding]]:
    """The findings partitioned into issues (union-find: transitive, independent of input order)."""
    items = sorted(findings, key=lead_key)
    sets = _UnionFind(len(items))
    by_path: dict[str, list[int]] = {}
    by_fingerprint: dict[str, int] = {}
    for index, finding in enumerate(items):
        if (first := by_fingerprint.setdefault(finding.fingerprint, index)) != index:
            sets.union(first, index)
        for path in dict.fromkeys(loc.path for loc in _code_locations(finding)):
            by_path.setdefault(path, []).append(index)
    for indexes in by_path.values():
        for i, a in enumerate(indexes):
            for b in indexes[i + 1 :]:
                if sets.find(a) != sets.find(b) and same_issue(items[a], items[b], line_slack=line_slack):
                    sets.union(a, b)
    groups: dict[int, list[Finding]] = {}
    for index, finding in enumerate(items):
        groups.setdefault(sets.find(index), []).append(finding)
    return list(groups.values())


def merge(findings: Iterable[Finding], *, line_slack: int = DEFAULT_LINE_SLACK) -> tuple[Finding, ...]:
    merged = (combine(members) for members in group(tuple(findings), line_slack=line_slack))
    return tuple(sorted(merged, key=sort_key))

"""Bodies of the inline comments and of the summary comment, and the hidden markers in them.

Everything a finding says may come from a model steered by the pull request, so every text field
is neutralised (report/sanitize.py) before it is put in a body.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from pr_review.models import Finding
from pr_review.report.markdown import SEVERITY_BADGE, cwe_link
from pr_review.report.sanitize import neutralise, safe_suggestion

SUMMARY_MARKER = "<!-- pr-review:summary -->"
_FINGERPRINT_MARKER = "<!-- pr-review:fingerprint={} -->"
_FINGERPRINT = re.compile(r"<!-- pr-review:fingerprint=([0-9a-f]{16,64}) -->")
_FINGERPRINT_LIST = re.compile(r"<!-- pr-review:fingerprints=([0-9a-f,]{0,200000}) -->")
_SOURCE_NAMES = {"claude": "Claude", "semgrep": "Semgrep", "zap": "ZAP", "secrets": "secrets", "pr-review": "pr-review"}


def fingerprint_marker(fingerprint: str) -> str:
    return _FINGERPRINT_MARKER.format(fingerprint)


def marked_fingerprint(body: str) -> str | None:
    match = _FINGERPRINT.search(body or "")
    return match.group(1) if match else None


def listed_fingerprints(body: str) -> frozenset[str]:
    """The fingerprints a previous summary comment recorded."""
    match = _FINGERPRINT_LIST.search(body or "")
    return frozenset(filter(None, match.group(1).split(","))) if match else frozenset()


def fingerprint_list(fingerprints: Iterable[str]) -> str:
    return f"<!-- pr-review:fingerprints={','.join(sorted(fingerprints))} -->"


def sources_text(finding: Finding) -> str:
    names = ", ".join(_SOURCE_NAMES.get(s, s) for s in finding.sources)
    rules = ", ".join(f"`{neutralise(r, max_len=120)}`" for r in finding.rule_ids if r != "claude")
    return names + (f" ({rules})" if rules else "")


def inline_body(finding: Finding, *, known_secrets: Collection[str] = (), suggest: bool = True) -> str:
    def clean(text: str, limit: int) -> str:
        return neutralise(text, max_len=limit, known_secrets=known_secrets)

    cwe = " · ".join(cwe_link(c) for c in finding.cwe)
    parts = [
        f"**{SEVERITY_BADGE[finding.severity]}** · **{clean(finding.title, 200)}**" + (f" · {cwe}" if cwe else ""),
        f"<sub>Found by {sources_text(finding)} · confidence {finding.confidence:.0%}</sub>",
    ]
    if finding.description:
        parts.append(clean(finding.description, 3000))
    if finding.exploit_scenario:
        parts.append(f"**Exploit scenario.** {clean(finding.exploit_scenario, 2000)}")
    if finding.recommendation:
        parts.append(f"**Recommendation.** {clean(finding.recommendation, 2000)}")
    if finding.help_uri:
        parts.append(clean(f"More: {finding.help_uri}", 300))
    fix = safe_suggestion(finding.suggested_fix, known_secrets=known_secrets) if finding.suggested_fix else None
    if suggest and fix is not None:
        parts.append(f"```suggestion\n{fix.rstrip(chr(10))}\n```")
    parts.append(fingerprint_marker(finding.fingerprint))
    return "\n\n".join(parts)

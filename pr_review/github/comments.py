"""Bodies of the inline comments and of the summary comment, and the hidden markers in them.

Everything a finding says may come from a model steered by the pull request, so every text field
is neutralised (text/sanitize.py) before it is put in a body: no text of ours can carry `<!--`
or `pr-review:` into a body. Each comment of ours carries exactly one marker, as its last line: an
inline comment its fingerprint; the summary its record, which lists the current fingerprints,
which inline comment (by id) the bot posted for which fingerprint and, once the run's audit trail
is finished, the trail's head. A marker anywhere else, or in a body with more than one, counts for
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from pr_review.analyzers.base import MAX_STATE_CHARS
from pr_review.models import Finding
from pr_review.report.markdown import SEVERITY_BADGE, cwe_links
from pr_review.text.sanitize import code_span, neutralise, safe_suggestion

# GitHub refuses a comment or review body over 65,536 characters (422 "body is too long"); ours
# stay a margin below it.
BODY_LIMIT = 65_536
BODY_BUDGET = BODY_LIMIT - 1_536
MAX_RULES_SHOWN = 5  # an uploaded findings.json may name any number of rules; all are in the files
_AUDIT_HEAD_ROOM = len(" audit-head=") + 64  # what with_audit_head adds to the record later
SUMMARY_MARKER = "<!-- pr-review:summary "  # how the summary's one marker, its last line, starts
_SUMMARY = re.compile(
    r"<!-- pr-review:summary fingerprints=([0-9a-f,]{0,200000}) comments=([0-9:a-f,]{0,400000})"
    rf"(?: state=([0-9]{{1,3}}\.[A-Za-z0-9+/=]{{0,{MAX_STATE_CHARS}}}\.[0-9a-f]{{0,64}}))?"
    r"(?: audit-head=([0-9a-f]{64}))? -->"
)
# Before 0.2 the summary began with this line and ended with _RECORD; such a summary is still ours
# to edit, and its record is read once.
_OLD_SUMMARY_FIRST_LINE = "<!-- pr-review:summary -->"
_FINGERPRINT_MARKER = "<!-- pr-review:fingerprint={} -->"
_FINGERPRINT = re.compile(r"<!-- pr-review:fingerprint=([0-9a-f]{16,64}) -->")
_RESOLVED = re.compile(r"<!-- pr-review:resolved=([0-9a-f]{16,64}) -->")
_RECORD = re.compile(r"<!-- pr-review:fingerprints=([0-9a-f,]{0,200000})(?: comments=([0-9a-f:,]{0,400000}))? -->")
_POSTED = re.compile(r"([0-9]{1,20}):([0-9a-f]{16,64})")
_SOURCE_NAMES = {"claude": "Claude", "semgrep": "Semgrep", "zap": "ZAP", "secrets": "secrets", "pr-review": "pr-review"}


def fingerprint_marker(fingerprint: str) -> str:
    return _FINGERPRINT_MARKER.format(fingerprint)


def resolved_marker(fingerprint: str) -> str:
    return f"<!-- pr-review:resolved={fingerprint} -->"


def _last_line_marker(body: str, pattern: re.Pattern[str], *, alone: bool = True) -> re.Match[str] | None:
    """The marker that is the body's last line; `alone`: only when no other `<!--` is in the body."""
    rest, _, last = (body or "").rstrip("\n").rpartition("\n")
    match = pattern.fullmatch(last)
    return match if match is not None and not (alone and "<!--" in rest) else None


def marked_fingerprint(body: str) -> str | None:
    """The fingerprint an inline comment of ours carries on its last line, its only marker."""
    match = _last_line_marker(body, _FINGERPRINT)
    return match.group(1) if match else None


def resolved_fingerprint(body: str) -> str | None:
    """The fingerprint a "no longer detected" reply of ours carries on its last line."""
    match = _last_line_marker(body, _RESOLVED)
    return match.group(1) if match else None


def _summary_marker(body: str) -> re.Match[str] | None:
    return _last_line_marker(body, _SUMMARY)


def _is_old_summary(body: str) -> bool:
    return (body or "").partition("\n")[0] == _OLD_SUMMARY_FIRST_LINE


def is_summary(body: str) -> bool:
    return _summary_marker(body) is not None or _is_old_summary(body)


@dataclass(frozen=True, slots=True)
class SummaryRecord:
    """What the bot recorded in its summary: the fingerprints current at that run, the inline
    comment it posted for each fingerprint, and the run's audit head. A marker in an inline comment
    is trusted only when this record says the bot posted that comment for that fingerprint."""

    fingerprints: frozenset[str] = frozenset()
    comments: Mapping[int, str] = field(default_factory=dict)  # comment id → fingerprint
    # A summary written before comment ids were recorded: its threads are known by their marker alone.
    legacy: bool = False
    audit_head: str | None = None  # the finished audit trail's chain head (github/audit_head.py)
    # The incremental review's state block (analyzers/claude/state.py), within MAX_STATE_CHARS:
    # base64 and dots, so it can never form a marker. Untrusted until the analyzer verifies it.
    state: str = ""

    def marker(self) -> str:
        posted = ",".join(f"{cid}:{fp}" for cid, fp in sorted(self.comments.items()))
        state = f" state={self.state}" if self.state else ""
        head = f" audit-head={self.audit_head}" if self.audit_head else ""
        return f"{SUMMARY_MARKER}fingerprints={','.join(sorted(self.fingerprints))} comments={posted}{state}{head} -->"


def _record(fingerprints: str, comments: str | None, audit_head: str | None = None, state: str = "") -> SummaryRecord:
    posted = {int(m.group(1)): m.group(2) for m in _POSTED.finditer(comments or "")}
    return SummaryRecord(frozenset(filter(None, fingerprints.split(","))), posted, comments is None, audit_head, state)


def read_record(body: str) -> SummaryRecord:
    """The record in a summary comment's marker (empty when the body is not a summary of ours)."""
    if (match := _summary_marker(body)) is not None:
        return _record(match.group(1), match.group(2), match.group(4), match.group(3) or "")
    old = _last_line_marker(body, _RECORD, alone=False) if _is_old_summary(body) else None
    return _record(old.group(1), old.group(2)) if old is not None else SummaryRecord()


RECORD_BUDGET = 24_000  # the record's share of the summary comment (the state block has its own)


def _record_size(record: SummaryRecord) -> int:
    return len(replace(record, state="").marker())


def bounded_record(record: SummaryRecord) -> SummaryRecord:
    """The record within RECORD_BUDGET (its state block within MAX_STATE_CHARS besides): the
    fingerprints of the bot's threads first (a thread is what dismissals and "no longer detected"
    replies bind to), then the others in order, as many as fit. A fingerprint left out is only not
    declared resolved when it disappears (never falsely)."""
    if len(record.state) > MAX_STATE_CHARS:
        record = replace(record, state="")  # never: the analyzer fits it; a state cut short would not read
    if _record_size(record) <= RECORD_BUDGET:
        return record
    threads = set(record.comments.values())
    others = sorted(record.fingerprints - threads)
    room = RECORD_BUDGET - _record_size(replace(record, fingerprints=frozenset(threads)))
    kept: list[str] = []
    for fingerprint in others:
        room -= len(fingerprint) + 1  # and its comma
        if room < 0:
            break
        kept.append(fingerprint)
    return replace(record, fingerprints=frozenset(threads | set(kept)))


def summary_text_budget(record: SummaryRecord) -> int:
    """How many characters the summary's text may have so that, with its record and the audit head
    added later, the comment stays within BODY_BUDGET."""
    room = 0 if record.audit_head else _AUDIT_HEAD_ROOM
    return BODY_BUDGET - len(record.marker()) - room - 1


def summary_body(text: str, record: SummaryRecord) -> str:
    """The summary comment: the text (rendered within summary_text_budget), then the record as its
    one marker, on the last line."""
    return "\n".join((text, record.marker()))


def with_audit_head(body: str, head: str) -> str:
    """A summary of ours with `head` in its record (replacing an earlier edit's)."""
    text = (body or "").rstrip("\n").rpartition("\n")[0]
    return summary_body(text, replace(read_record(body), audit_head=head))


def sources_text(finding: Finding) -> str:
    names = ", ".join(_SOURCE_NAMES.get(s, s) for s in finding.sources)
    rule_ids = [r for r in finding.rule_ids if r != "claude"]
    rules = ", ".join(code_span(r[:120]) for r in rule_ids[:MAX_RULES_SHOWN])
    rules += f" +{len(rule_ids) - MAX_RULES_SHOWN}" if len(rule_ids) > MAX_RULES_SHOWN else ""
    return names + (f" ({rules})" if rules else "")


def inline_body(finding: Finding, *, known_secrets: Collection[str] = (), suggest: bool = True) -> str:
    def clean(text: str, limit: int) -> str:
        return neutralise(text, max_len=limit, known_secrets=known_secrets)

    cwe = cwe_links(finding.cwe, " · ")
    parts = [
        f"**{SEVERITY_BADGE[finding.severity]}** · **{' '.join(clean(finding.title, 200).split())}**"
        + (f" · {cwe}" if cwe else ""),
        f"<sub>Found by {sources_text(finding)} · confidence {finding.confidence:.0%}</sub>",
    ]
    if finding.description:
        parts.append(clean(finding.description, 3000))
    # The label is neutralised with its text, so that the text parses the way it will be shown: a
    # code block right after a label would be no code block, and the `@name` in it would notify.
    if finding.exploit_scenario:
        parts.append(clean(f"**Exploit scenario.** {finding.exploit_scenario}", 2025))
    if finding.recommendation:
        parts.append(clean(f"**Recommendation.** {finding.recommendation}", 2025))
    if finding.help_uri:
        parts.append(clean(f"More: {finding.help_uri}", 300))
    fix = safe_suggestion(finding.suggested_fix, known_secrets=known_secrets) if finding.suggested_fix else None
    if suggest and fix is not None:
        # Whole or none; the schema caps a fix at 20,000 characters, so with the caps above an
        # inline comment stays far below GitHub's BODY_LIMIT.
        parts.append(f"```suggestion\n{fix.rstrip(chr(10))}\n```")
    parts.append(fingerprint_marker(finding.fingerprint))
    return "\n\n".join(parts)

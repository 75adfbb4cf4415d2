"""Suppressions: config `ignore:` entries and inline ignore comments, applied after the merge.

An inline comment this pull request adds (on one of its added lines) does not suppress: the author
of a change cannot silence its own review. The finding stays, is marked as needing approval and
forces escalation; a team can allow it with `suppressions.allow_from_pr: true` (read from the base).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from pr_review.gather.diff import ChangedFile
from pr_review.models import CodeLocation, Finding
from pr_review.scope import matching_pattern
from pr_review.triage.inline import IgnoreComment, parse_ignore_comments
from pr_review.triage.model import DecisionKind, IgnoreEntry, NoteKind, Suppressed, TriageNote, TriageSettings

NEEDS_APPROVAL = "Suppression added by this pull request — needs approval"


@dataclass(frozen=True, slots=True)
class TriageResult:
    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...] = ()
    notes: tuple[TriageNote, ...] = ()


def matches_id(finding: Finding, ident: str) -> bool:
    if ident.upper().startswith("CWE-"):
        return ident.upper() in (c.upper() for c in finding.cwe)
    return ident in finding.rule_ids


def _entry_matches(entry: IgnoreEntry, finding: Finding) -> bool:
    if entry.rule is not None and not matches_id(finding, entry.rule):
        return False
    if entry.cwe is not None and not matches_id(finding, entry.cwe):
        return False
    if entry.path is not None:
        path = finding.path
        return path is not None and matching_pattern(path, (entry.path,)) is not None
    return True


def _needs_approval(finding: Finding, comment: IgnoreComment) -> Finding:
    note = (
        f"⚠️ **{NEEDS_APPROVAL}.** `pr-review: ignore[{', '.join(comment.ids)}]` on line {comment.line} was "
        "added by this change, so it does not suppress this finding: an ignore comment counts once it is on "
        f"the base branch. Reason given: {comment.reason or '(none)'}"
    )
    return replace(finding, description=f"{note}\n\n{finding.description}".strip())


def _comments(contents: Mapping[str, bytes], paths: Iterable[str]) -> dict[str, tuple[IgnoreComment, ...]]:
    found: dict[str, tuple[IgnoreComment, ...]] = {}
    for path in paths:
        data = contents.get(path)
        if data is not None:
            found[path] = tuple(parse_ignore_comments(path, data.decode("utf-8", errors="replace")))
    return found


def apply_suppressions(
    findings: Iterable[Finding],
    files: Mapping[str, ChangedFile],
    contents: Mapping[str, bytes],
    settings: TriageSettings,
    *,
    today: dt.date | None = None,
) -> TriageResult:
    """Partition findings into reported and suppressed; notes say what did not apply and why.

    `files` and `contents` are the reviewed files (the diff and the head text) by path."""
    today = today or dt.datetime.now(dt.UTC).date()
    active = [e for e in settings.ignore if e.expires is None or e.expires >= today]
    notes = [
        TriageNote(NoteKind.EXPIRED, f"config {e.describe()} expired on {e.expires.isoformat()}: no longer applied")
        for e in settings.ignore
        if e.expires is not None and e.expires < today
    ]
    findings = tuple(findings)
    comments = _comments(contents, {f.path for f in findings if f.path is not None})
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    invalid_seen: set[str] = set()
    for finding in findings:
        entry = next((e for e in active if _entry_matches(e, finding)), None)
        if entry is not None:
            suppressed.append(Suppressed(finding, DecisionKind.CONFIG, entry.reason, f"config {entry.describe()}"))
            continue
        location = finding.location
        if not isinstance(location, CodeLocation):
            kept.append(finding)
            continue
        covering = [
            c
            for c in comments.get(location.path, ())
            if c.covers(location.start_line, location.end_line) and any(matches_id(finding, i) for i in c.ids)
        ]
        added = files[location.path].added_lines if location.path in files else frozenset()
        decided: Suppressed | None = None
        pending: IgnoreComment | None = None
        for comment in covering:
            if not comment.reason:
                if comment.where not in invalid_seen:
                    invalid_seen.add(comment.where)
                    notes.append(
                        TriageNote(
                            NoteKind.INVALID,
                            f"ignore comment at {comment.where} has no reason and suppresses nothing "
                            "(write `pr-review: ignore[ID] <reason>`)",
                            finding.fingerprint,
                        )
                    )
            elif comment.line in added and not settings.allow_from_pr:
                pending = pending or comment
            elif decided is None:
                decided = Suppressed(finding, DecisionKind.INLINE, comment.reason, comment.where)
        if decided is not None:
            suppressed.append(decided)
        elif pending is not None:
            kept.append(_needs_approval(finding, pending))
            notes.append(
                TriageNote(
                    NoteKind.NEEDS_APPROVAL,
                    f"{NEEDS_APPROVAL}: ignore comment at {pending.where} ({pending.reason})",
                    finding.fingerprint,
                )
            )
        else:
            kept.append(finding)
    return TriageResult(tuple(kept), tuple(suppressed), tuple(notes))

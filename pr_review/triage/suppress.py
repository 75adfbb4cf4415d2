"""Suppressions: config `ignore:` entries and inline ignore comments, applied after the merge.

An inline comment suppresses only the code it was written for: the comment and every line from it
to the end of the finding must stand exactly as they did at the base — none added by this pull
request, none removed between them. So an ignore comment this pull request adds does not suppress
(the author of a change cannot silence its own review), and neither does a base comment above code
the pull request inserts or edits below it. The finding stays, is marked as needing approval and
forces escalation; a team can allow both with `suppressions.allow_from_pr: true` (read from the
base). Decided from the diff alone, so it holds the same in every mode (docs/triage.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from pr_review.config import IgnoreEntry, TriageSettings
from pr_review.gather.diff import ChangedFile
from pr_review.models import CodeLocation, Finding
from pr_review.scope import matching_pattern
from pr_review.triage.inline import IgnoreComment, parse_ignore_comments
from pr_review.triage.model import DecisionKind, NoteKind, Suppressed, TriageNote

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


def _base_line(changed: ChangedFile, line: int) -> int:
    """Where an unchanged (not added) head line stood at the base, from the hunks alone."""
    shift = 0
    for hunk in changed.hunks:
        new_begin = hunk.new_start if hunk.new_length else hunk.new_start + 1  # an empty side names the line before
        old_begin = hunk.old_start if hunk.old_length else hunk.old_start + 1
        if any(c.number == line for c in hunk.context):
            # The k-th context line of a hunk is its k-th old line that was not removed.
            old = old_begin + sum(1 for c in hunk.context if c.number < line)
            for removed in sorted(r.number for r in hunk.removed):
                if removed <= old:
                    old += 1
            return old
        if line < new_begin:
            break
        shift = old_begin + hunk.old_length - (new_begin + hunk.new_length)
    return line + shift


def _as_at_base(changed: ChangedFile | None, first: int, last: int) -> bool:
    """Head lines first..last are base lines, unchanged and still adjacent (nothing removed between)."""
    if changed is None:
        return True  # not part of the change
    if any(first <= n <= last for n in changed.added_lines):
        return False
    return _base_line(changed, last) - _base_line(changed, first) == last - first


def _needs_approval(finding: Finding, comment: IgnoreComment, why: str) -> Finding:
    note = (
        f"⚠️ **{NEEDS_APPROVAL}.** `pr-review: ignore[{', '.join(comment.ids)}]` on line {comment.line} {why}, "
        "so it does not suppress this finding: an ignore comment counts for the code it was written for, as "
        f"it is on the base branch. Reason given: {comment.reason or '(none)'}"
    )
    return replace(finding, description=f"{note}\n\n{finding.description}".strip())


def _why_not_binding(changed: ChangedFile | None, comment: IgnoreComment, location: CodeLocation) -> str | None:
    """Why a comment does not bind to this finding's code; None when it does."""
    if changed is not None and comment.line in changed.added_lines:
        return "was added by this change"
    if not _as_at_base(changed, min(comment.line, location.start_line), location.end_line):
        return "is on the base branch, but this change edits the lines it covers"
    return None


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
        changed = files.get(location.path)
        decided: Suppressed | None = None
        pending: tuple[IgnoreComment, str] | None = None
        for comment in covering:
            why = None if settings.allow_from_pr else _why_not_binding(changed, comment, location)
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
            elif why is not None:
                pending = pending or (comment, why)
            elif decided is None:
                decided = Suppressed(finding, DecisionKind.INLINE, comment.reason, comment.where)
        if decided is not None:
            suppressed.append(decided)
        elif pending is not None:
            comment, why = pending
            kept.append(_needs_approval(finding, comment, why))
            notes.append(
                TriageNote(
                    NoteKind.NEEDS_APPROVAL,
                    f"{NEEDS_APPROVAL}: ignore comment at {comment.where} {why} ({comment.reason})",
                    finding.fingerprint,
                )
            )
        else:
            kept.append(finding)
    return TriageResult(tuple(kept), tuple(suppressed), tuple(notes))

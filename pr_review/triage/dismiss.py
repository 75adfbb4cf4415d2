"""Reviewer dismissals: a `/pr-review dismiss <reason>` reply on a finding's comment thread.

Only someone with write access to the repository (admin, maintain, write) may dismiss, and by
default not the pull request's author (separation of duties; `triage.author_can_dismiss`). A
dismissed finding is not re-posted, not escalated and does not fail the job; it is listed with who
dismissed it and why. A refused dismissal is listed too, with the reason it was refused.

A dismissal is bound to the comment the bot posted: the reply's thread is looked up by comment id
in the bot's own record (the summary comment's), and the fingerprint is the one recorded for that
id, never one read from text in a body (github/comments.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from pr_review.config import TriageSettings
from pr_review.outcome import ReviewOutcome
from pr_review.triage.model import DecisionKind, NoteKind, Suppressed, TriageNote

WRITE_PERMISSIONS = frozenset({"admin", "maintain", "write"})
_COMMAND = re.compile(r"^[ \t]*/pr-review[ \t]+dismiss(?:[ \t]+(?P<reason>[^\n]{0,1000})|[ \t]*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class DismissRequest:
    fingerprint: str  # the one the bot recorded for thread_id
    login: str
    reason: str  # "" when none was given: refused
    comment_id: int  # the reply
    thread_id: int  # the bot's comment it answers


Decided = tuple[Mapping[str, "DismissRequest"], list[TriageNote]]


class Dismissals(Protocol):
    """Where reviewers' dismissals come from (the pull request's comment threads): an input of triage."""

    def decide(self, current: Iterable[str], settings: TriageSettings) -> Decided:
        """Accepted dismissals of these fingerprints, and notes on the refused ones."""


class NoDismissals:
    """A review nobody can dismiss findings of: a local scan, or a run that does not post."""

    def decide(self, current: Iterable[str], settings: TriageSettings) -> Decided:
        return {}, []


def parse_dismiss(body: str) -> str | None:
    """The reason of a dismiss command in a comment body ("" if none given), or None if there is no command."""
    match = _COMMAND.search((body or "")[:20000])
    if match is None:
        return None
    return (match.group("reason") or "").strip()


def decide(
    requests: Iterable[DismissRequest],
    *,
    current: Iterable[str],
    author: str,
    author_can_dismiss: bool,
    permission_of: Callable[[str], str],
) -> tuple[dict[str, DismissRequest], list[TriageNote]]:
    """Accepted dismissals by fingerprint (the earliest allowed one wins), and notes on refused ones."""
    wanted = set(current)
    accepted: dict[str, DismissRequest] = {}
    notes: list[TriageNote] = []
    permissions: dict[str, str] = {}
    for request in sorted(requests, key=lambda r: r.comment_id):
        if request.fingerprint not in wanted or request.fingerprint in accepted:
            continue
        who = request.login
        if not request.reason:
            refusal = "a reason is required (`/pr-review dismiss <reason>`)"
        elif who.lower() == author.lower() and not author_can_dismiss:
            refusal = "the pull request's author cannot dismiss findings on it"
        else:
            if who not in permissions:
                permissions[who] = permission_of(who)
            refusal = "" if permissions[who] in WRITE_PERMISSIONS else "no write access"
        if refusal:
            notes.append(
                TriageNote(
                    NoteKind.REFUSED,
                    f"dismissal of `{request.fingerprint[:12]}` by {who} ignored: {refusal}",
                    request.fingerprint,
                )
            )
        else:
            accepted[request.fingerprint] = request
    return accepted, notes


def apply_dismissals(
    outcome: ReviewOutcome, accepted: Mapping[str, DismissRequest], notes: Iterable[TriageNote]
) -> ReviewOutcome:
    """The outcome with dismissed findings moved to `suppressed`; refusals added to the notes."""
    dismissed = [
        Suppressed(f, DecisionKind.DISMISSED, accepted[f.fingerprint].reason, accepted[f.fingerprint].login)
        for f in outcome.findings
        if f.fingerprint in accepted
    ]
    kept_notes = tuple(
        n for n in outcome.triage_notes if not (n.kind is NoteKind.NEEDS_APPROVAL and n.fingerprint in accepted)
    )
    return replace(
        outcome,
        findings=tuple(f for f in outcome.findings if f.fingerprint not in accepted),
        suppressed=outcome.suppressed + tuple(dismissed),
        triage_notes=kept_notes + tuple(notes),
    )

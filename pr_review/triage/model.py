"""Triage values shared by suppression, dismissal and the reporters (their settings: config.TriageSettings)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pr_review.models import Finding


@enum.unique
class DecisionKind(enum.StrEnum):
    INLINE = "inline"  # a `pr-review: ignore[...]` comment present at the base
    CONFIG = "config"  # an `ignore:` entry of the configuration
    DISMISSED = "dismissed"  # a reviewer's `/pr-review dismiss` reply


@enum.unique
class NoteKind(enum.StrEnum):
    NEEDS_APPROVAL = "needs-approval"  # an ignore comment added by the pull request itself
    INVALID = "invalid"  # an ignore comment without a reason
    EXPIRED = "expired"  # a config entry past its `expires` date
    REFUSED = "refused"  # a dismissal by someone not allowed to dismiss


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding a decision took out of the reported findings."""

    finding: Finding
    kind: DecisionKind
    reason: str
    by: str  # where the decision is: "app/views.py:12", "config ignore[0]", or the reviewer's login


@dataclass(frozen=True, slots=True)
class TriageNote:
    """Something the summary must say about a suppression or dismissal that did not apply."""

    kind: NoteKind
    message: str
    fingerprint: str = ""

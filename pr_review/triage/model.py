"""Triage values shared by suppression, dismissal and the reporters, and the settings they read."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pr_review.config import Config
from pr_review.merge import DEFAULT_LINE_SLACK
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


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """One `ignore:` entry; every field given must match."""

    index: int
    reason: str
    rule: str | None = None
    cwe: str | None = None
    path: str | None = None
    expires: dt.date | None = None

    def describe(self) -> str:
        what = ", ".join(f"{k} {v}" for k, v in (("rule", self.rule), ("cwe", self.cwe), ("path", self.path)) if v)
        return f"ignore[{self.index}] ({what})"


@dataclass(frozen=True, slots=True)
class TriageSettings:
    line_slack: int = DEFAULT_LINE_SLACK
    ignore: tuple[IgnoreEntry, ...] = ()
    allow_from_pr: bool = False  # may a pull request add an ignore comment that suppresses its own finding
    author_can_dismiss: bool = False  # may the pull request's author dismiss findings on it

    @classmethod
    def from_config(cls, config: Config) -> TriageSettings:
        """The sections `merge`, `ignore`, `suppressions` and `triage` (schema-checked already)."""
        merge: Mapping[str, Any] = config.section("merge") or {}
        suppressions: Mapping[str, Any] = config.section("suppressions") or {}
        triage: Mapping[str, Any] = config.section("triage") or {}
        entries = tuple(
            IgnoreEntry(
                index=index,
                reason=str(item["reason"]).strip(),
                rule=item.get("rule"),
                cwe=item.get("cwe"),
                path=item.get("path"),
                expires=dt.date.fromisoformat(str(item["expires"])) if item.get("expires") else None,
            )
            for index, item in enumerate(config.section("ignore") or [])
        )
        return cls(
            line_slack=int(merge.get("line_slack", DEFAULT_LINE_SLACK)),
            ignore=entries,
            allow_from_pr=bool(suppressions.get("allow_from_pr", False)),
            author_can_dismiss=bool(triage.get("author_can_dismiss", False)),
        )

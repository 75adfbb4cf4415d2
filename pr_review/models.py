"""Frozen values that cross pipeline stages."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NewType

Fingerprint = NewType("Fingerprint", str)


@enum.unique
class Severity(enum.StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        # `<` on a StrEnum compares text; compare ranks instead.
        return _SEVERITY_ORDER.index(self)

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_ORDER = list(Severity)


@enum.unique
class Source(enum.StrEnum):
    CLAUDE = "claude"
    SEMGREP = "semgrep"
    ZAP = "zap"
    SECRETS = "secrets"
    PR_REVIEW = "pr-review"  # the tool's own checks: config changes, prompt injection


@dataclass(frozen=True, slots=True)
class CodeLocation:
    path: str
    start_line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class WebLocation:
    url: str
    method: str = ""
    param: str = ""


Location = CodeLocation | WebLocation


@dataclass(frozen=True, slots=True)
class Finding:
    fingerprint: Fingerprint
    sources: tuple[str, ...]
    rule_ids: tuple[str, ...]
    title: str
    severity: Severity
    confidence: float
    cwe: tuple[str, ...]
    location: Location
    in_diff: bool
    description: str = ""
    exploit_scenario: str = ""
    recommendation: str = ""
    suggested_fix: str | None = None
    evidence: str = ""
    help_uri: str = ""
    extra_locations: tuple[Location, ...] = field(default=())

    @property
    def path(self) -> str | None:
        return self.location.path if isinstance(self.location, CodeLocation) else None

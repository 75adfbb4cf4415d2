"""The Analyzer protocol: adding a scanner is adding a module and a registry entry."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pr_review.audit_events import AuditSink, NullAudit
from pr_review.classify.view import ModelView
from pr_review.config import Config
from pr_review.models import Finding
from pr_review.scope import NotReviewed, Scope


@enum.unique
class AnalyzerStatus(enum.StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Credentials:
    """Secrets read once from the environment by the CLI; never logged, never in repr."""

    anthropic_api_key: str | None = field(default=None, repr=False)
    github_token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ReviewInput:
    scope: Scope
    config: Config
    workdir: Path  # the reviewed files' head contents, materialised for local tools
    repo_root: Path | None  # where relative rule paths are resolved; None for a bare diff
    # What a model may see: classified and redacted. Model-backed analyzers read only this,
    # never scope.contents; local analyzers (Semgrep) scan the real files in workdir.
    model_view: ModelView
    audit: AuditSink = field(default_factory=NullAudit)
    # Repository paths the review itself is configured by (config, local rules, instructions).
    protected_paths: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ModelDetails:
    """What a model-backed review ran with (Claude): for the summary, findings.json and reproducing it."""

    provider: str
    region: str  # "" when the provider has no region
    model: str  # the model(s) that answered, comma-separated; "" when none did
    requested_model: str
    prompt_sha256: str
    preamble_sha256: str
    tool_schema_sha256: str
    requests: int = 0
    request_chars: int = 0
    tokens: tuple[tuple[str, int], ...] = ()  # usage kind (input, output, ...) → tokens, sorted by kind
    instructions_sha256: str | None = None  # the configured review instructions, when there are any
    untrusted_text_flags: str = ""  # the first invisible/bidi or fence-like runs in the PR's text
    untrusted_text_flag_count: int = 0


@dataclass(frozen=True, slots=True)
class DastDetails:
    """What a ZAP report held beyond its findings."""

    version: str
    ignored: int = 0  # alerts the rules file set to IGNORE
    false_positives: int = 0
    mapped: int = 0  # findings pointed at a route declared in the change
    instances: tuple[tuple[str, int], ...] = ()  # finding fingerprint → web locations ZAP saw, sorted
    fail_rules: tuple[str, ...] = ()  # rule ids whose findings fail the run whatever fail_on says


@dataclass(frozen=True, slots=True)
class SemgrepDetails:
    configs: str  # the rule configs asked for, as written, comma-separated


AnalyzerDetails = ModelDetails | DastDetails | SemgrepDetails


@dataclass(frozen=True, slots=True)
class AnalyzerResult:
    name: str
    status: AnalyzerStatus
    findings: tuple[Finding, ...] = ()
    detail: str = ""
    duration_s: float = 0.0
    not_reviewed: tuple[NotReviewed, ...] = ()
    details: AnalyzerDetails | None = None  # what this kind of analyzer adds about its run
    # A failure the configuration says must fail the run (exit 3), e.g. claude.on_failure: fail.
    fail_closed: bool = False
    # A supporting check (secrets, prompt injection, review integrity) that runs on every change:
    # it alone does not make a review. Exit 3 when no analyzer that reviews the code could run.
    supporting: bool = False
    # The changed files this analyzer read (Claude, Semgrep). A changed text file no analyzer read
    # is escalated by the coverage check (pr_review/coverage.py). Not part of the results' identity:
    # it is not written to findings.json, the coverage findings it leads to are.
    reviewed_paths: frozenset[str] = field(default=frozenset(), compare=False)


class Analyzer(Protocol):
    @property
    def name(self) -> str: ...

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        """Expected failures (no key, timeout, bad report) become a result, not an exception."""
        ...

"""The analyzer interface: adding a scanner is adding a module (a subclass of AnalyzerBase) and a
line in pr_review/registry.py."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from pr_review.audit import AuditSink, NullAudit
from pr_review.classify.view import FilePolicy, ModelView
from pr_review.config import Config
from pr_review.gather.tree import NO_TREES, ReviewTrees
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


@dataclass(frozen=True, slots=True)
class AnalyzerContext:
    """Everything an analyzer is built from, read once by the command: one argument for every
    analyzer, so a new one needs no change to how the others are built."""

    credentials: Credentials = Credentials()
    # The environment the analyzer's clients and child processes may read (provider settings,
    # the allow-listed variables passed to Semgrep).
    environ: Mapping[str, str] = field(default_factory=dict)
    instructions: str | None = None  # the organisation's review guidance, read from the base commit


NO_CONTEXT: Final = AnalyzerContext()  # no credentials, an empty environment: for tests and names

# The incremental-review state block's largest encoded size: it rides in the summary comment's
# one marker line, beside the record (github/comments.py), and must leave room for the text.
MAX_STATE_CHARS: Final = 16_000


@dataclass(frozen=True, slots=True)
class PriorReview:
    """What the last completed review of this pull request left for the next one: its state block,
    read from GitHub and untrusted until its integrity is checked (analyzers/claude/state.py)."""

    binding: str = ""  # the pull request the state belongs to ("octo/app#7"); "": none, no state is kept
    state: str = ""  # the encoded state block as found; "" when there was none
    origin: str = ""  # where it was read from, for the summary and the audit trail
    full: bool = False  # `--full` / the Action's `full-review` input: review everything
    unavailable: str = ""  # why no state could be read (GitHub refused), recorded as the reason for a full review
    # The comment's author is pinned (github.bot_login or the token's own user), not just "a bot":
    # without PR_REVIEW_AUDIT_KEY, only such a state is used.
    author_pinned: bool = False


NO_PRIOR: Final = PriorReview()


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
    # The commits a model may look code up in (never the worktree), and the data policy its
    # lookups go through: the view's own, so a value gets the same placeholder everywhere.
    trees: ReviewTrees = NO_TREES
    later_files: FilePolicy | None = None
    prior: PriorReview = NO_PRIOR  # the state an incremental Claude review starts from


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
    tool_calls: int = 0  # the model's lookups (claude.context_tools)
    tool_bytes: int = 0  # bytes their answers returned
    tools_sha256: str = ""  # the lookup tools' definitions, when they were offered
    # Incremental review: "full: <why>" or "incremental"; the files sent this run, and those whose
    # findings were carried forward from an earlier run (path → the run that reviewed them).
    review_mode: str = ""
    units_reviewed: int = 0
    units_carried: tuple[tuple[str, str], ...] = ()
    full_review_tokens: int = 0  # estimated input tokens of reviewing every file this run
    cost_usd: float | None = None  # from claude.prices; None when the model has no price


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
    # Copied by the pipeline from the analyzer (Analyzer.fails_closed, Analyzer.supporting), so
    # findings.json and the exit code read them from the result: analyzers do not set them.
    fail_closed: bool = False
    supporting: bool = False
    # The changed files this analyzer read (Claude, Semgrep). A changed text file no analyzer read
    # is escalated by the coverage check (pr_review/coverage.py). Not part of the results' identity:
    # it is not written to findings.json, the coverage findings it leads to are.
    reviewed_paths: frozenset[str] = field(default=frozenset(), compare=False)
    # The incremental-review state block for the next run (Claude; "" for none), posted in the summary
    # comment. Not written to findings.json: a run whose summary holds no state is reviewed in full.
    next_state: str = field(default="", compare=False)


class Analyzer(Protocol):
    @property
    def name(self) -> str:
        """The analyzer's name in findings.json, the summary and the audit trail."""

    @property
    def supporting(self) -> bool:
        """A supporting check (secrets, prompt injection, review integrity) runs on every change but
        alone does not make a review: exit 3 when no analyzer that reviews the code could run."""

    def fails_closed(self, config: Config) -> bool:
        """Whether a failure of this analyzer fails the run (exit 3), e.g. claude.on_failure: fail."""

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        """Expected failures (no key, timeout, bad report) become a result, not an exception."""
        ...


class AnalyzerBase:
    """The defaults: built from the context, reviews code, a failure does not fail the run alone."""

    name: str
    supporting: bool = False

    def __init__(self, context: AnalyzerContext = NO_CONTEXT) -> None:
        self.context = context

    def fails_closed(self, config: Config) -> bool:
        return False

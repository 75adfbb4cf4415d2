"""The configuration model: frozen settings, one dataclass per section. Reading and validating a
configuration file (defaults < file < flags) is pr_review/config_loader.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pr_review.models import Severity

DEFAULT_CONFIG_PATH = Path(".github/pr-review.yml")
BUNDLED_RULES = "bundled"

# Excluded by path only, never by content: an attacker can add an "@generated" marker to any file.
DEFAULT_EXCLUDES: tuple[str, ...] = (
    "**/node_modules/**",
    "**/vendor/**",
    "**/third_party/**",
    "**/.venv/**",
    "**/venv/**",
    "**/dist/**",
    "**/build/**",
    "**/*.min.js",
    "**/*.min.css",
    "**/*.map",
    "**/package-lock.json",
    "**/yarn.lock",
    "**/pnpm-lock.yaml",
    "**/poetry.lock",
    "**/Pipfile.lock",
    "**/Cargo.lock",
    "**/go.sum",
    "**/composer.lock",
    "**/Gemfile.lock",
    "**/uv.lock",
    "**/*_pb2.py",
    "**/*.pb.go",
    "**/*.generated.*",
)


@dataclass(frozen=True, slots=True)
class SemgrepSettings:
    enabled: bool = True
    config: tuple[str, ...] = (BUNDLED_RULES,)
    timeout_s: float = 300.0
    scope: str = "added_lines"  # or "changed_files"


@dataclass(frozen=True, slots=True)
class PathSettings:
    exclude: tuple[str, ...] = ()
    default_excludes: bool = True

    @property
    def patterns(self) -> tuple[str, ...]:
        return (DEFAULT_EXCLUDES if self.default_excludes else ()) + self.exclude


@dataclass(frozen=True, slots=True)
class EscalationSettings:
    label: str = "security-escalation"
    severity: Severity = Severity.HIGH
    reviewers: tuple[str, ...] = ()
    remove_when_clear: bool = False


@dataclass(frozen=True, slots=True)
class GitHubSettings:
    max_inline_comments: int = 25
    max_annotations: int = 10
    reply_when_resolved: bool = False
    # Whose hidden markers count: this login; unset: the token's user, or any Bot for an installation token.
    bot_login: str | None = None
    write_interval_s: float = 1.0
    timeout_s: float = 30.0


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """US dollars per million tokens of one model, for the cost estimate (claude.prices)."""

    model: str
    input: float
    output: float
    cache_read: float = 0.0
    cache_write: float = 0.0  # writing the prompt cache (the system prompt, once per five minutes)


# Anthropic's list price of the default model when this was written; a team overrides it in claude.prices.
DEFAULT_PRICES: tuple[ModelPrice, ...] = (
    ModelPrice("claude-sonnet-4-6", input=3.0, output=15.0, cache_read=0.3, cache_write=3.75),
)


@dataclass(frozen=True, slots=True)
class ClaudeSettings:
    enabled: bool = True
    provider: str = "anthropic"
    model: str = "claude-sonnet-4-6"
    region: str | None = None
    base_url: str | None = None
    max_tokens: int = 8192
    min_confidence: float = 0.7
    concurrency: int = 4
    token_budget: int = 60000
    context_lines: int = 15
    timeout_s: float = 300.0
    max_attempts: int = 5
    max_retry_s: float = 300.0
    on_failure: str = "continue"
    instructions: str | None = None
    context_tools: bool = True  # the model may read the head/base trees (read_file, search, list_dir)
    max_tool_calls: int = 8  # lookups per request; then the model is told to answer
    max_tool_bytes: int = 60000  # bytes of lookup answers per request
    # Per run: when reviewing every file needing review would exceed either, the riskiest files are
    # reviewed first and the rest listed as not reviewed (analyzers/claude/incremental.py). None: no limit.
    max_input_tokens: int | None = None
    max_requests: int | None = None
    prices: tuple[ModelPrice, ...] = DEFAULT_PRICES

    def price(self, model: str) -> ModelPrice | None:
        return next((p for p in self.prices if p.model == model), None)


DEFAULT_CLASS_POLICY: tuple[tuple[str, str], ...] = (
    ("secret", "redact"),
    ("personal-data", "redact"),
    ("pci", "block"),
    ("health", "block"),
)
DEFAULT_HEALTH_PATTERNS: tuple[str, ...] = (r"\bMRN[:# ]?\d{6,10}\b",)
DEFAULT_HEALTH_KEYWORDS: tuple[str, ...] = (
    "diagnosis",
    "diagnosed",
    "icd-10",
    "icd10",
    "icd",
    "patient",
    "medical record",
    "prescription",
    "clinical",
)
DEFAULT_TEST_PATHS: tuple[str, ...] = (
    "test/",
    "tests/",
    "testdata/",
    "fixtures/",
    "__tests__/",
    "spec/",
    "test_*.py",
    "*_test.py",
    "*_test.go",
    "*.test.*",
    "*.spec.*",
    "conftest.py",
)


@dataclass(frozen=True, slots=True)
class ClassificationSettings:
    """What is sensitive and what happens to it before a model sees it (pr_review/classify/)."""

    policy: tuple[tuple[str, str], ...] = DEFAULT_CLASS_POLICY  # class → allow | redact | block
    paths: tuple[tuple[str, str], ...] = ()  # glob → class, whole file
    health_patterns: tuple[str, ...] = DEFAULT_HEALTH_PATTERNS
    health_keywords: tuple[str, ...] = DEFAULT_HEALTH_KEYWORDS
    phone_region: str = "US"  # numbers written without +country code are read in this region
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS  # personal data here is not reported as a finding
    personal_data_findings: bool = True

    def action(self, data_class: str) -> str:
        """The policy for a class; a class with no policy (e.g. a new path class) is blocked."""
        return next((action for name, action in self.policy if name == data_class), "block")


@dataclass(frozen=True, slots=True)
class AuditSettings:
    store_prompts: bool = False  # the text sent to the model in audit.jsonl, not only its digest
    capture: str = "hashes"  # "full": every model request and response body beside audit.jsonl (audit_capture.py)


DEFAULT_LINE_SLACK = 2


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
    """The sections `merge`, `ignore`, `suppressions` and `triage`, read by merging and triage."""

    line_slack: int = DEFAULT_LINE_SLACK
    ignore: tuple[IgnoreEntry, ...] = ()
    allow_from_pr: bool = False  # may a pull request add an ignore comment that suppresses its own finding
    author_can_dismiss: bool = False  # may the pull request's author dismiss findings on it


ZAP_IMAGE = "ghcr.io/zaproxy/zaproxy:stable"


@dataclass(frozen=True, slots=True)
class ZapSettings:
    """DAST: ingest a ZAP baseline report, or run zap-baseline.py against a target (docs/zap.md)."""

    report: str | None = None  # ZAP traditional JSON report; relative paths from the repository root
    target: str | None = None  # URL to scan with zap-baseline.py in a container
    rules_file: str | None = None  # ZAP rules file: <pluginid>\t<IGNORE|INFO|WARN|FAIL>\t<comment>
    engine: str = "docker"  # or "podman"
    image: str = ZAP_IMAGE
    network: str | None = "host"  # as zaproxy/action-baseline: reach services on the runner's localhost
    timeout_s: float = 900.0
    minutes: int | None = None  # zap-baseline -m: spider minutes
    options: tuple[str, ...] = ()  # extra zap-baseline.py arguments (argv items, never a shell string)
    max_instances: int = 10  # web locations listed per finding
    map_routes: bool = True  # point alerts at routes declared in the change

    @property
    def configured(self) -> bool:
        return bool(self.report or self.target)


@dataclass(frozen=True, slots=True)
class Config:
    fail_on: Severity | None = None  # None: never fail on findings
    semgrep: SemgrepSettings = field(default_factory=SemgrepSettings)
    paths: PathSettings = field(default_factory=PathSettings)
    max_file_bytes: int = 1_000_000
    escalation: EscalationSettings = field(default_factory=EscalationSettings)
    github: GitHubSettings = field(default_factory=GitHubSettings)
    claude: ClaudeSettings = field(default_factory=ClaudeSettings)
    classification: ClassificationSettings = field(default_factory=ClassificationSettings)
    zap: ZapSettings = field(default_factory=ZapSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    triage: TriageSettings = field(default_factory=TriageSettings)
    # The sections `audit` and `triage` are read from, as validated JSON text: the digest covers
    # them as written, so it is the same whatever defaults the typed sections fill in.
    reserved: tuple[tuple[str, str], ...] = ()
    source: str = "defaults"  # where the file came from, for messages and the audit trail

    @property
    def sha256(self) -> str:
        """Digest of the effective settings (file and flags merged), for findings.json and the audit."""
        settings = {k: v for k, v in dataclasses.asdict(self).items() if k not in _NOT_DIGESTED}
        return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


_NOT_DIGESTED = frozenset({"source", "audit", "triage"})  # `reserved` holds the last two as written

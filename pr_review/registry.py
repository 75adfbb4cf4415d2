"""The analyzer registry: every scanner the pipeline runs, built from config and credentials."""

from __future__ import annotations

from collections.abc import Mapping

from pr_review.analyzers.base import Analyzer, Credentials
from pr_review.analyzers.claude.analyzer import ClaudeAnalyzer
from pr_review.analyzers.integrity import ReviewIntegrityAnalyzer
from pr_review.analyzers.secrets import PromptInjectionAnalyzer, SecretsAnalyzer
from pr_review.analyzers.semgrep import SemgrepAnalyzer
from pr_review.analyzers.zap.analyzer import ZapAnalyzer


def build_analyzers(
    credentials: Credentials, environ: Mapping[str, str], *, instructions: str | None = None
) -> tuple[Analyzer, ...]:
    """`instructions`: the organisation's review guidance, read from the base commit."""
    return (
        ClaudeAnalyzer(credentials, environ=environ, instructions=instructions),
        ReviewIntegrityAnalyzer(),
        SemgrepAnalyzer(environ=environ),
        SecretsAnalyzer(),
        PromptInjectionAnalyzer(),
        ZapAnalyzer(),
    )


# Every analyzer's name: an uploaded findings.json (`publish`) may name no other.
ANALYZER_NAMES: frozenset[str] = frozenset(analyzer.name for analyzer in build_analyzers(Credentials(), {}))

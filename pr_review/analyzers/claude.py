"""Claude analyzer (Messages API). Skipped, with a clear reason, when no API key is set."""

from __future__ import annotations

from collections.abc import Mapping

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus, Credentials, ReviewInput


class ClaudeAnalyzer:
    name = "claude"

    def __init__(self, credentials: Credentials, *, environ: Mapping[str, str]) -> None:
        self._credentials = credentials
        self._environ = environ

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        if not review.config.claude.enabled:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="disabled by claude.enabled")
        if not self._credentials.anthropic_api_key:
            return AnalyzerResult(
                self.name, AnalyzerStatus.SKIPPED, detail="no API key (ANTHROPIC_API_KEY is not set)"
            )
        return AnalyzerResult(self.name, AnalyzerStatus.FAILED, detail="the Claude analyzer is not built yet")

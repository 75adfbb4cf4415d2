"""The analyzer registry: every scanner the pipeline runs, each built from one AnalyzerContext.

Adding a scanner is adding a module under pr_review/analyzers/ and a line here. Only the layer that
runs a review (session.py) and `publish`'s check of an uploaded findings.json import this module, so
importing one analyzer never imports the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from pr_review.analyzers.base import NO_CONTEXT, Analyzer, AnalyzerContext
from pr_review.analyzers.claude.analyzer import ClaudeAnalyzer
from pr_review.analyzers.integrity import ReviewIntegrityAnalyzer
from pr_review.analyzers.secrets import PromptInjectionAnalyzer, SecretsAnalyzer
from pr_review.analyzers.semgrep import SemgrepAnalyzer
from pr_review.analyzers.zap.analyzer import ZapAnalyzer
from pr_review.coverage import COVERAGE

AnalyzerFactory = Callable[[AnalyzerContext], Analyzer]

ANALYZERS: Final[tuple[AnalyzerFactory, ...]] = (
    ClaudeAnalyzer,
    ReviewIntegrityAnalyzer,
    SemgrepAnalyzer,
    SecretsAnalyzer,
    PromptInjectionAnalyzer,
    ZapAnalyzer,
)


def build_analyzers(context: AnalyzerContext) -> tuple[Analyzer, ...]:
    return tuple(factory(context) for factory in ANALYZERS)


# Every name a result row may carry — each analyzer's, and the coverage check's, which the pipeline
# reports as an analyzer of its own: an uploaded findings.json (`publish`) may name no other.
ANALYZER_NAMES: Final[frozenset[str]] = frozenset(a.name for a in build_analyzers(NO_CONTEXT)) | {COVERAGE}

"""The figures of an eval run: per case, per CWE class, per analyzer and overall.

* A vulnerable case is detected when a finding on its file overlaps its flaw lines, give or take
  `merge.line_slack` lines; the analyzers named on such a finding found it.
* A safe case is a false positive when the review reported anything on it.
* recall = detected / vulnerable cases; false-positive rate = false positives / safe cases;
  precision = findings that detect a flaw / all findings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pr_review.eval.runner import CaseFinding, CaseRun

CLAUDE = "claude"


@dataclass(frozen=True, slots=True)
class Price:
    """US dollars per million tokens."""

    input: float
    output: float
    cache_read: float


# Published list prices (USD per million tokens), by model family; a model id that matches no family
# has no cost. The one place to change (or to feed from a `claude.prices` configuration).
DEFAULT_PRICES: Mapping[str, Price] = {
    "claude-opus": Price(15.0, 75.0, 1.5),
    "claude-sonnet": Price(3.0, 15.0, 0.3),
    "claude-haiku": Price(1.0, 5.0, 0.1),
}


def price_for(model: str) -> Price | None:
    return next((price for family, price in DEFAULT_PRICES.items() if model.startswith(family)), None)


@dataclass(frozen=True, slots=True)
class CaseScore:
    id: str
    cwe: str
    vulnerable: bool
    hit: bool  # vulnerable: detected; safe: a false positive
    by: tuple[str, ...]  # vulnerable: analyzers that detected it; safe: analyzers that reported anything
    findings: int
    true_findings: int
    tokens: Mapping[str, int]
    cost_usd: float | None
    duration_s: float

    def to_json(self) -> dict[str, Any]:
        return {
            "cwe": self.cwe,
            "vulnerable": self.vulnerable,
            "hit": self.hit,
            "by": list(self.by),
            "findings": self.findings,
            "true_findings": self.true_findings,
            "tokens": dict(self.tokens),
            "cost_usd": self.cost_usd,
            "duration_s": round(self.duration_s, 3),
        }


@dataclass(frozen=True, slots=True)
class Figures:
    vulnerable: int
    detected: int
    safe: int
    false_positives: int
    findings: int
    true_findings: int

    @property
    def recall(self) -> float | None:
        return self.detected / self.vulnerable if self.vulnerable else None

    @property
    def fp_rate(self) -> float | None:
        return self.false_positives / self.safe if self.safe else None

    @property
    def precision(self) -> float | None:
        return self.true_findings / self.findings if self.findings else None

    def to_json(self) -> dict[str, Any]:
        return {
            "vulnerable": self.vulnerable,
            "detected": self.detected,
            "safe": self.safe,
            "false_positives": self.false_positives,
            "findings": self.findings,
            "true_findings": self.true_findings,
            "recall": _round(self.recall),
            "fp_rate": _round(self.fp_rate),
            "precision": _round(self.precision),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _overlaps(finding: CaseFinding, run: CaseRun, slack: int) -> bool:
    case = run.case
    return (
        finding.path == case.file
        and finding.start_line - slack <= case.end_line
        and case.flaw_line - slack <= finding.end_line
    )


def score_case(run: CaseRun, slack: int) -> CaseScore:
    case = run.case
    true = [f for f in run.findings if case.vulnerable and _overlaps(f, run, slack)]
    shown = true if case.vulnerable else list(run.findings)
    tokens: dict[str, int] = dict(run.model.tokens) if run.model is not None else {}
    return CaseScore(
        id=case.id,
        cwe=case.cwe,
        vulnerable=case.vulnerable,
        hit=bool(shown),
        by=tuple(sorted({source for f in shown for source in f.sources})),
        findings=len(run.findings),
        true_findings=len(true),
        tokens=tokens,
        cost_usd=_cost(run.model.model if run.model is not None else "", tokens),
        duration_s=run.duration_s,
    )


def _cost(model: str, tokens: Mapping[str, int]) -> float | None:
    if not tokens:
        return 0.0
    price = price_for(model)
    if price is None:
        return None
    total = (
        tokens.get("input", 0) * price.input
        + tokens.get("output", 0) * price.output
        + tokens.get("cache_read", 0) * price.cache_read
    )
    return round(total / 1_000_000, 6)


def figures(scores: Iterable[CaseScore]) -> Figures:
    listed = list(scores)
    vulnerable = [s for s in listed if s.vulnerable]
    safe = [s for s in listed if not s.vulnerable]
    return Figures(
        vulnerable=len(vulnerable),
        detected=sum(s.hit for s in vulnerable),
        safe=len(safe),
        false_positives=sum(s.hit for s in safe),
        findings=sum(s.findings for s in listed),
        true_findings=sum(s.true_findings for s in listed),
    )


def per_class(scores: Sequence[CaseScore]) -> dict[str, Figures]:
    grouped: dict[str, list[CaseScore]] = defaultdict(list)
    for score in scores:
        grouped[score.cwe].append(score)
    return {cwe: figures(grouped[cwe]) for cwe in sorted(grouped)}


def per_analyzer(scores: Sequence[CaseScore]) -> dict[str, dict[str, Any]]:
    """Per analyzer: the vulnerable cases it detected and the safe cases it reported on."""
    vulnerable = sum(s.vulnerable for s in scores)
    safe = len(scores) - vulnerable
    detected = Counter(name for s in scores if s.vulnerable for name in s.by)
    noisy = Counter(name for s in scores if not s.vulnerable for name in s.by)
    return {
        name: {
            "detected": detected[name],
            "false_positives": noisy[name],
            "recall": _round(detected[name] / vulnerable if vulnerable else None),
            "fp_rate": _round(noisy[name] / safe if safe else None),
        }
        for name in sorted(detected.keys() | noisy.keys())
    }

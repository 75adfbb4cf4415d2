"""`pr-review eval`: a suite through the configured review, scored, recorded in the history and
compared with the last comparable run (docs/eval.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pr_review import __version__
from pr_review.analyzers.base import AnalyzerStatus, Credentials
from pr_review.analyzers.claude import prompt
from pr_review.analyzers.claude import tools as lookup_tools
from pr_review.analyzers.semgrep import resolve_rule_paths
from pr_review.config import Config
from pr_review.errors import ExitCode
from pr_review.eval.history import Drift, append_history, drift, previous_comparable, read_history
from pr_review.eval.runner import CaseRun, run_suite
from pr_review.eval.score import CLAUDE, CaseScore, figures, per_analyzer, per_class, score_case
from pr_review.eval.suite import Suite
from pr_review.rulepack import iter_rule_files


@dataclass(frozen=True, slots=True)
class EvalResult:
    entry: dict[str, Any]  # the history line of this run
    compared_with: str | None  # the date of the previous comparable run
    drift: tuple[Drift, ...]
    incomplete: tuple[str, ...]  # analyzers that failed, per case: the figures are not to be trusted
    notes: tuple[str, ...]

    @property
    def exit_code(self) -> ExitCode:
        if self.incomplete:
            return ExitCode.RUNTIME
        return ExitCode.FINDINGS if any(d.worse for d in self.drift) else ExitCode.OK

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entry,
            "compared_with": self.compared_with,
            "drift": [d.to_json() for d in self.drift],
            "incomplete": list(self.incomplete),
            "notes": list(self.notes),
        }


def evaluate(
    suite: Suite,
    config: Config,
    environ: Mapping[str, str],
    *,
    history: Path | None,
    threshold: float,
) -> EvalResult:
    credentials = Credentials(anthropic_api_key=environ.get("ANTHROPIC_API_KEY") or None)
    past = read_history(history) if history is not None else []  # a bad history fails before the long run
    runs = run_suite(suite, config, credentials, environ)
    scores = [score_case(run, config.triage.line_slack) for run in runs]
    entry = _entry(suite, config, runs, scores)
    incomplete = tuple(f"{run.case.id}: {a.name}: {a.detail}" for run in runs for a in run.failed)
    notes = []
    if not entry["model"]["evaluated"]:
        notes.append(f"Claude was not evaluated: {entry['model'].get('not_evaluated_reason', 'it did not run')}")
    previous = previous_comparable(past, entry)
    moves = tuple(drift(previous, entry, threshold)) if previous is not None else ()
    if history is not None and incomplete:
        notes.append(f"not recorded in {history}: the run is incomplete")
    elif history is not None:
        append_history(history, entry)
    return EvalResult(entry, previous["date"] if previous else None, moves, incomplete, tuple(notes))


def _model(config: Config, runs: Sequence[CaseRun]) -> dict[str, Any]:
    details = [run.model for run in runs if run.model is not None]
    claude = [a for run in runs for a in run.analyzers if a.name == CLAUDE]
    evaluated = bool(claude) and all(a.status == AnalyzerStatus.OK for a in claude)
    model: dict[str, Any] = {
        "evaluated": evaluated,
        "requested": config.claude.model,
        "answered": ",".join(sorted({m for d in details for m in d.model.split(",") if m})),
        "provider": config.claude.provider,
        "region": next((d.region for d in details if d.region), ""),
        "prompt_sha256": prompt.prompt_sha256(),
        "preamble_sha256": prompt.preamble_sha256(),
        "tool_schema_sha256": prompt.tool_schema_sha256(),
        "tools_sha256": lookup_tools.definitions_sha256(),
    }
    if not evaluated:
        skipped = next((a.detail for a in claude if a.status != AnalyzerStatus.OK), "")
        model["not_evaluated_reason"] = skipped or "the claude analyzer did not run"
    return model


def rules_sha256(config: Config) -> str:
    """The Semgrep rules a review runs with: every local rule file's content, and registry ids."""
    local, registry = resolve_rule_paths(config.semgrep.config, Path.cwd())
    digest = hashlib.sha256(b"pr-review-eval-rules-v1\x00")
    for root in local:
        for path in iter_rule_files(root) if root.exists() else ():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for registry_id in registry:
        digest.update(registry_id.encode() + b"\x00")
    return digest.hexdigest()


def _entry(suite: Suite, config: Config, runs: Sequence[CaseRun], scores: Sequence[CaseScore]) -> dict[str, Any]:
    tokens: Counter[str] = Counter()
    for score in scores:
        tokens.update(score.tokens)
    costs = [s.cost_usd for s in scores]
    durations = [run.duration_s for run in runs]
    return {
        "schema_version": 1,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "pr_review_version": __version__,
        "model": _model(config, runs),
        "rules": {"config": list(config.semgrep.config), "sha256": rules_sha256(config)},
        "suite": {"name": suite.path.name, "sha256": suite.sha256, "cases": len(suite.cases)},
        "config_sha256": config.sha256,
        "overall": figures(scores).to_json(),
        "per_class": {cwe: f.to_json() for cwe, f in per_class(scores).items()},
        "per_analyzer": per_analyzer(scores),
        "cases": {s.id: s.to_json() for s in scores},
        "tokens": dict(sorted(tokens.items())),
        "cost_usd": None if None in costs else round(sum(c for c in costs if c is not None), 6),
        "latency_s": {
            "total": round(sum(durations), 3),
            "mean": round(sum(durations) / len(durations), 3) if durations else 0.0,
            "max": round(max(durations, default=0.0), 3),
        },
    }

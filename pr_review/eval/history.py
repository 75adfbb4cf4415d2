"""The eval history: one JSONL line per run (schemas/eval-history.schema.json), checked when written
and when read, and the drift between a run and the last comparable one (same suite sha256).

Drift is a drop in recall or a rise in the false-positive rate of more than the threshold (a share:
0.1 = ten percentage points), overall or in one CWE class. The cases that flipped are named: a
vulnerable case no longer detected, a safe case now reported on. Moves for the better are listed
but never fail the run.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pr_review.errors import PrReviewError, UsageError
from pr_review.no_follow import APPEND
from pr_review.validate import load_valid, schema_errors

SCHEMA: Final = "eval-history.schema.json"
DEFAULT_THRESHOLD: Final = 0.1
MAX_LINE_BYTES: Final = 8 * 1024 * 1024
_EPSILON: Final = 1e-9


@dataclass(frozen=True, slots=True)
class Drift:
    scope: str  # "overall" or a CWE class
    metric: str  # "recall" or "fp_rate"
    before: float
    after: float
    flipped: tuple[str, ...]  # the cases behind the move: detected ↔ missed, quiet ↔ reported on
    worse: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "metric": self.metric,
            "before": self.before,
            "after": self.after,
            "worse": self.worse,
            "flipped": list(self.flipped),
        }

    def describe(self) -> str:
        direction = "dropped" if self.after < self.before else "rose"
        cases = f" (flipped: {', '.join(self.flipped)})" if self.flipped else ""
        name = "recall" if self.metric == "recall" else "false-positive rate"
        return f"{self.scope}: {name} {direction} from {self.before:.0%} to {self.after:.0%}{cases}"


def read_history(path: Path) -> list[dict[str, Any]]:
    """Every line of the history, each valid against the schema; no file: no history."""
    if not path.exists():
        return []
    entries = []
    with path.open("rb") as stream:
        for number, raw in enumerate(iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""), 1):
            where = f"{path}:{number}"
            if len(raw) > MAX_LINE_BYTES:
                raise UsageError(f"{where}: a line over {MAX_LINE_BYTES} bytes is not a history entry")
            entries.append(load_valid(raw, SCHEMA, f"{where}:", hint="is this an eval history file?"))
    return entries


def append_history(path: Path, entry: Mapping[str, Any]) -> None:
    problems = schema_errors(entry, SCHEMA)
    if problems:  # a bug of ours: never write a line the next run would refuse
        raise PrReviewError(f"eval history entry violates {SCHEMA}: {problems[0]}")
    line = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    try:
        fd = os.open(path, APPEND, 0o644)
    except OSError as exc:
        hint = "the history must not be a symbolic link" if exc.errno == errno.ELOOP else ""
        raise UsageError(f"cannot open eval history {path}: {exc.strerror or exc}", hint=hint) from exc
    with os.fdopen(fd, "ab") as stream:
        stream.write(line)


def previous_comparable(history: Sequence[Mapping[str, Any]], current: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The last run of the same suite that evaluated Claude as this one did (a run without a key is
    never the baseline of one with it, nor the reverse); a different model id is compared: that is
    the drift to catch."""
    return next(
        (
            e
            for e in reversed(history)
            if e["suite"]["sha256"] == current["suite"]["sha256"]
            and e["model"]["evaluated"] == current["model"]["evaluated"]
        ),
        None,
    )


def drift(previous: Mapping[str, Any], current: Mapping[str, Any], threshold: float) -> list[Drift]:
    """Every move beyond the threshold, overall and per class present in both runs."""
    scopes: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = [
        ("overall", previous["overall"], current["overall"])
    ]
    scopes += [
        (cwe, previous["per_class"][cwe], figures)
        for cwe, figures in sorted(current["per_class"].items())
        if cwe in previous["per_class"]
    ]
    found = []
    for scope, before, after in scopes:
        for metric, worse_when_lower in (("recall", True), ("fp_rate", False)):
            old, new = before[metric], after[metric]
            if old is None or new is None or abs(new - old) <= threshold + _EPSILON:
                continue
            worse = (new < old) == worse_when_lower
            flipped = _flipped(previous["cases"], current["cases"], scope, metric, worse)
            found.append(Drift(scope, metric, old, new, flipped, worse))
    return found


def _flipped(
    before: Mapping[str, Any], after: Mapping[str, Any], scope: str, metric: str, worse: bool
) -> tuple[str, ...]:
    vulnerable = metric == "recall"
    # Worse: recall lost a detection (hit → miss), the FP rate gained one (miss → hit); better: the reverse.
    was_hit = vulnerable == worse
    return tuple(
        case_id
        for case_id, case in sorted(after.items())
        if case_id in before
        and case["vulnerable"] == vulnerable
        and scope in ("overall", case["cwe"])
        and before[case_id]["hit"] == was_hit
        and case["hit"] != was_hit
    )

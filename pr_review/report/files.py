"""Writes the output files of a run: findings.json, results.sarif, summary.md (schema-checked)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pr_review.errors import PrReviewError
from pr_review.report.document import outcome_to_json
from pr_review.report.markdown import render_summary
from pr_review.report.sarif import to_sarif
from pr_review.validate import check

if TYPE_CHECKING:
    from pr_review.outcome import ReviewOutcome


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def dump_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_outputs(outcome: ReviewOutcome, out_dir: Path) -> dict[str, Path]:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrReviewError(f"cannot create output directory {out_dir}: {exc.strerror}") from exc
    report = outcome_to_json(outcome)
    check(report, "report.schema.json")
    written = {
        "findings": out_dir / "findings.json",
        "sarif": out_dir / "results.sarif",
        "summary": out_dir / "summary.md",
    }
    _atomic_write(written["findings"], dump_json(report))
    _atomic_write(written["sarif"], dump_json(to_sarif(outcome)))
    _atomic_write(written["summary"], render_summary(outcome))
    return written

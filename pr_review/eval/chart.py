"""The eval history's overall recall and false-positive rate over time, as a PNG (matplotlib, the
`metrics` extra, drawn on the Agg canvas as report/metrics_chart.py does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pr_review.report.metrics_chart import save_png

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # matplotlib's date epoch: a date is days since it


def _days(timestamp: str) -> float:
    return (dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00")) - _EPOCH).total_seconds() / 86400


def plot_history(entries: Sequence[Mapping[str, Any]], path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    dates = [_days(e["date"]) for e in entries]
    for metric, label in (("recall", "recall"), ("fp_rate", "false-positive rate"), ("precision", "precision")):
        points = [(d, e["overall"][metric]) for d, e in zip(dates, entries, strict=True)]
        known = [(d, value * 100) for d, value in points if value is not None]
        axes.plot([d for d, _ in known], [v for _, v in known], marker="o", label=label)
    axes.xaxis_date()
    if len(dates) == 1:  # one run: a week either side of it
        axes.set_xlim(dates[0] - 7, dates[0] + 7)
    axes.set_title(f"pr-review eval, {len(entries)} run(s) of the suite")
    axes.set_ylabel("%")
    axes.set_ylim(-2, 102)
    axes.grid(visible=True, alpha=0.3)
    axes.legend(loc="lower left", fontsize="small")
    figure.autofmt_xdate()
    figure.tight_layout()
    return save_png(figure, path)

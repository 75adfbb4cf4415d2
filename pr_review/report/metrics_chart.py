"""The dismissal-rate chart of `pr-review metrics`: one line per source, by week, as a PNG.

matplotlib is optional (the `metrics` extra); the Agg canvas is used directly, no pyplot state.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pr_review.no_follow import replace_file

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class _Rate(Protocol):
    @property
    def findings(self) -> int: ...
    @property
    def dismissal_rate(self) -> float: ...


_EPOCH = dt.date(1970, 1, 1)  # matplotlib's date epoch: a date on a date axis is days since it


def _days(day: dt.date) -> float:
    return float((day - _EPOCH).days)


def save_png(figure: Figure, path: Path) -> Path:
    """The figure as a PNG at path, written as every output file is (never through a link)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    replace_file(path, buffer.getvalue())
    return path


def chart_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def plot_dismissal_rate(weekly: Mapping[dt.date, Mapping[str, _Rate]], path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    weeks = sorted(weekly)
    sources = sorted({source for tallies in weekly.values() for source in tallies})
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for source in sources:
        points = [(week, weekly[week][source]) for week in weeks if source in weekly[week]]
        axes.plot(
            [_days(week) for week, _ in points],
            [tally.dismissal_rate * 100 for _, tally in points],
            marker="o",
            label=f"{source} ({sum(t.findings for _, t in points)} findings)",
        )
    axes.xaxis_date()
    axes.set_title("Dismissal rate per source, by week first seen")
    axes.set_xlabel("week (Monday)")
    axes.set_ylabel("dismissed / findings shown (%)")
    if len(weeks) == 1:  # one week: keep the axis to a fortnight around it
        axes.set_xlim(_days(weeks[0]) - 7, _days(weeks[0]) + 7)
    axes.set_ylim(-2, 102)
    axes.grid(visible=True, alpha=0.3)
    if sources:
        axes.legend(loc="upper left", fontsize="small")
    else:
        axes.text(0.5, 0.5, "no findings", ha="center", va="center", transform=axes.transAxes)
    figure.autofmt_xdate()
    figure.tight_layout()
    return save_png(figure, path)

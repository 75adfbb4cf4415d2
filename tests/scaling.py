"""Relative cost instead of wall-clock budgets.

A budget in seconds fails on a slow or busy machine and passes on a fast one whatever the code does.
Instead a cost is compared with another measured in the same test, on the same machine: the same
work at size n and at SCALE * n (the ratio tells linear work, about SCALE, from quadratic, about
SCALE**2), or attacker input against ordinary input of the same size. Each side keeps its best of a
few runs, which drops pauses caused by other processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

SCALE = 8
MAX_RATIO = 3 * SCALE  # linear work measures ~8, quadratic ~64
# Work that takes less than this is fast whatever a ratio says: timer and scheduler noise.
NOISE_FLOOR_S = 0.1


def best_time(run: Callable[[T], object], make: Callable[[int], T], *, repeat: int = 3) -> float:
    """The fastest of `repeat` runs, each on a fresh input (make(k)): a cached answer is not timed."""
    best = float("inf")
    for k in range(repeat):
        value = make(k)
        started = time.perf_counter()
        run(value)
        best = min(best, time.perf_counter() - started)
    return best


def assert_costs_at_most(
    run: Callable[[T], object],
    make: Callable[[int], T],
    reference: Callable[[int], T],
    max_ratio: float,
    *,
    label: str = "",
) -> None:
    """`run` on make(k) costs at most max_ratio times `run` on reference(k)."""
    cost = best_time(run, make)
    if cost < NOISE_FLOOR_S:
        return
    base = best_time(run, reference)
    ratio = cost / max(base, NOISE_FLOOR_S / max_ratio / 4)
    assert ratio < max_ratio, f"{label}: {cost:.3f}s against {base:.3f}s for the reference: {ratio:.0f}x"


def assert_scales_linearly(
    run: Callable[[T], object], make: Callable[[int, int], T], n: int, *, label: str = ""
) -> None:
    """`run` on an input of size SCALE * n costs at most MAX_RATIO times `run` on one of size n.
    make(size, k) builds the input; a different k gives a different input of the same size."""
    assert_costs_at_most(run, lambda k: make(SCALE * n, k), lambda k: make(n, k), MAX_RATIO, label=label)

"""Input-size scaling instead of wall-clock budgets.

A budget in seconds fails on a slow or busy machine and passes on a fast one whatever the code does.
Instead the same work is timed at size n and at SCALE * n in the same test, on the same machine: the
ratio tells linear work (about SCALE) from quadratic work (about SCALE**2) whatever the machine's
speed. Each size keeps its best of a few runs, which drops pauses caused by other processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

SCALE = 8
MAX_RATIO = 3 * SCALE  # linear work measures ~8, quadratic ~64
# Below this the larger input is fast whatever the ratio says: the small one is then within timer noise.
NOISE_FLOOR_S = 0.05


def best_time(run: Callable[[T], object], make: Callable[[int, int], T], size: int, *, repeat: int = 3) -> float:
    """The fastest of `repeat` runs, each on a fresh input (make(size, k)): a cached answer is not timed."""
    best = float("inf")
    for k in range(repeat):
        value = make(size, k)
        started = time.perf_counter()
        run(value)
        best = min(best, time.perf_counter() - started)
    return best


def assert_scales_linearly(
    run: Callable[[T], object], make: Callable[[int, int], T], n: int, *, label: str = ""
) -> None:
    """`run` on an input of size SCALE * n costs at most MAX_RATIO times `run` on one of size n.
    make(size, k) builds the input; a different k gives a different input of the same size."""
    small = best_time(run, make, n)
    large = best_time(run, make, SCALE * n, repeat=2)
    if large < NOISE_FLOOR_S:
        return
    ratio = large / max(small, NOISE_FLOOR_S / SCALE**2)
    assert ratio < MAX_RATIO, f"{label}: {large:.3f}s at {SCALE}x the size vs {small:.3f}s: {ratio:.0f}x"

"""The one timing helper the benchmark scripts share (run them as ``python bench/<script>.py``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_median_seconds(first: Callable[[], object], second: Callable[[], object],
                          runs: int) -> tuple[float, float]:
    """Median wall times of ``first`` and ``second``, run in turns (``first``, ``second``,
    ``first`` ...), so that a drift of the machine's speed during the runs weighs on both alike."""
    a, b = [], []
    for _ in range(runs):
        for fn, times in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)

"""Timing helper shared by the benchmarks: the median of repeated runs (each benchmark divides
it by a peer timed in the same process)."""

from __future__ import annotations

import time
from collections.abc import Callable


def median_seconds(func: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of ``repeat`` calls of ``func`` (after one untimed warm-up call)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]

"""Timing helpers shared by the benchmarks: medians of repeated runs, and of a method and its
peer run in turns (each benchmark divides one by the other, both timed in the same process)."""

from __future__ import annotations

import time
from collections.abc import Callable


def median_seconds(func: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of ``repeat`` calls of ``func`` (after one untimed warm-up call)."""
    return paired_seconds(func, repeat=repeat)[0]


def paired_seconds(*funcs: Callable[[], object], repeat: int = 7) -> list[float]:
    """Median wall time of each of ``funcs``, called in turns so that load on a shared machine
    falls on all of them alike (one untimed warm-up call each)."""
    return [sorted(spent)[len(spent) // 2] for spent in paired_times(*funcs, repeat=repeat)]


def paired_times(*funcs: Callable[[], object], repeat: int = 7) -> list[list[float]]:
    """Every wall time of each of ``funcs`` over ``repeat`` rounds of calls in turns (after
    one untimed warm-up call each), for figures that report the fastest call beside the
    median."""
    for func in funcs:
        func()
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, spent in zip(funcs, times):
            start = time.perf_counter()
            func()
            spent.append(time.perf_counter() - start)
    return times

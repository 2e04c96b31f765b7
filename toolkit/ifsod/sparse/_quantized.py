"""Exact leaky quantized recovery: dynamic programming on a step-function cost-to-go.

The problem is :math:`\\min \\sum_n |k_n|` over integers :math:`k_n` (spikes
:math:`s_n = \\theta k_n`) with the leaky spike sum :math:`K_n = \\lambda_n K_{n-1} + k_n`,
:math:`K_0 = 0`, strictly inside the tube :math:`|w_n - K_n| < 1`, :math:`w_n = W_n/\\theta` (the
open leaky ball :math:`\\|C_\\lambda(x - s)\\|_\\infty < \\theta`, in units of :math:`\\theta`).

The cost-to-go :math:`H_n(K)` (fewest spikes after step :math:`n` from :math:`K_n = K`) is an
integer step function on the open interval :math:`(w_n - 1, w_n + 1)`, and Bellman's equation

.. math:: H_{n-1}(K) = \\min_{k \\in \\mathbb{Z}:\\ |w_n - \\lambda_n K - k| < 1}
          |k| + H_n(\\lambda_n K + k)

maps step functions to step functions: each admissible :math:`k` contributes
:math:`H_n` pulled back by the increasing map :math:`K \\mapsto \\lambda_n K + k` on the open
interval where :math:`k` is admissible.  A step function is stored exactly as its breakpoints,
its value at each breakpoint and its value on each open gap, so open ends and ties are decided
exactly for ``Fraction`` input.  On recordings the functions keep a few dozen pieces, so the
backward pass costs :math:`O(N P \\log P)` and a forward pass reads the optimal spikes off.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import Any

import numpy as np

from .._validate import Number
from . import _kernels


@dataclass(frozen=True)
class QuantizedSolution:
    """Best spike train found, its spike count, a proved lower bound on the optimal count.

    Parameters
    ----------
    spikes : numpy.ndarray
        The spike train, multiples of theta.
    count : int
        Its spike count ``sum |k_n|``.
    bound : int
        A proved lower bound on the optimal count (``count`` when optimal).
    status : str
        ``"optimal"`` or ``"time_limit"``.

    Examples
    --------
    >>> QuantizedSolution(np.array([1.0, 0.0]), 1, 1, "optimal").count
    1
    """

    spikes: np.ndarray
    count: int
    bound: int
    status: str


@dataclass(frozen=True)
class _Steps:
    """Integer step function on an open interval: ``gaps[i]`` holds on the open gap before
    ``points[i]`` (and ``gaps[-1]`` after the last point), ``at[i]`` at ``points[i]``."""

    points: list
    at: list
    gaps: list

    def __call__(self, t):
        i = bisect_left(self.points, t)
        if i < len(self.points) and self.points[i] == t:
            return self.at[i]
        return self.gaps[i]


def solve(x: np.ndarray, theta: Number, leak: np.ndarray, *, time_limit: float | None = None,
          progress: bool = False) -> QuantizedSolution:
    """Fewest spikes in the open leaky ball, exactly (or the best found by ``time_limit``).

    ``x`` and ``leak`` (one factor per step) are float arrays, or object arrays of ``Fraction``
    with a ``Fraction`` ``theta`` (then every comparison is exact).  With a time limit that
    stops the backward pass at step ``m``, the incumbent is LIF^M up to ``m`` followed by the
    optimal continuation, and the bound adds the relaxed cost of reaching each state (T6j) to
    its exact cost-to-go.

    Parameters
    ----------
    x : numpy.ndarray
        Validated samples (float64, or an object array of ``Fraction``).
    theta : float or Fraction
        The threshold.
    leak : numpy.ndarray
        One leak factor in (0, 1] per step.
    time_limit : float, optional
        Seconds the backward pass may take.
    progress : bool
        Whether to show a progress bar (needs ``tqdm``).

    Returns
    -------
    QuantizedSolution
        The spikes, their count, the bound and the status.

    Examples
    --------
    >>> solve(np.array([1.0, -0.75, 0.5]), 1.0, np.full(3, 0.375))
    QuantizedSolution(spikes=array([1., 0., 0.]), count=1, bound=1, status='optimal')
    """
    start = time.perf_counter()
    n_steps = x.shape[0]
    if n_steps == 0:
        return QuantizedSolution(x.copy(), 0, 0, "optimal")
    w = _scaled_sums(x, theta, leak)
    # to_go[n] stays None for the steps a time limit leaves unexplored.
    to_go: list[_Steps | None] = [None] * (n_steps + 1)
    to_go[n_steps] = _Steps([], [], [0])
    bar = _progress_bar(n_steps, progress)
    reached = 0  # to_go[m] is known for every m > reached
    for n in range(n_steps - 1, 0, -1):
        if time_limit is not None and time.perf_counter() - start > time_limit:
            reached = n + 1
            break
        after = to_go[n + 1]
        assert after is not None  # filled by the previous iteration
        to_go[n] = pulled = _pull_back(after, w[n - 1], w[n], leak[n])
        if bar is not None:
            bar.update(1)
            bar.set_postfix(pieces=len(pulled.points))
    if bar is not None:
        bar.close()
    if reached:
        return _stopped(x, theta, leak, w, to_go, reached)
    counts = _forward(w, leak, to_go, 0, x[0] - x[0])
    count = sum(abs(k) for k in counts)
    return QuantizedSolution(_spikes(counts, theta), count, count, "optimal")


def _scaled_sums(x, theta, leak):
    """Leaky partial sums ``W_n / theta`` (D2)."""
    out = []
    total = x[0] - x[0]
    for value, factor in zip(x, leak):
        total = factor * total + value
        out.append(total / theta)
    return out


def _admissible(w_next, image):
    """Integers ``k`` with ``|w_next - image - k| < 1``: one or two of them."""
    low = math.floor(w_next - image)
    return [k for k in (low - 1, low, low + 1, low + 2) if -1 < w_next - image - k < 1]


def _pull_back(after: _Steps, w_prev: Number, w_next: Number, factor: Number) -> _Steps:
    """``H_{n-1}`` on ``(w_prev - 1, w_prev + 1)`` from ``H_n = after`` by Bellman's equation."""
    low, high = w_prev - 1, w_prev + 1
    options = []
    cuts: set[Any] = set()
    for k in range(math.floor(w_next - 1 - factor * high),
                   math.ceil(w_next + 1 - factor * low) + 1):
        begin, end = (w_next - 1 - k) / factor, (w_next + 1 - k) / factor
        if end <= low or begin >= high:
            continue
        options.append((k, begin, end))
        cuts.update(c for c in (begin, end) if low < c < high)
        cuts.update(c for c in ((t - k) / factor for t in after.points) if low < c < high)
    points = sorted(cuts)

    def best(state):
        return min(abs(k) + after(factor * state + k)
                   for k, begin, end in options if begin < state < end)

    edges = [low, *points, high]
    gaps = [best((a + b) / 2) for a, b in pairwise(edges)]
    at = [best(p) for p in points]
    kept_points, kept_at, kept_gaps = [], [], [gaps[0]]
    for point, value, right in zip(points, at, gaps[1:]):
        if value == kept_gaps[-1] == right:
            continue  # not a step
        kept_points.append(point)
        kept_at.append(value)
        kept_gaps.append(right)
    return _Steps(kept_points, kept_at, kept_gaps)


def _forward(w, leak, to_go, start, state):
    """Optimal counts from step ``start`` on, from the leaky spike sum ``state`` before it."""
    counts = []
    for n in range(start, len(w)):
        image = leak[n] * state
        k = min(_admissible(w[n], image), key=lambda j: abs(j) + to_go[n + 1](image + j))
        counts.append(k)
        state = image + k
    return counts


def _stopped(x, theta, leak, w, to_go, reached):
    """Incumbent and bound when the backward pass stopped with ``to_go[m]`` known for
    ``m >= reached``."""
    state = x[0] - x[0]
    prefix = []
    for n in range(reached - 1):
        image = leak[n] * state
        k = math.trunc(w[n] - image)  # LIF^M: the count truncated towards zero
        prefix.append(k)
        state = image + k
    counts = [*prefix, *_forward(w, leak, to_go, reached - 1, state)]
    count = sum(abs(k) for k in counts)
    # No path reaches K after ``reached`` steps for less than the relaxed cost spent + |K - q|
    # (q the leaky lazy path, spent its cost so far; T6j), which adds to the exact cost-to-go.
    y = np.empty_like(x)
    kernel = _kernels.leaky_lazy_path if x.dtype == object else _kernels.leaky_lazy_path_numba
    kernel(x, theta, leak, y)
    q = x[0] - x[0]
    for n in range(reached):
        q = leak[n] * q + y[n]
    q = q / theta
    spent = sum(abs(v) for v in y[:reached]) / theta
    after = to_go[reached]
    edges = [w[reached - 1] - 1, *after.points, w[reached - 1] + 1]
    pieces = [(value, a, b) for value, a, b in zip(after.gaps, edges[:-1], edges[1:])]
    pieces += [(value, p, p) for value, p in zip(after.at, after.points)]
    least = min(value + max(a - q, 0, q - b) for value, a, b in pieces) + spent
    if x.dtype != object:
        least -= 1e-9 * (1 + least)  # rounding of the float partial sums
    bound = min(max(0, math.ceil(least)), count)
    return QuantizedSolution(_spikes(counts, theta), count, bound, "time_limit")


def _spikes(counts, theta):
    spikes = np.empty(len(counts), dtype=object if isinstance(theta, Fraction) else np.float64)
    spikes[:] = [theta * k for k in counts]
    return spikes


def _progress_bar(total, progress):
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError as err:
        raise ImportError("progress=True needs the 'tqdm' package: "
                          "pip install 'ifsod[sparse]'") from err
    return tqdm(total=total, desc="leaky quantized, backward pass", unit="step")

"""Validation of the numbers that make a continuous-time signal or spike train (D3, D7).

Each helper returns the values in one number mode, exact (``Fraction``, or
:class:`~ifsod.algebraic.Algebraic` for event times) or float, and raises ``ValueError`` or
``TypeError`` naming the parameter.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Set
from fractions import Fraction

import numpy as np

from .algebraic import Algebraic
from ._validate import as_samples, to_fraction


def as_list(values, name: str) -> list:
    """``values`` as a list, refusing scalars and unordered containers (a ``set`` would pair
    times with weights in hash order)."""
    if isinstance(values, Set | Mapping):
        raise TypeError(f"{name} must be an ordered sequence; got {type(values).__name__}")
    try:
        return list(values)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of numbers; got "
                        f"{type(values).__name__}") from None


def numbers(values, name: str, exact: bool | None = None) -> tuple[list, bool]:
    """A 1-D list of finite reals (``Fraction`` in exact mode, else ``float``) and the mode."""
    if not (isinstance(values, np.ndarray) and values.dtype.kind in "fiu"):
        values = as_list(values, name)
    with np.errstate(over="ignore"):  # a sum overflowing is a scan for inf, not an error
        arr, is_exact = as_samples(values, name, exact=exact)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {arr.shape}")
    return arr.tolist(), is_exact


def times(values, name: str) -> tuple[list, bool]:
    """Like :func:`numbers`, but exact algebraic times (event times of a train) pass as-is."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        return numbers(values, name)
    values = as_list(values, name)
    if any(isinstance(v, Algebraic) for v in values):
        return [v if isinstance(v, Algebraic) else to_fraction(v, name) for v in values], True
    return numbers(values, name)


def to_float(value, name: str) -> float:
    """``float(value)`` of an exact real, refusing what float64 cannot hold."""
    try:
        out = float(value)
    except OverflowError:
        out = float("inf")
    if not -float("inf") < out < float("inf"):
        digits = len(str(abs(math.trunc(value))))
        raise ValueError(f"{name} holds a value of about 1e{digits - 1}, beyond the float64 "
                         "range")
    return out


def exactify(values, exact: bool, name: str = "signal") -> list:
    """Values in one mode: ``Fraction``/``Algebraic`` (exact) or ``float``."""
    if not exact:
        return [to_float(v, name) for v in values]
    return [v if isinstance(v, Algebraic) else Fraction(v) for v in values]


def check_increasing(values, name: str) -> None:
    """Refuse values that are not strictly increasing."""
    for k, (a, b) in enumerate(itertools.pairwise(values)):
        if not a < b:
            raise ValueError(
                f"{name} must be strictly increasing; entry {k + 1} ({b}) follows {a}")


def time_range(t_range, exact: bool | None = None) -> tuple[list, bool]:
    """``([t0, T], exact)`` from a pair with ``t0 < T``."""
    if isinstance(t_range, Set | Mapping):
        raise TypeError("t_range must be a pair (t0, T); got an unordered "
                        f"{type(t_range).__name__}")
    try:
        values = list(t_range)
    except TypeError:
        raise TypeError("t_range must be a pair (t0, T)") from None
    if len(values) != 2:
        raise ValueError(f"t_range must be a pair (t0, T); got {len(values)} values")
    values, is_exact = numbers(values, "t_range", exact=exact)
    if not values[0] < values[1]:
        raise ValueError(f"t_range must have t0 < T; got {tuple(values)}")
    return values, is_exact


def impulses(times_, weights, t_range, exact: bool = False) -> tuple:
    """Validated impulses: ``((t0, T), times, weights, exact)``, every time in ``[t0, T]``.

    The mode is exact if any input is (or ``exact`` asks for it)."""
    (t0, t_end), range_exact = time_range(t_range)
    times_, t_exact = times(times_, "times")
    weights, w_exact = numbers(weights, "weights")
    if len(times_) != len(weights):
        raise ValueError(f"weights must have one entry per time ({len(times_)}); "
                         f"got {len(weights)}")
    exact = exact or range_exact or t_exact or w_exact
    if exact:  # float mode keeps the floats numbers() returned
        t0, t_end = exactify([t0, t_end], exact, "t_range")
        times_, weights = exactify(times_, exact, "times"), exactify(weights, exact, "weights")
    if times_ and not (t0 <= min(times_) and max(times_) <= t_end):
        tau = next(tau for tau in times_ if not t0 <= tau <= t_end)
        raise ValueError(f"times must lie in [t0, T] = [{t0}, {t_end}]; got {tau}")
    return (t0, t_end), times_, weights, exact


def merge_impulses(diracs) -> list:
    """Sort ``(time, weight)`` pairs by time, add weights at equal times, drop zero weights."""
    out: list = []
    for t, w in sorted(diracs, key=lambda d: d[0]):
        if out and out[-1][0] == t:
            out[-1] = (t, out[-1][1] + w)
        else:
            out.append((t, w))
    return [(t, w) for t, w in out if w != 0]


def sorted_unique(values) -> list:
    """Sorted values without repeats."""
    out: list = []
    for v in sorted(values):
        if not out or out[-1] != v:
            out.append(v)
    return out

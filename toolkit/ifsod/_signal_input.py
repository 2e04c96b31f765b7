"""Validation of the numbers that make a continuous-time signal or spike train (D3, D7).

Each helper returns the values in one number mode, exact (``Fraction``, or
:class:`~ifsod.algebraic.Algebraic` for event times) or float, and raises ``ValueError`` or
``TypeError`` naming the parameter.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Iterable, Mapping, Set
from fractions import Fraction
from typing import Any

import numpy as np

from ._validate import as_samples, to_fraction
from .algebraic import Algebraic


def as_list(values: object, name: str) -> list[Any]:
    """``values`` as a list, refusing scalars and unordered containers (a ``set`` would pair
    times with weights in hash order).

    Parameters
    ----------
    values : sequence
        The values.
    name : str
        The parameter name for error messages.

    Returns
    -------
    list
        The values in their order.

    Examples
    --------
    >>> as_list((1, 2), "times")
    [1, 2]
    >>> as_list({1, 2}, "times")
    Traceback (most recent call last):
    ...
    TypeError: times must be an ordered sequence; got set
    """
    if isinstance(values, Set | Mapping):
        raise TypeError(f"{name} must be an ordered sequence; got {type(values).__name__}")
    try:
        return list(values)  # type: ignore[call-overload]  # the TypeError is the check
    except TypeError:
        raise TypeError(f"{name} must be a sequence of numbers; got "
                        f"{type(values).__name__}") from None


def numbers(values: object, name: str, exact: bool | None = None) -> tuple[list[Any], bool]:
    """A 1-D list of finite reals (``Fraction`` in exact mode, else ``float``) and the mode.

    Parameters
    ----------
    values : sequence of real or ndarray
        The values.
    name : str
        The parameter name for error messages.
    exact : bool or None
        The number mode; ``None`` picks exact if any value is exact.

    Returns
    -------
    tuple of (list, bool)
        The values and whether they are exact.

    Examples
    --------
    >>> from fractions import Fraction
    >>> numbers([1, Fraction(1, 2)], "weights")
    ([Fraction(1, 1), Fraction(1, 2)], True)
    >>> numbers([1, 2.5], "weights")
    ([1.0, 2.5], False)
    """
    if not (isinstance(values, np.ndarray) and values.dtype.kind in "fiu"):
        values = as_list(values, name)
    with np.errstate(over="ignore"):  # a sum overflowing is a scan for inf, not an error
        arr, is_exact = as_samples(values, name, exact=exact)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {arr.shape}")
    return arr.tolist(), is_exact


def times(values: object, name: str) -> tuple[list[Any], bool]:
    """Like :func:`numbers`, but exact algebraic times (event times of a train) pass as-is.

    Parameters
    ----------
    values : sequence of real or Algebraic, or ndarray
        The times.
    name : str
        The parameter name for error messages.

    Returns
    -------
    tuple of (list, bool)
        The times and whether they are exact.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    >>> times([0, root2], "times")[0][0], times([0, root2], "times")[1]
    (Fraction(0, 1), True)
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        return numbers(values, name)
    values = as_list(values, name)
    if any(isinstance(v, Algebraic) for v in values):
        return [v if isinstance(v, Algebraic) else to_fraction(v, name) for v in values], True
    return numbers(values, name)


def to_float(value: Any, name: str) -> float:
    """``float(value)`` of an exact real, refusing what float64 cannot hold.

    Parameters
    ----------
    value : Fraction, Algebraic or float
        An exact real.
    name : str
        The parameter name for error messages.

    Returns
    -------
    float
        The nearest float.

    Examples
    --------
    >>> from fractions import Fraction
    >>> to_float(Fraction(1, 4), "weights")
    0.25
    >>> to_float(Fraction(10**400), "weights")
    Traceback (most recent call last):
    ...
    ValueError: weights holds a value of about 1e400, beyond the float64 range
    """
    try:
        out = float(value)
    except OverflowError:
        out = float("inf")
    if not -float("inf") < out < float("inf"):
        digits = len(str(abs(math.trunc(value))))
        raise ValueError(f"{name} holds a value of about 1e{digits - 1}, beyond the float64 "
                         "range")
    return out


def exactify(values: Iterable[Any], exact: bool, name: str = "signal") -> list[Any]:
    """Values in one mode: ``Fraction``/``Algebraic`` (exact) or ``float``.

    Parameters
    ----------
    values : iterable of real
        The values.
    exact : bool
        The mode to convert to.
    name : str
        The parameter name for error messages.

    Returns
    -------
    list
        The values as ``Fraction``/``Algebraic`` or as ``float``.

    Examples
    --------
    >>> exactify([0.5, 2], True)
    [Fraction(1, 2), Fraction(2, 1)]
    >>> exactify([Fraction(1, 2)], False)
    [0.5]
    """
    values = list(values)
    if not exact:
        # numbers() hands over finite floats as they are
        if all(type(v) is float for v in values) and all(map(math.isfinite, values)):
            return values
        return [to_float(v, name) for v in values]
    return [v if isinstance(v, Algebraic) else Fraction(v) for v in values]


def check_increasing(values: Iterable[Any], name: str) -> None:
    """Refuse values that are not strictly increasing.

    Parameters
    ----------
    values : iterable of real
        The values.
    name : str
        The parameter name for error messages.

    Examples
    --------
    >>> check_increasing([0, 1, 1], "breakpoints")
    Traceback (most recent call last):
    ...
    ValueError: breakpoints must be strictly increasing; entry 2 (1) follows 1
    """
    values = list(values)
    if all(map(operator.lt, values, values[1:])):  # one pass in C for the common case
        return
    for k, (a, b) in enumerate(itertools.pairwise(values)):
        if not a < b:
            raise ValueError(
                f"{name} must be strictly increasing; entry {k + 1} ({b}) follows {a}")


def time_range(t_range: object, exact: bool | None = None) -> tuple[list[Any], bool]:
    """``([t0, T], exact)`` from a pair with ``t0 < T``.

    Parameters
    ----------
    t_range : pair of real
        ``(t0, T)``.
    exact : bool or None
        The number mode; ``None`` picks exact if either end is exact.

    Returns
    -------
    tuple of (list, bool)
        ``[t0, T]`` and whether they are exact.

    Examples
    --------
    >>> time_range((0, 2.5))
    ([0.0, 2.5], False)
    >>> time_range((1, 1))
    Traceback (most recent call last):
    ...
    ValueError: t_range must have t0 < T; got (1.0, 1.0)
    """
    if isinstance(t_range, Set | Mapping):
        raise TypeError("t_range must be a pair (t0, T); got an unordered "
                        f"{type(t_range).__name__}")
    try:
        values = list(t_range)  # type: ignore[call-overload]  # the TypeError is the check
    except TypeError:
        raise TypeError("t_range must be a pair (t0, T)") from None
    if len(values) != 2:
        raise ValueError(f"t_range must be a pair (t0, T); got {len(values)} values")
    values, is_exact = numbers(values, "t_range", exact=exact)
    if not values[0] < values[1]:
        raise ValueError(f"t_range must have t0 < T; got {tuple(values)}")
    return values, is_exact


def impulses(times_: object, weights: object, t_range: object, exact: bool = False
             ) -> tuple[tuple[Any, Any], list[Any], list[Any], bool]:
    """Validated impulses: ``((t0, T), times, weights, exact)``, every time in ``[t0, T]``.

    The mode is exact if any input is (or ``exact`` asks for it).

    Parameters
    ----------
    times_ : sequence of real or Algebraic
        The impulse times.
    weights : sequence of real
        One weight per time.
    t_range : pair of real
        ``(t0, T)``.
    exact : bool
        Ask for exact mode even if every input is a float.

    Returns
    -------
    tuple
        ``((t0, T), times, weights, exact)``.

    Examples
    --------
    >>> impulses([0.5], [1], (0, 1))
    ((0.0, 1.0), [0.5], [1.0], False)
    >>> impulses([2], [1], (0, 1))
    Traceback (most recent call last):
    ...
    ValueError: times must lie in [t0, T] = [0.0, 1.0]; got 2.0
    """
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


def merge_impulses(diracs: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Sort ``(time, weight)`` pairs by time, add weights at equal times, drop zero weights.

    Parameters
    ----------
    diracs : iterable of (time, weight)
        The impulses, in any order.

    Returns
    -------
    list of (time, weight)
        Sorted by time, one per instant, none of weight zero.

    Examples
    --------
    >>> merge_impulses([(1, 2), (0, 1), (1, -2), (0, 1)])
    [(0, 2)]
    """
    out: list[tuple[Any, Any]] = []
    for t, w in sorted(diracs, key=lambda d: d[0]):
        if out and out[-1][0] == t:
            out[-1] = (t, out[-1][1] + w)
        else:
            out.append((t, w))
    return [(t, w) for t, w in out if w != 0]


def sorted_unique(values: Iterable[Any]) -> list[Any]:
    """Sorted values without repeats.

    Parameters
    ----------
    values : iterable of real
        The values.

    Returns
    -------
    list
        The distinct values, sorted.

    Examples
    --------
    >>> sorted_unique([2, 0, 2, 1])
    [0, 1, 2]
    """
    out: list[Any] = []
    for v in sorted(values):
        if not out or out[-1] != v:
            out.append(v)
    return out


def check_finite(values: Iterable[Any], what: str) -> None:
    """Refuse float results that overflowed to inf (or became NaN).

    Parameters
    ----------
    values : iterable of float
        The results.
    what : str
        What overflowed, naming the parameter (the start of the message).

    Examples
    --------
    >>> check_finite([1.0, 2.0], "other: the sum")
    >>> check_finite([1e308 * 10], "other: the sum")
    Traceback (most recent call last):
    ...
    ValueError: other: the sum overflows float64; use exact (Fraction) input
    """
    if not all(map(math.isfinite, values)):
        raise ValueError(f"{what} overflows float64; use exact (Fraction) input")


def check_time(t: object, t_range: tuple[Any, Any], exact: bool, name: str = "t") -> Any:
    """A time in ``[t0, T]`` in one number mode (an exact algebraic time stays algebraic).

    Parameters
    ----------
    t : real or Algebraic
        The time.
    t_range : pair
        ``(t0, T)`` of the signal.
    exact : bool
        The signal's number mode.
    name : str
        The parameter name for error messages.

    Returns
    -------
    float, Fraction or Algebraic
        The time.

    Examples
    --------
    >>> check_time(1, (0.0, 2.0), False), check_time(0.5, (0, 2), True)
    (1.0, Fraction(1, 2))
    >>> check_time(3, (0.0, 2.0), False)
    Traceback (most recent call last):
    ...
    ValueError: t must lie in [t0, T] = [0.0, 2.0]; got 3
    """
    if isinstance(t, Algebraic):
        value: Any = t if exact else float(t)
    elif exact:
        value = to_fraction(t, name)
    else:
        value = float(to_fraction(t, name))
    if not t_range[0] <= value <= t_range[1]:
        raise ValueError(f"{name} must lie in [t0, T] = [{t_range[0]}, {t_range[1]}]; got {t}")
    return value

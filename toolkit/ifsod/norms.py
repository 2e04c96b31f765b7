"""Alexiewicz and discrepancy norms of sampled sequences (D1, D2, T7).

Integer data is summed in int64 where every running sum is sure to fit and in Python integers
otherwise, so integer norms are exact integers; floats follow ``np.cumsum``'s order of
additions, one compiled pass over blocks of channels, without storing the sums.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _channels, _integer, _kernels
from ._threads import call_blocked
from ._typing import ArrayLike, Leak
from ._validate import as_channels, as_samples, check_leak
from .encode import leak_factors
from .interop.labelled import labelled


def _samples(a: ArrayLike, name: str, leak: Leak, axis: int
             ) -> tuple[np.ndarray, str, np.ndarray | None, int]:
    """Validate; return ``(array, kind, leak factors, axis)``, kind ``float|int|exact``.

    Integer data stays integer without a leak: int64 when the running sums fit, else an
    object array of Python ints.  With a leak, integers beyond 2**53 become ``Fraction``.
    """
    ints, fits = _integer.integer_samples(a)
    if ints is not None:
        axis = _channels.time_axis(ints, axis, name)
        factors = check_leak(leak, ints.shape[axis], exact=False)
        if factors is None:
            if fits and _integer.sums_fit(ints, axis):
                return ints.astype(np.int64, copy=False), "int", None, axis
            return ints.astype(object), "exact", None, axis
        if fits and _integer.magnitude(ints) <= _integer.FLOAT_EXACT:
            return ints.astype(np.float64), "float", leak_factors(factors, False), axis
        exact = check_leak(leak, ints.shape[axis], exact=True)
        return _integer.as_fractions(ints), "exact", leak_factors(exact, True), axis
    arr, exact = as_samples(a, name)
    axis = _channels.time_axis(arr, axis, name)
    factors = check_leak(leak, arr.shape[axis], exact=exact)
    return arr, "exact" if exact else "float", leak_factors(factors, exact), axis


@labelled("same")
def running_sums(a: ArrayLike, *, leak: Leak = 1.0, axis: int = -1) -> np.ndarray:
    r"""Leaky partial sums :math:`\sum_{k\le n} \lambda^{n-k} a_k` along ``axis``.

    Exact (``Fraction``) for exact input, integers for integer input; ``leak`` may be one
    factor per step.  Float sums beyond the float64 range are refused, never ``inf``.

    Parameters
    ----------
    a : array_like
        Sequence(s), time along ``axis``.
    leak : float or array_like
        Leak factor :math:`\lambda` in (0, 1], or one factor per step.
    axis : int
        Time axis.

    Returns
    -------
    numpy.ndarray
        The partial sums, of the shape of ``a``.

    Raises
    ------
    ValueError
        If a float partial sum exceeds the float64 range (pass ``Fraction`` values).

    Examples
    --------
    >>> running_sums([1.0, -2.0, 4.0], leak=0.5)
    array([ 1.  , -1.5 ,  3.25])
    >>> running_sums(np.array([2**62, 2**62]))
    array([4611686018427387904, 9223372036854775808], dtype=object)
    >>> running_sums([1e308, 1e308])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: a: its running sums exceed the float64 range; pass Fraction values ...
    """
    return _running(*_samples(a, "a", leak, axis))


def _refuse_overflow(sums: np.ndarray, kind: str, name: str) -> None:
    """Refuse float sums of finite samples that left the float64 range (an ``inf``)."""
    if kind == "float" and not np.all(np.isfinite(sums)):
        raise ValueError(f"{name}: its running sums exceed the float64 range; pass Fraction "
                         "values for exact sums, or scale the data down")


def _running(arr: np.ndarray, kind: str, factors: np.ndarray | None, axis: int) -> np.ndarray:
    """:func:`running_sums` of validated samples."""
    if factors is None:
        with np.errstate(over="ignore"):
            sums = np.cumsum(arr, axis=axis)
        _refuse_overflow(sums, kind, "a")
        return sums
    rows = _channels.rows(arr, axis)
    out = np.empty_like(rows)
    kernel = _kernels.leaky_cumsum_rows if kind == "exact" else _kernels.leaky_cumsum_rows_numba
    kernel(rows, factors, np.zeros(rows.shape[0], dtype=rows.dtype), out)
    _refuse_overflow(out, kind, "a")
    return _channels.unrows(out, arr.shape, axis)


def _sum_ranges(a, leak, axis, workers):
    """Per channel: ``(max |c_n|, min c_n, max c_n)`` of the running sums (``c_0 = 0``)."""
    arr, kind, factors, axis = _samples(a, "a", leak, axis)
    shape = _channels.channel_shape(arr.shape, axis)
    if kind == "exact":
        sums = np.moveaxis(_running(arr, kind, factors, axis), axis, -1)
        zero = np.empty(shape + (1,), dtype=object)
        zero[...] = sums.flat[0] * 0 if sums.size else 0  # Fraction(0) for Fraction data
        sums = np.concatenate([zero, sums], axis=-1)
        return (np.max(np.abs(sums), axis=-1), np.min(sums, axis=-1), np.max(sums, axis=-1),
                False)
    rows = _channels.rows(arr, axis)
    peak, low, high = (np.empty(rows.shape[0], dtype=rows.dtype) for _ in range(3))
    call_blocked(_kernels.sum_ranges_numba, _kernels.sum_ranges_parallel, rows.shape[0], workers,
                 rows, factors, peak, low, high)
    _refuse_overflow(peak, kind, "a")  # an overflowing running sum makes its peak inf
    return peak.reshape(shape), low.reshape(shape), high.reshape(shape), kind == "int"


def _scalar(value: Any, integer: bool) -> Any:
    """A 0-d result as a Python number (int for integer data); arrays as they are."""
    if np.ndim(value):
        return value
    value = value[()] if isinstance(value, np.ndarray) else value
    if integer:
        return int(value)
    return float(value) if isinstance(value, np.floating) else value


@labelled("reduced")
def alexiewicz_norm(a: ArrayLike, *, leak: Leak = 1.0, axis: int = -1,
                    workers: int | None = None) -> Any:
    r"""Alexiewicz norm :math:`\|a\|_A = \max_n |\sum_{k\le n} a_k|` (D1), or its leaky form (D2).

    With ``leak`` :math:`\lambda < 1`: :math:`\|a\|_{A,\lambda} = \max_n |\sum_{k\le n}
    \lambda^{n-k} a_k|`.  The norm of an empty sequence is 0.  Exact for exact input; an
    integer for integer input without a leak (never rounded through float64).

    Parameters
    ----------
    a : array_like or dask.array.Array
        Sequence(s), time along ``axis``.
    leak : float or array_like
        Leak factor in (0, 1] per step, or one factor per step.
    axis : int
        Time axis; the norm is taken along it for every channel.
    workers : int, optional
        Threads for many channels (default: numba's ``NUMBA_NUM_THREADS`` setting).

    Returns
    -------
    float, int, Fraction or numpy.ndarray
        One norm per channel (a scalar for 1-D input).

    Examples
    --------
    >>> alexiewicz_norm([1.0, -3.0, 1.0])
    2.0
    >>> from fractions import Fraction
    >>> alexiewicz_norm([Fraction(1, 3), Fraction(1, 3)])
    Fraction(2, 3)
    >>> alexiewicz_norm(np.array([2**53 + 1, -2**53]))
    9007199254740993
    """
    if type(a).__module__.split(".")[0] == "dask":
        from . import _dask

        return _dask.alexiewicz_norm(a, leak=leak, axis=axis)
    peak, _, _, integer = _sum_ranges(a, leak, axis, workers)
    return _scalar(peak, integer)


@labelled("reduced")
def discrepancy_norm(a: ArrayLike, *, axis: int = -1, workers: int | None = None) -> Any:
    r"""Discrepancy norm :math:`\|a\|_D = \max_{m\le n} |\sum_{k=m}^{n} a_k|` (T7).

    Computed as :math:`\max_n P_n - \min_n P_n` over the partial sums with :math:`P_0 = 0`,
    so :math:`\|a\|_A \le \|a\|_D \le 2\|a\|_A`.

    Parameters
    ----------
    a : array_like or dask.array.Array
        Sequence(s), time along ``axis``.
    axis : int
        Time axis.
    workers : int, optional
        Threads for many channels, as in :func:`alexiewicz_norm`.

    Returns
    -------
    float, int, Fraction or numpy.ndarray
        One norm per channel (a scalar for 1-D input); exact for exact and integer input.

    Examples
    --------
    >>> discrepancy_norm([1.0, -3.0, 1.0])
    3.0
    """
    if type(a).__module__.split(".")[0] == "dask":
        from . import _dask

        return _dask.discrepancy_norm(a, axis=axis)
    _, low, high, integer = _sum_ranges(a, 1.0, axis, workers)
    with np.errstate(over="ignore"):
        spread = high - low
    if np.asarray(spread).dtype.kind == "f" and not np.all(np.isfinite(spread)):
        raise ValueError("a: its discrepancy norm exceeds the float64 range")
    return _scalar(spread, integer)


@labelled("reduced", pairs=2)
def alexiewicz_distance(a: ArrayLike, b: ArrayLike, *, leak: Leak = 1.0,
                        axis: int = -1) -> Any:
    """Distance :math:`d_A(a, b) = \\|a - b\\|_A` (D1).

    Parameters
    ----------
    a, b : array_like
        Sequences of one shape, time along ``axis``; exact if either is.
    leak : float or array_like
        Leak of the norm (D2).
    axis : int
        Time axis.

    Returns
    -------
    float, Fraction or numpy.ndarray
        One distance per channel (a scalar for 1-D input).

    Examples
    --------
    >>> alexiewicz_distance([1.0, 2.0], [0.0, 3.0])
    1.0
    """
    a_arr, a_exact = as_channels(a, "a")
    b_arr, b_exact = as_channels(b, "b", exact=a_exact or None)
    if a_exact != b_exact and not a_exact:
        a_arr, _ = as_samples(a_arr, "a", exact=True)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"b must have the shape of a {a_arr.shape}; got {b_arr.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        diff = a_arr - b_arr
    if diff.dtype != object and not np.all(np.isfinite(diff)):
        raise ValueError("b: a - b exceeds the float64 range; pass Fraction values for an "
                         "exact distance")
    return alexiewicz_norm(diff, leak=leak, axis=axis)

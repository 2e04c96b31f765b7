"""Integer samples: which integer data the int64 kernels encode exactly, and which they cannot.

Integer sensor data (int8 ... int64, uint8 ... uint64) with an integer threshold is encoded in
int64 arithmetic, exactly; values that int64 cannot hold (Python ints beyond it, uint64 above
2**63 - 1) and float paths that would round them (beyond 2**53) are routed to exact arithmetic
or refused, never rounded silently.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Any

import numpy as np

INT64_MAX = 2**63 - 1
#: Integers up to this magnitude convert to float64 without rounding.
FLOAT_EXACT = 2**53
#: Largest threshold of the integer kernels: ``4 * theta`` must not overflow int64.
THETA_MAX = 2**60


def integer_samples(x: object) -> tuple[np.ndarray | None, bool]:
    """Return ``(array, fits)`` for integer data, ``(None, False)`` for anything else.

    ``array`` is a NumPy integer array (uint64 that fits is viewed as int64) when ``fits``;
    otherwise an object array of Python ints, some beyond int64.

    Parameters
    ----------
    x : object
        Anything passed as samples; only NumPy integer arrays, and lists or tuples of
        integers, count as integer data.

    Returns
    -------
    tuple of (numpy.ndarray or None, bool)
        The integer array and whether it fits int64.

    Examples
    --------
    >>> integer_samples(np.array([1, 2], dtype=np.int16))
    (array([1, 2], dtype=int16), True)
    >>> integer_samples([2**64])[1]
    False
    >>> integer_samples([0.5])
    (None, False)
    """
    if isinstance(x, np.ndarray):
        arr = x
    elif isinstance(x, list | tuple):
        try:
            arr = np.asarray(x)
        except (ValueError, OverflowError):
            return None, False
    else:
        return None, False
    kind = arr.dtype.kind
    if kind == "u" and arr.dtype.itemsize == 8:
        if arr.size and int(arr.max()) > INT64_MAX:
            return arr.astype(object), False
        return arr.view(np.int64), True
    if kind in "iu":
        return arr, True
    if kind == "O" and arr.size and all(
            isinstance(v, Integral) and not isinstance(v, bool | np.bool_) for v in arr.flat):
        return arr, False
    return None, False


def as_fractions(arr: np.ndarray) -> np.ndarray:
    """Integer data as an object array of ``Fraction``, without passing through floats.

    Parameters
    ----------
    arr : numpy.ndarray
        Integers of any size (an integer dtype, or Python ints in an object array).

    Returns
    -------
    numpy.ndarray
        An object array of ``Fraction``, of the shape of ``arr``.

    Examples
    --------
    >>> as_fractions(np.array([2**64, -3], dtype=object)).tolist()
    [Fraction(18446744073709551616, 1), Fraction(-3, 1)]
    """
    out = np.empty(arr.shape, dtype=object)
    out.flat[:] = [Fraction(int(v)) for v in arr.flat]
    return out


def magnitude(arr: np.ndarray) -> int:
    """Largest ``|x_n|`` of integer data, as a Python int (0 when empty).

    Parameters
    ----------
    arr : numpy.ndarray
        Integer data, of an integer dtype or Python ints.

    Returns
    -------
    int
        The largest magnitude, exact (``-2**63`` gives ``2**63``).

    Examples
    --------
    >>> magnitude(np.array([3, -2**63])), magnitude(np.array([], dtype=int))
    (9223372036854775808, 0)
    """
    if not arr.size:
        return 0
    return max(abs(int(arr.max())), abs(int(arr.min())))


def integer_threshold(theta: Any) -> int | None:
    """``theta`` as an int when it is a positive integer value the int64 kernels take, else None.

    Parameters
    ----------
    theta : object
        A threshold as the caller passed it.

    Returns
    -------
    int or None
        The integer threshold, at most :data:`THETA_MAX`; ``None`` when the integer kernels
        cannot take it.

    Examples
    --------
    >>> integer_threshold(3.0), integer_threshold(Fraction(6, 2)), integer_threshold(0.5)
    (3, 3, None)
    """
    if isinstance(theta, bool | np.bool_):
        return None
    whole = isinstance(theta, Integral) or (
        isinstance(theta, float | np.floating) and np.isfinite(theta) and float(theta) % 1 == 0
    ) or (isinstance(theta, Fraction) and theta.denominator == 1)
    if not whole:
        return None
    value = int(theta)
    return value if 0 < value <= THETA_MAX else None


def differences_fit(arr: np.ndarray) -> bool:
    """Whether every difference of two values of integer data fits in int64.

    Parameters
    ----------
    arr : numpy.ndarray
        Samples of SOD (T4), whose consecutive differences the int64 kernel encodes.

    Returns
    -------
    bool
        ``max - min <= 2**63 - 1`` (``True`` for no data).

    Examples
    --------
    >>> differences_fit(np.array([2**62, -2**62])), differences_fit(np.array([2**62, -2**61]))
    (False, True)
    """
    return not arr.size or int(arr.max()) - int(arr.min()) <= INT64_MAX


def sums_fit(arr: np.ndarray, axis: int) -> bool:
    """Whether every running sum along ``axis`` of integer data is sure to fit in int64.

    Parameters
    ----------
    arr : numpy.ndarray
        Integer samples, time along ``axis``.
    axis : int
        The time axis, normalised.

    Returns
    -------
    bool
        ``True`` when the sum of ``|a_n|`` is below ``2**62`` in every channel, which proves it.

    Examples
    --------
    >>> sums_fit(np.array([[2**61, 2**61], [1, 1]]), 1), sums_fit(np.array([2**60] * 3), 0)
    (False, True)
    """
    if not arr.size:
        return True
    # A float64 bound with room for its own rounding: sum |a| < 2**62 proves the int64 sums.
    return float(np.max(np.sum(np.abs(arr, dtype=np.float64), axis=axis))) < 2.0**62

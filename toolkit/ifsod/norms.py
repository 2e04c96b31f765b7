"""Alexiewicz and discrepancy norms of sampled sequences (MATH.md D1, D2, T7)."""

from __future__ import annotations

import numpy as np

from . import _kernels
from ._typing import ArrayLike, Leak
from ._validate import as_samples, check_axis, check_leak
from .encode import _rows, _unrows
from .interop.labelled import labelled


@labelled("same")
def running_sums(a: ArrayLike, *, leak: Leak = 1.0, axis: int = -1) -> np.ndarray:
    r"""Leaky partial sums :math:`\sum_{k\le n} \lambda^{n-k} a_k` along ``axis``.

    Exact (``Fraction``) for exact input; ``leak`` may be one factor per step.

    Examples
    --------
    >>> running_sums([1.0, -2.0, 4.0], leak=0.5)
    array([ 1.  , -1.5 ,  3.25])
    """
    arr, exact = as_samples(a, "a")
    if arr.ndim == 0:
        raise ValueError("a must have at least one dimension; got a scalar")
    axis = check_axis(axis, arr.ndim)
    factors = check_leak(leak, arr.shape[axis], exact=exact)
    if factors is None:
        return np.cumsum(arr, axis=axis)
    rows = _rows(arr, axis)
    out = np.empty_like(rows)
    kernel = _kernels.leaky_cumsum_rows if exact else _kernels.leaky_cumsum_rows_numba
    start = np.zeros(rows.shape[0], dtype=rows.dtype)
    kernel(rows, np.broadcast_to(factors, rows.shape), start, out)
    return _unrows(out, arr.shape, axis)


def _max_abs(values: np.ndarray, axis: int):
    if values.shape[axis] == 0:
        zero = np.zeros(np.delete(values.shape, axis), dtype=values.dtype)
        return zero[()] if zero.ndim == 0 else zero
    return np.max(np.abs(values), axis=axis)


@labelled("reduced")
def alexiewicz_norm(a: ArrayLike, *, leak: Leak = 1.0, axis: int = -1):
    r"""Alexiewicz norm :math:`\|a\|_A = \max_n |\sum_{k\le n} a_k|` (D1), or its leaky form (D2).

    With ``leak`` :math:`\lambda < 1`: :math:`\|a\|_{A,\lambda} = \max_n |\sum_{k\le n}
    \lambda^{n-k} a_k|`.  The norm of an empty sequence is 0.  Exact for exact input.

    Parameters
    ----------
    a : array_like
        Sequence(s), time along ``axis``.
    leak : float or array_like
        Leak factor in (0, 1] per step, or one factor per step.
    axis : int
        Time axis; the norm is taken along it for every channel.

    Returns
    -------
    float, Fraction or numpy.ndarray
        One norm per channel (a scalar for 1-D input).

    Examples
    --------
    >>> alexiewicz_norm([1.0, -3.0, 1.0])
    2.0
    >>> from fractions import Fraction
    >>> alexiewicz_norm([Fraction(1, 3), Fraction(1, 3)])
    Fraction(2, 3)
    """
    arr, exact = as_samples(a, "a")
    norm = _max_abs(running_sums(arr, leak=leak, axis=axis), check_axis(axis, arr.ndim))
    return norm if exact or np.ndim(norm) else float(norm)


@labelled("reduced")
def discrepancy_norm(a: ArrayLike, *, axis: int = -1):
    r"""Discrepancy norm :math:`\|a\|_D = \max_{m\le n} |\sum_{k=m}^{n} a_k|` (T7).

    Computed as :math:`\max_n P_n - \min_n P_n` over the partial sums with :math:`P_0 = 0`,
    so :math:`\|a\|_A \le \|a\|_D \le 2\|a\|_A`.

    Examples
    --------
    >>> discrepancy_norm([1.0, -3.0, 1.0])
    3.0
    """
    arr, exact = as_samples(a, "a")
    if arr.ndim == 0:
        raise ValueError("a must have at least one dimension; got a scalar")
    axis = check_axis(axis, arr.ndim)
    zero_shape = list(arr.shape)
    zero_shape[axis] = 1
    start = np.zeros(zero_shape, dtype=arr.dtype)
    sums = np.concatenate([start, np.cumsum(arr, axis=axis)], axis=axis)
    norm = np.max(sums, axis=axis) - np.min(sums, axis=axis)
    return norm if exact or np.ndim(norm) else float(norm)


@labelled("reduced", pairs=2)
def alexiewicz_distance(a: ArrayLike, b: ArrayLike, *, leak: Leak = 1.0, axis: int = -1):
    """Distance :math:`d_A(a, b) = \\|a - b\\|_A` (D1).

    Examples
    --------
    >>> alexiewicz_distance([1.0, 2.0], [0.0, 3.0])
    1.0
    """
    a_arr, a_exact = as_samples(a, "a")
    b_arr, b_exact = as_samples(b, "b", exact=a_exact or None)
    if a_exact != b_exact and not a_exact:
        a_arr, _ = as_samples(a_arr, "a", exact=True)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"b must have the shape of a {a_arr.shape}; got {b_arr.shape}")
    return alexiewicz_norm(a_arr - b_arr, leak=leak, axis=axis)

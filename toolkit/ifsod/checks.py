"""Self-checks shipped with the library: each theorem, tested on the data at hand.

Every test and notebook calls these on the encodings it makes, so that T1 and its friends are
exercised on every signal we touch.  A failed check raises :class:`CheckFailure`.
"""

from __future__ import annotations

import numpy as np

from ._typing import ArrayLike, Leak, Scalar
from ._validate import as_samples, check_threshold
from .norms import alexiewicz_norm


class CheckFailure(AssertionError):
    """A theorem's conclusion does not hold for the data given."""


def _pair(x, s, names):
    x_arr, exact = as_samples(x, names[0])
    s_arr, s_exact = as_samples(s, names[1], exact=exact or None)
    if s_exact and not exact:
        x_arr, exact = as_samples(x_arr, names[0], exact=True)
    if x_arr.shape != s_arr.shape:
        raise ValueError(f"{names[1]} must have the shape of {names[0]} {x_arr.shape}; "
                         f"got {s_arr.shape}")
    return x_arr, s_arr, exact


def quantization_residual(x: ArrayLike, s: ArrayLike, theta: Scalar, leak: Leak = 1.0, *,
                          axis: int = -1):
    r"""Return :math:`\|x - s\|_{A,\lambda}` and check T1: it must be :math:`< \theta`.

    Also checks that every spike lies on the lattice :math:`\theta\mathbb{Z}` (exactly in exact
    mode, to rounding in floats).

    Raises
    ------
    CheckFailure
        If the residual is :math:`\ge \theta` in any channel, or a spike is off the lattice.

    Examples
    --------
    >>> from ifsod import if_encode
    >>> x = [0.3, 0.9, -2.2]
    >>> quantization_residual(x, if_encode(x, 0.5), 0.5)
    0.3
    >>> quantization_residual(x, [0.0, 0.0, 0.0], 0.5)
    Traceback (most recent call last):
    ...
    ifsod.checks.CheckFailure: T1 fails: Alexiewicz residual 1.2 >= theta = 0.5
    """
    x_arr, s_arr, exact = _pair(x, s, ("x", "s"))
    theta = check_threshold(theta, exact=exact)
    check_lattice(s_arr, theta)
    residual = alexiewicz_norm(x_arr - s_arr, leak=leak, axis=axis)
    worst = np.max(residual) if np.ndim(residual) else residual
    if not worst < theta:
        raise CheckFailure(f"T1 fails: Alexiewicz residual {worst} >= theta = {theta}")
    return residual


def check_lattice(s: ArrayLike, theta: Scalar) -> None:
    r"""Check that every entry of ``s`` lies in :math:`\theta\mathbb{Z}` (D3).

    Floats may differ from the lattice by rounding of :math:`k\theta` (relative 1e-12).

    Examples
    --------
    >>> check_lattice([0.0, 1.5, -3.0], 1.5)
    >>> check_lattice([0.7], 1.5)
    Traceback (most recent call last):
    ...
    ifsod.checks.CheckFailure: spike 0.7 is not a multiple of theta = 1.5
    """
    arr, exact = as_samples(s, "s")
    theta = check_threshold(theta, exact=exact)
    counts = arr / theta
    if exact:
        off = [v for v, k in zip(arr.flat, counts.flat) if k.denominator != 1]
    else:
        rounded = np.round(counts)
        bad = np.abs(counts - rounded) > 1e-12 * np.maximum(1.0, np.abs(rounded))
        off = arr[bad].tolist()
    if off:
        raise CheckFailure(f"spike {off[0]} is not a multiple of theta = {theta}")


def sod_band_residual(y: ArrayLike, e: ArrayLike, delta: Scalar, *, axis: int = -1):
    r"""Return :math:`\max_n |y_n - L_n|` of the zero-order hold and check it is :math:`< \Delta`.

    :math:`L_n = y_0 + \sum_{k\le n} e_k` (D6); the check is T4's band.

    Examples
    --------
    >>> from ifsod import sod_encode
    >>> y = [1.0, 1.4, 2.6, 0.9]
    >>> sod_band_residual(y, sod_encode(y, 0.5), 0.5)
    0.3999999999999999
    """
    y_arr, e_arr, exact = _pair(y, e, ("y", "e"))
    delta = check_threshold(delta, "delta", exact=exact)
    check_lattice(e_arr, delta)
    if y_arr.shape[axis] == 0:
        return alexiewicz_norm(y_arr, axis=axis)
    first = np.take(y_arr, [0], axis=axis)
    band = np.max(np.abs(y_arr - first - np.cumsum(e_arr, axis=axis)), axis=axis)
    worst = np.max(band)
    if not worst < delta:
        raise CheckFailure(f"SOD band fails: |y - L| reaches {worst} >= delta = {delta}")
    return band if np.ndim(band) else (band if exact else float(band))

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


#: Unit roundoff of IEEE 754 double precision.
_UNIT_ROUNDOFF = 2.0**-53


def rounding_allowance(x: ArrayLike, theta: Scalar, *, axis: int = -1):
    r"""A priori bound on how far rounding moves a float encoding's residual, per channel.

    In floats the membrane of IF is :math:`v_n = \mathrm{fl}(\lambda u_{n-1} + x_n)` and the
    spike :math:`\mathrm{fl}(k\theta)`; each step rounds by at most :math:`2^{-53}` of
    :math:`|v_n| \le |x_n| + \theta` and of :math:`|s_n| \le |x_n| + 2\theta`.  The errors
    add up, so the exact residual of the stored floats, and the float sum that measures it, can
    exceed the encoder's own :math:`|u_n| < \theta` by at most

    .. math:: 2^{-52} \sum_n (2|x_n| + 4\theta),

    which is what :func:`quantization_residual` allows in float mode (none in exact mode).

    Examples
    --------
    >>> float(rounding_allowance([1.0, -1.0], 0.5) * 2**52)
    8.0
    """
    arr, exact = as_samples(x, "x")
    theta = check_threshold(theta, exact=exact)
    return _allowance(arr, theta, exact, axis)


def _allowance(arr: np.ndarray, theta, exact: bool, axis: int):
    """:func:`rounding_allowance` of validated samples."""
    if exact:
        return 0
    bound = 2 * _UNIT_ROUNDOFF * np.sum(2 * np.abs(arr) + 4 * theta, axis=axis)
    return bound if np.ndim(bound) else float(bound)


def quantization_residual(x: ArrayLike, s: ArrayLike, theta: Scalar, leak: Leak = 1.0, *,
                          axis: int = -1):
    r"""Return :math:`\|x - s\|_{A,\lambda}` and check T1: it must be :math:`< \theta`.

    Also checks that every spike lies on the lattice :math:`\theta\mathbb{Z}` (exactly in exact
    mode, to rounding in floats).

    In exact mode (``Fraction`` input) the inequality is checked exactly.  In floats, the
    residual of a correct encoding can exceed :math:`\theta` by accumulated rounding (about
    :math:`10^{-15}` on the bundled recording, in exact arithmetic on the stored floats); the
    check then allows :func:`rounding_allowance`, a bound derived from IEEE 754, not a tuned
    tolerance.  Pass ``Fraction`` values for a strict check.

    Raises
    ------
    CheckFailure
        If the residual is :math:`\ge \theta` (plus the rounding allowance in floats) in any
        channel, or a spike is off the lattice.

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
    excess = np.asarray(residual - theta - _allowance(x_arr, theta, exact, axis))
    if np.any(excess >= 0):
        worst = np.max(residual) if np.ndim(residual) else residual
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

    :math:`L_n = y_0 + \sum_{k\le n} e_k` (D6); the check is T4's band.  In floats the
    differences :math:`y_n - y_{n-1}` the encoder sees are rounded, and so is the running sum
    that forms :math:`L_n`; the check allows :func:`rounding_allowance` of the differences plus
    :math:`2^{-52} N (\max_n |y_n - y_0| + 2\Delta)` for the sum, and nothing in exact mode.

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
    offset = y_arr - first
    band = np.max(np.abs(offset - np.cumsum(e_arr, axis=axis)), axis=axis)
    allowance = 0
    if not exact:
        steps = np.diff(y_arr, axis=axis, prepend=first)
        allowance = _allowance(steps, delta, exact, axis) + 2 * _UNIT_ROUNDOFF * (
            y_arr.shape[axis] * (np.max(np.abs(offset), axis=axis) + 2 * delta))
    if np.any(band - delta - allowance >= 0):
        raise CheckFailure(f"SOD band fails: |y - L| reaches {np.max(band)} >= delta = {delta}")
    return band if np.ndim(band) else (band if exact else float(band))

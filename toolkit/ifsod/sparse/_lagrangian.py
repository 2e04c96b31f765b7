"""The Lagrangian form solved exactly by a search over the radius of the relaxed problem.

:math:`\\min_s \\|s\\|_1 + \\mathrm{lam}\\,\\|C_\\lambda(s - x)\\|_\\infty` equals
:math:`\\min_{r \\ge 0} \\varphi(r) + \\mathrm{lam}\\, r`, with :math:`\\varphi(r)` the
relaxed optimum at radius :math:`r`, attained by the leaky lazy path (T6j).
:math:`\\varphi` is convex, piecewise linear and zero from :math:`r = \\|C_\\lambda x\\|_\\infty`
on; the kernel returns its right derivative, so a cutting-plane search (the tangents at the two
ends of the bracket meet at the next trial radius, with a bisection whenever the bracket does
not halve) lands on the kink that holds the minimum, where the function meets its own lower bound.
"""

from __future__ import annotations

import numpy as np

from .._validate import Number
from . import _kernels

#: Relative gap between the value and the cutting-plane bound at which floats stop.
_FLOAT_GAP = 1e-13


def solve(x: np.ndarray, lam: Number, leak: np.ndarray) -> np.ndarray:
    """Minimiser ``s`` of the Lagrangian (floats, or ``Fraction`` object arrays exactly).

    Parameters
    ----------
    x : numpy.ndarray
        Validated samples (float64, or an object array of ``Fraction``).
    lam : float or Fraction
        Weight of the residual's leaky Alexiewicz norm, >= 0.
    leak : numpy.ndarray
        One leak factor in (0, 1] per step.

    Returns
    -------
    numpy.ndarray
        The minimiser ``s``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> x = np.array([Fraction(3), Fraction(0)], dtype=object)
    >>> ones = np.array([Fraction(1), Fraction(1)], dtype=object)
    >>> solve(x, Fraction(2), ones).tolist(), solve(x, Fraction(1, 2), ones).tolist()
    ([Fraction(3, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(0, 1)])
    """
    exact = x.dtype == object
    kernel = _kernels.leaky_lazy_path if exact else _kernels.leaky_lazy_path_numba
    out = np.empty_like(x)
    zero = x[0] - x[0]

    def value(radius):
        slope = kernel(x, radius, leak, out)
        return sum(abs(v) for v in out) if exact else float(np.sum(np.abs(out))), slope

    largest = _largest_leaky_sum(x, leak)
    phi, slope = value(zero)
    if lam == 0 or slope + lam >= 0:
        best = largest if lam == 0 else zero
    else:
        best = _search(value, lam, zero, phi, slope, largest, exact, len(x))
    kernel(x, best, leak, out)
    return out


def _largest_leaky_sum(x, leak):
    w = largest = x[0] - x[0]
    for value, factor in zip(x, leak):
        w = factor * w + value
        largest = max(largest, abs(w))
    return largest


def _search(value, lam, lo, phi_lo, slope_lo, hi, exact, n):
    """Cutting planes on ``g(r) = phi(r) + lam*r`` over ``[lo, hi]``, ``g'(lo+) < 0``."""
    g_lo, s_lo = phi_lo + lam * lo, slope_lo + lam
    phi_hi, slope_hi = value(hi)
    g_hi, s_hi = phi_hi + lam * hi, slope_hi + lam
    best, best_g = (lo, g_lo) if g_lo <= g_hi else (hi, g_hi)
    width = hi - lo
    bisect = False
    for _ in range(4 * n + 200):
        if s_hi <= 0 or hi <= lo:
            break
        if bisect:
            trial = (lo + hi) / 2
        else:
            trial = (g_hi - g_lo + s_lo * lo - s_hi * hi) / (s_lo - s_hi)
            trial = min(max(trial, lo), hi)
        floor = max(g_lo + s_lo * (trial - lo), g_hi + s_hi * (trial - hi))
        phi, slope = value(trial)
        g, s = phi + lam * trial, slope + lam
        if g < best_g:
            best, best_g = trial, g
        tolerance = 0 if exact else _FLOAT_GAP * (1 + abs(g))
        if s == 0 or (not bisect and g - floor <= tolerance):
            break
        if s < 0:
            lo, g_lo, s_lo = trial, g, s
        else:
            hi, g_hi, s_hi = trial, g, s
        bisect = hi - lo > width / 2
        width = hi - lo
    return best

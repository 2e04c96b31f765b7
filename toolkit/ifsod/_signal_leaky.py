"""Leaky integration of piecewise polynomials (continuous LIF, MATH.md D2 and D4), in floats.

On a piece with polynomial input :math:`f(s) = \\sum_k c_k s^k` (``s`` from the piece's start),
:math:`u' = -\\alpha u + f` gives
:math:`u(s) = e^{-\\alpha s} u_0 + \\sum_k c_k I_k(s)` with
:math:`I_k(s) = \\int_0^s e^{-\\alpha (s - r)} r^k\\,dr`, evaluated by its power series when
:math:`\\alpha s \\le 1` and by the closed form otherwise (each stable where it is used; the closed
form alone loses everything as :math:`\\alpha \\to 0`).

Roots are isolated exactly: for a level :math:`L`, :math:`h(s) = e^{\\alpha s}(u(s) - L)` has
:math:`h' = e^{\\alpha s}(f(s) - \\alpha L)`, so :math:`u - L` changes sign at most once between
consecutive real roots of the polynomial :math:`f - \\alpha L`; likewise
:math:`u' = f - \\alpha u` at most once between roots of :math:`f'`.  Each such stretch is solved
by Brent's method.
"""

from __future__ import annotations

import itertools
import math
from numbers import Real

from . import _poly
from ._poly import padd, pderiv, peval
from ._validate import is_exact_scalar, to_fraction


def check_leak_rate(leak_rate) -> float:
    """A leak rate as a float >= 0."""
    if isinstance(leak_rate, bool) or not (is_exact_scalar(leak_rate)
                                           or isinstance(leak_rate, Real)):
        raise TypeError(f"leak_rate must be a real number; got {type(leak_rate).__name__}")
    rate = to_fraction(leak_rate, "leak_rate")
    if rate < 0:
        raise ValueError(f"leak_rate must be >= 0; got {leak_rate!r}")
    return float(rate)


def _integrals(n: int, alpha: float, s: float) -> list[float]:
    """:math:`I_k(s) = \\int_0^s e^{-\\alpha (s - r)} r^k dr` for ``k < n``."""
    z = alpha * s
    if z <= 1.0:
        # e^{-z} sum_j z^j s^{k+1} / (j! (k+j+1)): positive terms, 40 of them reach 1e-48.
        decay = math.exp(-z)
        out = []
        for k in range(n):
            term, total = 1.0, 0.0
            for j in range(40):
                total += term / (k + j + 1)
                term *= z / (j + 1)
            out.append(decay * total * s ** (k + 1))
        return out
    # I_0 = (1 - e^{-z}) / alpha, I_k = (s^k - k I_{k-1}) / alpha: stable once z > 1.
    out = [-math.expm1(-z) / alpha]
    for k in range(1, n):
        out.append((s**k - k * out[-1]) / alpha)
    return out


def flow(c: list, u0: float, alpha: float, s: float) -> float:
    """Membrane after ``s`` from ``u0`` with input polynomial ``c`` (local coefficients)."""
    return math.exp(-alpha * s) * u0 + sum(ck * ik for ck, ik in
                                           zip(c, _integrals(len(c), alpha, s), strict=True))


def _sign_changes(g, knots: list[float]) -> list[float]:
    """Roots of ``g`` at knots or between consecutive knots where it changes sign, sorted."""
    from scipy.optimize import brentq

    roots = []
    values = [g(k) for k in knots]
    for (a, b), (ga, gb) in zip(itertools.pairwise(knots), itertools.pairwise(values),
                                strict=True):
        if ga == 0:
            roots.append(a)
        elif gb != 0 and (ga < 0) != (gb < 0):
            roots.append(brentq(g, a, b, xtol=1e-15, rtol=1e-15))
    if values[-1] == 0:
        roots.append(knots[-1])
    return roots


def level_roots(c: list, u0: float, alpha: float, level: float, span: float) -> list[float]:
    """Times ``0 <= s <= span`` where the membrane from ``u0`` equals ``level``."""
    turns = _poly.roots_in(padd(c, [-alpha * level]), 0.0, span, False)
    knots = [0.0, *[s for s in turns if 0 < s < span], span]
    return _sign_changes(lambda s: flow(c, u0, alpha, s) - level, knots)


def leaky_pieces(signal):
    """``(a, b, anchor, coefficients)`` per piece of a float signal split at its Diracs."""
    split = signal._split([t for t, _ in signal.diracs])
    bps = split._bps
    return [(bps[k], bps[k + 1], anchor, coeffs)
            for k, (anchor, coeffs) in enumerate(split._pieces)]


def local(coeffs: list, anchor: float, t_s: float) -> list:
    """Input coefficients in powers of ``t - t_s``."""
    return _poly.pshift(list(coeffs), t_s - anchor)


def leaky_sup(signal, alpha: float) -> float:
    """:math:`\\sup_t |\\int_{[t_0,t]} e^{-\\alpha (t-s)} f(s)\\,ds|`, Diracs as jumps (D2)."""
    weights = dict(signal.diracs)
    u, best = 0.0, 0.0
    for a, b, anchor, coeffs in leaky_pieces(signal):
        u += weights.get(a, 0.0)
        best = max(best, abs(u))
        c = local(coeffs, anchor, a)
        span = b - a
        turns = _poly.roots_in(pderiv(c), 0.0, span, False)
        knots = [0.0, *[s for s in turns if 0 < s < span], span]
        u0 = u
        # Interior extrema: u' = f - alpha u = 0.
        for s in _sign_changes(lambda s, c=c, u0=u0: peval(c, s) - alpha * flow(c, u0, alpha, s),
                               knots):
            best = max(best, abs(flow(c, u0, alpha, s)))
        u = flow(c, u0, alpha, span)
        best = max(best, abs(u))
    t_end = signal.t_range[1]
    return max(best, abs(u + weights.get(t_end, 0.0)))

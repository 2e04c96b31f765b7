"""Leaky integration of piecewise polynomials (continuous LIF, D2 and D4), in floats.

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
:mod:`ifsod._membrane` wraps these as the LIF membrane model.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from numbers import Real
from typing import NamedTuple

from ._poly import float_roots_in, padd, pderiv, peval
from ._validate import is_exact_scalar, to_float, to_fraction


def check_leak_rate(leak_rate: object) -> float:
    """A leak rate as a float >= 0.

    Parameters
    ----------
    leak_rate : real
        The leak rate :math:`\\alpha`.

    Returns
    -------
    float
        The rate as a float.

    Examples
    --------
    >>> check_leak_rate(0.5)
    0.5
    >>> check_leak_rate(-1)
    Traceback (most recent call last):
    ...
    ValueError: leak_rate must be >= 0; got -1
    >>> check_leak_rate(10**400)
    Traceback (most recent call last):
    ...
    ValueError: leak_rate = 10**400 is beyond the float64 range; pass exact (Fraction) data to \
compute with it exactly
    """
    if isinstance(leak_rate, bool) or not (is_exact_scalar(leak_rate)
                                           or isinstance(leak_rate, Real)):
        raise TypeError(f"leak_rate must be a real number; got {type(leak_rate).__name__}")
    rate = to_fraction(leak_rate, "leak_rate")
    if rate < 0:
        raise ValueError(f"leak_rate must be >= 0; got {leak_rate!r}")
    return to_float(rate, "leak_rate")


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


def sign_changes(g: Callable[[float], float], knots: list[float]) -> list[float]:
    """Roots of ``g`` at knots or between consecutive knots where it changes sign, sorted.

    Parameters
    ----------
    g : callable
        A float function, monotone between consecutive knots.
    knots : list of float
        Increasing points.

    Returns
    -------
    list of float
        The roots found.

    Examples
    --------
    >>> sign_changes(lambda x: x * x - 1, [0.0, 0.5, 2.0])
    [1.0]
    """
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


def _monotone_roots(g: Callable[[float], float], turns: Sequence[float], span: float
                    ) -> list[float]:
    """Roots of ``g`` on ``[0, span]``, monotone between the real roots of polynomial
    ``turns`` (module docstring)."""
    cuts = float_roots_in(turns, 0.0, span)
    return sign_changes(g, [0.0, *[s for s in cuts if 0 < s < span], span])


class Stretch(NamedTuple):
    r"""The LIF membrane from :math:`u_0` at :math:`s = 0` under a polynomial input.

    Parameters
    ----------
    c : tuple of float
        The input's coefficients in powers of the time :math:`s` since the start, lowest
        first.
    u0 : float
        The membrane at :math:`s = 0`.
    alpha : float
        The leak rate :math:`\alpha \ge 0`.

    Examples
    --------
    >>> u = Stretch((1.0,), 0.0, 1.0)  # u(s) = 1 - e^-s
    >>> round(u.value(1.0), 12), u.level_roots(0.5, 3.0), u.critical(3.0)
    (0.632120558829, [0.6931471805599455], [])
    """

    c: tuple[float, ...]
    u0: float
    alpha: float

    def value(self, s: float) -> float:
        """The membrane :math:`u(s)`.

        Parameters
        ----------
        s : float
            The time since the start, >= 0.

        Returns
        -------
        float
            :math:`e^{-\\alpha s} u_0 + \\sum_k c_k I_k(s)`.

        Examples
        --------
        >>> Stretch((1.0,), 0.0, 0.0).value(2.0)  # no leak: the integral of 1
        2.0
        >>> round(Stretch((0.0,), 1.0, 1.0).value(1.0), 12)  # pure decay: e^-1
        0.367879441171
        """
        return math.exp(-self.alpha * s) * self.u0 + sum(
            ck * ik for ck, ik in zip(self.c, _integrals(len(self.c), self.alpha, s),
                                      strict=True))

    def level_roots(self, level: float, span: float) -> list[float]:
        """Times ``0 <= s <= span`` where the membrane equals ``level``, sorted.

        Parameters
        ----------
        level : float
            The level sought.
        span : float
            The length of the stretch searched.

        Returns
        -------
        list of float
            The times.

        Examples
        --------
        >>> Stretch((1.0,), 0.0, 0.0).level_roots(1.5, 2.0)
        [1.5]
        """
        return _monotone_roots(lambda s: self.value(s) - level,
                               padd(self.c, [-self.alpha * level]), span)

    def critical(self, span: float) -> list[float]:
        """Times ``0 <= s <= span`` where :math:`u' = f - \\alpha u` vanishes, sorted.

        Parameters
        ----------
        span : float
            The length of the stretch searched.

        Returns
        -------
        list of float
            The turning points of the membrane.

        Examples
        --------
        >>> Stretch((0.0, 2.0), 1.0, 0.0).critical(1.0)  # u = 1 + s^2 turns at 0
        [0.0]
        """
        return _monotone_roots(lambda s: peval(self.c, s) - self.alpha * self.value(s),
                               pderiv(self.c), span)

"""Dense polynomials: coefficient lists, lowest power first, of ``Fraction`` or ``float``.

The arithmetic here works on either number type; exact root isolation and the exact numbers it
produces live in :mod:`ifsod.algebraic`, float root finding below.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TypeVar

import numpy as np

#: A coefficient or a point: exact (``Fraction``, ``int``) or ``float``.
Number = Fraction | float
#: Coefficients, lowest power first.
Poly = Sequence[Number]
#: One number type throughout a call, so exact arithmetic stays exact.
N = TypeVar("N", Fraction, float)


def peval(p: Sequence[N], x: N) -> N:
    """Value of ``p`` at ``x`` (Horner).

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial evaluated.
    x : Fraction or float
        The point.

    Returns
    -------
    Fraction or float
        ``p(x)``, exact when ``p`` and ``x`` are.

    Examples
    --------
    >>> peval([1, 0, 2], 3)
    19
    """
    # The int 0 of an empty polynomial mixes with either number type.
    acc: N = p[-1] * 0 if p else 0  # type: ignore[assignment]
    for c in reversed(p):
        acc = acc * x + c
    return acc


def pderiv(p: Sequence[N]) -> list[N]:
    """Derivative of ``p``.

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial differentiated.

    Returns
    -------
    list
        Coefficients of ``p'`` (``[0]`` for a constant).

    Examples
    --------
    >>> pderiv([5, 3, 2])
    [3, 4]
    """
    out: list[N] = [k * c for k, c in enumerate(p)]
    # The int 0 of an empty polynomial mixes with either number type.
    return out[1:] or [p[0] * 0 if p else 0]  # type: ignore[list-item]


def pinteg(p: Sequence[N], c0: N) -> list[N]:
    """Primitive of ``p`` with constant term ``c0``.

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial integrated.
    c0 : Fraction or float
        The constant term of the primitive.

    Returns
    -------
    list
        Coefficients of the primitive.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> pinteg([F(1), F(1)], F(2))
    [Fraction(2, 1), Fraction(1, 1), Fraction(1, 2)]
    """
    return [c0] + [c / (k + 1) for k, c in enumerate(p)]


def padd(p: Sequence[N], q: Sequence[N]) -> list[N]:
    """Sum of two polynomials.

    Parameters
    ----------
    p, q : sequence of Fraction or float
        The two summands.

    Returns
    -------
    list
        Coefficients of ``p + q``, as long as the longer input.

    Examples
    --------
    >>> padd([1, 2], [3, 0, 4])
    [4, 2, 4]
    """
    if len(p) < len(q):
        p, q = q, p
    return [a + b for a, b in zip(p, q)] + list(p[len(q):])


def pscale(p: Sequence[N], c: N) -> list[N]:
    """``c * p``.

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial scaled.
    c : Fraction or float
        The factor.

    Returns
    -------
    list
        Coefficients of ``c * p``.

    Examples
    --------
    >>> pscale([1, -2], 3)
    [3, -6]
    """
    return [c * a for a in p]


def pshift(p: Sequence[N], h: N) -> list[N]:
    """Coefficients of ``p(s + h)`` in powers of ``s`` (Taylor shift).

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial shifted.
    h : Fraction or float
        The shift.

    Returns
    -------
    list
        Coefficients of ``p(s + h)``.

    Examples
    --------
    >>> pshift([0, 0, 1], 1)  # (s + 1)^2
    [1, 2, 1]
    """
    out = list(p)
    if not h:  # pieces on a common anchor: the common case of arithmetic on one grid
        return out
    n = len(out)
    for i in range(n - 1):
        for k in range(n - 2, i - 1, -1):
            out[k] = out[k] + h * out[k + 1]
    return out


def ptrim(p: Sequence[N]) -> list[N]:
    """Drop zero leading coefficients (keeps at least one coefficient).

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial trimmed.

    Returns
    -------
    list
        The same polynomial without zero leading coefficients.

    Examples
    --------
    >>> ptrim([1, 2, 0, 0]), ptrim([0, 0])
    ([1, 2], [0])
    """
    out = list(p)
    while len(out) > 1 and out[-1] == 0:
        out.pop()
    return out


def sign(x: Number) -> int:
    """-1, 0 or 1.

    Parameters
    ----------
    x : Fraction or float
        A real number.

    Returns
    -------
    int
        The sign of ``x``.

    Examples
    --------
    >>> sign(-2.5), sign(0), sign(3)
    (-1, 0, 1)
    """
    return (x > 0) - (x < 0)


def float_roots(p: Sequence[float]) -> list[float]:
    """Real roots of a float polynomial, sorted, polished by Newton steps.

    Parameters
    ----------
    p : sequence of float
        The polynomial solved.

    Returns
    -------
    list of float
        The real roots, sorted (a double root appears twice).

    Examples
    --------
    >>> float_roots([-2.0, 0.0, 1.0])
    [-1.4142135623730951, 1.414213562373095]
    """
    while len(p) > 1 and p[-1] == 0:
        p = p[:-1]
    if len(p) < 2:
        return []
    if len(p) == 2:
        return [-p[0] / p[1]]
    if len(p) == 3:
        c, b, a = p
        disc = b * b - 4 * a * c
        if disc < 0:
            return []
        q = -0.5 * (b + math.copysign(math.sqrt(disc), b))
        roots = [q / a, c / q] if q != 0 else [0.0, 0.0]
        return sorted(roots)
    cand = np.roots(np.asarray(p[::-1], dtype=float))
    scale = max(1.0, float(np.max(np.abs(cand)))) if cand.size else 1.0
    dp = pderiv(p)
    out = []
    for z in cand:
        if abs(z.imag) > 1e-7 * scale:
            continue
        r = float(z.real)
        for _ in range(3):
            d = peval(dp, r)
            if d == 0:
                break
            r -= peval(p, r) / d
        out.append(r)
    return sorted(out)


#: Unit roundoff of float64.
EPS = 2.0**-53


def float_roots_in(p: Sequence[float], lo: float, hi: float, slack: float = 0.0
                   ) -> list[float]:
    """Distinct real roots of float ``p`` in ``[lo, hi]``, sorted, tangencies included.

    The interval is cut at the critical points (found the same way, one degree lower), where
    ``p`` is monotone between cuts.  A cut whose value is zero within the rounding bound of
    Horner's rule is a root (a double root is a tangency: no sign change, found all the
    same, and a root at ``lo`` or ``hi`` lands exactly there); a sign change between two
    nonzero cuts holds one root.  ``slack`` bounds the error of the constant coefficient.
    This is the root finder of the compiled event loop (:mod:`ifsod._roots`), run as
    Python.

    Parameters
    ----------
    p : sequence of float
        The polynomial solved on the interval.
    lo, hi : float
        The closed interval searched.
    slack : float
        A bound on the error of ``p[0]``.

    Returns
    -------
    list of float
        The distinct roots in ``[lo, hi]``, sorted.

    Examples
    --------
    >>> float_roots_in([1.0, -2.0, 1.0], 0.0, 2.0)  # (s - 1)^2 touches zero at 1
    [1.0]
    >>> float_roots_in([-1.0, 0.0, 1.0], -1.0, 0.5)
    [-1.0]
    """
    from ._roots import roots_on_cuts

    q = ptrim(p)
    if len(q) < 2:
        return []
    width = len(q)
    out = np.zeros(2 * width)
    n = roots_on_cuts(np.asarray(q, dtype=float), width - 1, lo, hi, slack,
                      np.zeros((width, width)), np.zeros(width + 2), np.zeros(2 * width), out)
    return out[:n].tolist()

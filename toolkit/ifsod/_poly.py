"""Dense polynomials: coefficient lists, lowest power first, of ``Fraction`` or ``float``.

The arithmetic here works on either number type; exact root isolation and the exact numbers it
produces live in :mod:`ifsod.algebraic`, float root finding below.
"""

from __future__ import annotations

import math

import numpy as np


def peval(p, x):
    """Value of ``p`` at ``x`` (Horner).

    Examples
    --------
    >>> peval([1, 0, 2], 3)
    19
    """
    acc = p[-1] * 0 if p else 0
    for c in reversed(p):
        acc = acc * x + c
    return acc


def pderiv(p):
    """Derivative of ``p``."""
    return [k * c for k, c in enumerate(p)][1:] or [p[0] * 0 if p else 0]


def pinteg(p, c0=0):
    """Primitive of ``p`` with constant term ``c0``."""
    return [c0] + [c / (k + 1) for k, c in enumerate(p)]


def padd(p, q):
    """Sum of two polynomials."""
    if len(p) < len(q):
        p, q = q, p
    return [a + b for a, b in zip(p, q)] + list(p[len(q):])


def pscale(p, c):
    """``c * p``."""
    return [c * a for a in p]


def pshift(p, h):
    """Coefficients of ``p(s + h)`` in powers of ``s`` (Taylor shift).

    Examples
    --------
    >>> pshift([0, 0, 1], 1)  # (s + 1)^2
    [1, 2, 1]
    """
    out = list(p)
    n = len(out)
    for i in range(n - 1):
        for k in range(n - 2, i - 1, -1):
            out[k] = out[k] + h * out[k + 1]
    return out


def ptrim(p):
    """Drop zero leading coefficients (keeps at least one coefficient)."""
    p = list(p)
    while len(p) > 1 and p[-1] == 0:
        p.pop()
    return p


def sign(x) -> int:
    """-1, 0 or 1."""
    return (x > 0) - (x < 0)


def float_roots(p) -> list[float]:
    """Real roots of a float polynomial, sorted, polished by Newton steps.

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
    import numpy as np

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


def float_roots_in(p, lo: float, hi: float, slack: float = 0.0) -> list[float]:
    """Distinct real roots of float ``p`` in ``[lo, hi]``, sorted, tangencies included.

    The interval is cut at the critical points (found the same way, one degree lower), where
    ``p`` is monotone between cuts.  A cut whose value is zero within the rounding bound of
    Horner's rule is a root (a double root is a tangency: no sign change, found all the
    same, and a root at ``lo`` or ``hi`` lands exactly there); a sign change between two
    nonzero cuts holds one root.  ``slack`` bounds the error of the constant coefficient.
    This is the root finder of the compiled event loop (:mod:`ifsod._event_kernel`), run as
    Python.

    Examples
    --------
    >>> float_roots_in([1.0, -2.0, 1.0], 0.0, 2.0)  # (s - 1)^2 touches zero at 1
    [1.0]
    >>> float_roots_in([-1.0, 0.0, 1.0], -1.0, 0.5)
    [-1.0]
    """
    from ._event_kernel import roots_on_cuts

    p = ptrim(p)
    if len(p) < 2:
        return []
    width = len(p)
    out = np.zeros(2 * width)
    n = roots_on_cuts(np.asarray(p, dtype=float), width - 1, lo, hi, slack,
                      np.zeros((width, width)), np.zeros(width + 2), np.zeros(2 * width), out)
    return out[:n].tolist()

"""Reading a SymPy polynomial or ``Piecewise`` of polynomials as the pieces of a Signal (D7)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

from ._signal_input import exactify, time_range
from ._validate import to_fraction


def sympy_pieces(expr: Any, t: Any, t_range: object) -> tuple[list[Any], list[list[Any]]]:
    """Breakpoints and per-piece coefficients (powers of ``t - b_i``) of ``expr`` on ``t_range``.

    Conditions of a ``Piecewise`` are read on each interval between the numbers they mention;
    rational coefficients give ``Fraction`` values, anything else floats (then all values are
    floats).

    Parameters
    ----------
    expr, t, t_range
        As for :meth:`ifsod.Signal.from_sympy`, which hands them over.

    Returns
    -------
    tuple of (list, list)
        The breakpoints and, per piece, its coefficients.

    Examples
    --------
    >>> import sympy
    >>> t = sympy.Symbol("t")
    >>> sympy_pieces(sympy.Piecewise((t, t < 1), (1, True)), t, (0, 2))
    ([Fraction(0, 1), Fraction(1, 1), Fraction(2, 1)], [[Fraction(0, 1), Fraction(1, 1)], [Fraction(1, 1)]])
    """  # noqa: E501
    import sympy

    (t0, t_end), _ = time_range(t_range, exact=True)
    expr = sympy.sympify(expr)
    if not isinstance(t, sympy.Symbol):
        raise TypeError(f"t must be a SymPy Symbol; got {type(t).__name__}")
    cuts, exact = _cuts(expr, t, t0, t_end)
    bps = sorted(cuts)
    pieces = []
    for a, b in itertools.pairwise(bps):
        mid = sympy.Rational((a + b).numerator, 2 * (a + b).denominator)
        branch = _branch(expr, t, mid)
        s = sympy.Dummy("s")
        try:
            poly = sympy.Poly(sympy.expand(branch.subs(t, s + sympy.Rational(
                a.numerator, a.denominator))), s)
        except sympy.PolynomialError as err:
            raise ValueError(f"expr must be polynomial in {t} on each piece; got {branch}"
                             ) from err
        coeffs = poly.all_coeffs()[::-1]
        if not all(c.is_Rational for c in coeffs):
            exact = False
        pieces.append(coeffs)
    converted = []
    for i, coeffs in enumerate(pieces):
        try:
            values = [to_fraction(c, "expr") if exact else float(c) for c in coeffs]
        except TypeError as err:
            raise ValueError(f"expr must have real numeric coefficients; piece {i} has "
                             f"{coeffs}") from err
        if not exact and not all(math.isfinite(v) for v in values):
            raise ValueError("expr must have finite coefficients")
        converted.append(values)
    return exactify(bps, exact, "t_range"), converted


def _cuts(expr: Any, t: Any, t0: Fraction, t_end: Fraction) -> tuple[set[Fraction], bool]:
    """The numbers inside ``(t0, T)`` where a condition of ``expr`` changes, and whether all
    are rational."""
    import sympy

    cuts = {t0, t_end}
    exact = True
    for rel in expr.atoms(sympy.core.relational.Relational):
        if not (rel.lhs - rel.rhs).free_symbols <= {t}:
            raise ValueError(f"expr conditions must compare {t} with numbers; got {rel}")
        try:
            line = sympy.Poly(rel.lhs - rel.rhs, t)
        except sympy.PolynomialError as err:
            raise ValueError(f"expr conditions must compare {t} with numbers; got {rel}"
                             ) from err
        if line.degree() != 1:
            raise ValueError(f"expr conditions must compare {t} with numbers; got {rel}")
        c1, c0 = line.all_coeffs()
        cut = -c0 / c1
        if cut.is_Rational:
            value = to_fraction(cut, "expr")
        else:
            value, exact = Fraction(float(cut)), False
        if t0 < value < t_end:
            cuts.add(value)
    return cuts, exact


def _branch(expr: Any, t: Any, point: Any) -> Any:
    """The branch of a (possibly ``Piecewise``) expression that holds at ``point``."""
    import sympy

    if not isinstance(expr, sympy.Piecewise):
        return expr
    for branch, cond in expr.args:
        if bool(cond.subs(t, point)):
            return _branch(branch, t, point)
    raise ValueError(f"expr is undefined at t = {point}")

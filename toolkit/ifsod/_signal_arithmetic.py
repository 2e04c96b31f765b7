"""Arithmetic of signals (D7): sums of signals, scalar sums and products.

Operands are signals or real scalars (``bool`` and arrays are refused: a Signal does not
broadcast).  Mixing an exact and a float operand gives an exact result (floats convert
exactly); a float result that overflows is refused, naming ``other``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeGuard

import numpy as np

from ._poly import padd, pscale, pshift
from ._signal_input import check_finite, to_float
from ._validate import is_exact_scalar, to_fraction
from .algebraic import Value

if TYPE_CHECKING:
    from .signal import Signal


def _is_scalar(other: object) -> TypeGuard[Value]:
    """A real scalar operand (``bool`` is refused: ``Signal + True`` is a mistake)."""
    if isinstance(other, bool | np.bool_):
        raise TypeError("other must be a real number or a Signal, not bool")
    if isinstance(other, np.ndarray | list | tuple):
        raise TypeError(f"other must be a real number or a Signal; got {type(other).__name__} "
                        "(a Signal does not broadcast over arrays)")
    return is_exact_scalar(other) or isinstance(other, int | float | np.integer | np.floating)


def _scalar_operand(f: Signal, other: Value) -> tuple[Signal, Value]:
    """``f`` and the scalar ``other`` in one number mode (exact if either is)."""
    exact = f.exact or is_exact_scalar(other)
    c = to_fraction(other, "other")
    return (f.to_exact(), c) if exact else (f, to_float(c, "other"))


def _result(f: Signal, breakpoints: Sequence[Value], pieces: list[tuple[Value, list[Value]]],
            end: Value, diracs: list[tuple[Value, Value]], what: str) -> Signal:
    """A signal in ``f``'s mode, float overflow refused as ``what``."""
    if not f.exact:
        check_finite(itertools.chain([end], (w for _, w in diracs), *(c for _, c in pieces)),
                     what)
    return type(f)(breakpoints, pieces, end, diracs, f.exact)


def add(self: Signal, other: object) -> Signal:
    """``f + other`` for a signal or real scalar ``other`` (on the same ``t_range``).

    Parameters
    ----------
    other : Signal or real
        What is added.

    Returns
    -------
    Signal
        The sum; its breakpoints are those of both operands, its Diracs those of both.

    Examples
    --------
    >>> from ifsod import Signal
    >>> g = Signal.piecewise([0.0, 2.0], [[1.0]]) + Signal.dirac([1.0], [2.0], (0.0, 2.0))
    >>> (g + 0.5)(1.0), g.diracs
    (1.5, ((1.0, 2.0),))
    """
    if isinstance(other, type(self)):
        a, b = (self.to_exact(), other.to_exact()) if self.exact or other.exact else (self, other)
        if a.t_range != b.t_range:
            raise ValueError(f"other must have t_range {a.t_range}; got {b.t_range}")
        cut_a, cut_b = a.pieces(cuts=b.breakpoints), b.pieces(cuts=a.breakpoints)
        pieces = [(p.anchor, padd(p.coefficients, pshift(q.coefficients, p.anchor - q.anchor)))
                  for p, q in zip(cut_a, cut_b)]
        return _result(a, [p.start for p in cut_a] + [a.t_range[1]], pieces,
                       a.end_value + b.end_value, list(a.diracs + b.diracs), "other: the sum")
    if not _is_scalar(other):
        return NotImplemented
    a, c = _scalar_operand(self, other)
    pieces = [(anchor, padd(coeffs, [c])) for anchor, coeffs in zip(a.anchors, a.coefficients)]
    return _result(a, a.breakpoints, pieces, a.end_value + c, list(a.diracs), "other: the sum")


def multiply(self: Signal, other: object) -> Signal:
    """``other * f`` for a real scalar ``other``.

    Parameters
    ----------
    other : real
        The factor.

    Returns
    -------
    Signal
        The product (Dirac weights scale too).

    Examples
    --------
    >>> from ifsod import Signal
    >>> g = 3 * (Signal.piecewise([0.0, 2.0], [[1.0]]) + Signal.dirac([1.0], [2.0], (0, 2)))
    >>> g(0.5), g.diracs
    (3.0, ((1.0, 6.0),))
    """
    if not _is_scalar(other):
        return NotImplemented
    a, c = _scalar_operand(self, other)
    pieces = [(anchor, pscale(coeffs, c)) for anchor, coeffs in zip(a.anchors, a.coefficients)]
    return _result(a, a.breakpoints, pieces, a.end_value * c,
                   [(t, w * c) for t, w in a.diracs], "other: the product")


def negate(self: Signal) -> Signal:
    """``-f``.

    Returns
    -------
    Signal
        The signal times -1.

    Examples
    --------
    >>> from ifsod import Signal
    >>> (-Signal.from_samples([0.0, 1.0], [1.0, 3.0]))(0.5)
    -2.0
    """
    return multiply(self, -1)


def subtract(self: Signal, other: object) -> Signal:
    """``f - other``, which is ``f + (-other)``.

    Parameters
    ----------
    other : Signal or real number
        The subtrahend, on the same ``t_range`` if a signal.

    Returns
    -------
    Signal
        The difference.

    Examples
    --------
    >>> import ifsod
    >>> f = ifsod.Signal.from_samples([0.0, 1.0], [1.0, 3.0])
    >>> (f - f).sup_norm(), (f - 1)(1.0)
    (0.0, 2.0)
    """
    if isinstance(other, type(self)) or _is_scalar(other):
        return add(self, -other)
    return NotImplemented


def subtract_from(self: Signal, other: object) -> Signal:
    """``other - f`` for a real scalar ``other``.

    Parameters
    ----------
    other : real
        What the signal is subtracted from.

    Returns
    -------
    Signal
        ``other - self``: the negated signal shifted by ``other``.

    Examples
    --------
    >>> from ifsod import Signal
    >>> (1 - Signal.from_samples([0.0, 1.0], [1.0, 3.0]))(1.0)
    -2.0
    """
    if not _is_scalar(other):
        return NotImplemented
    return add(negate(self), other)

"""Continuous-time signals: piecewise polynomials plus Dirac impulses (D7).

A :class:`Signal` is an immutable value: its pieces (:meth:`Signal.pieces`), its value at the
end of its range and its Diracs say everything about it, and two signals that are the same
function with the same Diracs compare equal.  This module holds the value, its views and its
evaluation; the operations live in modules named for them and work through the public views:
the constructors and mode conversions in ``ifsod._signal_build`` (checks of user input in
``ifsod._signal_input``, of the parts in ``ifsod._signal_parts``, SymPy parsing in
``ifsod._signal_sympy``), ``+``, ``-`` and ``*`` in ``ifsod._signal_arithmetic``, primitive,
derivative, restriction and bin integrals in ``ifsod._signal_calculus``, and the norms in
``ifsod._signal_norms``.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np

from . import _signal_arithmetic as arithmetic
from . import _signal_build as build
from . import _signal_calculus as calculus
from . import _signal_norms as norms
from ._poly import pshift, ptrim
from ._signal_arrays import evaluate as evaluate_floats
from ._signal_input import (
    check_time,
    exactify,
    sorted_unique,
)
from ._signal_input import (
    times as time_values,
)
from ._signal_parts import check_parts
from ._typing import ArrayLike
from ._validate import as_samples, check_choice
from .algebraic import Value, evaluate


class Piece(NamedTuple):
    r"""One piece of a :class:`Signal`: :math:`\sum_k c_k (t - a)^k` on ``[start, stop)``.

    Parameters
    ----------
    start, stop : float, Fraction or Algebraic
        The piece's interval ``[start, stop)``.
    anchor : float, Fraction or Algebraic
        The expansion point :math:`a`: the start of the piece, or an earlier time where the
        piece was cut from a longer one (by ``+``, ``restrict`` or ``primitive``).
    coefficients : tuple
        :math:`c_0, c_1, \ldots`, lowest power first.

    Examples
    --------
    >>> p = Signal.piecewise([0.0, 1.0, 3.0], [[1.0, 2.0], [0.0, 0.0, 1.0]]).pieces()[1]
    >>> p
    Piece(start=1.0, stop=3.0, anchor=1.0, coefficients=(0.0, 0.0, 1.0))
    >>> p(2.0)
    1.0
    """

    start: Value
    stop: Value
    anchor: Value
    coefficients: tuple[Value, ...]

    def __call__(self, t: Value) -> Value:
        """The polynomial at ``t`` (exact at an :class:`~ifsod.algebraic.Algebraic` time).

        Parameters
        ----------
        t : float, Fraction or Algebraic
            The time.

        Returns
        -------
        float, Fraction or Algebraic
            The polynomial's value (``t`` may lie outside the piece).

        Examples
        --------
        >>> Piece(0.0, 2.0, 1.0, (0.0, 3.0))(2.0)
        3.0
        """
        return evaluate([(self.anchor, self.coefficients)], t)


#: ``Piece`` from a 4-tuple in one call in C (many-piece signals make millions of them).
_new_piece = functools.partial(tuple.__new__, Piece)


class Signal:
    r"""A piecewise-polynomial function on :math:`[t_0, T]` plus Dirac impulses (D7).

    Piece :math:`i` is a polynomial on :math:`[b_i, b_{i+1})` (the last piece also covers
    :math:`T` unless ``end_value`` says otherwise), so the function is right-continuous and may
    jump at breakpoints.  Diracs :math:`w_j\delta(t - \tau_j)` sit at
    :math:`\tau_j \in [t_0, T]`; Diracs at one instant are merged (their weights add) and a
    Dirac of weight 0 is no impulse at all.

    Two number modes: exact (``Fraction``/SymPy ``Rational`` input; every result is exact, event
    times may be exact algebraic numbers) and float.  Mixing them gives exact results (floats
    convert exactly); :meth:`to_exact` and :meth:`to_float` convert.  Build signals with
    :meth:`piecewise`, :meth:`from_sympy`, :meth:`from_samples` and :meth:`dirac`; combine them
    with ``+``, ``-`` and scalar ``*``.  Signals are immutable values: ``==`` compares the
    functions and Diracs (a float signal equals the exact one with the same values), and equal
    signals hash alike.

    Parameters
    ----------
    breakpoints : sequence of real
        :math:`b_0 < \dots < b_n`; exact breakpoints may be algebraic.
    pieces : sequence of (anchor, coefficients)
        One per interval: the coefficients in powers of ``t - anchor``, lowest first.
    end : real
        The value at :math:`T`.
    diracs : sequence of (time, weight)
        The impulses, times in :math:`[t_0, T]`.
    exact : bool
        The number mode: exact numbers convert to ``Fraction``; in float mode every number
        must be a float64 value.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> f = Signal.piecewise([0, 1, 2], [[F(1)], [F(0), F(-1)]])  # 1 on [0,1), -(t-1) after
    >>> g = f + Signal.dirac([F(1, 2)], [F(3)], (0, 2))
    >>> g(F(3, 2)), g.alexiewicz_norm()
    (Fraction(-1, 2), Fraction(4, 1))
    >>> g.bin_integrals([0, 1, 2]).tolist()
    [Fraction(4, 1), Fraction(-1, 2)]
    >>> g.to_float() == g
    True
    """

    __slots__ = ("_bps", "_diracs", "_end", "_exact", "_pieces", "_table")
    # NumPy defers to Signal's operators, which refuse arrays (no object array of Signals).
    __array_ufunc__ = None

    def __init__(self, breakpoints: Iterable[Value],
                 pieces: Iterable[tuple[Value, Sequence[Value]]], end: Value,
                 diracs: Iterable[tuple[Value, Value]], exact: bool) -> None:
        self._bps, self._pieces, self._end, self._diracs = check_parts(
            breakpoints, pieces, end, diracs, exact)
        self._exact = exact
        self._table: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    piecewise = classmethod(build.piecewise)
    dirac = classmethod(build.dirac)
    from_samples = classmethod(build.from_samples)
    from_sympy = classmethod(build.from_sympy)
    to_exact = build.in_exact_mode
    to_float = build.in_float_mode

    __add__ = __radd__ = arithmetic.add
    __sub__ = arithmetic.subtract
    __rsub__ = arithmetic.subtract_from
    __mul__ = __rmul__ = arithmetic.multiply
    __neg__ = arithmetic.negate

    primitive = calculus.primitive
    derivative = calculus.derivative
    restrict = calculus.restrict
    bin_integrals = calculus.bin_integrals

    sup_norm = norms.sup_norm
    alexiewicz_norm = norms.alexiewicz_norm

    @property
    def exact(self) -> bool:
        """True in exact mode.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> Signal.piecewise([0, 1], [[F(1)]]).exact, Signal.piecewise([0, 1], [[1.0]]).exact
        (True, False)
        """
        return self._exact

    @property
    def t_range(self) -> tuple[Value, Value]:
        """``(t0, T)``.

        Examples
        --------
        >>> Signal.piecewise([0.0, 1.0, 3.0], [[1.0], [2.0]]).t_range
        (0.0, 3.0)
        """
        return self._bps[0], self._bps[-1]

    @property
    def breakpoints(self) -> tuple[Value, ...]:
        """Piece boundaries :math:`b_0 < \\dots < b_n`.

        Examples
        --------
        >>> Signal.piecewise([0.0, 1.0, 3.0], [[1.0], [2.0]]).breakpoints
        (0.0, 1.0, 3.0)
        """
        return tuple(self._bps)

    @property
    def coefficients(self) -> tuple[tuple[Value, ...], ...]:
        """Per piece, the coefficients in powers of ``(t - anchors[i])``, lowest first.

        Examples
        --------
        >>> Signal.piecewise([0.0, 1.0, 3.0], [[1.0], [2.0, 1.0]]).coefficients
        ((1.0,), (2.0, 1.0))
        """
        return tuple(tuple(c) for _, c in self._pieces)

    @property
    def anchors(self) -> tuple[Value, ...]:
        """Expansion points of the pieces (see :class:`Piece`).

        Examples
        --------
        >>> Signal.piecewise([0.0, 1.0, 3.0], [[1.0], [2.0, 1.0]]).anchors
        (0.0, 1.0)
        """
        return tuple(a for a, _ in self._pieces)

    @property
    def end_value(self) -> Value:
        """The value at :math:`T`.

        Examples
        --------
        >>> Signal.piecewise([0.0, 2.0], [[1.0, 1.0]]).end_value
        3.0
        >>> Signal.piecewise([0.0, 2.0], [[1.0, 1.0]], end_value=0.0).end_value
        0.0
        """
        return self._end

    @property
    def diracs(self) -> tuple[tuple[Value, Value], ...]:
        """``((time, weight), ...)`` sorted by time.

        Examples
        --------
        >>> Signal.dirac([1.0, 0.5], [2.0, 1.0], (0.0, 2.0)).diracs
        ((0.5, 1.0), (1.0, 2.0))
        """
        return tuple(self._diracs)

    def pieces(self, cuts: Iterable[Value] = ()) -> tuple[Piece, ...]:
        """The pieces as :class:`Piece` values, optionally cut at extra times ``cuts``.

        A piece cut in two keeps its anchor and coefficients, so the function is unchanged;
        cuts outside :math:`(t_0, T)` or at breakpoints change nothing.

        Parameters
        ----------
        cuts : sequence of real
            Extra times to cut at (e.g. the Dirac instants).

        Returns
        -------
        tuple of Piece

        Examples
        --------
        >>> f = Signal.piecewise([0.0, 2.0], [[1.0, 1.0]])
        >>> [(p.start, p.stop, p.anchor) for p in f.pieces(cuts=[0.5])]
        [(0.0, 0.5, 0.0), (0.5, 2.0, 0.0)]
        """
        bps, pieces = self._bps, self._pieces
        inner = [t for t in self._cut_times(cuts) if bps[0] < t < bps[-1]]
        # Cuts at breakpoints change nothing (two signals on one grid, the common case).
        if inner and not set(inner).issubset(bps):
            # A cut piece keeps its anchor: the piece holding each new start continues.
            bps = sorted_unique(bps + inner)
            pieces = [pieces[self._index(b)] for b in bps[:-1]]
        return tuple(map(_new_piece, zip(bps, bps[1:], map(itemgetter(0), pieces),
                                         map(itemgetter(1), pieces))))

    def piece_arrays(self, cuts: Iterable[float] = ()
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The pieces of a float signal as arrays: ``(breakpoints, anchors, coefficients)``.

        ``coefficients[i, k]`` is the coefficient of :math:`(t - a_i)^k` (rows padded with
        zeros); ``cuts`` as in :meth:`pieces`.  The arrays are fresh copies.

        Parameters
        ----------
        cuts : sequence of float
            Extra times to cut at.

        Returns
        -------
        tuple of numpy.ndarray
            ``(breakpoints, anchors, coefficients)``, ``float64``.

        Examples
        --------
        >>> f = Signal.piecewise([0.0, 1.0, 2.0], [[1.0], [2.0, 3.0]])
        >>> bps, anchors, coeffs = f.piece_arrays(cuts=[0.5])
        >>> bps.tolist(), anchors.tolist(), coeffs.tolist()
        ([0.0, 0.5, 1.0, 2.0], [0.0, 0.0, 1.0], [[1.0, 0.0], [1.0, 0.0], [2.0, 3.0]])
        """
        if self._exact:
            raise ValueError("signal must be a float signal for piece_arrays; use to_float()")
        bps, anchors, table = self._float_table()
        extra = np.asarray(self._cut_times(cuts), dtype=float)
        inner = extra[(extra > bps[0]) & (extra < bps[-1])]
        if inner.size:
            new = np.union1d(bps, inner)
            idx = np.searchsorted(bps, new[:-1], side="right") - 1
            return new, anchors[idx], table[idx]
        return bps.copy(), anchors.copy(), table.copy()

    def _cut_times(self, cuts: Iterable[object]) -> list:
        """``cuts`` checked as finite times (exact ones may be algebraic), in this signal's
        number mode."""
        values, _ = time_values(cuts, "cuts")
        return values if self._exact else exactify(values, False, "cuts")

    def _float_table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(breakpoints, anchors, coefficients)`` as arrays, built once: a signal of a
        million pieces is read many times by evaluation and the event loop."""
        if self._table is None:
            widths = {len(c) for _, c in self._pieces}
            if len(widths) == 1:
                table = np.array([c for _, c in self._pieces], dtype=float)
            else:
                table = np.zeros((len(self._pieces), max(widths)))
                for k, (_, coeffs) in enumerate(self._pieces):
                    table[k, :len(coeffs)] = coeffs
            arrays = (np.asarray(self._bps, dtype=float),
                      np.array([a for a, _ in self._pieces], dtype=float), table)
            for array in arrays:  # shared by every later call: nothing may write to them
                array.flags.writeable = False
            self._table = arrays
        return self._table

    def _canonical(self) -> tuple[Any, ...]:
        """The function and Diracs in one normal form: exact pieces in powers of ``t`` with
        trailing zeros trimmed, equal neighbours merged."""
        s = self.to_exact()
        merged: list = []
        for p in s.pieces():
            poly = tuple(ptrim(pshift(list(p.coefficients), -p.anchor)))
            if not merged or merged[-1][1] != poly:
                merged.append((p.start, poly))
        return (*s.t_range, tuple(merged), s.end_value, s.diracs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signal):
            return NotImplemented
        return self._canonical() == other._canonical()

    def __hash__(self) -> int:
        return hash(self._canonical())

    def __repr__(self) -> str:
        mode = "exact" if self._exact else "float"
        return (f"Signal({mode}, t in [{self._bps[0]}, {self._bps[-1]}], "
                f"{len(self._pieces)} pieces, {len(self._diracs)} Diracs)")

    def _index(self, t: Value) -> int:
        """Index of the piece holding ``t`` (``t0 <= t < T``)."""
        return bisect.bisect_right(self._bps, t, 0, len(self._pieces)) - 1

    def _check_time(self, t: object, name: str = "t") -> Value:
        return check_time(t, (self._bps[0], self._bps[-1]), self._exact, name)

    def _value(self, t: Value) -> Value:
        if t == self._bps[-1]:
            return self._end
        return evaluate([self._pieces[self._index(t)]], t)

    def _left(self, t: Value) -> Value:
        """Left limit at ``t > t0``."""
        i = bisect.bisect_left(self._bps, t, 1, len(self._bps)) - 1
        return evaluate([self._pieces[i]], t)

    def __call__(self, t: Value | ArrayLike) -> Value:
        """Value at ``t`` (right-continuous; Diracs are not values).

        ``t`` is a time or an array of times; a float signal evaluates a float array in one
        vectorised pass.

        Parameters
        ----------
        t : real, Algebraic or array_like of real
            Times in :math:`[t_0, T]`.

        Returns
        -------
        float, Fraction, Algebraic or numpy.ndarray
            The value, or an array of values shaped like ``t`` (``float64``, or objects in
            exact mode).

        Examples
        --------
        >>> import numpy as np
        >>> Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 0.0])(np.array([0.25, 1.5, 2.0]))
        array([0.5, 1. , 0. ])
        """
        if np.ndim(t) == 0:
            return self._value(self._check_time(t))
        if not self._exact:
            arr, exact_times = as_samples(t, "t")
            if not exact_times:
                bps, anchors, table = self._float_table()
                return evaluate_floats(bps, anchors, table, self._end, arr)
        values = [self._value(self._check_time(v)) for v in np.asarray(t, dtype=object).flat]
        return np.array(values, dtype=object if self._exact else float).reshape(np.shape(t))

    def limit(self, t: Value, side: str = "left") -> Value:
        """One-sided limit at ``t`` (``side="left"`` needs ``t > t0``).

        Parameters
        ----------
        t : real or Algebraic
            A time in :math:`[t_0, T]`.
        side : {"left", "right"}
            Which limit.

        Returns
        -------
        float, Fraction or Algebraic
            The limit of the function (Diracs do not count).

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 1.0], kind="constant")
        >>> f.limit(1.0), f.limit(1.0, "right")
        (0.0, 1.0)
        """
        check_choice(side, "side", ("left", "right"))
        t = self._check_time(t)
        if side == "right":
            if t == self._bps[-1]:
                raise ValueError("t must be < T for a right limit")
            return evaluate([self._pieces[self._index(t)]], t)
        if t == self._bps[0]:
            raise ValueError("t must be > t0 for a left limit")
        return self._left(t)

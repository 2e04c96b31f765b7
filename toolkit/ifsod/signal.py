"""Continuous-time signals: piecewise polynomials plus Dirac impulses (D7).

A :class:`Signal` is an immutable value: its pieces (:meth:`Signal.pieces`), its value at the
end of its range and its Diracs say everything about it, and two signals that are the same
function with the same Diracs compare equal.  Input checks live in
``ifsod._signal_input``, SymPy parsing in ``ifsod._signal_sympy`` and the suprema
(sup and Alexiewicz norms) in ``ifsod._membrane``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple, TypeGuard

import numpy as np

from ._poly import padd, pderiv, peval, pinteg, pscale, pshift, ptrim
from ._signal_arrays import bin_sums
from ._signal_arrays import evaluate as evaluate_floats
from ._signal_input import (
    check_increasing,
    exactify,
    impulses,
    merge_impulses,
    numbers,
    sorted_unique,
    to_float,
)
from ._signal_input import (
    times as time_values,
)
from ._typing import ArrayLike, Scalar
from ._validate import as_samples, check_choice, is_exact_scalar, to_fraction
from .algebraic import Algebraic, Value, evaluate


class Piece(NamedTuple):
    r"""One piece of a :class:`Signal`: :math:`\sum_k c_k (t - a)^k` on ``[start, stop)``.

    ``anchor`` :math:`a` is the expansion point: the start of the piece, or an earlier time
    where the piece was cut from a longer one (by ``+``, ``restrict`` or ``primitive``).

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


def _rational(value: Value, what: str) -> Value:
    if isinstance(value, Algebraic):
        raise ValueError(f"{what} is irrational ({float(value)!r}); this Signal cannot hold it")
    return value


def _is_scalar(other: object) -> TypeGuard[Value]:
    """A real scalar operand (``bool`` is refused: ``Signal + True`` is a mistake)."""
    if isinstance(other, bool | np.bool_):
        raise TypeError("other must be a real number or a Signal, not bool")
    if isinstance(other, np.ndarray | list | tuple):
        raise TypeError(f"other must be a real number or a Signal; got {type(other).__name__} "
                        "(a Signal does not broadcast over arrays)")
    return is_exact_scalar(other) or isinstance(other, int | float | np.integer | np.floating)


def _finite(values: Iterable[Value], what: str) -> None:
    """Refuse float results that overflowed to inf (or became NaN)."""
    values = list(values)
    if not np.isfinite(sum(abs(v) for v in values)) and not all(
            np.isfinite(v) for v in values):
        raise ValueError(f"{what} overflows float64; use exact (Fraction) input")


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
        # Trusted constructor: validated, mode-converted input only (see the classmethods).
        self._bps = list(breakpoints)
        self._pieces = list(pieces)  # (anchor, coefficients); never mutated in place
        self._end = end
        self._diracs = merge_impulses(diracs)
        self._exact = exact
        self._table: tuple[np.ndarray, np.ndarray] | None = None

    # ------------------------------------------------------------------------------------------
    # Constructors
    # ------------------------------------------------------------------------------------------

    @classmethod
    def piecewise(cls, breakpoints: ArrayLike, coefficients: Iterable[ArrayLike], *,
                  end_value: float | Scalar | None = None) -> Signal:
        r"""Piecewise polynomial from breakpoints and per-piece coefficients.

        Parameters
        ----------
        breakpoints : sequence of real
            :math:`t_0 = b_0 < b_1 < \dots < b_n = T`.
        coefficients : sequence of sequences
            ``coefficients[i]`` are the coefficients of piece ``i`` in powers of
            :math:`(t - b_i)`, lowest first.
        end_value : real, optional
            Value at :math:`T` (default: the limit of the last piece).

        Returns
        -------
        Signal

        Examples
        --------
        >>> f = Signal.piecewise([0.0, 1.0, 3.0], [[1.0, 2.0], [0.0, 0.0, 1.0]])
        >>> f(0.5), f(2.0)
        (2.0, 1.0)
        """
        bps, exact = numbers(breakpoints, "breakpoints")
        if len(bps) < 2:
            raise ValueError(f"breakpoints must hold at least two times; got {len(bps)}")
        coefficients = list(coefficients)
        if len(coefficients) != len(bps) - 1:
            raise ValueError(f"coefficients must hold one piece per interval ({len(bps) - 1}); "
                             f"got {len(coefficients)}")
        rows = []
        for i, row in enumerate(coefficients):
            coeffs, piece_exact = numbers(row, f"coefficients[{i}]")
            if not coeffs:
                raise ValueError(f"coefficients[{i}] must hold at least one coefficient")
            rows.append(coeffs)
            exact = exact or piece_exact
        if end_value is not None:
            end_list, end_exact = numbers([end_value], "end_value")
            exact = exact or end_exact
        check_increasing(bps, "breakpoints")
        bps = exactify(bps, exact, "breakpoints")
        pieces = [(b, exactify(c, exact, "coefficients")) for b, c in zip(bps, rows)]
        if end_value is None:
            anchor, last = pieces[-1]
            end = peval(last, bps[-1] - anchor)
        else:
            end = exactify(end_list, exact, "end_value")[0]
        if not exact:
            _finite([end], "coefficients: the value at T")
        return cls(bps, pieces, end, [], exact)

    @classmethod
    def dirac(cls, times: ArrayLike, weights: ArrayLike, t_range: Sequence[Value]) -> Signal:
        r"""Dirac impulses :math:`\sum_j w_j \delta(t - \tau_j)` on ``t_range`` (zero elsewhere).

        ``times`` and ``weights`` are paired in order, so both must be ordered sequences (a
        ``set`` is refused).

        Parameters
        ----------
        times : sequence of real
            The instants :math:`\tau_j \in [t_0, T]`.
        weights : sequence of real
            One weight :math:`w_j` per instant.
        t_range : pair of real
            ``(t0, T)``.

        Returns
        -------
        Signal

        Examples
        --------
        >>> Signal.dirac([0.5, 0.5, 1.0], [1.0, 2.0, -1.0], (0.0, 2.0)).diracs
        ((0.5, 3.0), (1.0, -1.0))
        """
        (t0, t_end), taus, ws, exact = impulses(times, weights, t_range)
        zero = Fraction(0) if exact else 0.0
        out = cls([t0, t_end], [(t0, [zero])], zero, list(zip(taus, ws)), exact)
        if not exact:
            _finite([w for _, w in out._diracs], "weights: the Diracs at one instant add up and")
        return out

    @classmethod
    def from_samples(cls, times: ArrayLike, values: ArrayLike, kind: str = "linear") -> Signal:
        """Interpolate samples: ``"linear"`` (continuous) or ``"constant"`` (zero-order hold).

        With ``"constant"`` the value on :math:`[t_k, t_{k+1})` is ``values[k]`` and the value at
        the last time is ``values[-1]``.

        Parameters
        ----------
        times : sequence of real
            Strictly increasing sample times, at least two.
        values : sequence of real
            One value per time.
        kind : {"linear", "constant"}
            The interpolation.

        Returns
        -------
        Signal

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 1.0])
        >>> f(0.5), f(1.5)
        (1.0, 1.5)
        >>> Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 1.0], kind="constant")(1.5)
        2.0
        """
        check_choice(kind, "kind", ("linear", "constant"))
        ts, t_exact = numbers(times, "times")
        vs, v_exact = numbers(values, "values")
        if len(ts) != len(vs):
            raise ValueError(f"values must have one entry per time ({len(ts)}); got {len(vs)}")
        if len(ts) < 2:
            raise ValueError(f"times must hold at least two samples; got {len(ts)}")
        check_increasing(ts, "times")
        exact = t_exact or v_exact
        ts, vs = exactify(ts, exact, "times"), exactify(vs, exact, "values")
        if kind == "linear":
            coeffs = [[v0, (v1 - v0) / (t1 - t0)]
                      for t0, t1, v0, v1 in zip(ts, ts[1:], vs, vs[1:])]
            if not exact:
                _finite((c[1] for c in coeffs), "values: a slope")
        else:
            coeffs = [[v] for v in vs[:-1]]
        return cls(ts, list(zip(ts, coeffs)), vs[-1], [], exact)

    @classmethod
    def from_sympy(cls, expr: Any, t: Any, t_range: Sequence[Value]) -> Signal:
        """Signal from a SymPy polynomial or ``Piecewise`` of polynomials in ``t``.

        Conditions of the ``Piecewise`` are read on each interval between the numbers they
        mention; rational coefficients give an exact signal, floats a float one.

        Parameters
        ----------
        expr : sympy.Expr
            A polynomial in ``t``, or a ``Piecewise`` of them whose conditions compare ``t``
            with numbers.
        t : sympy.Symbol
            The time variable.
        t_range : pair of real
            ``(t0, T)``.

        Returns
        -------
        Signal

        Examples
        --------
        >>> import sympy
        >>> t = sympy.Symbol("t")
        >>> f = Signal.from_sympy(sympy.Piecewise((t**2, t < 1), (2 - t, True)), t, (0, 2))
        >>> f.breakpoints
        (Fraction(0, 1), Fraction(1, 1), Fraction(2, 1))
        >>> [[str(c) for c in piece] for piece in f.coefficients]
        [['0', '0', '1'], ['1', '-1']]
        """
        from ._signal_sympy import sympy_pieces

        return cls.piecewise(*sympy_pieces(expr, t, t_range))

    # ------------------------------------------------------------------------------------------
    # Inspection and conversion
    # ------------------------------------------------------------------------------------------

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
        split = self._split(self._cut_times(cuts))
        return tuple(Piece(split._bps[k], split._bps[k + 1], anchor, tuple(coeffs))
                     for k, (anchor, coeffs) in enumerate(split._pieces))

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
        anchors, table = self._float_table()
        bps = np.asarray(self._bps, dtype=float)
        extra = np.asarray(self._cut_times(cuts), dtype=float)
        inner = extra[(extra > bps[0]) & (extra < bps[-1])]
        if inner.size:
            new = np.union1d(bps, inner)
            idx = np.searchsorted(bps, new[:-1], side="right") - 1
            return new, anchors[idx], table[idx]
        return bps, anchors.copy(), table.copy()

    def _cut_times(self, cuts: Iterable[object]) -> list:
        """``cuts`` checked as finite times (exact ones may be algebraic), in this signal's
        number mode."""
        values, _ = time_values(cuts, "cuts")
        return values if self._exact else [to_float(c, "cuts") for c in values]

    def _float_table(self) -> tuple[np.ndarray, np.ndarray]:
        if self._table is None:
            widths = {len(c) for _, c in self._pieces}
            if len(widths) == 1:
                table = np.array([c for _, c in self._pieces], dtype=float)
            else:
                table = np.zeros((len(self._pieces), max(widths)))
                for k, (_, coeffs) in enumerate(self._pieces):
                    table[k, :len(coeffs)] = coeffs
            self._table = (np.array([a for a, _ in self._pieces], dtype=float), table)
        return self._table

    def to_exact(self) -> Signal:
        """The same signal in exact mode (floats convert exactly).

        Returns
        -------
        Signal
            This signal if it is exact already.

        Examples
        --------
        >>> Signal.piecewise([0.0, 1.0], [[0.5]]).to_exact().coefficients
        ((Fraction(1, 2),),)
        """
        if self._exact:
            return self
        return Signal([Fraction(b) for b in self._bps],
                      [(Fraction(a), [Fraction(c) for c in co]) for a, co in self._pieces],
                      Fraction(self._end),
                      [(Fraction(t), Fraction(w)) for t, w in self._diracs], True)

    def to_float(self) -> Signal:
        """The same signal in float mode, each number rounded to the nearest float.

        Raises ``ValueError`` for a number beyond the float64 range (and for breakpoints that
        rounding would merge).

        Returns
        -------
        Signal
            This signal if it is a float signal already.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> Signal.piecewise([0, 1], [[F(1, 3)]]).to_float()(0.5)
        0.3333333333333333
        """
        if not self._exact:
            return self
        bps = [to_float(b, "signal breakpoints") for b in self._bps]
        check_increasing(bps, "signal breakpoints (rounded to floats)")
        pieces = [(to_float(a, "signal anchors"), exactify(co, False, "signal coefficients"))
                  for a, co in self._pieces]
        diracs = [(to_float(t, "signal Dirac times"), to_float(w, "signal Dirac weights"))
                  for t, w in self._diracs]
        return Signal(bps, pieces, to_float(self._end, "signal end_value"), diracs, False)

    def _in_mode(self, exact: bool) -> Signal:
        return self.to_exact() if exact and not self._exact else self

    def _canonical(self) -> tuple[Any, ...]:
        """The function and Diracs in one normal form: exact pieces in powers of ``t`` with
        trailing zeros trimmed, equal neighbours merged."""
        s = self.to_exact()
        merged: list = []
        for b, (anchor, coeffs) in zip(s._bps, s._pieces):
            poly = tuple(ptrim(pshift(list(coeffs), -anchor)))
            if not merged or merged[-1][1] != poly:
                merged.append((b, poly))
        return (s._bps[0], s._bps[-1], tuple(merged), s._end, tuple(s._diracs))

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

    # ------------------------------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------------------------------

    def _index(self, t: Value) -> int:
        """Index of the piece holding ``t`` (``t0 <= t < T``)."""
        return bisect.bisect_right(self._bps, t, 0, len(self._pieces)) - 1

    def _check_time(self, t: object, name: str = "t") -> Value:
        if isinstance(t, Algebraic):
            value: Value = t if self._exact else float(t)
        elif self._exact:
            value = to_fraction(t, name)
        else:
            value = float(to_fraction(t, name))
        if not self._bps[0] <= value <= self._bps[-1]:
            raise ValueError(f"{name} must lie in [t0, T] = [{self._bps[0]}, {self._bps[-1]}]; "
                             f"got {t}")
        return value

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
                anchors, table = self._float_table()
                return evaluate_floats(np.asarray(self._bps, dtype=float), anchors, table,
                                       self._end, arr)
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

    # ------------------------------------------------------------------------------------------
    # Arithmetic
    # ------------------------------------------------------------------------------------------

    def _split(self, times: Iterable[Value]) -> Signal:
        """The same signal with extra breakpoints at ``times`` (pieces keep their anchors)."""
        inner = [t for t in times if self._bps[0] < t < self._bps[-1]]
        if not inner:
            return self
        bps = sorted_unique(self._bps + inner)
        pieces = [self._pieces[self._index(b)] for b in bps[:-1]]
        return Signal(bps, pieces, self._end, self._diracs, self._exact)

    def _checked(self, what: str) -> Signal:
        if not self._exact:
            _finite(itertools.chain([self._end], (w for _, w in self._diracs),
                                    *(c for _, c in self._pieces)), what)
        return self

    def __add__(self, other: object) -> Signal:
        if isinstance(other, Signal):
            exact = self._exact or other._exact
            a, b = self._in_mode(exact), other._in_mode(exact)
            if a.t_range != b.t_range:
                raise ValueError(f"other must have t_range {a.t_range}; got {b.t_range}")
            a, b = a._split(b._bps), b._split(a._bps)
            pieces = [(pa, padd(ca, pshift(cb, pa - pb)))
                      for (pa, ca), (pb, cb) in zip(a._pieces, b._pieces)]
            return Signal(a._bps, pieces, a._end + b._end, a._diracs + b._diracs,
                          exact)._checked("other: the sum")
        if not _is_scalar(other):
            return NotImplemented
        exact = self._exact or is_exact_scalar(other)
        exact_c = to_fraction(other, "other")
        c: Value = exact_c if exact else to_float(exact_c, "other")
        a = self._in_mode(exact)
        pieces = [(anchor, padd(coeffs, [c])) for anchor, coeffs in a._pieces]
        return Signal(a._bps, pieces, a._end + c, a._diracs, exact)._checked("other: the sum")

    __radd__ = __add__

    def __mul__(self, other: object) -> Signal:
        if not _is_scalar(other):
            return NotImplemented
        exact = self._exact or is_exact_scalar(other)
        exact_c = to_fraction(other, "other")
        c: Value = exact_c if exact else to_float(exact_c, "other")
        a = self._in_mode(exact)
        return Signal(a._bps, [(anchor, pscale(co, c)) for anchor, co in a._pieces], a._end * c,
                      [(t, w * c) for t, w in a._diracs], exact)._checked("other: the product")

    __rmul__ = __mul__

    def __neg__(self) -> Signal:
        return self * -1

    def __sub__(self, other: object) -> Signal:
        if isinstance(other, Signal) or _is_scalar(other):
            return self + (-other)
        return NotImplemented

    def __rsub__(self, other: object) -> Signal:
        if not _is_scalar(other):
            return NotImplemented
        return (-self) + other

    # ------------------------------------------------------------------------------------------
    # Calculus
    # ------------------------------------------------------------------------------------------

    def primitive(self) -> Signal:
        r"""The running integral :math:`F(t) = \int_{[t_0, t]} f`; Diracs become jumps.

        :math:`F` is right-continuous: a Dirac at :math:`\tau` is counted in :math:`F(\tau)`
        (one at :math:`t_0` in :math:`F(t_0)`).

        Returns
        -------
        Signal

        Examples
        --------
        >>> f = Signal.piecewise([0.0, 2.0], [[1.0]]) + Signal.dirac([1.0], [5.0], (0.0, 2.0))
        >>> F = f.primitive()
        >>> F(0.5), F.limit(1.0), F(1.0), F(2.0)
        (0.5, 1.0, 6.0, 7.0)
        """
        weights = dict(self._diracs)
        split = self._split([t for t, _ in self._diracs])
        zero = Fraction(0) if self._exact else 0.0
        pieces: list = []
        for k, ((anchor, coeffs), b) in enumerate(zip(split._pieces, split._bps)):
            body = pinteg(coeffs, zero)
            # F(b-) + jump - body(b): the constant that makes this piece start at F(b).
            terms = [(anchor, [weights.get(b, zero)]), (anchor, pscale(body, -1))]
            const = _rational(evaluate(terms + pieces[-1:], b), f"the primitive at piece {k}")
            pieces.append((anchor, padd(body, [const])))
        t_end = split._bps[-1]
        end = evaluate(pieces[-1:], t_end) + weights.get(t_end, zero)
        return Signal(split._bps, pieces, end, [], self._exact)._checked("the primitive")

    def derivative(self) -> Signal:
        r"""Distributional derivative: the pieces' derivatives plus a Dirac at every jump.

        The value at :math:`t_0` is a starting value, not a jump from 0, so
        ``y.derivative().primitive() == y - y(t0)`` (T4).  A signal with Diracs has no
        derivative in this class (it would need :math:`\delta'`).

        Returns
        -------
        Signal

        Examples
        --------
        >>> y = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 3.0], kind="constant")
        >>> y.derivative().diracs
        ((1.0, 1.0), (2.0, 2.0))
        """
        if self._diracs:
            raise ValueError("signal must have no Diracs to be differentiated")
        diracs = []
        for k in range(1, len(self._pieces)):
            b = self._bps[k]
            left = (self._pieces[k - 1][0], pscale(self._pieces[k - 1][1], -1))
            jump = _rational(evaluate([self._pieces[k], left], b), f"the jump at {b}")
            diracs.append((b, jump))
        t_end = self._bps[-1]
        diracs.append((t_end, self._end - evaluate(self._pieces[-1:], t_end)))
        pieces = [(a, pderiv(c)) for a, c in self._pieces]
        end = evaluate(pieces[-1:], t_end)
        return Signal(self._bps, pieces, end, diracs, self._exact)._checked("the derivative")

    def restrict(self, a: float | Scalar, b: float | Scalar) -> Signal:
        """The signal on :math:`[a, b]` (Diracs in the closed interval are kept).

        Parameters
        ----------
        a, b : real
            The new time range, :math:`t_0 \\le a < b \\le T`.

        Returns
        -------
        Signal

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 2.0], [0.0, 2.0]) + Signal.dirac([1.5], [1.0], (0, 2))
        >>> g = f.restrict(0.5, 1.5)
        >>> g.t_range, g(1.0), g.diracs
        ((0.5, 1.5), 1.0, ((1.5, 1.0),))
        """
        start, stop = self._check_time(a, "a"), self._check_time(b, "b")
        if not start < stop:
            raise ValueError(f"b must be > a; got a={start}, b={stop}")
        split = self._split([start, stop])
        lo, hi = split._bps.index(start), split._bps.index(stop)
        diracs = [(t, w) for t, w in self._diracs if start <= t <= stop]
        return Signal(split._bps[lo:hi + 1], split._pieces[lo:hi], self._value(stop), diracs,
                      self._exact)

    def bin_integrals(self, edges: ArrayLike) -> np.ndarray:
        r"""Integrals over the bins between ``edges``: the discrete :math:`x_n` of D4.

        Bin :math:`n` is :math:`[e_n, e_{n+1})`; the last bin is closed when it ends at
        :math:`T`, so the bins of a full partition hold every Dirac exactly once.  In floats
        each bin sums its own pieces and Diracs (no difference of running sums), so a bin
        holding one Dirac integrates to its weight exactly.

        Parameters
        ----------
        edges : sequence of real
            Increasing bin edges inside :math:`[t_0, T]`.

        Returns
        -------
        numpy.ndarray
            ``len(edges) - 1`` values: ``float64``, or ``Fraction`` objects in exact mode.

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 2.0], [0.0, 2.0]) + Signal.dirac([1.0], [3.0], (0, 2))
        >>> f.bin_integrals([0.0, 1.0, 2.0])
        array([0.5, 4.5])
        """
        edges, exact = numbers(edges, "edges", exact=True if self._exact else None)
        if exact and not self._exact:
            return self.to_exact().bin_integrals(edges)
        if len(edges) < 2:
            raise ValueError(f"edges must hold at least two times; got {len(edges)}")
        check_increasing(edges, "edges")
        for e in (edges[0], edges[-1]):
            self._check_time(e, "edges")
        if not exact:
            out = bin_sums(self._bps, self._pieces, self._diracs, edges)
            _finite(out, "signal: a bin integral")
            return out
        big_f = self.primitive()
        left = [big_f._left(e) if e > self._bps[0] else 0 * e for e in edges]
        if edges[-1] == self._bps[-1]:
            left[-1] = big_f._end
        return np.array([b - a for a, b in itertools.pairwise(left)], dtype=object)

    # ------------------------------------------------------------------------------------------
    # Norms
    # ------------------------------------------------------------------------------------------

    def sup_norm(self, *, attained: bool = False) -> Value | tuple[Value, bool]:
        r""":math:`\sup_t |f(t)|` over values and one-sided limits (no Diracs allowed).

        Exact in exact mode (the result may be an algebraic number); the candidates are the
        breakpoints, their one-sided limits and the interior roots of :math:`f'`.

        Parameters
        ----------
        attained : bool
            Also return whether some :math:`t` has :math:`|f(t)|` equal to the supremum.  A
            supremum reached only as a one-sided limit is not attained, so
            :math:`|f(t)| < c` holds at every :math:`t` exactly when ``sup < c``, or
            ``sup == c`` and it is not attained.

        Returns
        -------
        float, Fraction or Algebraic, or a tuple (sup, bool) when ``attained``

        Examples
        --------
        >>> Signal.piecewise([0.0, 2.0], [[0.0, 2.0, -1.0]]).sup_norm()  # 2s - s^2
        1.0
        >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 0.0], kind="constant")
        >>> f.sup_norm(attained=True)
        (1.0, True)
        >>> ramp = Signal.piecewise([0.0, 1.0, 2.0], [[0.0, 1.0], [0.0]])  # t, then 0
        >>> ramp.sup_norm(attained=True)  # 1 only as t -> 1 from the left
        (1.0, False)
        """
        from ._membrane import PolynomialMembrane, sup_abs

        if self._diracs:
            raise ValueError("signal must have no Diracs for a sup norm (they are unbounded)")
        best, reached = sup_abs(PolynomialMembrane(self._exact, follow=False), self.pieces(),
                                {}, end=self._end)
        return (best, reached) if attained else best

    def alexiewicz_norm(self, *, leak_rate: float | Scalar = 0.0) -> Value:
        r"""Alexiewicz norm :math:`\|f\|_A = \sup_t |\int_{[t_0,t]} f|` (D1), exactly.

        The supremum runs over the primitive's values and one-sided limits (breakpoints, Dirac
        instants and interior critical points); in exact mode the result is a ``Fraction`` or an
        exact algebraic number.  With ``leak_rate`` :math:`\alpha > 0` (float mode only): the
        leaky norm :math:`\sup_t |\int_{[t_0,t]} e^{-\alpha(t-s)} f(s)\,ds|` (D2), its
        interior extrema isolated exactly and polished by bracketed root finding.

        Parameters
        ----------
        leak_rate : real
            The leak rate :math:`\alpha \ge 0`.

        Returns
        -------
        float, Fraction or Algebraic
            The norm.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> f = Signal.piecewise([F(0), F(3)], [[F(1), F(-1)]])  # 1 - t: F(t) = t - t^2/2
        >>> f.alexiewicz_norm()
        Fraction(3, 2)
        >>> round(Signal.piecewise([0.0, 50.0], [[1.0]]).alexiewicz_norm(leak_rate=0.5), 9)
        2.0
        """
        from ._membrane import LeakyMembrane, sup_abs
        from ._signal_leaky import check_leak_rate

        alpha = check_leak_rate(leak_rate)
        if not alpha:
            return self.primitive().sup_norm()
        if self._exact:
            raise ValueError("leak_rate > 0 needs a float signal (exponentials are "
                             "irrational); got an exact one")
        pieces = self.pieces(cuts=[t for t, _ in self._diracs])
        return sup_abs(LeakyMembrane(alpha), pieces, dict(self._diracs))[0]

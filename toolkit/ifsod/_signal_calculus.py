"""Calculus of signals (D7, T4): the running integral, the distributional derivative,
restriction to a subinterval and the bin integrals that make the discrete input of D4.

A Dirac is a jump of the primitive and a jump is a Dirac of the derivative, so
``y.derivative().primitive() == y - y(t0)``; values stay exact in exact mode.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np

from ._poly import padd, pderiv, pinteg, pscale
from ._signal_arrays import bin_sums, dirac_jumps, primitive_rows, row_values
from ._signal_input import check_finite, check_increasing, check_time, numbers
from ._typing import ArrayLike, Scalar
from .algebraic import Algebraic, Value, evaluate

if TYPE_CHECKING:
    from .signal import Piece, Signal


def _rational(value: Value, what: str) -> Value:
    if isinstance(value, Algebraic):
        raise ValueError(f"signal: {what} is irrational ({float(value)!r}); a Signal cannot "
                         "hold it")
    return value


def _terms(pieces: list[Piece]) -> list[tuple[Value, tuple[Value, ...]]]:
    return [(p.anchor, p.coefficients) for p in pieces]


def _refuse_overflow(rows: np.ndarray, end: float, diracs: list[tuple[float, float]],
                     what: str) -> None:
    if not (np.isfinite(rows).all() and np.isfinite(end)
            and all(np.isfinite(w) for _, w in diracs)):
        raise ValueError(f"signal: {what} overflows float64; use exact (Fraction) input")


def _float_result(f: Signal, bps: np.ndarray, anchors: np.ndarray, rows: np.ndarray,
                  widths: list[int] | None, end: float,
                  diracs: list[tuple[float, float]]) -> Signal:
    """A float signal from finite arrays, rows cut to ``widths``."""
    coeffs = rows.tolist()
    if widths is not None:
        coeffs = [c[:w] for c, w in zip(coeffs, widths)]
    return type(f)(bps.tolist(), list(zip(anchors.tolist(), coeffs)), end, diracs, False)


def primitive_arrays(f: Signal) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    r"""The pieces of a float signal's primitive as arrays, for :func:`primitive` and for
    norms that need no :class:`~ifsod.Signal` of it.

    Parameters
    ----------
    f : Signal
        A float signal.

    Returns
    -------
    tuple
        ``(breakpoints, anchors, rows, end)``: the pieces cut at the Diracs, the
        coefficients of :math:`F` on each (:func:`ifsod._signal_arrays.primitive_rows`) and
        :math:`F(T)`.

    Raises
    ------
    ValueError
        When the primitive overflows float64.

    Examples
    --------
    >>> from ifsod import Signal
    >>> bps, anchors, rows, end = primitive_arrays(Signal.piecewise([0.0, 2.0], [[1.0]]))
    >>> rows.tolist(), end
    ([[0.0, 1.0]], 2.0)
    """
    bps, anchors, table = f.piece_arrays(cuts=[t for t, _ in f.diracs])
    with np.errstate(over="ignore", invalid="ignore"):  # refused by name below
        rows, end = primitive_rows(bps, anchors, table, dirac_jumps(bps, f.diracs))
    _refuse_overflow(rows, end, [], "the primitive")
    return bps, anchors, rows, end


def _widths(f: Signal, bps: np.ndarray, extra: int) -> list[int] | None:
    """The coefficient count of ``f``'s piece at each start in ``bps`` plus ``extra`` (at
    least 1); None when every piece has as many as the widest."""
    counts = [len(c) for c in f.coefficients]
    if min(counts) == max(counts):
        return None
    starts = np.searchsorted(np.asarray(f.breakpoints, dtype=float), bps[:-1], side="right")
    return [max(1, counts[i - 1] + extra) for i in starts.tolist()]


def _result(f: Signal, pieces: list[Piece], parts: list[tuple[Value, list[Value]]], end: Value,
            diracs: list[tuple[Value, Value]], what: str) -> Signal:
    """A signal on the breakpoints of ``pieces`` in ``f``'s mode, float overflow refused."""
    if not f.exact:
        check_finite(itertools.chain([end], (w for _, w in diracs), *(c for _, c in parts)),
                     f"signal: {what}")
    breakpoints = [p.start for p in pieces] + [pieces[-1].stop]
    return type(f)(breakpoints, parts, end, diracs, f.exact)


def primitive(self: Signal) -> Signal:
    r"""The running integral :math:`F(t) = \int_{[t_0, t]} f`; Diracs become jumps.

    :math:`F` is right-continuous: a Dirac at :math:`\tau` is counted in :math:`F(\tau)`
    (one at :math:`t_0` in :math:`F(t_0)`).  A float signal is integrated in arrays in one
    pass (``ifsod._signal_arrays.primitive_rows``): each constant is the float sum of the
    terms that the piece-by-piece loop of exact mode adds, in its order.

    Returns
    -------
    Signal
        :math:`F`, without Diracs.

    Examples
    --------
    >>> from ifsod import Signal
    >>> f = Signal.piecewise([0.0, 2.0], [[1.0]]) + Signal.dirac([1.0], [5.0], (0.0, 2.0))
    >>> F = f.primitive()
    >>> F(0.5), F.limit(1.0), F(1.0), F(2.0)
    (0.5, 1.0, 6.0, 7.0)
    """
    weights = dict(self.diracs)
    if not self.exact:
        bps, anchors, rows, end_value = primitive_arrays(self)
        return _float_result(self, bps, anchors, rows, _widths(self, bps, 1), end_value, [])
    pieces = list(self.pieces(cuts=list(weights)))
    zero = self.t_range[0] * 0
    parts: list[tuple[Value, list[Value]]] = []
    for k, p in enumerate(pieces):
        body = pinteg(p.coefficients, zero)
        # F(b-) + jump - body(b): the constant that makes this piece start at F(b).
        terms = [(p.anchor, [weights.get(p.start, zero)]), (p.anchor, pscale(body, -1))]
        const = _rational(evaluate(terms + parts[-1:], p.start), f"the primitive at piece {k}")
        parts.append((p.anchor, padd(body, [const])))
    t_end = self.t_range[1]
    end = evaluate(parts[-1:], t_end) + weights.get(t_end, zero)
    return _result(self, pieces, parts, end, [], "the primitive")


def derivative(self: Signal) -> Signal:
    r"""Distributional derivative: the pieces' derivatives plus a Dirac at every jump.

    The value at :math:`t_0` is a starting value, not a jump from 0, so
    ``y.derivative().primitive() == y - y(t0)`` (T4).  A signal with Diracs has no
    derivative in this class (it would need :math:`\delta'`).

    Returns
    -------
    Signal
        The derivative, a Dirac at each jump (and one at :math:`T` for a jump there).

    Examples
    --------
    >>> from ifsod import Signal
    >>> y = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 3.0], kind="constant")
    >>> y.derivative().diracs
    ((1.0, 1.0), (2.0, 2.0))
    """
    if self.diracs:
        raise ValueError("signal must have no Diracs to be differentiated")
    t_end = self.t_range[1]
    if not self.exact:
        bps, anchors, table = self.piece_arrays()
        width = table.shape[1]
        with np.errstate(over="ignore", invalid="ignore"):  # refused by name below
            rows = table[:, 1:] * np.arange(1, width) if width > 1 else table * 0
            # A jump: the piece's value at its start minus the last piece's value there.
            inner = row_values(table[1:], bps[1:-1] - anchors[1:]) + row_values(
                -table[:-1], bps[1:-1] - anchors[:-1])
        last = float(row_values(table[-1:], bps[-1:] - anchors[-1:])[0])
        jumps = list(zip(bps[1:-1].tolist(), inner.tolist())) + [
            (t_end, self.end_value - last)]
        end_value = float(row_values(rows[-1:], bps[-1:] - anchors[-1:])[0])
        _refuse_overflow(rows, end_value, jumps, "the derivative")
        return _float_result(self, bps, anchors, rows, _widths(self, bps, -1), end_value,
                             jumps)
    pieces = list(self.pieces())
    terms = _terms(pieces)
    diracs = []
    for before, p in zip(terms, pieces[1:]):
        left = (before[0], pscale(before[1], -1))
        jump = evaluate([(p.anchor, p.coefficients), left], p.start)
        diracs.append((p.start, _rational(jump, f"the jump at {p.start}")))
    diracs.append((t_end, self.end_value - evaluate(terms[-1:], t_end)))
    parts = [(a, pderiv(c)) for a, c in terms]
    return _result(self, pieces, parts, evaluate(parts[-1:], t_end), diracs, "the derivative")


def restrict(self: Signal, a: float | Scalar, b: float | Scalar) -> Signal:
    """The signal on :math:`[a, b]` (Diracs in the closed interval are kept).

    Parameters
    ----------
    a, b : real
        The new time range, :math:`t_0 \\le a < b \\le T`.

    Returns
    -------
    Signal
        The same function and Diracs on :math:`[a, b]`.

    Examples
    --------
    >>> from ifsod import Signal
    >>> f = Signal.from_samples([0.0, 2.0], [0.0, 2.0]) + Signal.dirac([1.5], [1.0], (0, 2))
    >>> g = f.restrict(0.5, 1.5)
    >>> g.t_range, g(1.0), g.diracs
    ((0.5, 1.5), 1.0, ((1.5, 1.0),))
    """
    start = check_time(a, self.t_range, self.exact, "a")
    stop = check_time(b, self.t_range, self.exact, "b")
    if not start < stop:
        raise ValueError(f"b must be > a; got a={start}, b={stop}")
    inside = [p for p in self.pieces(cuts=[start, stop]) if start <= p.start < stop]
    diracs = [(t, w) for t, w in self.diracs if start <= t <= stop]
    return type(self)([p.start for p in inside] + [stop], _terms(inside), self(stop), diracs,
                      self.exact)


def bin_integrals(self: Signal, edges: ArrayLike) -> np.ndarray:
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
    >>> from ifsod import Signal
    >>> f = Signal.from_samples([0.0, 2.0], [0.0, 2.0]) + Signal.dirac([1.0], [3.0], (0, 2))
    >>> f.bin_integrals([0.0, 1.0, 2.0])
    array([0.5, 4.5])
    """
    values, exact = numbers(edges, "edges", exact=True if self.exact else None)
    if exact and not self.exact:
        return bin_integrals(self.to_exact(), values)
    if len(values) < 2:
        raise ValueError(f"edges must hold at least two times; got {len(values)}")
    check_increasing(values, "edges")
    for e in (values[0], values[-1]):
        check_time(e, self.t_range, self.exact, "edges")
    if not exact:
        out = bin_sums(*self.piece_arrays(), self.diracs, values)
        check_finite(out, "signal: a bin integral")
        return out
    big_f = primitive(self)
    t0, t_end = self.t_range
    left = [big_f.limit(e) if e > t0 else 0 * e for e in values]
    if values[-1] == t_end:
        left[-1] = big_f.end_value
    return np.array([hi - lo for lo, hi in itertools.pairwise(left)], dtype=object)

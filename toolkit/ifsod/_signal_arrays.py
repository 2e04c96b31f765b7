"""Float signals in bulk: vectorised evaluation and per-bin integrals (D4, D7).

The functions take a float signal's pieces as arrays or lists (see
:meth:`ifsod.Signal.piece_arrays`) and do what :class:`ifsod.Signal` does point by point.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ._poly import peval, pinteg
from ._signal_input import sorted_unique

if TYPE_CHECKING:
    from .signal import Piece


def evaluate(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray, end: float,
             t: np.ndarray) -> np.ndarray:
    """Values at the float times ``t`` (right-continuous, ``end`` at ``T``), in one pass.

    Parameters
    ----------
    bps : numpy.ndarray
        The breakpoints :math:`b_0 < \\dots < b_n`.
    anchors : numpy.ndarray
        The expansion point of each piece.
    table : numpy.ndarray
        Row ``i``: the coefficients of piece ``i`` in powers of ``t - anchors[i]``.
    end : float
        The value at ``T``.
    t : numpy.ndarray
        Times in :math:`[b_0, b_n]`.

    Returns
    -------
    numpy.ndarray
        The values, shaped like ``t``.

    Examples
    --------
    >>> evaluate(np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0]),
    ...          np.array([[0.0, 1.0], [1.0, -1.0]]), 0.0, np.array([0.5, 1.5, 2.0]))
    array([0.5, 0.5, 0. ])
    """
    if t.size and not (bps[0] <= t.min() and t.max() <= bps[-1]):
        bad = t[(t < bps[0]) | (t > bps[-1])].flat[0]
        raise ValueError(f"t must lie in [t0, T] = [{bps[0]}, {bps[-1]}]; got {bad}")
    idx = np.clip(np.searchsorted(bps, t, side="right") - 1, 0, anchors.shape[0] - 1)
    s = t - anchors[idx]
    out = np.zeros_like(s)
    for j in range(table.shape[1] - 1, -1, -1):
        out = out * s + table[idx, j]
    return np.where(t == bps[-1], end, out)


def bin_sums(pieces: Sequence[Piece], diracs: Iterable[tuple[float, float]],
             edges: list[float]) -> np.ndarray:
    """Integrals over ``[e_n, e_{n+1})`` (the last closed at ``T``): each bin sums its own
    pieces and Diracs, so a bin holding one Dirac integrates to its weight exactly.

    Parameters
    ----------
    pieces : sequence of Piece
        The pieces of a float signal, in order.
    diracs : list of (time, weight)
        The Diracs.
    edges : list of float
        Increasing bin edges inside the pieces' range.

    Returns
    -------
    numpy.ndarray
        ``len(edges) - 1`` integrals, ``float64``.

    Examples
    --------
    >>> from ifsod.signal import Piece
    >>> bin_sums([Piece(0.0, 2.0, 0.0, (1.0,))], [(1.0, 0.5)], [0.0, 1.0, 2.0])
    array([1. , 1.5])
    """
    bps = [p.start for p in pieces] + [pieces[-1].stop]
    out = np.zeros(len(edges) - 1)
    closed_end = edges[-1] == bps[-1]
    cuts = sorted_unique(edges + [b for b in bps if edges[0] < b < edges[-1]])
    n = 0
    for lo, hi in itertools.pairwise(cuts):
        while edges[n + 1] <= lo:
            n += 1
        piece = pieces[bisect.bisect_right(bps, lo, 0, len(pieces)) - 1]
        body = pinteg(list(piece.coefficients), 0.0)
        out[n] += peval(body, hi - piece.anchor) - peval(body, lo - piece.anchor)
    for t, w in diracs:
        if edges[0] <= t < edges[-1] or (closed_end and t == edges[-1]):
            out[min(bisect.bisect_right(edges, t) - 1, len(out) - 1)] += w
    return out


def row_values(table: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Row ``i`` of ``table`` at ``s[i]``, by Horner's rule in the steps of
    :func:`ifsod._poly.peval` (so each value is the one it gives, bit for bit).

    Parameters
    ----------
    table : numpy.ndarray
        Coefficients, one polynomial a row, lowest power first.
    s : numpy.ndarray
        One point a row.

    Returns
    -------
    numpy.ndarray
        The values.

    Examples
    --------
    >>> row_values(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([3.0, 5.0]))
    array([7., 0.])
    """
    out = np.zeros_like(s)
    with np.errstate(over="ignore", invalid="ignore"):  # inf or NaN: the callers refuse it
        for j in range(table.shape[1] - 1, -1, -1):
            out = out * s + table[:, j]
    return out


def dirac_jumps(bps: np.ndarray, diracs: Iterable[tuple[float, float]]) -> np.ndarray:
    """The weight of the Dirac at each breakpoint (0 where there is none).

    Parameters
    ----------
    bps : numpy.ndarray
        Breakpoints that include every Dirac instant (``piece_arrays(cuts=...)``).
    diracs : iterable of (time, weight)
        The Diracs, at most one an instant.

    Returns
    -------
    numpy.ndarray
        One weight a breakpoint.

    Examples
    --------
    >>> dirac_jumps(np.array([0.0, 1.0, 2.0]), [(1.0, 0.5), (2.0, -1.0)])
    array([ 0. ,  0.5, -1. ])
    """
    jumps = np.zeros(bps.shape[0])
    pairs = list(diracs)
    if pairs:
        times, weights = np.array(pairs, dtype=float).T
        jumps[np.searchsorted(bps, times)] = weights
    return jumps


def primitive_rows(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray,
                   jumps: np.ndarray) -> tuple[np.ndarray, float]:
    r"""The pieces of :math:`F(t) = \int_{[t_0, t]} f` and :math:`F(T)`, for float pieces.

    Piece ``k`` of :math:`F` is :math:`\int f` from its anchor plus the constant that makes
    it start at :math:`F(b_k^-) + w_k`; the constants run in the order of the exact loop of
    :func:`ifsod._signal_calculus.primitive`, each a sum of the same floats.

    Parameters
    ----------
    bps, anchors, table : numpy.ndarray
        The pieces (:meth:`ifsod.Signal.piece_arrays`, cut at the Diracs).
    jumps : numpy.ndarray
        The Dirac weight at each breakpoint (:func:`dirac_jumps`).

    Returns
    -------
    tuple
        ``(rows, end)``: the primitive's coefficients, one column more than ``table``, and
        its value at :math:`T`.

    Examples
    --------
    >>> rows, end = primitive_rows(np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0]),
    ...                            np.array([[1.0], [2.0]]), np.array([0.0, 5.0, 0.0]))
    >>> rows.tolist(), float(end)
    ([[0.0, 1.0], [6.0, 2.0]], 8.0)
    """
    rows = np.zeros((table.shape[0], table.shape[1] + 1))
    rows[:, 1:] = table / np.arange(1, table.shape[1] + 1)
    # Each constant is w_k - body_k(b_k) + F(b_k^-), F(b_k^-) being the previous piece's
    # body at b_k plus its constant (Horner adds the constant last).
    heads = (jumps[:-1] + row_values(-rows, bps[:-1] - anchors)).tolist()
    joins = row_values(rows[:-1], bps[1:-1] - anchors[:-1]).tolist()
    const = heads[0]
    consts = [const]
    for head, join in zip(heads[1:], joins):
        const = head + (join + const)
        consts.append(const)
    rows[:, 0] = consts
    end = row_values(rows[-1:], bps[-1:] - anchors[-1:])[0] + jumps[-1]
    return rows, float(end)

"""Float signals in bulk: vectorised evaluation, bin integrals and the primitive (D4, D7).

The functions take a float signal's pieces as arrays (see :meth:`ifsod.Signal.piece_arrays`)
and compute, in passes over them, the floats that :class:`ifsod.Signal` computes piece by
piece.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


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


def bin_sums(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray,
             diracs: Iterable[tuple[float, float]], edges: list[float]) -> np.ndarray:
    """Integrals over ``[e_n, e_{n+1})`` (the last closed at ``T``): each bin sums its own
    pieces and Diracs, so a bin holding one Dirac integrates to its weight exactly.

    The stretches between edges and breakpoints are integrated in arrays and summed into
    their bins in order (``np.add.at`` adds one term after another), the Diracs after them.

    Parameters
    ----------
    bps, anchors, table : numpy.ndarray
        The pieces of a float signal (:meth:`ifsod.Signal.piece_arrays`).
    diracs : iterable of (time, weight)
        The Diracs.
    edges : list of float
        Increasing bin edges inside the pieces' range.

    Returns
    -------
    numpy.ndarray
        ``len(edges) - 1`` integrals, ``float64``.

    Examples
    --------
    >>> bin_sums(np.array([0.0, 2.0]), np.array([0.0]), np.array([[1.0]]), [(1.0, 0.5)],
    ...          [0.0, 1.0, 2.0])
    array([1. , 1.5])
    """
    grid = np.asarray(edges, dtype=float)
    out = np.zeros(grid.shape[0] - 1)
    cuts = np.union1d(grid, bps[(bps > grid[0]) & (bps < grid[-1])])
    lo, hi = cuts[:-1], cuts[1:]
    piece = np.searchsorted(bps[:-1], lo, side="right") - 1
    body = integrated_rows(table)
    rows, origin = body[piece], anchors[piece]
    np.add.at(out, np.searchsorted(grid, lo, side="right") - 1,
              row_values(rows, hi - origin) - row_values(rows, lo - origin))
    pairs = list(diracs)
    if pairs:
        times, weights = np.array(pairs, dtype=float).T
        closed_end = grid[-1] == bps[-1]
        inside = (grid[0] <= times) & ((times < grid[-1]) | (closed_end & (times == grid[-1])))
        where = np.minimum(np.searchsorted(grid, times[inside], side="right") - 1,
                           out.shape[0] - 1)
        np.add.at(out, where, weights[inside])
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


def integrated_rows(table: np.ndarray) -> np.ndarray:
    """Each row's integral from its anchor: coefficient ``k`` over ``k + 1`` one power up, as
    :func:`ifsod._poly.pinteg` computes it with a zero constant.

    Parameters
    ----------
    table : numpy.ndarray
        Coefficients, one polynomial a row, lowest power first.

    Returns
    -------
    numpy.ndarray
        One column more than ``table``; the first is zero.

    Examples
    --------
    >>> integrated_rows(np.array([[1.0, 2.0]])).tolist()
    [[0.0, 1.0, 1.0]]
    """
    rows = np.zeros((table.shape[0], table.shape[1] + 1))
    rows[:, 1:] = table / np.arange(1, table.shape[1] + 1)
    return rows


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
    rows = integrated_rows(table)
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

"""Float signals in bulk: vectorised evaluation and per-bin integrals (D4, D7).

The functions take a float signal's pieces as arrays or lists (see
:meth:`ifsod.Signal.piece_arrays`) and do what :class:`ifsod.Signal` does point by point.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

import numpy as np

from ._poly import peval, pinteg
from ._signal_input import sorted_unique


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


def bin_sums(bps: list[float], pieces: Sequence[tuple[float, Sequence[float]]],
             diracs: Iterable[tuple[float, float]], edges: list[float]) -> np.ndarray:
    """Integrals over ``[e_n, e_{n+1})`` (the last closed at ``T``): each bin sums its own
    pieces and Diracs, so a bin holding one Dirac integrates to its weight exactly.

    ``pieces`` are ``(anchor, coefficients)`` on ``[bps[i], bps[i+1])``.

    Parameters
    ----------
    bps : list of float
        The breakpoints.
    pieces : list of (anchor, coefficients)
        One per interval between breakpoints.
    diracs : list of (time, weight)
        The Diracs.
    edges : list of float
        Increasing bin edges inside ``[bps[0], bps[-1]]``.

    Returns
    -------
    numpy.ndarray
        ``len(edges) - 1`` integrals, ``float64``.

    Examples
    --------
    >>> bin_sums([0.0, 2.0], [(0.0, [1.0])], [(1.0, 0.5)], [0.0, 1.0, 2.0])
    array([1. , 1.5])
    """
    out = np.zeros(len(edges) - 1)
    closed_end = edges[-1] == bps[-1]
    cuts = sorted_unique(edges + [b for b in bps if edges[0] < b < edges[-1]])
    n = 0
    for lo, hi in itertools.pairwise(cuts):
        while edges[n + 1] <= lo:
            n += 1
        anchor, coeffs = pieces[bisect.bisect_right(bps, lo, 0, len(pieces)) - 1]
        body = pinteg(coeffs, 0.0)
        out[n] += peval(body, hi - anchor) - peval(body, lo - anchor)
    for t, w in diracs:
        if edges[0] <= t < edges[-1] or (closed_end and t == edges[-1]):
            out[min(bisect.bisect_right(edges, t) - 1, len(out) - 1)] += w
    return out

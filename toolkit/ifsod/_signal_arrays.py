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

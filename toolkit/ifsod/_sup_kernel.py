"""The supremum of ``|f|`` over a float signal's pieces, compiled by numba.

The sup norm of a signal and, on its primitive, the Alexiewicz norm (D1) take the candidates
of :func:`ifsod._membrane.sup_abs`: each piece's value at its start and at its interior
critical points (attained), its left limit at its end (not attained unless also a value), and
the value at ``T``.  A piece of degree at most ``MAX_DEGREE`` finds its critical points as the
event loop does (:mod:`ifsod._roots`): none where the Taylor bound shows it monotone, else the
slope's roots in closed form (degree 3) or isolated (degree 4), polished on the compensated
slope, so that a turning point at a float lands on that float.  The same source runs
uncompiled as its readable twin.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._numba_cache import NUMBA_CACHE
from ._roots import as_values, monotone_sign, poly_value, turning_knots, work_arrays


def sup_pieces(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray, degs: np.ndarray,
               end: float) -> tuple[float, bool]:
    """``(sup |f|, attained)`` over the pieces ``[bps[k], bps[k+1])`` and the value ``end``
    at ``T``.

    Parameters
    ----------
    bps, anchors : numpy.ndarray
        Breakpoints, and the anchor of each piece.
    table : numpy.ndarray
        Row ``k``: the coefficients of piece ``k`` in powers of ``t - anchors[k]``, padded to
        ``MAX_DEGREE + 1`` columns.
    degs : numpy.ndarray
        The degree of each row (:func:`ifsod._event_kernel.row_degrees`).
    end : float
        The value at ``T``.

    Returns
    -------
    tuple of (float, bool)
        The supremum, and whether a value (not only a left limit) equals it.

    Examples
    --------
    >>> table = np.array([[0.0, 2.0, -1.0, 0.0, 0.0]])  # 2 s - s**2 on [0, 2]: 1 at s = 1
    >>> best, attained = sup_pieces(np.array([0.0, 2.0]), np.array([0.0]), table,
    ...                             np.array([2]), 0.0)
    >>> float(best), bool(attained)
    (1.0, True)
    >>> ramp = np.array([[0.0, 1.0, 0.0, 0.0, 0.0]])  # 1 only as s -> 1 from the left
    >>> best, attained = sup_pieces(np.array([0.0, 1.0]), np.array([0.0]), ramp,
    ...                             np.array([1]), 0.0)
    >>> float(best), bool(attained)
    (1.0, False)
    """
    work = work_arrays(table.shape[1])
    best, reached = 0.0, 0.0
    for k in range(anchors.shape[0]):
        c = as_values(table[k])
        deg = degs[k]
        s_lo, s_hi = bps[k] - anchors[k], bps[k + 1] - anchors[k]
        reached = max(reached, abs(poly_value(c, deg, s_lo)))
        if deg >= 2 and monotone_sign(c, s_lo, s_hi) == 0:
            n, _, heads, _ = turning_knots(c, deg, s_lo, s_hi, work)
            # The last knot is s_hi, whose value is a left limit (below).
            for i in range(n - 1):
                reached = max(reached, abs(heads[i] + c[0]))
        best = max(best, abs(poly_value(c, deg, s_hi)))
    reached = max(reached, abs(end))
    best = max(best, reached)
    return best, reached == best


sup_pieces_numba = njit(cache=NUMBA_CACHE)(sup_pieces)

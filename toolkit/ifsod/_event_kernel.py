"""The event tracker of :func:`ifsod.events.track` on float arrays, compiled by numba.

Float IF and SOD without leak (D4, D5) run here: the membrane on piece ``k`` is
``u(t) = P_k(t - anchor_k) - K`` with ``P_k`` a row of ``table`` (degree at most
``MAX_DEGREE``), the offset ``K`` set at each piece start from the membrane carried across the
instant (as the discrete encoder carries it).  The state machine and the reset rules are those
of :mod:`ifsod.events` and :mod:`ifsod._membrane`, the times at a level come from
:mod:`ifsod._roots`; the same source runs uncompiled as their readable twin, and the tests hold
both to exact mode.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ._kernels import fire
from ._numba_cache import NUMBA_CACHE
from ._roots import (
    EPS,
    MAX_DEGREE,
    as_values,
    first_time,
    head,
    level_times,
    monotone_sign,
    poly_value,
    quadratic_times,
    turning_knots,
    work_arrays,
)


def track_arrays(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray, degs: np.ndarray,
                 jumps: np.ndarray, theta: float, reset: int, times: np.ndarray,
                 weights: np.ndarray) -> int:
    """Events of the membrane over the pieces ``[bps[k], bps[k+1])``; ``jumps[k]`` is the jump
    at ``bps[k]`` (``jumps[-1]`` at ``T``).  Writes into ``times``/``weights`` and returns the
    count; ``-1`` when they are too short (call again with more room), ``-2 - k`` when the
    membrane at ``bps[k]`` overflows float64.

    Parameters
    ----------
    bps, anchors, table, degs, jumps : numpy.ndarray
        The membrane of :func:`ifsod.events.float_membrane`, ``table`` padded to
        ``MAX_DEGREE + 1`` columns.
    theta : float
        Threshold, > 0.
    reset : int
        The code of the reset rule (:data:`ifsod._kernels.RESET_CODES`).
    times, weights : numpy.ndarray
        Receive the events.

    Returns
    -------
    int
        The event count, or ``-1`` / ``-2 - k`` as above.

    Examples
    --------
    >>> from ifsod.signal import Signal
    >>> from ifsod.events import float_membrane
    >>> bps, anchors, table, degs, jumps = float_membrane(
    ...     Signal.piecewise([0.0, 2.0], [[1.0]]), "if")
    >>> from ifsod._roots import MAX_DEGREE
    >>> padded = np.zeros((1, MAX_DEGREE + 1))
    >>> padded[:, :table.shape[1]] = table
    >>> times, weights = np.empty(8), np.empty(8)
    >>> n = track_arrays(bps, anchors, padded, degs, jumps, 0.5, 0, times, weights)
    >>> times[:n].tolist(), weights[:n].tolist()
    ([0.5, 1.0, 1.5, 2.0], [0.5, 0.5, 0.5, 0.5])
    """
    n = anchors.shape[0]
    cap = times.shape[0]
    width = table.shape[1]
    work = work_arrays(width)
    res = np.zeros(2 * width)
    # The root finders are inlined into the loop below; handed arrays, each call would count
    # references to them (atomic updates, about a third of the time of a cubic event), so
    # the piece's coefficients and cuts go in as tuples.
    cuts = cut_heads = cut_sizes = (0.0, 0.0, 0.0, 0.0, 0.0)
    n_knots, direction = 0, 0
    count = 0
    u, state, offset = 0.0, 0, 0.0
    for k in range(n + 1):
        t_k = bps[k]
        jump = jumps[k]
        v = u + jump
        if jump == 0 and (state != 0 or -theta < v < theta):
            u = v
        elif -theta < v < theta:
            u, state = v, 0
        else:
            if not math.isfinite(v):
                return -2 - k
            if reset == 0 and not math.isfinite(v / theta):
                u = np.fmod(v, theta)
                s = v - u
            else:
                s, u = fire(v, theta, reset)
            if s != 0:
                if count == cap:
                    return -1
                times[count] = t_k
                weights[count] = s
                count += 1
            state = 0 if -theta < u < theta else (1 if u > 0 else -1)
        if k == n:
            break
        c = as_values(table[k])
        deg = degs[k]
        a, b, anchor = t_k, bps[k + 1], anchors[k]
        offset = poly_value(c, deg, a - anchor) - u
        open_end = jumps[k + 1] != 0
        if state == 0:
            reach = b - anchor
            bound, power = abs(c[0] - offset), reach
            for j in range(1, deg + 1):
                bound += abs(c[j]) * power
                power *= reach
            if bound < theta:
                u = poly_value(c, deg, b - anchor) - offset
                continue
        if deg >= 3:  # the critical points do not depend on the level: found once a piece
            direction = monotone_sign(c, a - anchor, b - anchor)
            if direction != 0:  # the usual case: the end is the only cut, no array is touched
                end_head, end_size = head(c, b - anchor)
                n_knots, cuts = 1, (b - anchor, 0.0, 0.0, 0.0, 0.0)
                cut_heads = (end_head, 0.0, 0.0, 0.0, 0.0)
                cut_sizes = (end_size, 0.0, 0.0, 0.0, 0.0)
            else:
                n_knots, cuts, cut_heads, cut_sizes = turning_knots(c, deg, a - anchor,
                                                                    b - anchor, work)
        t_cur, strict, side, probe = a, False, 0, a
        slope_inv = math.nan  # 1 / u' at the last event of the piece, for the next guess
        while True:
            if state == 0:
                best, sign, best_inv = 0.0, 0, math.nan
                # Armed (|u| < theta) and monotone on [t_cur, b]: only the level ahead can be
                # reached, and a root of the other at t_cur would be rounding, not a crossing.
                ahead = direction
                lo_head, lo_size = 0.0, 0.0
                if deg <= 2:
                    d_lo = c[1] + 2 * c[2] * (t_cur - anchor)
                    d_hi = c[1] + 2 * c[2] * (b - anchor)
                    ahead = 1 if d_lo > 0 and d_hi > 0 else (-1 if d_lo < 0 and d_hi < 0 else 0)
                else:
                    lo_head, lo_size = head(c, t_cur - anchor)
                for sg in (1, -1):
                    if ahead == -sg:
                        continue
                    level = sg * theta
                    q0 = c[0] - (offset + level)
                    slack = 8 * EPS * (abs(c[0]) + abs(offset) + abs(level))
                    if deg >= 3:
                        t, inv = first_time(c, deg, anchor, q0, slack, t_cur, b, lo_head,
                                             lo_size, cuts, cut_heads, cut_sizes, n_knots,
                                             strict, open_end,
                                             probe if side == sg else -math.inf,
                                             best if sign != 0 else math.inf, slope_inv)
                        if not math.isnan(t):
                            best, sign, best_inv = t, sg, inv
                        continue
                    # Degree 2 at most, in closed form: no work arrays in the common case.
                    m, found = quadratic_times(q0, c[1], c[2], anchor, slack, t_cur, b)
                    for i in range(m):
                        t = found[i]
                        if side == sg and t < probe:
                            continue
                        if (t > t_cur if strict else t >= t_cur) and \
                                (t < b if open_end else t <= b):
                            if sign == 0 or t < best:
                                best, sign = t, sg
                            break
                if sign == 0:
                    break
                if count == cap:
                    return -1
                t_cur, slope_inv = best, best_inv
                times[count] = t_cur
                weights[count] = sign * theta
                count += 1
                offset = offset + sign * theta
                strict, side = False, 0
            else:
                m = level_times(c, deg, anchor, offset, state * theta, t_cur, b, work, res)
                p, entered = t_cur, False
                for i in range(m + 1):
                    nxt = b
                    if i < m:
                        nxt = res[i]
                        if not t_cur < nxt < b:
                            continue
                    if p < nxt:
                        mid = (p + nxt) / 2
                        if state * (poly_value(c, deg, mid - anchor) - offset) < theta:
                            entered = True
                            break
                    p = nxt
                if not entered:
                    break
                t_cur, probe, side = p, mid, state
                state, strict = 0, True
        u = poly_value(c, deg, b - anchor) - offset
    return count


def padded_rows(table: np.ndarray) -> np.ndarray:
    """``table`` with zero columns appended up to ``MAX_DEGREE + 1`` (itself when it has as
    many), as the compiled loops take a piece's coefficients.

    Parameters
    ----------
    table : numpy.ndarray
        Coefficients, one polynomial a row, lowest power first, at most ``MAX_DEGREE + 1``
        columns.

    Returns
    -------
    numpy.ndarray
        ``MAX_DEGREE + 1`` columns.

    Examples
    --------
    >>> padded_rows(np.array([[1.0, 2.0]])).tolist()
    [[1.0, 2.0, 0.0, 0.0, 0.0]]
    """
    if table.shape[1] == MAX_DEGREE + 1:  # a cubic signal's table (quartic membrane) is full
        return table
    padded = np.zeros((table.shape[0], MAX_DEGREE + 1))
    padded[:, :table.shape[1]] = table
    return padded


def row_degrees(table: np.ndarray, degrees: np.ndarray) -> None:
    """Write into ``degrees`` the degree of each row of ``table`` (its last nonzero column;
    0 for a zero row).

    Parameters
    ----------
    table : numpy.ndarray
        Coefficients, one polynomial a row, lowest power first.
    degrees : numpy.ndarray
        Integer array with one entry a row, written.

    Examples
    --------
    >>> degrees = np.empty(3, dtype=np.int64)
    >>> row_degrees(np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, -1.0]]), degrees)
    >>> degrees.tolist()
    [1, 0, 2]
    """
    for k in range(table.shape[0]):
        d = table.shape[1] - 1
        while d > 0 and table[k, d] == 0:
            d -= 1
        degrees[k] = d


def event_room(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray, theta: float) -> int:
    """Room for the events of :func:`track_arrays`: twice the crude bound on the membrane's
    travel over ``theta``, summed over the pieces, plus two a piece (the loop asks for more
    when it runs out).

    Parameters
    ----------
    bps, anchors, table : numpy.ndarray
        Breakpoints, anchors and coefficients as :func:`track_arrays` takes them.
    theta : float
        Threshold, > 0.

    Returns
    -------
    int
        The number of events to make room for, at most ``2**26`` beyond two a piece.

    Examples
    --------
    >>> event_room(np.array([0.0, 2.0]), np.array([0.0]), np.array([[0.0, 1.0]]), 0.5)
    26
    """
    travel = 0.0
    for k in range(anchors.shape[0]):
        reach, bound = bps[k + 1] - anchors[k], 0.0
        for j in range(table.shape[1] - 1, 0, -1):  # sum_j |c_j| reach^j by Horner's rule
            bound = (bound + abs(table[k, j])) * reach
        travel += bound
    travel = travel * 2 / theta
    return int(travel if travel < 2.0**26 else 2.0**26) + 2 * anchors.shape[0] + 16


def increasing_within(times: np.ndarray, t0: float, t_end: float) -> bool:
    """Whether ``times`` are strictly increasing and lie in ``[t0, t_end]`` (NaN fails).

    Parameters
    ----------
    times : numpy.ndarray
        Float times.
    t0, t_end : float
        The range.

    Returns
    -------
    bool

    Examples
    --------
    >>> increasing_within(np.array([0.5, 1.0]), 0.0, 1.0)
    True
    >>> increasing_within(np.array([1.0, 0.5]), 0.0, 1.0)
    False
    """
    prev = t0
    for i in range(times.shape[0]):
        t = times[i]
        if not (t > prev or (i == 0 and t == prev)) or not t <= t_end:
            return False
        prev = t
    return True


def spike_mask(weights: np.ndarray, theta: float, keep: np.ndarray) -> int:
    """Mark in ``keep`` the weights that are spikes (nonzero multiples of ``theta`` to
    rounding; ``theta <= 0``: nonzero); returns the index of the first that is no multiple,
    ``-1`` if none, ``-2`` if some quotient overflows (those need exact arithmetic).

    Parameters
    ----------
    weights : numpy.ndarray
        Float weights.
    theta : float
        Threshold (``<= 0``: a general train).
    keep : numpy.ndarray
        Boolean array of the same length, written.

    Returns
    -------
    int
        The status above.

    Examples
    --------
    >>> keep = np.empty(3, dtype=np.bool_)
    >>> spike_mask(np.array([2.0, 0.0, -1.0]), 1.0, keep), keep.tolist()
    (-1, [True, False, True])
    >>> spike_mask(np.array([2.0, 0.5]), 1.0, np.empty(2, dtype=np.bool_))
    1
    """
    status = -1
    for i in range(weights.shape[0]):
        w = weights[i]
        if theta <= 0:
            keep[i] = w != 0
            continue
        if w == theta or w == -theta:  # most events of the continuous encoders
            keep[i] = True
            continue
        k = w / theta
        if not math.isfinite(k):
            keep[i] = True
            status = -2
            continue
        near = np.round(k)
        if abs(k - near) > 1e-9 * max(1.0, abs(k)):
            return i
        keep[i] = near != 0
    return status


track_arrays_numba = njit(cache=NUMBA_CACHE)(track_arrays)
increasing_within_numba = njit(cache=NUMBA_CACHE)(increasing_within)
spike_mask_numba = njit(cache=NUMBA_CACHE)(spike_mask)
row_degrees_numba = njit(cache=NUMBA_CACHE)(row_degrees)
event_room_numba = njit(cache=NUMBA_CACHE)(event_room)

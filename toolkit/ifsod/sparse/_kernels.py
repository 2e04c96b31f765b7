"""Fast exact solvers as loops: one readable Python source, compiled by numba.

As in ``ifsod._kernels``, each kernel is plain Python that runs on floats and on ``Fraction``
values alike (the ground truth, and the exact solver for rational input), and numba compiles the
very same function for float input.

Both kernels work on a tube around the cumulative sums :math:`F_n = \\sum_{k\\le n} x_k` and
write the increments :math:`y_n = Y_n - Y_{n-1}` of a path :math:`Y` with :math:`Y_0 = 0`.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numba.extending import overload


def lazy_path(x, radius, out):
    """Play operator ``Y_n = clip(Y_{n-1}, F_n - radius, F_n + radius)`` (MATH.md T6).

    Writes ``y_n = Y_n - Y_{n-1}`` into ``out`` and returns ``sum |y_n|``.  The path moves only
    when the tube pushes it, which is what makes it a least-total-variation path.
    """
    zero = x[0] - x[0]
    f = zero
    y = zero
    total = zero
    for n in range(x.shape[0]):
        f += x[n]
        previous = y
        if y < f - radius:
            y = f - radius
        elif y > f + radius:
            y = f + radius
        step = y - previous
        out[n] = step
        total += step if step > zero else -step
    return total


def _below(ax, ay, bx, by, cx, cy):
    """True if slope(a, b) < slope(a, c); abscissae increase, so no division is needed."""
    return (by - ay) * (cx - ax) < (cy - ay) * (bx - ax)


def taut_string(lo, hi, free_end, out):
    """Taut string through the tube ``lo[n] <= Y_n <= hi[n]``, ``n = 0..N``, ``lo[0] == hi[0]``.

    Linear-time funnel algorithm: from the last knot the upper chain is the convex hull of the
    upper boundary seen from below and the lower chain the concave hull of the lower boundary;
    a new point that crosses the opposite chain turns that chain's first vertex into a knot.
    With ``free_end`` the end value is free in ``[lo[N], hi[N]]`` and the string leaves its
    last knot as flat as the tube allows (the limit of a flat continuation of the tube); else
    ``lo[N] == hi[N]`` pins it.  Writes the slopes ``Y_n - Y_{n-1}`` into ``out[n - 1]``.
    """
    n_last = lo.shape[0] - 1
    up = np.empty(n_last + 1, np.int64)
    dn = np.empty(n_last + 1, np.int64)
    k = 0
    ky = lo[0]
    uh = ut = dh = dt = 0
    for i in range(1, n_last + 1):
        # Upper point (i, hi[i]): keep the upper chain convex.
        while ut > uh:
            j = up[ut - 1]
            px, py = (k, ky) if ut - uh == 1 else (up[ut - 2], hi[up[ut - 2]])
            if _below(px, py, j, hi[j], i, hi[i]):
                break
            ut -= 1
        up[ut] = i
        ut += 1
        # Only a collapsed chain [knot, i] can cross the lower chain.
        while ut - uh == 1 and dt > dh and _below(k, ky, i, hi[i], dn[dh], lo[dn[dh]]):
            j = dn[dh]
            dh += 1
            _segment(out, k, ky, j, lo[j])
            k, ky = j, lo[j]
        # Lower point (i, lo[i]): keep the lower chain concave.
        while dt > dh:
            j = dn[dt - 1]
            px, py = (k, ky) if dt - dh == 1 else (dn[dt - 2], lo[dn[dt - 2]])
            if _below(px, py, i, lo[i], j, lo[j]):
                break
            dt -= 1
        dn[dt] = i
        dt += 1
        while dt - dh == 1 and ut > uh and _below(k, ky, up[uh], hi[up[uh]], i, lo[i]):
            j = up[uh]
            uh += 1
            _segment(out, k, ky, j, hi[j])
            k, ky = j, hi[j]
    while k < n_last:
        # Leave the knot with the target slope (0, or straight to the pinned end) unless a
        # chain bends the string first.
        tx, ty = (k + 1, ky) if free_end else (n_last, lo[n_last])
        j = up[uh]
        if _below(k, ky, j, hi[j], tx, ty):
            uh += 1
            _segment(out, k, ky, j, hi[j])
            k, ky = j, hi[j]
            dh = _retangent(k, ky, dn, dh, dt, lo, False)
            continue
        j = dn[dh]
        if _below(k, ky, tx, ty, j, lo[j]):
            dh += 1
            _segment(out, k, ky, j, lo[j])
            k, ky = j, lo[j]
            uh = _retangent(k, ky, up, uh, ut, hi, True)
            continue
        _segment(out, k, ky, n_last, ky + (ty - ky) * (n_last - k) / (tx - k))
        k = n_last


def _retangent(k, ky, chain, head, tail, values, convex):
    """Drop chain vertices behind the new knot ``k`` and move the head to the tangent vertex."""
    while head < tail and chain[head] <= k:
        head += 1
    while tail - head >= 2:
        a, b = chain[head], chain[head + 1]
        if convex:
            if _below(k, ky, a, values[a], b, values[b]):
                break
        elif _below(k, ky, b, values[b], a, values[a]):
            break
        head += 1
    return head


def _segment(out, k, ky, j, jy):
    slope = (jy - ky) / (j - k)
    for m in range(k, j):
        out[m] = slope


# The helpers compile as they stand; each overload only tells numba to do so.
@overload(_below, jit_options={"cache": True})
def _below_numba(ax, ay, bx, by, cx, cy):
    return _below


@overload(_retangent, jit_options={"cache": True})
def _retangent_numba(k, ky, chain, head, tail, values, convex):
    return _retangent


@overload(_segment, jit_options={"cache": True})
def _segment_numba(out, k, ky, j, jy):
    return _segment

lazy_path_numba = njit(cache=True)(lazy_path)
taut_string_numba = njit(cache=True)(taut_string)

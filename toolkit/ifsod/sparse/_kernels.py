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

from .._numba_cache import NUMBA_CACHE
from .._validate import Number


def lazy_path(x: np.ndarray, radius: Number, out: np.ndarray) -> None:
    """Play operator ``Y_n = clip(Y_{n-1}, F_n - radius, F_n + radius)`` (T6).

    Writes ``y_n = Y_n - Y_{n-1}`` into ``out``.  The path moves only when the tube pushes it,
    which is what makes it a least-total-variation path.

    Parameters
    ----------
    x : numpy.ndarray
        Samples (floats, or ``Fraction`` objects).
    radius : float or Fraction
        Half-width of the tube.
    out : numpy.ndarray
        Output buffer of the shape of ``x``.

    Examples
    --------
    >>> out = np.empty(3)
    >>> lazy_path(np.array([0.5, 2.0, -3.0]), 1.0, out)
    >>> out
    array([ 0. ,  1.5, -1. ])
    """
    f = y = x[0] - x[0]
    for n in range(x.shape[0]):
        f += x[n]
        previous = y
        # min/max rather than branches: compiled, they avoid a mispredicted jump per sample.
        y = min(max(y, f - radius), f + radius)
        out[n] = y - previous


def leaky_lazy_path(x: np.ndarray, radius: Number, leak: np.ndarray,
                    out: np.ndarray) -> Number:
    """Leaky lazy path ``V_n = clip(leak_n V_{n-1}, W_n - radius, W_n + radius)``, ``V_0 = 0``.

    ``W_n = leak_n W_{n-1} + x_n`` are the leaky partial sums (D2) and ``leak`` holds one factor
    per step.  Writes ``y_n = V_n - leak_n V_{n-1}``, the least-``l1`` solution of the relaxed
    leaky problem (T6j), into ``out`` and returns the right derivative of ``||y||_1`` with
    respect to ``radius``, which the Lagrangian search reads.  ``dv`` carries ``dV_n/dradius``:
    +-1 on a tube edge, the leaked previous value inside.

    Parameters
    ----------
    x : numpy.ndarray
        Samples (floats, or ``Fraction`` objects) whose leaky sums ``W_n`` centre the tube.
    radius : float or Fraction
        Half-width of the tube.
    leak : numpy.ndarray
        One leak factor in (0, 1] per step.
    out : numpy.ndarray
        Output buffer of the shape of ``x``.

    Returns
    -------
    float or Fraction
        Right derivative of ``||y||_1`` with respect to ``radius``.

    Examples
    --------
    >>> out = np.empty(2)
    >>> float(leaky_lazy_path(np.array([3.0, 1.0]), 1.0, np.array([1.0, 0.5]), out))
    -1.5
    >>> out
    array([2. , 0.5])
    """
    w = v = dv = slope = x[0] - x[0]
    for n in range(x.shape[0]):
        a = leak[n]
        w = a * w + x[n]
        pulled = a * v
        pulled_d = a * dv
        low = w - radius
        high = w + radius
        # At a tie the path follows the edge only if the edge moves away from it faster.
        if pulled < low or (pulled == low and pulled_d < -1):
            v, dv = low, -1 + 0 * pulled_d
        elif pulled > high or (pulled == high and pulled_d > 1):
            v, dv = high, 1 + 0 * pulled_d
        else:
            v, dv = pulled, pulled_d
        y = v - pulled
        dy = dv - pulled_d
        out[n] = y
        if y > 0:
            slope += dy
        elif y < 0:
            slope -= dy
        else:
            slope += abs(dy)
    return slope


def rof_direct(y: np.ndarray, lam: Number, out: np.ndarray) -> None:
    """ROF (TV denoising with weight ``lam``) by Condat's direct algorithm, into ``out``.

    L. Condat, "A direct algorithm for 1-D total variation denoising", IEEE Signal Process.
    Lett. 20(11), 2013.  It is the taut string with both ends pinned, walked on the values
    rather than the partial sums: a segment ``k0..k`` keeps the range ``[vmin, vmax]`` its
    value may still take and the running sums ``umin``, ``umax`` of the dual; when one leaves
    ``[-lam, lam]`` the segment is closed at the last knot on that side.  No stacks: worst
    case O(N^2), in practice a few passes over each sample.

    Parameters
    ----------
    y : numpy.ndarray
        Samples (floats, or ``Fraction`` objects).
    lam : float or Fraction
        Weight of the total variation.
    out : numpy.ndarray
        Output buffer of the shape of ``y``.

    Examples
    --------
    >>> out = np.empty(2)
    >>> rof_direct(np.array([0.0, 4.0]), 1.0, out)
    >>> out
    array([1., 3.])
    """
    n = y.shape[0]
    k = 0
    k0 = 0
    kplus = 0
    kminus = 0
    umin = lam
    umax = -lam
    vmin = y[0] - lam
    vmax = y[0] + lam
    while True:
        if k == n - 1:  # the right end closes the tube
            if umin < 0:
                k0 = _fill(out, k0, kminus, vmin)
                k = k0
                kminus = k0
                vmin = y[k0]
                umin = lam
                umax = vmin + lam - vmax
            elif umax > 0:
                k0 = _fill(out, k0, kplus, vmax)
                k = k0
                kplus = k0
                vmax = y[k0]
                umax = -lam
                umin = vmax - lam - vmin
            else:
                _fill(out, k0, k, vmin + umin / (k - k0 + 1))
                return
            continue
        umin += y[k + 1] - vmin
        if umin < -lam:  # a jump down after the last lower knot
            k0 = _fill(out, k0, kminus, vmin)
            vmin = y[k0]
            vmax = vmin + 2 * lam
        else:
            umax += y[k + 1] - vmax
            if umax > lam:  # a jump up after the last upper knot
                k0 = _fill(out, k0, kplus, vmax)
                vmax = y[k0]
                vmin = vmax - 2 * lam
            else:
                k += 1
                if umin >= lam:
                    kminus = k
                    vmin += (umin - lam) / (k - k0 + 1)
                    umin = lam
                if umax <= -lam:
                    kplus = k
                    vmax += (umax + lam) / (k - k0 + 1)
                    umax = -lam
                continue
        k = k0
        kplus = k0
        kminus = k0
        umin = lam
        umax = -lam


def _fill(out, start, stop, value):
    """Write ``value`` into ``out[start..stop]``; return ``stop + 1``."""
    for m in range(start, stop + 1):
        out[m] = value
    return stop + 1


def _below(ax, ay, bx, by, cx, cy):
    """True if slope(a, b) < slope(a, c); abscissae increase, so no division is needed."""
    return (by - ay) * (cx - ax) < (cy - ay) * (bx - ax)


def taut_string(x: np.ndarray, radius: Number, pinned: bool, out: np.ndarray) -> None:
    """Taut string through the tube ``|Y_n - F_n| <= radius``, ``n = 1..N``, from ``Y_0 = 0``.

    Linear-time funnel algorithm: from the last knot the upper chain is the convex hull of the
    upper edge seen from below and the lower chain the concave hull of the lower edge; a new
    point that crosses the opposite chain turns that chain's first vertex into a knot.  Without
    ``pinned`` the end is free and the string leaves its last knot as flat as the tube allows
    (the limit of a flat continuation of the tube); with ``pinned`` the tube closes at
    ``Y_N = F_N``.  Writes the slopes ``Y_n - Y_{n-1}`` into ``out[n - 1]``.

    Parameters
    ----------
    x : numpy.ndarray
        Samples (floats, or ``Fraction`` objects).
    radius : float or Fraction
        Half-width of the tube.
    pinned : bool
        Whether the string ends at ``Y_N = F_N``.
    out : numpy.ndarray
        Output buffer of the shape of ``x``.

    Examples
    --------
    >>> out = np.empty(2)
    >>> taut_string(np.array([0.0, 4.0]), 1.0, True, out)
    >>> out
    array([1., 3.])
    """
    n_last = x.shape[0]
    # cum[j - 1] = F_j, formed in the same pass.  It shares ``out``: every vertex still read
    # lies beyond the knot, and slopes are written only behind it.
    cum = out
    up = np.empty(n_last + 1, np.int64)
    dn = np.empty(n_last + 1, np.int64)
    k = 0
    ky = x[0] - x[0]
    f = ky
    uh = ut = dh = dt = 0
    for i in range(1, n_last + 1):
        f += x[i - 1]
        cum[i - 1] = f
        yi = _edge(cum, i, radius, n_last, pinned)
        # Upper point (i, yi): keep the upper chain convex.
        while ut > uh:
            j = up[ut - 1]
            if ut - uh == 1:
                px, py = k, ky
            else:
                px = up[ut - 2]
                py = _edge(cum, px, radius, n_last, pinned)
            if _below(px, py, j, _edge(cum, j, radius, n_last, pinned), i, yi):
                break
            ut -= 1
        up[ut] = i
        ut += 1
        # Only a collapsed chain [knot, i] can cross the lower chain.
        while ut - uh == 1 and dt > dh:
            j = dn[dh]
            jy = _edge(cum, j, -radius, n_last, pinned)
            if not _below(k, ky, i, yi, j, jy):
                break
            dh += 1
            _segment(out, k, ky, j, jy)
            k, ky = j, jy
        yi = _edge(cum, i, -radius, n_last, pinned)
        # Lower point (i, yi): keep the lower chain concave.
        while dt > dh:
            j = dn[dt - 1]
            if dt - dh == 1:
                px, py = k, ky
            else:
                px = dn[dt - 2]
                py = _edge(cum, px, -radius, n_last, pinned)
            if _below(px, py, i, yi, j, _edge(cum, j, -radius, n_last, pinned)):
                break
            dt -= 1
        dn[dt] = i
        dt += 1
        while dt - dh == 1 and ut > uh:
            j = up[uh]
            jy = _edge(cum, j, radius, n_last, pinned)
            if not _below(k, ky, j, jy, i, yi):
                break
            uh += 1
            _segment(out, k, ky, j, jy)
            k, ky = j, jy
    while k < n_last:
        # Leave the knot with the target slope (0, or straight to the pinned end) unless a
        # chain bends the string first.
        tx, ty = (n_last, f) if pinned else (k + 1, ky)
        j = up[uh]
        jy = _edge(cum, j, radius, n_last, pinned)
        if _below(k, ky, j, jy, tx, ty):
            uh += 1
            _segment(out, k, ky, j, jy)
            k, ky = j, jy
            dh = _retangent(k, ky, dn, dh, dt, cum, -radius, n_last, pinned, False)
            continue
        j = dn[dh]
        jy = _edge(cum, j, -radius, n_last, pinned)
        if _below(k, ky, tx, ty, j, jy):
            dh += 1
            _segment(out, k, ky, j, jy)
            k, ky = j, jy
            uh = _retangent(k, ky, up, uh, ut, cum, radius, n_last, pinned, True)
            continue
        _segment(out, k, ky, n_last, ky + (ty - ky) * (n_last - k) / (tx - k))
        k = n_last


def _edge(cum, j, offset, n_last, pinned):
    """Tube edge ``F_j + offset`` at vertex ``j >= 1`` (closed to ``F_N`` at a pinned end)."""
    if pinned and j == n_last:
        return cum[j - 1]
    return cum[j - 1] + offset


def _retangent(k, ky, chain, head, tail, cum, offset, n_last, pinned, convex):
    """Drop chain vertices behind the new knot ``k`` and move the head to the tangent vertex."""
    while head < tail and chain[head] <= k:
        head += 1
    while tail - head >= 2:
        a, b = chain[head], chain[head + 1]
        ay = _edge(cum, a, offset, n_last, pinned)
        by = _edge(cum, b, offset, n_last, pinned)
        if convex:
            if _below(k, ky, a, ay, b, by):
                break
        elif _below(k, ky, b, by, a, ay):
            break
        head += 1
    return head


def _segment(out, k, ky, j, jy):
    slope = (jy - ky) / (j - k)
    for m in range(k, j):
        out[m] = slope


# The helpers compile as they stand; each overload only tells numba to do so (``strict``
# off: the one typing function takes any argument types and returns the helper itself).
# numba accepts "cache" in jit_options; its stubs list only a subset of the keys.
for _helper in (_below, _retangent, _edge, _fill, _segment):
    overload(_helper, strict=False,
             jit_options={"cache": NUMBA_CACHE})(  # type: ignore[typeddict-unknown-key]
        lambda *types, _helper=_helper: _helper)
del _helper

lazy_path_numba = njit(cache=NUMBA_CACHE)(lazy_path)
leaky_lazy_path_numba = njit(cache=NUMBA_CACHE)(leaky_lazy_path)
rof_direct_numba = njit(cache=NUMBA_CACHE)(rof_direct)
taut_string_numba = njit(cache=NUMBA_CACHE)(taut_string)

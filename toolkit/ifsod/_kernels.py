"""Loops over samples: one readable Python source, compiled by numba.

Every kernel is written once as plain Python that works on floats and on ``Fraction`` values
alike; that source is the ground truth (``engine="python"`` and ``engine="exact"``) and numba
compiles the very same function for ``engine="numba"``.  The only arithmetic that must differ
between the two worlds is the remainder of reset-to-mod, bridged by ``split_mod`` below.

Kernels work on 2-D arrays (channels x time) and take and return the membrane, so a long
recording can be processed chunk by chunk (``IFEncoder``, or one chunk per Dask block).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numba.extending import overload

from ._numba_cache import NUMBA_CACHE

#: Reset rules as they are coded inside the kernels.
RESET_CODES = {"mod": 0, "subtract": 1, "zero": 2}


def split_mod(v, theta):
    """Split ``v`` into ``(theta * trunc(v / theta), remainder)`` (reset-to-mod, D4).

    For floats the remainder is ``fmod``, which IEEE 754 computes exactly, so ``|u| < theta``
    holds after rounding too; the spike is the float nearest the lattice point.
    """
    if isinstance(v, float):
        u = math.fmod(v, theta)
        return round((v - u) / theta) * theta, u
    k = math.trunc(v / theta)
    return k * theta, v - k * theta


@overload(split_mod, jit_options={"cache": NUMBA_CACHE})
def _split_mod_numba(v, theta):
    def impl(v, theta):
        u = np.fmod(v, theta)
        return np.round((v - u) / theta) * theta, u

    return impl


def fire(v, theta, reset):
    """One IF step after integration: return ``(spike, membrane)`` for membrane value ``v``."""
    if reset == 0:
        if -2 * theta < v < 2 * theta:
            # At most one spike, and v - s is exact (Sterbenz): the split ``split_mod`` gives.
            # Arithmetic rather than a branch: spikes that come at random would mispredict it.
            s = theta * (v >= theta) - theta * (v <= -theta)
            return s, v - s
        if -4 * theta < v < 4 * theta:
            return _mod_below_four(v, theta)
        return split_mod(v, theta)
    if -theta < v < theta:
        return v - v, v
    s = theta if v > 0 else -theta
    if reset == 2:
        return s, v - v
    return s, v - s


def _mod_below_four(v, theta):
    """``split_mod`` for ``2 theta <= |v| < 4 theta`` by binary long division, without ``fmod``.

    Each subtraction of ``2 theta`` or ``theta`` happens only when the value lies in
    ``[c, 2c)`` for the amount ``c`` subtracted, so it is exact in floats (Sterbenz) and the
    remainder is the one ``fmod`` returns; ``v - u`` then rounds ``k theta`` once, as
    ``split_mod`` does.
    """
    a = abs(v)
    a = a - 2 * theta * (a >= 2 * theta)
    a = a - theta * (a >= theta)
    u = a if v >= 0 else -a
    return v - u, u


def encode_rows(x, theta, reset, leak, u0, out):
    """IF over each row of ``x`` (D4); writes spikes into ``out`` and returns the membranes.

    ``leak`` is ``None`` for plain IF, or a 2-D array broadcastable to ``x`` of per-step
    factors.
    """
    u_end = u0.copy()
    for c in range(x.shape[0]):
        u = u0[c]
        for n in range(x.shape[1]):
            if leak is None:
                v = u + x[c, n]
            else:
                v = leak[c, n] * u + x[c, n]
            s, u = fire(v, theta, reset)
            out[c, n] = s
        u_end[c] = u
    return u_end


def leaky_cumsum_rows(a, leak, c0, out):
    """Leaky running sums ``c_n = leak_n c_{n-1} + a_n`` of each row (D2); returns the last."""
    c_end = c0.copy()
    for r in range(a.shape[0]):
        c = c0[r]
        for n in range(a.shape[1]):
            c = leak[r, n] * c + a[r, n]
            out[r, n] = c
        c_end[r] = c
    return c_end


@overload(_mod_below_four, jit_options={"cache": NUMBA_CACHE})
def _mod_below_four_numba(v, theta):
    return _mod_below_four


@overload(fire, jit_options={"cache": NUMBA_CACHE})
def _fire_numba(v, theta, reset):
    # The Python source above compiles as it stands once ``split_mod`` has its overload.
    return fire


encode_rows_numba = njit(cache=NUMBA_CACHE)(encode_rows)
leaky_cumsum_rows_numba = njit(cache=NUMBA_CACHE)(leaky_cumsum_rows)

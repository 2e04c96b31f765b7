"""Fast exact solvers: greedy IF^M, the (leaky) lazy path and the taut string.

Each takes validated samples (float64, or an object array of ``Fraction`` for exact
arithmetic) and returns the solution; float input runs the numba-compiled kernels, exact input
the same kernels as plain Python.
"""

from __future__ import annotations

import numpy as np

from ..encode import if_encode
from . import _kernels


def greedy(x: np.ndarray, theta, leak) -> np.ndarray:
    """IF^M (reset-to-mod), the latest-firing minimiser of the quantized problem (T3)."""
    return if_encode(x, theta, reset="mod", leak=1.0 if leak is None else leak)


def _run(x: np.ndarray, plain, compiled, *args) -> np.ndarray:
    """A kernel's output for ``x``: its plain source on exact input, compiled on floats."""
    out = np.empty_like(x)
    if x.shape[0]:
        (plain if x.dtype == object else compiled)(x, *args, out)
    return out


def lazy(x: np.ndarray, radius) -> np.ndarray:
    """Increments of the lazy path (play operator) in the tube of ``radius`` (T6)."""
    return _run(x, _kernels.lazy_path, _kernels.lazy_path_numba, radius)


def leaky_lazy(x: np.ndarray, radius, leak: np.ndarray) -> np.ndarray:
    """Increments ``y_n = V_n - leak_n V_{n-1}`` of the leaky lazy path (T6j), one pass."""
    return _run(x, _kernels.leaky_lazy_path, _kernels.leaky_lazy_path_numba, radius, leak)


def _taut(x: np.ndarray, radius, pinned: bool) -> np.ndarray:
    return _run(x, _kernels.taut_string, _kernels.taut_string_numba, radius, pinned)


def taut_string(x: np.ndarray, radius) -> np.ndarray:
    """Increments of the taut string in the tube ``|Y_n - F_n| <= radius``, ``Y_0 = 0``.

    The end ``Y_N`` is free.  Among all paths in the tube the taut string minimises
    ``sum phi(Y_n - Y_{n-1})`` for every convex ``phi`` with its minimum at 0, in particular
    both the total variation and the energy.
    """
    return _taut(x, radius, pinned=False)


def rof_direct(y: np.ndarray, lam) -> np.ndarray:
    """ROF denoising by Condat's direct algorithm (the pinned taut string on the values)."""
    return _run(y, _kernels.rof_direct, _kernels.rof_direct_numba, lam)


def tv_denoise(y: np.ndarray, lam) -> np.ndarray:
    """ROF denoising by the taut string with both ends pinned (the TV prox, T6).

    ``u = argmin 1/2 ||u - y||^2 + lam * sum |u_{n+1} - u_n|`` is the slope of the taut string
    through ``|U_n - Y_n| <= lam``, ``U_0 = 0``, ``U_N = Y_N``, with ``Y`` the partial sums of y.
    """
    return _taut(y, lam, pinned=True)

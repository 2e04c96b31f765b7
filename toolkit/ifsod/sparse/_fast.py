"""Fast exact solvers: greedy IF^M, the (leaky) lazy path and the taut string.

Each takes validated samples (float64, or an object array of ``Fraction`` for exact
arithmetic) and returns the solution; float input runs the numba-compiled kernels, exact input
the same kernels as plain Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np

from .._typing import Scalar
from .._validate import Number
from ..encode import if_encode
from . import _kernels


def greedy(x: np.ndarray, theta: Number, leak: Number | np.ndarray | None) -> np.ndarray:
    """IF^M (reset-to-mod), the latest-firing minimiser of the quantized problem (T3).

    Parameters
    ----------
    x : numpy.ndarray
        Samples to encode (float64, or an object array of ``Fraction``).
    theta : float or Fraction
        The threshold, > 0.
    leak : float, Fraction, numpy.ndarray or None
        The validated leak; ``None`` for plain IF.

    Returns
    -------
    numpy.ndarray
        The spikes, multiples of ``theta``.

    Examples
    --------
    >>> greedy(np.array([0.5, 0.75, 2.5, -0.5]), 1.0, None)
    array([0., 1., 2., 0.])
    """
    # Scalar spells reals by the numeric tower, which static checkers do not relate to float.
    return if_encode(x, cast(Scalar, theta), reset="mod", leak=1.0 if leak is None else leak)


def _run(x: np.ndarray, plain: Callable[..., object], compiled: Callable[..., object],
         *args: object) -> np.ndarray:
    """A kernel's output for ``x``: its plain source on exact input, compiled on floats."""
    out = np.empty_like(x)
    if x.shape[0]:
        (plain if x.dtype == object else compiled)(x, *args, out)
    return out


def lazy(x: np.ndarray, radius: Number) -> np.ndarray:
    """Increments of the lazy path (play operator) in the tube of ``radius`` (T6).

    Parameters
    ----------
    x : numpy.ndarray
        Samples whose partial sums ``F_n`` centre the tube.
    radius : float or Fraction
        Half-width of the tube around the partial sums.

    Returns
    -------
    numpy.ndarray
        ``y_n = Y_n - Y_{n-1}``, a least-total-variation path in the tube.

    Examples
    --------
    >>> lazy(np.array([0.5, 0.75, 2.5, -0.5]), 1.0)
    array([0.  , 0.25, 2.5 , 0.  ])
    """
    return _run(x, _kernels.lazy_path, _kernels.lazy_path_numba, radius)


def leaky_lazy(x: np.ndarray, radius: Number, leak: np.ndarray) -> np.ndarray:
    """Increments ``y_n = V_n - leak_n V_{n-1}`` of the leaky lazy path (T6j), one pass.

    Parameters
    ----------
    x : numpy.ndarray
        Samples whose leaky partial sums ``W_n`` (D2) centre the tube.
    radius : float or Fraction
        Half-width of the tube, ``|V_n - W_n| <= radius``.
    leak : numpy.ndarray
        One leak factor in (0, 1] per step.

    Returns
    -------
    numpy.ndarray
        The increments, the least-``l1`` solution of the relaxed leaky problem.

    Examples
    --------
    >>> leaky_lazy(np.array([0.5, 0.75, 2.5, -0.5]), 1.0, np.full(4, 0.5))
    array([0., 0., 2., 0.])
    """
    return _run(x, _kernels.leaky_lazy_path, _kernels.leaky_lazy_path_numba, radius, leak)


def _taut(x: np.ndarray, radius: Number, pinned: bool) -> np.ndarray:
    return _run(x, _kernels.taut_string, _kernels.taut_string_numba, radius, pinned)


def taut_string(x: np.ndarray, radius: Number) -> np.ndarray:
    """Increments of the taut string in the tube ``|Y_n - F_n| <= radius``, ``Y_0 = 0``.

    The end ``Y_N`` is free.  Among all paths in the tube the taut string minimises
    ``sum phi(Y_n - Y_{n-1})`` for every convex ``phi`` with its minimum at 0, in particular
    both the total variation and the energy.

    Parameters
    ----------
    x : numpy.ndarray
        Samples; the string runs through the tube around their sums ``F_n``.
    radius : float or Fraction
        Half-width of the tube around the partial sums.

    Returns
    -------
    numpy.ndarray
        The increments of the taut string.

    Examples
    --------
    >>> from fractions import Fraction
    >>> x = np.array([Fraction(1, 2), Fraction(1, 2), Fraction(2)], dtype=object)
    >>> taut_string(x, Fraction(1)).tolist()
    [Fraction(2, 3), Fraction(2, 3), Fraction(2, 3)]
    """
    return _taut(x, radius, pinned=False)


def rof_direct(y: np.ndarray, lam: Number) -> np.ndarray:
    """ROF denoising by Condat's direct algorithm (the pinned taut string on the values).

    Parameters
    ----------
    y : numpy.ndarray
        Noisy samples (float64, or an object array of ``Fraction``).
    lam : float or Fraction
        Weight of the total variation, >= 0.

    Returns
    -------
    numpy.ndarray
        The denoised signal, equal to :func:`tv_denoise`.

    Examples
    --------
    >>> rof_direct(np.array([0.5, 0.75, 2.5, -0.5]), 0.5)
    array([0.875, 0.875, 1.5  , 0.   ])
    """
    return _run(y, _kernels.rof_direct, _kernels.rof_direct_numba, lam)


def tv_denoise(y: np.ndarray, lam: Number) -> np.ndarray:
    """ROF denoising by the taut string with both ends pinned (the TV prox, T6).

    ``u = argmin 1/2 ||u - y||^2 + lam * sum |u_{n+1} - u_n|`` is the slope of the taut string
    through ``|U_n - Y_n| <= lam``, ``U_0 = 0``, ``U_N = Y_N``, with ``Y`` the partial sums of y.

    Parameters
    ----------
    y : numpy.ndarray
        Noisy samples; the string runs through the tube around their sums.
    lam : float or Fraction
        Half-width of the tube (the weight of the total variation), >= 0.

    Returns
    -------
    numpy.ndarray
        The denoised signal ``u``.

    Examples
    --------
    >>> tv_denoise(np.array([0.5, 0.75, 2.5, -0.5]), 0.5)
    array([0.875, 0.875, 1.5  , 0.   ])
    """
    return _taut(y, lam, pinned=True)

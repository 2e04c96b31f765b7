"""Total-variation denoising (ROF), the TV prox served by the taut string (MATH.md T6)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from .._typing import ArrayLike, Scalar
from .._validate import as_samples, check_choice, check_threshold
from . import _cvxpy, _fast


def tv_denoise(y: ArrayLike, lam: Scalar, *,
               method: Literal["taut-string", "cvxpy"] = "taut-string",
               solver: str | None = None) -> np.ndarray:
    r"""Solve :math:`\min_u \tfrac12\|u - y\|_2^2 + \lambda \sum_n |u_{n+1} - u_n|` (ROF).

    The taut string through :math:`|U_n - Y_n| \le \lambda` with both ends pinned
    (:math:`U_0 = 0`, :math:`U_N = Y_N`, :math:`Y` the partial sums of ``y``) has slope ``u``;
    hence, by the duality of the Alexiewicz norm and total variation (T6),
    :math:`\|y - u\|_A \le \lambda` and :math:`\sum u = \sum y`.

    Parameters
    ----------
    y : array_like
        1-D samples; ``Fraction`` input is solved exactly by the taut string.
    lam : float or Fraction
        Weight of the total variation, > 0.
    method : {"taut-string", "cvxpy"}
        The :math:`O(N)` taut string, or the problem stated in CVXPY (floats).
    solver : str, optional
        CVXPY solver (default Clarabel).

    Returns
    -------
    numpy.ndarray
        The denoised ``u``.

    Examples
    --------
    >>> tv_denoise([0.0, 4.0, 0.0, 0.0], 1.0)
    array([1. , 2. , 0.5, 0.5])
    """
    arr, exact = as_samples(y, "y")
    if arr.ndim != 1:
        raise ValueError(f"y must be 1-D; got shape {arr.shape}")
    lam = check_threshold(lam, "lam", exact=exact)
    method = check_choice(method, "method", ("taut-string", "cvxpy"))
    if method == "taut-string":
        if solver is not None:
            raise ValueError("solver applies to method='cvxpy' only")
        return _fast.tv_denoise(arr, lam)
    floats = np.asarray(arr, dtype=np.float64)
    name = _cvxpy.pick_solver(solver, "qp")
    if not floats.shape[0]:
        return floats.copy()
    values, status, _, _ = _cvxpy.solve(*_cvxpy.tv_denoise(floats, float(lam)), name)
    if values is None:
        raise RuntimeError(f"CVXPY solver {name} did not solve the ROF problem: {status}")
    return values

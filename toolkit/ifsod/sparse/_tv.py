"""Total-variation denoising (ROF), the TV prox served by the taut string with a pinned end."""

from __future__ import annotations

from typing import Literal

from .._typing import ArrayLike, Scalar
from .._validate import as_samples, check_axis, check_threshold
from ._recover import check_float_range, recover
from ._result import Recovery


def tv_denoise(y: ArrayLike, lam: Scalar, *,
               method: Literal["auto", "direct", "taut-string", "cvxpy"] = "auto",
               solver: str | None = None, axis: int = -1) -> Recovery:
    r"""Solve :math:`\min_u \tfrac12\|u - y\|_2^2 + \lambda \sum_n |u_{n+1} - u_n|` (ROF).

    The same as ``recover(y, lam, problem="rof", ...)``: the taut string through
    :math:`|U_n - Y_n| \le \lambda` with both ends pinned (:math:`U_0 = 0`, :math:`U_N = Y_N`,
    :math:`Y` the partial sums of ``y``) has slope ``u``; hence, by the duality of the
    Alexiewicz norm and total variation (T6), :math:`\|y - u\|_A \le \lambda` and
    :math:`\sum u = \sum y`.  ``method="direct"`` (the default) walks the same string on the
    values (Condat's direct algorithm).  The free-end taut string is ``problem="relaxed"``.

    Parameters
    ----------
    y : array_like
        Samples, time along ``axis``; ``Fraction`` values select exact arithmetic.
    lam : float or Fraction
        Weight of the total variation, >= 0.
    method : {"auto", "direct", "taut-string", "cvxpy"}
        The algorithm (``"auto"``: ``"direct"``).
    solver : str, optional
        The CVXPY solver of ``method="cvxpy"``.
    axis : int
        The time axis.

    Returns
    -------
    Recovery
        ``u`` in ``signal``; a solver failure is a status, not an exception.

    Examples
    --------
    >>> tv_denoise([0.0, 4.0, 0.0, 0.0], 1.0).signal
    array([1. , 2. , 0.5, 0.5])
    """
    # Checked here too, so that a refusal names this function's parameters, not recover's.
    arr, exact = as_samples(y, "y")
    if arr.ndim == 0:
        raise ValueError("y must have at least one dimension (time); got a scalar")
    check_threshold(lam, "lam", exact=exact)
    if not exact:
        check_float_range(arr, check_axis(axis, arr.ndim), "y")
    return recover(y, lam, problem="rof", method=method, solver=solver, axis=axis)

"""``recover``: one front door to the sparse-recovery problems of MATH.md T3 and T6."""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np

from .._typing import ArrayLike, Leak, Scalar
from .._validate import as_samples, check_choice, check_leak, check_threshold, to_fraction
from ..norms import alexiewicz_norm
from . import _cvxpy, _fast
from ..interop.labelled import labelled

Problem = Literal["quantized", "relaxed", "lagrangian", "reconstruct"]
Method = Literal["auto", "greedy", "lazy", "taut-string", "cvxpy", "milp"]

#: Methods per problem; the first is the default of ``method="auto"`` for ``leak=1``.
_METHODS = {
    "quantized": ("greedy", "milp", "cvxpy"),
    "relaxed": ("lazy", "taut-string", "cvxpy"),
    "lagrangian": ("cvxpy",),
    "reconstruct": ("taut-string", "cvxpy"),
}
#: ``method="auto"`` with a leak < 1: the fast solvers are exact only without leak.
_LEAKY_AUTO = {"quantized": "milp", "relaxed": "cvxpy", "lagrangian": "cvxpy",
               "reconstruct": "cvxpy"}
_CRITERIA = ("tv", "energy")
#: The leaky quantized ball is open but has no lattice box; it is closed to this relative radius.
LEAKY_MARGIN = 1e-9
#: Slack, relative to the size of the partial sums, when a floating-point solution is checked
#: against a closed ball: the residual's own rounding grows with them.
_CLOSED_SLACK = 1e-9


@dataclass(frozen=True, eq=False)
class Recovery:
    """Result of :func:`recover`, with the same fields for every problem and method.

    Attributes
    ----------
    problem, method, solver : str
        What was solved and how (``solver`` is the CVXPY solver, or ``"numba"`` / ``"exact"``
        for the compiled and the rational fast solvers).
    status : str
        ``"optimal"``; for CVXPY its own status (``"optimal_inaccurate"``, ``"infeasible"``,
        ``"unbounded"``, ``"solver_error: ..."``); ``"feasible"`` for greedy LIF^M with a leak
        (feasible, not always optimal, T3); ``"optimal_fractional"`` for an LP that stopped
        inside the face of optima instead of at an integral vertex.
    spikes : numpy.ndarray or None
        Solution ``s`` (or ``y``) of quantized, relaxed and lagrangian problems.
    signal : numpy.ndarray or None
        Solution ``f`` of ``reconstruct``.
    objective : float or Fraction
        Value of the problem's objective at the solution (``nan`` without a solution).
    alexiewicz_residual : float or Fraction
        :math:`\\|C(x - s)\\|_\\infty` (leaky form for ``leak < 1``).
    feasible : bool
        Whether the solution satisfies the problem's constraint: ``< theta`` for quantized,
        ``<= theta`` for relaxed and reconstruct, exactly for ``Fraction`` input and in floats up
        to a rounding slack of 1e-9 times ``max(theta, ||x||_1)``; for lagrangian (no
        constraint) whether a solution exists.
    compile_seconds, solve_seconds : float
        CVXPY canonicalisation time and the rest of the solve (0 compile for fast solvers).
    theta : float or Fraction
        The radius.
    """

    problem: str
    method: str
    solver: str
    status: str
    spikes: np.ndarray | None
    signal: np.ndarray | None
    objective: float | Fraction
    alexiewicz_residual: float | Fraction
    feasible: bool
    compile_seconds: float
    solve_seconds: float
    theta: float | Fraction

    @property
    def solution(self) -> np.ndarray | None:
        """``signal`` for reconstruct, else ``spikes``."""
        return self.signal if self.problem == "reconstruct" else self.spikes


@labelled("recovery")
def recover(x: ArrayLike, theta: Scalar, *, problem: Problem = "quantized", leak: Leak = 1.0,
            lam: Scalar | None = None, method: Method = "auto", solver: str | None = None,
            criterion: Literal["tv", "energy"] | None = None) -> Recovery:
    r"""Solve a sparse-recovery problem in the Alexiewicz geometry (MATH.md T3, T6).

    With :math:`C` the cumulative-sum matrix (for ``leak`` :math:`\lambda < 1` the weighted
    partial sums :math:`(C_\lambda a)_n = \sum_{k\le n} \lambda^{n-k} a_k`, D2) and
    :math:`F = Cx`:

    - ``"quantized"`` (T3): :math:`\min \|s\|_1` s.t. :math:`s \in \theta\mathbb{Z}^N`,
      :math:`\|C(x - s)\|_\infty < \theta`.  The ball is open.  For :math:`\lambda = 1` and
      :math:`s = \theta k` the strict inequality on the lattice is exactly the closed integer
      box :math:`\lfloor F_n/\theta\rfloor \le \sum_{j\le n} k_j \le \lceil F_n/\theta\rceil`,
      so no margin is needed (the box is computed from the partial sums, exactly for
      ``Fraction`` input).  With a leak the ball is closed to radius
      :math:`\theta(1 - 10^{-9})`.  Methods: ``greedy`` (IF^M, :math:`O(N)`; for a leak LIF^M,
      feasible but not always optimal), ``milp`` (integer variables), ``cvxpy`` (the box as a
      totally unimodular LP with continuous variables; a simplex solver returns an integral
      vertex; ``leak=1`` only).
    - ``"relaxed"``: :math:`\min \|y\|_1` s.t. :math:`\|C(y - x)\|_\infty \le \theta`, the
      least total variation of a path :math:`Y = Cy`, :math:`Y_0 = 0`, in the tube
      :math:`|Y_n - F_n| \le \theta`.  Methods: ``lazy`` (play operator
      :math:`Y_n = \mathrm{clip}(Y_{n-1}, F_n - \theta, F_n + \theta)`, one pass),
      ``taut-string`` (:math:`O(N)`; the optimum of least energy :math:`\|y\|_2^2` among the
      many), ``cvxpy``.
    - ``"lagrangian"``: :math:`\min \|s\|_1 + \mathrm{lam}\,\|C(s - x)\|_\infty` (``cvxpy``).
      Its minimiser solves ``"relaxed"`` at radius :math:`\|C(s - x)\|_\infty`; for
      lam < 1 it is :math:`s = 0`.  ``theta`` is not used (``feasible`` is true whenever a
      minimiser exists).
    - ``"reconstruct"``: ``x`` is a spike train :math:`\eta`; the consistency set
      :math:`\{f : \|f - \eta\|_A < \theta\}` holds the true signal.  Returns its member of least
      :math:`\|f\|_1` (``criterion="tv"``, the total variation of the signal as a measure, i.e.
      of its primitive) or least :math:`\|f\|_2^2` (``"energy"``).  The open set's infimum is
      attained on its closure :math:`\|f - \eta\|_A \le \theta`, which is what is solved; the
      error bound :math:`\|\hat f - f\|_A < 2\theta` stays strict.  Methods: ``taut-string``
      (least of both at once), ``cvxpy``.

    Parameters
    ----------
    x : array_like
        1-D samples (the spike train for ``"reconstruct"``).  ``Fraction`` input is solved
        exactly by the fast methods; CVXPY always computes in floats.
    theta : float or Fraction
        Radius, > 0.
    problem : {"quantized", "relaxed", "lagrangian", "reconstruct"}
    leak : float or array_like
        Leak factor in (0, 1] per step, or one factor per step (D2).
    lam : float, optional
        Weight of the Lagrangian, >= 0 (``"lagrangian"`` only, and required there).
    method : {"auto", "greedy", "lazy", "taut-string", "cvxpy", "milp"}
        ``"auto"``: greedy, lazy, cvxpy, taut-string for the four problems; with a leak the
        exact choice (milp or cvxpy).
    solver : str, optional
        CVXPY solver name (default: Clarabel for LP/QP, HiGHS for MILP and the TU LP).  A
        missing solver raises :class:`MissingSolverError` naming the package to install.
    criterion : {"tv", "energy"}, optional
        Objective of ``"reconstruct"`` (default ``"tv"``); other problems take none.

    Returns
    -------
    Recovery

    Examples
    --------
    >>> r = recover([0.5, 0.75, 2.5, -0.5], 1.0)
    >>> r.spikes, r.objective, r.feasible
    (array([0., 1., 2., 0.]), 3.0, True)
    >>> r = recover([0.5, 0.75, 2.5, -0.5], 1.0, problem="relaxed")
    >>> r.spikes, r.objective
    (array([0.  , 0.25, 2.5 , 0.  ]), 2.75)
    """
    arr, exact = as_samples(x, "x")
    if arr.ndim != 1:
        raise ValueError(f"x must be 1-D (one channel); got shape {arr.shape}")
    theta = check_threshold(theta, "theta", exact=exact)
    problem = check_choice(problem, "problem", tuple(_METHODS))
    factors = check_leak(leak, arr.shape[0], exact=exact)
    criterion = _check_criterion(criterion, problem)
    lam = _check_lam(lam, problem)
    method = _pick_method(method, problem, factors)
    if method in ("cvxpy", "milp"):
        return _solve_cvxpy(arr, theta, problem, factors, lam, method, solver, criterion)
    if solver is not None:
        raise ValueError(f"solver applies to the CVXPY methods only; method={method!r}")
    start = time.perf_counter()
    values = _solve_fast(arr, theta, factors, method)
    took = time.perf_counter() - start
    status = "feasible" if method == "greedy" and factors is not None else "optimal"
    return _result(arr, theta, problem, factors, lam, criterion, values, method,
                   "exact" if exact else "numba", status, 0.0, took)


def _check_criterion(criterion, problem):
    if problem != "reconstruct":
        if criterion is not None:
            raise ValueError(f"criterion applies to problem='reconstruct' only; "
                             f"got problem={problem!r}")
        return None
    return check_choice("tv" if criterion is None else criterion, "criterion", _CRITERIA)


def _check_lam(lam, problem):
    if problem != "lagrangian":
        if lam is not None:
            raise ValueError(f"lam applies to problem='lagrangian' only; got problem={problem!r}")
        return None
    if lam is None:
        raise ValueError("lam is required for problem='lagrangian'")
    value = to_fraction(lam, "lam")
    if value < 0:
        raise ValueError(f"lam must be >= 0 (the problem is not convex otherwise); got {lam!r}")
    return float(value)  # the Lagrangian is solved by CVXPY, in floats


def _pick_method(method, problem, factors):
    allowed = _METHODS[problem]
    method = check_choice(method, "method", ("auto", *allowed))
    if method == "auto":
        return allowed[0] if factors is None else _LEAKY_AUTO[problem]
    if factors is not None and method in ("lazy", "taut-string"):
        raise ValueError(f"method={method!r} is exact for leak=1 only; use method='cvxpy'")
    if factors is not None and problem == "quantized" and method == "cvxpy":
        raise ValueError("method='cvxpy' (the totally unimodular LP) is exact for leak=1 only; "
                         "use method='milp' (or 'greedy', feasible but not always optimal)")
    return method


def _solve_fast(arr, theta, factors, method):
    if method == "greedy":
        return _fast.greedy(arr, theta, factors)
    if method == "lazy":
        return _fast.lazy(arr, theta)
    return _fast.taut_string(arr, theta)


def _solve_cvxpy(arr, theta, problem, factors, lam, method, solver, criterion):
    floats = np.asarray(arr, dtype=np.float64)
    theta_f = float(theta)
    leak_f = factors if factors is None or np.ndim(factors) else float(factors)
    if np.ndim(leak_f):
        leak_f = np.asarray(leak_f, dtype=np.float64)
    if problem == "quantized":
        kind = "milp" if method == "milp" else "lp_vertex"
    else:
        kind = "qp" if problem == "reconstruct" and criterion == "energy" else "lp"
    name = _cvxpy.pick_solver(solver, kind)
    if not floats.shape[0]:
        return _result(floats, theta_f, problem, leak_f, lam, criterion, floats.copy(), method,
                       name, "optimal", 0.0, 0.0)
    start = time.perf_counter()
    if problem == "quantized" and leak_f is None:
        # The lattice box from the exact partial sums: float sums could land a bound on the
        # wrong side of a lattice point.
        stated = _cvxpy.quantized(arr, theta, None, integer=method == "milp",
                                  margin=LEAKY_MARGIN)
    elif problem == "quantized":
        stated = _cvxpy.quantized(floats, theta_f, leak_f, integer=method == "milp",
                                  margin=LEAKY_MARGIN)
    elif problem == "relaxed":
        stated = _cvxpy.relaxed(floats, theta_f, leak_f)
    elif problem == "lagrangian":
        stated = _cvxpy.lagrangian(floats, float(lam), leak_f)
    else:
        stated = _cvxpy.reconstruct(floats, theta_f, leak_f, criterion)
    built = time.perf_counter() - start
    values, status, compile_seconds, solve_seconds = _cvxpy.solve(*stated, name)
    if problem == "quantized" and values is not None:
        values, status = _snap_to_lattice(values, theta, status)
    if values is not None and values.dtype == object:  # exact lattice points: judge exactly
        return _result(arr, theta, problem, factors, lam, criterion, values, method, name,
                       status, built + compile_seconds, solve_seconds)
    return _result(floats, theta_f, problem, leak_f, lam, criterion, values, method, name,
                   status, built + compile_seconds, solve_seconds)


def _snap_to_lattice(values, theta, status):
    """Round spike counts that are integral up to solver tolerance to exact lattice points
    (``Fraction`` values for an exact ``theta``)."""
    counts = values / float(theta)
    nearest = np.round(counts)
    if np.max(np.abs(counts - nearest), initial=0.0) > 1e-6:
        return values, "optimal_fractional"
    if isinstance(theta, Fraction):
        snapped = np.empty(nearest.shape, dtype=object)
        snapped[:] = [theta * int(k) for k in nearest]
        return snapped, status
    return nearest * theta, status


def _slack(arr, theta):
    # ||x||_1 bounds every (leaky) partial sum, and so the scale of their rounding.
    if arr.dtype == object:
        return 0
    return _CLOSED_SLACK * max(theta, float(np.sum(np.abs(arr))))


def _result(arr, theta, problem, factors, lam, criterion, values, method, solver, status,
            compile_seconds, solve_seconds):
    leak = 1.0 if factors is None else factors
    if values is None:
        nan = float("nan")
        return Recovery(problem, method, solver, status, None, None, nan, nan, False,
                        compile_seconds, solve_seconds, theta)
    residual = alexiewicz_norm(arr - values, leak=leak)
    l1 = np.sum(np.abs(values))
    if problem == "reconstruct" and criterion == "energy":
        objective = np.sum(values * values)
    elif problem == "lagrangian":
        objective = l1 + lam * residual
    else:
        objective = l1
    if problem == "quantized":
        # Exact input is checked strictly; in floats the recomputed partial sums carry rounding
        # that can push a solution near a tie across theta either way.
        feasible = residual < theta + _slack(arr, theta)
    elif problem == "lagrangian":
        feasible = True
    else:
        feasible = residual <= theta + _slack(arr, theta)
    if arr.dtype != object:
        objective, residual = float(objective), float(residual)
    spikes, signal = (None, values) if problem == "reconstruct" else (values, None)
    return Recovery(problem, method, solver, status, spikes, signal, objective, residual,
                    bool(feasible), compile_seconds, solve_seconds, theta)

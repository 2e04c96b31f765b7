"""``recover``: one front door to the sparse-recovery problems of T3 and T6."""

from __future__ import annotations

import math
import time
from fractions import Fraction
from numbers import Real
from typing import Literal, cast

import numpy as np

from .._typing import ArrayLike, Leak, Scalar
from .._validate import (
    as_samples,
    check_axis,
    check_choice,
    check_leak,
    check_threshold,
    to_float,
    to_float_array,
    to_fraction,
)
from ..checks import rounding_allowance
from ..interop.labelled import labelled
from ..norms import alexiewicz_norm
from . import _cvxpy, _fast, _lagrangian, _quantized
from ._result import Recovery

Problem = Literal["quantized", "relaxed", "lagrangian", "reconstruct", "rof"]
Method = Literal["auto", "greedy", "dp", "lazy", "taut-string", "radius-search", "direct",
                 "cvxpy", "milp"]

#: Methods per problem; the first is the default of ``method="auto"``.
_METHODS = {
    "quantized": ("greedy", "dp", "milp", "cvxpy"),
    "relaxed": ("lazy", "taut-string", "cvxpy"),
    "lagrangian": ("radius-search", "cvxpy"),
    "reconstruct": ("taut-string", "cvxpy"),
    "rof": ("direct", "taut-string", "cvxpy"),
}
#: The problems :func:`recover` solves.
PROBLEMS = tuple(_METHODS)
#: Every method name :func:`recover` accepts besides ``"auto"``.
METHODS = tuple(dict.fromkeys(m for allowed in _METHODS.values() for m in allowed))
#: ``method="auto"`` with a leak < 1 (greedy LIF^M is not optimal there, T3).
_LEAKY_AUTO = {"quantized": "dp", "relaxed": "lazy", "lagrangian": "radius-search",
               "reconstruct": "cvxpy"}
#: Methods exact for ``leak=1`` only.
_LEAK_FREE = {("relaxed", "taut-string"), ("reconstruct", "taut-string"),
              ("quantized", "cvxpy")}
_CVXPY_METHODS = ("cvxpy", "milp")
_CRITERIA = ("tv", "energy")
#: The leaky MILP's open ball, closed to this relative radius; the margin exceeds the
#: feasibility tolerances the MILP is solved with (1e-7 of theta), so no point on the sphere
#: passes, and optima closer than this to the sphere are out of its reach (``dp`` has them).
LEAKY_MARGIN = 1e-5
#: Exact re-decision of an ambiguous float residual costs about N times the bits of the leak's
#: denominators; above this budget the rounding allowance decides.
_EXACT_BUDGET_BITS = 2_000_000
#: Half the largest float64 (see :func:`check_float_range`).
_HALF_RANGE = float(np.finfo(np.float64).max) / 2


@labelled("recovery")
def recover(x: ArrayLike, theta: Scalar, *, problem: Problem = "quantized", leak: Leak = 1.0,
            lam: Scalar | None = None, method: Method = "auto", solver: str | None = None,
            criterion: Literal["tv", "energy"] | None = None, axis: int = -1,
            time_limit: float | None = None, solver_options: dict | None = None,
            verbose: bool = False, progress: bool = False) -> Recovery:
    r"""Solve a sparse-recovery problem in the Alexiewicz geometry (T3, T6).

    With :math:`C_\lambda` the leaky cumulative sum (:math:`(C_\lambda a)_n = \lambda_n
    (C_\lambda a)_{n-1} + a_n`, D2; :math:`C` for ``leak=1``) and :math:`W = C_\lambda x`:

    - ``"quantized"`` (T3): :math:`\min \|s\|_1` s.t. :math:`s \in \theta\mathbb{Z}^N`,
      :math:`\|C_\lambda(x - s)\|_\infty < \theta`.  The ball is open and decided exactly for
      ``Fraction`` input.  Methods: ``greedy`` (IF^M, exact for ``leak=1``; with a leak LIF^M,
      feasible but not always optimal, status ``"feasible"``), ``dp`` (exact for every leak: a
      dynamic programme on the step-function cost-to-go over the membrane; ``time_limit``
      stops it with the best train found and a proved ``bound``; ``progress=True`` shows a
      tqdm bar), ``milp`` (CVXPY with integer variables; with a leak the ball is closed to
      radius :math:`\theta(1 - 10^{-5})`), ``cvxpy`` (the lattice box as a totally unimodular
      LP, ``leak=1`` only).
    - ``"relaxed"``: :math:`\min \|y\|_1` s.t. :math:`\|C_\lambda(y - x)\|_\infty \le \theta`,
      the taut string with a **free right end**.  Methods: ``lazy`` (the leaky lazy path
      :math:`V_n = \mathrm{clip}(\lambda_n V_{n-1}, W_n - \theta, W_n + \theta)`, one pass,
      exact for every leak, T6j), ``taut-string`` (``leak=1``; the optimum of least energy
      among the many), ``cvxpy``.
    - ``"lagrangian"``: :math:`\min \|s\|_1 + \mathrm{lam}\,\|C_\lambda(s - x)\|_\infty`.
      ``radius-search`` finds the radius at which the relaxed optimum solves it (exact;
      ``theta`` is not used), ``cvxpy``.
    - ``"reconstruct"``: ``x`` is a spike train :math:`\eta`; returns the member of
      :math:`\{f : \|C_\lambda(f - \eta)\|_\infty \le \theta\}` (the closure of the open
      consistency set, which holds the true signal) of least :math:`\|f\|_1`
      (``criterion="tv"``) or :math:`\|f\|_2^2` (``"energy"``).  Methods: ``taut-string``
      (``leak=1``, least of both at once), ``cvxpy``.
    - ``"rof"``: 1-D TV denoising :math:`\min_u \tfrac12\|u - x\|_2^2 + \theta \sum_n
      |u_{n+1} - u_n|`, the taut string with a **pinned right end** :math:`U_N = W_N`
      (T6); ``u`` is in ``signal``, and ``alexiewicz_residual`` is
      :math:`\|x - u\|_A`, at most :math:`\theta` by duality (``feasible``: a minimiser
      exists).  It differs from ``"relaxed"`` already on ``x = [3]``,
      ``theta = 1``: ROF gives ``[3]``, relaxed ``[2]``.  Methods: ``direct`` (Condat's
      direct algorithm, the fastest), ``taut-string``, ``cvxpy``.

    Parameters
    ----------
    x : array_like
        Samples, time along ``axis``; every other axis is a channel, solved independently.
        ``Fraction`` input is solved exactly by the fast methods; CVXPY computes in floats.
    theta : float or Fraction
        Radius, > 0 (the TV weight for ``"rof"``).
    problem : {"quantized", "relaxed", "lagrangian", "reconstruct", "rof"}
    leak : float or array_like
        Leak factor in (0, 1] per step, or one factor per step (D2).
    lam : float, optional
        Weight of the Lagrangian, >= 0 (``"lagrangian"`` only, and required there).
    method : str
        One of ``METHODS`` allowed for the problem, or ``"auto"``: greedy, lazy,
        radius-search, taut-string, direct; with a leak dp, lazy, radius-search, cvxpy.
    solver : str, optional
        CVXPY solver name (default: Clarabel for LP/QP, HiGHS for MILP and the TU LP).  A
        missing solver raises :class:`MissingSolverError` naming the package to install.
    criterion : {"tv", "energy"}, optional
        Objective of ``"reconstruct"`` (default ``"tv"``); other problems take none.
    axis : int
        Time axis.
    time_limit : float, optional
        Seconds per channel for ``dp`` and the CVXPY methods (the solver's own limit); a
        stopped solve has status ``"time_limit"``, its best point and ``bound``.  The
        :math:`O(N)` methods always finish and ignore it.
    solver_options : dict, optional
        Passed to the CVXPY solver as they are (CVXPY methods only).
    verbose : bool
        The CVXPY solver's log (CVXPY methods only).
    progress : bool
        A tqdm progress bar for ``dp``.

    Returns
    -------
    Recovery

    Examples
    --------
    >>> r = recover([0.5, 0.75, 2.5, -0.5], 1.0)
    >>> r.spikes, r.objective, r.feasible
    (array([0., 1., 2., 0.]), 3.0, True)
    >>> recover([0.5, 0.75, 2.5, -0.5], 1.0, problem="relaxed").objective
    2.75
    >>> r = recover([1, -0.75, 0.5], 1.0, leak=0.375)
    >>> r.method, r.status, r.spikes, r.objective
    ('dp', 'optimal', array([1., 0., 0.]), 1.0)
    >>> recover([3.0], 1.0, problem="rof").signal, recover([3.0], 1.0, problem="relaxed").spikes
    (array([3.]), array([2.]))
    """
    arr, exact = as_samples(x, "x")
    if arr.ndim == 0:
        raise ValueError("x must have at least one dimension (time); got a scalar")
    axis = check_axis(axis, arr.ndim)
    threshold = check_threshold(theta, "theta", exact=exact)
    # check_choice admits only the names of PROBLEMS, the members of Problem.
    problem = cast(Problem, check_choice(problem, "problem", PROBLEMS))
    factors = check_leak(leak, arr.shape[axis], exact=exact)
    if problem == "rof" and factors is not None:
        raise ValueError("leak applies to the Alexiewicz problems; problem='rof' has none")
    criterion = _check_criterion(criterion, problem)
    method = _pick_method(method, problem, factors)
    lam = _check_lam(lam, problem, exact and method not in _CVXPY_METHODS)
    if not exact:
        check_float_range(arr, axis)
    _check_controls(method, solver, time_limit, solver_options, verbose, progress)
    job = _Job(problem, method, threshold, factors, lam, criterion, solver, time_limit,
               solver_options, bool(verbose), bool(progress), exact)
    if arr.ndim == 1:
        return job.run(arr)
    rows = np.moveaxis(arr, axis, -1)
    channels = rows.shape[:-1]
    flat = rows.reshape(math.prod(channels), rows.shape[-1])
    if not flat.shape[0]:  # no channel at all: the shapes, and nothing to solve
        return _stack([], channels, rows.shape, axis, job)
    return _stack([job.run(np.ascontiguousarray(row)) for row in flat], channels, rows.shape,
                  axis, job)


def _check_criterion(criterion, problem):
    if problem != "reconstruct":
        if criterion is not None:
            raise ValueError(f"criterion applies to problem='reconstruct' only; "
                             f"got problem={problem!r}")
        return None
    return check_choice("tv" if criterion is None else criterion, "criterion", _CRITERIA)


def _check_lam(lam, problem, exact):
    if problem != "lagrangian":
        if lam is not None:
            raise ValueError(f"lam applies to problem='lagrangian' only; got problem={problem!r}")
        return None
    if lam is None:
        raise ValueError("lam is required for problem='lagrangian'")
    value = to_fraction(lam, "lam")
    if value < 0:
        raise ValueError(f"lam must be >= 0 (the problem is not convex otherwise); got {lam!r}")
    return value if exact else to_float(value, "lam")


def check_float_range(arr: np.ndarray, axis: int, name: str = "x") -> None:
    r"""Refuse float data whose partial sums could leave the float64 range.

    With leak <= 1 every running sum is at most :math:`\sum_n |x_n|` of its channel; half
    the float64 range leaves room for rounding and for the sums plus or minus ``theta``.

    Parameters
    ----------
    arr : numpy.ndarray
        Validated float samples.
    axis : int
        Their time axis.
    name : str
        The parameter that passed them, which the refusal names.

    Raises
    ------
    ValueError
        If the sum of ``|x|`` of a channel exceeds half the largest float64.

    Examples
    --------
    >>> check_float_range(np.array([1e307, -1e307]), 0)
    >>> check_float_range(np.array([1e308, 1e308]), 0, "y")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: y: the sum of |y| along the time axis exceeds half the float64 range, ...
    """
    with np.errstate(over="ignore"):
        total = np.sum(np.abs(arr), axis=axis)
    if not np.all(total <= _HALF_RANGE):
        raise ValueError(f"{name}: the sum of |{name}| along the time axis exceeds half the "
                         "float64 range, where the float partial sums could overflow; pass "
                         "Fraction values to solve exactly")


def _pick_method(method, problem, factors):
    allowed = _METHODS[problem]
    method = check_choice(method, "method", ("auto", *allowed))
    if method == "auto":
        return allowed[0] if factors is None else _LEAKY_AUTO[problem]
    if factors is not None and (problem, method) in _LEAK_FREE:
        if problem == "quantized":
            raise ValueError("method='cvxpy' (the totally unimodular LP) is exact for leak=1 "
                             "only; use method='dp' (exact) or 'milp'")
        raise ValueError(f"method={method!r} is exact for leak=1 only; use method='cvxpy'"
                         + (" or 'lazy'" if problem == "relaxed" else ""))
    return method


def _check_controls(method, solver, time_limit, solver_options, verbose, progress):
    cvxpy = method in _CVXPY_METHODS
    if solver is not None and not cvxpy:
        raise ValueError(f"solver applies to the CVXPY methods only; method={method!r}")
    if solver_options is not None:
        if not cvxpy:
            raise ValueError(f"solver_options applies to the CVXPY methods only; "
                             f"method={method!r}")
        if not isinstance(solver_options, dict):
            raise TypeError(f"solver_options must be a dict; got "
                            f"{type(solver_options).__name__}")
    for flag, value in (("verbose", verbose), ("progress", progress)):
        if not isinstance(value, bool | np.bool_):
            raise TypeError(f"{flag} must be True or False; got {value!r}")
    if verbose and not cvxpy:
        raise ValueError(f"verbose applies to the CVXPY methods only; method={method!r}")
    if progress and method != "dp":
        raise ValueError(f"progress applies to method='dp' only; method={method!r}")
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, Real):
            raise TypeError(f"time_limit must be a number of seconds; got "
                            f"{type(time_limit).__name__}")
        if not (math.isfinite(time_limit) and time_limit > 0):
            raise ValueError(f"time_limit must be > 0 and finite; got {time_limit!r}")


#: Fast kernels already loaded (or compiled) in this process, by method and arithmetic.
_LOADED: set = set()


class _Job:
    """One validated request, run channel by channel."""

    def __init__(self, problem, method, theta, factors, lam, criterion, solver, time_limit,
                 solver_options, verbose, progress, exact):
        self.problem, self.method, self.theta = problem, method, theta
        self.factors, self.lam, self.criterion = factors, lam, criterion
        self.solver, self.time_limit, self.options = solver, time_limit, solver_options
        self.verbose, self.progress, self.exact = verbose, progress, exact

    def leak_steps(self, n):
        """One leak factor per step (ones without a leak), in the arithmetic of the data."""
        if self.factors is not None and np.ndim(self.factors):
            return self.factors
        one = Fraction(1) if self.exact else 1.0
        value = one if self.factors is None else self.factors
        out = np.empty(n, dtype=object if self.exact else np.float64)
        out[:] = value
        return out

    def run(self, arr: np.ndarray) -> Recovery:
        if self.method in _CVXPY_METHODS:
            return self.run_cvxpy(arr)
        steps = None if self.factors is None else self.leak_steps(arr.shape[0])
        load = 0.0
        key = (self.problem, self.method, steps is None)
        if not self.exact and arr.shape[0] and key not in _LOADED:
            # The first call loads (or compiles) the kernel: set-up, not solving.
            start = time.perf_counter()
            self.fast(arr[:1], None if steps is None else steps[:1])
            load = time.perf_counter() - start
            _LOADED.add(key)
        start = time.perf_counter()
        values, status, bound = self.fast(arr, steps)
        took = time.perf_counter() - start
        return self.result(arr, values, status, bound, "exact" if self.exact else "numba",
                           load, took)

    def fast(self, arr, steps):
        """``(values, status, bound or None)`` of a fast method; ``steps`` is one leak factor
        per step, or ``None`` without a leak."""
        theta, method = self.theta, self.method
        if steps is None:
            steps = self.leak_steps(arr.shape[0]) if method in ("dp", "radius-search") else None
        if method == "greedy":
            status = "optimal" if steps is None else "feasible"
            return _fast.greedy(arr, theta, steps), status, None
        if method == "dp":
            found = _quantized.solve(arr, theta, steps, time_limit=self.time_limit,
                                     progress=self.progress)
            return found.spikes, found.status, theta * found.bound
        if method == "radius-search":
            if not arr.shape[0]:
                return arr.copy(), "optimal", None
            return _lagrangian.solve(arr, self.lam, steps), "optimal", None
        if method == "lazy":
            if steps is None:
                return _fast.lazy(arr, theta), "optimal", None
            return _fast.leaky_lazy(arr, theta, steps), "optimal", None
        if method == "direct":
            return _fast.rof_direct(arr, theta), "optimal", None
        if self.problem == "rof":
            return _fast.tv_denoise(arr, theta), "optimal", None
        return _fast.taut_string(arr, theta), "optimal", None

    def run_cvxpy(self, arr):
        try:
            floats = to_float_array(arr, "x")
        except ValueError as err:
            raise ValueError(f"{err} (method={self.method!r} computes in float64; the fast "
                             "methods solve Fraction data exactly)") from None
        problem = self.problem
        if problem == "quantized":
            kind = "milp" if self.method == "milp" else "lp_vertex"
        else:
            kind = "qp" if problem == "rof" or self.criterion == "energy" else "lp"
        name = _cvxpy.pick_solver(self.solver, kind)
        if not floats.shape[0]:
            return self.result(arr, arr.copy(), "optimal", None, name, 0.0, 0.0)
        leak = self.factors
        if leak is not None:
            leak = np.asarray(leak, dtype=np.float64) if np.ndim(leak) else float(leak)
        start = time.perf_counter()
        statement = _cvxpy.stated(problem, floats, leak, integer=self.method == "milp",
                                  criterion=self.criterion,
                                  margin=LEAKY_MARGIN if leak is not None else 0.0)
        statement.set(theta=float(self.theta), lam=None if self.lam is None else float(self.lam))
        if problem == "quantized" and leak is None:
            # The lattice box from the exact partial sums: float sums could land a bound on
            # the wrong side of a lattice point.
            low, high = _cvxpy.lattice_box(arr, self.theta)
            statement.set(low=low, high=high)
        built = time.perf_counter() - start
        solved = _cvxpy.solve(statement, name, options=self.options,
                              time_limit=self.time_limit, verbose=self.verbose)
        values, status = solved.values, solved.status
        if problem == "quantized" and values is not None:
            values, status = _snap_to_lattice(values, self.theta, status)
        bound = solved.bound if math.isfinite(solved.bound) else None
        if values is not None and values.dtype == object:  # exact lattice points: judge exactly
            return self.result(arr, values, status, bound, name,
                               built + solved.compile_seconds, solved.solve_seconds)
        return self.result(floats, values, status, bound, name,
                           built + solved.compile_seconds, solved.solve_seconds)

    def result(self, arr, values, status, bound, solver, compile_seconds, solve_seconds):
        return _result(self, arr, values, status, bound, solver, compile_seconds,
                       solve_seconds)


def _snap_to_lattice(values, theta, status):
    """Round spike counts that are integral up to solver tolerance to exact lattice points
    (``Fraction`` values for an exact ``theta``)."""
    counts = values / float(theta)
    nearest = np.round(counts)
    if np.max(np.abs(counts - nearest), initial=0.0) > 1e-6:
        return values, "optimal_fractional" if status == "optimal" else status
    if isinstance(theta, Fraction):
        snapped = np.empty(nearest.shape, dtype=object)
        snapped[:] = [theta * int(k) for k in nearest]
        return snapped, status
    return nearest * theta + 0.0, status  # + 0.0: no negative zeros


def _result(job, arr, values, status, bound, solver, compile_seconds, solve_seconds):
    problem, theta = job.problem, job.theta
    nan = float("nan")
    if values is None:
        return Recovery(problem, job.method, solver, status, None, None, nan,
                        nan if bound is None else bound, nan, nan, nan, False,
                        compile_seconds, solve_seconds, theta)
    exact = arr.dtype == object
    leak = 1.0 if job.factors is None else job.factors
    if problem == "rof":
        difference = np.diff(values)
        objective = (np.sum((values - arr) ** 2) / 2
                     + theta * np.sum(np.abs(difference))) if values.shape[0] else 0 * theta
    elif problem == "reconstruct" and job.criterion == "energy":
        objective = np.sum(values * values)
    else:
        objective = np.sum(np.abs(values))
    residual, allowance, feasible = _judge(arr, values, theta, leak,
                                           strict=problem == "quantized")
    if problem == "lagrangian":
        objective = objective + job.lam * residual
    if problem in ("lagrangian", "rof"):
        feasible = True  # no constraint: a minimiser exists
    if not exact:
        objective, residual = float(objective), float(residual)
    if not feasible and status.startswith("optimal"):
        status = "constraint_violated"
    if status == "optimal":
        bound = objective
    elif bound is None:
        bound = nan
    gap = objective - bound
    spikes, signal = (None, values) if problem in ("reconstruct", "rof") else (values, None)
    return Recovery(problem, job.method, solver, status, spikes, signal, objective, bound, gap,
                    residual, allowance, bool(feasible), compile_seconds, solve_seconds, theta)


def _judge(arr, values, theta, leak, *, strict):
    """Residual, the rounding it was allowed, and whether the stated constraint holds.

    Exact input is decided exactly.  In floats the residual is allowed
    :func:`~ifsod.checks.rounding_allowance` of the data ``|x| + |s|``.  For the open ball a
    residual within the allowance of ``theta`` is recomputed in rational arithmetic on the
    stored floats when that is cheap (no leak, or few leak bits); if the float residual is
    that exact value (nothing was rounded), the open ball is decided exactly, so a residual
    equal to ``theta`` never passes.
    """
    residual = alexiewicz_norm(arr - values, leak=leak)
    if arr.dtype == object:
        return residual, 0, residual < theta if strict else residual <= theta
    # The residual is measured on the solution as much as on x: both are data of the sum.
    allowance = rounding_allowance(np.abs(arr) + np.abs(values), theta)
    if not strict:
        return residual, allowance, residual <= theta + allowance
    if abs(residual - theta) <= allowance and _exact_is_cheap(arr.shape[0], leak):
        exact = alexiewicz_norm(_fractions(arr) - _fractions(values), leak=_leak_fractions(leak))
        if exact == Fraction(residual):
            return residual, 0.0, exact < theta
    return residual, allowance, residual < theta + allowance


def _exact_is_cheap(n, leak):
    if np.ndim(leak) == 0 and leak == 1.0:
        return True
    bits = max(Fraction(float(v)).denominator.bit_length() for v in np.ravel(leak))
    return n * bits <= _EXACT_BUDGET_BITS


def _fractions(values):
    out = np.empty(values.shape, dtype=object)
    out[:] = [Fraction(float(v)) for v in values]
    return out


def _leak_fractions(leak):
    if np.ndim(leak) == 0:
        return Fraction(float(leak))
    return _fractions(np.asarray(leak, dtype=np.float64))


def _stack(results, channels, moved_shape, axis, job):
    """One :class:`Recovery` of per-channel arrays from the channels' results."""

    def gather(name, dtype=None):
        values = [getattr(r, name) for r in results]
        if dtype is None:
            dtype = object if any(isinstance(v, Fraction) for v in values) else np.float64
        out = np.empty(len(values), dtype=dtype)
        out[:] = values
        return out.reshape(channels)

    def solutions(name):
        values = [getattr(r, name) for r in results]
        if not values:
            empty = np.empty(moved_shape, dtype=object if job.exact else np.float64)
            return np.moveaxis(empty, -1, axis) if (name == "signal") == (
                job.problem in ("reconstruct", "rof")) else None
        if any(v is None for v in values):
            return None
        return np.moveaxis(np.stack(values).reshape(moved_shape), -1, axis)

    statuses = np.array([r.status for r in results], dtype=str).reshape(channels)
    solver = results[0].solver if results else "none"
    return Recovery(job.problem, job.method, solver, statuses, solutions("spikes"),
                    solutions("signal"), gather("objective"), gather("bound"), gather("gap"),
                    gather("alexiewicz_residual"), gather("allowance"),
                    gather("feasible", bool), sum(r.compile_seconds for r in results),
                    sum(r.solve_seconds for r in results), job.theta)

"""The sparse-recovery problems stated in CVXPY, and the lookup of installed solvers.

CVXPY is imported inside the functions, so that ``import ifsod.sparse`` stays light.
"""

from __future__ import annotations

import math
import time
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from .._validate import Number

#: Package that provides each CVXPY solver, for the error message when one is missing.
SOLVER_PACKAGES = {
    "CLARABEL": "clarabel", "HIGHS": "highspy", "OSQP": "osqp", "SCS": "scs", "ECOS": "ecos",
    "ECOS_BB": "ecos", "SCIPY": "scipy", "GLPK": "cvxopt", "GLPK_MI": "cvxopt",
    "CVXOPT": "cvxopt", "SCIP": "pyscipopt", "GUROBI": "gurobipy", "CPLEX": "cplex",
    "MOSEK": "mosek", "CBC": "cylp", "XPRESS": "xpress", "COPT": "coptpy", "PIQP": "piqp",
}
#: Solvers tried in this order when ``solver=None``, per kind of problem.
DEFAULT_SOLVERS = {
    "lp": ("CLARABEL", "HIGHS", "ECOS", "SCS"),
    "milp": ("HIGHS", "SCIP", "GUROBI", "CPLEX", "MOSEK", "CBC", "GLPK_MI"),
    # The totally unimodular LP needs a vertex (simplex) solution to be integral.
    "lp_vertex": ("HIGHS", "GLPK", "SCIPY", "GUROBI", "CPLEX", "MOSEK"),
    "qp": ("CLARABEL", "OSQP", "ECOS", "SCS"),
}
_MILP_CAPABLE = frozenset(DEFAULT_SOLVERS["milp"]) | {"SCIPY", "XPRESS", "COPT", "ECOS_BB"}
#: Tighter than CVXPY's defaults, so that the optima agree with the exact solvers to ~1e-9.
_SOLVER_OPTIONS = {
    "CLARABEL": {"tol_gap_abs": 1e-11, "tol_gap_rel": 1e-11, "tol_feas": 1e-11},
    "OSQP": {"eps_abs": 1e-10, "eps_rel": 1e-10, "max_iter": 200_000},
    "SCS": {"eps_abs": 1e-9, "eps_rel": 1e-9},
    # The leaky MILP, in units of theta, closes the open ball by a margin that must exceed the
    # feasibility tolerances (tighter ones make HiGHS prove wrong bounds).  Its objective counts
    # spikes, so a gap below one spike proves the optimum (HiGHS stops at a relative gap of
    # 1e-4 by default).
    "HIGHS": {"primal_feasibility_tolerance": 1e-7, "mip_feasibility_tolerance": 1e-7,
              "mip_rel_gap": 0.0, "mip_abs_gap": 0.5},
}


class MissingSolverError(ImportError):
    """A CVXPY method was asked for but CVXPY or a suitable solver is not installed.

    Parameters
    ----------
    *args : object
        The message, as for any exception.

    Examples
    --------
    >>> issubclass(MissingSolverError, ImportError)
    True
    """


def import_cvxpy() -> ModuleType:
    """Import CVXPY, or raise :class:`MissingSolverError` naming the package to install.

    Returns
    -------
    module
        The ``cvxpy`` module.

    Examples
    --------
    >>> import_cvxpy().__name__
    'cvxpy'
    """
    try:
        import cvxpy
    except ImportError as err:
        raise MissingSolverError(
            "this method needs the 'cvxpy' package: pip install 'ifsod[sparse]'") from err
    return cvxpy


def pick_solver(solver: str | None, kind: str) -> str:
    """Return an installed CVXPY solver able to solve a problem of ``kind``.

    ``kind`` is a key of ``DEFAULT_SOLVERS`` (``"lp"``, ``"milp"``, ``"lp_vertex"``,
    ``"qp"``).  A name CVXPY does not know raises ``ValueError``; a known solver that is not
    installed, or no suitable solver at all, raises :class:`MissingSolverError` naming the
    package.

    Parameters
    ----------
    solver : str or None
        A CVXPY solver name, or ``None`` for the first installed default for ``kind``.
    kind : str
        The kind of problem.

    Returns
    -------
    str
        The solver's name.

    Examples
    --------
    >>> pick_solver("CLARABEL", "lp")
    'CLARABEL'
    """
    cp = import_cvxpy()
    installed = set(cp.installed_solvers())
    if solver is not None:
        if not isinstance(solver, str):
            raise TypeError(f"solver must be a CVXPY solver name; got {type(solver).__name__}")
        name = solver.upper()
        if name not in cp.settings.SOLVERS:
            raise ValueError(f"solver must be a CVXPY solver name; got {solver!r} "
                             f"(installed: {sorted(installed)})")
        if name not in installed:
            package = SOLVER_PACKAGES.get(name, "the package providing it")
            raise MissingSolverError(
                f"solver {solver!r} is not installed in CVXPY; install {package!r} "
                f"(installed: {sorted(installed)})")
        if kind == "milp" and name not in _MILP_CAPABLE:
            capable = sorted(_MILP_CAPABLE & installed) or list(DEFAULT_SOLVERS["milp"])
            raise ValueError(
                f"solver {solver!r} cannot solve integer problems; use one of {capable}")
        return name
    for name in DEFAULT_SOLVERS[kind]:
        if name in installed:
            return name
    wanted = DEFAULT_SOLVERS[kind][0]
    what = {"milp": "a mixed-integer (MILP) solver", "lp_vertex": "a simplex LP solver"}.get(
        kind, f"a {kind.upper()} solver")
    raise MissingSolverError(
        f"no {what} is installed in CVXPY; install {SOLVER_PACKAGES[wanted]!r} "
        f"(for solver {wanted}); installed: {sorted(installed)}")


def _residual(cp, x, s, leak):
    """Expression and constraints for the leaky partial sums ``R_n`` of ``x - s`` (D2)."""
    if leak is None:
        return np.cumsum(x) - cp.cumsum(s), []
    r = cp.Variable(x.shape[0])
    factors = np.broadcast_to(leak, x.shape)
    constraints = [r[0] == x[0] - s[0]]
    if x.shape[0] > 1:
        constraints.append(r[1:] - cp.multiply(factors[1:], r[:-1]) == x[1:] - s[1:])
    return r, constraints


@dataclass(frozen=True)
class Stated:
    """A problem stated once in CVXPY with ``theta`` (and ``lam``, the lattice box) as
    Parameters, so that a sweep over them compiles once.

    Parameters
    ----------
    problem, variable : cvxpy objects
        The CVXPY problem and its variable.
    parameters : dict
        The CVXPY Parameters by name.
    lattice : bool
        Whether the variable counts multiples of ``theta``.

    Examples
    --------
    >>> statement = stated("relaxed", np.array([0.5, 2.0]), None)
    >>> statement.lattice, sorted(statement.parameters)
    (False, ['theta'])
    """

    problem: Any
    variable: Any
    parameters: dict
    lattice: bool

    def set(self, **values: Any) -> None:
        """Set the Parameters by name before a solve.

        Parameters
        ----------
        **values : float or numpy.ndarray
            New values of the Parameters, by name; ``theta`` also sets ``scale`` to ``1/theta``.

        Examples
        --------
        >>> statement = stated("relaxed", np.array([0.5, 2.0]), None)
        >>> statement.set(theta=0.25)
        >>> statement.parameters["theta"].value
        0.25
        """
        if "theta" in values and "scale" in self.parameters:
            self.parameters["scale"].value = 1 / values["theta"]
        for name, value in values.items():
            if name in self.parameters:
                self.parameters[name].value = value

    def values(self) -> np.ndarray | None:
        """The solution (``theta * k`` for the lattice problems), or ``None``.

        Returns
        -------
        numpy.ndarray or None
            The solution, ``None`` before a successful solve.

        Examples
        --------
        >>> stated("relaxed", np.array([0.5, 3.0]), None).values() is None
        True
        """
        if self.variable.value is None:
            return None
        value = np.asarray(self.variable.value, dtype=np.float64)
        return value * self.parameters["theta"].value if self.lattice else value


#: Problems stated recently, by what they depend on apart from the Parameters.
_STATED: OrderedDict = OrderedDict()
_STATED_KEPT = 4


def stated(problem: str, x: np.ndarray, leak: np.ndarray | None, *, integer: bool = False,
           criterion: str | None = None, margin: float = 0.0) -> Stated:
    """The CVXPY statement of ``problem`` for data ``x`` and ``leak``, built once per data and
    kept for the next calls (a sweep over the Parameters reuses its compiled form).

    Parameters
    ----------
    problem : str
        A key of the builders (``"quantized"``, ``"relaxed"``, ``"lagrangian"``, ...).
    x : numpy.ndarray
        Float samples.
    leak : numpy.ndarray or None
        One leak factor per step, or ``None`` without leak.
    integer : bool
        Whether the lattice variables are integer (MILP) or relaxed (LP).
    criterion : str or None
        The criterion of the problems that take one.
    margin : float
        How far the leaky open ball is closed, in units of theta.

    Returns
    -------
    Stated
        The statement, shared with the other calls on the same data.

    Examples
    --------
    >>> x = np.array([0.5, 2.0])
    >>> stated("relaxed", x, None) is stated("relaxed", x, None)
    True
    """
    key = (problem, integer, criterion, margin, x.shape, x.tobytes(),
           None if leak is None else np.asarray(leak, dtype=np.float64).tobytes())
    if key in _STATED:
        _STATED.move_to_end(key)
        return _STATED[key]
    built = _BUILDERS[problem](import_cvxpy(), x, leak, integer=integer, criterion=criterion,
                               margin=margin)
    _STATED[key] = built
    while len(_STATED) > _STATED_KEPT:
        _STATED.popitem(last=False)
    return built


def _quantized(cp, x, leak, *, integer, criterion, margin):
    """``min ||s||_1`` over ``s = theta*k``, ``k`` integer, in the open ball of radius theta.

    For ``leak=None`` the open ball on the lattice is exactly the integer box
    ``floor(F_n/theta) <= K_n <= ceil(F_n/theta)`` on the partial sums ``K`` of ``k`` (the
    Parameters ``low``, ``high``, set from exact partial sums by :func:`lattice_box`), an
    interval (totally unimodular) system: with ``integer=False`` its LP has an integral optimal
    vertex.  A leaky ball has no such box; it is stated in units of theta (the Parameter
    ``scale`` is 1/theta, so that the solver's tolerances are relative to theta) and closed to
    radius ``1 - margin``.
    """
    theta = cp.Parameter(nonneg=True, name="theta")
    k = cp.Variable(x.shape[0], integer=integer)
    params = {"theta": theta}
    if leak is None:
        low, high = cp.Parameter(x.shape[0], name="low"), cp.Parameter(x.shape[0], name="high")
        params.update(low=low, high=high)
        constraints = [cp.cumsum(k) >= low, cp.cumsum(k) <= high]
    else:
        scale = cp.Parameter(nonneg=True, name="scale")
        params["scale"] = scale
        r, constraints = _residual(cp, x * scale, k, leak)
        constraints += [cp.abs(r) <= 1 - margin]
    return Stated(cp.Problem(cp.Minimize(cp.norm1(k)), constraints), k, params, True)


def lattice_box(x: np.ndarray, theta: Number) -> tuple[np.ndarray, np.ndarray]:
    """Integer bounds ``floor(F_n/theta)``, ``ceil(F_n/theta)`` of the lattice partial sums.

    ``x`` is a float array or an object array of ``Fraction`` (then the bounds are exact).

    Parameters
    ----------
    x : numpy.ndarray
        Samples.
    theta : float or Fraction
        The threshold.

    Returns
    -------
    tuple of numpy.ndarray
        The lower and upper bounds, as floats.

    Examples
    --------
    >>> lattice_box(np.array([0.5, 1.0]), 1.0)
    (array([0., 1.]), array([1., 2.]))
    """
    ratio = np.cumsum(x) / theta
    if ratio.dtype == object:
        import math

        return (np.array([math.floor(v) for v in ratio], dtype=np.float64),
                np.array([math.ceil(v) for v in ratio], dtype=np.float64))
    return np.floor(ratio), np.ceil(ratio)


def _relaxed(cp, x, leak, *, integer, criterion, margin):
    """``min ||y||_1 s.t. ||C_leak(x - y)||_inf <= theta``."""
    theta = cp.Parameter(nonneg=True, name="theta")
    y = cp.Variable(x.shape[0])
    r, constraints = _residual(cp, x, y, leak)
    problem = cp.Problem(cp.Minimize(cp.norm1(y)), [*constraints, cp.abs(r) <= theta])
    return Stated(problem, y, {"theta": theta}, False)


def _lagrangian(cp, x, leak, *, integer, criterion, margin):
    """``min ||s||_1 + lam*||C_leak(s - x)||_inf``."""
    lam = cp.Parameter(nonneg=True, name="lam")
    s = cp.Variable(x.shape[0])
    r, constraints = _residual(cp, x, s, leak)
    objective = cp.norm1(s) + lam * cp.norm(r, "inf")
    return Stated(cp.Problem(cp.Minimize(objective), constraints), s, {"lam": lam}, False)


def _reconstruct(cp, eta, leak, *, integer, criterion, margin):
    """Least ``||f||_1`` (``"tv"``) or ``||f||_2^2`` (``"energy"``), ``||f - eta||_A <= theta``."""
    theta = cp.Parameter(nonneg=True, name="theta")
    f = cp.Variable(eta.shape[0])
    r, constraints = _residual(cp, eta, f, leak)
    cost = cp.norm1(f) if criterion == "tv" else cp.sum_squares(f)
    problem = cp.Problem(cp.Minimize(cost), [*constraints, cp.abs(r) <= theta])
    return Stated(problem, f, {"theta": theta}, False)


def _rof(cp, y, leak, *, integer, criterion, margin):
    """ROF: ``min 1/2 ||u - y||_2^2 + theta * sum |u_{n+1} - u_n|``."""
    theta = cp.Parameter(nonneg=True, name="theta")
    u = cp.Variable(y.shape[0])
    cost = 0.5 * cp.sum_squares(u - y)
    if y.shape[0] > 1:
        cost = cost + theta * cp.norm1(cp.diff(u))
    return Stated(cp.Problem(cp.Minimize(cost)), u, {"theta": theta}, False)


_BUILDERS = {"quantized": _quantized, "relaxed": _relaxed, "lagrangian": _lagrangian,
             "reconstruct": _reconstruct, "rof": _rof}

#: Name of each solver's wall-clock limit in seconds.
TIME_LIMIT_OPTION = {"HIGHS": "time_limit", "CLARABEL": "time_limit", "OSQP": "time_limit",
                     "SCS": "time_limit_secs", "GUROBI": "TimeLimit", "MOSEK": "mosek_params",
                     "SCIP": "scip_params", "SCIPY": "scipy_options"}


@dataclass(frozen=True)
class Solved:
    """What a CVXPY solve gave: point (or ``None``), status, bound, timings.

    Parameters
    ----------
    values : numpy.ndarray or None
        The point found.
    status : str
        The status, as in :class:`~ifsod.sparse.Recovery`.
    bound : float
        The solver's proved bound (``nan`` when it gives none).
    compile_seconds, solve_seconds : float
        Timings.

    Examples
    --------
    >>> Solved(None, "infeasible", float("nan"), 0.0, 0.0).status
    'infeasible'
    """

    values: np.ndarray | None
    status: str
    bound: float
    compile_seconds: float
    solve_seconds: float


def solve(statement: Stated, solver: str, *, options: dict | None = None,
          time_limit: float | None = None, verbose: bool = False) -> Solved:
    """Solve; ``compile_seconds`` is CVXPY's canonicalisation, measured by CVXPY itself.

    ``options`` go to the solver as they are (after this module's tighter tolerances, which
    they override); ``time_limit`` becomes the solver's own limit.  CVXPY's warnings are
    silenced: an inaccurate, stopped or failed solve shows in the returned status instead.
    A solve stopped by the limit has status ``"time_limit"``, its best point if the solver has
    one, and for HiGHS its proved dual bound.

    Parameters
    ----------
    statement : Stated
        The problem, with its Parameters set.
    solver : str
        An installed CVXPY solver.
    options : dict, optional
        Solver options.
    time_limit : float, optional
        Seconds the solver may take.
    verbose : bool
        Whether the solver prints its log.

    Returns
    -------
    Solved
        The point, status, bound and timings.

    Examples
    --------
    >>> statement = stated("relaxed", np.array([0.5, 2.0]), None)
    >>> statement.set(theta=1.0)
    >>> solve(statement, "CLARABEL").status
    'optimal'
    """
    cp = import_cvxpy()
    settings = {**_SOLVER_OPTIONS.get(solver, {}), **(options or {})}
    if time_limit is not None:
        settings.update(_time_limit(solver, time_limit))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            statement.problem.solve(solver=solver, verbose=verbose, **settings)
        except cp.error.SolverError as err:
            return Solved(None, f"solver_error: {err}", math.nan, 0.0,
                          time.perf_counter() - start)
    total = time.perf_counter() - start
    compile_seconds = float(statement.problem.compilation_time or 0.0)
    status = statement.problem.status
    values = None
    if status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE):
        values = statement.values()
    bound = math.nan
    if status == cp.USER_LIMIT and time_limit is not None:
        status = "time_limit"
        values, bound = _stopped_point(statement, solver)
    return Solved(values, status, bound, compile_seconds, max(total - compile_seconds, 0.0))


def _time_limit(solver, seconds):
    if solver not in TIME_LIMIT_OPTION:
        raise ValueError(f"time_limit: solver {solver!r} takes no time limit through ifsod; "
                         f"use one of {sorted(TIME_LIMIT_OPTION)} or solver_options")
    name = TIME_LIMIT_OPTION[solver]
    if solver == "SCIPY":
        return {name: {"time_limit": float(seconds)}}
    if solver == "MOSEK":
        return {name: {"MSK_DPAR_OPTIMIZER_MAX_TIME": float(seconds)}}
    if solver == "SCIP":
        return {name: {"limits/time": float(seconds)}}
    return {name: float(seconds)}


def _stopped_point(statement, solver):
    """Best point and dual bound of a solve stopped by its time limit (HiGHS reports both)."""
    stats = statement.problem.solver_stats
    info = getattr(stats, "extra_stats", None) if stats is not None else None
    has_point = getattr(info, "primal_solution_status", 0) == 2 if solver == "HIGHS" else \
        statement.variable.value is not None
    values = statement.values() if has_point else None
    bound = float(getattr(info, "mip_dual_bound", math.nan)) if solver == "HIGHS" else math.nan
    if statement.lattice and math.isfinite(bound):
        bound *= statement.parameters["theta"].value
    return values, bound

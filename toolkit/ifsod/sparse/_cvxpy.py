"""The sparse-recovery problems stated in CVXPY, and the lookup of installed solvers.

CVXPY is imported inside the functions, so that ``import ifsod.sparse`` stays light.
"""

from __future__ import annotations

import time
import warnings

import numpy as np

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
}


class MissingSolverError(ImportError):
    """A CVXPY method was asked for but CVXPY or a suitable solver is not installed."""


def import_cvxpy():
    """Import CVXPY, or raise :class:`MissingSolverError` naming the package to install."""
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


def quantized(x, theta, leak, *, integer, margin):
    """``min ||s||_1`` over ``s = theta*k``, ``k`` integer, in the open ball of radius theta.

    For ``leak=None`` the open ball on the lattice is exactly the integer box
    ``floor(F_n/theta) <= K_n <= ceil(F_n/theta)`` on the partial sums ``K`` of ``k`` (no
    margin needed), an interval (totally unimodular) system: with ``integer=False`` its LP has an
    integral optimal vertex.  A leaky ball has no such box; it is closed to radius
    ``theta*(1 - margin)``.  Without a leak, ``x`` and ``theta`` may be exact (``Fraction``):
    the box is then exact, and only the solver works in floats.
    """
    cp = import_cvxpy()
    scale = float(theta)
    k = cp.Variable(x.shape[0], integer=integer)
    if leak is None:
        low, high = lattice_box(x, theta)
        constraints = [cp.cumsum(k) >= low, cp.cumsum(k) <= high]
    else:
        r, constraints = _residual(cp, x, scale * k, leak)
        constraints += [cp.abs(r) <= scale * (1 - margin)]
    return cp.Problem(cp.Minimize(scale * cp.norm1(k)), constraints), k, scale


def lattice_box(x, theta):
    """Integer bounds ``floor(F_n/theta)``, ``ceil(F_n/theta)`` of the lattice partial sums.

    ``x`` is a float array or an object array of ``Fraction`` (then the bounds are exact).
    """
    ratio = np.cumsum(x) / theta
    if ratio.dtype == object:
        import math

        return (np.array([math.floor(v) for v in ratio], dtype=np.float64),
                np.array([math.ceil(v) for v in ratio], dtype=np.float64))
    return np.floor(ratio), np.ceil(ratio)


def relaxed(x, theta, leak):
    """``min ||y||_1 s.t. ||C_leak(x - y)||_inf <= theta``."""
    cp = import_cvxpy()
    y = cp.Variable(x.shape[0])
    r, constraints = _residual(cp, x, y, leak)
    return cp.Problem(cp.Minimize(cp.norm1(y)), [*constraints, cp.abs(r) <= theta]), y, 1.0


def lagrangian(x, lam, leak):
    """``min ||s||_1 + lam*||C_leak(s - x)||_inf``."""
    cp = import_cvxpy()
    s = cp.Variable(x.shape[0])
    r, constraints = _residual(cp, x, s, leak)
    objective = cp.norm1(s) + lam * cp.norm(r, "inf")
    return cp.Problem(cp.Minimize(objective), constraints), s, 1.0


def reconstruct(eta, theta, leak, criterion):
    """Least ``||f||_1`` (``"tv"``) or ``||f||_2^2`` (``"energy"``), ``||f - eta||_A <= theta``."""
    cp = import_cvxpy()
    f = cp.Variable(eta.shape[0])
    r, constraints = _residual(cp, eta, f, leak)
    cost = cp.norm1(f) if criterion == "tv" else cp.sum_squares(f)
    return cp.Problem(cp.Minimize(cost), [*constraints, cp.abs(r) <= theta]), f, 1.0


def tv_denoise(y, lam):
    """ROF: ``min 1/2 ||u - y||_2^2 + lam * sum |u_{n+1} - u_n|``."""
    cp = import_cvxpy()
    u = cp.Variable(y.shape[0])
    cost = 0.5 * cp.sum_squares(u - y) + lam * cp.norm1(cp.diff(u)) if y.shape[0] > 1 \
        else 0.5 * cp.sum_squares(u - y)
    return cp.Problem(cp.Minimize(cost)), u, 1.0


def solve(problem, variable, scale, solver):
    """Solve; returns ``(values or None, status, compile_seconds, solve_seconds)``.

    ``compile_seconds`` is CVXPY's canonicalisation (its known cost at large N), measured by
    CVXPY itself; ``solve_seconds`` is the rest of the call.  CVXPY's warnings are silenced:
    an inaccurate or failed solve shows in the returned status instead.
    """
    cp = import_cvxpy()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            problem.solve(solver=solver, **_SOLVER_OPTIONS.get(solver, {}))
        except cp.error.SolverError as err:
            return None, f"solver_error: {err}", 0.0, time.perf_counter() - start
    total = time.perf_counter() - start
    compile_seconds = float(problem.compilation_time or 0.0)
    status = problem.status
    values = None
    if status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE) and variable.value is not None:
        values = scale * np.asarray(variable.value, dtype=np.float64)
    return values, status, compile_seconds, max(total - compile_seconds, 0.0)

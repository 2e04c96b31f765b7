"""T6 Sparse regularization: IF^M as the lazy path on the lattice, the LP relaxation, the play
operator, the gap, and the duality between the Alexiewicz norm and total variation.

theta = 1 in z3 and the LPs; the exact searches draw thresholds.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ifsod import alexiewicz_norm, if_encode
from ifsod.proof import Claim, Step, bounded, optimize, search
from ifsod.proof import strategies as st
from ifsod.proof.z3models import clamp, partial_sums, reals, zabs

from ._lemmas import (
    abel_step,
    cost_to_go,
    exact_l1,
    integral_lp,
    lazy_clamp,
    lazy_path,
    trunc_split,
)


def _tv(path) -> Fraction:
    """sum |Y_n - Y_{n-1}| with Y_0 = 0."""
    return sum((abs(b - a) for a, b in zip([Fraction(0)] + list(path), path)), Fraction(0))


def play(cumulative, radius) -> list[Fraction]:
    """The lazy path Y_n = clip(Y_{n-1}, X_n - radius, X_n + radius), Y_0 = 0."""
    path, y = [], Fraction(0)
    for value in cumulative:
        y = min(max(y, value - radius), value + radius)
        path.append(y)
    return path


def clamp_library(low=math.floor):
    """Cumulative IF^M counts equal the lattice clamp of the library encoder (exact)."""
    def prop(case):
        x, theta = case
        counts = [s / theta for s in partial_sums(if_encode(x, theta))]
        lazy, prev = [], 0
        for f in partial_sums(x):
            prev = min(max(prev, low(f / theta)), math.ceil(f / theta))
            lazy.append(prev)
        return counts == lazy

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(st.signal(), st.threshold())
    return search(prop, cases, max_examples=300)


def _lattice_lp(x, rounded=True):
    """min sum |S_n - S_{n-1}| over S_n in [floor F_n, ceil F_n] (rounded) or in the closed
    unrounded tube [F_n - 1, F_n + 1]; returns (optimum, S)."""
    from scipy.optimize import linprog

    n = len(x)
    sums = partial_sums(x)
    if rounded:
        bounds = [(math.floor(f), math.ceil(f)) for f in sums]
    else:
        bounds = [(float(f) - 1, float(f) + 1) for f in sums]
    # variables S_1..S_n, t_1..t_n with t_n >= |S_n - S_{n-1}|
    diff = np.eye(n) - np.eye(n, k=-1)
    a_ub = np.block([[diff, -np.eye(n)], [-diff, -np.eye(n)]])
    res = linprog(np.r_[np.zeros(n), np.ones(n)], A_ub=a_ub, b_ub=np.zeros(2 * n),
                  bounds=bounds + [(0, None)] * n, method="highs-ds")
    return res.fun, res.x[:n]


def tu_lp(rounded=True):
    """The LP with lattice-rounded bounds has an integral optimal vertex whose value is the
    IF^M spike count (theta = 1)."""
    def prop(x):
        value, path = _lattice_lp(x, rounded)
        count = float(exact_l1(if_encode(x, Fraction(1))))
        integral = np.allclose(path, np.round(path), atol=1e-9)
        return integral and abs(value - count) < 1e-7

    def cases():
        from hypothesis import strategies as hs

        return hs.lists(st.rationals(-5, 5, 8), min_size=1, max_size=16)
    return optimize(prop, cases, max_examples=100)


def play_optimal(competitor=None, n_max: int = 6, quick_n_max: int = 4):
    """For all X, Y in R^N with |Y_n - X_n| <= 1: TV(Y) >= TV(play(X)).  With ``competitor``
    (mutant) the claimed optimum is that path instead of the play operator."""
    def build(n):
        import z3

        xs, ys = reals("X", n), reals("Y", n)
        prev_best, prev_y, tv_best, tv_y, tube = 0, 0, [], [], []
        for x, y in zip(xs, ys, strict=True):
            step = clamp(prev_best, x - 1, x + 1) if competitor is None else competitor(x)
            tv_best.append(zabs(step - prev_best))
            tv_y.append(zabs(y - prev_y))
            tube.append(zabs(y - x) <= 1)
            prev_best, prev_y = step, y
        return z3.Implies(z3.And(tube), z3.Sum(tv_y) >= z3.Sum(tv_best))
    return bounded(build, n_max, quick_n_max=quick_n_max)


def _runs(spikes) -> int:
    signs = [s > 0 for s in spikes if s != 0]
    return sum(1 for k, sign in enumerate(signs) if k == 0 or sign != signs[k - 1])


def gap(bound=lambda runs: max(2 * runs - 1, 0)):
    """0 <= ||IF^M(x)||_1 - min{TV(Y) : |Y - X| <= theta} <= (2R - 1) theta (0 when R = 0)."""
    def prop(case):
        x, theta = case
        spikes = if_encode(x, theta)
        relaxed = _tv(play(partial_sums(x), theta))
        difference = exact_l1(spikes) - relaxed
        return 0 <= difference <= bound(_runs(spikes)) * theta

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(st.signal(1, 16), st.threshold())
    return search(prop, cases, max_examples=300)


def monotone_gap(bound=Fraction(1), strict=False):
    """For input of one sign (monotone cumulative sums): ||IF^M(x)||_1 - LP <= bound * theta,
    or < with ``strict`` (the strict form for bound 1 is false: the gap reaches theta)."""
    def prop(case):
        x, theta = case
        spikes = if_encode(x, theta)
        difference = exact_l1(spikes) - _tv(play(partial_sums(x), theta))
        limit = bound * theta
        return difference >= 0 and (difference < limit if strict else difference <= limit)

    def cases():
        from hypothesis import strategies as hs

        sign = hs.sampled_from([1, -1])
        magnitudes = hs.lists(st.rationals(0, 5, 8), min_size=1, max_size=16)
        return hs.tuples(hs.builds(lambda s, m: [s * v for v in m], sign, magnitudes),
                         st.threshold())
    return search(prop, cases, max_examples=300)


def taut_least_energy(path=None):
    """The taut string is optimal (its total variation is the play operator's, exactly) and has
    the least energy sum y_n^2 of all paths in the closed tube (CVXPY minimum, tolerance 1e-7
    relative).  ``path`` replaces the taut string for mutants."""
    def prop(case):
        import cvxpy as cp

        from ifsod.sparse import recover

        x, theta = case
        y = (list(recover(x, theta, problem="relaxed", method="taut-string").spikes)
             if path is None else path(x, theta))
        sums = partial_sums(x)
        if exact_l1(y) != _tv(play(sums, theta)):
            return False
        var = cp.Variable(len(x))
        target = np.array([float(f) for f in sums])
        problem = cp.Problem(cp.Minimize(cp.sum_squares(var)),
                             [cp.abs(cp.cumsum(var) - target) <= float(theta)])
        problem.solve(solver=cp.CLARABEL)
        energy = float(sum(v * v for v in y))
        return energy <= problem.value * (1 + 1e-7) + 1e-9

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(hs.lists(st.rationals(-4, 4, 8), min_size=1,
                                  max_size=12), st.threshold())
    return optimize(prop, cases, max_examples=40)


def _play_increments(x, theta) -> list[Fraction]:
    path = play(partial_sums(x), theta)
    return [b - a for a, b in zip([Fraction(0)] + path[:-1], path)]


def play_matches_lp():
    """The play operator's total variation equals the LP optimum over the closed tube."""
    def prop(x):
        value, _ = _lattice_lp(x, rounded=False)
        return abs(value - float(_tv(play(partial_sums(x), 1)))) < 1e-7

    def cases():
        from hypothesis import strategies as hs

        return hs.lists(st.rationals(-5, 5, 8), min_size=1, max_size=16)
    return optimize(prop, cases, max_examples=60)


def tv_dual(zero_sum=True):
    """sup{<x, z> : TV(z) <= 1} = ||x||_A when sum(x) = 0 (LP over z; TV without end terms)."""
    def prop(x):
        from scipy.optimize import linprog

        if zero_sum:
            x = list(x) + [-sum(x, Fraction(0))]
        n = len(x)
        # variables z_1..z_n, t_1..t_{n-1} >= |z_{k+1} - z_k|, sum t <= 1; maximise <x, z>
        diff = (np.eye(n, k=1) - np.eye(n))[:-1]
        a_ub = np.block([[diff, -np.eye(n - 1)], [-diff, -np.eye(n - 1)],
                         [np.zeros((1, n)), np.ones((1, n - 1))]])
        b_ub = np.r_[np.zeros(2 * (n - 1)), 1]
        res = linprog(np.r_[-np.array([float(v) for v in x]), np.zeros(n - 1)], A_ub=a_ub,
                      b_ub=b_ub, bounds=[(None, None)] * n + [(0, None)] * (n - 1),
                      method="highs")
        return res.status == 0 and abs(-res.fun - float(alexiewicz_norm(x))) < 1e-7

    def cases():
        from hypothesis import strategies as hs

        return hs.lists(st.rationals(-5, 5, 8), min_size=2, max_size=10)
    return optimize(prop, cases, max_examples=80)


def rof_residual(factor=1.0):
    """The ROF solution u = argmin 1/2||y - u||^2 + lam TV(u) has ||y - u||_A <= lam
    (CVXPY, tolerance 1e-6 relative to lam)."""
    def prop(case):
        import cvxpy as cp

        y, lam = case
        target = np.array([float(v) for v in y])
        u = cp.Variable(len(y))
        objective = 0.5 * cp.sum_squares(target - u) + float(lam) * cp.norm1(cp.diff(u))
        cp.Problem(cp.Minimize(objective)).solve(solver=cp.CLARABEL)
        residual = float(alexiewicz_norm(target - u.value))
        return residual <= factor * float(lam) * (1 + 1e-6) + 1e-9

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(hs.lists(st.rationals(-5, 5, 8), min_size=2,
                                  max_size=12), hs.fractions(Fraction(1, 8), 3))
    return optimize(prop, cases, max_examples=40)


CLAIMS = [
    Claim("T6a", r"S_n = \mathrm{clamp}(S_{n-1}, \theta\lfloor F_n/\theta\rfloor, "
          r"\theta\lceil F_n/\theta\rceil)", "D", [
              Step(r"$\mathrm{trunc}(j + r) = j + [j<0<r]$", trunc_split()),
              Step("one IF^M step is the lattice clamp (z3)", lazy_clamp()),
              Step("library encoder, exact, random thresholds", clamp_library(),
                   role="corroboration")],
          short="IF^M is the lazy path on the lattice"),
    Claim("T6b", integral_lp(), "D",
          [Step("HiGHS simplex: integral optimal vertex, value = IF^M count", tu_lp(),
                role="corroboration")],
          short="C is TU: integer problem = rounded LP"),
    Claim("T6c", lazy_path(), "D", [
              Step(r"cost-to-go: $c_n(y) = m_n + |y - Y_n|$ on the tube "
                   r"(1-Lipschitz, minimal at the play path)", cost_to_go(),
                   role="corroboration"),
              Step("z3: every path in the closed tube costs at least the play operator",
                   play_optimal(), role="corroboration"),
              Step("play operator = LP optimum (HiGHS) for N <= 16", play_matches_lp(),
                   role="corroboration")],
          short="play operator is optimal in the tube"),
    Claim("T6j", lazy_path(leaky=True), "D",
          short="leaky lazy path V_n = clip(lambda_n V_{n-1}, W_n -+ theta) minimises "
                "sum |V_n - lambda_n V_{n-1}| in the tube |Y_n - W_n| <= theta"),
    Claim("T6d", r"0 \le \|IF^M(x)\|_1 - LP \le (2R-1)\theta", "D",
          [Step("exact: LP optimum by the play operator (T6c), R = same-sign runs", gap())],
          short="gap to the LP <= (2R - 1) theta"),
    Claim("T6g", r"x_n \ge 0\ \forall n \ (\text{or } \le 0) \Rightarrow "
          r"\|IF^M(x)\|_1 - LP \le \theta", "D",
          [Step("exact: LP optimum by the play operator (T6c), inputs of one sign",
                monotone_gap())],
          short="monotone cumulative input: gap <= theta"),
    Claim("T6h", r"x_n \ge 0\ \forall n \Rightarrow \|IF^M(x)\|_1 - LP < \theta", "D",
          [Step("exact search for a gap of theta", monotone_gap(strict=True))],
          expected=False, short="monotone: gap < theta strictly (it is not)"),
    Claim("T6i", r"\text{the taut string minimises } \sum_n y_n^2 \text{ in the tube, and its "
          r"TV is optimal}", "D",
          [Step("exact taut string against the CVXPY (Clarabel) least-energy path",
                taut_least_energy())],
          short="taut string: the least-energy optimum"),
    Claim("T6e", r"\sup\{\langle x, z\rangle : TV(z) \le 1\} = \|x\|_A \ (\textstyle\sum x = 0)",
          "D", [
              Step(r"Abel summation, so $\langle x, z\rangle = -\sum_{k<N} X_k (z_{k+1} - z_k)$ "
                   r"when $X_N = 0$", abel_step()),
              Step("LP (HiGHS) supremum equals ||x||_A", tv_dual())],
          short="Alexiewicz norm is dual to TV"),
    Claim("T6f", r"u = \mathrm{ROF}_\lambda(y) \Rightarrow \|y - u\|_A \le \lambda", "D",
          [Step("CVXPY (Clarabel) ROF solutions, float tolerance 1e-6", rof_residual())],
          short="ROF residual has ||y - u||_A <= lambda"),
]

MUTANTS = [
    Claim("T6b~formal-fewer", integral_lp(margin=1), "D", expected=False,
          short="T6b claiming IF^M one spike cheaper than every path in the tube"),
    Claim("T6j~leak", lazy_path(leaky=True, max_leak=2), "D", expected=False,
          short="T6j with leaks up to 2 (the slope argument needs lambda <= 1)"),
    Claim("T6j~unclipped", lazy_path(leaky=True, clip=False), "D", expected=False,
          short="T6j with lambda V_{n-1} clipped as V_{n-1}"),
    Claim("T6a~floor", r"\text{clamp form with floor for trunc}", "D",
          [Step("IF step with floor", lazy_clamp("floor"))], expected=False),
    Claim("T6a~bounds", r"S_n = \mathrm{clamp}(S_{n-1}, \lceil F_n\rceil, \lceil F_n\rceil)",
          "D", [Step("library vs clamp to ceil", clamp_library(low=math.ceil))], expected=False),
    Claim("T6b~unrounded", r"\text{integer problem} = \text{LP on the unrounded tube}", "D",
          [Step("LP without rounding", tu_lp(rounded=False))], expected=False),
    Claim("T6c~centre", r"Y_n = X_n \text{ is optimal}", "D",
          [Step("z3: the centre path", play_optimal(competitor=lambda x: x))],
          expected=False),
    Claim("T6d~half", r"\|IF^M(x)\|_1 - LP \le \theta/2", "D",
          [Step("gap at most theta/2", gap(bound=lambda runs: Fraction(1, 2)))], expected=False),
    Claim("T6g~half", r"x_n \ge 0 \Rightarrow \|IF^M(x)\|_1 - LP \le \theta/2", "D",
          [Step("bound theta/2", monotone_gap(Fraction(1, 2)))], expected=False),
    Claim("T6i~play", r"\text{the play operator has the least energy in the tube}", "D",
          [Step("play path against the CVXPY least-energy path",
                taut_least_energy(path=_play_increments))], expected=False),
    Claim("T6e~sum", r"\sup\{\langle x, z\rangle : TV(z) \le 1\} = \|x\|_A \text{ for all } x",
          "D", [Step("LP without sum(x) = 0", tv_dual(zero_sum=False))], expected=False),
    Claim("T6f~half", r"\|y - \mathrm{ROF}_\lambda(y)\|_A \le \lambda/2", "D",
          [Step("CVXPY, bound lambda/2", rof_residual(0.5))], expected=False),
]

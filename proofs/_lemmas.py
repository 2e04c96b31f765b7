"""Lemmas and formal statements shared by the proof modules.

The formal statements of the discrete all-N claims are :class:`~ifsod.proof.formal.Induction`
objects over the engine's encoder models: the engine writes base case, inductive step (and, for
norm statements, the pointwise bound and the running maximum) from them, and prints their LaTeX
from the same formulas.  The threshold is symbolic; models whose spike counts are integers run
at theta = 1 under the homogeneity obligation the engine adds.  The lemmas are the steps and
exact helpers several modules use (T3, T4, T6, T8).
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import accumulate

import numpy as np

from ifsod import alexiewicz_norm, running_sums
from ifsod.proof import identity, smt
from ifsod.proof.event_models import abel_model, event_competitor_model, event_kernel_model
from ifsod.proof.formal import Always, Induction, NormBelow
from ifsod.proof.models import (
    competitor_model,
    if_model,
    lazy_model,
    lp_model,
    sod_model,
    two_run_model,
)
from ifsod.proof.pair_models import two_count_model, two_sod_model
from ifsod.proof.z3models import clamp, trunc, zabs


def quantization(leaky: bool = False, bound=1) -> Induction:
    """T1: max_n |R_n| < bound * theta, R the (leaky) running sum of x - IF^M(x)."""
    return Induction(if_model("mod", leaky=leaky),
                     NormBelow(lambda p, s: s["R"], lambda p: bound * p["theta"]),
                     lambda p, s, m: [zabs(s["u"]) < p["theta"], s["R"] == s["u"]])


def _within(model, invariant, upper, lower, unit: bool = False,
            spikes=lambda p, s: s["B"]) -> Induction:
    """max|B| - upper theta < max|A| < max|B| + lower theta at every n, over a model of two
    runs: A the difference of the signals, B (``spikes``) that of their codes."""
    def holds(p, s, m):
        import z3

        theta = p["theta"]
        return z3.And(m["B"] < m["A"] + upper * theta, m["A"] < m["B"] + lower * theta)

    return Induction(model, Always(holds, {"A": lambda p, s: s["A"], "B": spikes}), invariant,
                     unit_threshold=unit)


def quasi_isometry(width=2) -> Induction:
    """T2: max|A| - width theta < max|B| < max|A| + width theta, A = C(g - f),
    B = C(IF^M g - IF^M f)."""
    return _within(two_run_model(), lambda p, s, m: [
        zabs(s["uf"]) < p["theta"], zabs(s["ug"]) < p["theta"],
        s["B"] == s["A"] - (s["ug"] - s["uf"])], width, width)


def _count_distance(p, s):
    import z3

    return p["theta"] * z3.ToReal(s["Kg"] - s["Kf"])


def sharp_quasi_isometry(upper=1) -> Induction:
    """T2 with the sharp constants: max|B| < max|A| + theta (the lazy clamp is 1-Lipschitz and
    B lies on the lattice) and max|A| < max|B| + 2 theta; ``upper`` < 1 is a wrong variant."""
    def invariant(p, s, m):
        return [m["A"] >= zabs(s["A"]), m["B"] >= zabs(_count_distance(p, s)),
                zabs(s["A"] - _count_distance(p, s)) < 2 * p["theta"]]

    return _within(two_count_model(), invariant, upper, 2, unit=True, spikes=_count_distance)


def sod_quasi_isometry(width=2) -> Induction:
    """T4d through T4a and T2a: the zero-order holds of two SOD runs, relative to their start,
    lie within width Delta of the signals relative to theirs, in the sup norm (the membranes
    y - L of T4a play the part of u in T2a)."""
    return _within(two_sod_model(), lambda p, s, m: [
        zabs(s["yf"] - s["Lf"]) < p["theta"], zabs(s["yg"] - s["Lg"]) < p["theta"],
        s["B"] == s["A"] - ((s["yg"] - s["Lg"]) - (s["yf"] - s["Lf"]))], width, width)


def _cheaper(model, slack, margin) -> Induction:
    """IF^M stays in the open ball and costs ``margin`` less than the model's competitor (0:
    no more), at every n.

    Invariant: the competitor's running cost exceeds IF^M's by at least the distance between
    their running spike sums (``slack`` > 0 is a wrong invariant claiming more)."""
    def holds(p, s, m):
        import z3

        return z3.And(s["cK"] + margin <= s["cJ"],
                      zabs(s["F"] - p["theta"] * s["K"]) < p["theta"])

    def invariant(p, s, m):
        return [zabs(s["F"] - p["theta"] * s["K"]) < p["theta"],
                s["cJ"] - s["cK"] >= zabs(s["J"] - s["K"]) + slack]

    return Induction(model, Always(holds), invariant, unit_threshold=True)


def sparsity(slack=0, margin=0) -> Induction:
    """T3: against any lattice competitor in the open ball."""
    return _cheaper(competitor_model(), slack, margin)


def integral_lp(slack=0, margin=0) -> Induction:
    """T6b: against any real path in the tube rounded to the grid, so the LP optimum is
    attained at IF^M's integer vertex."""
    return _cheaper(lp_model(), slack, margin)


def duality(invariant_offset=0, offset=0) -> Induction:
    """T4: SOD's event equals the IF^M spike on the differences and L_n - y_0 = S_n + offset
    (``offset`` != 0 is a wrong statement, ``invariant_offset`` != 0 a wrong invariant)."""
    def holds(p, s, m):
        import z3

        return z3.And(s["e"] == s["s"], s["L"] - p["y0"] == s["S"] + offset)

    return Induction(sod_model(), Always(holds),
                     lambda p, s, m: [s["u"] == s["yp"] - s["L"] + invariant_offset,
                                      zabs(s["u"]) < p["theta"]])


def lazy_path(leaky: bool = False, max_leak=1, clip: bool = True) -> Induction:
    """T6c (leak 1) and T6j (leaks in (0, 1]): the lazy path stays in the closed tube and costs
    no more than any competitor path in it, at every n (cost-to-go invariant)."""
    def holds(p, s, m):
        import z3

        return z3.And(s["cV"] <= s["cY"], zabs(s["V"] - s["W"]) <= p["theta"])

    return Induction(lazy_model(leaky, max_leak, clip), Always(holds),
                     lambda p, s, m: [s["cY"] - s["cV"] >= zabs(s["Y"] - s["V"])])


def exact_l1(values) -> Fraction:
    return sum((abs(Fraction(v)) for v in values), Fraction(0))


def split_floor():
    """A real F = m + r with m = floor(F) integer and 0 <= r < 1 (this is how z3 sees F: its
    mixed integer/real reasoning stalls on floor of sums, and is instant on this form)."""
    import z3

    m, r = z3.ToReal(z3.Int("m")), z3.Real("r")
    return m, r, z3.And(r >= 0, r < 1), z3.If(r == 0, m, m + 1)


def trunc_split():
    """trunc(j + r) = j + [j < 0 and r > 0] for integer j and 0 <= r < 1."""
    def build():
        import z3

        j, r = z3.ToReal(z3.Int("j")), z3.Real("r")
        return z3.Implies(z3.And(r >= 0, r < 1),
                          trunc(j + r) == z3.If(z3.And(j < 0, r > 0), j + 1, j))
    return smt(build)


def lazy_clamp(rounding: str = "trunc"):
    """One IF^M step on cumulative sums: S_n = S_{n-1} + trunc(F_n - S_{n-1}) equals
    clamp(S_{n-1}, floor(F_n), ceil(F_n)); with ``rounding="floor"`` (mutant) it does not."""
    def build():
        import z3

        m, r, unit, ceiling = split_floor()
        s = z3.ToReal(z3.Int("S_prev"))
        j = m - s  # F_n - S_{n-1} = j + r
        step = z3.If(z3.And(j < 0, r > 0), j + 1, j) if rounding == "trunc" else j
        return z3.Implies(unit, s + step == clamp(s, m, ceiling))
    return smt(build)


def cost_to_go(choice=None):
    """One step of the dynamic programme behind the lazy path.

    Let c_n(y) be the least total variation of a path ending at y at time n inside the tube
    [lo_k, hi_k] (Y_0 = 0).  If c_{n-1}(y') = m + |y' - p| on the previous interval, then for y
    in [lo, hi] with q = clip(p, lo, hi): every predecessor y' costs at least
    m + |q - p| + |y - q|, and y' = p attains it.  So c_n(y) = m' + |y - q| with
    m' = m + |q - p|: by induction the lazy path is optimal, on the reals and on the lattice
    alike (integer bounds keep q integral).  ``choice`` replaces clip for mutants.
    """
    def build():
        import z3

        lo, hi, p, y, before = z3.Reals("lo hi p y y_prev")
        q = clamp(p, lo, hi) if choice is None else choice(p, lo, hi)
        return z3.Implies(z3.And(lo <= hi, lo <= y, y <= hi), z3.And(
            zabs(before - p) + zabs(y - before) >= zabs(q - p) + zabs(y - q),
            zabs(y - p) == zabs(q - p) + zabs(y - q)))
    return smt(build)


def sparsest(x, theta, leaks=None) -> list[Fraction]:
    """A train in theta*Z^N with the fewest spikes in the open (leaky) A-ball of radius theta
    around x, from a MILP; its answer is checked exactly (an answer outside the ball raises).

    Without a leak the open ball on the lattice is the exact integer box
    floor(F_n/theta) <= K_n <= ceil(F_n/theta) (``tube_lattice``); a leaky ball is shrunk by a
    margin above the solver's feasibility tolerance (1e-6), so that ties are not lost.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(x)
    # R = L y for the (leaky) partial sums R_n = leak_n R_{n-1} + y_n
    lmat = running_sums(np.eye(n), leak=1.0 if leaks is None else np.array(leaks, dtype=float),
                        axis=0)
    if leaks is None:
        sums = [f / theta for f in accumulate(Fraction(v) for v in x)]
        low, high = [math.floor(f) for f in sums], [math.ceil(f) for f in sums]
    else:
        margin = 1e-5
        centre = lmat @ (np.array([float(v) for v in x]) / float(theta))
        low, high = centre - 1 + margin, centre + 1 - margin
    # variables: k (integer spikes in units of theta), t >= |k|
    cost = np.r_[np.zeros(n), np.ones(n)]
    eye = np.eye(n)
    constraints = [
        LinearConstraint(np.c_[lmat, np.zeros((n, n))], low, high),
        LinearConstraint(np.c_[eye, eye], 0, np.inf),
        LinearConstraint(np.c_[-eye, eye], 0, np.inf),
    ]
    res = milp(cost, constraints=constraints, integrality=np.r_[np.ones(n), np.zeros(n)],
               bounds=Bounds(np.r_[np.full(n, -np.inf), np.zeros(n)], np.inf))
    if res.status != 0:
        raise RuntimeError(f"the MILP found no train in the ball: {res.message}")
    s = [theta * round(k) for k in res.x[:n]]
    residual = [Fraction(a) - b for a, b in zip(x, s, strict=True)]
    if alexiewicz_norm(residual, leak=1 if leaks is None else list(leaks)) >= theta:
        raise RuntimeError(f"the MILP answer {s} lies outside the open ball")
    return s


def abel_step(sign=-1):
    """N -> N + 1: the right side H_N g_N - sum_{k<N} H_k (g_{k+1} - g_k) grows by h_{N+1} g_{N+1}.

    ``rest`` stands for the sum over k < N, unchanged by the step."""
    def build():
        import sympy

        hn, gn, gn1, h_next, rest = sympy.symbols("H_N g_N g_N1 h_N1 rest")
        before = hn * gn + sign * rest
        after = (hn + h_next) * gn1 + sign * (rest + hn * (gn1 - gn))
        return after - before, h_next * gn1
    return identity(build)


def spike_instants(pieces, diracs, theta) -> list[tuple[Fraction, Fraction]]:
    """Exact IF^M events ``(time, weight)`` for g = c_i on consecutive pieces ``(duration, c_i)``
    starting at 0, plus Diracs ``(time, weight)``; membrane starts at 0."""
    impulses: dict[Fraction, Fraction] = {}
    for time, weight in diracs:
        impulses[time] = impulses.get(time, Fraction(0)) + weight
    events: dict[Fraction, Fraction] = {}
    u, start = Fraction(0), Fraction(0)

    def fire(time, amount):
        nonlocal u
        s = theta * math.trunc(amount / theta)
        u = amount - s
        if s:
            events[time] = events.get(time, Fraction(0)) + s

    for duration, slope in pieces:
        end = start + duration
        cuts = sorted(t for t in impulses if start <= t < end) + [end]
        now = start
        for cut in cuts:
            while slope and now < cut:  # continuous crossings of +-theta before the cut
                target = theta if slope > 0 else -theta
                hit = now + (target - u) / slope
                if hit > cut:
                    break
                fire(hit, target)  # the mod reset leaves 0
                now = hit
            u += slope * (cut - now)
            now = cut
            if cut in impulses and cut < end:
                fire(cut, u + impulses[cut])
        start = end
    if start in impulses:
        fire(start, u + impulses[start])
    return sorted(events.items())


def continuous_sparsity(slack=0, margin=0, closed: bool = False) -> Induction:
    """Continuous T3: IF^M at its event times against any finite competitor train in the open
    ball (``closed``: in the closed ball, a wrong variant), with the forward invariant of T3."""
    return _cheaper(event_competitor_model(closed), slack, margin)


def kernel_error(bound=2, unit: bool = False) -> Induction:
    """Continuous T5 for k(t) = exp(-t/tau): |(h * k)(t_n)| = |u_n - W_n| < bound theta at
    every sample, from |u_n| < theta (T1) and |W_n| < theta (W_n is a running mean of u).
    ``unit`` runs the induction at theta = 1 under the homogeneity obligation (a wrong bound is
    then refuted without a symbolic integer part)."""
    def holds(p, s, m):
        return zabs(s["u"] - s["W"]) < bound * p["theta"]

    return Induction(event_kernel_model(), Always(holds),
                     lambda p, s, m: [zabs(s["u"]) < p["theta"], zabs(s["W"]) < p["theta"]],
                     unit_threshold=unit)


def abel(boundary=1) -> Induction:
    """Continuous Abel inequality against g of bounded variation: |int h g| <= A (|g(b)| + Var g)
    at every sample point (``boundary`` = 0 forgets the boundary term, a wrong variant); the
    induction runs at A = 1 under the homogeneity obligation (A is the model's ``theta``)."""
    import z3

    def holds(p, s, m):
        return zabs(s["I"]) <= p["theta"] * (boundary * zabs(s["gl"]) + s["V"])

    return Induction(abel_model(), Always(holds),
                     lambda p, s, m: [s["I"] == s["H"] * s["gl"] - s["Q"],
                                      z3.Or(s["first"] == 0, s["H"] == 0),
                                      zabs(s["Q"]) <= p["theta"] * s["V"],
                                      zabs(s["H"]) <= p["theta"], s["V"] >= 0],
                     unit_threshold=True)


def once_per_case(value):
    """``value`` computed once for each case: a search calls the property and the sharpness
    ratio on the same case object one after the other, and both need the same (costly) error.
    """
    last = [None, None]  # the last case (kept alive, so its id cannot be reused) and value

    def cached(case):
        if case is not last[0]:
            last[0], last[1] = case, value(case)
        return last[1]
    return cached

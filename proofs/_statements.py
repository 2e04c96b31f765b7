"""The formal statements of the discrete all-N claims, over the engine's encoder models.

Each is an :class:`~ifsod.proof.formal.Induction`: the engine writes base case, inductive step
(and, for norm statements, the pointwise bound and the running maximum) from it, and prints the
LaTeX of the statement from the same formulas.  The threshold is symbolic; the models whose
spike counts are integers run at theta = 1 under the homogeneity obligation the engine adds.
"""

from __future__ import annotations

from ifsod.proof.formal import Always, Induction, NormBelow
from ifsod.proof.models import (
    competitor_model,
    if_model,
    lazy_model,
    lp_model,
    sod_model,
    two_run_model,
)
from ifsod.proof.z3models import zabs


def quantization(leaky: bool = False, bound=1) -> Induction:
    """T1: max_n |R_n| < bound * theta, R the (leaky) running sum of x - IF^M(x)."""
    return Induction(if_model("mod", leaky=leaky),
                     NormBelow(lambda p, s: s["R"], lambda p: bound * p["theta"]),
                     lambda p, s, m: [zabs(s["u"]) < p["theta"], s["R"] == s["u"]])


def quasi_isometry(width=2) -> Induction:
    """T2: max|A| - width theta < max|B| < max|A| + width theta, A = C(g - f),
    B = C(IF^M g - IF^M f)."""
    def holds(p, s, m):
        import z3

        band = width * p["theta"]
        return z3.And(m["B"] < m["A"] + band, m["A"] < m["B"] + band)

    return Induction(two_run_model(),
                     Always(holds, {"A": lambda p, s: s["A"], "B": lambda p, s: s["B"]}),
                     lambda p, s, m: [zabs(s["uf"]) < p["theta"], zabs(s["ug"]) < p["theta"],
                                      s["B"] == s["A"] - (s["ug"] - s["uf"])])


def sparsity(slack=0) -> Induction:
    """T3: IF^M stays in the open ball and costs no more than any lattice competitor in it, at
    every n.

    Invariant: the competitor's running cost exceeds IF^M's by at least the distance between
    their running spike sums (``slack`` > 0 is the wrong variant claiming more)."""
    def holds(p, s, m):
        import z3

        return z3.And(s["cK"] <= s["cJ"], zabs(s["F"] - p["theta"] * s["K"]) < p["theta"])

    def invariant(p, s, m):
        return [zabs(s["F"] - p["theta"] * s["K"]) < p["theta"],
                s["cJ"] - s["cK"] >= zabs(s["J"] - s["K"]) + slack]

    return Induction(competitor_model(), Always(holds), invariant, unit_threshold=True)


def integral_lp(slack=0) -> Induction:
    """T6b: IF^M's integral path lies in the rounded tube and costs no more than any real path
    in it, at every n; so the LP optimum is attained at IF^M's integer vertex."""
    def holds(p, s, m):
        import z3

        return z3.And(s["cK"] <= s["cJ"], zabs(s["F"] - p["theta"] * s["K"]) < p["theta"])

    def invariant(p, s, m):
        return [zabs(s["F"] - p["theta"] * s["K"]) < p["theta"],
                s["cJ"] - s["cK"] >= zabs(s["J"] - s["K"]) + slack]

    return Induction(lp_model(), Always(holds), invariant, unit_threshold=True)


def duality(level_rounding_offset=0) -> Induction:
    """T4: SOD's event equals the IF^M spike on the differences and L_n - y_0 = S_n."""
    def holds(p, s, m):
        import z3

        return z3.And(s["e"] == s["s"], s["L"] - p["y0"] == s["S"])

    return Induction(sod_model(), Always(holds),
                     lambda p, s, m: [s["u"] == s["yp"] - s["L"] + level_rounding_offset,
                                      zabs(s["u"]) < p["theta"]])


def lazy_path(leaky: bool = False, max_leak=1, clip: bool = True) -> Induction:
    """T6c (leak 1) and T6j (leaks in (0, 1]): the lazy path stays in the closed tube and costs
    no more than any competitor path in it, at every n (cost-to-go invariant)."""
    def holds(p, s, m):
        import z3

        return z3.And(s["cV"] <= s["cY"], zabs(s["V"] - s["W"]) <= p["theta"])

    return Induction(lazy_model(leaky, max_leak, clip), Always(holds),
                     lambda p, s, m: [s["cY"] - s["cV"] >= zabs(s["Y"] - s["V"])])

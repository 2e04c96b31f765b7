r"""Two runs side by side, written so that the solvers decide the sharp constants: two IF^M runs
on the lattice of their spike counts (the upper constant of T2), and two SOD senders (T4d).

Examples
--------
>>> from fractions import Fraction
>>> step = {"mf": 0, "rf": Fraction(7, 8), "mg": 1, "rg": 0}
>>> state, = two_count_model().simulate({"theta": Fraction(1)}, [step])
>>> state["Kf"], state["Kg"], state["A"]
(0, 1, Fraction(1, 8))
"""

from __future__ import annotations

from .models import Model, Var, lp_model
from .z3models import Term, trunc


def _moved(p: dict, k: Term, m: Term, r: Term) -> Term:
    """IF^M's count after the step of :func:`ifsod.proof.models.lp_model` (the same split form,
    so that model's ``facts`` prove it is D4's step)."""
    import z3

    zero = z3.IntVal(0)
    state = {"F": z3.RealVal(0), "K": k, "cK": zero, "J": z3.RealVal(0), "cJ": z3.RealVal(0)}
    return lp_model().step(p, state, {"m": m, "r": r, "j": z3.RealVal(0)})["K"]


def two_count_model() -> Model:
    r"""IF^M on two inputs f and g with one threshold, on the lattice of the spike counts (T2).

    Each input is given by its cumulative sums, split as
    :math:`F_n = \theta(m_n + r_n)` with :math:`m_n \in \mathbb{Z}`, :math:`0 \le r_n < 1` (one
    split per real :math:`F_n`, so every input is covered).  IF^M's count moves by
    :math:`\mathrm{trunc}(m_n + r_n - K_{n-1})`, in the split form of
    :func:`ifsod.proof.models.lp_model`, whose ``facts`` prove it is D4's
    :math:`\mathrm{trunc}(v_n/\theta)`, :math:`v_n = F_n - \theta K_{n-1}`, for every theta.
    State: the counts ``Kf``, ``Kg`` and :math:`A_n = F^g_n - F^f_n`; the spike distance is
    :math:`B_n = \theta (K^g_n - K^f_n)`.

    Returns
    -------
    Model
        The model.

    Examples
    --------
    >>> [v.name for v in two_count_model().inputs]
    ['mf', 'rf', 'mg', 'rg']
    """
    def step(p, s, x):
        return {"Kf": _moved(p, s["Kf"], x["mf"], x["rf"]),
                "Kg": _moved(p, s["Kg"], x["mg"], x["rg"]),
                "A": p["theta"] * (x["mg"] + x["rg"] - x["mf"] - x["rf"])}

    def admissible(p, s, x, nxt):
        return [x["rf"] >= 0, x["rf"] < 1, x["rg"] >= 0, x["rg"] < 1]

    def init(p):
        import z3

        return {"Kf": z3.IntVal(0), "Kg": z3.IntVal(0), "A": z3.RealVal(0)}

    def count(name: str, latex: str) -> Var:
        return Var(name, latex, scaled=False, sort="int")

    return Model("two IF^M runs on the count lattice", (Var("theta", r"\theta"),),
                 (count("mf", "m^f"), Var("rf", "r^f", scaled=False),
                  count("mg", "m^g"), Var("rg", "r^g", scaled=False)),
                 (count("Kf", "K^f"), count("Kg", "K^g"), Var("A", "A")),
                 init, step, lambda p: [p["theta"] > 0], admissible, lp_model().facts)


def two_sod_model() -> Model:
    r"""SOD (D5) with step :math:`\Delta` on two signals f and g (T4d).

    Parameters ``f0``, ``g0``: the first samples, which are the initial levels.  State: the
    levels ``Lf``, ``Lg``, the current samples ``yf``, ``yg``, and the differences taken relative
    to the start, :math:`A_n = (g_n - f_n) - (g_0 - f_0)` and
    :math:`B_n = (L^g_n - L^f_n) - (g_0 - f_0)` (the zero-order holds, D6).

    Returns
    -------
    Model
        The model.

    Examples
    --------
    >>> from fractions import Fraction
    >>> params = {"theta": Fraction(1), "f0": Fraction(0), "g0": Fraction(0)}
    >>> state, = two_sod_model().simulate(params, [{"f": Fraction(1, 2), "g": Fraction(3, 2)}])
    >>> state["Lf"], state["Lg"], state["B"]
    (Fraction(0, 1), Fraction(1, 1), Fraction(1, 1))
    """
    def step(p, s, x):
        delta = p["theta"]
        lf = s["Lf"] + delta * trunc((x["f"] - s["Lf"]) / delta)
        lg = s["Lg"] + delta * trunc((x["g"] - s["Lg"]) / delta)
        start = p["g0"] - p["f0"]
        return {"Lf": lf, "Lg": lg, "yf": x["f"], "yg": x["g"],
                "A": x["g"] - x["f"] - start, "B": lg - lf - start}

    def init(p):
        import z3

        zero = z3.RealVal(0)
        return {"Lf": p["f0"], "Lg": p["g0"], "yf": p["f0"], "yg": p["g0"], "A": zero,
                "B": zero}

    def admissible(p, s, x, nxt):
        return []

    return Model("two SOD runs", (Var("theta", r"\Delta"), Var("f0", "f_0"), Var("g0", "g_0")),
                 (Var("f", "f"), Var("g", "g")),
                 (Var("Lf", "L^f"), Var("Lg", "L^g"), Var("yf", "f"), Var("yg", "g"),
                  Var("A", "A"), Var("B", "B")),
                 init, step, lambda p: [p["theta"] > 0], admissible)

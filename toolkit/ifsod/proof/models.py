r"""The encoders as recurrences the engine owns: IF with each reset (D4), leaky IF, SOD (D5),
two IF^M runs side by side (T2), IF^M beside an arbitrary competitor train (T3, T6b), and the
(leaky) lazy path beside an arbitrary competitor path (T6c, T6j).

A :class:`Model` is one step of a recurrence written as z3 terms.
:class:`~ifsod.proof.Induction` reads it to write base case and inductive step;
:meth:`Model.simulate` runs the same terms on exact numbers, which is how the tests compare
each model with the library's kernel.
Every quantity carries its dimension: ``scaled`` quantities (signals, membranes, levels, costs
in signal units) scale with the threshold, counts and leaks do not; the homogeneity obligation
reads these tags.

Examples
--------
>>> from fractions import Fraction
>>> model = if_model("mod")
>>> [s["s"] for s in model.simulate({"theta": Fraction(1)}, [{"x": Fraction(5, 2)}])]
[Fraction(2, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._validate import check_choice, check_reset
from .latex import to_latex
from .z3models import Term, trunc, zabs


@dataclass(frozen=True)
class Var:
    """A parameter, input or state variable: name, sort (``"real"``/``"int"``), whether it
    scales with the threshold, and its LaTeX.

    Parameters
    ----------
    name : str
        The symbol's name.
    latex : str
        Its LaTeX.
    scaled : bool
        Whether it scales with the threshold.
    sort : {"real", "int"}
        Its z3 sort.

    Examples
    --------
    >>> Var("k", "k", scaled=False, sort="int").symbol().sort()
    Int
    """

    name: str
    latex: str
    scaled: bool = True
    sort: str = "real"

    def symbol(self) -> Term:
        """The variable as a z3 constant of its sort.

        Returns
        -------
        z3.ArithRef
            The z3 constant named ``name``.

        Examples
        --------
        >>> Var("x", "x").symbol()
        x
        """
        import z3

        return z3.Int(self.name) if self.sort == "int" else z3.Real(self.name)


@dataclass(frozen=True)
class Model:
    """One step of a recurrence.

    ``init(p)`` gives the state at n = 0, ``step(p, s, x)`` the state at n from the state at
    n - 1 and the inputs at n, ``assume(p)`` the parameter assumptions and ``admissible(p, s,
    x, s_next)`` the inputs allowed at step n (leaks in (0, 1], a competitor inside the ball).
    ``facts()`` returns obligations proving that a step written in a form the solvers decide
    quickly is the encoder's step of D4; the engine discharges them with the induction.

    Parameters
    ----------
    name : str
        The model's name.
    params, inputs, state : tuple of Var
        Its parameters, inputs per step and state.
    init, step, assume, admissible, facts : callable
        As described above.

    Examples
    --------
    >>> model = if_model("mod")
    >>> model.name, [v.name for v in model.state]
    ('IF^mod', ['u', 's', 'R'])
    """

    name: str
    params: tuple[Var, ...]
    inputs: tuple[Var, ...]
    state: tuple[Var, ...]
    init: Callable[[dict], dict]
    step: Callable[[dict, dict, dict], dict]
    assume: Callable[[dict], list]
    admissible: Callable[[dict, dict, dict, dict], list]
    facts: Callable[[], list] = list

    def parameters(self, unit: bool = False) -> dict[str, Any]:
        """Parameter symbols; with ``unit`` the threshold is the constant 1.

        Parameters
        ----------
        unit : bool
            Whether theta is 1.

        Returns
        -------
        dict
            Symbols by name.

        Examples
        --------
        >>> if_model().parameters(unit=True)
        {'theta': 1}
        """
        import z3

        return {v.name: (z3.RealVal(1) if unit and v.name == "theta" else v.symbol())
                for v in self.params}

    def symbols(self, group: str) -> dict[str, Any]:
        """The ``"state"`` at n - 1 or the ``"inputs"`` at step n as free symbols.

        Parameters
        ----------
        group : {"state", "inputs"}
            Which variables.

        Returns
        -------
        dict
            z3 constants by variable name.

        Examples
        --------
        >>> if_model().symbols("state"), if_model().symbols("inputs")
        ({'u': u, 's': s, 'R': R}, {'x': x})
        """
        return {v.name: v.symbol() for v in self._group(group)}

    def _group(self, group: str) -> tuple[Var, ...]:
        return {"params": self.params, "inputs": self.inputs, "state": self.state}[
            check_choice(group, "group", ("params", "inputs", "state"))]

    def scale(self, group: str, values: dict, theta: Term) -> dict:
        """``values`` of ``group`` with every scaled variable multiplied by ``theta``: the
        theta-run beside the unit run.  For ``"params"``, ``theta`` is the threshold itself.

        Parameters
        ----------
        group : {"params", "inputs", "state"}
            Which variables ``values`` holds.
        values : dict
            Their values in the unit run, by name.
        theta : z3.ArithRef
            The factor.

        Returns
        -------
        dict
            The values of the theta-run.

        Examples
        --------
        >>> import z3
        >>> t = z3.Real("t")
        >>> if_model().scale("state", {"u": z3.RealVal(1)}, t), if_model().scale(
        ...     "params", {"theta": z3.RealVal(1)}, t)
        ({'u': t*1}, {'theta': t})
        """
        tags = {v.name: v.scaled for v in self._group(group)}
        out = {k: (theta * v if tags[k] else v) for k, v in values.items()}
        if group == "params":
            out["theta"] = theta
        return out

    def names(self) -> dict[str, str]:
        """LaTeX of the symbols: parameters, the state at n - 1, the inputs at n.

        Returns
        -------
        dict
            LaTeX by symbol name.

        Examples
        --------
        >>> if_model().names()["u"]
        'u_{n-1}'
        """
        out = {v.name: v.latex for v in self.params}
        out |= {v.name: f"{v.latex}_{{n-1}}" for v in self.state}
        out |= {v.name: f"{v.latex}_n" for v in self.inputs}
        return out

    def latex(self, p: dict, s: dict, x: dict) -> str:
        """The recurrence, printed from the step and init terms.

        Parameters
        ----------
        p, s, x : dict
            Parameter, state and input symbols.

        Returns
        -------
        str
            The recurrence's LaTeX.

        Examples
        --------
        >>> model = if_model()
        >>> text = model.latex(model.parameters(), model.symbols("state"),
        ...                    model.symbols("inputs"))
        >>> text.startswith("u_n = u_{n-1} + x_n")
        True
        """
        names = self.names()
        nxt, init = self.step(p, s, x), self.init(p)
        steps = ",\\ ".join(f"{v.latex}_n = {to_latex(nxt[v.name], names)}" for v in self.state)
        starts = ",\\ ".join(f"{v.latex}_0 = {to_latex(init[v.name], names)}"
                             for v in self.state)
        allowed = self.admissible(p, s, x, nxt)
        extra = f",\\ {to_latex(_and(allowed), names)}" if allowed else ""
        return f"{steps};\\ {starts}{extra}"

    def simulate(self, params: dict[str, Any], inputs: Sequence[dict[str, Any]]) -> list[dict]:
        """The states at n = 1..N for exact parameter and input values (``Fraction``/``int``),
        by evaluating the model's own terms.

        Parameters
        ----------
        params : dict
            Parameter values by name.
        inputs : sequence of dict
            Input values by name, one dict per step.

        Returns
        -------
        list of dict
            The state after each step.

        Examples
        --------
        >>> from fractions import Fraction
        >>> states = if_model().simulate({"theta": Fraction(1)}, [{"x": Fraction(3, 2)}])
        >>> states[0]["u"], states[0]["s"]
        (Fraction(1, 2), Fraction(1, 1))
        """
        import z3

        p = {v.name: _num(params[v.name], v) for v in self.params}
        state = {k: z3.simplify(t) for k, t in self.init(p).items()}
        out = []
        for row in inputs:
            x = {v.name: _num(row[v.name], v) for v in self.inputs}
            state = {k: z3.simplify(t) for k, t in self.step(p, state, x).items()}
            out.append({k: _value(t) for k, t in state.items()})
        return out


def _and(parts):
    import z3

    return z3.And(*parts)


def _num(value: int | Fraction, var: Var) -> Term:
    import z3

    if var.sort == "int":
        return z3.IntVal(int(value))
    value = Fraction(value)
    return z3.RealVal(f"{value.numerator}/{value.denominator}")


def _value(term):
    from .kinds import z3_value

    return z3_value(term)


def _theta_gt_zero(p):
    return [p["theta"] > 0]


def _no_inputs_constraint(p, s, x, nxt):
    return []


def if_model(reset: str = "mod", leaky: bool = False) -> Model:
    r"""IF (D4) with threshold theta and the given reset; ``leaky`` adds a leak
    :math:`\lambda_n \in (0, 1]` per step (one input per step: irregular sampling).

    State: membrane ``u``, spike ``s`` of the step, and ``R`` the (leaky) running sum of
    ``x - s`` (:math:`R_n = \lambda_n R_{n-1} + x_n - s_n`).

    Parameters
    ----------
    reset : {"mod", "subtract", "zero"}
        The reset rule.
    leaky : bool
        Whether a leak input multiplies the membrane.

    Returns
    -------
    Model
        The IF model (its name says which variant).

    Examples
    --------
    >>> if_model("zero", leaky=True).name
    'IF^zero leaky'
    """
    check_reset(reset)

    def step(p, s, x):
        import z3

        theta = p["theta"]
        lam = x["lam"] if leaky else None
        v = (lam * s["u"] if leaky else s["u"]) + x["x"]
        if reset == "mod":
            spike = theta * trunc(v / theta)
            u = v - spike
        else:
            spike = z3.If(v >= theta, theta, z3.If(v <= -theta, -theta, z3.RealVal(0)))
            u = v - spike if reset == "subtract" else z3.If(spike == 0, v, z3.RealVal(0))
        return {"u": u, "s": spike, "R": (lam * s["R"] if leaky else s["R"]) + x["x"] - spike}

    def admissible(p, s, x, nxt):
        return [x["lam"] > 0, x["lam"] <= 1] if leaky else []

    inputs = (Var("x", "x"),) + ((Var("lam", r"\lambda", scaled=False),) if leaky else ())
    return Model(f"IF^{reset}" + (" leaky" if leaky else ""), (Var("theta", r"\theta"),),
                 inputs, (Var("u", "u"), Var("s", "s"), Var("R", "R")),
                 lambda p: {"u": _zero(), "s": _zero(), "R": _zero()}, step, _theta_gt_zero,
                 admissible)


def _zero():
    import z3

    return z3.RealVal(0)


def sod_model() -> Model:
    r"""SOD (D5) with step ``theta`` (:math:`\Delta`) and first sample ``y0``, beside IF^M on
    the differences :math:`y_n - y_{n-1}`.

    State: level ``L``, SOD event ``e``, previous sample ``yp``, IF^M membrane ``u``, spike
    ``s`` and cumulative spikes ``S``.

    Returns
    -------
    Model
        The SOD model.

    Examples
    --------
    >>> sod_model().params[1]
    Var(name='y0', latex='y_0', scaled=True, sort='real')
    """
    def step(p, s, x):
        delta, y = p["theta"], x["y"]
        event = delta * trunc((y - s["L"]) / delta)
        v = s["u"] + (y - s["yp"])
        spike = delta * trunc(v / delta)
        return {"L": s["L"] + event, "e": event, "yp": y, "u": v - spike, "s": spike,
                "S": s["S"] + spike}

    return Model("SOD beside IF^M(Dy)", (Var("theta", r"\Delta"), Var("y0", "y_0")),
                 (Var("y", "y"),),
                 (Var("L", "L"), Var("e", "e"), Var("yp", r"y^{-}"), Var("u", "u"),
                  Var("s", "s"), Var("S", "S")),
                 lambda p: {"L": p["y0"], "e": _zero(), "yp": p["y0"], "u": _zero(),
                            "s": _zero(), "S": _zero()},
                 step, _theta_gt_zero, _no_inputs_constraint)


def two_run_model() -> Model:
    r"""IF^M on two inputs f and g with one threshold (T2).

    State: membranes ``uf``, ``ug``, :math:`A_n = \sum_{k\le n}(g_k - f_k)` and
    :math:`B_n = \sum_{k\le n}(s^g_k - s^f_k)`.

    Returns
    -------
    Model
        The two-run model.

    Examples
    --------
    >>> sorted(two_run_model().init({})) == ["A", "B", "uf", "ug"]
    True
    """
    def step(p, s, x):
        theta = p["theta"]
        vf, vg = s["uf"] + x["f"], s["ug"] + x["g"]
        sf, sg = theta * trunc(vf / theta), theta * trunc(vg / theta)
        return {"uf": vf - sf, "ug": vg - sg, "A": s["A"] + x["g"] - x["f"],
                "B": s["B"] + sg - sf}

    return Model("two IF^M runs", (Var("theta", r"\theta"),), (Var("f", "f"), Var("g", "g")),
                 (Var("uf", "u^f"), Var("ug", "u^g"), Var("A", "A"), Var("B", "B")),
                 lambda p: {k: _zero() for k in ("uf", "ug", "A", "B")}, step, _theta_gt_zero,
                 _no_inputs_constraint)


def competitor_model(lattice: bool = True) -> Model:
    r"""IF^M beside an arbitrary competitor (T3, T6b), counts in units of theta.

    Inputs: the sample ``x`` and the competitor's step ``j`` (an integer spike count when
    ``lattice``, else a real increment of its path in units of theta).  State: cumulative input
    ``F``, IF^M's cumulative count ``K`` and cost ``cK`` (spikes fired, integers), the competitor's
    cumulative ``J`` and cost ``cJ`` (its l1 norm over theta).  Admissible: the competitor stays
    in the open ball :math:`|F_n - \theta J_n| < \theta` (``lattice``), or in the closed tube
    rounded to the grid :math:`\lfloor F_n/\theta\rfloor \le J_n \le \lceil F_n/\theta\rceil`
    (the LP of T6b).

    Parameters
    ----------
    lattice : bool
        Whether the competitor's counts are integers.

    Returns
    -------
    Model
        The competitor model.

    Examples
    --------
    >>> [v.name for v in competitor_model().inputs]
    ['x', 'j']
    """
    sort = "int" if lattice else "real"

    def step(p, s, x):
        import z3

        theta = p["theta"]
        k = trunc((s["F"] - theta * s["K"] + x["x"]) / theta)
        j = x["j"]
        k = k.children()[0] if z3.is_to_real(k) else z3.ToInt(k)
        return {"F": s["F"] + x["x"], "K": s["K"] + k, "cK": s["cK"] + zabs(k),
                "J": s["J"] + j, "cJ": s["cJ"] + zabs(j)}

    def admissible(p, s, x, nxt):
        import z3

        theta = p["theta"]
        if lattice:
            return [zabs(nxt["F"] - theta * nxt["J"]) < theta]
        low = z3.ToReal(z3.ToInt(nxt["F"] / theta))
        high = -z3.ToReal(z3.ToInt(-nxt["F"] / theta))
        return [low <= nxt["J"], nxt["J"] <= high]

    return Model("IF^M beside a competitor" + ("" if lattice else " path"),
                 (Var("theta", r"\theta"),),
                 (Var("x", "x"), Var("j", "j", scaled=False, sort=sort)),
                 (Var("F", "F"), Var("K", "K", scaled=False, sort="int"),
                  Var("cK", "c^K", scaled=False, sort="int"), Var("J", "J", scaled=False,
                                                                 sort=sort),
                  Var("cJ", "c^J", scaled=False, sort=sort)),
                 lambda p: {"F": _zero(), "K": _count(0, True), "cK": _count(0, True),
                            "J": _count(0, lattice), "cJ": _count(0, lattice)},
                 step, _theta_gt_zero, admissible)


def _count(value: int, lattice: bool) -> Term:
    import z3

    return z3.IntVal(value) if lattice else z3.RealVal(value)


def lp_model() -> Model:
    r"""IF^M beside a real path in the tube rounded to the grid (the LP of T6b), counts in units
    of theta.

    The input is given by its cumulative sums split as :math:`F_n = \theta(m_n + r_n)` with
    :math:`m_n \in \mathbb{Z}`, :math:`0 \le r_n < 1` (one split per real :math:`F_n`, so
    every input is covered), and the competitor's increment ``j`` (real).  IF^M's count moves by
    :math:`k_n = \mathrm{trunc}(m_n + r_n - K_{n-1}) = m_n - K_{n-1} + [m_n < K_{n-1},\ r_n >
    0]`; the two ``facts`` prove this form is D4's :math:`\mathrm{trunc}(v_n/\theta)` with
    :math:`v_n = F_n - \theta K_{n-1}` for every theta.  Admissible: the competitor stays in
    :math:`[\lfloor F_n/\theta\rfloor, \lceil F_n/\theta\rceil] = [m_n, m_n + [r_n > 0]]`.

    Returns
    -------
    Model
        The LP model.

    Examples
    --------
    >>> lp_model().name
    'IF^M beside a path in the rounded tube'
    """
    def count(s, x):
        import z3

        m, r, k_prev = x["m"], x["r"], s["K"]
        return (m - k_prev) + z3.If(z3.And(m - k_prev < 0, r > 0), 1, 0)

    def step(p, s, x):
        k = count(s, x)
        return {"F": p["theta"] * (x["m"] + x["r"]), "K": s["K"] + k, "cK": s["cK"] + zabs(k),
                "J": s["J"] + x["j"], "cJ": s["cJ"] + zabs(x["j"])}

    def admissible(p, s, x, nxt):
        import z3

        return [x["r"] >= 0, x["r"] < 1, x["m"] <= nxt["J"],
                nxt["J"] <= x["m"] + z3.If(x["r"] > 0, 1, 0)]

    def facts():
        import z3

        from .formal import Obligation

        theta, r = z3.Real("theta"), z3.Real("r")
        m, k_prev = z3.Int("m"), z3.Int("K")
        membrane = theta * (m + r) - theta * k_prev
        return [
            Obligation("model (integer part argument)", "v_n / theta = m_n + r_n - K_{n-1}",
                       (theta > 0,), (), membrane / theta == m + r - k_prev, ("theta",),
                       wrong_conclusion=membrane / theta == m + r),
            Obligation("model (split form)", "trunc(m + r - K) = m - K + [m < K, r > 0]",
                       (), (r >= 0, r < 1),
                       trunc(m + r - k_prev) == count({"K": k_prev}, {"m": m, "r": r}),
                       wrong_conclusion=trunc(m + r - k_prev) == m - k_prev),
        ]

    return Model("IF^M beside a path in the rounded tube", (Var("theta", r"\theta"),),
                 (Var("m", "m", scaled=False, sort="int"), Var("r", "r", scaled=False),
                  Var("j", "j", scaled=False)),
                 (Var("F", "F"), Var("K", "K", scaled=False, sort="int"),
                  Var("cK", "c^K", scaled=False, sort="int"), Var("J", "J", scaled=False),
                  Var("cJ", "c^J", scaled=False)),
                 lambda p: {"F": _zero(), "K": _count(0, True), "cK": _count(0, True),
                            "J": _zero(), "cJ": _zero()},
                 step, _theta_gt_zero, admissible, facts)


def lazy_model(leaky: bool = False, max_leak: int | Fraction = 1, pull: bool = True) -> Model:
    r"""The (leaky) lazy path beside an arbitrary competitor path (T6c, T6j).

    Inputs: sample ``x``, leak ``lam`` in (0, 1] (``leaky``), the competitor's value ``y``.
    State: :math:`W_n = \lambda_n W_{n-1} + x_n`, the lazy path
    :math:`V_n = \mathrm{clip}(\lambda_n V_{n-1}, W_n - \theta, W_n + \theta)`, the competitor
    ``Y`` and both costs :math:`\sum|V_n - \lambda_n V_{n-1}|`, :math:`\sum|Y_n - \lambda_n
    Y_{n-1}|`.  Admissible: the competitor stays in the closed tube :math:`|Y_n - W_n| \le
    \theta`.  ``max_leak`` > 1 and ``pull=False`` (clip :math:`V_{n-1}` instead of
    :math:`\lambda_n V_{n-1}`) are wrong variants.

    Parameters
    ----------
    leaky : bool
        Whether a leak input multiplies the previous values.
    max_leak : int or Fraction
        The largest leak allowed (above 1 for a wrong variant).
    pull : bool
        Whether the path clips the leaked previous value (``False`` for a wrong variant).

    Returns
    -------
    Model
        The lazy-path model.

    Examples
    --------
    >>> [v.name for v in lazy_model().state]
    ['W', 'V', 'Y', 'cV', 'cY']
    """
    def step(p, s, x):
        import z3

        theta = p["theta"]
        def lam(v):
            return x["lam"] * v if leaky else v
        w = lam(s["W"]) + x["x"]
        pulled = lam(s["V"])
        start = pulled if pull else s["V"]
        v = z3.If(start < w - theta, w - theta, z3.If(start > w + theta, w + theta, start))
        return {"W": w, "V": v, "Y": x["y"], "cV": s["cV"] + zabs(v - pulled),
                "cY": s["cY"] + zabs(x["y"] - lam(s["Y"]))}

    def admissible(p, s, x, nxt):
        tube = [zabs(x["y"] - nxt["W"]) <= p["theta"]]
        return ([x["lam"] > 0, x["lam"] <= max_leak] if leaky else []) + tube

    inputs = (Var("x", "x"),) + ((Var("lam", r"\lambda", scaled=False),) if leaky else ()) + (
        Var("y", "y"),)
    return Model("lazy path" + (" leaky" if leaky else ""), (Var("theta", r"\theta"),), inputs,
                 (Var("W", "W"), Var("V", "V"), Var("Y", "Y"), Var("cV", "c^V"),
                  Var("cY", "c^Y")),
                 lambda p: {k: _zero() for k in ("W", "V", "Y", "cV", "cY")}, step,
                 _theta_gt_zero, admissible)

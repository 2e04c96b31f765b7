r"""Continuous-time recurrences the engine owns: IF^M sampled at its event times.

A signal :math:`f` of D7 (bounded integrable plus finitely many Diracs of any weight) makes
IF^M fire finitely often on :math:`[0, T]` (T8).  Sample it at times
:math:`t_1 < \dots < t_N` that contain every event of IF^M (any further instants may be
added): on the open piece :math:`(t_{n-1}, t_n)` the membrane
:math:`u(t) = u_{n-1} + \int_{t_{n-1}}^t f` is continuous and fires nothing, so by the
intermediate value theorem :math:`|u(t)| < \theta` there and its left limit at :math:`t_n`
obeys :math:`|u_{n-1} + c_n| \le \theta` with :math:`c_n = \int_{(t_{n-1}, t_n)} f`; at
:math:`t_n` the Dirac :math:`w_n` is added and the reset of D4 acts on
:math:`v_n = u_{n-1} + c_n + w_n`.  A model below reads a piece only through such numbers, so
it covers every signal of D7 whatever the degree of its polynomial pieces; its admissible
inputs contain every event-time sampling of every such signal (they are necessary conditions),
so what the engine proves for all admissible inputs holds for the continuous encoder.  The tests
compare each model with the library's exact event-driven encoder :func:`ifsod.if_events`.

Examples
--------
>>> from fractions import Fraction
>>> model = event_competitor_model()
>>> step = {"c": Fraction(1), "w": Fraction(3, 2), "j": 2}
>>> [s["K"] for s in model.simulate({"theta": Fraction(1)}, [step])]
[2]
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Model, Var, competitor_model
from .z3models import Term, trunc, zabs, zmax


def event_competitor_model(closed: bool = False) -> Model:
    r"""Continuous IF^M beside an arbitrary finite competitor train (continuous T3), counts in
    units of theta.

    The sampling contains the events of IF^M and the spike times of the competitor
    :math:`\eta`, whose primitive :math:`H_\eta` is then :math:`\theta J_{n-1}` on the open
    piece and :math:`\theta J_n` at :math:`t_n`.  Inputs: the continuous increment ``c``, the
    Dirac ``w`` at :math:`t_n` and the competitor's count ``j`` there (an integer).  The step is
    the one of :func:`ifsod.proof.models.competitor_model` on :math:`x_n = c_n + w_n`: IF^M
    fires nothing inside a piece, so at :math:`t_n` it acts on :math:`v_n` as the discrete
    encoder does.  Admissible: the competitor is in the open ball
    :math:`\sup_t |F(t) - H_\eta(t)| < \theta` at the left limit and at :math:`t_n` (the
    supremum ranges over values and one-sided limits, D1); on the open piece
    :math:`F - H_\eta` is continuous, so these are necessary conditions.  That IF^M fires
    nothing before :math:`t_n` (:math:`|u_{n-1} + c_n| \le \theta`) is not needed by the
    proof, so it is not assumed: the model covers every sampling that contains the events.
    ``closed`` (a wrong variant) lets the competitor into the closed ball.

    Parameters
    ----------
    closed : bool
        Whether the competitor may reach distance theta.

    Returns
    -------
    Model
        The model.

    Examples
    --------
    >>> [v.name for v in event_competitor_model().inputs]
    ['c', 'w', 'j']
    """
    base = competitor_model()

    def merged(x):
        return {"x": x["c"] + x["w"], "j": x["j"]}

    def step(p, s, x):
        return base.step(p, s, merged(x))

    def admissible(p, s, x, nxt):
        theta = p["theta"]
        # one atom for both instants: the solvers decide the homogeneity obligation quickly
        distance = zmax([zabs(s["F"] + x["c"] - theta * s["J"]),
                         zabs(nxt["F"] - theta * nxt["J"])])
        return [distance <= theta if closed else distance < theta]

    return Model("continuous IF^M at its events beside a competitor"
                 + (" (closed ball)" if closed else ""), base.params,
                 (Var("c", "c"), Var("w", "w"), Var("j", "j", scaled=False, sort="int")),
                 base.state, base.init, step, base.assume, admissible)


def _fire(p: dict, s: dict, x: dict) -> tuple[Term, Term]:
    """The membrane after t_n and the spike there: the piece's increment and the Dirac added,
    the reset of D4 applied."""
    v = s["u"] + x["c"] + x["w"]
    spike = p["theta"] * trunc(v / p["theta"])
    return v - spike, spike


def _quiet(p: dict, s: dict, x: dict) -> Term:
    """IF^M fires nothing inside the piece: the left limit at t_n is within theta."""
    return zabs(s["u"] + x["c"]) <= p["theta"]


def _zeros(*names: str) -> Callable[[dict], dict]:
    """The initial state with every variable 0."""
    def init(p: dict) -> dict:
        import z3

        return {k: z3.RealVal(0) for k in names}
    return init


def event_kernel_model() -> Model:
    r"""Continuous IF^M with the error filtered by :math:`k(t) = e^{-t/\tau}` (continuous T5).

    With :math:`h = f - IF^M f` the primitive of :math:`h` is the membrane :math:`u`, and
    integration by parts gives the filtered error
    :math:`E(t) = (h * k)(t) = u(t) - W(t)` with
    :math:`W(t) = \int_0^t u(s)\, \tau^{-1} e^{-(t-s)/\tau}\, ds`.  Over a piece of length
    :math:`\Delta_n`, with :math:`\lambda_n = e^{-\Delta_n/\tau} \in (0, 1)`,
    :math:`W_n = \lambda_n W_{n-1} + (1 - \lambda_n) m_n`, where :math:`m_n` is the mean of
    :math:`u` over the piece for the positive weight
    :math:`\tau^{-1} e^{-(t_n - s)/\tau} / (1 - \lambda_n)` of total mass 1; as
    :math:`|u| < \theta` on the open piece, :math:`|m_n| < \theta`.  Inputs: ``c``, ``w`` (as in
    :func:`event_competitor_model`), ``lam`` and ``m``; state: membrane ``u``, spike ``s`` and
    ``W``.  Any instant can be a sample, so a statement at every :math:`t_n` holds at every
    :math:`t`.

    Returns
    -------
    Model
        The model.

    Examples
    --------
    >>> from fractions import Fraction
    >>> step = {"c": Fraction(1, 2), "w": 0, "lam": Fraction(1, 2), "m": Fraction(1, 4)}
    >>> state, = event_kernel_model().simulate({"theta": Fraction(1)}, [step])
    >>> state["u"], state["W"]
    (Fraction(1, 2), Fraction(1, 8))
    """
    def step(p, s, x):
        lam = x["lam"]
        u, spike = _fire(p, s, x)
        return {"u": u, "s": spike, "W": lam * s["W"] + (1 - lam) * x["m"]}

    def admissible(p, s, x, nxt):
        return [_quiet(p, s, x), x["lam"] > 0, x["lam"] < 1, zabs(x["m"]) < p["theta"]]

    return Model("continuous IF^M at its events, filtered by exp(-t/tau)",
                 (Var("theta", r"\theta"),),
                 (Var("c", "c"), Var("w", "w"), Var("lam", r"\lambda", scaled=False),
                  Var("m", "m")),
                 (Var("u", "u"), Var("s", "s"), Var("W", "W")), _zeros("u", "s", "W"), step,
                 lambda p: [p["theta"] > 0], admissible)


def event_filter_model(jumps: bool = True) -> Model:
    r"""Continuous IF^M with the error filtered by a kernel of bounded variation (continuous
    T5e).

    The kernel :math:`k` is right-continuous, of bounded variation on :math:`[0, \infty)` and 0
    before 0, so :math:`k(\tau) = \mu([0, \tau])` for a finite signed measure :math:`\mu = dk`
    (with the atom :math:`k(0)` at 0) of total variation
    :math:`|\mu| = V(k) = |k(0)| + \mathrm{Var}_{[0,\infty)}\, k`.  With :math:`h = f - IF^M f`
    and its primitive :math:`H(r) = \int_{[0, r]} h = u(r)`, the membrane after the reset,
    Fubini gives the filtered error at a time :math:`t` as
    :math:`(h * k)(t) = \int_{[0,t]} h(s)\, \mu([0, t - s])\, ds
    = \int_{[0,t]} u(t - \sigma)\, d\mu(\sigma)`.
    Sample at :math:`0 = t_1 < t_2 < \dots < t_{N-1} = t`, containing every event of IF^M and
    every Dirac of :math:`f` (``c``, ``w`` as in :func:`event_competitor_model`;
    :math:`u_0 = 0` is the membrane before the start), and add a last, empty step
    :math:`t_N = t` (:math:`c_N = w_N = 0`).  Step n reads the piece :math:`(t_{n-1}, t_n]` and
    the part of :math:`\mu` it meets: the atom ``a`` at :math:`\sigma = t - t_{n-1}` (0 for
    n = 1), which meets :math:`u_{n-1}`, and the rest on the open interval
    :math:`\sigma \in (t - t_n, t - t_{n-1})` (atoms inside it included), of total variation
    ``d`` >= 0, which meets :math:`u` on the open piece :math:`(t_{n-1}, t_n)`, where nothing
    fires, so :math:`|u| < \theta` there and :math:`\int u(t - \sigma)\, d\mu = d\, m` with
    :math:`|m| < \theta`.  The last step
    meets the atom :math:`k(0)` at :math:`\sigma = 0` with :math:`u(t) = u_{N-1}`.  State:
    membrane ``u``, the filtered error ``E`` accumulated so far and the variation ``V`` of
    :math:`\mu` met so far, so :math:`E_N = (h * k)(t)` and :math:`V_N \le V(k)`.  Every
    right-continuous kernel of bounded variation is covered (step kernels with any number of
    jumps, piecewise polynomials of any degree, exponentials, kernels with infinitely many
    jumps), for every signal of D7.  ``jumps=False`` (a wrong variant) leaves the atoms out of
    ``V``.

    Parameters
    ----------
    jumps : bool
        Whether the variation counts the atoms (jumps) of the kernel.

    Returns
    -------
    Model
        The model.

    Examples
    --------
    >>> from fractions import Fraction
    >>> first = {"c": 0, "w": Fraction(3, 2), "a": 0, "d": 0, "m": 0}
    >>> last = {"c": 0, "w": 0, "a": Fraction(2), "d": 0, "m": 0}
    >>> [(s["u"], s["E"], s["V"]) for s in event_filter_model().simulate(
    ...     {"theta": Fraction(1)}, [first, last])][-1]
    (Fraction(1, 2), Fraction(1, 1), Fraction(2, 1))
    """
    def step(p, s, x):
        met = x["d"] + (zabs(x["a"]) if jumps else 0)
        return {"u": _fire(p, s, x)[0], "E": s["E"] + x["a"] * s["u"] + x["d"] * x["m"],
                "V": s["V"] + met}

    def admissible(p, s, x, nxt):
        return [_quiet(p, s, x), x["d"] >= 0, zabs(x["m"]) < p["theta"]]

    return Model("continuous IF^M at its events, filtered by a kernel of bounded variation"
                 + ("" if jumps else " (jumps left out of V)"),
                 (Var("theta", r"\theta"),),
                 (Var("c", "c"), Var("w", "w"), Var("a", "a", scaled=False),
                  Var("d", r"\delta", scaled=False), Var("m", "m")),
                 (Var("u", "u"), Var("E", "E"), Var("V", "V", scaled=False)),
                 _zeros("u", "E", "V"), step, lambda p: [p["theta"] > 0], admissible)


def abel_model() -> Model:
    r"""Continuous Abel summation against a function :math:`g` of bounded variation
    (continuous T5a/T5b).

    :math:`h` is locally integrable plus finitely many Diracs (D7).  The model runs on any
    sequence of inputs :math:`h_n`, :math:`g_n` whose partial sums :math:`H_n` obey
    :math:`|H_n| \le A`: its integral is :math:`I_N = \sum_n h_n g_n`, and it is the integral
    :math:`\int_{(a,b]} h g`, with :math:`H(t) = \int_{(a,t]} h`, in two readings.  *Step
    functions*: :math:`g` is constant, :math:`g_n`, on each piece :math:`(t_{n-1}, t_n]` of a
    sampling :math:`a = t_0 < \dots < t_N = b` and :math:`h_n = \int_{(t_{n-1}, t_n]} h`.
    *Any g of bounded variation*: sample at :math:`b` and the Diracs of :math:`h` in
    :math:`(a, b]`; on the open piece :math:`h` is a function, so :math:`g` may be taken
    right-continuous there, and with :math:`\mu = dg` on :math:`(t_{n-1}, t_n]` (its atom at
    :math:`t_n` being :math:`g(t_n) - g(t_n-)`) Fubini gives
    :math:`\int_{(t_{n-1}, t_n]} h g = g(t_n)\, h_n - \int (H(\sigma-) - H_{n-1})\, d\mu(\sigma)`.
    Split :math:`\mu` into its Jordan parts :math:`\pm\mu^\pm` of masses :math:`d^\pm` and means
    :math:`m^\pm = \int H(\sigma-)\, d\mu^\pm / d^\pm`, so :math:`|m^\pm| \le \sup_t |H(t)|`
    (values and one-sided limits, D1).  Each part is read by two pseudo-steps,
    :math:`(m^\pm - H_{n-1}, \ell)` then :math:`(H_{n-1} - m^\pm, \ell \pm d^\pm)`, with
    :math:`\ell` the level reached, starting from :math:`g(t_{n-1}+)` (the jump there meets
    :math:`H_{n-1}`; on the first piece the model counts no jump): :math:`H` visits
    :math:`m^\pm` and comes back while :math:`g` moves by :math:`\pm d^\pm`, which adds
    :math:`\pm(H_{n-1} - m^\pm) d^\pm`, that part's share of the integral; then the piece,
    :math:`(h_n, g(t_n))`.  Every partial sum is a value, a left limit or a mean of
    :math:`H`, so :math:`A = \sup_t|H(t)| \le \|h\|_A` is admissible, and the variation the
    model counts is at most :math:`\mathrm{Var}_{(a,b]}\, g`.  The tests check this reading
    against the exact integral.

    Inputs :math:`h_n`, :math:`g_n`; state: :math:`H_n`, :math:`I_n`, the last value ``gl`` of
    :math:`g`, the variation :math:`V_n = \sum_{k<n} |g_{k+1} - g_k|` and the Abel remainder
    :math:`Q_n = \sum_{k<n} H_k (g_{k+1} - g_k)`; ``first`` is 1 before the first step, when
    :math:`g` has no earlier value to vary from.  The statement is homogeneous in :math:`A`
    (with :math:`h`), so the model names it ``theta``, the parameter the engine may fix to 1
    under its homogeneity obligation.

    Returns
    -------
    Model
        The model.

    Examples
    --------
    >>> from fractions import Fraction
    >>> steps = [{"h": Fraction(1), "g": Fraction(2)}, {"h": Fraction(-1), "g": Fraction(5)}]
    >>> states = abel_model().simulate({"theta": Fraction(1)}, steps)
    >>> states[-1]["I"], states[-1]["V"]
    (Fraction(-3, 1), Fraction(3, 1))
    """
    def step(p, s, x):
        import z3

        h, g = x["h"], x["g"]
        jump = z3.If(s["first"] == 1, z3.RealVal(0), g - s["gl"])
        return {"H": s["H"] + h, "I": s["I"] + h * g, "gl": g, "V": s["V"] + zabs(jump),
                "Q": s["Q"] + s["H"] * jump, "first": z3.RealVal(0)}

    def admissible(p, s, x, nxt):
        return [zabs(nxt["H"]) <= p["theta"]]

    def init(p):
        import z3

        zero = z3.RealVal(0)
        return {"H": zero, "I": zero, "gl": zero, "V": zero, "Q": zero, "first": z3.RealVal(1)}

    return Model("Abel summation against a function of bounded variation", (Var("theta", "A"),),
                 (Var("h", "h"), Var("g", "g", scaled=False)),
                 (Var("H", "H"), Var("I", "I"), Var("gl", "g", scaled=False),
                  Var("V", "V", scaled=False), Var("Q", "Q"),
                  Var("first", r"\mathbb{1}", scaled=False)),
                 init, step, lambda p: [p["theta"] >= 0], admissible)

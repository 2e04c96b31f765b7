"""Continuous-time claims, each for the signal class it states.

T3f, T5g and T5h are formal statements over the engine's continuous-time models
(:mod:`ifsod.proof.event_models`): IF^M sampled at its event times, which reads a signal of D7
(bounded integrable plus finitely many Diracs of any weight, e.g. piecewise polynomials of any
degree) only through its increments between samples; the engine proves them for every N and
every theta.  The others are searches (NO_COUNTEREXAMPLE at best) over piecewise polynomials of
degree <= 2 (at most 4 pieces, rational breakpoints and coefficients) plus at most 3 Diracs of
any weight, encoded by the library's exact event-driven IF^M and SOD.  The bounds are stated
with <=, since in continuous time the supremum of T1 can equal theta as a limit just before a
spike.
"""

from __future__ import annotations

from fractions import Fraction

from ifsod.proof import Always, Claim, Induction, Step, search
from ifsod.proof.event_models import event_filter_model
from ifsod.proof.z3models import zabs

from ._lemmas import abel, continuous_sparsity, kernel_error

CLASS = r"f \in \mathcal{P}_2 + \textstyle\sum_j w_j\delta_{\tau_j}"


def _signals(diracs: bool = True, degree: int = 2):
    """(f, theta): a piecewise polynomial of degree <= ``degree`` plus Diracs, and a
    threshold."""
    from hypothesis import strategies as hs

    from ifsod import Signal

    values = hs.fractions(-3, 3, max_denominator=4)

    def build(durations, coeffs, impulses, theta):
        bps = [Fraction(0)]
        for d in durations:
            bps.append(bps[-1] + d)
        f = Signal.piecewise(bps, coeffs[:len(durations)])
        if impulses:
            f = f + Signal.dirac([t * bps[-1] for t, _ in impulses],
                                 [w for _, w in impulses], (bps[0], bps[-1]))
        return f, theta

    dirac = hs.tuples(hs.fractions(0, 1, max_denominator=8),
                      hs.one_of(values, hs.integers(-10**4, 10**4).map(Fraction)))
    return hs.builds(build,
                     hs.lists(hs.fractions(Fraction(1, 4), 2, max_denominator=4), min_size=1,
                              max_size=4),
                     hs.lists(hs.lists(values, min_size=1, max_size=degree + 1), min_size=4,
                              max_size=4),
                     hs.lists(dirac, max_size=3 if diracs else 0),
                     hs.fractions(Fraction(1, 4), 2, max_denominator=4))


def quantization(factor=Fraction(1)):
    """sup_t |F(t) - S(t)| <= factor * theta for IF^M in continuous time."""
    from ifsod import if_events

    def ratio(case):
        f, theta = case
        return if_events(f, theta).alexiewicz_distance(f) / theta

    return search(lambda case: ratio(case) <= factor, _signals, max_examples=20,
                  quick_examples=6, ratio=ratio, names=("f", "theta"))


def leaky_quantization(factor=1.0, tolerance=1e-9):
    """sup_t |int_0^t e^{-alpha (t - s)} (f - IF^M f)(s) ds| <= factor * theta (1 + 1e-9):
    the library's leaky event-driven IF^M, float mode (its leaky norm is float only)."""
    from ifsod import if_events

    def ratio(case):
        (f, theta), rate = case
        g = _as_float(f)
        train = if_events(g, float(theta), leak_rate=float(rate))
        return (g - train.to_signal()).alexiewicz_norm(leak_rate=float(rate)) / float(theta)

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(_signals(), hs.fractions(Fraction(1, 8), 2, max_denominator=8))
    return search(lambda case: ratio(case) <= factor * (1 + tolerance), cases, max_examples=15,
                  quick_examples=5, ratio=ratio)


def _as_float(f):
    """The float-mode copy of an exact signal (breakpoints, coefficients, Diracs)."""
    from ifsod import Signal

    bps = [float(b) for b in f.breakpoints]
    coeffs = [[float(c) for c in piece] for piece in f.coefficients]
    out = Signal.piecewise(bps, coeffs)
    if f.diracs:
        out = out + Signal.dirac([float(t) for t, _ in f.diracs],
                                 [float(w) for _, w in f.diracs], (bps[0], bps[-1]))
    return out


def _primitive_at(big_f, s, side: str):
    """The primitive at ``s`` from the ``side`` ("left" or "right"), 0 before the start."""
    start, _ = big_f.t_range
    if s < start or (s == start and side == "left"):
        return Fraction(0)
    return big_f(s) if side == "right" else big_f.limit(s, "left")


def box_bound(factor=Fraction(2)):
    """sup_t |((f - IF^M f) * box_w)(t)| <= factor * theta / w, box_w = 1_[0, w) / w.

    For piecewise-constant f plus Diracs the primitive H of f - IF^M f is piecewise linear, so
    t -> H(t) - H(t - w) is too, and its supremum is attained (or approached) at the
    breakpoints t = b and t = b + w: the check is exact on this class."""
    from ifsod import if_events

    def ratio(case):
        (f, theta), w = case
        big_f = (f - if_events(f, theta).to_signal()).primitive()
        start, end = big_f.t_range
        times = {t for b in big_f.breakpoints for t in (b, b + w) if start <= t <= end}
        worst = max(abs(_primitive_at(big_f, t, side) - _primitive_at(big_f, t - w, side))
                    for t in times for side in ("left", "right")
                    if side == "right" or t > start)
        return worst / (factor * theta)

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(_signals(degree=0), hs.fractions(Fraction(1, 4), 2, max_denominator=4))
    return search(lambda case: ratio(case) <= 1, cases, max_examples=40, quick_examples=10,
                  ratio=ratio)


def _same_range():
    """(f, g, theta) on the same interval: g is f plus a second drawn signal on f's range."""
    from hypothesis import strategies as hs

    from ifsod import Signal

    def shift(case, c):
        f, theta = case
        lo, hi = f.t_range
        return f, f + Signal.piecewise([lo, hi], [[c, -c]]), theta

    return hs.builds(shift, _signals(), hs.fractions(-5, 5, max_denominator=4))


def quasi_isometry(width=2):
    """| ||IF(g) - IF(f)||_A - ||g - f||_A | <= width theta in continuous time."""
    from ifsod import if_events

    def ratio(case):
        f, g, theta = case
        spikes = if_events(g, theta).alexiewicz_distance(if_events(f, theta))
        return abs(spikes - (g - f).alexiewicz_norm()) / (width * theta)

    return search(lambda case: ratio(case) <= 1, _same_range, max_examples=15,
                  quick_examples=5, ratio=ratio, names=("f", "g", "theta"))


def sod_duality(scale=Fraction(1)):
    """sod_events(y, Delta) = if_events(Dy, scale * Delta) (same instants and weights) for
    piecewise polynomials y, jumps included (no Diracs in y: Dy would need delta')."""
    from ifsod import if_events, sod_events

    def prop(case):
        y, delta = case
        sod, spikes = sod_events(y, delta), if_events(y.derivative(), scale * delta)
        return (tuple(sod.times), tuple(sod.weights)) == (tuple(spikes.times),
                                                          tuple(spikes.weights))
    return search(prop, lambda: _signals(diracs=False), max_examples=40, quick_examples=10)


def kernel_bound(factor=1, jumps: bool = True, unit: bool = False) -> Induction:
    """Continuous T5e: |((f - IF^M f) * k)(t)| <= theta V(k) for every right-continuous kernel
    k of bounded variation; the model accumulates the error E and the variation V of dk met so
    far, and |E_n| <= factor theta V_n at every sample (``factor`` < 1 or ``jumps=False``, the
    kernel's jumps left out of V, are wrong variants).  The invariant adds |u_n| < theta (T1);
    ``unit`` runs the induction at theta = 1 under the homogeneity obligation (a wrong variant
    is then refuted without a symbolic integer part)."""
    def holds(p, s, m):
        return zabs(s["E"]) <= factor * p["theta"] * s["V"]

    return Induction(event_filter_model(jumps), Always(holds),
                     lambda p, s, m: [zabs(s["u"]) < p["theta"]], unit_threshold=unit)


CLAIMS = [
    Claim("T1h", rf"\sup_t |F(t) - S(t)| \le \theta,\quad {CLASS}", "P",
          [Step("library if_events, exact, signal class above", quantization())],
          short="continuous T1 (<= theta) on piecewise quadratics + Diracs"),
    Claim("T1i", rf"\sup_t \left|\int_0^t e^{{-\alpha(t-s)}}(f - IF^M f)\right| \le \theta,"
          rf"\quad {CLASS}", "C",
          [Step("library leaky if_events, float mode (relative tolerance 1e-9)",
                leaky_quantization())],
          short="continuous leaky T1 (<= theta), float mode"),
    Claim("T5f", r"\sup_t \left|((f - IF^M f) * \tfrac1w 1_{[0,w)})(t)\right| \le "
          r"2\theta/w,\quad f \in \mathcal{P}_0 + \textstyle\sum_j w_j\delta_{\tau_j}", "D",
          [Step("library if_events, exact sup over the breakpoints (piecewise-constant f)",
                box_bound())],
          short="continuous box kernel: error <= 2 theta / w"),
    Claim("T2c", rf"\big|\|IF^M g - IF^M f\|_A - \|g - f\|_A\big| \le 2\theta,\quad {CLASS}",
          "P", [Step("library if_events, exact, g = f + a linear piece", quasi_isometry())],
          short="continuous T2 (<= 2 theta) on piecewise quadratics + Diracs"),
    Claim("T4e", r"SOD_\Delta(y) = IF^M_\Delta(Dy),\quad y \in \mathcal{P}_2 "
          r"\text{ with jumps}", "P",
          [Step("library sod_events = if_events of the distributional derivative",
                sod_duality())],
          short="continuous T4: SOD = IF^M(Dy)"),
]

CLAIMS += [
    Claim("T3f", continuous_sparsity(), "P",
          short="continuous T3 on D7: IF^M has the fewest spikes among trains in the open "
                "ball"),
    Claim("T5g", abel(), "P",
          short="continuous Abel inequality: h in D7, g of bounded variation"),
    Claim("T5h", kernel_error(), "D",
          short="continuous exponential kernel on D7: error < 2 theta"),
    Claim("T5i", kernel_bound(), "D",
          short="continuous kernel bound on D7: error <= theta V(k), k right-continuous of "
                "bounded variation"),
]

MUTANTS = [
    Claim("T3f~closed", continuous_sparsity(closed=True), "D", expected=False,
          short="continuous T3 against competitors in the closed ball"),
    Claim("T3f~fewer", continuous_sparsity(margin=1), "D", expected=False,
          short="continuous T3 with IF^M one spike cheaper than every competitor"),
    Claim("T5g~boundary", abel(boundary=0), "D", expected=False,
          short="continuous Abel without the boundary term |g(b)|"),
    Claim("T5h~one", kernel_error(bound=1, unit=True), "D", expected=False,
          short="continuous exponential kernel: error < theta"),
    Claim("T5i~half", kernel_bound(factor=Fraction(1, 2)), "D", expected=False,
          short="continuous kernel bound with theta V(k) / 2"),
    Claim("T5i~jumps", kernel_bound(jumps=False, unit=True), "D", expected=False,
          short="continuous kernel bound with the kernel's jumps left out of V(k)"),
    Claim("T5f~w", r"\sup_t |((f - IF^M f) * \text{box}_w)(t)| \le \theta/w", "D",
          [Step("bound theta/w", box_bound(Fraction(1)))], expected=False),
    Claim("T1i~half", r"\text{continuous leaky T1 with } \theta/2", "D",
          [Step("bound theta/2", leaky_quantization(0.5))], expected=False),
    Claim("T1h~half", r"\sup_t |F(t) - S(t)| \le \theta/2", "D",
          [Step("bound theta/2", quantization(Fraction(1, 2)))], expected=False),
    Claim("T2c~quarter", r"\text{continuous T2 with } \theta/4", "D",
          [Step("width theta / 4", quasi_isometry(width=Fraction(1, 4)))], expected=False),
    Claim("T4e~delta", r"SOD_\Delta(y) = IF^M_{2\Delta}(Dy)", "D",
          [Step("threshold doubled", sod_duality(Fraction(2)))], expected=False),
]

"""T2 Quasi-isometry: ||g - f||_A - 2 theta < ||IF^M(g) - IF^M(f)||_A < ||g - f||_A + 2 theta."""

from __future__ import annotations

from fractions import Fraction

from ifsod import alexiewicz_distance, if_encode
from ifsod.proof import Claim, Step, bounded, search, smt
from ifsod.proof import strategies as st
from ifsod.proof.z3models import anorm, if_train, reals, vector, zabs

from ._lemmas import once_per_case, quasi_isometry, sharp_quasi_isometry


def pointwise(width=2):
    """|u_g|, |u_f| < 1, C(s_g - s_f)_n = C(g - f)_n - (u_g - u_f)  ==>  within +-width."""
    def build():
        import z3

        d, ug, uf = z3.Reals("D u_g u_f")
        spikes = d - (ug - uf)
        return z3.Implies(z3.And(zabs(ug) < 1, zabs(uf) < 1),
                          z3.And(zabs(spikes) < zabs(d) + width, zabs(spikes) > zabs(d) - width))
    return smt(build)


def _diff(a, b):
    return [p - q for p, q in zip(a, b, strict=True)]


def whole(width=2, n_max: int = 4, quick_n_max: int = 2):
    """For all f, g in R^N: both T2 inequalities (theta = 1)."""
    def build(n):
        import z3

        f, g = reals("f", n), reals("g", n)
        spikes = anorm(_diff(if_train(g), if_train(f)))
        signal = anorm(_diff(g, f))
        return z3.And(spikes < signal + width, spikes > signal - width)

    def oracle(cex):
        f, g = vector(cex, "f"), vector(cex, "g")
        one = Fraction(1)
        spikes = alexiewicz_distance(if_encode(g, one), if_encode(f, one))
        signal = alexiewicz_distance(g, f)
        return signal - width < spikes < signal + width
    return bounded(build, n_max, quick_n_max=quick_n_max, oracle=oracle)


def _pairs():
    from hypothesis import strategies as hs

    return hs.tuples(st.aligned(1, 10, st.sample(), st.sample()), st.threshold()).map(
        lambda drawn: (*drawn[0], drawn[1]))


def library(width=2):
    """The library encoder: both T2 inequalities; the tightest instance is the largest
    |spike distance - signal distance| / (width theta)."""
    @once_per_case
    def gap(case):
        f, g, theta = case
        spikes = alexiewicz_distance(if_encode(g, theta), if_encode(f, theta))
        return abs(spikes - alexiewicz_distance(g, f)) / (width * theta)
    return search(lambda case: gap(case) < 1, _pairs, max_examples=120, ratio=gap,
                  names=("f", "g", "theta"))


def upper_gap(constant=1):
    """The library encoder: max|B| - max|A| < constant * theta (the sharp upper side of T2);
    the tightest instance is the largest (max|B| - max|A|) / (constant theta)."""
    @once_per_case
    def gap(case):
        f, g, theta = case
        spikes = alexiewicz_distance(if_encode(g, theta), if_encode(f, theta))
        return (spikes - alexiewicz_distance(g, f)) / (constant * theta)
    return search(lambda case: gap(case) < 1, _pairs, max_examples=150, ratio=gap,
                  names=("f", "g", "theta"))


def perturbation_pointwise():
    """|u_1| < 1, |u_2| < theta_2  ==>  |C(s_1 - s_2)_n| = |u_2 - u_1| < 1 + theta_2."""
    def build():
        import z3

        u1, u2, t2 = z3.Reals("u_1 u_2 theta_2")
        return z3.Implies(z3.And(zabs(u1) < 1, zabs(u2) < t2), zabs(u2 - u1) < 1 + t2)
    return smt(build)


def perturbation_library(bound=lambda t1, t2: t1 + t2):
    def prop(case):
        x, t1, t2 = case
        return alexiewicz_distance(if_encode(x, t1), if_encode(x, t2)) < bound(t1, t2)

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(st.signal(), st.threshold(), st.threshold())
    return search(prop, cases, max_examples=300)


CLAIMS = [
    Claim("T2a", quasi_isometry(), "P", [
        Step(r"pointwise: $C(s_g - s_f)_n = C(g-f)_n - (u^g_n - u^f_n)$ with "
             r"$|u^g_n|, |u^f_n| < \theta$ (T1)", pointwise(), role="corroboration"),
        Step("whole sequences f, g in R^N", whole(), role="corroboration"),
        Step("library encoder, exact arithmetic, random thresholds", library(),
             role="corroboration")],
        short="IF^M is a 2 theta quasi-isometry in ||.||_A"),
    Claim("T2d", sharp_quasi_isometry(), "D", [
        Step("library encoder, exact arithmetic: max|B| - max|A| < theta", upper_gap(),
             role="corroboration")],
        short="T2 with the sharp upper constant theta (the paper states 2 theta)"),
    Claim("T2b", r"\|IF^M_{\theta_1}(x) - IF^M_{\theta_2}(x)\|_A < \theta_1 + \theta_2", "C", [
        Step(r"pointwise: $C(s^1 - s^2)_n = u^2_n - u^1_n$ (T1 for both thresholds)",
             perturbation_pointwise()),
        Step("library encoder at two thresholds", perturbation_library(),
             role="corroboration")],
        short="threshold perturbation < theta1 + theta2"),
]

MUTANTS = [
    Claim("T2d~upper", sharp_quasi_isometry(upper=Fraction(7, 8)), "D", expected=False,
          short="T2 with the upper constant 7/8 theta"),
    Claim("T2a~formal-theta", quasi_isometry(width=1), "D", expected=False,
          short="T2 with 1 theta (the engine's obligations)"),
    Claim("T2a~theta", r"\text{T2 with } 1\theta", "D",
          [Step("whole sequences, width theta", whole(width=1))], expected=False),
    Claim("T2a~search", r"\text{T2 with } 1\theta", "D",
          [Step("library, width theta", library(width=1))], expected=False),
    Claim("T2b~one", r"\|IF^M_{\theta_1}(x) - IF^M_{\theta_2}(x)\|_A < \theta_1",
          "D", [Step("library, bound theta1", perturbation_library(lambda t1, t2: t1))],
          expected=False),
]

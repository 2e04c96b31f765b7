"""T1 Quantization: ||IF^M_theta(f) - f||_A < theta, discrete, leaky and continuous-time.

z3 checks use theta = 1 (every statement is homogeneous in theta); ``search`` checks run the
library's exact encoder on Fraction input with random thresholds.
"""

from __future__ import annotations

from fractions import Fraction

from ifsod import alexiewicz_distance, alexiewicz_norm, if_encode
from ifsod.proof import Claim, Step, bounded, identity, search, smt
from ifsod.proof import strategies as st
from ifsod.proof.z3models import anorm, if_train, reals, trunc, vector, zabs, zmax

from ._lemmas import once_per_case, quantization


def one_step(bound=1):
    """|u| < 1 and v = u + x  ==>  |v - trunc(v)| < bound and u' - u = x - s."""
    def build():
        import z3

        u, x = z3.Reals("u x")
        s = trunc(u + x)
        return z3.Implies(zabs(u) < 1, z3.And(zabs(u + x - s) < bound,
                                              (u + x - s) - u == x - s))
    return smt(build)


def residual_below(reset: str, bound=1, n_max: int = 6, quick_n_max: int = 3):
    """For all x in R^N (N <= N_max): ||x - IF(x)||_A < bound (theta = 1)."""
    def build(n):
        xs = reals("x", n)
        return anorm([x - s for x, s in zip(xs, if_train(xs, reset), strict=True)]) < bound

    def oracle(cex):
        x = vector(cex, "x")
        return alexiewicz_distance(x, if_encode(x, Fraction(1), reset=reset)) < bound
    return bounded(build, n_max, quick_n_max=quick_n_max, oracle=oracle)


def library_residual(reset: str, factor=Fraction(1), max_examples: int = 300):
    """The library's exact encoder: ||x - IF_theta(x)||_A < factor * theta (exhaustive
    boundary grid, then boundary-targeted draws; the largest ratio error / (factor theta) is
    reported as the tightest instance)."""
    @once_per_case
    def error(case):
        x, theta = case
        return alexiewicz_distance(x, if_encode(x, theta, reset=reset))

    def cases():
        from hypothesis import strategies as hs

        return hs.one_of(hs.tuples(st.signal(), st.threshold()), st.signal_and_threshold())
    return search(lambda case: error(case) < factor * case[1], cases,
                  max_examples=max_examples, grid=st.boundary_grid,
                  ratio=lambda case: error(case) / (factor * case[1]), names=("x", "theta"))


def leaky_library(factor=Fraction(1)):
    def prop(case):
        x, leaks = case
        s = if_encode(x, Fraction(1), leak=leaks)
        return alexiewicz_norm([a - b for a, b in zip(x, s, strict=True)], leak=leaks) < factor
    return search(prop, st.signal_and_leaks, max_examples=120)


def dirac_errors(reset: str, value: Fraction):
    """The A-error of IF with ``reset`` on the single Dirac 2.5 theta (theta = 1) equals value."""
    def build():
        import sympy

        x = [Fraction(5, 2)]
        err = alexiewicz_distance(x, if_encode(x, Fraction(1), reset=reset))
        return sympy.Rational(err.numerator, err.denominator), sympy.Rational(
            value.numerator, value.denominator)
    return identity(build)


def piece_identity():
    """Between events the membrane is the residual: F(t) - S_k = u_k + int_{t_k}^t f."""
    def build():
        import sympy

        a, b, t, tk, fk, sk = sympy.symbols("a b t t_k F_k S_k", real=True)
        s = sympy.Symbol("s", real=True)
        f = a + b * s
        residual = fk + sympy.integrate(f, (s, tk, t)) - sk
        membrane = (fk - sk) + a * (t - tk) + b * (t**2 - tk**2) / 2
        return residual, membrane
    return identity(build)


def piece_maximum(with_vertex: bool = True):
    """On a piece with f = a + b s, |u| on [0, t] is at most its value at 0, t or the vertex."""
    def build():
        import z3

        u0, a, b, t, lam = z3.Reals("u0 a b t lam")

        def u(r):
            return u0 + a * r + b * r * r / 2
        vertex_time = z3.If(b == 0, 0, -a / b)
        candidates = [zabs(u0), zabs(u(t))]
        if with_vertex:
            candidates.append(z3.If(z3.And(b != 0, vertex_time >= 0, vertex_time <= t),
                                    zabs(u(vertex_time)), 0))
        return z3.Implies(z3.And(t >= 0, lam >= 0, lam <= 1), zabs(u(lam * t)) <= zmax(candidates))
    return smt(build)


def event_resets():
    """At a crossing (|u| = 1) the mod reset leaves 0; after a Dirac w, |u + w - trunc| < 1."""
    def build():
        import z3

        u, w = z3.Reals("u w")
        return z3.And(z3.Implies(zabs(u) == 1, u - trunc(u) == 0),
                      z3.Implies(zabs(u) < 1, zabs(u + w - trunc(u + w)) < 1))
    return smt(build)


def strict_sup():
    """sup_{0<=t<1} |u(t)| < theta for u(t) = t (f = 1 up to the spike at t = 1): false."""
    def build():
        import z3

        c, t = z3.Reals("c t")
        below = z3.ForAll([t], z3.Implies(z3.And(t >= 0, t < 1), t <= c))
        return z3.Implies(below, c < 1)
    return smt(build)


_T1_STEPS = [
    Step(r"whole sequences: $\|x - IF^M(x)\|_A < \theta$ for every real $x$",
         residual_below("mod"), role="corroboration"),
    Step("library encoder, exact arithmetic, Diracs up to 1e6", library_residual("mod"),
         role="corroboration"),
]

CLAIMS = [
    Claim("T1a", quantization(), "P", _T1_STEPS,
          short="||IF^M(x) - x||_A < theta (reset to mod)"),
    Claim("T1b", r"\|IF^{sub}_\theta(x) - x\|_A < \theta", "D",
          [Step("library encoder with reset-by-subtraction", library_residual("subtract"))],
          expected=False, short="same bound for reset-by-subtraction"),
    Claim("T1c", r"\|IF^{zero}_\theta(x) - x\|_A < \theta", "D",
          [Step("library encoder with reset-to-zero", library_residual("zero"))],
          expected=False, short="same bound for reset-to-zero"),
    Claim("T1d", quantization(leaky=True), "C", [
        Step("library LIF^M with one rational leak per step", leaky_library(),
             role="corroboration")],
        short="leaky T1 (per-step leak factors)"),
    Claim("T1e", r"2.5\theta\delta:\ \text{A-errors } 0.5\theta,\ 1.5\theta,\ 1.5\theta", "D", [
        Step("reset to mod: 1/2", dirac_errors("mod", Fraction(1, 2))),
        Step("reset by subtraction: 3/2", dirac_errors("subtract", Fraction(3, 2))),
        Step("reset to zero: 3/2", dirac_errors("zero", Fraction(3, 2)))],
        short="A-errors of 2.5 theta delta per reset"),
    Claim("T1f", r"|u(t)| < \theta\ \forall t\ (F \text{ piecewise quadratic, Diracs})", "P", [
        Step(r"between events $u(t) = F(t) - S(t)$ (f = a + b s on a piece)", piece_identity()),
        Step(r"$\max_{[0,t]}|u|$ is attained at an end or the vertex, so the first crossing "
             r"is found exactly and $|u| < \theta$ before it", piece_maximum()),
        Step(r"at a crossing the mod reset leaves $u = 0$; after a Dirac $|u| < \theta$",
             event_resets())],
        short="continuous time, pointwise |u(t)| < theta"),
    Claim("T1g", r"\sup_t |F(t) - S(t)| < \theta \text{ (strict, continuous time)}", "D",
          [Step(r"f = 1 on [0, 1), theta = 1: any $c \ge \sup_{t<1} |u(t)|$ has $c < 1$",
                strict_sup())],
          expected=False, short="continuous sup is strict (it is not)"),
]

MUTANTS = [
    Claim("T1a~97", r"\|IF^M_\theta(x) - x\|_A < 0.97\,\theta", "D",
          [Step("library encoder, bound 0.97 theta (default boundary search)",
                library_residual("mod", Fraction(97, 100)))], expected=False),
    Claim("T1a~half", r"\|IF^M_\theta(x) - x\|_A < \theta/2", "D",
          [Step("whole sequences, bound theta/2", residual_below("mod", Fraction(1, 2)))],
          expected=False),
    Claim("T1a~formal-half", quantization(bound=Fraction(1, 2)), "D", expected=False,
          short="T1 with bound theta/2 (the engine's obligations)"),
    Claim("T1a~step", r"|v - \mathrm{trunc}(v)| < \theta/2", "D",
          [Step("one step, bound theta/2", one_step(Fraction(1, 2)))], expected=False),
    Claim("T1b~z3", r"\|IF^{sub}(x) - x\|_A < \theta", "D",
          [Step("z3, reset by subtraction", residual_below("subtract"))], expected=False),
    Claim("T1c~z3", r"\|IF^{zero}(x) - x\|_A < \theta", "D",
          [Step("z3, reset to zero", residual_below("zero"))], expected=False),
    Claim("T1d~half", r"\|x - LIF^M(x)\|_{A,\lambda} < \theta/2", "D",
          [Step("library LIF^M, bound theta/2", leaky_library(Fraction(1, 2)))], expected=False),
    Claim("T1e~sub", r"\text{subtraction error of } 2.5\theta\delta = 0.5\theta", "D",
          [Step("reset by subtraction: 1/2", dirac_errors("subtract", Fraction(1, 2)))],
          expected=False),
    Claim("T1f~vertex", r"\max_{[0,t]}|u| = \max(|u(0)|, |u(t)|)", "D",
          [Step("ends only, vertex forgotten", piece_maximum(with_vertex=False))],
          expected=False),
]

"""T5 Reconstruction error bounds, from Abel summation.

With h = x - IF^M(x) (so ||h||_A < theta by T1) and a kernel k (k = 0 before 0 and after its
support), the reconstruction error (h * k)_n = sum_m h_m k_{n-m} obeys
|(h * k)_n| <= ||h||_A * V(k),  V(k) = |k_0| + sum_j |k_{j+1} - k_j|,
the total variation of k on the whole line (the jump up at 0 is the boundary term of Abel
summation).  Constants proved: box of width w and height 1/w: V = 2/w, error < 2 theta / w;
exponential k(t) = exp(-t/tau): V = 2, error < 2 theta (unit-area exp(-t/tau)/tau: V = 2/tau,
error < 2 theta / tau); the same V = 2 for the sampled kernel r^j, 0 < r < 1, of any length.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from ifsod import alexiewicz_norm, if_encode
from ifsod.proof import Claim, Step, identity, search
from ifsod.proof import strategies as st
from ifsod.proof.kinds import derivation

from ._lemmas import abel_step


def abel_base(n=4):
    """The formula written out for N = 1..n (n = 4: the base case and three steps by hand)."""
    def build():
        import sympy

        h, g = sympy.symbols(f"h1:{n + 1}"), sympy.symbols(f"g1:{n + 1}")
        partial = [sum(h[:k + 1]) for k in range(n)]
        sides = [(sum(h[k] * g[k] for k in range(m)),
                  partial[m - 1] * g[m - 1]
                  - sum(partial[k] * (g[k + 1] - g[k]) for k in range(m - 1)))
                 for m in range(1, n + 1)]
        # Independent weights z_m: the weighted sums agree iff every instance does.
        z = sympy.symbols(f"z1:{n + 1}")
        return (sum(zm * lhs for zm, (lhs, _) in zip(z, sides)),
                sum(zm * rhs for zm, (_, rhs) in zip(z, sides)))
    return identity(build)


def parts_identity():
    """Continuous form: int_a^b h g = H(b) g(b) - H(a) g(a) - int_a^b H g' (polynomials)."""
    def build():
        import sympy

        s, a, b = sympy.symbols("s a b", real=True)
        c = sympy.symbols("c0:4", real=True)
        d = sympy.symbols("d0:3", real=True)
        h = c[0] + c[1] * s + c[2] * s**2 + c[3] * s**3
        g = d[0] + d[1] * s + d[2] * s**2
        big_h = sympy.integrate(h, (s, 0, s))
        lhs = sympy.integrate(h * g, (s, a, b))
        rhs = (big_h * g).subs(s, b) - (big_h * g).subs(s, a) - sympy.integrate(
            big_h * sympy.diff(g, s), (s, a, b))
        return lhs, rhs
    return identity(build)


def _variation(k) -> Fraction:
    """|k_0| + sum_j |k_{j+1} - k_j| with k = 0 after its last sample."""
    padded = list(k) + [Fraction(0)]
    return abs(padded[0]) + sum((abs(b - a) for a, b in itertools.pairwise(padded)), Fraction(0))


def abel_inequality(factor=Fraction(1)):
    """|sum h_k g_k| <= ||h||_A (|g_N| + sum |g_{k+1} - g_k|) (exact)."""
    def prop(case):
        h, g = case
        lhs = abs(sum((a * b for a, b in zip(h, g, strict=True)), Fraction(0)))
        var = abs(g[-1]) + sum((abs(b - a) for a, b in itertools.pairwise(g)), Fraction(0))
        return lhs <= factor * alexiewicz_norm(h) * var

    def cases():
        from hypothesis import strategies as hs

        return hs.integers(1, 10).flatmap(lambda n: hs.tuples(st.signal(n, n), st.signal(n, n)))
    return search(prop, cases, max_examples=300)


def kernel_error(kernel, bound):
    """max_n |((x - IF^M_theta(x)) * k)_n| < bound(k) * theta for the library encoder (the
    largest ratio error / (bound theta) is the tightest instance)."""
    def ratio(case):
        x, theta, k = case
        h = [a - b for a, b in zip(x, if_encode(x, theta), strict=True)]
        worst = max(abs(sum((h[m] * k[n - m] for m in range(max(0, n - len(k) + 1), n + 1)),
                            Fraction(0))) for n in range(len(h)))
        return worst / (bound(k) * theta)

    def prop(case):
        return ratio(case) < 1

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(st.signal(1, 16), st.threshold(), kernel())
    return search(prop, cases, max_examples=300, ratio=ratio)


def box():
    from hypothesis import strategies as hs

    return hs.integers(1, 6).map(lambda w: [Fraction(1, w)] * w)


def geometric():
    from hypothesis import strategies as hs

    return hs.tuples(hs.fractions(Fraction(1, 16), Fraction(15, 16), max_denominator=16),
                     hs.integers(1, 12)).map(lambda rk: [rk[0] ** j for j in range(rk[1])])


def random_kernel():
    """Any finite rational kernel that is not identically 0."""
    from hypothesis import strategies as hs

    return hs.lists(hs.fractions(-2, 2, max_denominator=4), min_size=1, max_size=6).filter(any)


def exponential_variation(value=2, normalised=False):
    """|k(0)| + int_0^oo |k'(t)| dt = 2 for k(t) = exp(-t/tau), any tau > 0 (2/tau for the
    unit-area kernel exp(-t/tau)/tau); ``value`` may use the symbol ``tau``."""
    def build():
        import sympy

        t, tau = sympy.symbols("t tau", positive=True)
        k = sympy.exp(-t / tau) / (tau if normalised else 1)
        variation = k.subs(t, 0) + sympy.integrate(sympy.Abs(sympy.diff(k, t)), (t, 0, sympy.oo))
        return variation, value(tau) if callable(value) else value
    return identity(build)


def exponential_constant(value=2):
    """Derivation of the T5 constant for k(t) = exp(-t/tau): V(k) = |k(0)| + int_0^oo |k'| =
    1 + int_0^oo exp(-t/tau)/tau = 2.  ``value`` replaces the constant (wrong variant)."""
    def build():
        import sympy

        t, tau = sympy.symbols("t tau", positive=True)
        k = sympy.exp(-t / tau)
        variation = sympy.Abs(k.subs(t, 0)) + sympy.Integral(sympy.Abs(sympy.diff(k, t)),
                                                             (t, 0, sympy.oo))
        return [variation,
                ("==", 1 + sympy.Integral(sympy.exp(-t / tau) / tau, (t, 0, sympy.oo))),
                ("==", value)]
    return derivation(build)


def exponential_error(value=2):
    """With ||h||_A = theta - d, d > 0 (T1), the error ||h||_A V(k) = (theta - d) V(k) stays
    below V(k) theta."""
    def build():
        import sympy

        theta, d = sympy.symbols("theta d", positive=True)
        return [(theta - d) * 2, ("==", 2 * theta - 2 * d), ("<", value * theta)]
    return derivation(build)


def box_variation(value=None):
    """|k(0)| + Var k = 2/w for the box of width w and height 1/w: the total mass of the
    distributional derivative of (H(t) - H(t - w))/w, whose jump at 0 is the |k(0)| term."""
    def build():
        import sympy

        t, w = sympy.Symbol("t", real=True), sympy.Symbol("w", positive=True)
        jumps = sympy.expand(sympy.diff((sympy.Heaviside(t) - sympy.Heaviside(t - w)) / w, t))
        variation = sum(sympy.Abs(jumps.coeff(d)) for d in jumps.atoms(sympy.DiracDelta))
        return variation, (2 / w if value is None else value(w))
    return identity(build)


CLAIMS = [
    Claim("T5a", r"\sum_{k=1}^N h_k g_k = H_N g_N - \sum_{k<N} H_k (g_{k+1} - g_k);\ "
          r"\int_a^b hg = [Hg]_a^b - \int_a^b H g'", "P", [
              Step("Abel summation written out for N = 1..4", abel_base()),
              Step("Abel summation, induction step N -> N+1", abel_step()),
              Step("integration by parts on polynomial pieces", parts_identity())],
          short="Abel summation / integration by parts"),
    Claim("T5b", r"|\sum h_k g_k| \le \|h\|_A (|g_N| + \sum_k |g_{k+1} - g_k|)", "P",
          [Step("Abel summation and the triangle inequality (exact search)", abel_inequality())],
          short="Abel inequality"),
    Claim("T5c", r"\|(x - IF^M_\theta x) * \tfrac1w 1_{[0,w)}\|_\infty < 2\theta/w", "D", [
        Step("V(box) = 2/w (SymPy)", box_variation()),
        Step("library encoder, exact convolution with boxes of width 1..6", kernel_error(
            box, _variation))],
        short="box kernel: error < 2 theta / w"),
    Claim("T5e", r"\|(x - IF^M_\theta x) * k\|_\infty < \theta\,V(k),\ "
          r"V(k) = |k_0| + \textstyle\sum_j |k_{j+1} - k_j|", "D",
          [Step("library encoder, exact, random rational kernels",
                kernel_error(random_kernel, _variation))],
          short="general kernel bound theta V(k) (discrete)"),
    Claim("T5d", r"\|(x - IF^M_\theta x) * e^{-t/\tau}\|_\infty < 2\theta", "D", [
        Step(r"derivation: $V(e^{-t/\tau}) = |k(0)| + \int_0^\infty |k'| = "
             r"1 + \int_0^\infty e^{-t/\tau}/\tau = 2$", exponential_constant()),
        Step(r"derivation: $\|h\|_A V(k) = 2(\theta - d) < 2\theta$ for "
             r"$\|h\|_A = \theta - d$, $d > 0$", exponential_error()),
        Step(r"$|k(0)| + \int_0^\infty |k'| = 2$ for $k = e^{-t/\tau}$ (SymPy)",
             exponential_variation()),
        Step(r"unit-area kernel $e^{-t/\tau}/\tau$: $V = 2/\tau$ (SymPy)",
             exponential_variation(lambda tau: 2 / tau, normalised=True)),
        Step("sampled kernel r^j: library encoder, exact, error < V(k) theta <= 2 theta",
             kernel_error(geometric, lambda k: 2))],
        short="exponential kernel: error < 2 theta"),
]

MUTANTS = [
    Claim("T5e~half", r"\|(x - IF^M_\theta x) * k\|_\infty < \theta V(k)/2", "D",
          [Step("factor 1/2", kernel_error(random_kernel, lambda k: _variation(k) / 2))],
          expected=False),
    Claim("T5d~derive", r"V(e^{-t/\tau}) = 1", "D",
          [Step("derivation ending in 1", exponential_constant(1))], expected=False),
    Claim("T5d~error", r"\|h\|_A V(k) < \tfrac32 \theta", "D",
          [Step("derivation ending below 3/2 theta", exponential_error(Fraction(3, 2)))],
          expected=False),
    Claim("T5a~sign", r"\text{Abel with } +\sum H_k(g_{k+1}-g_k)", "D",
          [Step("induction step with the wrong sign", abel_step(sign=+1))], expected=False),
    Claim("T5b~half", r"\text{Abel inequality with factor } 1/2", "D",
          [Step("factor 1/2", abel_inequality(Fraction(1, 2)))], expected=False),
    Claim("T5c~w", r"\text{box error} < \theta/w", "D",
          [Step("library, bound theta/w", kernel_error(box, lambda k: k[0]))], expected=False),
    Claim("T5c~V", r"V(\text{box}) = 1/w", "D",
          [Step("boundary term forgotten", box_variation(lambda w: 1 / w))], expected=False),
    Claim("T5d~one", r"|k(0)| + \mathrm{Var}(e^{-t/\tau}) = 1", "D",
          [Step("constant 1", exponential_variation(1))], expected=False),
    Claim("T5d~tau", r"V(e^{-t/\tau}/\tau) = 1/\tau", "D",
          [Step("boundary term forgotten", exponential_variation(lambda tau: 1 / tau,
                                                                 normalised=True))],
          expected=False),
    Claim("T5d~search", r"\text{exponential error} < \theta", "D",
          [Step("library, bound theta", kernel_error(geometric, lambda k: 1))], expected=False),
]

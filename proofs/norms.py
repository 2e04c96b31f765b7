"""T7 Norm facts: D1 is a norm, the l1 and discrepancy comparisons, the sub-threshold set,
symmetries of IF^M, idempotence (exact, not in floats), and when subtraction equals mod."""

from __future__ import annotations

from fractions import Fraction

from ifsod import alexiewicz_norm, discrepancy_norm, if_encode
from ifsod.proof import Claim, Step, bounded, search
from ifsod.proof import strategies as st
from ifsod.proof.z3models import anorm, if_train, partial_sums, reals, vector, zabs, zmax


def norm_axioms(l1_factor=1, n_max: int = 6, quick_n_max: int = 3):
    """Triangle inequality, definiteness and ||a||_A <= l1_factor * ||a||_1 on R^N."""
    def build(n):
        import z3

        a, b = reals("a", n), reals("b", n)
        total = anorm([p + q for p, q in zip(a, b, strict=True)])
        return z3.And(total <= anorm(a) + anorm(b),
                      z3.Implies(anorm(a) == 0, z3.And([v == 0 for v in a])),
                      anorm(a) <= l1_factor * z3.Sum([zabs(v) for v in a]))
    return bounded(build, n_max, quick_n_max=quick_n_max)


def homogeneity(absolute=True):
    """||c a||_A = |c| ||a||_A (``absolute=False``, the mutant, drops the absolute value)."""
    def prop(case):
        a, c = case
        return alexiewicz_norm([c * v for v in a]) == (abs(c) if absolute else c) * \
            alexiewicz_norm(a)

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(st.signal(), st.rationals(-10, 10, 10))
    return search(prop, cases, max_examples=200)


def discrepancy(upper=2, n_max: int = 6, quick_n_max: int = 3):
    """||a||_A <= ||a||_D <= upper * ||a||_A, ||a||_D = max_{m<=n} |sum_{k=m}^n a_k|."""
    def build(n):
        import z3

        a = reals("a", n)
        sums = [0] + partial_sums(a)
        disc = zmax([zabs(sums[j] - sums[i]) for i in range(n + 1) for j in range(i + 1, n + 1)])
        return z3.And(anorm(a) <= disc, disc <= upper * anorm(a))

    def oracle(cex):
        a = vector(cex, "a")
        return alexiewicz_norm(a) <= discrepancy_norm(a) <= upper * alexiewicz_norm(a)
    return bounded(build, n_max, quick_n_max=quick_n_max, oracle=oracle)


def silent(reset: str, strict: bool = True, n_max: int = 5, quick_n_max: int = 3):
    """IF with ``reset`` fires nothing iff ||x||_A < 1 (``<= 1`` for the mutant)."""
    def build(n):
        import z3

        xs = reals("x", n)
        quiet = z3.And([s == 0 for s in if_train(xs, reset)])
        small = anorm(xs) < 1 if strict else anorm(xs) <= 1
        return quiet == small

    def oracle(cex):
        x = vector(cex, "x")
        norm = alexiewicz_norm(x)
        quiet = not any(if_encode(x, Fraction(1), reset=reset))
        return quiet == (norm < 1 if strict else norm <= 1)
    return bounded(build, n_max, quick_n_max=quick_n_max, oracle=oracle)


def symmetries(scale_theta=True):
    """IF^M(-x) = -IF^M(x); IF^M_{c theta}(c x) = c IF^M_theta(x); delay by zeros commutes."""
    def prop(case):
        x, theta, c, delay = case
        s = list(if_encode(x, theta))
        odd = list(if_encode([-v for v in x], theta)) == [-v for v in s]
        scaled = list(if_encode([c * v for v in x], c * theta if scale_theta else theta))
        shifted = list(if_encode([Fraction(0)] * delay + x, theta))
        return odd and scaled == [c * v for v in s] and shifted == [Fraction(0)] * delay + s

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(st.signal(), st.threshold(), st.threshold(), hs.integers(0, 3))
    return search(prop, cases, max_examples=300)


def idempotent(exact=True, spacing=Fraction(1)):
    """IF^M_theta(s) = s for s in theta Z^N: exact with Fractions, can fail in floats (T7f);
    ``spacing`` != 1 puts s on a finer grid (mutant)."""
    def prop(case):
        counts, theta = case
        if exact:
            s = [spacing * theta * k for k in counts]
            return list(if_encode(s, theta)) == s
        s = [float(theta) * k for k in counts]
        return if_encode(s, float(theta)).tolist() == s

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(hs.lists(hs.integers(-5, 5), min_size=1, max_size=12),
                         st.rationals(Fraction(1, 100), 3, 100))
    return search(prop, cases, max_examples=300)


def small_inputs(bound=1, n_max: int = 5, quick_n_max: int = 3):
    """max |x_n| < bound (theta = 1)  ==>  reset-by-subtraction and reset-to-mod agree."""
    def build(n):
        import z3

        xs = reals("x", n)
        same = [a == b for a, b in zip(if_train(xs, "subtract"), if_train(xs), strict=True)]
        return z3.Implies(z3.And([zabs(x) < bound for x in xs]), z3.And(same))

    def oracle(cex):
        x = vector(cex, "x")
        return (max(abs(v) for v in x) >= bound
                or list(if_encode(x, Fraction(1), reset="subtract")) == list(
                    if_encode(x, Fraction(1))))
    return bounded(build, n_max, quick_n_max=quick_n_max, oracle=oracle)


CLAIMS = [
    Claim("T7a", r"\|\cdot\|_A \text{ is a norm and } \|a\|_A \le \|a\|_1", "D", [
        Step("triangle inequality, definiteness, l1 bound on R^N (z3)", norm_axioms()),
        Step("homogeneity ||c a||_A = |c| ||a||_A (library, exact)", homogeneity())],
        short="D1 is a norm, below l1"),
    Claim("T7b", r"\|a\|_A \le \|a\|_D \le 2\|a\|_A", "D",
          [Step("z3 on R^N", discrepancy())], short="discrepancy norm within factor 2"),
    Claim("T7c", r"IF_\theta(x) = 0 \iff \|x\|_A < \theta \text{ (every reset)}", "C", [
        Step("reset to mod", silent("mod")), Step("reset by subtraction", silent("subtract")),
        Step("reset to zero", silent("zero"))],
        short="no spike iff ||x||_A < theta"),
    Claim("T7d", r"IF^M(-x) = -IF^M(x),\ IF^M_{c\theta}(cx) = c\,IF^M_\theta(x),\ "
          r"\text{shift equivariance}", "D",
          [Step("library encoder, exact", symmetries())], short="symmetries of IF^M"),
    Claim("T7e", r"IF^M_\theta(s) = s \ \ (s \in \theta\mathbb{Z}^N, \text{exact})", "D",
          [Step("library encoder, Fraction arithmetic", idempotent())],
          short="idempotence in exact arithmetic"),
    Claim("T7f", r"IF^M_\theta(s) = s \ \ (s \in \theta\mathbb{Z}^N, \text{float64})", "D",
          [Step("library encoder, float64", idempotent(exact=False))], expected=False,
          short="idempotence in floating point (fails)"),
    Claim("T7g", r"\max_n|x_n| < \theta \Rightarrow IF^{sub}(x) = IF^M(x)", "D",
          [Step("z3 on R^N", small_inputs())], short="small inputs: subtraction = mod"),
]

MUTANTS = [
    Claim("T7a~l1", r"\|a\|_A \le \tfrac12\|a\|_1", "D",
          [Step("l1 factor 1/2", norm_axioms(l1_factor=Fraction(1, 2)))], expected=False),
    Claim("T7a~homog", r"\|c a\|_A = c\|a\|_A", "D",
          [Step("without |c|", homogeneity(absolute=False))], expected=False),
    Claim("T7b~one", r"\|a\|_D \le \|a\|_A", "D",
          [Step("upper factor 1", discrepancy(upper=1))], expected=False),
    Claim("T7c~le", r"IF^M_\theta(x) = 0 \iff \|x\|_A \le \theta", "D",
          [Step("non-strict", silent("mod", strict=False))], expected=False),
    Claim("T7d~theta", r"IF^M_\theta(cx) = c\,IF^M_\theta(x)", "D",
          [Step("threshold not scaled", symmetries(scale_theta=False))], expected=False),
    Claim("T7e~half", r"IF^M_\theta(s) = s \ \ (s \in \tfrac\theta2\mathbb{Z}^N)", "D",
          [Step("off the lattice", idempotent(spacing=Fraction(1, 2)))], expected=False),
    Claim("T7g~two", r"\max_n|x_n| < 2\theta \Rightarrow IF^{sub}(x) = IF^M(x)", "D",
          [Step("bound 2 theta", small_inputs(bound=2))], expected=False),
]

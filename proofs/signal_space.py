"""T8 Signal space: IF^M maps a bounded signal plus finitely many Diracs on [0, T] to finitely
many spike instants, at most T*M/theta + 2J + 1 of them (|g| <= M, J Dirac instants).

The search runs an exact event-driven IF^M written here for piecewise-constant g plus Diracs
(Fraction arithmetic throughout), independent of any continuous-time module of the library.
"""

from __future__ import annotations

from fractions import Fraction

from ifsod.proof import Claim, Step, search, smt
from ifsod.proof import strategies as st
from ifsod.proof.z3models import zabs

from ._lemmas import spike_instants


def count_bound(dirac_term=2):
    """#spike instants <= T*M/theta + dirac_term*J + 1."""
    def prop(case):
        pieces, diracs, theta = case
        total = sum((d for d, _ in pieces), Fraction(0))
        diracs = [(t * total, w) for t, w in diracs]  # times drawn in [0, 1], scaled to [0, T]
        bound_m = max(abs(c) for _, c in pieces)
        instants = len({t for t, _ in diracs})
        return len(spike_instants(pieces, diracs, theta)) <= (
            total * bound_m / theta + dirac_term * instants + 1)

    def cases():
        from hypothesis import strategies as hs

        fractions = st.rationals(-4, 4, 6)
        piece = hs.tuples(st.rationals(Fraction(1, 8), 3, 8), fractions)
        dirac = hs.tuples(st.rationals(0, 1, 8),
                          hs.one_of(fractions, hs.integers(-10**6, 10**6).map(Fraction)))
        return hs.tuples(hs.lists(piece, min_size=1, max_size=5),
                         hs.lists(dirac, max_size=4),
                         st.rationals(Fraction(1, 4), 2, 4))
    return search(prop, cases, max_examples=300)


def count_bound_library(dirac_term=2, max_examples=60, quick_examples=30):
    """The same bound for the library's exact ``if_events`` on piecewise quadratics g (M = the
    exact sup |g|, attained or not) plus Diracs."""
    def prop(case):
        from ifsod import Signal, if_events

        durations, coeffs, diracs, theta = case
        bps = [Fraction(0)]
        for d in durations:
            bps.append(bps[-1] + d)
        g = Signal.piecewise(bps, coeffs[:len(durations)])
        f = g
        if diracs:
            times = [t * bps[-1] for t, _ in diracs]
            f = g + Signal.dirac(times, [w for _, w in diracs], (bps[0], bps[-1]))
        instants = len(set(if_events(f, theta).times))
        n_diracs = len({t for t, _ in diracs})
        return instants <= bps[-1] * g.sup_norm() / theta + dirac_term * n_diracs + 1

    def cases():
        from hypothesis import strategies as hs

        fractions = st.rationals(-3, 3, 4)
        dirac = hs.tuples(st.rationals(0, 1, 8),
                          hs.one_of(fractions, hs.integers(-10**6, 10**6).map(Fraction)))
        return hs.tuples(
            hs.lists(st.rationals(Fraction(1, 4), 2, 4), min_size=1, max_size=4),
            hs.lists(hs.lists(fractions, min_size=1, max_size=3), min_size=4, max_size=4),
            hs.lists(dirac, max_size=3),
            st.rationals(Fraction(1, 4), 2, 4))
    return search(prop, cases, max_examples=max_examples, quick_examples=quick_examples)


def refractory(gap_factor=1):
    """After a continuous crossing u = 0; reaching |u| = 1 with |g| <= M takes t >= 1/M."""
    def build():
        import z3

        c, t, m = z3.Reals("c t M")
        return z3.Implies(z3.And(m > 0, zabs(c) <= m, t >= 0, zabs(c * t) >= 1),
                          t * m >= gap_factor)
    return smt(build)


CLAIMS = [
    Claim("T8", r"\#\{\text{spike instants of } IF^M_\theta(g + \textstyle\sum_j w_j\delta_{"
          r"\tau_j})\} \le TM/\theta + 2J + 1", "D", [
              Step(r"after a continuous crossing $u = 0$, the next needs $t \ge \theta/M$ "
                   r"(each of the J+1 Dirac-free segments: <= T_i M/theta + 1 instants)",
                   refractory()),
              Step("exact event-driven IF^M on piecewise-constant g plus Diracs of any weight",
                   count_bound()),
              Step("library if_events (exact) on piecewise quadratics plus Diracs",
                   count_bound_library(), role="corroboration")],
          short="finitely many spikes: <= TM/theta + 2J + 1"),
]

MUTANTS = [
    Claim("T8~J", r"\#\text{instants} \le TM/\theta + 1", "D",
          [Step("without the Dirac term", count_bound(dirac_term=0))], expected=False),
    Claim("T8~J-library", r"\#\text{instants} \le TM/\theta + 1 \text{ (library)}", "D",
          [Step("library if_events without the Dirac term",
                count_bound_library(dirac_term=0, max_examples=150,
                                    quick_examples=150))],
          expected=False),
    Claim("T8~gap", r"t \ge 2\theta/M", "D",
          [Step("refractory time doubled", refractory(gap_factor=2))], expected=False),
]

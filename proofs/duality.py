"""T4 IF-SOD duality: SOD_Delta(y) = IF^M_Delta(Dy), and ||Dy||_A = sup_t |y(t) - y(0)|."""

from __future__ import annotations

import math
from fractions import Fraction

from ifsod import alexiewicz_norm, if_encode, sod_encode
from ifsod.proof import Claim, Step, identity, optimize, search, smt
from ifsod.proof import strategies as st
from ifsod.proof.z3models import floor, trunc, zabs

from ._lemmas import duality, exact_l1, sparsest
from ._lemmas import sod_quasi_isometry as sod_within


def level_rule(y, delta, rounding=math.trunc) -> list[Fraction]:
    """SOD events by the level rule of D5, written out independently of the library."""
    level, events = Fraction(y[0]), []
    for value in y:
        e = delta * rounding((Fraction(value) - level) / delta)
        level += e
        events.append(e)
    return events


def update_identity(rounding=trunc):
    """With u_{n-1} = y_{n-1} - L_{n-1}: the IF step on y_n - y_{n-1} fires the SOD event and
    leaves u_n = y_n - L_n (Delta = 1)."""
    def build():
        import z3

        y_prev, y, level, u = z3.Reals("y_prev y L u")
        s = trunc(u + y - y_prev)
        e = rounding(y - level)
        return z3.Implies(u == y_prev - level,
                          z3.And(s == e, u + (y - y_prev) - s == y - (level + e)))
    return smt(build)


def _signals():
    from hypothesis import strategies as hs

    return hs.tuples(st.signal(), st.threshold())


def library_duality(rounding=math.trunc):
    def prop(case):
        y, delta = case
        events = list(sod_encode(y, delta))
        diffs = [b - a for a, b in zip([y[0]] + y[:-1], y, strict=True)]
        return events == level_rule(y, delta, rounding) == list(if_encode(diffs, delta))
    return search(prop, _signals, max_examples=120)


def derivative_norm(start_term=True):
    """Two polynomial pieces p on [0, 1), q on [1, t] with a jump q(1) - p(1) at 1: the integral
    of the distributional derivative from 0 to t is y(t) - y(0)."""
    def build():
        import sympy

        t, s = sympy.symbols("t s", real=True)
        p0, p1, p2, q0, q1, q2 = sympy.symbols("p0 p1 p2 q0 q1 q2", real=True)
        p, q = p0 + p1 * s + p2 * s**2, q0 + q1 * s + q2 * s**2
        jump = q.subs(s, 1) - p.subs(s, 1)
        integral = (sympy.integrate(sympy.diff(p, s), (s, 0, 1)) + jump
                    + sympy.integrate(sympy.diff(q, s), (s, 1, t)))
        return integral, q.subs(s, t) - (p.subs(s, 0) if start_term else 0)
    return identity(build)


def telescoping(start_term=True):
    """Partial sums of the differences: (y_n - y_0) + (y_{n+1} - y_n) = y_{n+1} - y_0, from
    the base y_0 - y_0 = 0; so ||diff(y)||_A = max_n |y_n - y_0| for every length."""
    def build():
        import sympy

        y0, yn, y_next = sympy.symbols("y_0 y_n y_n1")
        return (yn - y0) + (y_next - yn), y_next - (y0 if start_term else 0)
    return identity(build)


def discrete_derivative_norm(start_term=True):
    def prop(y):
        diffs = [b - a for a, b in zip([y[0]] + y[:-1], y, strict=True)]
        y0 = y[0] if start_term else 0
        return alexiewicz_norm(diffs) == max(abs(v - y0) for v in y)
    return search(prop, st.signal, max_examples=200)


def sod_error_step():
    """|u_n| < 1 for the IF^M membrane u_n = y_n - L_n (T1), so |y_n - L_n| < Delta."""
    def build():
        import z3

        y, level = z3.Reals("y L")
        return zabs(y - level - trunc(y - level)) < 1
    return smt(build)


def sod_error_library(factor=Fraction(1)):
    def prop(case):
        y, delta = case
        return max(abs(v - level) for v, level in zip(y, _holds(y, delta), strict=True)) \
            < factor * delta
    return search(prop, _signals, max_examples=300)


def _holds(y, delta):
    """The zero-order hold L_n = y_0 + sum_{k<=n} e_k of the library's SOD."""
    level, out = Fraction(y[0]), []
    for e in sod_encode(y, delta):
        level += e
        out.append(level)
    return out


def sod_quasi_isometry(width=2):
    """sup_n |(hat g - hat f)_n - (g_0 - f_0)| lies within width*Delta of
    sup_n |(g - f)_n - (g_0 - f_0)| (T2 through ||Dy||_A = sup |y - y_0|)."""
    def prop(case):
        f, g, delta = case
        start = g[0] - f[0]
        hold = max(abs(b - a - start) for a, b in zip(_holds(f, delta), _holds(g, delta),
                                                      strict=True))
        signal = max(abs(b - a - start) for a, b in zip(f, g, strict=True))
        return signal - width * delta < hold < signal + width * delta

    def cases():
        from hypothesis import strategies as hs

        values = st.rationals(-3, 3, 4)
        return hs.tuples(st.aligned(1, 10, values, values), st.threshold()).map(
            lambda drawn: (*drawn[0], drawn[1]))
    return search(prop, cases, max_examples=100)


def sod_sparsest(deficit=0):
    """No level path within Delta (open) of y has fewer events than SOD (exact MILP on Dy)."""
    def prop(case):
        y, delta = case
        diffs = [b - a for a, b in zip([y[0]] + y[:-1], y, strict=True)]
        return exact_l1(sparsest(diffs, delta)) == exact_l1(sod_encode(y, delta)) - deficit * delta

    def cases():
        from hypothesis import strategies as hs

        return hs.tuples(hs.lists(st.rationals(-6, 6, 8), min_size=1,
                                  max_size=12), st.threshold())
    return optimize(prop, cases, max_examples=100)


CLAIMS = [
    Claim("T4a", duality(), "P", [
        Step("library sod_encode = level rule of D5 = if_encode of the differences (exact)",
             library_duality(), role="corroboration")],
        short="SOD is IF^M of the derivative"),
    Claim("T4b", r"\|Dy\|_A = \sup_t |y(t) - y(0)|", "D", [
        Step("piecewise quadratic y with a jump: int_0^t Dy = y(t) - y(0) (SymPy)",
             derivative_norm()),
        Step("sampled y: partial sums of diff(y) telescope to y_n - y_0", telescoping()),
        Step("sampled y: ||diff(y)||_A = max |y_n - y_0| (library, exact)",
             discrete_derivative_norm(), role="corroboration")],
        short="||Dy||_A = sup |y - y(0)|"),
    Claim("T4c", r"\sup_n |y_n - \hat y_n| < \Delta", "P", [
        Step(r"the IF membrane is $y_n - L_n$ and $|v - \mathrm{trunc}(v)| < 1$",
             sod_error_step()),
        Step("library sod_encode, zero-order hold (exact)", sod_error_library(),
             role="corroboration")],
        short="SOD zero-order hold stays within Delta"),
    Claim("T4d", sod_within(), "D", [
              Step("SOD quasi-isometry with 2 Delta (library, exact)", sod_quasi_isometry(),
                   role="corroboration")],
          short="SOD quasi-isometry: holds within 2 Delta in the sup norm"),
    Claim("T4f", r"\#SOD_\Delta(y) = \min\{\#e : \sup_n|y_n - y_0 - \textstyle\sum_{k\le n}"
          r" e_k| < \Delta\}", "D", [
              Step("SOD maximal sparsity: exact MILP on the differences", sod_sparsest())],
          short="SOD maximal sparsity (T3 through T4a)"),
]

MUTANTS = [
    Claim("T4a~formal-offset", duality(offset=Fraction(1, 2)), "D",
          expected=False, short="T4 with L_n - y_0 = S_n + 1/2"),
    Claim("T4a~floor", r"SOD \text{ with floor} = IF^M", "D",
          [Step("update identity with floor in SOD", update_identity(floor))], expected=False),
    Claim("T4a~search", r"SOD \text{ with floor} = IF^M", "D",
          [Step("library vs level rule with floor", library_duality(math.floor))],
          expected=False),
    Claim("T4b~origin", r"\int_0^t Dy = y(t)", "D",
          [Step("start term forgotten", derivative_norm(start_term=False))], expected=False),
    Claim("T4b~telescope", r"\sum_{k\le n} (y_k - y_{k-1}) = y_n", "D",
          [Step("start term forgotten", telescoping(start_term=False))], expected=False),
    Claim("T4b~discrete", r"\|\mathrm{diff}(y)\|_A = \max|y_n|", "D",
          [Step("start term forgotten", discrete_derivative_norm(start_term=False))],
          expected=False),
    Claim("T4d~formal-delta", sod_within(width=1), "D", expected=False,
          short="SOD quasi-isometry with Delta (the engine's obligations)"),
    Claim("T4f~fewer", r"\text{one SOD event fewer suffices}", "D",
          [Step("MILP optimum one event below SOD", sod_sparsest(deficit=1))], expected=False),
    Claim("T4c~half", r"\sup_n |y_n - \hat y_n| < \Delta/2", "D",
          [Step("library, bound Delta/2", sod_error_library(Fraction(1, 2)))], expected=False),
]

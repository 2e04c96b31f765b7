"""Signal: construction, calculus, bin integrals and the exact Alexiewicz norm (D1, D7)."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from ifsod.algebraic import Algebraic
from ifsod.signal import Signal

SETTINGS = settings(max_examples=25, deadline=None)

coefficients = st.fractions(min_value=-2, max_value=2, max_denominator=6)
widths = st.fractions(min_value=F(1, 4), max_value=F(3, 2), max_denominator=4)
weights = st.one_of(
    st.fractions(min_value=-3, max_value=3, max_denominator=4),
    st.integers(-10**6, 10**6).map(F),
)


@st.composite
def exact_signals(draw, max_pieces=3, max_degree=3, diracs=True, max_diracs=3):
    """Random exact piecewise polynomials (degree <= 3) on [0, T] with random Diracs."""
    n = draw(st.integers(1, max_pieces))
    bps = [F(0)]
    for _ in range(n):
        bps.append(bps[-1] + draw(widths))
    coeffs = [draw(st.lists(coefficients, min_size=1, max_size=max_degree + 1))
              for _ in range(n)]
    f = Signal.piecewise(bps, coeffs)
    if diracs:
        k = draw(st.integers(0, max_diracs))
        times = [draw(st.one_of(st.sampled_from(bps),
                                st.integers(0, 16).map(lambda k: bps[-1] * F(k, 16))))
                 for _ in range(k)]
        f = f + Signal.dirac(times, [draw(weights) for _ in range(k)], (0, bps[-1]))
    return f


def random_signal(seed: int, n_pieces=4, degree=3, n_diracs=2, scale=2):
    """Exact random signal with 'generic' coefficients (large denominators)."""
    rng = random.Random(seed)

    def frac():
        return F(rng.randint(-1000 * scale, 1000 * scale), rng.randint(500, 1000))

    bps = [F(0)]
    for _ in range(n_pieces):
        bps.append(bps[-1] + F(rng.randint(300, 1000), 500))
    coeffs = [[frac() for _ in range(rng.randint(1, degree + 1))] for _ in range(n_pieces)]
    times = [F(rng.randint(0, 1000), 1000) * bps[-1] for _ in range(n_diracs)]
    return Signal.piecewise(bps, coeffs) + Signal.dirac(times, [frac() for _ in times],
                                                       (0, bps[-1]))


# ------------------------------------------------------------------------------------------
# Independent references
# ------------------------------------------------------------------------------------------

def piece_integral(coeffs, a, lo, hi):
    """Integral of sum c_k (t - a)^k over [lo, hi], by the power rule."""
    return sum(c * ((hi - a) ** (k + 1) - (lo - a) ** (k + 1)) / (k + 1)
               for k, c in enumerate(coeffs))


def integral_reference(f: Signal, lo, hi, *, closed_right: bool):
    """Integral of f over [lo, hi) (or [lo, hi]) from the raw pieces and Diracs."""
    total = 0 * lo
    bps = f.breakpoints
    for i, coeffs in enumerate(f.coefficients):
        a, b = max(bps[i], lo), min(bps[i + 1], hi)
        if a < b:
            total += piece_integral(coeffs, f.anchors[i], a, b)
    for t, w in f.diracs:
        if lo <= t < hi or (closed_right and t == hi):
            total += w
    return total


def dense_alexiewicz(f: Signal, per_piece: int = 20001) -> float:
    """Brute force sup_t |F(t)| on a dense grid plus the Dirac instants (value and left limit),
    F from numpy's polynomial integration."""
    bps = [float(b) for b in f.breakpoints]
    diracs = [(float(t), float(w)) for t, w in f.diracs]
    best, offset = 0.0, 0.0
    for i, coeffs in enumerate(f.coefficients):
        a, b = bps[i], bps[i + 1]
        last = i == len(bps) - 2
        inside = [(t, w) for t, w in diracs if a <= t < b or (last and t == b)]
        anti = np.polynomial.polynomial.polyint([float(c) for c in coeffs])
        s = np.union1d(np.linspace(0.0, b - a, per_piece), [t - a for t, _ in inside])
        base = offset + np.polynomial.polynomial.polyval(s, anti)
        before = np.zeros_like(s)  # jumps strictly before each grid time: the left limits
        for t, w in inside:
            before += w * (s > t - a)  # compared in s, where the instants sit exactly
        at = before + sum(w * (s == t - a) for t, w in inside)
        best = max(best, float(np.max(np.abs(base + before))),
                   float(np.max(np.abs(base + at))))
        offset = base[-1] + sum(w for t, w in inside if t < b)  # F(b-)
    return max(best, abs(offset))


# ------------------------------------------------------------------------------------------
# Construction and bad input
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bps, coeffs, match", [
    ([0, 2, 1], [[1], [1]], "breakpoints must be strictly increasing"),
    ([0, 1, 1], [[1], [1]], "breakpoints must be strictly increasing"),
    ([0, float("nan")], [[1]], "breakpoints must be finite"),
    ([0, 1], [[float("nan")]], r"coefficients\[0\] must be finite"),
    ([0, 1, 2], [[1]], "coefficients must hold one piece per interval"),
    ([0, 1], [[]], r"coefficients\[0\] must hold at least one"),
    ([0], [], "breakpoints must hold at least two"),
    ([0, 1], [[1, [2]]], r"coefficients\[0\] must be a rectangular"),
])
def test_piecewise_rejects_bad_input(bps, coeffs, match):
    with pytest.raises(ValueError, match=match):
        Signal.piecewise(bps, coeffs)


def test_piecewise_rejects_wrong_types():
    with pytest.raises(TypeError, match="breakpoints"):
        Signal.piecewise(["a", "b"], [[1]])
    with pytest.raises(TypeError, match="coefficients"):
        Signal.piecewise([0, 1], [[True]])


def test_dirac_rejects_bad_input():
    with pytest.raises(ValueError, match=r"times must lie in \[t0, T\]"):
        Signal.dirac([3.0], [1.0], (0.0, 2.0))
    with pytest.raises(ValueError, match=r"times must lie in \[t0, T\]"):
        Signal.dirac([-1e-9], [1.0], (0.0, 2.0))
    with pytest.raises(ValueError, match="weights must have one entry per time"):
        Signal.dirac([1.0], [1.0, 2.0], (0.0, 2.0))
    with pytest.raises(ValueError, match="weights must be finite"):
        Signal.dirac([1.0], [math.inf], (0.0, 2.0))
    with pytest.raises(ValueError, match="t_range must have t0 < T"):
        Signal.dirac([], [], (2.0, 2.0))
    with pytest.raises(ValueError, match="t_range must be a pair"):
        Signal.dirac([], [], (0.0, 1.0, 2.0))


def test_from_samples_rejects_bad_input():
    with pytest.raises(ValueError, match="times must be strictly increasing"):
        Signal.from_samples([0.0, 2.0, 1.0], [0.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="values must have one entry per time"):
        Signal.from_samples([0.0, 1.0], [0.0])
    with pytest.raises(ValueError, match="kind must be one of"):
        Signal.from_samples([0.0, 1.0], [0.0, 1.0], kind="cubic")
    with pytest.raises(ValueError, match="values must be finite"):
        Signal.from_samples([0.0, 1.0], [0.0, math.nan])


def test_signals_on_different_ranges_do_not_add():
    with pytest.raises(ValueError, match="other must have t_range"):
        Signal.piecewise([0, 1], [[1.0]]) + Signal.piecewise([0, 2], [[1.0]])


def test_dirac_at_one_instant_merge_and_zero_weights_vanish():
    d = Signal.dirac([F(1), F(1), F(1, 2)], [F(2), F(-2), F(1)], (0, 2))
    assert d.diracs == ((F(1, 2), F(1)),)


def test_exact_mode_wins_and_floats_convert_exactly():
    f = Signal.piecewise([0.0, 0.1], [[0.1]]) + Signal.piecewise([F(0), F(0.1)], [[F(1, 3)]])
    assert f.exact and f.coefficients == ((F(0.1) + F(1, 3),),)


# ------------------------------------------------------------------------------------------
# Evaluation, arithmetic, calculus
# ------------------------------------------------------------------------------------------

def test_from_sympy_matches_piecewise_and_rejects_non_polynomials():
    t = sympy.Symbol("t")
    expr = sympy.Piecewise((t**3 - 2 * t, t < sympy.Rational(1, 2)), (5 - t, True))
    f = Signal.from_sympy(expr, t, (0, 2))
    assert f.exact and f.breakpoints == (0, F(1, 2), 2)
    for x in (F(0), F(1, 3), F(1, 2), F(7, 4)):
        assert f(x) == F(str(expr.subs(t, sympy.Rational(x.numerator, x.denominator))))
    with pytest.raises(ValueError, match="expr must be polynomial"):
        Signal.from_sympy(sympy.sin(t), t, (0, 1))
    assert not Signal.from_sympy(0.5 * t, t, (0, 1)).exact
    assert Signal.from_sympy(t**5 + 3, t, (0, 2)).breakpoints == (0, 2)  # no spurious cuts
    cut = Signal.from_sympy(sympy.Piecewise((1, t < sympy.sqrt(2)), (0, True)), t, (0, 2))
    assert not cut.exact and cut.breakpoints == (0.0, math.sqrt(2), 2.0)
    with pytest.raises(ValueError, match="expr conditions must compare"):
        Signal.from_sympy(sympy.Piecewise((1, t**2 < 2), (0, True)), t, (0, 2))
    with pytest.raises(ValueError, match="expr conditions must compare t with numbers"):
        Signal.from_sympy(sympy.Piecewise((1, t < sympy.Symbol("a")), (0, True)), t, (0, 2))


@SETTINGS
@given(exact_signals(), exact_signals(), st.fractions(-3, 3, max_denominator=5))
def test_arithmetic_agrees_pointwise(f, g, c):
    if f.t_range != g.t_range:
        g = Signal.piecewise(f.t_range, [[F(1), F(-1)]])
    h = f + c * g - g
    t_end = f.t_range[1]
    for k in range(9):
        x = t_end * F(k, 8)
        assert h(x) == f(x) + c * g(x) - g(x)
    assert dict(h.diracs) == {t: w for t, w in _dirac_sum(f, g, c - 1).items() if w}


def _dirac_sum(f, g, c):
    out = dict(f.diracs)
    for t, w in g.diracs:
        out[t] = out.get(t, 0) + c * w
    return out


@SETTINGS
@given(exact_signals(diracs=True))
def test_primitive_matches_power_rule_and_derivative_inverts_it(f):
    big_f = f.primitive()
    t_end = f.t_range[1]
    for k in range(9):
        x = t_end * F(k, 8)
        assert big_f(x) == integral_reference(f, F(0), x, closed_right=True)
    back = big_f.derivative()
    for k in range(8):
        x = t_end * F(2 * k + 1, 16)
        assert back(x) == f(x)
    assert dict(back.diracs) == {t: w for t, w in f.diracs if t != 0}


@SETTINGS
@given(exact_signals(diracs=False))
def test_derivative_then_primitive_gives_the_signal_minus_its_start(y):
    z = y.derivative().primitive()
    for k in range(9):
        x = y.t_range[1] * F(k, 8)
        assert z(x) == y(x) - y(0)


@SETTINGS
@given(exact_signals(), st.integers(1, 12))
def test_bin_integrals_match_the_power_rule(f, n):
    t_end = f.t_range[1]
    edges = [t_end * F(k, n) for k in range(n + 1)]
    got = f.bin_integrals(edges).tolist()
    want = [integral_reference(f, a, b, closed_right=(b == t_end))
            for a, b in itertools.pairwise(edges)]
    assert got == want
    assert sum(got) == integral_reference(f, F(0), t_end, closed_right=True)


def test_bin_integrals_reject_bad_edges():
    f = Signal.piecewise([0.0, 1.0], [[1.0]])
    with pytest.raises(ValueError, match="edges must be strictly increasing"):
        f.bin_integrals([0.0, 0.5, 0.5])
    with pytest.raises(ValueError, match=r"edges must lie in \[t0, T\]"):
        f.bin_integrals([0.0, 2.0])


def test_restrict_keeps_values_and_diracs_in_the_closed_interval():
    f = Signal.from_samples([F(0), F(1), F(2)], [F(0), F(3), F(1)])
    f = f + Signal.dirac([F(1, 2), F(3, 2)], [F(5), F(7)], (0, 2))
    g = f.restrict(F(1, 2), F(3, 2))
    assert g.t_range == (F(1, 2), F(3, 2)) and g.diracs == ((F(1, 2), 5), (F(3, 2), 7))
    assert [g(x) for x in (F(1, 2), F(1), F(5, 4), F(3, 2))] == \
        [f(x) for x in (F(1, 2), F(1), F(5, 4), F(3, 2))]
    with pytest.raises(ValueError, match="b must be > a"):
        f.restrict(1, 1)


# ------------------------------------------------------------------------------------------
# Alexiewicz norm
# ------------------------------------------------------------------------------------------

def _float_copy(f: Signal) -> Signal:
    g = Signal.piecewise([float(b) for b in f.breakpoints],
                         [[float(c) for c in cs] for cs in f.coefficients])
    if f.diracs:
        g = g + Signal.dirac([float(t) for t, _ in f.diracs], [float(w) for _, w in f.diracs],
                             g.t_range)
    return g


@pytest.mark.parametrize("seed", range(6))
def test_float_alexiewicz_norm_matches_dense_brute_force(seed):
    f = _float_copy(random_signal(seed))
    assert f.alexiewicz_norm() == pytest.approx(dense_alexiewicz(f), abs=1e-9)


def _sympy_norm(f: Signal):
    """Oracle: sup |F| from SymPy (integrate, real_roots), evaluated to 60 digits."""
    t = sympy.Symbol("t")
    best = sympy.Integer(0)
    offset = sympy.Integer(0)
    bps = [sympy.Rational(b.numerator, b.denominator) for b in f.breakpoints]
    diracs = [(sympy.Rational(a.numerator, a.denominator),
               sympy.Rational(w.numerator, w.denominator)) for a, w in f.diracs]
    values = []
    for i, coeffs in enumerate(f.coefficients):
        a, b = bps[i], bps[i + 1]
        p = sum(sympy.Rational(c.numerator, c.denominator) * (t - a) ** k
                for k, c in enumerate(coeffs))
        big_p = sympy.integrate(p, (t, a, t))
        nodes = sorted({a, b} | {d for d, _ in diracs if a < d < b})
        crit = [r for r in sympy.Poly(p, t).real_roots() if a < r < b] if p != 0 else []

        def big_f(x, left=False, a=a, big_p=big_p, offset=offset):
            return offset + big_p.subs(t, x) + sum(
                w for d, w in diracs if a <= d < x or (d == x and not left))
        for x in nodes + crit:
            values.append(big_f(x))
            values.append(big_f(x, left=True))
        last = big_f(b, left=True)
        if i == len(f.coefficients) - 1:
            values.append(last + sum(w for d, w in diracs if d == b))
        offset = last
    for v in values:
        v = abs(sympy.N(v, 60))
        best = max(best, v)
    return best


# Seeds 3, 5, 7 without Diracs peak at irrational critical points (an Algebraic norm).
@pytest.mark.parametrize("seed, n_diracs, algebraic", [
    (0, 2, False), (1, 2, False), (2, 1, False), (3, 0, True), (5, 0, True), (7, 0, True)])
def test_exact_alexiewicz_norm_matches_sympy_to_60_digits(seed, n_diracs, algebraic):
    f = random_signal(seed, n_pieces=2, degree=3 if n_diracs else 2, n_diracs=n_diracs)
    norm = f.alexiewicz_norm()
    oracle = _sympy_norm(f)
    assert isinstance(norm, Algebraic) == algebraic
    if algebraic:
        while norm.hi - norm.lo > F(1, 10**55):
            norm.refine()
        assert norm.lo - F(1, 10**50) < F(str(oracle)) < norm.hi + F(1, 10**50)
    else:
        assert abs(norm - F(str(oracle))) < F(1, 10**50)


def test_exact_norm_of_a_quadratic_hump_is_algebraic_and_exact():
    # f = 1 - t^2 on [0, 2]: F(t) = t - t^3/3 peaks at t = 1 (2/3) and ends at -2/3 ... then
    # adding 1/7 tilts it: F(t) = t - t^3/3 + t/7, max at t = sqrt(8/7) (irrational).
    f = Signal.piecewise([F(0), F(2)], [[F(8, 7), F(0), F(-1)]])
    norm = f.alexiewicz_norm()
    assert isinstance(norm, Algebraic)
    peak = math.sqrt(8 / 7) * 8 / 7 - math.sqrt(8 / 7) ** 3 / 3
    assert float(norm) == pytest.approx(max(peak, abs(16 / 7 - 8 / 3)), rel=1e-15)
    assert norm > F(str(peak)) - F(1, 10**12)


def test_norm_counts_left_limits_and_values_at_diracs():
    # F jumps from 1 to -1 at t = 1: sup |F| = 1 is the left limit, attained sup is 1 too.
    f = Signal.piecewise([F(0), F(2)], [[F(1)]]) + Signal.dirac([F(1)], [F(-2)], (0, 2))
    assert f.alexiewicz_norm() == 1
    g = Signal.piecewise([F(0), F(2)], [[F(0)]]) + Signal.dirac([F(2)], [F(5, 2)], (0, 2))
    assert g.alexiewicz_norm() == F(5, 2)


def dense_leaky(f: Signal, alpha: float, per_piece: int = 20000) -> float:
    """Brute force sup |int e^{-alpha(t-s)} f(s) ds|: 5-point Gauss steps on a dense grid."""
    from scipy.signal import lfilter

    nodes, gauss_w = np.polynomial.legendre.leggauss(5)
    bps = [float(b) for b in f.breakpoints]
    diracs = [(float(t), float(w)) for t, w in f.diracs]
    u, best = 0.0, 0.0
    for i, coeffs in enumerate(f.coefficients):
        a, b = bps[i], bps[i + 1]
        cuts = sorted({a, b} | {t for t, _ in diracs if a < t < b})
        for lo, hi in itertools.pairwise(cuts):
            u += sum(w for t, w in diracs if t == lo)
            best = max(best, abs(u))
            grid = np.linspace(lo, hi, per_piece + 1)
            h = grid[1] - grid[0]
            s = grid[:-1, None] + (nodes + 1) * h / 2  # Gauss points of each step
            values = np.polynomial.polynomial.polyval(s - f.anchors[i],
                                                      [float(c) for c in coeffs])
            steps = (values * np.exp(-alpha * (grid[1:, None] - s))) @ gauss_w * h / 2
            path, _ = lfilter([1.0], [1.0, -math.exp(-alpha * h)], steps,
                              zi=[u * math.exp(-alpha * h)])
            best = max(best, float(np.max(np.abs(path))))
            u = float(path[-1])
    u += sum(w for t, w in diracs if t == bps[-1])
    return max(best, abs(u))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("alpha", [0.2, 3.0])
def test_leaky_alexiewicz_norm_matches_dense_brute_force(seed, alpha):
    f = _float_copy(random_signal(seed))
    assert f.alexiewicz_norm(leak_rate=alpha) == pytest.approx(dense_leaky(f, alpha), abs=1e-9)
    assert f.alexiewicz_norm(leak_rate=1e-9) == pytest.approx(f.alexiewicz_norm(), rel=1e-6)


def test_leaky_norm_needs_float_mode():
    with pytest.raises(ValueError, match="leak_rate > 0 needs a float signal"):
        Signal.piecewise([F(0), F(1)], [[F(1)]]).alexiewicz_norm(leak_rate=1)


def test_sup_norm_tells_a_limit_from_an_attained_value():
    # A sawtooth t - floor(t), then rest: every tooth climbs to 1 but never reaches it.
    f = Signal.piecewise([F(0), F(1), F(2), F(3)], [[F(0), F(1)], [F(0), F(1)], [F(0)]])
    assert f.sup_norm(attained=True) == (1, False)
    assert f(F(199, 100)) == F(99, 100)  # values come arbitrarily close to the supremum
    bump = Signal.piecewise([F(0), F(2)], [[F(0), F(2), F(-1)]])  # 2s - s^2, peak at s = 1
    assert bump.sup_norm(attained=True) == (1, True)
    closed = Signal.piecewise([F(0), F(1)], [[F(0), F(1)]])  # t on [0, 1]: f(1) = 1 is a value
    assert closed.sup_norm(attained=True) == (1, True)


def test_float_signal_evaluates_at_an_exact_algebraic_time():
    root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    assert Signal.piecewise([0.0, 2.0], [[0.0, 1.0]])(root2) == math.sqrt(2)


# ------------------------------------------------------------------------------------------
# Signal as a value: pieces, conversions, equality, refused operands
# ------------------------------------------------------------------------------------------

def test_pieces_are_a_public_view_that_rebuilds_the_signal():
    f = Signal.piecewise([F(0), F(1), F(3)], [[F(1), F(2)], [F(0), F(0), F(1)]])
    f = f + Signal.dirac([F(1, 2)], [F(5)], (0, 3))
    pieces = f.pieces()
    assert [(p.start, p.stop, p.anchor) for p in pieces] == [(0, 1, 0), (1, 3, 1)]
    assert pieces[1].coefficients == (0, 0, 1) and pieces[1](F(2)) == f(F(2)) == 1
    cut = f.pieces(cuts=[F(1, 2), F(7)])  # outside (t0, T): no cut
    assert [(p.start, p.stop, p.anchor) for p in cut] == [(0, F(1, 2), 0), (F(1, 2), 1, 0),
                                                          (1, 3, 1)]
    rebuilt = Signal.piecewise([p.start for p in pieces] + [f.t_range[1]],
                               [p.coefficients for p in pieces])
    assert rebuilt + Signal.dirac(*zip(*f.diracs), f.t_range) == f


def test_equality_compares_functions_not_representations():
    f = Signal.piecewise([F(0), F(2)], [[F(1), F(1)]])  # 1 + t
    split = f.pieces(cuts=[F(1)])
    g = Signal.piecewise([F(0), F(1), F(2)], [[F(1), F(1)], [F(2), F(1)]])  # same, re-anchored
    assert len(split) == 2 and f == g and hash(f) == hash(g)
    assert f + 0 == f and f - f == Signal.piecewise([F(0), F(2)], [[F(0)]])
    assert f != Signal.piecewise([F(0), F(2)], [[F(1), F(1)]], end_value=F(0))
    assert f != f + Signal.dirac([F(1)], [F(1)], (0, 2))
    assert f.to_float() == f and hash(f.to_float()) == hash(f)  # 1 + t in floats is exact
    assert Signal.piecewise([0.0, 1.0], [[0.1]]) != Signal.piecewise([0, 1], [[F(1, 10)]])
    assert len({f, g, f.to_float()}) == 1
    assert f.__eq__([1]) is NotImplemented


def test_to_exact_and_to_float_convert_every_number():
    f = Signal.piecewise([0.0, 0.5], [[0.1, 3.0]]) + Signal.dirac([0.25], [0.2], (0.0, 0.5))
    e = f.to_exact()
    assert e.exact and e.coefficients == ((F(0.1), F(3)),) and e.diracs == ((F(1, 4), F(0.2)),)
    assert e.to_float().coefficients == f.coefficients and e.to_float().diracs == f.diracs
    third = Signal.piecewise([F(0), F(1)], [[F(1, 3)]])
    assert third.to_float().coefficients == ((1 / 3,),)
    with pytest.raises(ValueError, match="signal coefficients holds a value of about 1e400"):
        Signal.piecewise([F(0), F(1)], [[F(10**400)]]).to_float()
    with pytest.raises(ValueError, match="signal breakpoints"):
        Signal.piecewise([F(0), F(1, 10**400)], [[F(1)]]).to_float()  # rounds to [0, 0]


def test_unordered_containers_are_refused_by_name():
    from ifsod.spiketrain import SpikeTrain

    with pytest.raises(TypeError, match="times must be an ordered sequence; got set"):
        Signal.dirac({0.25, 0.5}, [1.0, 2.0], (0.0, 1.0))
    with pytest.raises(TypeError, match="weights must be an ordered sequence; got frozenset"):
        Signal.dirac([0.25, 0.5], frozenset({1.0, 2.0}), (0.0, 1.0))
    with pytest.raises(TypeError, match="times must be an ordered sequence; got set"):
        SpikeTrain({0.25}, [1.0], (0.0, 1.0))
    with pytest.raises(TypeError, match="t_range must be a pair"):
        Signal.dirac([], [], {0.0, 1.0})
    with pytest.raises(TypeError, match="breakpoints must be an ordered sequence; got dict"):
        Signal.piecewise({0: 0, 1: 1}, [[1.0]])


def test_bool_and_array_operands_are_refused_both_ways():
    f = Signal.piecewise([0.0, 1.0], [[1.0]])
    for op in (lambda: f + True, lambda: f - True, lambda: True - f, lambda: f * True,
               lambda: False + f, lambda: f - np.bool_(True)):
        with pytest.raises(TypeError, match="other must be a real number or a Signal, not bool"):
            op()
    for op in (lambda: f + np.array([1.0]), lambda: f - np.array([1.0, 2.0]),
               lambda: np.array([1.0]) + f, lambda: np.array([1.0]) - f,
               lambda: np.ones(2) * f, lambda: f + [1.0]):
        with pytest.raises(TypeError, match="other must be a real number or a Signal"):
            op()
    assert (f + np.float64(2.0))(0.5) == 3.0 and (np.int64(2) * f)(0.5) == 2.0


def test_float_overflow_in_arithmetic_is_refused_by_name():
    big = Signal.piecewise([0.0, 1.0], [[1e308, 1e308]], end_value=1e308)
    with pytest.raises(ValueError, match="other: the sum overflows float64"):
        big + big
    with pytest.raises(ValueError, match="other: the product overflows float64"):
        big * 10
    with pytest.raises(ValueError, match="other: the sum overflows float64"):
        big + 1e308
    with pytest.raises(ValueError, match="weights: the Diracs at one instant add up"):
        Signal.dirac([0.5, 0.5], [1.7e308, 1.7e308], (0.0, 1.0))
    with pytest.raises(ValueError, match="the derivative overflows float64"):
        Signal.piecewise([0.0, 1.0], [[0.0, 0.0, 1e308]], end_value=0.0).derivative()
    with pytest.raises(ValueError, match="coefficients: the value at T overflows float64"):
        Signal.piecewise([0.0, 1.0], [[1e308, 1e308]])
    exact = big.to_exact()
    assert (exact + exact)(F(1, 2)) == 3 * F(1e308)  # exact mode holds it


@pytest.mark.parametrize("kind", ["linear", "constant"])
def test_vectorised_float_evaluation_equals_the_pointwise_values(kind):
    rng = np.random.default_rng(3)
    t = np.cumsum(rng.uniform(0.1, 1.0, 50))
    f = Signal.from_samples(t, rng.standard_normal(50), kind=kind)
    g = f + Signal.piecewise([t[0], t[-1]], [[0.5, -0.25, 0.125]])
    x = np.concatenate([t, rng.uniform(t[0], t[-1], 200)]).reshape(25, 10)
    got = g(x)
    assert got.shape == (25, 10) and got.dtype == float
    assert got.tolist() == [[g(float(v)) for v in row] for row in x]
    with pytest.raises(ValueError, match=r"t must lie in \[t0, T\]"):
        g(np.array([t[0] - 1.0]))
    with pytest.raises(ValueError, match="t must be finite"):
        g(np.array([np.nan]))


def test_the_constructor_takes_the_parts_of_a_signal_and_names_a_bad_one():
    f = Signal.piecewise([F(0), F(1), F(2)], [[F(1)], [F(0), F(2)]]) + Signal.dirac(
        [F(1, 2), F(1, 2)], [F(1), F(2)], (0, 2))
    parts = ([p.anchor for p in f.pieces()] + [f.t_range[1]],
             [(p.anchor, p.coefficients) for p in f.pieces()], f.end_value, f.diracs)
    assert Signal(*parts, exact=True) == f
    assert Signal([0, 1], [(0, [1])], 1, [(0.5, 2), (0.5, -2)], exact=True).diracs == ()
    g = Signal([0.0, 1.0], [(0.0, (0.5, 2.0))], 2.5, [(1.0, 0.25)], exact=False)
    assert g == Signal.piecewise([0.0, 1.0], [[0.5, 2.0]]) + Signal.dirac([1.0], [0.25],
                                                                          (0.0, 1.0))
    coefficients = [1.0, 2.0]
    h = Signal([0.0, 1.0], [(0.0, coefficients)], 3.0, [], exact=False)
    coefficients[0] = 5.0  # the signal holds its own copy
    assert h(0.0) == 1.0
    bad = {
        "breakpoints must hold at least two times": ([1.0], [], 0.0, [], False),
        "breakpoints must be strictly increasing": ([0.0, 0.0], [(0.0, [1.0])], 1.0, [], False),
        r"pieces must hold one \(anchor, coefficients\) pair per interval \(1\); got 2": (
            [0.0, 1.0], [(0.0, [1.0])] * 2, 1.0, [], False),
        r"pieces\[0\] must be a pair": ([0.0, 1.0], [(0.0,)], 1.0, [], False),
        r"pieces\[0\] must hold at least one coefficient": ([0.0, 1.0], [(0.0, [])], 1.0, [],
                                                           False),
        r"pieces\[0\] must hold finite coefficients": ([0.0, 1.0], [(0.0, [math.inf])], 1.0,
                                                      [], False),
        r"pieces\[0\] holds 1/10, which float64 cannot hold exactly": (
            [0.0, 1.0], [(0.0, [F(1, 10)])], 1.0, [], False),
        r"diracs must lie in \[t0, T\]": ([0.0, 1.0], [(0.0, [1.0])], 1.0, [(2.0, 1.0)], False),
        r"diracs\[0\] must be a pair": ([0.0, 1.0], [(0.0, [1.0])], 1.0, [(0.5,)], False),
        "end must be finite": ([0.0, 1.0], [(0.0, [1.0])], math.nan, [], False),
    }
    for match, args in bad.items():
        with pytest.raises(ValueError, match=match):
            Signal(*args)
    with pytest.raises(TypeError, match="exact must be a bool"):
        Signal([0.0, 1.0], [(0.0, [1.0])], 1.0, [], "no")
    with pytest.raises(TypeError, match="pieces must be a sequence of numbers"):
        Signal([0.0, 1.0], 7, 1.0, [], False)
    with pytest.raises(TypeError, match=r"pieces\[0\] must be a real number; got str"):
        Signal([0.0, 1.0], [(0.0, "a")], 1.0, [], False)

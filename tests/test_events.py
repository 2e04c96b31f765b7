"""Continuous IF/SOD encoders: closed forms, an exact oracle, T1, T2, T4, grid refinement."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from exact_reference import fire_reference
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_signal import exact_signals, random_signal

import ifsod
from ifsod.algebraic import Algebraic
from ifsod.events import if_events, sod_events
from ifsod.reconstruct import zero_order_hold
from ifsod.signal import Signal
from ifsod.spiketrain import SpikeTrain

SETTINGS = settings(max_examples=20, deadline=None)
thetas = st.fractions(min_value=F(1, 2), max_value=3, max_denominator=4)
resets = st.sampled_from(["mod", "subtract", "zero"])


# ------------------------------------------------------------------------------------------
# Closed forms
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("c, theta", [(F(3), F(2)), (F(-5, 2), F(1, 3)), (3.0, 0.7)])
def test_constant_input_fires_at_multiples_of_theta_over_c(c, theta):
    t_end = F(10) if isinstance(c, F) else 10.0
    eta = if_events(Signal.piecewise([0 * t_end, t_end], [[c]]), theta)
    k_max = math.floor(abs(c) * t_end / theta + 1e-9)
    want = [k * theta / abs(c) for k in range(1, k_max + 1)]
    if isinstance(c, F):
        assert list(eta.times) == want
        assert set(eta.weights) == {theta if c > 0 else -theta}
    else:
        np.testing.assert_allclose(eta.times, want, rtol=1e-12)
    assert eta.count == k_max


def test_ramp_fires_at_sqrt_of_2k_theta_exactly():
    theta = F(3, 4)
    eta = if_events(Signal.piecewise([F(0), F(5)], [[F(0), F(1)]]), theta)
    assert len(eta) == 16  # t^2/2 = k theta up to t = 5: k <= 50/3
    for k, tau in enumerate(eta.times, start=1):
        square = 2 * k * theta
        root = math.isqrt(square.numerator), math.isqrt(square.denominator)
        if root[0] ** 2 == square.numerator and root[1] ** 2 == square.denominator:
            assert tau == F(*root)
        else:
            assert isinstance(tau, Algebraic) and tau.poly == (-square, 0, 1)
            assert tau.lo ** 2 < square < tau.hi ** 2
    assert eta.times[5] == 3  # 2*6*(3/4) = 9


def test_float_ramp_times_are_polished_square_roots():
    eta = if_events(Signal.piecewise([0.0, 5.0], [[0.0, 1.0]]), 0.75)
    np.testing.assert_allclose(eta.times, np.sqrt(1.5 * np.arange(1, 17)), rtol=1e-15)


def test_dirac_far_above_theta_gives_one_event_under_mod():
    theta = F(2, 3)
    kick = Signal.dirac([F(1)], [F(7, 2) * theta], (0, 3))
    assert if_events(kick, theta).weights == (3 * theta,)
    assert if_events(kick, theta, reset="subtract").weights == (theta,)
    assert if_events(kick, theta, reset="zero").weights == (theta,)


@pytest.mark.parametrize("reset, error", [("mod", F(1, 2)), ("subtract", F(3, 2)),
                                          ("zero", F(3, 2))])
def test_t1_counterexample_alexiewicz_errors(reset, error):
    theta = F(2)
    kick = Signal.dirac([F(1)], [F(5, 2) * theta], (0, 3))
    assert if_events(kick, theta, reset=reset).alexiewicz_distance(kick) == error * theta


def test_saturated_subtract_neuron_fires_again_only_after_reentering_the_band():
    # u jumps to 2.5, spikes once (1.5 left), falls back through 1 at t = 2.5 (no spike) to
    # 0.5 at t = 3, then rises and crosses +1 at t = 3.5, 4.5, 5.5.
    f = Signal.piecewise([F(0), F(2), F(3), F(6)], [[F(0)], [F(-1)], [F(1)]])
    f = f + Signal.dirac([F(1)], [F(5, 2)], (0, 6))
    eta = if_events(f, 1, reset="subtract")
    assert eta.times == (1, F(7, 2), F(9, 2), F(11, 2)) and eta.weights == (1, 1, 1, 1)


# ------------------------------------------------------------------------------------------
# Exact oracle: piecewise-constant input with Diracs (u is piecewise linear)
# ------------------------------------------------------------------------------------------

def oracle_events(levels, bps, diracs, theta, reset):
    """D4 in continuous time for f = levels[i] on [bps[i], bps[i+1]), written out directly."""
    weights = {}
    for t, w in diracs:
        weights[t] = weights.get(t, 0) + w
    nodes = sorted(set(bps) | set(weights))
    u, out = F(0), []

    def emit(t, s):
        out.append((t, s))

    for p, q in itertools.pairwise(nodes):
        w = weights.get(p, 0)
        if w:
            s, u = fire_reference(u + w, theta, reset)
            if s:
                emit(p, s)
        c = levels[max(i for i, b in enumerate(bps[:-1]) if b <= p)]
        t = p
        while True:
            if abs(u) >= theta:  # saturated: re-enters where u comes back to +-theta
                if c == 0 or (u > 0) == (c > 0):
                    break
                t_hit = t + (abs(u) - theta) / abs(c)
                if t_hit >= q:
                    break
                t, u = t_hit, theta if u > 0 else -theta
                target = -theta if u > 0 else theta  # next crossing is on the far side
            else:
                if c == 0:
                    break
                target = theta if c > 0 else -theta
            t_hit = t + (target - u) / c
            if t_hit > q or (t_hit == q and weights.get(q, 0)):
                break
            emit(t_hit, target)
            t, u = t_hit, F(0)
        u += c * (q - t)
    w = weights.get(nodes[-1], 0)
    if w:
        v = u + w
        if reset == "mod":
            s = theta * math.trunc(v / theta)
        else:
            s = (theta if v > 0 else -theta) if abs(v) >= theta else 0
        if s:
            emit(nodes[-1], s)
    return out


@st.composite
def step_signals(draw):
    n = draw(st.integers(1, 4))
    bps = [F(0)]
    for _ in range(n):
        bps.append(bps[-1] + draw(st.fractions(F(1, 4), 2, max_denominator=4)))
    levels = [draw(st.fractions(-3, 3, max_denominator=3)) for _ in range(n)]
    k = draw(st.integers(0, 4))
    times = [draw(st.integers(0, 8).map(lambda j: bps[-1] * F(j, 8))) for _ in range(k)]
    ws = [draw(st.one_of(st.fractions(-4, 4, max_denominator=2), st.integers(-50, 50).map(F)))
          for _ in range(k)]
    return levels, bps, list(zip(times, ws))


@settings(max_examples=60, deadline=None)
@given(step_signals(), thetas, resets)
def test_if_events_match_the_exact_oracle_on_step_signals(data, theta, reset):
    levels, bps, diracs = data
    f = Signal.piecewise(bps, [[c] for c in levels])
    if diracs:
        f = f + Signal.dirac([t for t, _ in diracs], [w for _, w in diracs], (0, bps[-1]))
    want = oracle_events(levels, bps, diracs, theta, reset)
    eta = if_events(f, theta, reset=reset)
    assert list(zip(eta.times, eta.weights)) == want


# ------------------------------------------------------------------------------------------
# Theorems on random exact piecewise polynomials with Diracs
# ------------------------------------------------------------------------------------------

def below_everywhere(f, c):
    """|f(t)| < c at every t: the supremum is below c, or equals c only as a limit."""
    sup, attained = f.sup_norm(attained=True)
    return sup < c or (sup == c and not attained)


def check_t1(f, theta):
    eta = if_events(f, theta)
    u = (f - eta.to_signal()).primitive()  # the membrane u(t) = F(t) - S(t)
    assert below_everywhere(u, theta)  # |u(t)| < theta at every t (T1)
    assert eta.alexiewicz_distance(f) == u.sup_norm()
    return eta


@SETTINGS
@given(exact_signals(max_pieces=2), thetas)
def test_t1_pointwise_under_reset_to_mod(f, theta):
    check_t1(f, theta)


@pytest.mark.parametrize("seed", range(3))
def test_t1_pointwise_with_irrational_event_times(seed):
    eta = check_t1(random_signal(seed, n_pieces=2, degree=3, n_diracs=2), F(1, 2))
    assert any(isinstance(t, Algebraic) for t in eta.times)


@SETTINGS
@given(exact_signals(max_pieces=2, max_degree=2), exact_signals(max_pieces=2, max_degree=2),
       thetas)
def test_t2_quasi_isometry(f, g, theta):
    if g.t_range != f.t_range:
        g = Signal.piecewise(f.t_range, [list(g.coefficients[0])])
    d_signal = (g - f).alexiewicz_norm()
    d_train = if_events(g, theta).alexiewicz_distance(if_events(f, theta))
    # Continuous time: |u| < theta pointwise, but the sup may reach theta as a limit, so the
    # bounds hold with equality allowed (see the test below).
    assert d_signal - 2 * theta <= d_train <= d_signal + 2 * theta


def test_t2_lower_bound_is_reached_in_continuous_time():
    # F -> theta as t -> T from below, and a Dirac at T takes it back to 0: no spike at all;
    # g is the mirror image.  ||g - f||_A = 2 theta, the trains are both empty.
    theta = half = F(1, 2)
    f = Signal.piecewise([F(0), half], [[F(1)]]) + Signal.dirac([half], [-half], (0, half))
    g = Signal.piecewise([F(0), half], [[F(-1)]]) + Signal.dirac([half], [half], (0, half))
    assert if_events(f, theta).times == if_events(g, theta).times == ()
    assert (g - f).alexiewicz_norm() == 2 * theta


def check_t4(y, delta):
    events = sod_events(y, delta)
    assert events == if_events(y.derivative(), delta, reset="mod")
    y_hat = zero_order_hold(y(0), events)
    assert below_everywhere(y - y_hat, delta)
    return events


@SETTINGS
@given(exact_signals(max_pieces=3, diracs=False), thetas)
def test_t4_sod_is_if_of_the_derivative_and_the_hold_stays_in_the_band(y, delta):
    check_t4(y, delta)


@pytest.mark.parametrize("seed", range(3))
def test_t4_with_irrational_event_times(seed):
    events = check_t4(random_signal(seed, n_pieces=3, degree=3, n_diracs=0), F(1, 3))
    assert any(isinstance(t, Algebraic) for t in events.times)


def test_t4_on_a_signal_given_with_integer_range_and_sympy_coefficients():
    # Integer ends pass through NumPy; the exact times must not inherit NumPy integers.
    import sympy
    t = sympy.Symbol("t")
    y = Signal.from_sympy(t**2, t, (0, 2))
    events = check_t4(y, F(1, 2))
    assert events.times[:2] == (Algebraic([F(-1, 2), F(0), F(1)], F(0), F(1)), F(1))
    assert events.count == 8


@SETTINGS
@given(exact_signals(max_pieces=2, diracs=False), thetas)
def test_without_diracs_the_three_resets_coincide(f, theta):
    trains = {r: if_events(f, theta, reset=r) for r in ("mod", "subtract", "zero")}
    assert trains["mod"] == trains["subtract"] == trains["zero"]


@SETTINGS
@given(step_signals(), thetas)
def test_small_diracs_make_subtract_equal_mod(data, theta):
    levels, bps, diracs = data
    f = Signal.piecewise(bps, [[c] for c in levels])
    merged: dict = {}
    for t, w in diracs:
        merged[t] = merged.get(t, 0) + w
    small = [(t, w) for t, w in merged.items() if abs(w) < theta]  # Diracs at one instant add
    if small:
        f = f + Signal.dirac([t for t, _ in small], [w for _, w in small], (0, bps[-1]))
    assert if_events(f, theta, reset="subtract") == if_events(f, theta)


# ------------------------------------------------------------------------------------------
# Agreement with the discrete encoder on bin integrals
# ------------------------------------------------------------------------------------------

def _discrete_count(f, theta, n_bins):
    t_end = f.t_range[1]
    edges = [t_end * F(k, n_bins) for k in range(n_bins + 1)]
    spikes = ifsod.if_encode(f.bin_integrals(edges), theta)
    return int(sum(abs(s) for s in spikes) / theta), spikes, edges


@SETTINGS
@given(exact_signals(max_pieces=2), thetas)
def test_discrete_counts_grow_under_refinement_up_to_the_continuous_count(f, theta):
    # Sampling F at grid points keeps the continuous train feasible for the discrete problem,
    # so by T3 the discrete count is at most the continuous one and grows on nested grids.
    # Feasible means |F - S| < theta at the grid's left limits too: a membrane that reaches
    # theta only as a left limit (a crossing merged with a Dirac) is below it in continuous
    # time but not on a grid ending there.
    eta = if_events(f, theta)
    assume((f - eta.to_signal()).primitive().sup_norm() < theta)
    count = eta.count
    counts = [_discrete_count(f, theta, 2**j)[0] for j in range(0, 7)]
    assert counts == sorted(counts) and counts[-1] <= count


@pytest.mark.parametrize("seed", range(6))
def test_discrete_counts_reach_the_continuous_count_on_a_fine_grid(seed):
    f = random_signal(seed, n_pieces=3, degree=2, n_diracs=2)
    theta = F(1, 2)
    eta = if_events(f, theta)
    count, spikes, edges = _discrete_count(f, theta, 4096)
    assert count == eta.count
    # ... and every discrete spike sits in the bin of a continuous event of the same sign.
    on_grid = eta.on_grid(edges)
    assert sum(abs(a - b) for a, b in zip(on_grid, spikes)) <= 2 * theta * len(eta)
    assert sum(on_grid) == sum(spikes)


@pytest.mark.parametrize("seed", range(4))
def test_float_mode_agrees_with_exact_mode(seed):
    f = random_signal(seed, n_pieces=3, degree=3, n_diracs=2)
    theta = F(1, 2)
    exact = if_events(f, theta)
    g = Signal.piecewise([float(b) for b in f.breakpoints],
                         [[float(c) for c in cs] for cs in f.coefficients])
    g = g + Signal.dirac([float(t) for t, _ in f.diracs], [float(w) for _, w in f.diracs],
                         g.t_range)
    approx = if_events(g, 0.5)
    assert approx.weights == tuple(float(w) for w in exact.weights)
    np.testing.assert_allclose(approx.times, [float(t) for t in exact.times], rtol=0,
                               atol=1e-12)


# ------------------------------------------------------------------------------------------
# Bad input
# ------------------------------------------------------------------------------------------

def test_bad_input_names_the_parameter():
    f = Signal.piecewise([0.0, 1.0], [[1.0]])
    with pytest.raises(ValueError, match="theta must be > 0"):
        if_events(f, 0.0)
    with pytest.raises(ValueError, match="theta must be finite"):
        if_events(f, math.nan)
    with pytest.raises(ValueError, match="delta must be > 0"):
        sod_events(f, -1.0)
    with pytest.raises(ValueError, match="reset must be one of"):
        if_events(f, 1.0, reset="hard")
    with pytest.raises(TypeError, match="signal must be a Signal"):
        if_events([1.0, 2.0], 1.0)
    with pytest.raises(ValueError, match="signal must have no Diracs"):
        sod_events(f + Signal.dirac([0.5], [1.0], (0.0, 1.0)), 1.0)


def test_empty_train_for_a_subthreshold_signal():
    eta = if_events(Signal.piecewise([F(0), F(1)], [[F(1, 2)]]), F(1))
    assert eta == SpikeTrain([], [], (0, 1), theta=F(1)) and eta.count == 0


# ------------------------------------------------------------------------------------------
# LIF (leak_rate > 0, float mode)
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("c, alpha, theta", [(2.0, 1.0, 1.0), (-3.0, 0.5, 0.7), (5.0, 2.0, 2.0)])
def test_lif_constant_input_fires_periodically(c, alpha, theta):
    eta = if_events(Signal.piecewise([0.0, 10.0], [[c]]), theta, leak_rate=alpha)
    period = math.log(abs(c) / (abs(c) - alpha * theta)) / alpha
    want = period * np.arange(1, int(10.0 / period + 1e-9) + 1)
    np.testing.assert_allclose(eta.times, want, rtol=1e-12)
    assert set(eta.weights) == {math.copysign(theta, c)}


def test_lif_never_fires_below_the_leak_equilibrium():
    # u -> c/alpha = theta, reached only in the limit: no spike.
    assert len(if_events(Signal.piecewise([0.0, 20.0], [[1.0]]), 1.0, leak_rate=1.0)) == 0


def lif_oracle(levels, bps, diracs, theta, alpha):
    """LIF^M for piecewise-constant input with Diracs, from u = c/a + (u0 - c/a) e^{-a t}."""
    weights = {}
    for t, w in diracs:
        weights[t] = weights.get(t, 0.0) + w
    nodes = sorted(set(bps) | set(weights))
    u, out = 0.0, []
    for p, q in itertools.pairwise(nodes):
        if weights.get(p):
            v = u + weights[p]
            # The exact remainder of the float values (a rounded quotient can miss a near-tie).
            u = math.fmod(v, theta)
            s = v - u
            if s:
                out.append((p, s))
        c = levels[max(i for i, b in enumerate(bps[:-1]) if b <= p) ] / alpha
        t = p
        while c != 0 and abs(c) > theta:
            target = math.copysign(theta, c)
            t_hit = t + math.log((u - c) / (target - c)) / alpha
            if t_hit > q or (t_hit == q and weights.get(q)):
                break
            out.append((t_hit, target))
            t, u = t_hit, 0.0
        u = c + (u - c) * math.exp(-alpha * (q - t))
    if weights.get(nodes[-1]):
        v = u + weights[nodes[-1]]
        if abs(v) >= theta:
            out.append((nodes[-1], v - math.fmod(v, theta)))
    return out


@settings(max_examples=40, deadline=None)
@given(step_signals(), thetas, st.sampled_from([0.25, 1.0, 3.0]))
def test_lif_matches_the_closed_form_oracle_on_step_signals(data, theta, alpha):
    levels, bps, diracs = data
    levels = [float(c) * 4 for c in levels]
    bps = [float(b) for b in bps]
    diracs = [(float(t), float(w)) for t, w in diracs]
    f = Signal.piecewise(bps, [[c] for c in levels])
    if diracs:
        f = f + Signal.dirac([t for t, _ in diracs], [w for _, w in diracs], (0.0, bps[-1]))
    want = lif_oracle(levels, bps, diracs, float(theta), alpha)
    eta = if_events(f, float(theta), leak_rate=alpha)
    merged = SpikeTrain([t for t, _ in want], [w for _, w in want], (0.0, bps[-1]))
    assert eta.weights == merged.weights
    np.testing.assert_allclose(eta.times, merged.times, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_lif_leaky_residual_stays_below_theta(seed):
    f = _float_signal(random_signal(seed, n_pieces=3, degree=3, n_diracs=2))
    for alpha in (0.3, 2.0):
        eta = if_events(f, 0.5, leak_rate=alpha)
        assert (f - eta.to_signal()).alexiewicz_norm(leak_rate=alpha) <= 0.5 * (1 + 1e-9)


def _float_signal(f):
    g = Signal.piecewise([float(b) for b in f.breakpoints],
                         [[float(c) for c in cs] for cs in f.coefficients])
    return g + Signal.dirac([float(t) for t, _ in f.diracs], [float(w) for _, w in f.diracs],
                            g.t_range)


def test_lif_rejects_exact_input_and_negative_rates():
    with pytest.raises(ValueError, match="leak_rate must be >= 0"):
        if_events(Signal.piecewise([0.0, 1.0], [[1.0]]), 1.0, leak_rate=-1.0)
    with pytest.raises(ValueError, match="leak_rate > 0 needs a float signal"):
        if_events(Signal.piecewise([F(0), F(1)], [[F(1)]]), 1, leak_rate=1.0)
    with pytest.raises(TypeError, match="leak_rate must be a real number"):
        if_events(Signal.piecewise([0.0, 1.0], [[1.0]]), 1.0, leak_rate="1")


# ------------------------------------------------------------------------------------------
# Float mode on long signals
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["linear", "constant"])
def test_float_mode_on_a_long_random_walk_agrees_with_exact_mode(kind):
    rng = np.random.default_rng(7)
    n = 400
    # Denominator 997: no exact ties with multiples of theta, where floats may round either way.
    values = [F(int(v), 997) for v in np.cumsum(rng.integers(-700, 701, n + 1))]
    times = [F(k, 10) for k in range(n + 1)]
    exact = Signal.from_samples(times, values, kind=kind)
    approx = Signal.from_samples([float(t) for t in times], [float(v) for v in values],
                                 kind=kind)
    theta = F(1, 4)
    for encode in (lambda f, th: if_events(f, th), sod_events):
        want, got = encode(exact, theta), encode(approx, float(theta))
        assert got.weights == tuple(float(w) for w in want.weights)
        np.testing.assert_allclose(got.times, [float(t) for t in want.times], rtol=0,
                                   atol=1e-9)
    eta = if_events(approx, 0.25)
    assert (approx - eta.to_signal()).alexiewicz_norm() <= 0.25 * (1 + 1e-9)


def test_exact_mode_resolves_ties_at_multiples_of_delta():
    # y jumps by exactly 3*delta; in floats 0.3 / 0.1 truncates to 2 (T7: exactness matters).
    y = Signal.from_samples([F(0), F(1), F(2)], [F(0), F(3, 10), F(3, 10)], kind="constant")
    assert sod_events(y, F(1, 10)).weights == (F(3, 10),)
    assert if_events(y.derivative(), F(1, 10)).weights == (F(3, 10),)


@pytest.mark.parametrize("seed", range(3))
def test_idempotence_and_silent_residual_with_irrational_times(seed):
    # T7: IF^M(eta) = eta for eta in S_theta (exactly, at algebraic times), and the residual
    # f - eta, whose primitive stays below theta except as left limits, fires nothing.
    f = random_signal(seed, n_pieces=2, degree=3, n_diracs=2)
    theta = F(1, 2)
    eta = if_events(f, theta)
    assert any(isinstance(t, Algebraic) for t in eta.times)
    assert if_events(eta.to_signal(), theta) == eta
    assert len(if_events(f - eta.to_signal(), theta)) == 0


def test_diracs_at_irrational_times_keep_the_level_rational():
    # Re-encoding a residual: the train's Diracs sit at irrational times.
    ramp = Signal.piecewise([F(0), F(2)], [[F(0), F(1)]])
    eta = if_events(ramp, F(1))
    assert isinstance(eta.times[0], Algebraic)  # sqrt(2)
    g = Signal.piecewise([F(0), F(2)], [[F(1, 3), F(0), F(1)]]) - eta.to_signal()
    check_t1(g, F(1))
    # A Dirac of 5 at sqrt(2) on t^2: v = 2 sqrt(2)/3 + 5, so mod fires 5 at once.
    kick = Signal.piecewise([F(0), F(2)], [[F(0), F(0), F(1)]]) + Signal.dirac(
        [eta.times[0]], [F(5)], (0, 2))
    train = check_t1(kick, F(1))
    assert (train.times[0], train.weights[0]) == (eta.times[0], F(5))
    with pytest.raises(ValueError, match="reset='zero' at the irrational instant"):
        if_events(kick, F(1), reset="zero")


def test_algebraic_division_and_truncation():
    root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    assert math.trunc(root2 / F(1, 3)) == 4  # 3 sqrt(2) = 4.24...
    assert math.trunc(-root2 / F(1, 3)) == -4
    assert math.trunc(root2 / F(-2)) == 0
    assert root2 / F(1, 3) > F(424, 100) and root2 / F(1, 3) < F(425, 100)


# ------------------------------------------------------------------------------------------
# Floats agree with exact mode on exactly representable input (ties and tangencies)
# ------------------------------------------------------------------------------------------

def test_float_tangency_fires_where_exact_mode_does():
    # The primitive touches -1 at t = 1.25 (a double root of F + 1): the event is there.
    f = Signal.piecewise([0, .75, 1.875, 3], [[-.75, -1.75, 1.5], [-.5, .25, 1.5], [1.75]])
    approx, exact = if_events(f, 1.0), if_events(f.to_exact(), F(1))
    assert exact.times[0] == F(5, 4) and approx.times[0] == 1.25
    assert approx.weights == tuple(float(w) for w in exact.weights)
    np.testing.assert_allclose(approx.times, [float(t) for t in exact.times], rtol=1e-15)


quarters = st.integers(-8, 8).map(lambda k: F(k, 4))


@st.composite
def dyadic_signals(draw, max_degree=1):
    """Small dyadic piecewise polynomials with Diracs: every input float is exact, and ties
    (a crossing at a breakpoint, at a Dirac, a tangency) are common."""
    n = draw(st.integers(1, 3))
    bps = [F(0)]
    for _ in range(n):
        bps.append(bps[-1] + draw(st.integers(1, 6)) * F(1, 4))
    coeffs = [draw(st.lists(quarters, min_size=1, max_size=max_degree + 1)) for _ in range(n)]
    f = Signal.piecewise(bps, coeffs)
    k = draw(st.integers(0, 3))
    if k:
        times = [draw(st.sampled_from(bps + [bps[-1] * F(j, 8) for j in range(9)]))
                 for _ in range(k)]
        f = f + Signal.dirac(times, [draw(quarters) for _ in range(k)], (0, bps[-1]))
    return f


def assert_same_train(approx, exact):
    assert approx.weights == tuple(float(w) for w in exact.weights)
    np.testing.assert_allclose(approx.times, [float(t) for t in exact.times], rtol=1e-12,
                               atol=1e-12)


@settings(max_examples=10_000, deadline=None)
@given(dyadic_signals(), st.sampled_from([F(1, 4), F(1, 2), F(3, 4), F(1), F(3, 2)]), resets,
       st.booleans())
def test_float_events_equal_exact_events_on_dyadic_input(f, theta, reset, sod):
    if sod:  # SOD of the primitive (no Diracs): a quadratic level
        y = Signal.piecewise(f.breakpoints, f.coefficients).primitive()
        assert_same_train(sod_events(y.to_float(), float(theta)), sod_events(y, theta))
    else:
        assert_same_train(if_events(f.to_float(), float(theta), reset=reset),
                          if_events(f, theta, reset=reset))


@settings(max_examples=150, deadline=None)
@given(dyadic_signals(max_degree=2), st.sampled_from([F(1, 2), F(1), F(3, 2)]), resets)
def test_float_events_equal_exact_events_on_dyadic_cubic_primitives(f, theta, reset):
    assert_same_train(if_events(f.to_float(), float(theta), reset=reset),
                      if_events(f, theta, reset=reset))


# ------------------------------------------------------------------------------------------
# Floats: the continuous encoder on Diracs is the discrete encoder
# ------------------------------------------------------------------------------------------

def test_decimal_ties_on_diracs_match_if_encode():
    d = Signal.dirac([0.5, 1.5, 2.5], [0.6, 0.6, 0.2], (0.0, 3.0))
    for reset in ("mod", "subtract", "zero"):
        train = if_events(d, 0.2, reset=reset)
        want = ifsod.if_encode([0.6, 0.6, 0.2], 0.2, reset=reset)
        assert train.on_grid([0.0, 1.0, 2.0, 3.0]).tolist() == want.tolist()
    assert if_events(d, 0.2, reset="zero").count == 3


decimals = st.integers(-40, 40).filter(bool).map(lambda k: k / 10)


@settings(max_examples=300, deadline=None)
@given(st.lists(decimals, min_size=1, max_size=12),
       st.sampled_from([0.1, 0.2, 0.3, 0.7, 1.1]), resets)
def test_continuous_encoder_on_diracs_gives_the_discrete_train(ws, theta, reset):
    n = len(ws)
    d = Signal.dirac([k + 0.5 for k in range(n)], ws, (0.0, float(n)))
    edges = [float(k) for k in range(n + 1)]
    x = d.bin_integrals(edges)
    assert x.tolist() == ws  # one Dirac per bin: its weight, no difference of running sums
    want = ifsod.if_encode(x, theta, reset=reset)
    assert if_events(d, theta, reset=reset).on_grid(edges).tolist() == want.tolist()


# ------------------------------------------------------------------------------------------
# Reset-to-mod: finite spikes for finite input
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("w, theta", [(1.0, 5e-324), (-1e308, 0.3), (1e308, 1e-300),
                                      (1.7976931348623157e308, 2.5e-308)])
def test_mod_spikes_stay_finite_where_v_over_theta_overflows(w, theta):
    eta = if_events(Signal.dirac([0.5], [w], (0.0, 1.0)), theta)
    (s,) = eta.weights
    assert math.isfinite(s) and s == w - math.fmod(w, theta)
    assert abs(w - s) < theta  # the remainder left in the membrane (T1)
    assert eta.count == round(abs(F(s)) / F(theta))


def test_mod_count_beyond_the_float_range_is_exact():
    eta = if_events(Signal.dirac([0.5], [1.0], (0.0, 1.0)), 5e-324)
    assert eta.weights == (1.0,) and eta.count == 2**1074


def test_sod_with_a_subnormal_delta_stays_finite():
    y = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 1.0], kind="constant")
    assert sod_events(y, 1e-310).weights == (1.0,)


def test_a_membrane_beyond_the_float_range_is_refused_by_name():
    f = Signal.dirac([0.5, 1.0], [1.7e308, 1.7e308], (0.0, 2.0))
    with pytest.raises(ValueError, match="signal: the membrane at t = 1.0 overflows"):
        if_events(f, 1e308, reset="subtract")


# ------------------------------------------------------------------------------------------
# The compiled float loop
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("degree", [1, 2, 3])
@pytest.mark.parametrize("reset", ["mod", "subtract", "zero"])
def test_compiled_event_loop_is_its_python_source_bit_for_bit(degree, reset):
    from ifsod.events import float_membrane, track_floats

    rng = np.random.default_rng(degree)
    n = 300
    bps = np.cumsum(rng.uniform(0.01, 0.2, n + 1))
    f = Signal.piecewise(bps, rng.standard_normal((n, degree + 1)).tolist())
    f = f + Signal.dirac(rng.choice(bps, 40).tolist() + rng.uniform(bps[0], bps[-1], 10).tolist(),
                         (3 * rng.standard_normal(50)).tolist(), f.t_range)
    for kind, signal in (("if", f), ("sod", Signal.piecewise(bps, f.coefficients))):
        membrane = float_membrane(signal, kind)
        compiled = track_floats(membrane, 0.3, reset, f.t_range)
        source = track_floats(membrane, 0.3, reset, f.t_range, compiled=False)
        assert compiled == source and len(compiled) > 20
        assert np.asarray(compiled.times).tobytes() == np.asarray(source.times).tobytes()


def test_float_events_of_a_long_signal_leave_the_membrane_below_theta():
    rng = np.random.default_rng(11)
    t = np.arange(2001) * 0.01
    f = Signal.from_samples(t, np.cumsum(rng.standard_normal(2001)) * 0.1 + np.sin(t))
    eta = if_events(f, 0.05)
    assert eta.count > 400
    assert (f - eta.to_signal()).alexiewicz_norm() <= 0.05 * (1 + 1e-9)  # T1
    sod, via_if = sod_events(f, 0.05), if_events(f.derivative(), 0.05)  # T4, both compiled
    assert sod.weights == via_if.weights
    np.testing.assert_allclose(sod.times, via_if.times, rtol=0, atol=1e-12)


def test_float_events_beyond_the_compiled_degree_follow_the_python_tracker():
    # Quartic input: a quintic membrane, above what the compiled loop takes.
    f = Signal.piecewise([F(0), F(3, 2), F(3)], [[F(1, 2), F(-1), F(0), F(1, 4), F(1, 8)],
                                                [F(-1), F(1, 2), F(1, 4)]])
    f = f + Signal.dirac([F(3, 2)], [F(-3, 4)], (0, 3))
    for reset in ("mod", "subtract", "zero"):
        assert_same_train(if_events(f.to_float(), 0.25, reset=reset),
                          if_events(f, F(1, 4), reset=reset))

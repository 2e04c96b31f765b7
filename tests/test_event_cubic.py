"""The float event loop on cubic and quartic membranes (quadratic and cubic input under IF,
cubic levels under SOD) against exact mode: ties, tangencies, many events a piece."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events import assert_same_train, dyadic_signals

from ifsod._roots import MAX_DEGREE, as_values
from ifsod.algebraic import Algebraic
from ifsod.events import float_membrane, if_events, sod_events, track_floats
from ifsod.signal import Signal

resets = st.sampled_from(["mod", "subtract", "zero"])


@settings(max_examples=500, deadline=None)
@given(dyadic_signals(max_degree=3), st.sampled_from([F(1, 4), F(1, 2), F(1), F(3, 2)]),
       resets)
def test_quartic_membranes_fire_as_exact_mode_on_dyadic_input(f, theta, reset):
    assert_same_train(if_events(f.to_float(), float(theta), reset=reset),
                      if_events(f, theta, reset=reset))


@settings(max_examples=300, deadline=None)
@given(dyadic_signals(max_degree=3), st.sampled_from([F(1, 4), F(1, 2), F(1)]))
def test_sod_of_cubic_pieces_fires_as_exact_mode(f, delta):
    # The pieces themselves are the level y: cubic, with jumps where they do not join.
    y = Signal.piecewise(f.breakpoints, f.coefficients)
    assert_same_train(sod_events(y.to_float(), float(delta)), sod_events(y, delta))


def test_a_quartic_membrane_touching_theta_fires_at_the_tangency():
    # F = 1 - (t - 1)^2 (t^2 + 1) touches 1 at t = 1 with F'(1) = 0, then falls below -1.
    f = Signal.piecewise([F(0), F(3)], [[F(2), F(-4), F(6), F(-4)]])
    exact, approx = if_events(f, F(1)), if_events(f.to_float(), 1.0)
    assert exact.times[0] == 1 and approx.times[0] == 1.0
    assert exact.weights[0] == 1 and all(w == -1 for w in exact.weights[1:])
    assert isinstance(exact.times[1], Algebraic)
    assert_same_train(approx, exact)
    # Just below the tangency nothing fires there: the first event is the fall to -theta.
    lower = if_events(f.to_float(), 1.0 + 2.0**-40)
    assert lower.weights[0] < 0 and lower.times[0] > 1.5


def test_critical_points_on_levels_inside_a_piece():
    # F = 16 (t^4/4 - 2t^3 + 11t^2/2 - 6t): turning points at 1, 2, 3 with F = -36, -32, -36,
    # multiples of theta, so the membrane touches a level at each of them.
    f = Signal.piecewise([F(0), F(4)], [[F(-96), F(176), F(-96), F(16)]])
    theta = F(1, 4)
    exact = if_events(f, theta)
    approx = if_events(f.to_float(), float(theta))
    assert_same_train(approx, exact)
    assert exact.count == 2 * (36 + 4) * 4  # down, up, down, up to F(4) = 0
    for turn in (1, 2, 3):
        assert F(turn) in exact.times and float(turn) in approx.times


def test_a_crossing_at_a_breakpoint_merges_with_the_dirac_there():
    # F = t^3 reaches theta = 1 exactly at the breakpoint t = 1, where a Dirac of -1/2 sits.
    base = Signal.piecewise([F(0), F(1), F(2)], [[F(0), F(0), F(3)], [F(3), F(6), F(3)]])
    for w in (F(-1, 2), F(1, 2), F(0)):
        f = base + Signal.dirac([F(1)], [w], (0, 2)) if w else base
        for reset in ("mod", "subtract", "zero"):
            exact = if_events(f, F(1), reset=reset)
            assert_same_train(if_events(f.to_float(), 1.0, reset=reset), exact)
        assert (F(1) in exact.times) == (w >= 0)


def test_many_events_a_piece_far_from_the_origin():
    # One long cubic piece at t ~ 1000: hundreds of events, each root to the time's precision.
    f = Signal.piecewise([F(1000), F(1004)], [[F(8), F(0), F(-3, 4), F(1, 4)]])
    exact = if_events(f, F(1, 8))
    approx = if_events(f.to_float(), 0.125)
    assert exact.count > 250
    assert approx.weights == tuple(float(w) for w in exact.weights)
    np.testing.assert_allclose(approx.times, [float(t) for t in exact.times], rtol=2**-50,
                               atol=0)


@pytest.mark.parametrize("seed", range(3))
def test_float_cubic_splines_fire_as_exact_mode_on_their_own_floats(seed):
    # Any float input is exact as Fractions: the float loop must find that train's events.
    rng = np.random.default_rng(seed)
    n = 12
    bps = np.cumsum(np.r_[0.0, rng.uniform(0.05, 0.3, n)])
    coeffs = (rng.standard_normal((n, 4)) * [8.0, 4.0, 4.0, 8.0]).tolist()
    f = Signal.piecewise(bps.tolist(), coeffs)
    exact = if_events(f.to_exact(), F(1, 4))
    approx = if_events(f, 0.25)
    assert exact.count > 10
    assert approx.weights == tuple(float(w) for w in exact.weights)
    np.testing.assert_allclose(approx.times, [float(t) for t in exact.times], rtol=0,
                               atol=1e-12)


@pytest.mark.parametrize("kind", ["if", "sod"])
def test_compiled_loop_is_its_source_on_a_fine_cubic_spline(kind):
    from scipy.interpolate import CubicSpline

    rng = np.random.default_rng(5)
    t = np.arange(401) * 0.01
    v = 10 * np.cumsum(rng.standard_normal(401)) + 20 * np.sin(t)
    spline = CubicSpline(t, v)
    f = Signal.piecewise(t, spline.c[::-1].T.copy())
    membrane = float_membrane(f, kind)
    compiled = track_floats(membrane, 0.05, "mod", f.t_range)
    source = track_floats(membrane, 0.05, "mod", f.t_range, compiled=False)
    assert len(compiled) > 2000
    assert np.asarray(compiled.times).tobytes() == np.asarray(source.times).tobytes()
    assert compiled == source
    if kind == "if":  # T1: the residual's primitive stays within theta
        assert (f - compiled.to_signal()).alexiewicz_norm() <= 0.05 * (1 + 1e-9)


def test_the_compiled_loop_takes_every_coefficient_of_a_padded_row():
    # The loop hands a piece's row to the root finders as a tuple of MAX_DEGREE + 1 values.
    row = np.arange(MAX_DEGREE + 2.0)
    assert as_values(row) == tuple(row[:MAX_DEGREE + 1].tolist())

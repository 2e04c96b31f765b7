"""The discrete claims of the theorem pages as hypothesis properties over exact rationals."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest
from exact_reference import alexiewicz_reference, min_spike_count
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import leaks, nonempty_signals, resets, samples, signals, thetas

from ifsod import alexiewicz_norm, checks, if_encode, sod_encode

PROPERTY = settings(max_examples=150, deadline=None)


def _a(values):
    return alexiewicz_norm(list(values)) if len(values) else Fraction(0)


@PROPERTY
@given(signals, thetas)
def test_t1_reset_to_mod_quantizes_within_theta(x, theta):
    s = if_encode(x, theta)
    checks.check_lattice(s, theta)
    assert alexiewicz_reference([a - b for a, b in zip(x, s)]) < theta


@PROPERTY
@given(signals, thetas, leaks)
def test_t1_leaky_reset_to_mod_quantizes_in_the_leaky_norm(x, theta, leak):
    s = if_encode(x, theta, leak=leak)
    per_step = [leak] * len(x)
    assert alexiewicz_reference([a - b for a, b in zip(x, s)], per_step) < theta


@PROPERTY
@given(st.lists(st.fractions(min_value=-1, max_value=1, max_denominator=12), max_size=24),
       thetas)
def test_t1_subtract_holds_and_equals_mod_below_threshold_samples(unit, theta):
    x = [theta * v * Fraction(99, 100) for v in unit]  # max |x_n| < theta
    mod = if_encode(x, theta)
    assert if_encode(x, theta, reset="subtract").tolist() == mod.tolist()
    checks.quantization_residual(x, mod, theta)


@pytest.mark.parametrize("reset, error", [("subtract", 3), ("zero", 3), ("mod", 1)])
def test_t1_counterexample_dirac_of_two_and_a_half_theta(reset, error):
    theta = Fraction(1, 3)
    x = [Fraction(5, 6)]
    s = if_encode(x, theta, reset=reset)
    assert alexiewicz_norm([x[0] - s[0]]) == error * theta / 2
    if reset != "mod":
        with pytest.raises(checks.CheckFailure):
            checks.quantization_residual(x, s, theta)


def test_t1_fails_for_reset_to_zero_even_with_small_samples():
    theta = Fraction(1)
    x = [Fraction(3, 5)] * 5
    s = if_encode(x, theta, reset="zero")
    assert alexiewicz_norm(np.array(x, dtype=object) - s) == 1
    with pytest.raises(checks.CheckFailure):
        checks.quantization_residual(x, s, theta)


@PROPERTY
@given(st.integers(0, 24).flatmap(lambda n: st.tuples(
    st.lists(samples, min_size=n, max_size=n), st.lists(samples, min_size=n, max_size=n))),
    thetas)
def test_t2_quasi_isometry(pair, theta):
    f, g = pair
    d_in = _a([b - a for a, b in zip(f, g)])
    d_out = _a([b - a for a, b in zip(if_encode(f, theta), if_encode(g, theta))])
    assert d_in - 2 * theta < d_out < d_in + 2 * theta


@PROPERTY
@given(signals, thetas, thetas)
def test_t2_threshold_perturbation(x, theta1, theta2):
    d = _a([a - b for a, b in zip(if_encode(x, theta1), if_encode(x, theta2))])
    assert d < theta1 + theta2


@PROPERTY
@given(signals, thetas)
def test_t3_reset_to_mod_is_the_sparsest_train_in_the_ball(x, theta):
    count = sum(abs(v) for v in if_encode(x, theta)) / theta
    assert count == min_spike_count(x, theta)


def test_t3_fails_for_greedy_leaky_if_with_irregular_sampling():
    # T3, leaky caution: greedy LIF^M spends 8 spikes where 7 suffice.
    x = np.array([-2.34605203, -1.21996565, -1.57149586, 1.27205359, -1.07068329, -2.78176823])
    dt = np.array([0.54245998, 0.34182681, 0.4017859, 0.40769893, 0.64512552, 0.43550863])
    leak = np.exp(-2.7097274464875265 * dt)
    greedy = if_encode(x, 1.0, leak=leak)
    assert greedy.tolist() == [-2.0, -1.0, -1.0, 1.0, -1.0, -2.0]
    sparser = np.array([-3.0, 0.0, -1.0, 0.0, 0.0, -3.0])
    assert alexiewicz_norm(x - sparser, leak=leak) < 1.0
    assert np.abs(sparser).sum() < np.abs(greedy).sum()


@PROPERTY
@given(nonempty_signals, thetas)
def test_t4_sod_is_if_of_the_derivative_and_stays_in_the_band(y, theta):
    e = sod_encode(y, theta)
    diffs = [Fraction(0)] + [b - a for a, b in pairwise(y)]
    assert e.tolist() == if_encode(diffs, theta).tolist()
    levels = np.cumsum(e)
    assert all(abs(v - y[0] - lv) < theta for v, lv in zip(y, levels))


@PROPERTY
@given(signals, thetas, resets)
def test_t7_odd_symmetry(x, theta, reset):
    assert if_encode([-v for v in x], theta, reset=reset).tolist() == \
        [-v for v in if_encode(x, theta, reset=reset)]


@PROPERTY
@given(signals, thetas, st.fractions(min_value=Fraction(1, 16), max_value=16,
                                     max_denominator=16).filter(lambda c: c > 0), resets)
def test_t7_scaling(x, theta, c, reset):
    assert if_encode([c * v for v in x], c * theta, reset=reset).tolist() == \
        [c * v for v in if_encode(x, theta, reset=reset)]


@PROPERTY
@given(signals, thetas, st.integers(0, 5), resets)
def test_t7_time_shift(x, theta, shift, reset):
    padded = if_encode([Fraction(0)] * shift + x, theta, reset=reset).tolist()
    assert padded == [Fraction(0)] * shift + if_encode(x, theta, reset=reset).tolist()


@PROPERTY
@given(st.lists(st.integers(-10**6, 10**6), max_size=24), thetas)
def test_t7_idempotence_is_exact(counts, theta):
    s = [theta * k for k in counts]
    assert if_encode(s, theta).tolist() == s


@PROPERTY
@given(signals, thetas, resets)
def test_t7_nothing_fires_iff_below_threshold_in_the_alexiewicz_norm(x, theta, reset):
    silent = not any(if_encode(x, theta, reset=reset))
    assert silent == (_a(x) < theta)

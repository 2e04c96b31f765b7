"""Reconstruction: kernel filters against direct sums, the T5 bound (sharp), zero-order hold."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import nonempty_signals, thetas

from ifsod import if_encode
from ifsod.reconstruct import kernel_error_bound, kernel_filter, zero_order_hold
from ifsod.signal import Signal
from ifsod.spiketrain import SpikeTrain

SETTINGS = settings(max_examples=60, deadline=None)
box_widths = st.integers(1, 6)


def direct_convolution(a, kernel_values):
    """y_n = sum_{j <= n} k_j a_{n-j}, one loop, no shared code."""
    return [sum(kernel_values[j] * a[n - j] for j in range(min(n + 1, len(kernel_values))))
            for n in range(len(a))]


@SETTINGS
@given(nonempty_signals, box_widths)
def test_box_filter_is_the_exact_moving_average(x, w):
    assert kernel_filter(x, "box", width=w).tolist() == direct_convolution(x, [F(1, w)] * w)


@pytest.mark.parametrize("w", [1, 3, 17])
def test_float_box_and_exponential_match_direct_sums(w):
    x = np.random.default_rng(w).standard_normal((2, 60))
    want_box = [direct_convolution(row, [1 / w] * w) for row in x]
    np.testing.assert_allclose(kernel_filter(x, "box", width=w), want_box, atol=1e-13)
    k = [math.exp(-j / w) for j in range(60)]
    want_exp = [direct_convolution(row, k) for row in x]
    np.testing.assert_allclose(kernel_filter(x, "exponential", width=float(w)), want_exp,
                               atol=1e-12)
    np.testing.assert_allclose(kernel_filter(x.T, "box", width=w, axis=0), np.transpose(
        want_box), atol=1e-13)


def test_float_filters_keep_small_samples_next_to_huge_ones():
    x = np.array([1e16, 1.0, 2.0])
    np.testing.assert_array_equal(kernel_filter(x, "box", width=1), x)
    np.testing.assert_array_equal(kernel_filter(x, "box", width=2), [5e15, 5e15, 1.5])
    # A width far below one sample: e^{-1/w} underflows to 0, the kernel is k_0 = 1.
    np.testing.assert_array_equal(kernel_filter(x, "exponential", width=1e-3), x)


def test_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match="width must be >= 1"):
        kernel_filter([1.0], "box", width=0)
    with pytest.raises(TypeError, match="width must be an integer"):
        kernel_filter([1.0], "box", width=2.5)
    with pytest.raises(ValueError, match="width must be > 0"):
        kernel_filter([1.0], "exponential", width=-1.0)
    with pytest.raises(ValueError, match="kernel must be one of"):
        kernel_filter([1.0], "gauss", width=2)
    with pytest.raises(ValueError, match="a must be finite"):
        kernel_filter([1.0, math.nan], "box", width=2)
    with pytest.raises(ValueError, match="theta must be > 0"):
        kernel_error_bound(0.0, "box", width=2)
    with pytest.raises(TypeError, match="train must be a SpikeTrain"):
        zero_order_hold(0.0, [1.0])
    with pytest.raises(ValueError, match="y0 must be finite"):
        zero_order_hold(math.inf, SpikeTrain([], [], (0.0, 1.0)))


# ------------------------------------------------------------------------------------------
# T5: the bound holds strictly, and half of it fails
# ------------------------------------------------------------------------------------------

@SETTINGS
@given(nonempty_signals, thetas, box_widths)
def test_box_bound_holds_strictly_in_exact_arithmetic(x, theta, w):
    s = if_encode(x, theta)
    error = max(abs(a - b) for a, b in zip(kernel_filter(x, "box", width=w),
                                            kernel_filter(s, "box", width=w)))
    assert error < kernel_error_bound(theta, "box", width=w) == 2 * theta / w


@SETTINGS
@given(nonempty_signals, thetas, st.fractions(F(1, 2), 20, max_denominator=4))
def test_exponential_bound_holds_strictly(x, theta, w):
    x = [float(v) for v in x]
    s = if_encode(x, float(theta))
    error = np.max(np.abs(kernel_filter(np.subtract(x, s), "exponential", width=float(w))))
    assert error < kernel_error_bound(float(theta), "exponential", width=float(w))


def _worst_case(theta, w, n):
    """Residual -theta+ at n = 0, then +theta- at n: the Abel terms add up (module docstring)."""
    eps = theta / 1000
    x = [-(theta - eps)] + [0 * theta] * (n - 1) + [2 * (theta - eps)]
    return x, if_encode(x, theta)


@pytest.mark.parametrize("w", [1, 2, 5])
def test_half_the_box_bound_is_violated_and_the_bound_is_sharp(w):
    theta = F(1, 2)
    x, s = _worst_case(theta, w, w)
    error = max(abs(v) for v in kernel_filter([a - b for a, b in zip(x, s)], "box", width=w))
    bound = kernel_error_bound(theta, "box", width=w)
    assert bound / 2 < error < bound
    assert error == bound * F(999, 1000)


def test_half_the_exponential_bound_is_violated_and_the_bound_is_sharp():
    theta, w = 0.5, 3.0
    x, s = _worst_case(theta, w, 200)
    error = np.max(np.abs(kernel_filter(np.subtract(x, s), "exponential", width=w)))
    bound = kernel_error_bound(theta, "exponential", width=w)
    assert bound / 2 < error < bound and error > 0.998 * bound


def test_sympy_derives_the_exponential_constant():
    # Var(k) = |k_0| (the jump up at the origin) + sum_j |k_j - k_{j+1}| for k_j = e^{-j/w}.
    j = sympy.Symbol("j", integer=True, nonnegative=True)
    w = sympy.Symbol("w", positive=True)
    k = sympy.exp(-j / w)
    down = sympy.simplify(sympy.summation(k - k.subs(j, j + 1), (j, 0, sympy.oo)))
    variation = k.subs(j, 0) + down
    assert variation == 2
    assert kernel_error_bound(F(3, 7), "exponential", width=5) == F(3, 7) * variation


# ------------------------------------------------------------------------------------------
# Zero-order hold
# ------------------------------------------------------------------------------------------

def test_zero_order_hold_steps_at_the_events():
    train = SpikeTrain([F(0), F(1), F(3, 2)], [F(2), F(-1), F(3)], (0, 2))
    y_hat = zero_order_hold(F(1, 2), train)
    assert [y_hat(t) for t in (F(0), F(1, 2), F(1), F(7, 4), F(2))] == \
        [F(5, 2), F(5, 2), F(3, 2), F(9, 2), F(9, 2)]
    assert y_hat.derivative().diracs == ((1, -1), (F(3, 2), 3))


def test_zero_order_hold_of_a_float_ramp_stays_in_the_band():
    from ifsod.events import sod_events

    y = Signal.from_samples(np.linspace(0.0, 10.0, 11), np.sin(np.linspace(0.0, 10.0, 11)) * 3)
    delta = 0.25
    y_hat = zero_order_hold(float(y(0.0)), sod_events(y, delta))
    grid = np.linspace(0.0, 10.0, 20001)
    assert np.max(np.abs(y(grid) - y_hat(grid))) < delta
    assert (y - y_hat).sup_norm() <= delta * (1 + 1e-12)


# ------------------------------------------------------------------------------------------
# Extreme widths, values near overflow, and the parameters named
# ------------------------------------------------------------------------------------------

def test_a_box_wider_than_the_record_is_its_running_sum_over_width():
    x = [1.0, 2.0, 3.0, -4.0]
    exact = kernel_filter([F(v) for v in x], "box", width=10**12)
    assert exact.tolist() == [F(s, 10**12) for s in (1, 3, 6, 2)]
    np.testing.assert_allclose(kernel_filter(x, "box", width=10**12), exact.astype(float),
                               rtol=1e-15, atol=0)
    # Exact data take any width; float data stop where 1/width turns subnormal.
    assert kernel_filter([F(1)], "box", width=10**400).tolist() == [F(1, 10**400)]
    with pytest.raises(ValueError, match=r"^width must be at most 2\*\*1022 .* got 10\*\*400"):
        kernel_filter([1.0], "box", width=10**400)


def test_outputs_beyond_the_float_range_are_refused_by_name():
    with pytest.raises(ValueError, match="^a: the exponential filter"):
        kernel_filter([1e308, 1e308], "exponential", width=1e300)
    with pytest.raises(ValueError, match=r"^a = 10\*\*400 is beyond the float64 range"):
        kernel_filter([F(10**400)], "exponential", width=1.0)
    with pytest.raises(ValueError, match=r"^width = 10\*\*400 is beyond"):
        kernel_filter([1.0], "exponential", width=10**400)
    with pytest.raises(ValueError, match="^theta = 1e[+]308 with width 1: the bound"):
        kernel_error_bound(1e308, "box", width=1)
    assert kernel_error_bound(F(10**308), "exponential", width=1) == 2 * 10**308
    assert kernel_error_bound(F(1, 3), "box", width=10**300) == F(2, 3 * 10**300)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: kernel_filter(1.0, "box", width=2), "^a must have at least one dimension"),
    (lambda: kernel_filter([1.0], "box", width=2, axis=3), "^axis 3 is out of range"),
    (lambda: kernel_filter([1.0], "box", width=True), "^width must be an integer"),
    (lambda: kernel_filter([1.0], "exponential", width="2"), "^width must be a real number"),
    (lambda: zero_order_hold(10**400, SpikeTrain([0.5], [1.0], (0.0, 1.0))),
     r"^y0 = 10\*\*400 is beyond"),
    (lambda: zero_order_hold("1", SpikeTrain([], [], (0.0, 1.0))), "^y0 must be a real"),
    (lambda: zero_order_hold(True, SpikeTrain([], [], (0.0, 1.0))), "^y0 must be a real"),
])
def test_bad_extremes_name_the_parameter(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_zero_order_hold_of_a_huge_exact_start_is_exact():
    y_hat = zero_order_hold(10**400, SpikeTrain([F(1, 2)], [F(1)], (0, 1)))
    assert y_hat(F(1)) == 10**400 + 1

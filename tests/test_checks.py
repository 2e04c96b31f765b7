"""The shipped self-checks accept what the theorems promise and reject what they rule out."""

from __future__ import annotations

import math
from fractions import Fraction
from fractions import Fraction as F

import numpy as np
import pytest
from exact_reference import alexiewicz_reference
from hypothesis import given, settings
from hypothesis import strategies as st

from ifsod import checks, if_encode, sod_encode
from ifsod.data import load_acceleration


def test_quantization_residual_on_every_channel_of_the_bundled_recording():
    rec = load_acceleration()
    x = rec.samples.T
    for theta in (0.5, 7.0, 100.0, 3000.0):
        s = if_encode(x, theta)
        residual = checks.quantization_residual(x, s, theta)
        assert residual.shape == (9,)
        assert np.all(residual < theta)
        # The recording is integer milli-g: the float encoding is the exact one.
        exact = if_encode(rec.samples[:400, 0].astype(int).tolist(), Fraction(theta))
        assert [float(v) for v in exact] == s[0, :400].tolist()


def test_float_residual_exceeds_theta_by_rounding_only_within_the_allowance():
    rec = load_acceleration()
    x = rec.samples.T / rec.rate  # mg·s per sample: not exactly representable
    theta = 0.01
    s = if_encode(x, theta)
    # In exact arithmetic on the stored floats, channel 3's residual exceeds theta: the
    # encoder's |u| < theta holds for its rounded membrane, not for the exact sums.
    exact = max(abs(p) for p in np.cumsum([Fraction(a) - Fraction(b) for a, b in zip(x[3], s[3])]))
    allowance = checks.rounding_allowance(x, theta)
    assert Fraction(theta) < exact < Fraction(theta) + Fraction(allowance[3])
    assert np.all(allowance < 1e-6 * theta)
    residual = checks.quantization_residual(x, s, theta)
    assert np.any(residual >= theta)
    # The allowance cannot hide a spike too few.
    s[3, np.flatnonzero(s[3])[0]] = 0.0
    with pytest.raises(checks.CheckFailure, match="T1 fails"):
        checks.quantization_residual(x, s, theta)


def test_quantization_residual_rejects_a_train_off_by_one_spike():
    x = [Fraction(7, 4), Fraction(1, 4)]
    s = if_encode(x, 1)
    assert checks.quantization_residual(x, s, 1) == Fraction(3, 4)
    worse = s.copy()
    worse[0] -= 1
    with pytest.raises(checks.CheckFailure, match="T1 fails"):
        checks.quantization_residual(x, worse, 1)


def test_lattice_check_is_exact_in_exact_mode():
    with pytest.raises(checks.CheckFailure, match="not a multiple"):
        checks.check_lattice([Fraction(1, 3) + Fraction(1, 10**12)], Fraction(1, 3))
    checks.check_lattice([Fraction(-10**9, 3)], Fraction(1, 3))


def test_leaky_residual_uses_the_leaky_norm():
    x = [0.9, 0.9, 0.9, 0.9]
    s = if_encode(x, 1.0, leak=0.5)
    assert s.tolist() == [0.0, 1.0, 1.0, 0.0]
    assert checks.quantization_residual(x, s, 1.0, leak=0.5) < 1.0
    with pytest.raises(checks.CheckFailure):
        checks.quantization_residual(x, s, 1.0)


def test_sod_band_on_real_data_and_its_failure():
    y = load_acceleration().samples[:, 4]
    e = sod_encode(y, 20.0)
    assert checks.sod_band_residual(y, e, 20.0) < 20.0
    e[100] += 40.0
    with pytest.raises(checks.CheckFailure, match="SOD band"):
        checks.sod_band_residual(y, e, 20.0)


def test_sod_band_on_unrepresentable_data_allows_rounding_only():
    rec = load_acceleration()
    y = rec.samples.T / rec.rate * 1.1
    delta = 0.01
    e = sod_encode(y, delta)
    # The exact band of the stored floats exceeds delta by rounding of the differences.
    exact_hold = np.cumsum([Fraction(v) for v in e[0]]) + Fraction(y[0, 0])
    exact_band = max(abs(Fraction(a) - b) for a, b in zip(y[0], exact_hold))
    assert Fraction(delta) < exact_band < Fraction(delta) * (1 + Fraction(1, 10**9))
    assert np.all(checks.sod_band_residual(y, e, delta) < delta * (1 + 1e-9))
    e[0, np.flatnonzero(e[0])[0]] = 0.0  # one event short
    with pytest.raises(checks.CheckFailure, match="SOD band"):
        checks.sod_band_residual(y, e, delta)


def test_check_inputs_are_validated():
    with pytest.raises(ValueError, match="^s must have the shape"):
        checks.quantization_residual([1.0, 2.0], [1.0], 1.0)
    with pytest.raises(ValueError, match="^theta"):
        checks.quantization_residual([1.0], [1.0], 0.0)


# ------------------------------------------------------------------------------------------
# Finite data near the top of the float64 range: judged exactly, never on inf or nan
# ------------------------------------------------------------------------------------------

def test_a_residual_beyond_the_float_range_fails_with_its_exact_value():
    with pytest.raises(checks.CheckFailure, match=r"2\.0000000000000000E\+308 >= theta") as err:
        checks.quantization_residual([1e308, 1e308], [0, 0], 1.0)
    assert err.value.value == 2 * Fraction(1e308)
    assert err.value.bound == 1.0


def test_a_running_sum_that_overflows_only_midway_is_judged_exactly():
    x = [1e308, 1e308, -1e308, -1e308]
    with pytest.raises(checks.CheckFailure) as err:
        checks.quantization_residual(x, [0.0] * 4, 1.5e308)
    assert err.value.value == 2 * Fraction(1e308)
    # Per channel too: only the overflowing channel decides, the other keeps its float.
    with pytest.raises(checks.CheckFailure):
        checks.quantization_residual([x, [0.0] * 4], np.zeros((2, 4)), 1.5e308)


def test_a_valid_encoding_near_overflow_passes_with_the_exact_residual():
    x, s, theta = [1.5e308, 1.4e308], [1e308, 1e308], 1e308
    want = max(abs(Fraction(1.5e308) - Fraction(1e308)),
               abs(Fraction(1.5e308) + Fraction(1.4e308) - 2 * Fraction(1e308)))
    residual = checks.quantization_residual(x, s, theta)
    assert abs(Fraction(residual) - want) <= Fraction(checks.rounding_allowance(x, theta))
    assert checks.rounding_allowance([1e308] * 3, 1e308) < 1e294


def test_sod_band_of_differences_beyond_the_float_range():
    # y_1 - y_0 = 2e308: the hold after one event of 1.5e308 is 0.5e308 away.
    assert checks.sod_band_residual([-1e308, 1e308], [0.0, 1.5e308], 1.5e308) == 5e307
    with pytest.raises(checks.CheckFailure, match="SOD band") as err:
        checks.sod_band_residual([-1e308, 1e308], [0.0, 1e308], 5e307)
    assert err.value.value == Fraction(1e308)


def test_lattice_check_of_counts_beyond_the_float_range():
    # 1e308 / 0.1 overflows; every float that large is within rounding of the lattice.
    checks.check_lattice([1e308, -1e308, 0.3], 0.1)
    checks.check_lattice([1.0, 3.0], 5e-324)
    with pytest.raises(checks.CheckFailure, match="spike 0.3 is not a multiple"):
        checks.check_lattice([1e308, 0.3], 0.2)


@pytest.mark.parametrize("call", [
    lambda: checks.sod_band_residual([1.0, 2.0], [0.0, 0.0], 1.0, axis=5),
    lambda: checks.quantization_residual([1.0, 2.0], [0.0, 0.0], 1.0, axis=5),
    lambda: checks.rounding_allowance([1.0, 2.0], 1.0, axis=-2),
], ids=["sod_band_residual", "quantization_residual", "rounding_allowance"])
def test_a_wrong_axis_is_named(call):
    with pytest.raises(ValueError, match="^axis -?[25] is out of range"):
        call()


def test_thresholds_float64_cannot_hold_are_named():
    with pytest.raises(ValueError, match=r"^theta = 10\*\*400 is beyond the float64 range"):
        checks.quantization_residual([1.0], [0.0], 10**400)
    with pytest.raises(ValueError, match=r"^delta = 1/10\*\*400 is below the normal"):
        checks.sod_band_residual([1.0], [0.0], Fraction(1, 10**400))
    # In exact mode the same thresholds are fine.
    assert checks.quantization_residual([Fraction(1)], [0], 10**400) == 1


huge_floats = st.floats(-1.7e308, 1.7e308, allow_nan=False, allow_infinity=False)
#: (data, step, lattice points): finite floats up to 1.7e308 and multiples of a huge step,
#: so that differences and running sums overflow in floats.
near_overflow = st.tuples(st.lists(huge_floats, min_size=1, max_size=6),
                          st.floats(1e300, 5e307),
                          st.lists(st.integers(-3, 3), min_size=6, max_size=6)).map(
    lambda t: (t[0], t[1], [k * t[1] for k in t[2][:len(t[0])]]))


def _judged_as_exact(check, exact: Fraction, step: float, tol: Fraction) -> None:
    """``check()`` passes or fails as the exact value says (up to ``tol``), and reports it."""
    try:
        value = check()
    except checks.CheckFailure as err:
        assert exact >= F(step) - tol
        assert abs(F(err.value) - exact) <= tol
    else:
        assert math.isfinite(value)
        assert exact < F(step) + tol
        assert abs(F(value) - exact) <= tol


@settings(max_examples=300, deadline=None)
@given(near_overflow)
def test_residual_of_any_finite_floats_is_judged_as_the_exact_one(case):
    x, theta, s = case
    exact = alexiewicz_reference([F(a) - F(b) for a, b in zip(x, s)])
    _judged_as_exact(lambda: checks.quantization_residual(x, s, theta), exact, theta,
                     2 * F(checks.rounding_allowance(x, theta)))


@settings(max_examples=300, deadline=None)
@given(near_overflow)
def test_sod_band_of_any_finite_floats_is_judged_as_the_exact_one(case):
    y, delta, e = case
    hold = np.cumsum([F(v) for v in e])
    exact = max(abs(F(a) - F(y[0]) - h) for a, h in zip(y, hold))
    # Float rounding of the offsets and of the running sum of the events, as the check allows.
    tol = F(1, 2**48) * (max(abs(F(a) - F(y[0])) for a in y) + len(y) * (
        sum(abs(F(v)) for v in e) + F(delta)))
    _judged_as_exact(lambda: checks.sod_band_residual(y, e, delta), exact, delta, tol)

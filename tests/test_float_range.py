"""Finite input gives finite spikes; what float64 cannot hold is refused by name."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ifsod import IFEncoder, if_encode, sod_encode
from ifsod.encode import RESETS

PROPERTY = settings(max_examples=400, deadline=None)
finite = st.floats(allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=5e-324, allow_infinity=False)


@pytest.mark.parametrize("x, theta", [([1.0], 5e-324), ([-1e308], 0.3), ([1e308], 1e-300),
                                      ([-1.7976931348623157e308], 5e-324), ([3e-320], 1e-323)])
def test_spikes_of_tiny_thresholds_and_huge_samples_are_finite_and_exact(x, theta):
    # One sample: v = x exactly, so the spike must be the float nearest theta*trunc(x/theta).
    got = if_encode(x, theta)
    exact = if_encode([Fraction(x[0])], Fraction(theta))[0]
    assert np.isfinite(got).all()
    assert got[0] == float(exact)


@PROPERTY
@given(finite, positive)
def test_one_sample_spike_is_the_float_nearest_the_exact_spike(x, theta):
    got = if_encode([x], theta)[0]
    assert got == float(if_encode([Fraction(x)], Fraction(theta))[0])


def test_sod_with_a_tiny_step_gives_finite_events():
    got = sod_encode([0.0, 1.0], 1e-310)
    assert got.tolist() == [0.0, float(Fraction(1) - Fraction(1) % Fraction(1e-310))]


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("leak", [1.0, 0.999])
def test_a_running_membrane_beyond_float64_is_refused_naming_x(reset, leak):
    with pytest.raises(ValueError, match=r"^x\b.*float64"):
        if_encode([1e308, 1e308], 1.7e308 if reset == "zero" else 1.5e308, reset=reset,
                  leak=leak)
    with pytest.raises(ValueError, match=r"^x\b.*channel \(1,\)"):
        if_encode([[0.0, 0.0], [1.7e308, 1.7e308]], 1.79e308, reset=reset, leak=leak)


def test_reset_to_mod_near_the_float64_limit_is_exact_when_the_membrane_fits():
    # v = 1e308 + 0.5e308 fits: reset-to-mod spikes theta and keeps the exact remainder.
    x = [1e308, 0.5e308]
    theta = 1.2e308
    exact = if_encode([Fraction(v) for v in x], Fraction(theta))
    assert if_encode(x, theta).tolist() == [float(s) for s in exact]


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_input_is_refused_by_every_loop(reset, bad):
    x = np.zeros((20, 50))
    x[13, 7] = bad
    for workers in (1, 2):
        with pytest.raises(ValueError, match=r"^x must be finite"):
            if_encode(x, 1.0, reset=reset, workers=workers)
    with pytest.raises(ValueError, match=r"^x must be finite"):
        if_encode(np.array([1.0, -np.inf]), 1.0, reset="zero")


def test_sod_refuses_differences_beyond_float64_naming_y():
    with pytest.raises(ValueError, match=r"^y\b.*float64"):
        sod_encode([-1e308, 1e308], 1.0)
    with pytest.raises(ValueError, match=r"^delta\b"):
        sod_encode([0.0, 1.0], -1.0)


def test_streaming_refuses_overflow_naming_chunk_and_keeps_its_state():
    enc = IFEncoder(1.5e308)
    assert enc.process(np.array([1e308])).tolist() == [0.0]
    with pytest.raises(ValueError, match=r"^chunk\b.*float64"):
        enc.process(np.array([1e308]))
    assert enc.membrane == 1e308  # the failed chunk left the stream as it was
    with pytest.raises(ValueError, match=r"^chunk must be finite"):
        enc.process(np.array([np.nan]))
    assert enc.process(np.array([-1e308])).tolist() == [0.0]

"""SpikeTrain: validation, merging, counts, grids and exact Alexiewicz distances (D1, D3)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from ifsod.algebraic import Algebraic
from ifsod.events import if_events
from ifsod.signal import Signal
from ifsod.spiketrain import SpikeTrain

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def trains(draw, t_end=F(4)):
    times = sorted(draw(st.lists(st.integers(0, 32).map(lambda k: t_end * F(k, 32)),
                                 max_size=8)))
    theta = draw(st.fractions(F(1, 4), 2, max_denominator=4))
    ws = [theta * draw(st.integers(-3, 3).filter(bool)) for _ in times]
    return SpikeTrain(times, ws, (0, t_end), theta=theta)


def cumulative_reference(events):
    """sup_t |sum_{t_k <= t} w_k|: the max over event instants, all events of an instant added."""
    per_instant: dict = {}
    for t, w in events:
        per_instant[t] = per_instant.get(t, 0) + w
    total, best = F(0), F(0)
    for t in sorted(per_instant):
        total += per_instant[t]
        best = max(best, abs(total))
    return best


def test_validation_names_the_parameter():
    with pytest.raises(ValueError, match="times must be sorted"):
        SpikeTrain([1.0, 0.5], [1.0, 1.0], (0.0, 2.0))
    with pytest.raises(ValueError, match=r"times must lie in \[t0, T\]"):
        SpikeTrain([3.0], [1.0], (0.0, 2.0))
    with pytest.raises(ValueError, match="times must be finite"):
        SpikeTrain([math.nan], [1.0], (0.0, 2.0))
    with pytest.raises(ValueError, match="weights must be multiples of theta"):
        SpikeTrain([1.0], [0.7], (0.0, 2.0), theta=0.5)
    with pytest.raises(ValueError, match="weights must have one entry per time"):
        SpikeTrain([1.0], [], (0.0, 2.0))
    with pytest.raises(ValueError, match="theta must be > 0"):
        SpikeTrain([1.0], [1.0], (0.0, 2.0), theta=0)
    with pytest.raises(ValueError, match="theta must be set"):
        _ = SpikeTrain([1.0], [1.5], (0.0, 2.0)).count
    with pytest.raises(TypeError, match="other must be a SpikeTrain or Signal"):
        SpikeTrain([1.0], [1.5], (0.0, 2.0)).alexiewicz_distance([1.0])


def test_coincident_events_add_and_cancelled_events_vanish():
    eta = SpikeTrain([F(1), F(1), F(2), F(2)], [F(1), F(2), F(1), F(-1)], (0, 3), theta=1)
    assert eta.times == (1,) and eta.weights == (3,) and eta.count == 3 and eta.l1 == 3


def test_equality_is_exact():
    a = SpikeTrain([F(1, 3)], [F(1)], (0, 1), theta=F(1))
    assert a == SpikeTrain([F(1, 3)], [F(1)], (0, 1), theta=1)
    assert a != SpikeTrain([F(1, 3) + F(1, 10**30)], [F(1)], (0, 1), theta=1)
    assert a != SpikeTrain([F(1, 3)], [F(1)], (0, 1), theta=F(1, 2))


@SETTINGS
@given(trains(), trains())
def test_distance_between_trains_matches_the_cumulative_reference(a, b):
    want = cumulative_reference(list(zip(a.times, a.weights))
                                + [(t, -w) for t, w in zip(b.times, b.weights)])
    assert a.alexiewicz_distance(b) == want
    assert b.alexiewicz_distance(a) == want
    assert a.alexiewicz_distance(a) == 0
    assert a.alexiewicz_distance(b) <= a.l1 + b.l1  # ||.||_A <= ||.||_1 (D1)


@SETTINGS
@given(trains(), st.integers(1, 9))
def test_on_grid_sums_the_weights_in_each_bin(eta, n):
    edges = [F(4) * F(k, n) for k in range(n + 1)]
    want = [sum((w for t, w in zip(eta.times, eta.weights)
                 if lo <= t < hi or (hi == 4 and t == 4)), F(0))
            for lo, hi in itertools.pairwise(edges)]
    assert eta.on_grid(edges).tolist() == want


def test_algebraic_times_bin_and_compare_exactly():
    eta = if_events(Signal.piecewise([F(0), F(2)], [[F(0), F(1)]]), F(1))  # sqrt(2), 2
    assert isinstance(eta.times[0], Algebraic)
    root = eta.times[0].to_sympy()  # the same number for SymPy users
    x = sympy.Symbol("x")
    assert sympy.minimal_polynomial(root, x) == x**2 - 2 and root.is_positive
    assert eta.on_grid([F(0), F(141, 100), F(142, 100), F(2)]).tolist() == [0, 1, 1]
    shifted = SpikeTrain([F(3, 2), F(2)], [F(1), F(1)], (0, 2), theta=1)
    assert eta.alexiewicz_distance(shifted) == 1  # on [sqrt 2, 3/2) they differ by one spike
    assert eta != shifted


def test_distance_to_a_signal_is_the_membrane_sup():
    # f = 1/2 on [0, 2] against one spike at t = 1: F - S = t/2 - [t >= 1], sup 1/2 ... 1/2.
    f = Signal.piecewise([F(0), F(2)], [[F(1, 2)]])
    eta = SpikeTrain([F(1)], [F(1)], (0, 2))
    assert eta.alexiewicz_distance(f) == F(1, 2)
    assert SpikeTrain([F(1, 2)], [F(1)], (0, 2)).alexiewicz_distance(f) == F(3, 4)


def test_float_trains_and_to_signal():
    eta = SpikeTrain(np.array([0.25, 0.5]), np.array([0.5, -1.0]), (0.0, 1.0), theta=0.5)
    assert not eta.exact and eta.count == 3 and eta.l1 == 1.5
    assert eta.to_signal().diracs == ((0.25, 0.5), (0.5, -1.0))
    assert eta.alexiewicz_distance(SpikeTrain([], [], (0.0, 1.0))) == 0.5


def test_float_weights_that_cancel_to_rounding_are_no_event():
    eta = SpikeTrain([1.0, 1.0, 1.0], [0.1, 0.2, -0.3], (0.0, 2.0), theta=0.1)
    assert (len(eta), eta.count) == (0, 0)


@pytest.mark.parametrize(("args", "name"), [
    ((1.0, [1.0], (0.0, 2.0)), "times"),
    (([1.0], 3.0, (0.0, 2.0)), "weights"),
])
def test_scalar_times_or_weights_name_the_parameter(args, name):
    with pytest.raises(TypeError, match=f"^{name} must be a sequence of numbers"):
        SpikeTrain(*args)


# ------------------------------------------------------------------------------------------
# Dense spike arrays (the discrete encoders' output)
# ------------------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=30),
       st.sampled_from([F(1), F(10), F(3, 7), F(1000)]), st.fractions(-5, 5, max_denominator=8),
       st.sampled_from([F(1, 2), F(1)]))
def test_dense_round_trip_is_exact_with_a_fraction_rate(ks, rate, t_start, theta):
    spikes = [k * theta for k in ks]
    eta = SpikeTrain.from_dense(spikes, rate=rate, t_start=t_start, theta=theta)
    assert eta.exact and eta.t_range == (t_start, t_start + len(ks) / rate)
    assert list(eta.times) == [t_start + k / rate for k, s in enumerate(spikes) if s]
    assert eta.to_dense(rate=rate).tolist() == spikes
    edges = [t_start + k / rate for k in range(len(ks) + 1)]
    assert eta.on_grid(edges).tolist() == spikes
    assert eta.count == sum(abs(k) for k in ks)


def test_dense_round_trip_of_if_encode_in_floats():
    import ifsod

    x = np.random.default_rng(5).standard_normal(1000)
    spikes = ifsod.if_encode(x, 0.5)
    eta = SpikeTrain.from_dense(spikes, rate=30_000.0, t_start=2.0, theta=0.5)
    assert eta.to_dense(rate=30_000.0).tolist() == spikes.tolist()
    assert eta.count == int(np.sum(np.abs(spikes)) / 0.5)
    assert eta.times[0] == 2.0 + np.flatnonzero(spikes)[0] / 30_000.0
    longer = eta.to_dense(rate=30_000.0, n=1005)
    assert longer[:1000].tolist() == spikes.tolist() and not longer[1000:].any()
    with pytest.raises(ValueError, match="n must cover the train's range"):
        eta.to_dense(rate=30_000.0, n=999)
    with pytest.raises(ValueError, match="rate must be > 0"):
        SpikeTrain.from_dense(spikes, rate=0.0)
    with pytest.raises(ValueError, match="spikes must hold at least one sample"):
        SpikeTrain.from_dense([], rate=1.0)


def test_float_arrays_take_the_array_path_with_the_same_result():
    rng = np.random.default_rng(2)
    times = np.sort(rng.uniform(0, 10, 500))
    weights = 0.25 * rng.integers(-3, 4, 500).astype(float)
    fast = SpikeTrain(times, weights, (0.0, 10.0), theta=0.25)
    general = SpikeTrain(times.tolist(), weights.tolist(), (0.0, 10.0), theta=0.25)
    assert fast == general and fast.count == general.count and fast.l1 == general.l1
    assert fast.times == general.times and len(fast) == len(general) == int(np.sum(weights != 0))
    with pytest.raises(ValueError, match="weights must be multiples of theta"):
        SpikeTrain(times, weights + 0.1, (0.0, 10.0), theta=0.25)


def test_copy_false_holds_valid_float_arrays_read_only_and_copies_anything_else():
    times, weights = np.array([0.25, 0.5, 0.75]), np.array([1.0, -2.0, 1.0])
    held = SpikeTrain(times, weights, (0.0, 1.0), theta=1.0, copy=False)
    assert not times.flags.writeable and not weights.flags.writeable
    with pytest.raises(ValueError):
        times[0] = 0.0
    assert held.times == (0.25, 0.5, 0.75) and held.weights == (1.0, -2.0, 1.0)
    # By default the train is a copy: the caller's arrays stay theirs.
    mine = np.array([0.25, 0.5])
    copied = SpikeTrain(mine, np.array([1.0, 1.0]), (0.0, 1.0), theta=1.0)
    mine[0] = 0.1
    assert mine.flags.writeable and copied.times == (0.25, 0.5)
    # A zero weight is no spike: the train drops it, so it cannot hold the arrays.
    zeros = np.array([1.0, 0.0])
    dropped = SpikeTrain(np.array([0.25, 0.5]), zeros, (0.0, 1.0), theta=1.0, copy=False)
    assert zeros.flags.writeable and dropped.times == (0.25,)


def test_float_arrays_whose_weights_sum_beyond_float64_are_valid_and_infinities_are_not():
    times = np.array([0.25, 0.5])
    big = SpikeTrain(times, np.array([1e308, 1e308]), (0.0, 1.0))
    assert big.weights == (1e308, 1e308)
    for weights in ([np.inf, -np.inf], [1.0, np.nan], [-np.inf, 1.0]):
        with pytest.raises(ValueError, match=r"^weights\b"):
            SpikeTrain(times, np.array(weights), (0.0, 1.0))

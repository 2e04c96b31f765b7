"""Alexiewicz and discrepancy norms (D1, D2, T7) against definitions in exact arithmetic."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from exact_reference import alexiewicz_reference
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import leaks, nonempty_signals, samples, signals

from ifsod import alexiewicz_distance, alexiewicz_norm, discrepancy_norm, running_sums

PROPERTY = settings(max_examples=150, deadline=None)


def _discrepancy_reference(a):
    return max((abs(sum(a[m:n + 1], Fraction(0))) for m in range(len(a))
                for n in range(m, len(a))), default=Fraction(0))


@PROPERTY
@given(signals)
def test_alexiewicz_norm_matches_the_definition_exactly(a):
    assert alexiewicz_norm(a) == alexiewicz_reference(a)


@PROPERTY
@given(signals, leaks)
def test_leaky_norm_matches_the_definition_exactly(a, leak):
    assert alexiewicz_norm(a, leak=leak) == alexiewicz_reference(a, [leak] * len(a))


@PROPERTY
@given(st.integers(1, 20).flatmap(lambda n: st.tuples(
    st.lists(samples, min_size=n, max_size=n), st.lists(leaks, min_size=n, max_size=n))))
def test_per_step_leaky_norm_matches_the_definition(pair):
    a, leak = pair
    assert alexiewicz_norm(a, leak=leak) == alexiewicz_reference(a, leak)


@PROPERTY
@given(nonempty_signals)
def test_discrepancy_norm_matches_definition_and_is_between_a_and_2a(a):
    d = discrepancy_norm(a)
    assert d == _discrepancy_reference(a)
    assert alexiewicz_norm(a) <= d <= 2 * alexiewicz_norm(a)


@PROPERTY
@given(st.integers(0, 20).flatmap(lambda n: st.tuples(
    st.lists(samples, min_size=n, max_size=n), st.lists(samples, min_size=n, max_size=n))),
    st.fractions(min_value=-8, max_value=8, max_denominator=8))
def test_norm_axioms(pair, c):
    a, b = pair

    def norm(v):
        return alexiewicz_norm(v) if v else Fraction(0)

    assert norm([x + y for x, y in zip(a, b)]) <= norm(a) + norm(b)
    assert norm([c * x for x in a]) == abs(c) * norm(a)
    assert norm(a) <= sum((abs(x) for x in a), Fraction(0))
    assert (norm(a) == 0) == all(x == 0 for x in a)


def test_float_norms_agree_with_exact_on_representable_input():
    rng = np.random.default_rng(1)
    a = rng.integers(-1000, 1000, (4, 300)) / 64
    exact = [alexiewicz_norm([Fraction(v) for v in row]) for row in a]
    assert alexiewicz_norm(a).tolist() == [float(v) for v in exact]
    leaky = [alexiewicz_norm([Fraction(v) for v in row[:20]], leak=Fraction(1, 2)) for row in a]
    assert alexiewicz_norm(a[:, :20], leak=0.5).tolist() == [float(v) for v in leaky]


def test_axis_and_shapes():
    a = np.arange(24.0).reshape(2, 3, 4) - 11
    assert alexiewicz_norm(a, axis=1).shape == (2, 4)
    assert np.array_equal(alexiewicz_norm(a, axis=0), np.max(np.abs(np.cumsum(a, axis=0)), axis=0))
    assert running_sums(a, leak=0.5, axis=1).shape == a.shape
    assert np.allclose(running_sums(a, leak=0.5, axis=1)[:, 1], 0.5 * a[:, 0] + a[:, 1])


def test_empty_sequences_have_norm_zero():
    assert alexiewicz_norm([]) == 0.0
    assert discrepancy_norm([]) == 0.0
    assert alexiewicz_norm(np.zeros((3, 0))).tolist() == [0.0, 0.0, 0.0]
    assert alexiewicz_norm([], leak=0.5) == 0.0


def test_distance():
    assert alexiewicz_distance([Fraction(1), Fraction(2)], [0.0, 3.0]) == Fraction(1)
    with pytest.raises(ValueError, match="^b"):
        alexiewicz_distance([1.0, 2.0], [1.0])


@pytest.mark.parametrize("call, exc, name", [
    (lambda: alexiewicz_norm([np.nan]), ValueError, "a"),
    (lambda: alexiewicz_norm([1.0], leak=0), ValueError, "leak"),
    (lambda: alexiewicz_norm([1.0, 2.0], leak=[1.0]), ValueError, "leak"),
    (lambda: alexiewicz_norm([[1.0], [2.0, 3.0]]), ValueError, "a"),
    (lambda: alexiewicz_norm(["x"]), TypeError, "a"),
    (lambda: discrepancy_norm([1j]), TypeError, "a"),
    (lambda: alexiewicz_norm(3.0), ValueError, "a"),
])
def test_bad_input(call, exc, name):
    with pytest.raises(exc, match=rf"^{name}\b"):
        call()


@pytest.mark.parametrize("leak", [1.0, 0.875])
def test_float_sums_beyond_the_float_range_are_refused_by_name(leak):
    # [1e308, 1e308] sums to 2e308: no float holds it, so the result is refused, never inf.
    for function in (running_sums, alexiewicz_norm):
        with pytest.raises(ValueError, match="^a: its running sums exceed the float64 range"):
            function([1e308, 1e308], leak=leak)
    # Exact input takes the same sums exactly.
    top = Fraction(1e308)
    assert alexiewicz_norm([top, top], leak=Fraction(leak)) == top * (1 + Fraction(leak))
    # A midway overflow counts too; running sums that only touch the range pass.
    with pytest.raises(ValueError, match="^a: its running sums"):
        alexiewicz_norm([[1.0, 1.0, 1.0], [1e308, 1e308, -1e308]], leak=leak)
    assert alexiewicz_norm([1e308, -1e308, 1e308], leak=leak) == 1e308


def test_a_distance_whose_difference_overflows_is_refused_and_0d_a_is_named():
    with pytest.raises(ValueError, match="^b: a - b exceeds the float64 range"):
        alexiewicz_distance([1e308], [-1e308])
    top = Fraction(1e308)
    assert alexiewicz_distance([top], [-top]) == 2 * top
    with pytest.raises(ValueError, match="^a must have at least one dimension"):
        alexiewicz_distance(1.5, [1.0])

"""The engine's encoder models against the library's kernels, on random and exact-tie input."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from ifsod import if_encode, sod_encode
from ifsod.proof.models import (
    competitor_model,
    if_model,
    lazy_model,
    lp_model,
    sod_model,
    two_run_model,
)

# multiples of theta (ties), their neighbours and plain rationals
SAMPLES = hs.one_of(hs.integers(-8, 8).map(lambda k: Fraction(k, 2)),
                    hs.fractions(-3, 3, max_denominator=7))
THETAS = hs.sampled_from([Fraction(1), Fraction(1, 2), Fraction(3, 4), Fraction(2)])
SIGNALS = hs.lists(SAMPLES, min_size=1, max_size=6)
FEW = settings(max_examples=25, deadline=None)


@pytest.mark.parametrize("reset", ["mod", "subtract", "zero"])
@FEW
@given(x=SIGNALS, theta=THETAS)
def test_if_model_matches_the_library(reset, x, theta):
    states = if_model(reset).simulate({"theta": theta}, [{"x": v} for v in x])
    assert [s["s"] for s in states] == list(if_encode(x, theta, reset=reset))
    running = Fraction(0)
    for value, state in zip(x, states):
        running += value - state["s"]
        assert state["R"] == running


def test_if_model_at_exact_ties():
    x = [Fraction(1), Fraction(-2), Fraction(5, 2), Fraction(-1, 2), Fraction(3)]
    for reset in ("mod", "subtract", "zero"):
        states = if_model(reset).simulate({"theta": Fraction(1)}, [{"x": v} for v in x])
        assert [s["s"] for s in states] == list(if_encode(x, Fraction(1), reset=reset))


@FEW
@given(x=SIGNALS, leaks=hs.lists(hs.fractions(Fraction(1, 8), 1, max_denominator=8),
                                 min_size=6, max_size=6), theta=THETAS)
def test_leaky_model_matches_the_library(x, leaks, theta):
    leaks = leaks[:len(x)]
    states = if_model("mod", leaky=True).simulate(
        {"theta": theta}, [{"x": v, "lam": a} for v, a in zip(x, leaks)])
    assert [s["s"] for s in states] == list(if_encode(x, theta, leak=leaks))


@FEW
@given(y=hs.lists(SAMPLES, min_size=2, max_size=7), delta=THETAS)
def test_sod_model_matches_the_library(y, delta):
    states = sod_model().simulate({"theta": delta, "y0": y[0]}, [{"y": v} for v in y[1:]])
    events = list(sod_encode(y, delta))
    assert events[0] == 0
    assert [s["e"] for s in states] == events[1:]
    diffs = [b - a for a, b in itertools.pairwise(y)]
    assert [s["s"] for s in states] == list(if_encode(diffs, delta))


@FEW
@given(f=SIGNALS, g=SIGNALS, theta=THETAS)
def test_two_run_model_matches_the_library(f, g, theta):
    n = min(len(f), len(g))
    f, g = f[:n], g[:n]
    states = two_run_model().simulate({"theta": theta},
                                      [{"f": a, "g": b} for a, b in zip(f, g)])
    sf, sg = if_encode(f, theta), if_encode(g, theta)
    total = Fraction(0)
    for k, state in enumerate(states):
        total += sg[k] - sf[k]
        assert state["B"] == total


@pytest.mark.parametrize("lattice", [True, False])
@FEW
@given(x=SIGNALS, theta=THETAS)
def test_competitor_model_fires_as_the_library(lattice, x, theta):
    steps = [{"x": v, "j": 0} for v in x]
    states = competitor_model(lattice).simulate({"theta": theta}, steps)
    spikes = list(if_encode(x, theta))
    assert [theta * s["K"] for s in states] == [sum(spikes[:k + 1]) for k in range(len(x))]
    assert states[-1]["cK"] * theta == sum(abs(v) for v in spikes)


@FEW
@given(x=SIGNALS, theta=THETAS)
def test_lp_model_fires_as_the_library(x, theta):
    steps, total = [], Fraction(0)
    for value in x:  # the split F_n / theta = m_n + r_n of the cumulative sums
        total += value
        m = math.floor(total / theta)
        steps.append({"m": m, "r": total / theta - m, "j": 0})
    states = lp_model().simulate({"theta": theta}, steps)
    spikes = list(if_encode(x, theta))
    assert [theta * s["K"] for s in states] == [sum(spikes[:k + 1]) for k in range(len(x))]
    assert [s["F"] for s in states] == [sum(x[:k + 1]) for k in range(len(x))]


@FEW
@given(x=SIGNALS, leaks=hs.lists(hs.fractions(Fraction(1, 8), 1, max_denominator=8),
                                 min_size=6, max_size=6), theta=THETAS)
def test_lazy_model_is_the_clipped_recurrence(x, leaks, theta):
    leaks = leaks[:len(x)]
    steps = [{"x": v, "lam": a, "y": 0} for v, a in zip(x, leaks)]
    states = lazy_model(leaky=True).simulate({"theta": theta}, steps)
    w = v = Fraction(0)
    for (value, lam), state in zip(zip(x, leaks), states):
        w = lam * w + value
        v = min(max(lam * v, w - theta), w + theta)
        assert (state["W"], state["V"]) == (w, v)


def test_unknown_reset_is_rejected():
    with pytest.raises(ValueError, match="reset"):
        if_model("half")

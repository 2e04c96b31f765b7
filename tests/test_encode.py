"""if_encode and sod_encode against the exact references, across engines, and on bad input."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest
import sympy
from exact_reference import if_reference, sod_reference

from ifsod import IFEncoder, checks, if_encode, sod_encode
from ifsod.encode import RESETS


def _dyadic_inputs(rng, n_cases):
    """Random inputs whose float encoding is exact: multiples of 1/64, Diracs up to 1e6*theta."""
    for case in range(n_cases):
        n = int(rng.integers(1, 40))
        theta = Fraction(int(rng.integers(1, 25)), 8)
        kind = case % 4
        if kind == 0:
            x = [Fraction(int(k), 64) for k in rng.integers(-400, 400, n)]
        elif kind == 1:  # exact multiples of theta: ties at the threshold
            x = [theta * int(k) for k in rng.integers(-3, 4, n)]
        elif kind == 2:  # sub-threshold samples
            x = [Fraction(int(k), 64) for k in rng.integers(-63, 64, n)] if theta >= 1 else \
                [theta * Fraction(int(k), 64) for k in rng.integers(-63, 64, n)]
        else:  # sparse Diracs far above theta on a small background
            x = [Fraction(int(k), 64) for k in rng.integers(-40, 40, n)]
            for at in rng.integers(0, n, 2):
                x[at] = theta * int(rng.integers(-10**6, 10**6)) + Fraction(int(at), 64)
        yield x, theta


@pytest.mark.parametrize("reset", RESETS)
def test_float_engines_equal_exact_reference_on_representable_inputs(reset):
    rng = np.random.default_rng(20251)
    for x, theta in _dyadic_inputs(rng, 1500):
        expected = [float(s) for s in if_reference(x, theta, reset)]
        floats = np.array([float(v) for v in x])
        for engine in ("numba", "python"):
            got = if_encode(floats, float(theta), reset=reset, engine=engine)
            assert got.tolist() == expected, (engine, x, theta)
        exact = if_encode(x, theta, reset=reset)
        assert exact.tolist() == if_reference(x, theta, reset)


@pytest.mark.parametrize("reset", RESETS)
def test_leaky_float_engines_equal_exact_reference(reset):
    rng = np.random.default_rng(7)
    for _ in range(500):
        n = int(rng.integers(1, 16))
        theta = Fraction(int(rng.integers(1, 17)), 8)
        x = [Fraction(int(k), 64) for k in rng.integers(-300, 300, n)]
        leak = [Fraction(1, 2 ** int(p)) for p in rng.integers(0, 3, n)]
        expected = if_reference(x, theta, reset, leak)
        got = if_encode(np.array(x, dtype=float), float(theta), reset=reset,
                        leak=np.array(leak, dtype=float))
        assert got.tolist() == [float(s) for s in expected]
        assert if_encode(x, theta, reset=reset, leak=leak).tolist() == expected


@pytest.mark.parametrize("reset", RESETS)
def test_numba_and_python_engines_agree_bit_for_bit_on_arbitrary_floats(reset):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 2000)) * rng.choice([0.1, 1.0, 1e3], size=(3, 1))
    leak = np.exp(-rng.uniform(0, 0.5, 2000))
    for lk in (1.0, 0.9, leak):
        fast = if_encode(x, 0.7, reset=reset, leak=lk, engine="numba")
        slow = if_encode(x, 0.7, reset=reset, leak=lk, engine="python")
        assert np.array_equal(fast, slow)


def test_compiled_mod_step_is_the_fmod_split_bit_for_bit():
    # The compiled step avoids fmod below 4 theta; it must still return fmod's remainder and
    # the rounded lattice point, on random values and on every threshold tie and its neighbours.
    rng = np.random.default_rng(5)
    for theta in (0.7, 0.1, 1 / 3, 2.0**-30, 1e12):
        ties = np.array([k * theta for k in (-4, -3, -2, -1, 1, 2, 3, 4)])
        v = np.concatenate([theta * rng.uniform(-6, 6, 5000), ties, np.nextafter(ties, 0),
                            np.nextafter(ties, np.sign(ties) * np.inf), [0.0, -0.0]])
        enc = IFEncoder(theta)
        spikes = enc.process(v[:, None])[:, 0]
        remainder = np.fmod(v, theta)
        assert np.array_equal(enc.membrane, remainder)
        assert np.array_equal(spikes, np.round((v - remainder) / theta) * theta)
        assert np.all(np.abs(enc.membrane) < theta)


def test_membrane_stays_inside_threshold_under_rounding():
    # 0.3 / 0.1 rounds to 2.9999999999999996 in floats; the membrane must still be < theta.
    enc = IFEncoder(0.1)
    assert enc.process([0.3]).tolist() == [0.2]
    assert abs(enc.membrane) < 0.1
    rng = np.random.default_rng(11)
    for theta in (0.1, 0.3, 1 / 3, 1e-9, 7.7):
        enc = IFEncoder(theta)
        x = rng.standard_normal(20000) * theta * rng.choice([0.5, 3.0, 1e6], 20000)
        for chunk in np.split(x, 200):
            enc.process(chunk)
            assert abs(float(enc.membrane)) < theta


def test_exact_spikes_lie_on_the_lattice_and_satisfy_t1():
    theta = Fraction(1, 10)
    x = [Fraction(3, 10), Fraction(-7, 3), Fraction(10**6), Fraction(1, 10)]
    s = if_encode(x, theta)
    assert all(isinstance(v, Fraction) for v in s)
    assert s.tolist() == [Fraction(3, 10), Fraction(-23, 10), Fraction(9999999, 10),
                        Fraction(1, 10)]
    assert checks.quantization_residual(x, s, theta) == Fraction(1, 15)


def test_sympy_rationals_compute_exactly_and_agree_with_fractions():
    x = [sympy.Rational(3, 10), sympy.Rational(-5, 7), sympy.Integer(2)]
    got = if_encode(x, sympy.Rational(1, 10))
    assert got.tolist() == if_encode([Fraction(3, 10), Fraction(-5, 7), Fraction(2)],
                                     Fraction(1, 10)).tolist()


def test_exact_engine_converts_floats_without_rounding():
    got = if_encode([0.1, 0.2], 0.1, engine="exact")
    assert got.tolist() == if_reference([Fraction(0.1), Fraction(0.2)], Fraction(0.1))


def test_reset_rules_on_the_t1_counterexample():
    # T1: a Dirac of 2.5 theta leaves A-errors 0.5, 1.5, 1.5 theta for mod/subtract/zero.
    theta = Fraction(2)
    x = [Fraction(5)]
    for reset, error in (("mod", Fraction(1, 2)), ("subtract", Fraction(3, 2)),
                         ("zero", Fraction(3, 2))):
        s = if_encode(x, theta, reset=reset)
        assert abs(x[0] - s[0]) == error * theta


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_channels_along_any_axis_are_independent(axis):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((4, 5, 6))
    got = if_encode(x, 0.5, axis=axis)
    moved = np.moveaxis(x, axis, -1).reshape(-1, x.shape[axis])
    expected = np.stack([if_encode(row, 0.5) for row in moved])
    assert got.shape == x.shape
    assert np.array_equal(np.moveaxis(got, axis, -1).reshape(moved.shape), expected)


def test_per_step_leak_is_shared_by_channels():
    x = np.array([[0.6, 0.6, 0.6], [-0.6, -0.6, -0.6]])
    leak = [1.0, 0.5, 1.0]
    got = if_encode(x, 1.0, leak=leak)
    assert got.tolist() == [[0.0, 0.0, 1.0], [0.0, 0.0, -1.0]]


def test_integer_input_with_integer_threshold_gives_integer_spikes():
    got = if_encode(np.array([3, -5, 1]), 2)
    assert got.dtype == np.int64
    assert got.tolist() == [2, -4, 0]
    # A non-integer threshold takes the float path, exact for integers up to 2**53.
    assert if_encode(np.array([3, -5, 1]), 1.5).tolist() == [3.0, -4.5, 0.0]


@pytest.mark.parametrize("engine", ["auto", "numba", "python", "exact"])
def test_empty_input_gives_empty_output(engine):
    assert if_encode([], 1.0, engine=engine).shape == (0,)
    assert if_encode(np.zeros((3, 0)), 1.0, engine=engine).shape == (3, 0)
    assert sod_encode(np.zeros((0, 2)), 1.0, axis=0, engine=engine).shape == (0, 2)


def test_sod_equals_if_of_differences_and_the_level_rule():
    rng = np.random.default_rng(9)
    for _ in range(300):
        y = [Fraction(int(k), 16) for k in rng.integers(-200, 200, int(rng.integers(1, 30)))]
        delta = Fraction(int(rng.integers(1, 40)), 8)
        diffs = [Fraction(0)] + [b - a for a, b in pairwise(y)]
        exact = sod_encode(y, delta)
        assert exact.tolist() == sod_reference(y, delta)
        assert exact.tolist() == if_encode(diffs, delta).tolist()
        floats = np.array(y, dtype=float)
        assert np.array_equal(sod_encode(floats, float(delta)),
                              if_encode(np.diff(floats, prepend=floats[0]), float(delta)))
        checks.sod_band_residual(y, exact, delta)


@pytest.mark.parametrize(
    "call, exc, name",
    [
        (lambda: if_encode([1.0, np.nan], 1.0), ValueError, "x"),
        (lambda: if_encode([1.0, np.inf], 1.0), ValueError, "x"),
        (lambda: if_encode([1.0], 0.0), ValueError, "theta"),
        (lambda: if_encode([1.0], -1.0), ValueError, "theta"),
        (lambda: if_encode([1.0], float("nan")), ValueError, "theta"),
        (lambda: if_encode([1.0], float("inf")), ValueError, "theta"),
        (lambda: if_encode([1.0], "1"), TypeError, "theta"),
        (lambda: if_encode([1.0], True), TypeError, "theta"),
        (lambda: if_encode([1.0], 1.0, leak=0.0), ValueError, "leak"),
        (lambda: if_encode([1.0], 1.0, leak=1.5), ValueError, "leak"),
        (lambda: if_encode([1.0, 2.0], 1.0, leak=[0.5]), ValueError, "leak"),
        (lambda: if_encode([1.0], 1.0, leak=[np.nan]), ValueError, "leak"),
        (lambda: if_encode([1.0], 1.0, reset="hard"), ValueError, "reset"),
        (lambda: if_encode([1.0], 1.0, engine="gpu"), ValueError, "engine"),
        (lambda: if_encode([[1.0, 2.0], [3.0]], 1.0), ValueError, "x"),
        (lambda: if_encode(["a", "b"], 1.0), TypeError, "x"),
        (lambda: if_encode([1 + 2j], 1.0), TypeError, "x"),
        (lambda: if_encode(np.array([True, False]), 1.0), TypeError, "x"),
        (lambda: if_encode([None], 1.0), TypeError, "x"),
        (lambda: if_encode(1.0, 1.0), ValueError, "x"),
        (lambda: if_encode([1.0], 1.0, axis=1), ValueError, "axis"),
        (lambda: if_encode([Fraction(1)], 1, engine="numba"), ValueError, "engine"),
        (lambda: if_encode([sympy.sqrt(2)], 1), TypeError, "x"),
        (lambda: sod_encode([1.0, np.nan], 1.0), ValueError, "y"),
        (lambda: sod_encode([1.0], 0), ValueError, "delta"),
    ],
)
def test_bad_input_raises_naming_the_parameter(call, exc, name):
    with pytest.raises(exc, match=rf"^{name}\b"):
        call()

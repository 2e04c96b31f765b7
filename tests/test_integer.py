"""Integer data: int64 arithmetic equal to the Fraction engine, overflow refused by name."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from exact_reference import alexiewicz_reference, fire_reference

from ifsod import alexiewicz_norm, discrepancy_norm, if_encode, sod_encode
from ifsod.encode import RESETS

INT64_MAX = 2**63 - 1


def _exact(x, theta, reset="mod"):
    rows = x.reshape(-1, x.shape[-1]) if isinstance(x, np.ndarray) else [x]
    values = [[Fraction(int(v)) for v in row] for row in rows]
    return [[int(s) for s in if_encode(row, Fraction(theta), reset=reset, engine="exact")]
            for row in values]


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
                                   np.uint32, np.uint64])
def test_integer_encoding_equals_the_fraction_engine(dtype, reset):
    rng = np.random.default_rng(int(np.dtype(dtype).itemsize) + len(reset))
    info = np.iinfo(dtype)
    low, high = max(int(info.min), -(2**40)), min(int(info.max), 2**40)
    x = rng.integers(low, high, (5, 300), endpoint=True).astype(dtype)
    # The extremes of the type as Diracs, up to a size whose membrane cannot wrap (reset by
    # subtraction keeps all but one theta a step, so its membrane adds the Diracs up).
    limit = 2**40 if reset == "subtract" else 2**62
    x[:, ::37] = min(int(info.max), limit)
    x[:, 5::41] = max(int(info.min), -limit)
    for theta in (1, 3, 1000, int(rng.integers(1, 2**20))):
        got = if_encode(x, theta, reset=reset)
        assert got.dtype == np.int64
        assert got.tolist() == _exact(x, theta, reset)
        assert np.array_equal(if_encode(x, theta, reset=reset, engine="python"), got)


def _membranes_fit(x, theta, reset):
    """Whether every membrane value v_n of the exact encoding fits in int64."""
    u = Fraction(0)
    for value in x:
        v = u + int(value)
        if not -INT64_MAX - 1 <= v <= INT64_MAX:
            return False
        _, u = fire_reference(v, Fraction(theta), reset)
    return True


@pytest.mark.parametrize("reset", RESETS)
def test_int64_near_the_overflow_limit_is_exact_or_refused(reset):
    rng = np.random.default_rng(12)
    theta = 7
    refused = 0
    for _ in range(300):
        # Values within 2 theta of +-2**63, mostly alternating in sign.
        big = INT64_MAX - rng.integers(0, 2 * theta, 6)
        x = (big * rng.choice([1, -1], 6, p=[0.5, 0.5])).astype(np.int64)
        if _membranes_fit(x, theta, reset):
            assert if_encode(x, theta, reset=reset).tolist() == _exact(x, theta, reset)[0]
        else:
            refused += 1
            with pytest.raises(ValueError, match=r"^x\b.*int64"):
                if_encode(x, theta, reset=reset)
    # Both outcomes were exercised (reset-to-zero empties the membrane at every such sample).
    assert refused or reset == "zero"


@pytest.mark.parametrize("dtype", [np.int32, np.uint32, np.int16])
@pytest.mark.parametrize("reset", ["mod", "zero"])
def test_narrow_samples_at_the_largest_threshold_are_exact(dtype, reset):
    # Samples of at most 32 bits skip the per-sample test of wrapping under these resets;
    # the extremes of the type against the largest integer threshold stay exact.
    rng = np.random.default_rng(14)
    info = np.iinfo(dtype)
    x = rng.choice([int(info.min), int(info.max), 0, 1], (2, 200)).astype(dtype)
    for theta in (2**60, 2**60 - 1, int(info.max)):
        expected = _exact(x, theta, reset)
        assert if_encode(x, theta, reset=reset).tolist() == expected  # blocks of channels
        assert [if_encode(row, theta, reset=reset).tolist() for row in x] == expected


@pytest.mark.parametrize("kernel", ["encode_rows", "encode_rows_numba", "encode_blocks_numba"])
def test_wrapping_is_still_detected_where_narrow_samples_can_cause_it(kernel):
    from ifsod import _kernels

    encode = getattr(_kernels, kernel)
    codes = _kernels.RESET_CODES
    x = np.full((2, 4), 2**31 - 1, dtype=np.int32)
    out = np.empty(x.shape, dtype=np.int64)
    near = np.full(2, INT64_MAX - 2**30, dtype=np.int64)
    with np.errstate(over="ignore"):
        # Reset by subtraction drifts by a sample less theta a step: from below the limit by
        # more than any sample, a membrane wraps on 32-bit samples.
        assert encode(x, 1, codes["subtract"], None, near - 2**32, out)[1]
        # A membrane handed in outside (-theta, theta) is tested too, under every reset.
        for reset in ("mod", "zero"):
            assert encode(x, 7, codes[reset], None, near, out)[1]
            assert not encode(x, 7, codes[reset], None, np.full(2, 6, np.int64), out)[1]


def test_integer_threshold_may_be_given_as_integer_valued_float_or_fraction():
    x = np.array([5, -9, 4], dtype=np.int16)
    expected = if_encode(x, 2)
    assert np.array_equal(if_encode(x, 2.0), expected)
    assert np.array_equal(if_encode(x, Fraction(4, 2)), expected)
    assert if_encode(x, 2.5).dtype == np.float64  # a fractional threshold computes in floats


def test_integers_beyond_int64_or_float64_are_never_rounded():
    # uint64 above 2**63 and Python ints beyond int64 go to exact arithmetic...
    x = np.array([2**64 - 1, 5, 2**63], dtype=np.uint64)
    got = if_encode(x, 7)
    assert [int(s) for s in got] == _exact([int(v) for v in x], 7)[0]
    huge = [2**70 + 1, -(2**70), 3]
    assert [int(s) for s in if_encode(huge, 3)] == _exact(huge, 3)[0]
    # ...so do int64 values beyond 2**53 under a fractional threshold or a leak.
    x = np.array([2**60 + 1, 1], dtype=np.int64)
    exact = if_encode([Fraction(int(v)) for v in x], Fraction(3, 2))
    assert if_encode(x, 1.5).tolist() == exact.tolist()
    # With an engine that computes in floats they are refused by name.
    for call in (lambda: if_encode(np.array([2**64 - 1], dtype=np.uint64), 7, engine="numba"),
                 lambda: if_encode(x, 1.5, engine="numba"),
                 lambda: if_encode(huge, 3, engine="python")):
        with pytest.raises(ValueError, match=r"^x\b"):
            call()


def test_sod_on_integers_is_exact_and_its_differences_never_wrap():
    rng = np.random.default_rng(5)
    y = rng.integers(-(2**40), 2**40, (3, 200))
    diffs = np.diff(y, axis=-1, prepend=y[:, :1])
    got = sod_encode(y, 1000)
    assert got.dtype == np.int64
    assert got.tolist() == _exact(diffs, 1000)
    wide = np.array([-(2**62) - 5, 2**62 + 5], dtype=np.int64)  # the difference needs 64 bits
    assert [int(e) for e in sod_encode(wide, 3)] == [0, 3 * ((2**63 + 10) // 3)]
    with pytest.raises(ValueError, match=r"^y\b"):
        sod_encode(wide, 3, engine="numba")


def test_integer_norms_are_exact_integers():
    assert alexiewicz_norm(np.array([2**53 + 1, -(2**53)])) == 2**53 + 1
    assert isinstance(alexiewicz_norm(np.array([2**53 + 1, -(2**53)])), int)
    rng = np.random.default_rng(9)
    for _ in range(50):
        # Running sums beyond int64: summed in Python integers.
        a = rng.integers(-INT64_MAX, INT64_MAX, 12, endpoint=True)
        expected = alexiewicz_reference([int(v) for v in a])
        assert alexiewicz_norm(a) == expected
        assert alexiewicz_norm(a.astype(np.uint64) // 2) == alexiewicz_reference(
            [int(v) for v in a.astype(np.uint64) // 2])
        sums = list(itertools.accumulate([0] + [int(v) for v in a]))
        assert discrepancy_norm(a) == max(sums) - min(sums)
    small = rng.integers(-1000, 1000, (4, 50), dtype=np.int16)
    assert alexiewicz_norm(small).dtype == np.int64
    assert alexiewicz_norm(small).tolist() == [alexiewicz_reference(r.tolist()) for r in small]
    leaky = alexiewicz_norm(np.array([2**60 + 1, 3]), leak=0.5)
    assert leaky == alexiewicz_reference([2**60 + 1, 3], [Fraction(1, 2)] * 2)

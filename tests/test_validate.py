"""The shared input checks: exact widening, refusals by name, one table per name."""

from __future__ import annotations

from fractions import Fraction
from typing import get_args

import numpy as np
import pytest

from ifsod import _channels, _kernels, _typing
from ifsod._validate import (
    as_channels,
    as_pair,
    as_samples,
    check_leak,
    check_threshold,
    to_fraction,
)

WIDE = np.finfo(np.longdouble).nmant > np.finfo(np.float64).nmant


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.longdouble])
def test_narrow_and_wide_floats_convert_exactly(dtype):
    values = np.array([0.5, -0.75, 2048.0, 6.103515625e-05], dtype=dtype)
    arr, exact = as_samples(values, "x")
    assert not exact and arr.dtype == np.float64
    assert [Fraction(v) for v in arr] == [to_fraction(v, "x") for v in values]


@pytest.mark.skipif(not WIDE, reason="longdouble is float64 on this platform")
def test_longdouble_float64_cannot_hold_is_refused_by_name():
    for value in (np.longdouble("1e400"), np.longdouble(1) + np.finfo(np.longdouble).eps):
        with pytest.raises(ValueError, match="^leak holds float128 values that float64"):
            as_samples(np.array([1.0, value], dtype=np.longdouble), "leak")
        # The exact mode takes them as they are.
        arr, exact = as_samples(np.array([value]), "x", exact=True)
        assert exact and arr[0] == to_fraction(value, "x")


def test_python_integers_beyond_the_float_range_are_named():
    with pytest.raises(ValueError, match=r"^y = 10\*\*400 is beyond the float64 range"):
        as_samples([1.0, 10**400], "y")


@pytest.mark.parametrize(("value", "message"), [
    (10**400, r"^delta = 10\*\*400 is beyond"),
    (Fraction(1, 10**400), r"^delta = 1/10\*\*400 is below the normal float64 range"),
    (Fraction(1, 10**310), "^delta = 1/10\\*\\*310 is below"),
    (np.longdouble("1e-4000") if WIDE else Fraction(1, 10**4000), "^delta = .* is below"),
    (True, "^delta must be a real number"),
    ("1", "^delta must be a real number"),
    (float("nan"), "^delta must be finite"),
    (-1, "^delta must be > 0"),
])
def test_thresholds_float64_cannot_hold_are_refused(value, message):
    with pytest.raises((ValueError, TypeError), match=message):
        check_threshold(value, "delta")


def test_subnormal_floats_are_thresholds_as_they_are():
    assert check_threshold(5e-324) == 5e-324
    assert check_threshold(Fraction(1, 2**1074)) == 5e-324  # exactly representable


def test_leaks_float64_cannot_hold_are_refused():
    with pytest.raises(ValueError, match="^leak = 1/10"):
        check_leak(Fraction(1, 10**400), 1, exact=False)
    with pytest.raises(ValueError, match="^leak = 1/10"):
        check_leak([Fraction(1, 10**400)], 1, exact=False)
    assert check_leak(Fraction(1, 10**400), 1, exact=True) == Fraction(1, 10**400)


def test_as_channels_and_as_pair():
    with pytest.raises(ValueError, match="^chunk must have at least one dimension"):
        as_channels(np.float64(2.0), "chunk")
    x, s, exact = as_pair([1.0, 2.0], [Fraction(1), 0], ("x", "s"))
    assert exact and x.tolist() == [1, 2] and s.tolist() == [1, 0]
    with pytest.raises(ValueError, match=r"^e must have the shape of y \(2,\); got \(3,\)"):
        as_pair([1.0, 2.0], [0.0] * 3, ("y", "e"))
    with pytest.raises(ValueError, match="^y must have at least one dimension"):
        as_pair(1.0, 1.0, ("y", "e"))


@pytest.mark.parametrize("axis", [0, 1, 2])
def test_rows_round_trip_on_every_axis_and_layout(axis):
    a = np.arange(60.0).reshape(3, 4, 5)
    strided = np.arange(120.0).reshape(3, 4, 10)[:, :, ::2]
    for view in (a, np.asfortranarray(a), strided):
        rows = _channels.rows(view, axis)
        assert rows.shape == (60 // view.shape[axis], view.shape[axis])
        # Row 0 is the time series of the first channel.
        first = view[tuple(slice(None) if k == axis else 0 for k in range(3))]
        np.testing.assert_array_equal(rows[0], first)
        np.testing.assert_array_equal(_channels.unrows(rows, view.shape, axis), view)


def test_reset_names_and_kernel_codes_agree():
    assert tuple(_kernels.RESET_CODES) == _typing.RESETS == get_args(_typing.Reset)

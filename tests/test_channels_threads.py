"""Blocks of channels and threads compute the floats of the one-channel reference loop."""

from __future__ import annotations

import numpy as np
import pytest

from ifsod import _kernels, alexiewicz_norm, discrepancy_norm, if_encode, sod_encode
from ifsod.encode import RESETS


def _one_channel(x, theta, reset, leak=None):
    """The reference: the interpreted loop, one channel at a time, one row per call."""
    out = np.empty_like(x)
    factors = None if leak is None else np.atleast_1d(np.asarray(leak, dtype=float))
    for c in range(x.shape[0]):
        _kernels.encode_rows(x[c:c + 1], theta, _kernels.RESET_CODES[reset], factors,
                             np.zeros(1), out[c:c + 1])
    return out


def _noise(rng, channels, n):
    # Scales from sub-threshold to far beyond 4 theta, so every branch of the step runs.
    scale = rng.choice([0.3, 1.0, 3.0, 50.0], size=(channels, 1))
    return rng.standard_normal((channels, n)) * scale


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("leak", ["none", "scalar", "per-step"])
def test_blocks_and_threads_equal_the_one_channel_loop(reset, leak):
    rng = np.random.default_rng(41)
    # 37 channels: two full blocks of 16 and a partial one; 700 steps: a partial tile.
    x = _noise(rng, 37, 700)
    lk = {"none": 1.0, "scalar": 0.9, "per-step": np.exp(-rng.uniform(0, 0.4, 700))}[leak]
    expected = _one_channel(x, 0.7, reset, None if leak == "none" else lk)
    for workers in (1, 2):
        got = if_encode(x, 0.7, reset=reset, leak=lk, workers=workers)
        assert np.array_equal(got, expected, equal_nan=False)
        assert np.array_equal(np.signbit(got), np.signbit(expected))
    # Every channel count, including fewer than a block and a single channel.
    for channels in (1, 2, 15, 16, 17):
        got = if_encode(x[:channels], 0.7, reset=reset, leak=lk)
        assert np.array_equal(got, expected[:channels])


@pytest.mark.parametrize("reset", RESETS)
def test_blocks_spanning_several_tiles_equal_the_one_channel_loop(reset):
    # 21 channels: a block of 16, then 5 (a group of four rows and one row alone); two full
    # tiles and a partial one, for floats and for int16 widened in the int64 tile.
    rng = np.random.default_rng(43)
    steps = 2 * _kernels.TILE + 5
    x = _noise(rng, 21, steps)
    expected = _one_channel(x, 0.7, reset)
    ints = rng.integers(-(2**15), 2**15, (21, steps)).astype(np.int16)
    int_expected = np.stack([if_encode(row, 1000, reset=reset) for row in ints])
    for workers in (1, 2):
        assert np.array_equal(if_encode(x, 0.7, reset=reset, workers=workers), expected)
        got = if_encode(ints, 1000, reset=reset, workers=workers)
        assert got.dtype == np.int64
        assert np.array_equal(got, int_expected)


def test_threshold_ties_and_boundaries_agree_across_loop_orders():
    # Values at and next to every multiple k theta, |k| <= 5, in 16+ channels.
    theta = 0.1
    ties = np.array([k * theta for k in range(-5, 6)])
    v = np.concatenate([ties, np.nextafter(ties, np.inf), np.nextafter(ties, -np.inf)])
    x = np.tile(v, (20, 3))
    np.random.default_rng(2).permuted(x, axis=1, out=x)
    for reset in RESETS:
        assert np.array_equal(if_encode(x, theta, reset=reset, workers=2),
                              _one_channel(x, theta, reset))


def test_reset_to_mod_step_below_four_theta_is_fmod_bit_for_bit():
    rng = np.random.default_rng(8)
    for theta in (0.7, 1 / 3, 2.0**-30, 1e12, 1e300):
        v = theta * rng.uniform(-4, 4, 4000)
        v = v[np.abs(v) < 4 * theta]
        for k in range(-3, 4):
            v = np.append(v, [k * theta, np.nextafter(k * theta, 0), np.nextafter(k * theta, -k)])
        v = np.append(v, [np.nextafter(4 * theta, 0), np.nextafter(-4 * theta, 0)])
        w = np.array([_kernels.below_four(float(a), theta) for a in v])
        assert np.array_equal(w, np.fmod(v, theta))
        assert np.all(np.abs(w) < theta)


@pytest.mark.parametrize("workers", [1, 2])
def test_norms_along_an_axis_equal_one_channel_cumsum(workers):
    rng = np.random.default_rng(3)
    a = _noise(rng, 40, 500)
    sums = np.cumsum(a, axis=-1)
    assert np.array_equal(alexiewicz_norm(a, workers=workers), np.max(np.abs(sums), axis=-1))
    padded = np.concatenate([np.zeros((40, 1)), sums], axis=-1)
    assert np.array_equal(discrepancy_norm(a, workers=workers),
                          np.max(padded, axis=-1) - np.min(padded, axis=-1))
    leak = np.exp(-rng.uniform(0, 0.3, 500))
    one = [alexiewicz_norm(row, leak=leak) for row in a]
    assert np.array_equal(alexiewicz_norm(a, leak=leak, workers=workers), one)
    assert np.array_equal(alexiewicz_norm(a.T, axis=0, workers=workers),
                          alexiewicz_norm(a, workers=workers))


def test_sod_on_many_channels_equals_one_channel_at_a_time():
    rng = np.random.default_rng(4)
    y = np.cumsum(rng.standard_normal((20, 300)), axis=-1)
    expected = np.stack([sod_encode(row, 0.5) for row in y])
    assert np.array_equal(sod_encode(y, 0.5, workers=2), expected)


@pytest.mark.parametrize("workers, exc", [(0, ValueError), (10**6, ValueError),
                                          (1.5, TypeError), (True, TypeError)])
def test_bad_workers_are_refused_by_name(workers, exc):
    with pytest.raises(exc, match=r"^workers\b"):
        if_encode(np.zeros((3, 4)), 1.0, workers=workers)


@pytest.mark.parametrize("reset", RESETS)
def test_integer_blocks_and_threads_equal_one_channel_at_a_time(reset):
    rng = np.random.default_rng(10)
    x = rng.integers(-(2**15), 2**15, (40, 500)).astype(np.int16)
    expected = np.stack([if_encode(row, 1000, reset=reset) for row in x])
    for workers in (1, 2):
        got = if_encode(x, 1000, reset=reset, workers=workers)
        assert got.dtype == np.int64
        assert np.array_equal(got, expected)
    assert np.array_equal(alexiewicz_norm(x, workers=2),
                          [alexiewicz_norm(row) for row in x])


@pytest.mark.parametrize("slow", [0.0, 0.05])
def test_threads_encode_each_group_once_and_never_while_it_is_prepared(slow):
    import threading
    import time

    from ifsod._threads import over_blocks

    log, lock = [], threading.Lock()

    def prepare(first, stop):
        with lock:
            log.append(("start", first))
        time.sleep(slow)  # a preparer on a busy core: the encoders go on without it
        with lock:
            log.append(("done", first))

    def task(first, stop):
        with lock:
            log.append(("encode", first))
        return first == 32

    assert over_blocks(task, 45, 2, prepare) is True
    encoded = [g for what, g in log if what == "encode"]
    assert sorted(encoded) == [0, 16, 32]
    for group in encoded:
        steps = [what for what, g in log if g == group]
        # Prepared entirely before its encoding, or never prepared at all.
        assert steps in (["start", "done", "encode"], ["encode"])


def test_a_failing_prepare_raises_after_every_group_is_encoded():
    import threading

    from ifsod._threads import over_blocks

    encoded, called = [], threading.Event()

    def prepare(first, stop):
        called.set()
        raise MemoryError("no pages")

    def task(first, stop):
        # Holds the first group until the preparer has run, so that it finds a group to
        # prepare whichever thread comes first.
        called.wait(timeout=60)
        encoded.append(first)
        return False

    with pytest.raises(MemoryError, match="no pages"):
        over_blocks(task, 40, 2, prepare)
    assert sorted(encoded) == [0, 16, 32]

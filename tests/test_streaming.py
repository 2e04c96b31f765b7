"""IFEncoder: any chunking of a stream gives the spikes of one call on the whole array."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import resets, signals, thetas

from ifsod import IFEncoder, if_encode
from ifsod.encode import RESETS


def _chunks(x, cuts, axis=-1):
    edges = sorted({min(c, x.shape[axis]) for c in cuts})
    return np.split(x, edges, axis=axis)


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("leak", [1.0, 0.93])
def test_random_chunkings_of_float_channels_are_identical(reset, leak):
    rng = np.random.default_rng(17)
    x = rng.standard_normal((3, 4001)) * 2.0
    whole = if_encode(x, 0.8, reset=reset, leak=leak)
    for _ in range(20):
        enc = IFEncoder(0.8, reset=reset, leak=leak)
        cuts = rng.integers(0, x.shape[1], int(rng.integers(0, 12)))
        parts = [enc.process(chunk) for chunk in _chunks(x, cuts)]
        assert np.array_equal(np.concatenate(parts, axis=-1), whole)
        assert enc.membrane.shape == (3,)


def test_per_chunk_leak_factors_match_a_whole_leak_array():
    rng = np.random.default_rng(2)
    x = rng.standard_normal(300)
    leak = np.exp(-rng.uniform(0, 1, 300))
    enc = IFEncoder(0.5)
    parts = [enc.process(x[a:b], leak=leak[a:b]) for a, b in ((0, 7), (7, 7), (7, 300))]
    assert np.array_equal(np.concatenate(parts), if_encode(x, 0.5, leak=leak))


@settings(max_examples=100, deadline=None)
@given(signals, thetas, resets, st.lists(st.integers(0, 24), max_size=5))
def test_exact_streams_match_one_call(x, theta, reset, cuts):
    enc = IFEncoder(theta, reset=reset)
    arr = np.array(x, dtype=object)
    parts = [enc.process(list(chunk)) for chunk in _chunks(arr, cuts)]
    joined = [v for part in parts for v in part.tolist()]
    assert joined == if_encode(x, theta, reset=reset).tolist()
    if x:
        assert abs(enc.membrane) < theta or reset != "mod"
        assert isinstance(enc.membrane[()], Fraction)


def test_time_axis_other_than_last():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((500, 9))
    enc = IFEncoder(1.0, axis=0)
    parts = [enc.process(x[:123]), enc.process(x[123:])]
    assert np.array_equal(np.concatenate(parts, axis=0), if_encode(x, 1.0, axis=0))
    assert enc.membrane.shape == (9,)


def test_stream_rejects_a_changed_channel_shape_and_mixed_arithmetic():
    enc = IFEncoder(1.0)
    enc.process(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="chunk"):
        enc.process(np.zeros((3, 5)))
    with pytest.raises(TypeError, match="chunk"):
        enc.process([[Fraction(1)] * 2] * 2)
    enc.reset_state()
    assert enc.membrane is None
    assert enc.process(np.zeros((3, 1))).shape == (3, 1)


def test_encoder_rejects_bad_parameters():
    with pytest.raises(ValueError, match="^theta"):
        IFEncoder(0.0)
    with pytest.raises(ValueError, match="^reset"):
        IFEncoder(1.0, reset="soft")
    with pytest.raises(ValueError, match="^leak"):
        IFEncoder(1.0, leak=[0.5, 0.5])
    with pytest.raises(ValueError, match="^leak"):
        IFEncoder(1.0, leak=2.0)


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("leak", [1.0, 0.9])
def test_contiguous_float_chunks_take_the_fast_path_with_the_same_spikes(reset, leak):
    rng = np.random.default_rng(23)
    x = rng.standard_normal((2, 3, 400)) * 3.0
    whole = if_encode(x, 0.6, reset=reset, leak=leak)
    enc = IFEncoder(0.6, reset=reset, leak=leak)
    parts = [enc.process(np.ascontiguousarray(x[..., a:a + 16])) for a in range(0, 400, 16)]
    assert np.array_equal(np.concatenate(parts, axis=-1), whole)
    one = IFEncoder(0.6, reset=reset, leak=leak)
    flat = np.concatenate([one.process(x[0, 0, a:a + 16].copy()) for a in range(0, 400, 16)])
    assert np.array_equal(flat, whole[0, 0])


@pytest.mark.parametrize("axis, exc", [("0", TypeError), (1.0, TypeError), (True, TypeError),
                                       (None, TypeError)])
def test_a_bad_axis_fails_at_construction(axis, exc):
    with pytest.raises(exc, match=r"^axis\b"):
        IFEncoder(1.0, axis=axis)


@pytest.mark.parametrize("chunk, exc", [
    (np.array([1.0, np.nan]), ValueError),
    (np.array([[1.0, np.inf]]), ValueError),
    ([1.0, "a"], TypeError),
    ([[1.0], [1.0, 2.0]], ValueError),
    (np.array([1 + 1j]), TypeError),
    (np.float64(1.0), ValueError),
])
def test_bad_chunks_are_refused_naming_chunk(chunk, exc):
    enc = IFEncoder(1.0)
    enc.process(np.zeros(3))
    with pytest.raises(exc, match=r"^chunk\b"):
        enc.process(chunk)


def test_an_axis_out_of_range_is_refused_at_the_first_chunk():
    enc = IFEncoder(1.0, axis=2)
    with pytest.raises(ValueError, match=r"^axis\b"):
        enc.process(np.zeros((2, 3)))


def test_a_refused_fast_path_chunk_leaves_the_membrane_as_it_was():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((3, 64)) * 2.0
    enc = IFEncoder(0.5)
    first = enc.process(x[:, :16].copy())
    before = enc.membrane.copy()
    bad = x[:, 16:32].copy()
    bad[1, 3] = np.nan
    with pytest.raises(ValueError, match=r"^chunk must be finite"):
        enc.process(bad)
    assert np.array_equal(enc.membrane, before)
    rest = enc.process(x[:, 16:].copy())
    assert np.array_equal(np.concatenate([first, rest], axis=-1), if_encode(x, 0.5))


def test_a_membrane_once_read_stays_as_it_was_while_the_stream_goes_on():
    enc = IFEncoder(1.0)
    enc.process(np.array([0.25, 0.25]))
    seen = enc.membrane
    enc.process(np.array([0.25, 0.125]))  # the fast path, which updates the stream in place
    assert seen == 0.5
    assert enc.membrane == 0.875

"""Dask arrays: lazy encodings and norms equal the in-memory ones, locally and on a cluster."""

from __future__ import annotations

import numpy as np
import pytest

from ifsod import alexiewicz_norm, checks, discrepancy_norm, if_encode, sod_encode
from ifsod.encode import RESETS

da = pytest.importorskip("dask.array")


def _random_chunks(rng, n):
    size = int(rng.integers(0, min(6, n)))
    cuts = np.sort(rng.choice(np.arange(1, n), size=size, replace=False))
    return tuple(int(c) for c in np.diff(np.concatenate([[0], cuts, [n]])))


def _dyadic(rng, shape):
    # Exactly representable: every sum and remainder of the encoders is exact in float64.
    x = rng.integers(-400, 400, shape) / 64
    x[..., ::29] *= 1000  # Diracs far above theta
    return x


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("leak", ["none", "scalar", "per-step"])
def test_dask_encoding_equals_in_memory_bit_for_bit(reset, leak):
    rng = np.random.default_rng(len(reset) * 7 + len(leak))
    for _ in range(6):
        x = _dyadic(rng, (5, 400))
        lk = {"none": 1.0, "scalar": 0.5, "per-step": 2.0 ** -rng.integers(0, 3, 400)}[leak]
        chunks = (_random_chunks(rng, 5), _random_chunks(rng, 400))
        lazy = if_encode(da.from_array(x, chunks=chunks), 0.375, reset=reset, leak=lk)
        assert isinstance(lazy, da.Array)
        assert lazy.chunks == chunks
        expected = if_encode(x, 0.375, reset=reset, leak=lk)
        assert np.array_equal(lazy.compute(scheduler="sync"), expected)
        assert np.array_equal(lazy.compute(scheduler="threads"), expected)


@pytest.mark.parametrize("reset", RESETS)
def test_dask_integer_data_is_encoded_in_integers(reset):
    rng = np.random.default_rng(3)
    x = rng.integers(-(2**15), 2**15, (3, 600)).astype(np.int16)
    lazy = if_encode(da.from_array(x, chunks=(2, 111)), 1000, reset=reset, axis=-1)
    got = lazy.compute(scheduler="sync")
    assert got.dtype == np.int64
    assert np.array_equal(got, if_encode(x, 1000, reset=reset))


def test_dask_time_on_another_axis_and_sod():
    rng = np.random.default_rng(4)
    x = _dyadic(rng, (300, 4))
    lazy = if_encode(da.from_array(x, chunks=(70, 3)), 0.25, axis=0)
    assert np.array_equal(lazy.compute(), if_encode(x, 0.25, axis=0))
    y = np.cumsum(x, axis=0)
    lazy = sod_encode(da.from_array(y, chunks=(41, 2)), 0.5, axis=0)
    assert lazy.chunks == ((41,) * 7 + (13,), (2, 2))
    assert np.array_equal(lazy.compute(), sod_encode(y, 0.5, axis=0))
    ints = rng.integers(-(2**40), 2**40, (2, 90))
    assert np.array_equal(sod_encode(da.from_array(ints, chunks=(1, 20)), 1000).compute(),
                          sod_encode(ints, 1000))


def test_parallel_chunks_of_inexact_floats_satisfy_t1_within_the_rounding_allowance():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((4, 3000)) * rng.choice([0.1, 1.0, 30.0], (4, 1))
    got = if_encode(da.from_array(x, chunks=(4, 250)), 0.7).compute()
    checks.quantization_residual(x, got, 0.7)  # raises if ||x - s||_A >= theta + allowance
    checks.check_lattice(got, 0.7)


def test_dask_norms_equal_in_memory():
    rng = np.random.default_rng(6)
    a = _dyadic(rng, (6, 500))
    for chunks in ((6, 500), (4, 123), (1, 7)):
        lazy = da.from_array(a, chunks=chunks)
        assert np.array_equal(alexiewicz_norm(lazy).compute(), alexiewicz_norm(a))
        assert np.array_equal(alexiewicz_norm(lazy, leak=0.5).compute(),
                              alexiewicz_norm(a, leak=0.5))
        assert np.array_equal(discrepancy_norm(lazy).compute(), discrepancy_norm(a))
    ints = np.array([2**62, 2**62, -(2**61), 5])  # running sums beyond int64
    assert alexiewicz_norm(da.from_array(ints, chunks=1)).compute() == 2**63


def test_dask_errors_name_the_parameter():
    x = da.from_array(np.array([[1.0, np.nan, 0.0]]), chunks=(1, 1))
    with pytest.raises(ValueError, match=r"^x must be finite"):
        if_encode(x, 1.0).compute()
    with pytest.raises(ValueError, match=r"^x\b.*float64"):
        if_encode(da.from_array(np.array([1e308, 1e308]), chunks=1), 1.5e308,
                  reset="subtract").compute()
    with pytest.raises(ValueError, match=r"^engine\b"):
        if_encode(da.zeros(3), 1.0, engine="exact")
    with pytest.raises(ValueError, match=r"^axis\b"):
        if_encode(da.zeros(3), 1.0, axis=1)
    with pytest.raises(ValueError, match=r"^theta\b"):
        if_encode(da.zeros(3), -1.0)


def test_a_local_cluster_of_two_processes_encodes_as_in_memory():
    distributed = pytest.importorskip("distributed")
    rng = np.random.default_rng(7)
    x = _dyadic(rng, (4, 2000))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        for reset in RESETS:
            lazy = if_encode(da.from_array(x, chunks=(2, 300)), 0.375, reset=reset)
            assert np.array_equal(client.compute(lazy).result(),
                                  if_encode(x, 0.375, reset=reset))
        assert np.array_equal(client.compute(alexiewicz_norm(da.from_array(x, chunks=(2, 300))))
                              .result(), alexiewicz_norm(x))


def test_dask_norms_beyond_the_float_range_are_refused_by_name():
    x = da.from_array(np.array([1e308, 1e308, 1.0]), chunks=1)
    with pytest.raises(ValueError, match="^a: its running sums exceed the float64 range"):
        alexiewicz_norm(x).compute()
    with pytest.raises(ValueError, match="^a: its running sums exceed the float64 range"):
        alexiewicz_norm(x, leak=0.9).compute()
    spread = da.from_array(np.array([1e308, -1e308, -1e308]), chunks=1)
    with pytest.raises(ValueError, match="^a: its discrepancy norm exceeds the float64 range"):
        discrepancy_norm(spread).compute()
    assert alexiewicz_norm(spread).compute() == 1e308

"""pandas and xarray in, the same type out, labels kept: encoders, norms, recovery, data."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import ifsod
from ifsod import (
    alexiewicz_distance,
    alexiewicz_norm,
    discrepancy_norm,
    if_encode,
    running_sums,
    sod_encode,
)
from ifsod.data import load_acceleration
from ifsod.sparse import recover

REC = load_acceleration()
X = REC.values / REC.rate  # channels x time, mg·s


def test_the_recording_comes_with_time_along_the_last_axis_and_labelled():
    assert REC.values.shape == (9, 7040)
    np.testing.assert_array_equal(REC.samples, REC.values.T)  # the file's layout, kept
    np.testing.assert_array_equal(REC.channel("leg_vert"), REC.values[4])
    frame = REC.to_pandas()
    assert frame.shape == (7040, 9) and list(frame.columns) == list(REC.channels)
    np.testing.assert_array_equal(frame.index.to_numpy(), np.arange(7040) / REC.rate)
    np.testing.assert_array_equal(frame.to_numpy(), REC.values.T)
    array = REC.to_xarray()
    assert array.dims == ("channel", "time") and array.attrs["units"] == "mg"
    np.testing.assert_array_equal(array.values, REC.values)
    assert list(array.coords["channel"].values) == list(REC.channels)
    with pytest.raises(ValueError, match="name must be one of"):
        REC.channel("elbow")


def test_a_dataframe_is_encoded_per_channel_with_its_labels():
    frame = REC.to_pandas() / REC.rate
    spikes = if_encode(frame, 2.0)
    assert isinstance(spikes, pd.DataFrame)
    assert spikes.index.equals(frame.index) and spikes.columns.equals(frame.columns)
    np.testing.assert_array_equal(spikes.to_numpy(), if_encode(X, 2.0).T)
    # Per-channel counts, not one channel across the nine sensors.
    counts = (spikes.abs().sum() / 2.0).round().astype(int)
    assert counts.index.equals(frame.columns) and counts.sum() > 10_000


def test_a_series_keeps_its_index_and_name():
    x = pd.Series([0.5, 0.75, 2.5, -0.5], index=pd.date_range("2026-01-01", periods=4, freq="s"),
                  name="a")
    for result, expected in [(if_encode(x, 1.0, reset="subtract"),
                              if_encode(x.to_numpy(), 1.0, reset="subtract")),
                             (sod_encode(x, 0.5), sod_encode(x.to_numpy(), 0.5)),
                             (running_sums(x), np.cumsum(x.to_numpy()))]:
        assert isinstance(result, pd.Series) and result.name == "a"
        assert result.index.equals(x.index)
        np.testing.assert_array_equal(result.to_numpy(), expected)
    assert alexiewicz_norm(x) == alexiewicz_norm(x.to_numpy()) == 3.75


def test_exact_values_stay_exact_in_a_series():
    x = pd.Series([Fraction(1, 3), Fraction(2, 3), Fraction(5, 2)], index=[10, 20, 30])
    spikes = if_encode(x, Fraction(1, 2))
    assert spikes.tolist() == [0, 1, Fraction(5, 2)] and spikes.index.tolist() == [10, 20, 30]
    assert all(isinstance(v, Fraction) for v in spikes)
    assert alexiewicz_norm(x - spikes) == Fraction(1, 3)


@pytest.mark.parametrize("order", [("channel", "time"), ("time", "channel")])
def test_a_dataarray_is_encoded_along_its_time_dimension(order):
    array = (REC.to_xarray() / REC.rate).transpose(*order)
    spikes = if_encode(array, 2.0)
    assert isinstance(spikes, xr.DataArray) and spikes.dims == order
    xr.testing.assert_identical(spikes.coords.to_dataset(), array.coords.to_dataset())
    np.testing.assert_array_equal(spikes.transpose("channel", "time").values,
                                  if_encode(X, 2.0))
    norm = alexiewicz_norm(array - spikes)
    assert norm.dims == ("channel",) and list(norm.coords["channel"].values) == \
        list(REC.channels)
    np.testing.assert_array_equal(norm.values, alexiewicz_norm(X - if_encode(X, 2.0)))
    assert float(norm.max()) < 2.0  # T1 on every channel


def test_dim_names_another_time_dimension():
    array = xr.DataArray(X[:2, :100], dims=("sensor", "t"), coords={"t": np.arange(100) / 64})
    with pytest.raises(ValueError, match="dim: 'time' is not a dimension of x"):
        if_encode(array, 1.0)
    spikes = if_encode(array, 1.0, dim="t")
    np.testing.assert_array_equal(spikes.values, if_encode(X[:2, :100], 1.0))
    np.testing.assert_array_equal(discrepancy_norm(array, dim="t").values,
                                  discrepancy_norm(X[:2, :100]))


def test_labelled_input_takes_no_axis_and_plain_input_no_dim():
    with pytest.raises(TypeError, match="axis cannot be given with labelled input"):
        if_encode(REC.to_pandas(), 1.0, axis=0)
    with pytest.raises(TypeError, match="dim applies to an xarray.DataArray x"):
        if_encode(X, 1.0, dim="time")
    with pytest.raises(TypeError, match="dim applies to an xarray.DataArray a"):
        alexiewicz_norm(REC.to_pandas(), dim="time")


def test_distances_pair_labels_not_positions():
    frame = REC.to_pandas().iloc[:200] / REC.rate
    spikes = if_encode(frame, 1.0)
    distance = alexiewicz_distance(frame, spikes)
    assert isinstance(distance, pd.Series) and distance.index.equals(frame.columns)
    np.testing.assert_array_equal(distance.to_numpy(),
                                  alexiewicz_norm(frame.to_numpy() - spikes.to_numpy(), axis=0))
    with pytest.raises(ValueError, match="b must have the index"):
        alexiewicz_distance(frame, spikes.iloc[::-1])
    shifted = REC.to_xarray().isel(time=slice(0, 50))
    with pytest.raises(ValueError, match="b must have the coordinates"):
        alexiewicz_distance(shifted, shifted.assign_coords(time=shifted.time + 1))
    with pytest.raises(TypeError, match="b must be a DataFrame"):
        alexiewicz_distance(frame, spikes.to_numpy())
    # A plain first array would pair a (time, channel) frame along the wrong axis: refused.
    with pytest.raises(TypeError, match="a must be labelled like b"):
        alexiewicz_distance(spikes.to_numpy(), frame)


def test_recover_returns_labelled_solutions():
    x = REC.to_pandas()["ankle_vert"].iloc[:300] / REC.rate
    result = recover(x, 2.0)
    assert isinstance(result.spikes, pd.Series) and result.spikes.index.equals(x.index)
    np.testing.assert_array_equal(result.spikes.to_numpy(), recover(x.to_numpy(), 2.0).spikes)
    rebuilt = recover(result.spikes, 2.0, problem="reconstruct")
    assert rebuilt.spikes is None and rebuilt.signal.index.equals(x.index)
    array = REC.to_xarray().sel(channel="trunk_vert").isel(time=slice(0, 300)) / REC.rate
    relaxed = recover(array, 2.0, problem="relaxed")
    assert relaxed.spikes.dims == ("time",) and str(relaxed.spikes.channel.values) == "trunk_vert"
    np.testing.assert_array_equal(relaxed.spikes.values,
                                  recover(array.values, 2.0, problem="relaxed").spikes)
    # A DataFrame is one channel per column, time along the index: every column is solved.
    frame = REC.to_pandas().iloc[:300, :3] / REC.rate
    each = recover(frame, 2.0)
    assert isinstance(each.spikes, pd.DataFrame) and each.spikes.index.equals(frame.index)
    assert each.spikes.columns.equals(frame.columns)
    for name in frame.columns:
        np.testing.assert_array_equal(each.spikes[name].to_numpy(),
                                      recover(frame[name].to_numpy(), 2.0).spikes)


def test_plain_calls_import_neither_pandas_nor_xarray():
    code = ("import sys, ifsod; ifsod.if_encode([1.0], 1.0); ifsod.alexiewicz_norm([1.0]); "
            "print(sorted({'pandas', 'xarray'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
    assert ifsod.if_encode.__wrapped__.__name__ == "if_encode"

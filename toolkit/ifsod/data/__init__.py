"""Bundled real data: Daphnet body-worn acceleration (CC BY 4.0, see ``README.md`` here)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

_DAPHNET = "daphnet_S06R02E0.csv"
#: Citation to show wherever the recording is used.
CITATION = (
    "Daphnet Freezing of Gait data set (Bächlin et al., IEEE Trans. Inf. Technol. Biomed. 14(2), "
    "2010), subject 6, run 2; CC BY 4.0")


@dataclass(frozen=True, eq=False)
class Acceleration:
    """A multi-channel acceleration recording, time along the last axis as the library takes it.

    Parameters
    ----------
    values, rate, channels, anomaly
        As the attributes.

    Examples
    --------
    >>> rec = Acceleration(np.zeros((1, 4)), 2.0, ("x",), np.zeros(4, dtype=int))
    >>> rec.times
    array([0. , 0.5, 1. , 1.5])

    Attributes
    ----------
    values : numpy.ndarray
        Channels x samples, milli-g, ``float64``, so ``if_encode(rec.values, theta)``
        encodes each channel.
    rate : float
        Sampling rate in Hz.
    channels : tuple of str
        Channel names, one per row of ``values``.
    anomaly : numpy.ndarray
        Freezing-of-gait label per sample (0 or 1).
    """

    values: np.ndarray
    rate: float
    channels: tuple[str, ...]
    anomaly: np.ndarray

    @property
    def samples(self) -> np.ndarray:
        """The transpose ``values.T``, one row per sample as in the CSV file, for code written
        against that layout.

        Returns
        -------
        numpy.ndarray
            Samples x channels.

        Examples
        --------
        >>> load_acceleration().samples.shape
        (7040, 9)
        """
        return self.values.T

    @property
    def times(self) -> np.ndarray:
        """Time of each sample in seconds from the start, ``n / rate``.

        Returns
        -------
        numpy.ndarray
            Seconds, one per sample.

        Examples
        --------
        >>> load_acceleration().times[:3]
        array([0.      , 0.015625, 0.03125 ])
        """
        return np.arange(self.values.shape[-1]) / self.rate

    def channel(self, name: str) -> np.ndarray:
        """The samples of channel ``name`` (milli-g).

        Parameters
        ----------
        name : str
            One of ``channels``.

        Returns
        -------
        numpy.ndarray
            The channel's samples (a view of ``values``).

        Examples
        --------
        >>> load_acceleration().channel("ankle_vert")[:3]
        array([1000., 1000.,  980.])
        """
        if name not in self.channels:
            raise ValueError(f"name must be one of {list(self.channels)}; got {name!r}")
        return self.values[self.channels.index(name)]

    def to_pandas(self) -> Any:
        """The recording as a ``pandas.DataFrame``: one column per channel, indexed by time (s).

        Needs pandas (``pip install 'ifsod[labelled]'``).

        Returns
        -------
        pandas.DataFrame
            Samples x channels.

        Examples
        --------
        >>> frame = load_acceleration().to_pandas()
        >>> frame.shape, frame.index.name
        ((7040, 9), 'time')
        """
        import pandas as pd

        index = pd.Index(self.times, name="time")
        return pd.DataFrame(self.values.T.copy(), index=index, columns=list(self.channels))

    def to_xarray(self) -> Any:
        """The recording as an ``xarray.DataArray`` with dimensions ``("channel", "time")``.

        Needs xarray (``pip install 'ifsod[labelled]'``).

        Returns
        -------
        xarray.DataArray
            Channels x time, with units and source in ``attrs``.

        Examples
        --------
        >>> arr = load_acceleration().to_xarray()
        >>> arr.dims, arr.attrs["units"]
        (('channel', 'time'), 'mg')
        """
        import xarray as xr

        return xr.DataArray(self.values.copy(), dims=("channel", "time"),
                            coords={"channel": list(self.channels), "time": self.times},
                            name="acceleration",
                            attrs={"units": "mg", "rate_hz": self.rate, "source": CITATION})


def load_acceleration() -> Acceleration:
    """Load the bundled Daphnet recording (subject 6, run 2; 7,040 samples at 64 Hz, 9 channels).

    The sampling rate is measured from the timestamps (64 Hz to 1e-3 relative).

    Returns
    -------
    Acceleration
        ``values`` (channels x samples), ``rate``, ``channels``, ``anomaly``.

    Examples
    --------
    >>> rec = load_acceleration()
    >>> rec.values.shape, round(rec.rate), rec.channels[1]
    ((9, 7040), 64, 'ankle_vert')
    """
    text = resources.files(__name__).joinpath(_DAPHNET).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    values = np.array([[float(v) for v in row[1:-1]] for row in body]).T.copy()
    anomaly = np.array([int(row[-1]) for row in body])
    stamps = np.array([np.datetime64(row[0].replace(" ", "T")) for row in (body[0], body[-1])])
    span = (stamps[1] - stamps[0]) / np.timedelta64(1, "ms") / 1e3
    return Acceleration(values, round((len(body) - 1) / span, 3), tuple(header[1:-1]), anomaly)

"""Bundled real data: Daphnet body-worn acceleration (CC BY 4.0, see ``README.md`` here)."""

from __future__ import annotations

import csv
from importlib import resources
from typing import NamedTuple

import numpy as np

_DAPHNET = "daphnet_S06R02E0.csv"
#: Citation to show wherever the recording is used.
CITATION = (
    "Daphnet Freezing of Gait data set (Bächlin et al., IEEE Trans. Inf. Technol. Biomed. 14(2), "
    "2010), subject 6, run 2; CC BY 4.0")


class Acceleration(NamedTuple):
    """A multi-channel acceleration recording."""

    #: Samples x channels, milli-g, ``float64``.
    samples: np.ndarray
    #: Sampling rate in Hz.
    rate: float
    #: Channel names, one per column of ``samples``.
    channels: tuple[str, ...]
    #: Freezing-of-gait label per sample (0 or 1).
    anomaly: np.ndarray


def load_acceleration() -> Acceleration:
    """Load the bundled Daphnet recording (subject 6, run 2; 7,040 samples at 64 Hz, 9 channels).

    The sampling rate is measured from the timestamps (64 Hz to 1e-3 relative).

    Returns
    -------
    Acceleration
        ``(samples, rate, channels, anomaly)``.

    Examples
    --------
    >>> rec = load_acceleration()
    >>> rec.samples.shape, round(rec.rate), rec.channels[1]
    ((7040, 9), 64, 'ankle_vert')
    """
    text = resources.files(__name__).joinpath(_DAPHNET).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    samples = np.array([[float(v) for v in row[1:-1]] for row in body])
    anomaly = np.array([int(row[-1]) for row in body])
    stamps = np.array([np.datetime64(row[0].replace(" ", "T")) for row in (body[0], body[-1])])
    span = (stamps[1] - stamps[0]) / np.timedelta64(1, "ms") / 1e3
    return Acceleration(samples, round((len(body) - 1) / span, 3), tuple(header[1:-1]), anomaly)

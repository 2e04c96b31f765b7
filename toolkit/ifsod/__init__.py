"""ifsod: Integrate-and-Fire and Send-on-Delta sampling in the Alexiewicz norm.

Encoders (D4, D5), norms (D1, D2), self-checks of the theorems, and (in subpackages) exact
continuous-time encoders, sparse recovery and a proof engine.  The numbering (D1-D7, T1-T8) is
the book's.

Examples
--------
>>> import ifsod
>>> ifsod.if_encode([0.4, 0.4, 0.4], 1.0)
array([0., 0., 1.])
"""

from importlib.metadata import PackageNotFoundError, version

from . import checks, data, reconstruct
from ._numba_cache import NumbaCacheWarning
from .algebraic import Algebraic
from .encode import IFEncoder, if_encode, sod_encode
from .events import if_events, sod_events
from .norms import alexiewicz_distance, alexiewicz_norm, discrepancy_norm, running_sums
from .signal import Signal
from .spiketrain import SpikeTrain

try:
    __version__ = version("ifsod")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Algebraic",
    "IFEncoder",
    "NumbaCacheWarning",
    "Signal",
    "SpikeTrain",
    "alexiewicz_distance",
    "alexiewicz_norm",
    "checks",
    "data",
    "discrepancy_norm",
    "if_encode",
    "if_events",
    "reconstruct",
    "running_sums",
    "sod_encode",
    "sod_events",
]

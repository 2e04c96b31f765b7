"""Sparse recovery in the Alexiewicz geometry (T3, T6): one front door, two sides.

:func:`recover` solves the quantized, relaxed, Lagrangian, reconstruction and ROF problems,
with or without a leak, either with the fast exact solvers (greedy IF^M, the leaky lazy path,
the taut string, the radius search, the dynamic programme for the leaky lattice) or as the
same problem stated in CVXPY; it returns a :class:`Recovery` with the same fields for every
method.  CVXPY is imported only when a CVXPY method is called.

Examples
--------
>>> from ifsod.sparse import recover
>>> recover([0.4, 0.4, 0.4, -1.5], 1.0).spikes
array([ 0.,  0.,  1., -1.])
"""

from ._cvxpy import MissingSolverError
from ._recover import METHODS, PROBLEMS, recover
from ._result import Recovery
from ._tv import tv_denoise

__all__ = ["METHODS", "PROBLEMS", "MissingSolverError", "Recovery", "recover", "tv_denoise"]

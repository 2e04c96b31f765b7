"""Sparse recovery in the Alexiewicz geometry (MATH.md T3, T6): one front door, two sides.

:func:`recover` solves the quantized, relaxed and reconstruction problems either with the
fast exact solvers (greedy IF^M, the lazy path, the taut string; :math:`O(N)`) or as the same
problem stated in CVXPY, and the Lagrangian form in CVXPY; it returns a :class:`Recovery` with
the same fields for every method.  CVXPY is imported only when a CVXPY method is called.

Examples
--------
>>> from ifsod.sparse import recover
>>> recover([0.4, 0.4, 0.4, -1.5], 1.0).spikes
array([ 0.,  0.,  1., -1.])
"""

from ._cvxpy import MissingSolverError
from ._recover import Recovery, recover
from ._tv import tv_denoise

__all__ = ["MissingSolverError", "Recovery", "recover", "tv_denoise"]

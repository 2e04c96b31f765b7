"""Norms of signals (D1, D2): the sup norm and the (leaky) Alexiewicz norm, exactly.

Both are one supremum loop (:func:`ifsod._membrane.sup_abs`) over a membrane model: the
piece values themselves for the sup norm, the primitive's for the Alexiewicz norm, the LIF
membrane for the leaky norm.  Float pieces of degree at most ``MAX_DEGREE`` take the same
candidates in a compiled loop (:mod:`ifsod._sup_kernel`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._event_kernel import padded_rows, row_degrees_numba
from ._membrane import LeakyMembrane, PolynomialMembrane, sup_abs
from ._roots import MAX_DEGREE
from ._signal_calculus import primitive_arrays
from ._signal_leaky import check_leak_rate
from ._sup_kernel import sup_pieces_numba
from ._typing import Scalar
from .algebraic import Value

if TYPE_CHECKING:
    from .signal import Signal


def sup_norm(self: Signal, *, attained: bool = False) -> Value | tuple[Value, bool]:
    r""":math:`\sup_t |f(t)|` over values and one-sided limits (no Diracs allowed).

    Exact in exact mode (the result may be an algebraic number); the candidates are the
    breakpoints, their one-sided limits and the interior roots of :math:`f'`.

    Parameters
    ----------
    attained : bool
        Also return whether some :math:`t` has :math:`|f(t)|` equal to the supremum.  A
        supremum reached only as a one-sided limit is not attained, so
        :math:`|f(t)| < c` holds at every :math:`t` exactly when ``sup < c``, or
        ``sup == c`` and it is not attained.

    Returns
    -------
    float, Fraction or Algebraic, or a tuple (sup, bool) when ``attained``

    Examples
    --------
    >>> from ifsod import Signal
    >>> Signal.piecewise([0.0, 2.0], [[0.0, 2.0, -1.0]]).sup_norm()  # 2s - s^2
    1.0
    >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 0.0], kind="constant")
    >>> f.sup_norm(attained=True)
    (1.0, True)
    >>> ramp = Signal.piecewise([0.0, 1.0, 2.0], [[0.0, 1.0], [0.0]])  # t, then 0
    >>> ramp.sup_norm(attained=True)  # 1 only as t -> 1 from the left
    (1.0, False)
    """
    if self.diracs:
        raise ValueError("signal must have no Diracs for a sup norm (they are unbounded)")
    found = None if self.exact else _compiled_sup(*self.piece_arrays(), self.end_value)
    if found is None:
        found = sup_abs(PolynomialMembrane(self.exact, follow=False), self.pieces(), {},
                        end=self.end_value)
    return found if attained else found[0]


def _compiled_sup(bps: np.ndarray, anchors: np.ndarray, table: np.ndarray,
                  end: float) -> tuple[float, bool] | None:
    """``(sup, attained)`` of float pieces by :mod:`ifsod._sup_kernel`; None beyond its
    degrees."""
    if table.shape[1] > MAX_DEGREE + 1:
        return None
    degrees = np.empty(table.shape[0], dtype=np.int64)
    row_degrees_numba(table, degrees)
    best, reached = sup_pieces_numba(bps, anchors, padded_rows(table), degrees, float(end))
    return float(best), bool(reached)


def alexiewicz_norm(self: Signal, *, leak_rate: float | Scalar = 0.0) -> Value:
    r"""Alexiewicz norm :math:`\|f\|_A = \sup_t |\int_{[t_0,t]} f|` (D1), exactly.

    The supremum runs over the primitive's values and one-sided limits (breakpoints, Dirac
    instants and interior critical points); in exact mode the result is a ``Fraction`` or an
    exact algebraic number.  With ``leak_rate`` :math:`\alpha > 0` (float mode only): the
    leaky norm :math:`\sup_t |\int_{[t_0,t]} e^{-\alpha(t-s)} f(s)\,ds|` (D2), its
    interior extrema isolated exactly and polished by bracketed root finding.

    Parameters
    ----------
    leak_rate : real
        The leak rate :math:`\alpha \ge 0`.

    Returns
    -------
    float, Fraction or Algebraic
        The norm.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from ifsod import Signal
    >>> f = Signal.piecewise([F(0), F(3)], [[F(1), F(-1)]])  # 1 - t: F(t) = t - t^2/2
    >>> f.alexiewicz_norm()
    Fraction(3, 2)
    >>> round(Signal.piecewise([0.0, 50.0], [[1.0]]).alexiewicz_norm(leak_rate=0.5), 9)
    2.0
    """
    alpha = check_leak_rate(leak_rate)
    if not alpha:
        # A float primitive's arrays go to the compiled loop without becoming a Signal.
        found = None if self.exact else _compiled_sup(*primitive_arrays(self))
        return sup_norm(self.primitive()) if found is None else found[0]
    if self.exact:
        raise ValueError("leak_rate > 0 needs a float signal (exponentials are "
                         "irrational); got an exact one")
    pieces = self.pieces(cuts=[t for t, _ in self.diracs])
    return sup_abs(LeakyMembrane(alpha), pieces, dict(self.diracs))[0]

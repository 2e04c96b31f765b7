"""Spike trains: weighted events in continuous time (MATH.md D3)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

from ._signal_input import impulses, merge_impulses
from ._typing import ArrayLike, Scalar
from ._validate import check_threshold, is_exact_scalar
from .algebraic import Algebraic
from .signal import Signal


class SpikeTrain:
    r"""Events :math:`\eta = \sum_k s_k \delta(t - t_k)` on :math:`[t_0, T]` (D3).

    Times are sorted; events at one instant are merged (their weights add, as coincident spikes
    do in D3) and events of weight 0 are removed.  With ``theta`` every weight must lie in
    :math:`\theta\mathbb{Z}` (exactly in exact mode, to rounding in floats); without it the
    train is a general weighted train.  Exact mode (``Fraction``/``Rational`` input, or exact
    algebraic event times from :func:`ifsod.if_events`) compares exactly.

    Parameters
    ----------
    times : sequence of real
        Event times in ``t_range``, non-decreasing.
    weights : sequence of real
        One weight per event.
    t_range : (t0, T)
        Time range.
    theta : real, optional
        Threshold; weights must be multiples of it.

    Examples
    --------
    >>> eta = SpikeTrain([0.5, 1.0, 1.0], [1.0, -2.0, 1.0], (0.0, 2.0), theta=1.0)
    >>> eta.times, eta.weights, eta.count, eta.l1
    ((0.5, 1.0), (1.0, -1.0), 2, 2.0)
    >>> eta.on_grid([0.0, 1.0, 2.0])
    array([ 1., -1.])
    """

    __slots__ = ("_exact", "_range", "_theta", "_times", "_weights")

    def __init__(self, times: ArrayLike, weights: ArrayLike, t_range,
                 theta: Scalar | None = None) -> None:
        (t0, t_end), times, weights, exact = impulses(
            times, weights, t_range, exact=theta is not None and is_exact_scalar(theta))
        if theta is not None:
            theta = check_threshold(theta, exact=exact)
        for k, (a, b) in enumerate(itertools.pairwise(times)):
            if b < a:
                raise ValueError(f"times must be sorted; entry {k + 1} ({b}) precedes {a}")
        merged = merge_impulses(zip(times, weights))
        if theta is not None:
            for _, w in merged:
                _check_multiple(w, theta, exact)
            if not exact:  # weights that cancel to rounding are no spike, as count says
                merged = [(tau, w) for tau, w in merged if round(_ratio(w, theta)) != 0]
        self._times = tuple(tau for tau, _ in merged)
        self._weights = tuple(w for _, w in merged)
        self._range = (t0, t_end)
        self._theta = theta
        self._exact = exact

    @property
    def times(self) -> tuple:
        """Event times, strictly increasing."""
        return self._times

    @property
    def weights(self) -> tuple:
        """Event weights (nonzero)."""
        return self._weights

    @property
    def t_range(self) -> tuple:
        """``(t0, T)``."""
        return self._range

    @property
    def theta(self):
        """Threshold, or ``None`` for a general train."""
        return self._theta

    @property
    def exact(self) -> bool:
        """True in exact mode."""
        return self._exact

    def __len__(self) -> int:
        return len(self._times)

    def __repr__(self) -> str:
        mode = "exact" if self._exact else "float"
        return (f"SpikeTrain({mode}, {len(self)} events, theta={self._theta}, "
                f"t in [{self._range[0]}, {self._range[1]}])")

    def __eq__(self, other) -> bool:
        if not isinstance(other, SpikeTrain):
            return NotImplemented
        return (self._range == other._range and self._theta == other._theta
                and self._times == other._times and self._weights == other._weights)

    __hash__ = None  # type: ignore[assignment]

    @property
    def l1(self):
        r""":math:`\|\eta\|_1 = \sum_k |s_k|`."""
        return sum((abs(w) for w in self._weights), start=self._range[0] * 0)

    @property
    def count(self) -> int:
        r"""Number of spikes :math:`\|\eta\|_1 / \theta` (needs ``theta``)."""
        if self._theta is None:
            raise ValueError("theta must be set to count spikes; this is a general train")
        # Per event: the float sum of |weights| may overflow where the count does not.
        return sum(round(_ratio(abs(w), self._theta)) for w in self._weights)

    def to_signal(self) -> Signal:
        """The train as a :class:`Signal` (Diracs on the zero function).

        Examples
        --------
        >>> SpikeTrain([1.0], [2.0], (0.0, 3.0)).to_signal().diracs
        ((1.0, 2.0),)
        """
        return Signal.dirac(self._times, self._weights, self._range)

    def on_grid(self, edges: ArrayLike) -> np.ndarray:
        """Sum of the weights in each bin between ``edges`` (bins as in
        :meth:`Signal.bin_integrals`), so it compares with ``if_encode`` of the bin integrals.

        Examples
        --------
        >>> SpikeTrain([0.5, 1.0, 2.0], [1.0, 1.0, -1.0], (0.0, 2.0)).on_grid([0.0, 1.0, 2.0])
        array([1., 0.])
        """
        return self.to_signal().bin_integrals(edges)

    def alexiewicz_distance(self, other) -> Scalar | Algebraic:
        r""":math:`\|\eta - g\|_A` for another train or a :class:`Signal` ``g`` (exact in exact
        mode; the supremum includes one-sided limits).

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> a = SpikeTrain([F(1)], [F(1)], (0, 2))
        >>> b = SpikeTrain([F(3, 2)], [F(1)], (0, 2))
        >>> a.alexiewicz_distance(b)
        Fraction(1, 1)
        >>> a.alexiewicz_distance(Signal.piecewise([0, 2], [[F(1, 2)]]))
        Fraction(1, 2)
        """
        if isinstance(other, SpikeTrain):
            other = other.to_signal()
        if not isinstance(other, Signal):
            raise TypeError(f"other must be a SpikeTrain or Signal; got {type(other).__name__}")
        return (other - self.to_signal()).alexiewicz_norm()


def _ratio(w, theta):
    """``w / theta``, exactly (as ``Fraction``) where the float quotient overflows: a spike of
    reset-to-mod may hold more than 2**1024 thresholds."""
    k = w / theta
    if isinstance(k, float) and not math.isfinite(k):
        return Fraction(w) / Fraction(theta)
    return k


def _check_multiple(w, theta, exact: bool) -> None:
    k = _ratio(w, theta)
    if exact:
        ok = k.denominator == 1
    else:
        ok = abs(k - round(k)) <= max(1, abs(k)) / 10**9
    if not ok:
        raise ValueError(f"weights must be multiples of theta = {theta}; got {w}")

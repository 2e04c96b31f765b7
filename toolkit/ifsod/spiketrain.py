"""Spike trains: weighted events in continuous time (D3)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._event_kernel import increasing_within_numba, spike_mask_numba
from ._signal_input import exactify, impulses, merge_impulses, numbers
from ._typing import ArrayLike, Scalar
from ._validate import check_threshold, is_exact_scalar, to_fraction
from .algebraic import Algebraic, Value
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
    copy : bool
        ``False`` lets the train hold ``times`` and ``weights`` as given, made read-only,
        when they are float64 arrays of sorted, distinct times whose weights are all spikes
        (what the continuous encoders hand over); anything else is copied as by default.
        Nothing may write to held arrays through another view of their memory.

    Examples
    --------
    >>> eta = SpikeTrain([0.5, 1.0, 1.0], [1.0, -2.0, 1.0], (0.0, 2.0), theta=1.0)
    >>> eta.times, eta.weights, eta.count, eta.l1
    ((0.5, 1.0), (1.0, -1.0), 2, 2.0)
    >>> eta.on_grid([0.0, 1.0, 2.0])
    array([ 1., -1.])
    """

    __slots__ = ("_arrays", "_exact", "_range", "_theta", "_times", "_weights")

    def __init__(self, times: ArrayLike, weights: ArrayLike, t_range: Sequence[Value],
                 theta: float | Scalar | None = None, *, copy: bool = True) -> None:
        if not isinstance(copy, bool | np.bool_):
            raise TypeError(f"copy must be True or False; got {copy!r}")
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        self._times: tuple[Value, ...] | None
        self._weights: tuple[Value, ...] | None
        self._theta: Value
        if isinstance(times, np.ndarray) and isinstance(weights, np.ndarray) \
                and _plain_float_events(times, weights, t_range, theta):
            self._theta = None if theta is None else check_threshold(theta)
            self._arrays = _float_events(times, weights, self._theta, bool(copy))
            self._times = self._weights = None  # made from the arrays when first asked for
            self._range: tuple[Value, Value] = (float(t_range[0]), float(t_range[1]))
            self._exact = False
            return
        (t0, t_end), taus, ws, exact = impulses(
            times, weights, t_range, exact=theta is not None and is_exact_scalar(theta))
        self._theta = None if theta is None else check_threshold(theta, exact=exact)
        for k, (a, b) in enumerate(itertools.pairwise(taus)):
            if b < a:
                raise ValueError(f"times must be sorted; entry {k + 1} ({b}) precedes {a}")
        merged = merge_impulses(zip(taus, ws))
        if self._theta is not None:
            for _, w in merged:
                _check_multiple(w, self._theta, exact)
            if not exact:  # weights that cancel to rounding are no spike, as count says
                merged = [(tau, w) for tau, w in merged if round(_ratio(w, self._theta)) != 0]
        self._times = tuple(tau for tau, _ in merged)
        self._weights = tuple(w for _, w in merged)
        self._range = (t0, t_end)
        self._exact = exact

    @classmethod
    def from_dense(cls, spikes: ArrayLike, *, rate: float | Scalar,
                   t_start: float | Scalar = 0, theta: float | Scalar | None = None
                   ) -> SpikeTrain:
        r"""The train of a spike array (the output of :func:`ifsod.if_encode`): sample
        :math:`k` at time :math:`t_0 + k/\mathrm{rate}`, on :math:`[t_0, t_0 + n/\mathrm{rate}]`.

        Sample :math:`k` stands for bin :math:`[t_0 + k/r, t_0 + (k+1)/r)`, so
        ``from_dense(s, rate=r).on_grid(edges)`` with the bin edges gives ``s`` back, as does
        :meth:`to_dense`.  A ``Fraction`` rate (or exact spikes) gives exact times.

        Parameters
        ----------
        spikes : array_like
            One-dimensional, one value per sample; zeros are no event.
        rate : real
            Samples per unit time, > 0.
        t_start : real
            Time of sample 0.
        theta : real, optional
            Threshold; every spike must be a multiple of it.

        Returns
        -------
        SpikeTrain
            One event per nonzero sample, exact when the rate or the spikes are.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> eta = SpikeTrain.from_dense([0, 1, 0, -2], rate=F(10), theta=1)
        >>> eta.times, eta.weights, eta.t_range
        ((Fraction(1, 10), Fraction(3, 10)), (Fraction(1, 1), Fraction(-2, 1)), (Fraction(0, 1), Fraction(2, 5)))
        >>> eta.to_dense(rate=F(10), n=4).tolist()
        [Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(-2, 1)]
        """  # noqa: E501
        values, exact = numbers(spikes, "spikes")
        rate_exact = is_exact_scalar(rate) or is_exact_scalar(t_start) or exact
        rate_q = check_threshold(rate, "rate", exact=True)
        start = to_fraction(t_start, "t_start")
        n = len(values)
        if n == 0:
            raise ValueError("spikes must hold at least one sample")
        ks = [k for k, v in enumerate(values) if v != 0]
        times: list[Value] = [start + k / rate_q for k in ks]
        t_range: tuple[Value, ...] = (start, start + n / rate_q)
        if not rate_exact:
            times = exactify(times, False, "times")
            t_range = tuple(exactify(t_range, False, "t_range"))
            # Rounded to floats, distinct samples must stay distinct times inside the range
            # (else their spikes would merge, or the range would vanish).
            if not all(a < b for a, b in itertools.pairwise(times)) or \
                    not t_range[0] < t_range[1] or (times and times[-1] >= t_range[1]):
                raise ValueError(f"rate={rate!r} from t_start={t_start!r}: sample times "
                                 "coincide in float64; pass a Fraction rate for exact times")
            return cls(np.asarray(times, dtype=float),
                       np.asarray([values[k] for k in ks], dtype=float), t_range, theta)
        return cls(times, [Fraction(values[k]) for k in ks], t_range, theta)

    def to_dense(self, *, rate: float | Scalar, n: int | None = None) -> np.ndarray:
        r"""The train as a spike array: sample :math:`k` holds the weights in
        :math:`[t_0 + k/\mathrm{rate}, t_0 + (k+1)/\mathrm{rate})` (the last sample also
        :math:`T`): :meth:`on_grid` on the sample bins.

        Parameters
        ----------
        rate : real
            Samples per unit time, > 0.
        n : int, optional
            Number of samples (default: the bins that fit in the range, rounded up).

        Returns
        -------
        numpy.ndarray
            ``float64``, or ``Fraction`` objects in exact mode.

        Examples
        --------
        >>> SpikeTrain([0.25, 1.5], [1.0, 1.0], (0.0, 2.0)).to_dense(rate=2.0).tolist()
        [1.0, 0.0, 0.0, 1.0]
        """
        t0, t_end = self._range
        rate_q = check_threshold(rate, "rate", exact=True)
        exact = self._exact or is_exact_scalar(rate)
        derived = n is None
        if n is None:
            if isinstance(t_end, Algebraic):
                raise ValueError("n must be given for a train whose range ends at an "
                                 "irrational time")
            bins = (Fraction(t_end) - Fraction(t0)) * rate_q
            # A float range holds n / rate to rounding: n bins, not n + 1.
            n = round(bins) if abs(bins - round(bins)) <= max(Fraction(1), bins) / 10**9 else \
                math.ceil(bins)
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n must be a positive integer; got {n!r}")
        if n > np.iinfo(np.intp).max:
            most = np.iinfo(np.intp).max
            raise ValueError(f"rate={rate!r} gives {n} samples over the train's range, more "
                             f"than an array holds ({most})" if derived else
                             f"n must be at most {most} (an array's length); got {n}")
        edges: list[Value] = [Fraction(t0) + k / rate_q for k in range(int(n) + 1)]
        if not exact:
            edges = exactify(edges, False, "rate")
        if edges[-1] < t_end:
            raise ValueError(f"n must cover the train's range: {n} samples end at "
                             f"{edges[-1]} < T = {t_end}")
        train = self if edges[-1] == t_end else SpikeTrain(self.times, self.weights,
                                                           (t0, edges[-1]), self._theta)
        return train.on_grid(edges)

    @property
    def times(self) -> tuple[Value, ...]:
        """Event times, strictly increasing.

        Examples
        --------
        >>> SpikeTrain([0.5, 1.0, 1.0], [1.0, 1.0, -1.0], (0.0, 2.0)).times
        (0.5,)
        """
        if self._times is None:
            assert self._arrays is not None  # the float path keeps the events as arrays
            self._times = tuple(self._arrays[0].tolist())
        return self._times

    @property
    def weights(self) -> tuple[Value, ...]:
        """Event weights (nonzero).

        Examples
        --------
        >>> SpikeTrain([0.5, 1.0, 1.0], [3.0, 1.0, 1.0], (0.0, 2.0)).weights
        (3.0, 2.0)
        """
        if self._weights is None:
            assert self._arrays is not None  # the float path keeps the events as arrays
            self._weights = tuple(self._arrays[1].tolist())
        return self._weights

    @property
    def t_range(self) -> tuple[Value, Value]:
        """``(t0, T)``.

        Examples
        --------
        >>> SpikeTrain([0.5], [1.0], (0, 2)).t_range
        (0.0, 2.0)
        """
        return self._range

    @property
    def theta(self) -> Value | None:
        """Threshold, or ``None`` for a general train.

        Examples
        --------
        >>> SpikeTrain([0.5], [2.0], (0.0, 1.0), theta=1.0).theta
        1.0
        >>> SpikeTrain([0.5], [2.0], (0.0, 1.0)).theta is None
        True
        """
        return self._theta

    @property
    def exact(self) -> bool:
        """True in exact mode.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> SpikeTrain([F(1, 2)], [1], (0, 1)).exact, SpikeTrain([0.5], [1], (0, 1)).exact
        (True, False)
        """
        return self._exact

    def __len__(self) -> int:
        return len(self._arrays[0]) if self._arrays is not None else len(self.times)

    def __repr__(self) -> str:
        mode = "exact" if self._exact else "float"
        return (f"SpikeTrain({mode}, {len(self)} events, theta={self._theta}, "
                f"t in [{self._range[0]}, {self._range[1]}])")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SpikeTrain):
            return NotImplemented
        return (self._range == other._range and self._theta == other._theta
                and self.times == other.times and self.weights == other.weights)

    __hash__ = None  # type: ignore[assignment]

    @property
    def l1(self) -> Value:
        r""":math:`\|\eta\|_1 = \sum_k |s_k|`.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> SpikeTrain([F(1, 2), F(1)], [F(1), F(-3)], (0, 2)).l1
        Fraction(4, 1)
        """
        if self._arrays is not None:
            return float(np.sum(np.abs(self._arrays[1])))
        return sum((abs(w) for w in self.weights), start=self._range[0] * 0)

    @property
    def count(self) -> int:
        r"""Number of spikes :math:`\|\eta\|_1 / \theta` (needs ``theta``).

        Examples
        --------
        >>> SpikeTrain([0.5, 1.0], [2.0, -1.0], (0.0, 2.0), theta=1.0).count
        3
        """
        if self._theta is None:
            raise ValueError("theta must be set to count spikes; this is a general train")
        # Per event: the float sum of |weights| may overflow where the count does not.
        if self._arrays is not None:
            with np.errstate(over="ignore"):
                k = np.round(np.abs(self._arrays[1]) / self._theta)
            if np.all(k < 2.0**52) and float(np.sum(k)) < 2.0**52:
                return int(np.sum(k))
        return sum(round(_ratio(abs(w), self._theta)) for w in self.weights)

    def to_signal(self) -> Signal:
        """The train as a :class:`Signal` (Diracs on the zero function).

        Returns
        -------
        Signal
            Zero on ``t_range`` plus one Dirac per event.

        Examples
        --------
        >>> SpikeTrain([1.0], [2.0], (0.0, 3.0)).to_signal().diracs
        ((1.0, 2.0),)
        """
        return Signal.dirac(self.times, self.weights, self._range)

    def on_grid(self, edges: ArrayLike) -> np.ndarray:
        """Sum of the weights in each bin between ``edges`` (bins as in
        :meth:`Signal.bin_integrals`), so it compares with ``if_encode`` of the bin integrals.

        Parameters
        ----------
        edges : sequence of real
            Increasing bin edges inside ``t_range``.

        Returns
        -------
        numpy.ndarray
            ``len(edges) - 1`` sums: ``float64``, or ``Fraction`` objects in exact mode.

        Examples
        --------
        >>> SpikeTrain([0.5, 1.0, 2.0], [1.0, 1.0, -1.0], (0.0, 2.0)).on_grid([0.0, 1.0, 2.0])
        array([1., 0.])
        """
        return self.to_signal().bin_integrals(edges)

    def alexiewicz_distance(self, other: SpikeTrain | Signal) -> Value:
        r""":math:`\|\eta - g\|_A` for another train or a :class:`Signal` ``g`` (exact in exact
        mode; the supremum includes one-sided limits).

        Parameters
        ----------
        other : SpikeTrain or Signal
            The train or signal :math:`g`, on the same ``t_range``.

        Returns
        -------
        float, Fraction or Algebraic
            The distance.

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
        g = other.to_signal() if isinstance(other, SpikeTrain) else other
        if not isinstance(g, Signal):
            raise TypeError(f"other must be a SpikeTrain or Signal; got {type(g).__name__}")
        return (g - self.to_signal()).alexiewicz_norm()

    def to_neo(self, *, units: str = "s") -> Any:
        """The train as a ``neo.SpikeTrain``: :func:`ifsod.interop.neo.to_neo`.

        Parameters
        ----------
        units : str
            The time unit of the neo train.

        Returns
        -------
        neo.SpikeTrain
            The event times, the weights in ``array_annotations["weights"]``.

        Examples
        --------
        >>> SpikeTrain([0.5], [2.0], (0.0, 1.0)).to_neo().array_annotations["weights"]
        array([2.])
        """
        from .interop.neo import to_neo

        return to_neo(self, units=units)

    @classmethod
    def from_neo(cls, spiketrain: Any, *, units: str = "s", weight: float = 1.0) -> SpikeTrain:
        """A train from a ``neo.SpikeTrain``: :func:`ifsod.interop.neo.from_neo`.

        Parameters
        ----------
        spiketrain : neo.SpikeTrain
            The neo train.
        units : str
            The time unit to read the times in.
        weight : float
            The weight of events without a ``weights`` annotation.

        Returns
        -------
        SpikeTrain

        Examples
        --------
        >>> eta = SpikeTrain([0.5], [2.0], (0.0, 1.0))
        >>> SpikeTrain.from_neo(eta.to_neo()) == eta
        True
        """
        from .interop.neo import from_neo

        return from_neo(spiketrain, units=units, weight=weight)


def _plain_float_events(times: np.ndarray, weights: np.ndarray, t_range: object,
                        theta: object) -> bool:
    """Whether the input is valid float events at distinct sorted times in a float range: the
    case the continuous encoders return, with millions of events, checked in array
    operations (anything else takes the general path, which names what is wrong)."""
    if not (isinstance(times, np.ndarray) and isinstance(weights, np.ndarray)
            and times.dtype == np.float64 and weights.dtype == np.float64
            and times.ndim == weights.ndim == 1 and times.shape == weights.shape
            and isinstance(t_range, tuple) and len(t_range) == 2
            and all(type(v) is float for v in t_range)
            and (theta is None or type(theta) is float)):
        return False
    t0, t_end = t_range
    if not (t0 < t_end and increasing_within_numba(times, t0, t_end)):
        return False
    # A sum is finite when every weight is, unless it overflows: then the test goes weight
    # by weight.  Summing without abs() spares a temporary array the size of the train.
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.sum(weights)
    return bool(np.isfinite(total) or np.all(np.isfinite(weights)))


def _float_events(times: np.ndarray, weights: np.ndarray, theta: float | None, copy: bool
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The events that are spikes, their weights checked to be multiples of ``theta``;
    the arrays themselves when all are and ``copy`` is false."""
    keep = np.empty(weights.shape[0], dtype=np.bool_)
    status = spike_mask_numba(weights, -1.0 if theta is None else theta, keep)
    if status >= 0:
        _check_multiple(float(weights[status]), theta, False)
    if status == -2:  # beyond 2**1024 thresholds: exactly
        with np.errstate(over="ignore"):
            huge = ~np.isfinite(weights / theta)
        for i in np.flatnonzero(huge):
            _check_multiple(float(weights[i]), theta, False)
    if not keep.all():
        t, w = times[keep], weights[keep]
    elif copy:  # the continuous encoders' trains keep every event: a copy beats an index
        t, w = times.copy(), weights.copy()
    else:
        t, w = times, weights
    t.flags.writeable = w.flags.writeable = False
    return t, w


def _ratio(w: Value, theta: Value) -> Value:
    """``w / theta``, exactly (as ``Fraction``) where the float quotient overflows: a spike of
    reset-to-mod may hold more than 2**1024 thresholds."""
    k = w / theta
    if isinstance(k, float) and not math.isfinite(k):
        return Fraction(w) / Fraction(theta)
    return k


def _check_multiple(w: Value, theta: Value, exact: bool) -> None:
    k = _ratio(w, theta)
    if exact:
        ok = k.denominator == 1
    else:
        ok = abs(k - round(k)) <= max(1, abs(k)) / 10**9
    if not ok:
        raise ValueError(f"weights must be multiples of theta = {theta}; got {w}")

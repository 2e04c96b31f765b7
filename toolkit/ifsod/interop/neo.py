"""Spike trains to and from ``neo.SpikeTrain`` (the Neo/Elephant electrophysiology ecosystem).

A neo train holds event times with units and ``t_start``/``t_stop``; the weights of an ifsod
train (D3) travel as the array annotation ``"weights"`` and the threshold as the annotation
``"theta"``.  Exact trains (``Fraction`` times and weights) also carry their exact values as
text (``"p/q"``: array annotations ``"exact_times"``, ``"exact_weights"``, annotation
``"exact_t_range"``), so that they come back exactly; neo itself stores float64.  Needs
``pip install 'ifsod[neo]'``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .._validate import check_real
from ..spiketrain import SpikeTrain


def _check_units(units: Any) -> None:
    """Refuse, by name, units that neo would refuse with a message of its own (or none)."""
    import quantities as pq

    if units is None:
        raise TypeError("units must be a time unit such as 's' or 'ms'; got None")
    try:
        pq.Quantity(1.0, units)
    except LookupError:
        raise ValueError(f"units: {units!r} is not a unit quantities knows (e.g. 's', 'ms')") \
            from None


def to_neo(train: SpikeTrain, *, units: str = "s") -> Any:
    """The train as a ``neo.SpikeTrain`` with times in ``units``.

    Parameters
    ----------
    train : SpikeTrain
        The train; its times are read in ``units``.
    units : str
        Time unit of ``train`` (a ``quantities`` unit name: ``"s"``, ``"ms"``, ...).

    Returns
    -------
    neo.SpikeTrain
        Times, ``t_start``/``t_stop`` from ``train.t_range``, the weights as the array
        annotation ``"weights"`` and the threshold as the annotation ``"theta"``.

    Examples
    --------
    >>> eta = SpikeTrain([0.5, 1.25], [1.0, -2.0], (0.0, 2.0), theta=1.0)
    >>> st = to_neo(eta)
    >>> st.times, st.array_annotations["weights"], st.t_stop, st.annotations["theta"]
    (array([0.5 , 1.25]) * s, array([ 1., -2.]), array(2.) * s, 1.0)
    """
    import neo

    if not isinstance(train, SpikeTrain):
        raise TypeError(f"train must be an ifsod.SpikeTrain; got {type(train).__name__}")
    _check_units(units)
    values = [*train.times, *train.weights, *train.t_range]
    if train.exact and not all(isinstance(v, Fraction) for v in values):
        raise ValueError("train: exact algebraic event times have no float64 form that neo "
                         "could hold without rounding; build a float train from "
                         "[float(t) for t in train.times] to convert it")
    annotations = {"weights": np.array([float(w) for w in train.weights], dtype=np.float64)}
    if train.exact:
        annotations["exact_times"] = np.array([str(t) for t in train.times], dtype=str)
        annotations["exact_weights"] = np.array([str(w) for w in train.weights], dtype=str)
    t0, t_end = train.t_range
    theta = train.theta
    extra: dict[str, Any] = {} if theta is None else {
        "theta": str(theta) if train.exact else float(theta)}
    if train.exact:
        extra["exact_t_range"] = f"{t0} {t_end}"
    return neo.SpikeTrain(np.array([float(t) for t in train.times], dtype=np.float64),
                          t_start=float(t0), t_stop=float(t_end), units=units,
                          array_annotations=annotations, **extra)


def from_neo(spiketrain: Any, *, units: str = "s", weight: float = 1.0) -> SpikeTrain:
    """A :class:`~ifsod.SpikeTrain` from a ``neo.SpikeTrain``, times in ``units``.

    Parameters
    ----------
    spiketrain : neo.SpikeTrain
        The train.  Its array annotation ``"weights"`` gives the weights (else every event has
        weight ``weight``), its annotation ``"theta"`` the threshold; trains written by
        :func:`to_neo` from exact trains come back exact.
    units : str
        Unit to express the times in.
    weight : float
        Weight of every event of a train without ``"weights"``.

    Returns
    -------
    SpikeTrain

    Examples
    --------
    >>> import neo
    >>> st = neo.SpikeTrain([10.0, 250.0], t_stop=1000.0, units="ms")
    >>> from_neo(st).times, from_neo(st).weights, from_neo(st).t_range
    ((0.01, 0.25), (1.0, 1.0), (0.0, 1.0))
    """
    import neo

    if not isinstance(spiketrain, neo.SpikeTrain):
        raise TypeError(f"spiketrain must be a neo.SpikeTrain; got {type(spiketrain).__name__}")
    _check_units(units)
    if check_real(weight, "weight", exact=False) == 0:
        raise ValueError("weight must be nonzero: events of weight 0 are no spikes")
    theta = spiketrain.annotations.get("theta")
    annotations = spiketrain.array_annotations
    exact = "exact_times" in annotations
    times = spiketrain.rescale(units).magnitude
    t_range = (float(spiketrain.t_start.rescale(units).magnitude),
               float(spiketrain.t_stop.rescale(units).magnitude))
    if exact:
        return _exact(spiketrain, times, t_range, theta, units)
    if "weights" in annotations:
        weights = np.asarray(annotations["weights"], dtype=np.float64).tolist()
    else:
        weights = [weight] * len(times)
    return SpikeTrain(times.tolist(), weights, t_range, theta=theta)


def _exact(spiketrain: Any, times: np.ndarray, t_range: tuple[float, float], theta: Any,
           units: str) -> SpikeTrain:
    annotations = spiketrain.array_annotations
    exact_times = [Fraction(str(t)) for t in annotations["exact_times"]]
    # The exact values must be those of the float times neo holds: an edited train whose
    # annotations were not edited with it is refused, not silently mixed.
    if units != str(spiketrain.units.dimensionality) or any(
            float(e) != float(t) for e, t in zip(exact_times, times)):
        raise ValueError("spiketrain: its exact_times annotation does not match its times (or "
                         f"units {units!r} differ from the train's); drop the annotation to "
                         "read the float times")
    weights = [Fraction(str(w)) for w in annotations["exact_weights"]]
    t0, t_end = (Fraction(v) for v in spiketrain.annotations["exact_t_range"].split())
    if (float(t0), float(t_end)) != t_range:
        raise ValueError("spiketrain: its exact_t_range annotation does not match t_start and "
                         "t_stop")
    return SpikeTrain(exact_times, weights, (t0, t_end),
                      theta=None if theta is None else Fraction(str(theta)))

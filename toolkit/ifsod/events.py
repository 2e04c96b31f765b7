"""Continuous-time IF and SOD encoders with exact event times (D4, D5, T4).

Both encoders run one event tracker (``track``) over a membrane model of
``ifsod._membrane``: IF integrates :math:`f` (Diracs are jumps of the membrane), LIF adds the
leak, SOD follows :math:`y - L` (jumps of :math:`y` are jumps of the membrane).  An event fires
where :math:`|u|` reaches :math:`\\theta`: at a root of :math:`u \\mp \\theta` on a piece, exact
(rational or :class:`~ifsod.algebraic.Algebraic`) in exact mode, a float root in float mode,
where a root at a piece end or a tangency is found as such, so floats agree with exact mode on
exactly representable input.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

import numpy as np

from ._event_kernel import (
    event_room_numba,
    padded_rows,
    row_degrees_numba,
    track_arrays,
    track_arrays_numba,
)
from ._kernels import RESET_CODES, fire
from ._membrane import LeakyMembrane, PolynomialMembrane
from ._roots import MAX_DEGREE
from ._signal_arrays import dirac_jumps, integrated_rows, row_values
from ._signal_leaky import check_leak_rate
from ._typing import Reset, Scalar
from ._validate import check_reset, check_threshold, is_exact_scalar
from .algebraic import Algebraic, Value, upper
from .signal import Piece, Signal
from .spiketrain import SpikeTrain

#: A float signal's membrane as arrays: ``(breakpoints, anchors, table, degrees, jumps)``.
FloatMembrane = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def if_events(signal: Signal, theta: float | Scalar, *, reset: Reset = "mod",
              leak_rate: float | Scalar = 0.0) -> SpikeTrain:
    r"""Integrate-and-Fire in continuous time (D4): the exact spike train of ``signal``.

    Between events :math:`u(t) = u(t_k^+) + \int_{t_k}^t f`; a spike of sign :math:`\pm` fires
    at the first :math:`t` where :math:`u(t) = \pm\theta` and resets :math:`u` to 0.  A Dirac of
    weight :math:`w` makes :math:`u` jump to :math:`v = u(\tau^-) + w`, and at that instant

    - ``"mod"`` emits :math:`\theta\,\mathrm{trunc}(v/\theta)` in one event (:math:`|u| < \theta`
      after it, T1);
    - ``"subtract"`` emits one spike :math:`\pm\theta` if :math:`|v|\ge\theta` (one per instant,
      as a discrete-time neuron); the membrane may stay at or beyond :math:`\pm\theta`, and the
      neuron then fires again only after :math:`|u|` has dropped below :math:`\theta` and reached
      it anew (a threshold crossing);
    - ``"zero"`` emits one spike :math:`\pm\theta` if :math:`|v|\ge\theta` and sets :math:`u = 0`
      (the excess is lost).

    Without Diracs the three rules give the same train.  A crossing that coincides with a Dirac
    merges with it (the rule acts on :math:`v`).  In floats the membrane is carried from instant
    to instant as the discrete encoder carries it, so on Diracs alone the train is the one
    :func:`ifsod.if_encode` gives for their weights.

    With ``leak_rate`` :math:`\alpha > 0` (LIF, float mode only) the membrane follows
    :math:`u' = -\alpha u + f` between events; the crossings of the exponential polynomial
    :math:`u` are isolated exactly and polished by Brent's method.

    Parameters
    ----------
    signal : Signal
        Input :math:`f` (piecewise polynomial plus Diracs).
    theta : float or Fraction
        Threshold, > 0.
    reset : {"mod", "subtract", "zero"}
        Reset rule at Dirac instants.
    leak_rate : float
        Leak rate :math:`\alpha \ge 0` (0: IF).  Exact signals need ``leak_rate=0``.

    Returns
    -------
    SpikeTrain
        Events with weights in :math:`\theta\mathbb{Z}`; exact times (``Fraction`` or exact
        algebraic numbers) in exact mode.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> ramp = Signal.piecewise([F(0), F(2)], [[F(0), F(1)]])  # f(t) = t, F(t) = t^2/2
    >>> eta = if_events(ramp, F(1))
    >>> [round(float(t), 9) for t in eta.times], eta.weights
    ([1.414213562, 2.0], (Fraction(1, 1), Fraction(1, 1)))
    >>> kick = Signal.dirac([F(1)], [F(7, 2)], (0, 2))
    >>> [if_events(kick, 1, reset=r).weights for r in ("mod", "subtract", "zero")]
    [(Fraction(3, 1),), (Fraction(1, 1),), (Fraction(1, 1),)]
    >>> lif = if_events(Signal.piecewise([0.0, 3.0], [[2.0]]), 1.0, leak_rate=1.0)
    >>> [round(t, 12) for t in lif.times]  # u = 2(1 - e^{-t}) reaches 1 every ln 2
    [0.69314718056, 1.38629436112, 2.07944154168, 2.77258872224]
    """
    _check_signal(signal, "signal")
    exact = signal.exact or is_exact_scalar(theta)
    threshold = check_threshold(theta, exact=exact)
    rule = check_reset(reset)
    alpha = check_leak_rate(leak_rate)
    cuts = [t for t, _ in signal.diracs]
    model: LeakyMembrane | PolynomialMembrane
    if alpha:
        if exact:
            raise ValueError("leak_rate > 0 needs a float signal and theta (exponentials are "
                             "irrational); got exact input")
        model = LeakyMembrane(alpha)
        pieces = signal.pieces(cuts)
    elif exact:
        # One primitive: its pieces continue across irrational instants (see the model).
        model, pieces = PolynomialMembrane(True), signal.to_exact().primitive().pieces()
    else:
        return track_floats(float_membrane(signal, "if"), float(threshold), rule,
                            signal.t_range)
    return track(model, pieces, dict(signal.diracs), threshold, rule, signal.t_range)


def sod_events(signal: Signal, delta: float | Scalar) -> SpikeTrain:
    r"""Send-on-Delta in continuous time (D5): the exact event train of ``signal``.

    The level :math:`L` starts at :math:`y(t_0)`; an event :math:`\pm\Delta` fires where
    :math:`y - L` reaches :math:`\pm\Delta`, and a jump of :math:`y` emits
    :math:`\Delta\,\mathrm{trunc}((y - L)/\Delta)` at once.  By T4 the result equals
    ``if_events(signal.derivative(), delta, reset="mod")`` and the zero-order hold
    :math:`y_0 + \sum_{t_k \le t} e_k` stays strictly within :math:`\Delta` of :math:`y`.

    Parameters
    ----------
    signal : Signal
        Input :math:`y`, without Diracs.
    delta : float or Fraction
        Step, > 0.

    Returns
    -------
    SpikeTrain

    Examples
    --------
    >>> y = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.5, 2.5], kind="linear")
    >>> sod_events(y, 1.0).times
    (0.4, 0.8)
    """
    _check_signal(signal, "signal")
    if signal.diracs:
        raise ValueError("signal must have no Diracs for Send-on-Delta (y is a function)")
    exact = signal.exact or is_exact_scalar(delta)
    step = check_threshold(delta, "delta", exact=exact)
    if not exact:
        return track_floats(float_membrane(signal, "sod"), float(step), "mod", signal.t_range)
    signal = signal.to_exact()
    level = signal - signal(signal.t_range[0])
    jumps = dict(signal.derivative().diracs)
    return track(PolynomialMembrane(True), level.pieces(), jumps, step, "mod", signal.t_range)


def float_membrane(signal: Signal, kind: str) -> FloatMembrane:
    r"""The membrane of a float signal as arrays ``(breakpoints, anchors, table, degrees,
    jumps)`` for :func:`track_floats`.

    ``kind="if"``: the pieces of :math:`\int f` from each piece start, cut at the Diracs,
    which are the jumps; ``kind="sod"``: the pieces of :math:`y - y(t_0)`, whose jumps are
    those of :math:`y` (as ``signal.derivative()`` has them).

    Parameters
    ----------
    signal : Signal
        A float signal.
    kind : {"if", "sod"}
        Whose membrane.

    Returns
    -------
    tuple of numpy.ndarray
        ``(breakpoints, anchors, table, degrees, jumps)``: row ``k`` of ``table`` holds the
        membrane on piece ``k`` in powers of ``t - anchors[k]``, ``degrees[k]`` its degree,
        ``jumps[i]`` the jump at ``breakpoints[i]``.

    Examples
    --------
    >>> f = Signal.piecewise([0.0, 2.0], [[1.0]]) + Signal.dirac([1.0], [0.5], (0.0, 2.0))
    >>> bps, anchors, table, degrees, jumps = float_membrane(f, "if")
    >>> bps.tolist(), table.tolist(), degrees.tolist(), jumps.tolist()
    ([0.0, 1.0, 2.0], [[0.0, 1.0], [0.0, 1.0]], [1, 1], [0.0, 0.5, 0.0])
    """
    if kind == "if":
        bps, anchors, coeffs = signal.piece_arrays([t for t, _ in signal.diracs])
        table = integrated_rows(coeffs)
        jumps = dirac_jumps(bps, signal.diracs)
    else:
        bps, anchors, table = signal.piece_arrays()
        table[:, 0] = table[:, 0] + (-signal(signal.t_range[0]))
        starts = row_values(table, bps[:-1] - anchors)
        ends = row_values(table, bps[1:] - anchors)
        jumps = np.zeros(bps.shape[0])
        jumps[1:-1] = starts[1:] + (-ends[:-1])
        jumps[-1] = (signal.end_value - signal(signal.t_range[0])) - ends[-1]
    degrees = np.empty(table.shape[0], dtype=np.int64)
    row_degrees_numba(table, degrees)
    return bps, anchors, table, degrees, jumps


def track_floats(membrane: FloatMembrane, theta: float, reset: str,
                 t_range: tuple[Value, Value], *, compiled: bool = True) -> SpikeTrain:
    """:func:`track` on the arrays of :func:`float_membrane`, in the compiled loop of
    :mod:`ifsod._event_kernel` (``compiled=False``: its Python source, the readable twin).

    Parameters
    ----------
    membrane : tuple of numpy.ndarray
        The arrays of :func:`float_membrane`.
    theta : float
        Threshold, > 0.
    reset : {"mod", "subtract", "zero"}
        The reset rule.
    t_range : (t0, T)
        The time range of the train.
    compiled : bool
        Run the numba-compiled loop (else its Python source).

    Returns
    -------
    SpikeTrain

    Examples
    --------
    >>> f = Signal.piecewise([0.0, 2.0], [[1.0]])
    >>> track_floats(float_membrane(f, "if"), 0.5, "mod", f.t_range).times
    (0.5, 1.0, 1.5, 2.0)
    """
    bps, anchors, table, degrees, jumps = membrane
    if table.shape[1] > MAX_DEGREE + 1:
        pieces = tuple(Piece(bps[k], bps[k + 1], anchors[k], tuple(table[k]))
                       for k in range(anchors.shape[0]))
        return track(PolynomialMembrane(False), pieces, dict(zip(bps.tolist(), jumps.tolist())),
                     theta, reset, t_range)
    padded = padded_rows(table)
    run = track_arrays_numba if compiled else track_arrays
    capacity = event_room_numba(bps, anchors, padded, theta)
    while True:
        times, weights = np.empty(capacity), np.empty(capacity)
        count = run(bps, anchors, padded, degrees, jumps, theta, RESET_CODES[reset], times,
                    weights)
        if count != -1:
            break
        capacity *= 4
    if count < -1:
        raise ValueError(f"signal: the membrane at t = {float(bps[-2 - count])!r} overflows "
                         "float64; use exact (Fraction) input")
    return SpikeTrain(times[:count], weights[:count], t_range, theta=theta, copy=False)


def _check_signal(signal: object, name: str) -> None:
    if not isinstance(signal, Signal):
        raise TypeError(f"{name} must be a Signal; got {type(signal).__name__}")


def track(model: PolynomialMembrane | LeakyMembrane, pieces: Iterable[Piece],
          jumps: dict[Value, Value], theta: Value, reset: str,
          t_range: Sequence[Value]) -> SpikeTrain:
    """The events of a membrane ``model`` over ``pieces``: the IF state machine.

    The neuron is armed (``|u| < theta``) or, under reset-to-subtract after a Dirac,
    saturated (``|u| >= theta``, ``state`` its sign) until ``|u|`` drops back below theta.
    ``jumps`` maps an instant to the jump of ``u`` there.

    Parameters
    ----------
    model : PolynomialMembrane or LeakyMembrane
        The membrane model.
    pieces : iterable of Piece
        The pieces it runs over, in order.
    jumps : dict
        The jump of ``u`` at each instant that has one.
    theta : float or Fraction
        Threshold, > 0.
    reset : {"mod", "subtract", "zero"}
        The reset rule.
    t_range : (t0, T)
        The time range of the train.

    Returns
    -------
    SpikeTrain

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> g = Signal.piecewise([F(0), F(2)], [[F(0), F(1)]])  # the membrane of f = 1
    >>> track(PolynomialMembrane(True), g.pieces(), {}, F(1, 2), "mod", g.t_range).times
    (Fraction(1, 2), Fraction(1, 1), Fraction(3, 2), Fraction(2, 1))
    """
    code = RESET_CODES[reset]
    u, state = theta - theta, 0
    times: list[Value] = []
    weights: list[Value] = []

    def instant(t: Value, u: Value, state: int, piece: Piece | None = None
                ) -> tuple[Value, int]:
        jump = jumps.get(t, 0)
        v = u + jump
        spike, u, state = _instant(t, v, jump, state, theta, code)
        if spike != 0:
            times.append(t)
            weights.append(spike)
        shift = v if code == RESET_CODES["zero"] and spike != 0 else spike
        if piece is not None:
            u = model.begin(piece, u, shift)
        return u, state

    for piece in pieces:
        a, b = piece.start, piece.stop
        u, state = instant(a, u, state, piece)
        open_end = jumps.get(b, 0) != 0
        t_cur, strict, armed_from = a, False, None
        if state == 0 and _stays_inside(model, theta, b):
            u = model.value(b)
            continue
        while True:
            if state == 0:
                hit = _first_crossing(model, theta, t_cur, b, open_end, strict, armed_from)
                if hit is None:
                    break
                t_cur, sign = hit
                times.append(t_cur)
                weights.append(sign * theta)
                model.fire(t_cur, sign * theta, sign * theta)
                strict, armed_from = False, None
            else:
                reentry = _reentry(model, theta, state, t_cur, b)
                if reentry is None:
                    break
                t_cur, probe = reentry
                armed_from = (state, probe)
                state, strict = 0, True
        u = model.value(b)
    instant(t_range[1], u, state)
    return SpikeTrain(times, weights, t_range, theta=theta)


def _instant(t: Value, v: Value, jump: Value, state: int, theta: Value, code: int
             ) -> tuple[Value, Value, int]:
    """Apply the reset rule to the membrane value ``v`` at an instant; returns
    ``(spike, membrane, state)``.

    In floats a crossing may land a rounding error past a piece boundary; the check on ``|v|``
    catches it at the next instant, where exact arithmetic never needs it.
    """
    no_spike = theta - theta
    if jump == 0 and (state != 0 or -theta < v < theta):
        return no_spike, v, state
    if -theta < v < theta:
        return no_spike, v, 0
    if code == RESET_CODES["zero"] and isinstance(v, Algebraic):
        raise ValueError(f"reset='zero' at the irrational instant {t!r} discards an irrational "
                         "excess, which exact mode cannot carry on; use a float signal")
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError(f"signal: the membrane at t = {t!r} overflows float64; use exact "
                         "(Fraction) input")
    s, u = _fire(v, theta, code)
    return s, u, 0 if -theta < u < theta else (1 if u > 0 else -1)


def _fire(v: Value, theta: Value, code: int) -> tuple[Value, Value]:
    """:func:`ifsod._kernels.fire`, with the spike of reset-to-mod as ``v - remainder`` where
    ``v / theta`` overflows: the remainder is exact and the spike finite."""
    if code == RESET_CODES["mod"] and isinstance(v, float) and \
            not math.isfinite(v / theta):
        u = math.fmod(v, theta)
        return v - u, u
    return fire(v, theta, code)


def _stays_inside(model: PolynomialMembrane | LeakyMembrane, theta: Value, b: Value) -> bool:
    """Whether ``|u| < theta`` on the whole piece by a crude bound: most pieces of a finely
    sampled signal fire nothing and need no root finding."""
    if not isinstance(model, PolynomialMembrane):
        return False
    reach = upper(b) - model.anchor if model.exact else b - model.anchor
    coeffs = model.coeffs
    bound = abs(coeffs[0] - model.offset)
    power = reach
    for c in coeffs[1:]:
        bound += abs(c) * power
        power *= reach
    return bound < theta


def _first_crossing(model: PolynomialMembrane | LeakyMembrane, theta: Value, t_cur: Value,
                    b: Value, open_end: bool, strict: bool,
                    armed_from: tuple[int, Value] | None) -> tuple[Value, int] | None:
    """First ``(t, sign)`` with ``u(t) = sign*theta`` in the allowed part of ``[t_cur, b]``.

    After a re-entry (``armed_from = (side, probe)``) the level on that side has no root
    between the re-entry time and ``probe``, so its roots count from ``probe`` on: the
    re-entry root itself, recomputed with rounding, is never taken for a crossing.
    """
    best: tuple[Value, int] | None = None
    for sign in (1, -1):
        start = armed_from[1] if armed_from is not None and armed_from[0] == sign else None
        for t in model.roots(sign * theta, t_cur, b):
            if start is not None and t < start:
                continue
            if (t > t_cur if strict else t >= t_cur) and (t < b if open_end else t <= b):
                if best is None or t < best[0]:
                    best = (t, sign)
                break
    return best


def _reentry(model: PolynomialMembrane | LeakyMembrane, theta: Value, state: int, t_cur: Value,
             b: Value) -> tuple[Value, Value] | None:
    """``(p, probe)``: the first time ``p`` in ``[t_cur, b)`` after which ``|u| < theta``
    (a saturated subtract neuron), and a time ``probe`` just after it where it holds."""
    points = [t_cur, *[t for t in model.roots(state * theta, t_cur, b) if t_cur < t < b], b]
    for p, nxt in itertools.pairwise(points):
        if not p < nxt:
            continue
        probe = model.probe(p, nxt)
        if state * model.value(probe) < theta:
            return p, probe
    return None


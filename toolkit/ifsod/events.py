"""Continuous-time IF and SOD encoders with exact event times (MATH.md D4, D5, T4).

Both encoders track a piecewise polynomial :math:`G` with jumps against a level :math:`K`:
IF tracks the primitive :math:`G = \\int f` (Diracs are its jumps) with :math:`K` the spikes
so far, SOD tracks :math:`G = y - y(t_0)` with :math:`K = L - y(t_0)`.  The membrane is
:math:`u = G - K`; an event fires where :math:`|u|` reaches :math:`\\theta`, i.e. at a root of
:math:`G - K \\mp \\theta` on a piece: exact (rational or :class:`~ifsod._poly.Algebraic`) in
exact mode, a polished float root in float mode.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from . import _poly
from ._kernels import RESET_CODES, fire
from ._poly import padd, peval
from ._signal_leaky import check_leak_rate, flow, leaky_pieces, level_roots, local
from ._typing import Reset, Scalar
from ._validate import check_reset, check_threshold, is_exact_scalar
from .signal import Signal, _at
from .spiketrain import SpikeTrain


def if_events(signal: Signal, theta: Scalar, *, reset: Reset = "mod",
              leak_rate: Scalar = 0.0) -> SpikeTrain:
    r"""Integrate-and-Fire in continuous time (MATH.md D4): the exact spike train of ``signal``.

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
    merges with it (the rule acts on :math:`v`).

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
    theta = check_threshold(theta, exact=exact)
    reset = check_reset(reset)
    alpha = check_leak_rate(leak_rate)
    if alpha:
        if exact:
            raise ValueError("leak_rate > 0 needs a float signal and theta (exponentials are "
                             "irrational); got exact input")
        return _track_leaky(signal, theta, reset, alpha)
    signal = signal._as_mode(exact)
    return _track(signal.primitive(), dict(signal.diracs), theta, reset, exact)


def sod_events(signal: Signal, delta: Scalar) -> SpikeTrain:
    r"""Send-on-Delta in continuous time (MATH.md D5): the exact event train of ``signal``.

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
    delta = check_threshold(delta, "delta", exact=exact)
    signal = signal._as_mode(exact)
    level = signal - signal(signal.t_range[0])
    jumps = dict(signal.derivative().diracs)
    return _track(level, jumps, delta, "mod", exact)


def _check_signal(signal, name: str) -> None:
    if not isinstance(signal, Signal):
        raise TypeError(f"{name} must be a Signal; got {type(signal).__name__}")


def _track(g: Signal, jumps: dict, theta, reset: str, exact: bool) -> SpikeTrain:
    """Events of the membrane ``g - K`` (see the module docstring); ``jumps`` maps each jump
    instant of ``g`` to its size (``g(t0^-) = 0``)."""
    code = RESET_CODES[reset]
    zero = Fraction(0) if exact else 0.0
    level, state = zero, 0  # state: 0 armed, +-1 saturated (|u| >= theta after a Dirac)
    times: list = []
    weights: list = []

    def instant(t, value, jump):
        nonlocal level, state
        s, _, state = _instant(t, value - level, jump, state, theta, code, times, weights)
        # K is the sum of the spikes (rational in exact mode, even at an irrational instant);
        # reset-to-zero also discards the excess: then u = 0 and K = G.
        level = value if code == RESET_CODES["zero"] and s != 0 else level + s

    bps = g._bps
    for k, (anchor, coeffs) in enumerate(g._pieces):
        a, b = bps[k], bps[k + 1]
        instant(a, _at([(anchor, coeffs)], a), jumps.get(a, 0))
        open_end = jumps.get(b, 0) != 0
        t_cur, strict = a, False
        if state == 0 and _stays_below(coeffs, level, theta, b - anchor if not exact
                                       else _poly.upper(b) - anchor):
            continue
        while True:
            if state == 0:
                hit = _first_crossing(anchor, coeffs, level, theta, t_cur, b, open_end, strict,
                                      exact)
                if hit is None:
                    break
                t_cur, sign = hit
                times.append(t_cur)
                weights.append(sign * theta)
                level = level + sign * theta
                strict = False
            else:
                t_cur = _reentry(anchor, coeffs, level, theta, state, t_cur, b, exact)
                if t_cur is None:
                    break
                state, strict = 0, True
    instant(bps[-1], g._end, jumps.get(bps[-1], 0))
    return SpikeTrain(times, weights, g.t_range, theta=theta)


def _instant(t, v, jump, state, theta, code, times, weights):
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
    if code == RESET_CODES["zero"] and isinstance(v, _poly.Algebraic):
        raise ValueError(f"reset='zero' at the irrational instant {t!r} discards an irrational "
                         "excess, which exact mode cannot carry on; use a float signal")
    s, u = fire(v, theta, code)
    if s != 0:
        times.append(t)
        weights.append(s)
    return s, u, 0 if -theta < u < theta else (1 if u > 0 else -1)


def _track_leaky(signal: Signal, theta: float, reset: str, alpha: float) -> SpikeTrain:
    """LIF events of a float signal: :func:`_track` with the exponential membrane of
    :mod:`ifsod._signal_leaky` in place of the level formulation."""
    code = RESET_CODES[reset]
    jumps = dict(signal.diracs)
    u, state = 0.0, 0
    times: list = []
    weights: list = []
    for a, b, anchor, coeffs in leaky_pieces(signal):
        _, u, state = _instant(a, u + jumps.get(a, 0.0), jumps.get(a, 0.0), state, theta, code,
                            times, weights)
        open_end = jumps.get(b, 0.0) != 0
        t_s, strict = a, False
        while True:
            c, span = local(coeffs, anchor, t_s), b - t_s
            if state == 0:
                hit = None
                for sign in (1, -1):
                    for s in level_roots(c, u, alpha, sign * theta, span):
                        if (s > 1e-12 * max(1.0, abs(t_s)) or not strict) and \
                                (s < span or not open_end):
                            if hit is None or s < hit[0]:
                                hit = (s, sign)
                            break
                if hit is None:
                    break
                t_s, u, strict = t_s + hit[0], 0.0, False
                times.append(t_s)
                weights.append(hit[1] * theta)
            else:
                knots = [0.0, *[s for s in level_roots(c, u, alpha, state * theta, span)
                                if 0 < s < span], span]
                enter = next((s for s, nxt in itertools.pairwise(knots)
                              if state * flow(c, u, alpha, (s + nxt) / 2) < theta), None)
                if enter is None:
                    break
                t_s, u, state, strict = t_s + enter, state * theta, 0, True
        u = flow(local(coeffs, anchor, t_s), u, alpha, b - t_s)
    t_end = signal.t_range[1]
    _, u, state = _instant(t_end, u + jumps.get(t_end, 0.0), jumps.get(t_end, 0.0), state, theta,
                        code, times, weights)
    return SpikeTrain(times, weights, signal.t_range, theta=theta)


def _stays_below(coeffs, level, theta, reach) -> bool:
    """Whether ``|u| < theta`` on the whole piece by a crude bound (``0 <= t - anchor <=
    reach``): most pieces of a finely sampled signal fire nothing, and need no root finding."""
    bound = abs(coeffs[0] - level)
    power = reach
    for c in coeffs[1:]:
        bound += abs(c) * power
        power *= reach
    return bound < theta


def _roots(anchor, coeffs, t_lo, t_hi, exact: bool) -> list:
    """Roots of a piece polynomial as times in ``[t_lo, t_hi]`` (exact: its rational hull)."""
    if exact:
        lo, hi = _poly.lower(t_lo) - anchor, _poly.upper(t_hi) - anchor
        return [s + anchor for s in _poly.roots_in(coeffs, lo, hi, True)]
    lo, hi = t_lo - anchor, t_hi - anchor
    # A root computed a hair outside the piece still belongs to it.
    slack = 1e-12 * max(1.0, abs(lo), abs(hi))
    return [min(max(s + anchor, t_lo), t_hi)
            for s in _poly.roots_in(coeffs, lo - slack, hi + slack, False)]


def _first_crossing(anchor, coeffs, level, theta, t_cur, b, open_end, strict, exact):
    """First ``(t, sign)`` with ``u(t) = sign*theta`` in the allowed part of ``(t_cur, b]``."""
    best = None
    for sign in (1, -1):
        for t in _roots(anchor, padd(coeffs, [-(level + sign * theta)]), t_cur, b, exact):
            if (t > t_cur if strict else t >= t_cur) and (t < b if open_end else t <= b):
                if strict and not exact and t - t_cur <= 1e-12 * max(1.0, abs(t_cur)):
                    continue  # the re-entry root itself, recomputed with rounding
                if best is None or t < best[0]:
                    best = (t, sign)
                break
    return best


def _reentry(anchor, coeffs, level, theta, state, t_cur, b, exact):
    """First time in ``[t_cur, b)`` after which ``|u| < theta`` (saturated subtract neuron)."""
    q = _poly.pscale(padd(coeffs, [-level]), state)
    q = padd(q, [-theta])  # q = state*u - theta >= 0 while saturated
    points = [t_cur] + [t for t in _roots(anchor, q, t_cur, b, exact) if t_cur < t < b] + [b]
    for p, nxt in itertools.pairwise(points):
        if not p < nxt:
            continue
        probe = _poly.rational_between(p, nxt) if exact else (p + nxt) / 2
        if peval(q, probe - anchor) < 0:
            return p
    return None

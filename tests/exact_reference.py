"""Independent exact references for the tests: D4, D5 and D1, from the definitions, in Fractions.

Deliberately naive (one Python loop, no shared code with the library), so that agreement with the
library is evidence and not a tautology.
"""

from __future__ import annotations

import math
from fractions import Fraction


def if_reference(x, theta, reset="mod", leak=None):
    """Spikes of IF with the given reset (D4), in exact arithmetic; ``leak`` per step or None."""
    theta = Fraction(theta)
    u = Fraction(0)
    spikes = []
    for n, value in enumerate(x):
        factor = Fraction(1) if leak is None else Fraction(leak[n])
        s, u = fire_reference(factor * u + Fraction(value), theta, reset)
        spikes.append(s)
    return spikes


def fire_reference(v, theta, reset):
    """One reset of D4 for membrane value ``v``: ``(spike, membrane after)``."""
    if reset == "mod":
        s = theta * math.trunc(v / theta)
        return s, v - s
    if abs(v) >= theta:
        s = theta if v > 0 else -theta
        return s, v - s if reset == "subtract" else Fraction(0)
    return Fraction(0), v


def sod_reference(y, delta):
    """Send-on-Delta events by the level rule of D5, in exact arithmetic."""
    delta = Fraction(delta)
    level = Fraction(y[0]) if len(y) else Fraction(0)
    events = []
    for value in y:
        e = delta * math.trunc((Fraction(value) - level) / delta)
        level += e
        events.append(e)
    return events


def alexiewicz_reference(a, leak=None):
    """max_n |sum_{k<=n} lambda^(n-k) a_k| (D1, D2) by the definition, in exact arithmetic."""
    best = Fraction(0)
    for n in range(len(a)):
        total = Fraction(0)
        for k in range(n + 1):
            weight = Fraction(1)
            for j in range(k + 1, n + 1):
                weight *= Fraction(1) if leak is None else Fraction(leak[j])
            total += weight * Fraction(a[k])
        best = max(best, abs(total))
    return best


def min_spike_count(x, theta):
    """Least number of spikes of any train s in theta*Z with ||x - s||_A < theta (T3).

    Dynamic program over the cumulative spike level m_n (S_n = theta*m_n), which must satisfy
    |F_n - theta*m_n| < theta: at most two integers per step.
    """
    theta = Fraction(theta)
    costs = {0: 0}
    total = Fraction(0)
    for value in x:
        total += Fraction(value)
        q = total / theta
        allowed = [m for m in range(math.floor(q) - 1, math.ceil(q) + 2) if abs(q - m) < 1]
        costs = {m: min(c + abs(m - p) for p, c in costs.items()) for m in allowed}
    return min(costs.values())

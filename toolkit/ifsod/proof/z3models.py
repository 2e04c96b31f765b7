"""The recurrences of D4 as z3 terms, with theta = 1 (normalised) unless given.

Used by ``smt`` and ``bounded`` checks.  Every function returns terms built from the inputs, so a
statement's free constants are exactly the inputs the caller created with :func:`reals` or
:func:`ints`; a z3 model of a negated statement is then a concrete input.
"""

from __future__ import annotations

from fractions import Fraction
from functools import reduce


def reals(prefix: str, n: int) -> list:
    """Real constants ``prefix_1 .. prefix_n``."""
    import z3

    return [z3.Real(f"{prefix}_{k}") for k in range(1, n + 1)]


def ints(prefix: str, n: int) -> list:
    """Integer constants ``prefix_1 .. prefix_n``."""
    import z3

    return [z3.Int(f"{prefix}_{k}") for k in range(1, n + 1)]


def vector(counterexample: dict, prefix: str) -> list[Fraction]:
    """Read ``prefix_1, prefix_2, ...`` back from a counterexample as exact ``Fraction`` values."""
    n = sum(1 for key in counterexample if key.startswith(f"{prefix}_")
            and key[len(prefix) + 1:].isdigit())
    return [Fraction(counterexample[f"{prefix}_{k}"]) for k in range(1, n + 1)]


def trunc(v):
    """Integer part rounded toward zero (``ToInt`` is the floor)."""
    import z3

    return z3.ToReal(z3.If(v >= 0, z3.ToInt(v), -z3.ToInt(-v)))


def floor(v):
    """Largest integer <= v, as a real term."""
    import z3

    return z3.ToReal(z3.ToInt(v))


def zabs(v):
    """Absolute value."""
    import z3

    return z3.If(v >= 0, v, -v)


def zmax(values):
    """Maximum of a non-empty list of terms."""
    import z3

    return reduce(lambda a, b: z3.If(a >= b, a, b), values)


def zmin(a, b):
    """``min(a, b)``."""
    import z3

    return z3.If(a <= b, a, b)


def clamp(value, low, high):
    """``min(max(value, low), high)``."""
    return zmin(zmax([value, low]), high)


def partial_sums(values) -> list:
    """``[x_1, x_1 + x_2, ...]``."""
    out, total = [], 0
    for v in values:
        total = total + v
        out.append(total)
    return out


def anorm(values):
    """Alexiewicz norm (D1)."""
    return zmax([zabs(s) for s in partial_sums(values)])


def if_train(values, reset: str = "mod"):
    """Spikes of IF (D4) with theta = 1 and the given reset."""
    import z3

    u, spikes = 0, []
    for x in values:
        v = u + x
        if reset == "mod":
            s = trunc(v)
            u = v - s
        else:
            s = z3.If(v >= 1, 1, z3.If(v <= -1, -1, 0))
            u = v - s if reset == "subtract" else z3.If(s == 0, v, 0)
        spikes.append(s)
    return spikes


def l1(values):
    """Sum of absolute values."""
    import z3

    return z3.Sum([zabs(v) for v in values]) if values else z3.RealVal(0)

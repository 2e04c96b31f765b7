"""Cases for ``search`` checks, exact rationals throughout.

:func:`sample` and :func:`signal` mix small rationals, exact multiples of the threshold (ties),
zeros and Diracs far above the threshold.  :func:`signal_and_threshold` draws the threshold first
and then samples at and next to its multiples (a distance theta/64 either side), and long runs
of one value; :func:`boundary_grid` enumerates every short input on such a grid, smallest first.
Together they make a bound a few percent below the sharp constant fail without a strategy
written for it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction

#: Offsets from the multiples of theta that the boundary cases use (in units of theta).
NEAR = (Fraction(0), Fraction(-1, 64), Fraction(1, 64))


def sample():
    """One exact sample."""
    from hypothesis import strategies as st

    return st.one_of(
        st.fractions(min_value=-3, max_value=3, max_denominator=8),
        st.integers(-12, 12).map(lambda k: Fraction(k, 4)),
        st.just(Fraction(0)),
        st.integers(-10**6, 10**6).map(Fraction),
    )


def signal(min_size: int = 1, max_size: int = 12):
    """A list of exact samples."""
    from hypothesis import strategies as st

    return st.lists(sample(), min_size=min_size, max_size=max_size)


def threshold():
    """A positive rational threshold in [1/8, 4]."""
    from hypothesis import strategies as st

    return st.fractions(min_value=Fraction(1, 8), max_value=4, max_denominator=8)


def leak():
    """A rational leak factor in (0, 1]."""
    from hypothesis import strategies as st

    return st.fractions(min_value=Fraction(1, 16), max_value=1, max_denominator=16)


def signal_and_leaks(min_size: int = 1, max_size: int = 8):
    """``(x, leaks)``: a signal and one leak factor per step (irregular sampling)."""
    from hypothesis import strategies as st

    return st.integers(min_size, max_size).flatmap(
        lambda n: st.tuples(st.lists(sample(), min_size=n, max_size=n),
                            st.lists(leak(), min_size=n, max_size=n)))


def boundary_values(theta: Fraction, top: int = 3) -> list[Fraction]:
    """Multiples k theta (|k| <= top, halves included) and their neighbours k theta +- theta/64.

    Examples
    --------
    >>> sorted(boundary_values(Fraction(1), top=1))[:3]
    [Fraction(-65, 64), Fraction(-1, 1), Fraction(-63, 64)]
    """
    out = {theta * (Fraction(k, 2) + d) for k in range(-2 * top, 2 * top + 1) for d in NEAR}
    return sorted(out, key=lambda v: (abs(v), v))


def boundary_grid(max_len: int = 2, thetas=(Fraction(1), Fraction(3, 4)),
                  top: int = 2) -> Iterator[tuple[list[Fraction], Fraction]]:
    """Every ``(x, theta)`` with ``len(x) <= max_len`` and samples in :func:`boundary_values`,
    shortest first."""
    for n in range(1, max_len + 1):
        for theta in thetas:
            values = boundary_values(Fraction(theta), top)
            for x in itertools.product(values, repeat=n):
                yield list(x), Fraction(theta)


def signal_and_threshold(min_size: int = 1, max_size: int = 12):
    """``(x, theta)``: a threshold, then samples at and next to its multiples, plain
    rationals, Diracs far above it and runs of one repeated value."""
    from hypothesis import strategies as st

    def around(theta):
        near = st.builds(lambda k, d: theta * (Fraction(k, 2) + d), st.integers(-8, 8),
                         st.sampled_from(NEAR))
        value = st.one_of(near, sample())
        plain = st.lists(value, min_size=min_size, max_size=max_size)
        runs = st.builds(lambda v, n: [v] * n, near, st.integers(min_size, max_size))
        return st.tuples(st.one_of(plain, runs), st.just(theta))

    return threshold().flatmap(around)

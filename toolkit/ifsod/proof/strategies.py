"""Hypothesis strategies over exact rationals for ``search`` checks (theta = 1 units).

Samples mix small rationals, exact multiples of the threshold (ties), zeros and Diracs far
above the threshold, so that the boundary cases of MATH.md are drawn often.
"""

from __future__ import annotations

from fractions import Fraction


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

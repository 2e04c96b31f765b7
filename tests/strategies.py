"""Hypothesis strategies over exact rationals shared by the property tests."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

thetas = st.fractions(min_value=Fraction(1, 8), max_value=4, max_denominator=8).filter(
    lambda t: t > 0)

#: One sample: small rationals, exact multiples of theta-like values, zeros, and Diracs far above
#: any threshold (up to 1e6).
samples = st.one_of(
    st.fractions(min_value=-5, max_value=5, max_denominator=12),
    st.integers(-8, 8).map(lambda k: Fraction(k, 4)),
    st.just(Fraction(0)),
    st.integers(-10**6, 10**6).map(Fraction),
)

signals = st.lists(samples, min_size=0, max_size=24)
nonempty_signals = st.lists(samples, min_size=1, max_size=24)
leaks = st.fractions(min_value=Fraction(1, 8), max_value=1, max_denominator=8).filter(
    lambda a: a > 0)
resets = st.sampled_from(["mod", "subtract", "zero"])

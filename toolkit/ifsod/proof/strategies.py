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
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # hypothesis is imported only where a strategy is built
    from hypothesis.strategies import SearchStrategy


class SignalCase(NamedTuple):
    """A case ``(x, theta)``: a signal and a threshold; a counterexample shows both names.

    Parameters
    ----------
    x : list of Fraction
        The samples.
    theta : Fraction
        The threshold.

    Examples
    --------
    >>> x, theta = SignalCase([Fraction(1)], Fraction(1, 2))
    >>> SignalCase._fields, theta
    (('x', 'theta'), Fraction(1, 2))
    """

    x: list[Fraction]
    theta: Fraction


class LeakyCase(NamedTuple):
    """A case ``(x, leaks)``: a signal and one leak factor per step.

    Parameters
    ----------
    x : list of Fraction
        The samples.
    leaks : list of Fraction
        The leak factors.

    Examples
    --------
    >>> LeakyCase([Fraction(1)], [Fraction(1, 2)]).leaks
    [Fraction(1, 2)]
    """

    x: list[Fraction]
    leaks: list[Fraction]

#: Offsets from the multiples of theta that the boundary cases use (in units of theta).
NEAR = (Fraction(0), Fraction(-1, 64), Fraction(1, 64))


def sample() -> SearchStrategy[Fraction]:
    """One exact sample.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Draws ``Fraction`` values: small rationals, quarters, 0 and large integers.

    Examples
    --------
    >>> from hypothesis import find
    >>> value = find(sample(), lambda v: v > 2)
    >>> isinstance(value, Fraction), value > 2
    (True, True)
    """
    from hypothesis import strategies as st

    return st.one_of(
        st.fractions(min_value=-3, max_value=3, max_denominator=8),
        st.integers(-12, 12).map(lambda k: Fraction(k, 4)),
        st.just(Fraction(0)),
        st.integers(-10**6, 10**6).map(Fraction),
    )


def signal(min_size: int = 1, max_size: int = 12) -> SearchStrategy[list[Fraction]]:
    """A list of exact samples.

    Parameters
    ----------
    min_size, max_size : int
        Bounds on the length.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Draws lists of :func:`sample` values.

    Examples
    --------
    >>> from hypothesis import find
    >>> len(find(signal(2, 3), lambda x: True))
    2
    """
    from hypothesis import strategies as st

    return st.lists(sample(), min_size=min_size, max_size=max_size)


def threshold() -> SearchStrategy[Fraction]:
    """A positive rational threshold in [1/8, 4].

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Thresholds with denominators up to 8.

    Examples
    --------
    >>> import hypothesis
    >>> hypothesis.find(threshold(), lambda t: t > 3) > 3
    True
    """
    from hypothesis import strategies as st

    return st.fractions(min_value=Fraction(1, 8), max_value=4, max_denominator=8)


def leak() -> SearchStrategy[Fraction]:
    """A rational leak factor in (0, 1].

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Factors with denominators up to 16, from 1/16.

    Examples
    --------
    >>> import hypothesis
    >>> hypothesis.find(leak(), lambda a: a < 1).denominator <= 16
    True
    """
    from hypothesis import strategies as st

    return st.fractions(min_value=Fraction(1, 16), max_value=1, max_denominator=16)


def signal_and_leaks(
        min_size: int = 1, max_size: int = 8,
) -> SearchStrategy[LeakyCase]:
    """``(x, leaks)``: a signal and one leak factor per step (irregular sampling).

    Parameters
    ----------
    min_size, max_size : int
        The shortest and longest signal (the leaks have its length).

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Draws ``(x, leaks)`` of one length.

    Examples
    --------
    >>> from hypothesis import find
    >>> x, leaks = find(signal_and_leaks(2, 2), lambda case: True)
    >>> len(x), len(leaks)
    (2, 2)
    """
    from hypothesis import strategies as st

    return st.integers(min_size, max_size).flatmap(
        lambda n: st.builds(LeakyCase, st.lists(sample(), min_size=n, max_size=n),
                            st.lists(leak(), min_size=n, max_size=n)))


def boundary_values(theta: Fraction, top: int = 3) -> list[Fraction]:
    """Multiples k theta (``|k| <= top``, halves included) and neighbours k theta +- theta/64.

    Parameters
    ----------
    theta : Fraction
        The threshold.
    top : int
        The largest ``|k|``.

    Returns
    -------
    list of Fraction
        The values, smallest magnitude first.

    Examples
    --------
    >>> sorted(boundary_values(Fraction(1), top=1))[:3]
    [Fraction(-65, 64), Fraction(-1, 1), Fraction(-63, 64)]
    """
    out = {theta * (Fraction(k, 2) + d) for k in range(-2 * top, 2 * top + 1) for d in NEAR}
    return sorted(out, key=lambda v: (abs(v), v))


def boundary_grid(max_len: int = 2, thetas: Iterable[Fraction] = (Fraction(1), Fraction(3, 4)),
                  top: int = 2) -> Iterator[SignalCase]:
    """Every ``(x, theta)`` with ``len(x) <= max_len`` and samples in :func:`boundary_values`,
    shortest first.

    Parameters
    ----------
    max_len : int
        The longest signal.
    thetas : iterable of Fraction
        The thresholds.
    top : int
        The largest ``|k|`` of :func:`boundary_values`.

    Returns
    -------
    iterator of SignalCase
        The cases.

    Examples
    --------
    >>> next(boundary_grid(1, (Fraction(1),), 1))
    SignalCase(x=[Fraction(0, 1)], theta=Fraction(1, 1))
    >>> sum(1 for _ in boundary_grid(1, (Fraction(1),), 1))
    15
    """
    for n in range(1, max_len + 1):
        for theta in thetas:
            values = boundary_values(Fraction(theta), top)
            for x in itertools.product(values, repeat=n):
                yield SignalCase(list(x), Fraction(theta))


def signal_and_threshold(
        min_size: int = 1, max_size: int = 12,
) -> SearchStrategy[SignalCase]:
    """``(x, theta)``: a threshold, then samples at and next to its multiples, plain
    rationals, Diracs far above it and runs of one repeated value.

    Parameters
    ----------
    min_size, max_size : int
        The fewest and most samples.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Draws :class:`SignalCase` values ``(x, theta)``.

    Examples
    --------
    >>> from hypothesis import find
    >>> x, theta = find(signal_and_threshold(1, 2), lambda case: True)
    >>> 1 <= len(x) <= 2, theta > 0
    (True, True)
    """
    from hypothesis import strategies as st

    def around(theta: Fraction) -> SearchStrategy[SignalCase]:
        near = st.builds(lambda k, d: theta * (Fraction(k, 2) + d), st.integers(-8, 8),
                         st.sampled_from(NEAR))
        value = st.one_of(near, sample())
        plain = st.lists(value, min_size=min_size, max_size=max_size)
        runs = st.builds(lambda v, n: [v] * n, near, st.integers(min_size, max_size))
        return st.builds(SignalCase, st.one_of(plain, runs), st.just(theta))

    return threshold().flatmap(around)

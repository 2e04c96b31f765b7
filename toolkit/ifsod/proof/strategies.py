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
import math
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from ._checks import check_count

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


def rationals(min_value: int | Fraction, max_value: int | Fraction,
              max_denominator: int) -> SearchStrategy[Fraction]:
    """Every ``Fraction`` in ``[min_value, max_value]`` with denominator at most
    ``max_denominator``: the values of ``hypothesis.strategies.fractions`` with those bounds,
    drawn from two integers of fixed range (a denominator ``d`` and a position ``m`` on the
    grid of step ``1/max_denominator``, rounded to the nearest multiple of ``1/d``), so that no
    strategy is built per draw.  Shrinks to denominator 1 and to the value nearest 0.

    Parameters
    ----------
    min_value, max_value : int or Fraction
        The bounds (included).
    max_denominator : int
        The largest denominator.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Draws ``Fraction`` values.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> fixed = settings(derandomize=True, database=None)  # the same search in every run
    >>> find(rationals(-3, 3, 8), lambda q: q > 2, settings=fixed)
    Fraction(3, 1)
    >>> find(rationals(-3, 3, 8), lambda q: q.denominator == 8 and q > 0, settings=fixed)
    Fraction(1, 8)
    """
    from hypothesis import strategies as st

    low, high = Fraction(min_value), Fraction(max_value)
    if high < low:
        raise ValueError(f"max_value must be at least min_value; got {low} and {high}")
    top = check_count(max_denominator, "max_denominator")
    # The denominators with a multiple of 1/d in range (none for d = 1 in [1/8, 1/4]).
    usable = [d for d in range(1, top + 1) if math.floor(high * d) >= math.ceil(low * d)]
    if not usable:
        raise ValueError(f"no fraction with denominator <= {top} lies in [{low}, {high}]")

    def value(d: int, m: int) -> Fraction:
        # Clamped: the multiple of 1/d nearest m/top may lie just outside the bounds.
        n = min(max(round(Fraction(m * d, top)), math.ceil(low * d)), math.floor(high * d))
        return Fraction(n, d)

    return st.builds(value, st.sampled_from(usable),
                     st.integers(math.ceil(low * top), math.floor(high * top)))


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
        rationals(-3, 3, 8),
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
    return rationals(Fraction(1, 8), 4, 8)


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
    return rationals(Fraction(1, 16), 1, 16)


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
    return aligned(min_size, max_size, sample(), leak()).map(lambda lists: LeakyCase(*lists))


def aligned(min_size: int, max_size: int,
            *elements: SearchStrategy) -> SearchStrategy[tuple[list, ...]]:
    """Lists of one common length, the k-th drawn from ``elements[k]``: a list of tuples,
    transposed (no strategy is built per draw, as a ``flatmap`` on the length would).

    Parameters
    ----------
    min_size, max_size : int
        The shortest and longest length.
    *elements : hypothesis.strategies.SearchStrategy
        One strategy per list.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Draws a tuple of ``len(elements)`` lists of one length.

    Examples
    --------
    >>> from hypothesis import find, strategies as st
    >>> find(aligned(2, 4, st.integers(), st.booleans()), lambda lists: True)
    ([0, 0], [False, False])
    """
    from hypothesis import strategies as st

    if not elements:
        raise ValueError("elements: give at least one strategy")
    rows = st.lists(st.tuples(*elements), min_size=min_size, max_size=max_size)
    return rows.map(lambda drawn: tuple([row[k] for row in drawn] for k in range(len(elements))))


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

    # A sample is drawn as (value, scaled): scaled ones are multiples of theta (and their
    # neighbours), made once theta is known; so no strategy is built per threshold drawn.
    near = st.builds(lambda k, d: (Fraction(k, 2) + d, True), st.integers(-8, 8),
                     st.sampled_from(NEAR))
    value = st.one_of(near, sample().map(lambda v: (v, False)))
    plain = st.lists(value, min_size=min_size, max_size=max_size)
    runs = st.builds(lambda v, n: [v] * n, near, st.integers(min_size, max_size))

    def case(theta: Fraction, drawn: list[tuple[Fraction, bool]]) -> SignalCase:
        return SignalCase([theta * v if scaled else v for v, scaled in drawn], theta)

    return st.builds(case, threshold(), st.one_of(plain, runs))

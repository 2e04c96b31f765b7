"""The parts a :class:`ifsod.Signal` holds (D7), checked when a signal is made from them.

Breakpoints, pieces ``(anchor, coefficients)``, the value at the end and the Diracs must be in
one number mode: exact (``Fraction``, with algebraic breakpoints, end value and Dirac times
allowed) or float (float64 values, finite).  Every operation of the class hands over parts in
their mode, which pass in one scan each; anything else is converted number by number, or
refused naming the part.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from operator import itemgetter
from typing import Any

from ._signal_input import as_list, check_increasing, merge_impulses, to_float
from ._validate import to_fraction
from .algebraic import Algebraic


def _part(value: object, name: str, exact: bool, algebraic: bool) -> Any:
    """One number of a signal's parts in its mode: exact values as ``Fraction`` (or, where
    ``algebraic``, as given), float ones as floats that hold them exactly."""
    if type(value) is float:
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite; got {value!r}")
        return Fraction(value) if exact else value
    if isinstance(value, Algebraic):
        if exact and algebraic:
            return value
        raise ValueError(f"{name} must be rational here; got {value!r}")
    q = to_fraction(value, name)
    if exact:
        return q
    out = to_float(q, name)
    if Fraction(out) != q:
        raise ValueError(f"{name} holds {value}, which float64 cannot hold exactly; use "
                         "exact=True")
    return out


def _parts(values: list[Any], name: str, exact: bool, algebraic: bool = False) -> list[Any]:
    """:func:`_part` of each value; values already in the mode (as every operation of the
    class hands them over) pass in one scan."""
    if set(map(type, values)) <= {Fraction if exact else float} and (
            exact or all(map(math.isfinite, values))):
        return values
    return [_part(v, name, exact, algebraic) for v in values]


def _pairs(items: list[Any], name: str, what: str) -> list[tuple[Any, Any]]:
    """The items as pairs; ``name[i]`` names one that is not."""
    if set(map(type, items)) <= {tuple} and set(map(len, items)) <= {2}:
        return items
    out = []
    for i, item in enumerate(items):
        pair = as_list(item, f"{name}[{i}]")
        if len(pair) != 2:
            raise ValueError(f"{name}[{i}] must be a pair {what}")
        out.append((pair[0], pair[1]))
    return out


def check_parts(breakpoints: object, pieces: object, end: object, diracs: object,
                exact: object) -> tuple[list[Any], list[tuple[Any, tuple[Any, ...]]], Any,
                                        list[tuple[Any, Any]]]:
    """The parts of a signal (see :class:`ifsod.Signal`), checked and in one number mode.

    Parameters
    ----------
    breakpoints : sequence of real
        Strictly increasing, at least two.
    pieces : sequence of (anchor, coefficients)
        One per interval between breakpoints; coefficients in powers of ``t - anchor``.
    end : real
        The value at ``T``.
    diracs : sequence of (time, weight)
        Impulses at times in ``[t0, T]``.
    exact : bool
        The number mode.

    Returns
    -------
    tuple
        ``(breakpoints, pieces, end, diracs)`` as lists, diracs merged.

    Examples
    --------
    >>> check_parts([0, 1], [(0, [2])], 2, [(1, 3)], True)
    ([Fraction(0, 1), Fraction(1, 1)], [(Fraction(0, 1), (Fraction(2, 1),))], Fraction(2, 1), \
[(Fraction(1, 1), Fraction(3, 1))])
    >>> check_parts([1.0], "pieces", 0.0, [], False)
    Traceback (most recent call last):
    ...
    ValueError: breakpoints must hold at least two times; got 1
    """
    if not isinstance(exact, bool):
        raise TypeError(f"exact must be a bool; got {type(exact).__name__}")
    bps = _parts(as_list(breakpoints, "breakpoints"), "breakpoints", exact, algebraic=True)
    if len(bps) < 2:
        raise ValueError(f"breakpoints must hold at least two times; got {len(bps)}")
    check_increasing(bps, "breakpoints")
    rows = as_list(pieces, "pieces")
    if len(rows) != len(bps) - 1:
        raise ValueError(f"pieces must hold one (anchor, coefficients) pair per interval "
                         f"({len(bps) - 1}); got {len(rows)}")
    pairs = _pairs(rows, "pieces", "(anchor, coefficients)")
    anchors = _parts(list(map(itemgetter(0), pairs)), "pieces: an anchor", exact)
    rows = list(map(itemgetter(1), pairs))
    kind = Fraction if exact else float
    if set(map(type, rows)) <= {list, tuple} and all(map(len, rows)) and set(
            map(type, itertools.chain.from_iterable(rows))) <= {kind}:
        if not exact and not all(map(math.isfinite, itertools.chain.from_iterable(rows))):
            i = next(i for i, c in enumerate(rows) if not all(map(math.isfinite, c)))
            raise ValueError(f"pieces[{i}] must hold finite coefficients; got {rows[i]}")
        # In the mode already (one scan each); tuples, so that no caller's list is shared.
        parts = list(zip(anchors, map(tuple, rows)))
    else:
        parts = []
        for i, (anchor, coeffs) in enumerate(zip(anchors, rows)):
            coeffs = _parts(as_list(coeffs, f"pieces[{i}]"), f"pieces[{i}]", exact)
            if not coeffs:
                raise ValueError(f"pieces[{i}] must hold at least one coefficient")
            parts.append((anchor, tuple(coeffs)))
    impulses_ = _pairs(as_list(diracs, "diracs"), "diracs", "(time, weight)")
    taus = _parts([t for t, _ in impulses_], "diracs: a time", exact, algebraic=True)
    if taus and not (bps[0] <= min(taus) and max(taus) <= bps[-1]):
        tau = next(tau for tau in taus if not bps[0] <= tau <= bps[-1])
        raise ValueError(f"diracs must lie in [t0, T] = [{bps[0]}, {bps[-1]}]; got time {tau}")
    ws = _parts([w for _, w in impulses_], "diracs: a weight", exact)
    return bps, parts, _part(end, "end", exact, True), merge_impulses(zip(taus, ws))

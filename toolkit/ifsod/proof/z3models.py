"""The recurrences of D4 as z3 terms, with theta = 1 (normalised) unless given.

Used by ``smt`` and ``bounded`` checks.  Every function returns terms built from the inputs, so a
statement's free constants are exactly the inputs the caller created with :func:`reals` or
:func:`ints`; a z3 model of a negated statement is then a concrete input.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import reduce
from typing import TYPE_CHECKING, TypeAlias

from .._validate import check_choice

if TYPE_CHECKING:
    import z3

#: A z3 term or formula; z3 ships no type information, so checkers see ``Any``.
Term: TypeAlias = "z3.ExprRef"


def reals(prefix: str, n: int, sort: str = "real") -> list[Term]:
    """Constants ``prefix_1 .. prefix_n`` of one sort (real unless ``sort="int"``).

    Parameters
    ----------
    prefix : str
        The name before ``_k``.
    n : int
        How many.
    sort : {"real", "int"}
        Their z3 sort.

    Returns
    -------
    list of z3.ArithRef
        The constants.

    Examples
    --------
    >>> reals("x", 2), reals("k", 1, "int")[0].sort()
    ([x_1, x_2], Int)
    """
    import z3

    make = {"real": z3.Real, "int": z3.Int}[check_choice(sort, "sort", ("real", "int"))]
    return [make(f"{prefix}_{k}") for k in range(1, n + 1)]


def ints(prefix: str, n: int) -> list[Term]:
    """Integer constants ``prefix_1 .. prefix_n``: ``reals(prefix, n, "int")``.

    Parameters
    ----------
    prefix, n
        As for :func:`reals`.

    Returns
    -------
    list of z3.ArithRef
        Constants of sort Int.

    Examples
    --------
    >>> ints("k", 2)
    [k_1, k_2]
    """
    return reals(prefix, n, "int")


def vector(counterexample: dict, prefix: str) -> list[Fraction]:
    """Read ``prefix_1, prefix_2, ...`` back from a counterexample as exact ``Fraction`` values.

    Parameters
    ----------
    counterexample : dict
        Values by constant name (``int``, ``Fraction`` or ``"p/q"`` text).
    prefix : str
        The name before ``_k``.

    Returns
    -------
    list of Fraction
        The values of ``prefix_1, prefix_2, ...``.

    Examples
    --------
    >>> vector({"x_1": "1/2", "x_2": 3, "y_1": 1}, "x")
    [Fraction(1, 2), Fraction(3, 1)]
    """
    n = sum(1 for key in counterexample if key.startswith(f"{prefix}_")
            and key[len(prefix) + 1:].isdigit())
    return [Fraction(counterexample[f"{prefix}_{k}"]) for k in range(1, n + 1)]


def trunc(v: Term) -> Term:
    """Integer part rounded toward zero (``ToInt`` is the floor).

    Parameters
    ----------
    v : z3.ArithRef
        The real term to truncate.

    Returns
    -------
    z3.ArithRef
        Its integer part, as a real term.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(trunc(z3.RealVal("-5/2")))
    -2
    """
    import z3

    return z3.ToReal(z3.If(v >= 0, z3.ToInt(v), -z3.ToInt(-v)))


def floor(v: Term) -> Term:
    """Largest integer <= v, as a real term.

    Parameters
    ----------
    v : z3.ArithRef
        The real term to round down.

    Returns
    -------
    z3.ArithRef
        Its floor, as a real term.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(floor(z3.RealVal("-5/2")))
    -3
    """
    import z3

    return z3.ToReal(z3.ToInt(v))


def zabs(v: Term) -> Term:
    """Absolute value.

    Parameters
    ----------
    v : z3.ArithRef
        A term.

    Returns
    -------
    z3.ArithRef
        ``|v|``.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(zabs(z3.RealVal("-5/2")))
    5/2
    """
    import z3

    return z3.If(v >= 0, v, -v)


def zmax(values: Sequence[Term]) -> Term:
    """Maximum of a non-empty list of terms.

    Parameters
    ----------
    values : sequence of z3.ArithRef
        The terms.

    Returns
    -------
    z3.ArithRef
        Their maximum.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(zmax([z3.RealVal(1), z3.RealVal(-2), z3.RealVal(3)]))
    3
    """
    import z3

    return reduce(lambda a, b: z3.If(a >= b, a, b), values)


def zmin(a: Term, b: Term) -> Term:
    """``min(a, b)``.

    Parameters
    ----------
    a, b : z3.ArithRef
        The terms.

    Returns
    -------
    z3.ArithRef
        Their minimum.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(zmin(z3.RealVal(1), z3.RealVal("-5/2")))
    -5/2
    """
    import z3

    return z3.If(a <= b, a, b)


def clamp(value: Term, low: Term, high: Term) -> Term:
    """``min(max(value, low), high)``.

    Parameters
    ----------
    value, low, high : z3.ArithRef
        The term and the bounds.

    Returns
    -------
    z3.ArithRef
        ``value`` clipped to ``[low, high]``.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(clamp(z3.RealVal(5), z3.RealVal(0), z3.RealVal(2)))
    2
    """
    return zmin(zmax([value, low]), high)


def partial_sums(values: Sequence[Term]) -> list[Term]:
    """``[x_1, x_1 + x_2, ...]``.

    Parameters
    ----------
    values : sequence of z3.ArithRef
        The terms.

    Returns
    -------
    list of z3.ArithRef
        Their running sums.

    Examples
    --------
    >>> import z3
    >>> [z3.simplify(s) for s in partial_sums([z3.RealVal(1), z3.RealVal(-3), z3.RealVal(1)])]
    [1, -2, -1]
    """
    out, total = [], 0
    for v in values:
        total = total + v
        out.append(total)
    return out


def anorm(values: Sequence[Term]) -> Term:
    """Alexiewicz norm (D1).

    Parameters
    ----------
    values : sequence of z3.ArithRef
        The samples, at least one.

    Returns
    -------
    z3.ArithRef
        ``max_n |sum_{k<=n} values_k|``.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(anorm([z3.RealVal(1), z3.RealVal(-3), z3.RealVal(1)]))
    2
    """
    return zmax([zabs(s) for s in partial_sums(values)])


def if_train(values: Sequence[Term], reset: str = "mod") -> list[Term]:
    """Spikes of IF (D4) with theta = 1 and the given reset.

    Parameters
    ----------
    values : sequence of z3.ArithRef
        The samples, in units of theta.
    reset : str
        ``"mod"``, ``"subtract"`` or ``"zero"``.

    Returns
    -------
    list of z3.ArithRef
        The spike counts.

    Examples
    --------
    >>> import z3
    >>> x = [z3.RealVal("1/2"), z3.RealVal("3/4"), z3.RealVal("5/2")]
    >>> [z3.simplify(s) for s in if_train(x)], [z3.simplify(s) for s in if_train(x, "subtract")]
    ([0, 1, 2], [0, 1, 1])
    """
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


def l1(terms: Sequence[Term]) -> Term:
    """Sum of absolute values (the spike count of a train in units of theta).

    Parameters
    ----------
    terms : list of z3.ArithRef
        The terms, possibly none.

    Returns
    -------
    z3.ArithRef
        ``sum |terms_k|``, which is 0 for no terms.

    Examples
    --------
    >>> import z3
    >>> z3.simplify(l1([z3.RealVal(1), z3.RealVal(-3), z3.RealVal(1)])), l1([])
    (5, 0)
    """
    import z3

    return z3.Sum([zabs(v) for v in terms]) if terms else z3.RealVal(0)

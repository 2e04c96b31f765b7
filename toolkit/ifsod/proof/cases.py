"""Counterexamples shown with names: ``x = [1/2, 3], theta = 1``, not raw JSON.

A z3 counterexample names itself (its constants ``x_1, x_2, theta`` become ``x = [...]`` and
``theta = ...``).  A search case is a value the property receives; its parts are named by the
first of: the ``names`` the check was given, the fields of a named tuple (the cases of
:mod:`ifsod.proof.strategies`), the names the property unpacks the case into
(``x, theta = case``), or the property's parameter for a case that is one value.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any


def case_names(case: Any, prop: Callable[[Any], object] | None = None,
               names: Sequence[str] = ()) -> tuple[str, ...]:
    """The names of the parts of a search case (empty when none can be read).

    Parameters
    ----------
    case : object
        The case the property received.
    prop : callable, optional
        The property, whose source may unpack the case.
    names : sequence of str
        Names given explicitly (they win).

    Returns
    -------
    tuple of str
        One name per part of a tuple case, or one name for a case that is one value.

    Examples
    --------
    >>> def prop(case):
    ...     x, theta = case
    ...     return sum(x) < theta
    >>> case_names(([1], 1), prop)
    ('x', 'theta')
    >>> case_names([1, 2], lambda signal: True)
    ('signal',)
    """
    if names:
        return tuple(names)
    fields = getattr(case, "_fields", None)
    if isinstance(case, tuple) and fields:
        return tuple(fields)
    parameter, unpacked = _unpacking(prop) if prop is not None else ("", ())
    if isinstance(case, tuple):
        return unpacked if len(unpacked) == len(case) else ()
    return (parameter,) if parameter else ()


def _unpacking(prop: Callable[[Any], object]) -> tuple[str, tuple[str, ...]]:
    """The property's parameter and the names it unpacks it into (``a, b = param``)."""
    try:
        parameter = next(iter(inspect.signature(prop).parameters), "")
    except (TypeError, ValueError):  # builtins may have no signature
        return "", ()
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(prop)))
    except (OSError, TypeError, SyntaxError):
        # a lambda's source line is often not a statement of its own
        return parameter, ()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)
                and node.value.id == parameter and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Tuple)
                and all(isinstance(e, ast.Name) for e in node.targets[0].elts)):
            return parameter, tuple(e.id for e in node.targets[0].elts if isinstance(e, ast.Name))
    return parameter, ()


def show(value: Any) -> str:
    """An exact value as text: rationals as ``p/q``, lists and tuples in brackets.

    Parameters
    ----------
    value : object
        A number, or a (nested) list or tuple of them.

    Returns
    -------
    str
        ``value`` as text.

    Examples
    --------
    >>> from fractions import Fraction
    >>> show([Fraction(1, 2), (3, Fraction(-4))])
    '[1/2, [3, -4]]'
    """
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)


def named(counterexample: Any, names: Sequence[str] | None = None) -> str:
    """A counterexample as ``name = value`` pairs (``x = [1/2, 3], theta = 1``).

    Constants ``x_1, x_2, ...`` of a z3 model are shown as one vector ``x``; the parts of a
    search case get ``names`` (see :func:`case_names`), and ``case = ...`` when there are none.

    Parameters
    ----------
    counterexample : object
        A dict of values by name, or a search case.
    names : sequence of str, optional
        The names of the parts of a search case.

    Returns
    -------
    str
        The text.

    Examples
    --------
    >>> from fractions import Fraction
    >>> named({"x_1": Fraction(1, 2), "x_2": 3, "theta": 1})
    'theta = 1, x = [1/2, 3]'
    >>> named(([Fraction(5, 2)], Fraction(1)), ["x", "theta"])
    'x = [5/2], theta = 1'
    >>> named(([Fraction(5, 2)], Fraction(1)))
    'case = [[5/2], 1]'
    """
    if not isinstance(counterexample, dict):
        names = tuple(names or ())
        if isinstance(counterexample, tuple) and len(names) == len(counterexample) > 0:
            return ", ".join(f"{n} = {show(v)}" for n, v in zip(names, counterexample))
        if len(names) == 1 and not isinstance(counterexample, tuple):
            return f"{names[0]} = {show(counterexample)}"
        return f"case = {show(counterexample)}"
    vectors: dict[str, dict[int, Any]] = {}
    shown: dict[str, str] = {}
    for key, value in counterexample.items():
        match = re.fullmatch(r"(.+)_(\d+)", str(key))
        if match:
            vectors.setdefault(match.group(1), {})[int(match.group(2))] = value
        else:
            shown[str(key)] = show(value)
    shown |= {name: show([v[i] for i in sorted(v)]) for name, v in vectors.items()}
    return ", ".join(f"{name} = {shown[name]}" for name in sorted(shown))


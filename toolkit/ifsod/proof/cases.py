"""Counterexamples shown with names: ``x = [1/2, 3], theta = 1``, not raw JSON.

A z3 counterexample names itself (its constants ``x_1, x_2, theta`` become ``x = [...]`` and
``theta = ...``).  A search case is a value the property receives; its parts are named by the
first of: the ``names`` the check was given, the fields of a named tuple (the cases of
:mod:`ifsod.proof.strategies`), the names the property unpacks the case into
(``x, theta = case``, nested ones such as ``(f, theta), w = case`` included), the names a
function the property refers to unpacks it into (a ``lambda case: ratio(case) <= 1`` is named
by ``ratio``), or the property's parameter for a case that is one value.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any


def case_names(case: Any, prop: Callable[[Any], object] | None = None,
               names: Sequence[Any] = ()) -> tuple[Any, ...]:
    """The names of the parts of a search case (empty when none can be read).

    Parameters
    ----------
    case : object
        The case the property received.
    prop : callable, optional
        The property, whose source (or that of a function it refers to) may unpack the case.
    names : sequence
        Names given explicitly (they win).

    Returns
    -------
    tuple
        One name per part of a tuple case (a tuple of names for a part unpacked further), or
        one name for a case that is one value.

    Examples
    --------
    >>> def prop(case):
    ...     x, theta = case
    ...     return sum(x) < theta
    >>> case_names(([1], 1), prop)
    ('x', 'theta')
    >>> case_names([1, 2], lambda signal: True)
    ('signal',)
    >>> def ratio(case):
    ...     (x, theta), width = case
    ...     return sum(x) / (theta * width)
    >>> case_names((([1], 1), 2), lambda case: ratio(case) <= 1)
    (('x', 'theta'), 'width')
    """
    if names:
        return tuple(names)
    fields = getattr(case, "_fields", None)
    if isinstance(case, tuple) and fields:
        return tuple(fields)
    if prop is None:
        return ()
    parameter, unpacked = _unpacking(prop)
    if not isinstance(case, tuple):
        return (parameter,) if parameter else ()
    for candidate in (unpacked, *(_unpacking(f)[1] for f in _referenced(prop))):
        if _fits(candidate, case):
            return candidate
    return ()


def _fits(names: tuple[Any, ...], case: Any) -> bool:
    """Whether ``names`` has one entry per part of ``case``, nested alike."""
    if not isinstance(case, tuple) or len(names) != len(case) or not names:
        return False
    return all(isinstance(n, str) or _fits(n, v) for n, v in zip(names, case))


def _referenced(prop: Callable[[Any], object]) -> list[Callable[[Any], object]]:
    """The Python functions the property refers to (closure first, then globals)."""
    try:
        refs = inspect.getclosurevars(prop)
    except TypeError:  # builtins and callable objects have no closure to read
        return []
    return [f for f in (*refs.nonlocals.values(), *refs.globals.values())
            if inspect.isfunction(f) and f is not prop]


def _target(node: ast.expr) -> Any:
    """The names of an unpacking target (nested tuples of names), or None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Tuple):
        parts = [_target(e) for e in node.elts]
        return None if any(p is None for p in parts) else tuple(parts)
    return None


def _unpacking(prop: Callable[[Any], object]) -> tuple[str, tuple[Any, ...]]:
    """The property's parameter and the names it unpacks it into (``a, (b, c) = param``)."""
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
                and isinstance(node.targets[0], ast.Tuple)):
            target = _target(node.targets[0])
            if target is not None:
                return parameter, target
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


def named(counterexample: Any, names: Sequence[Any] | None = None) -> str:
    """A counterexample as ``name = value`` pairs (``x = [1/2, 3], theta = 1``).

    Constants ``x_1, x_2, ...`` of a z3 model are shown as one vector ``x``; the parts of a
    search case get ``names`` (see :func:`case_names`; a part with a tuple of names is shown
    part by part), and ``case = ...`` when there are none.

    Parameters
    ----------
    counterexample : object
        A dict of values by name, or a search case.
    names : sequence, optional
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
    >>> named((([Fraction(5, 2)], Fraction(1)), 2), [["x", "theta"], "w"])
    'x = [5/2], theta = 1, w = 2'
    >>> named(([Fraction(5, 2)], Fraction(1)))
    'case = [[5/2], 1]'
    """
    if not isinstance(counterexample, dict):
        names = _as_names(names or ())
        if isinstance(counterexample, tuple) and _fits(names, counterexample):
            return ", ".join(_pairs(names, counterexample))
        if len(names) == 1 and isinstance(names[0], str) and not isinstance(counterexample,
                                                                            tuple):
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


def _as_names(names: Sequence[Any]) -> tuple[Any, ...]:
    """Names read back from JSON (lists) as the tuples :func:`case_names` gives."""
    return tuple(n if isinstance(n, str) else _as_names(n) for n in names)


def _pairs(names: tuple[Any, ...], case: tuple) -> list[str]:
    out = []
    for name, value in zip(names, case):
        out += [f"{name} = {show(value)}"] if isinstance(name, str) else _pairs(name, value)
    return out

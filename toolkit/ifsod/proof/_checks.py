"""Input checks of the proof engine: each raises ``ValueError`` or ``TypeError`` whose message
starts with the parameter's name, at construction time, so that a wrong claim module fails where
it is written and not deep inside a solver run."""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from types import UnionType
from typing import Any

from .._validate import check_threshold

#: What ``isinstance`` accepts as its second argument.
Kind = type | UnionType | tuple[type, ...]


def _kind(value: object) -> str:
    return type(value).__name__


def check_callable(value: object, name: str, *, optional: bool = False) -> Any:
    """Return ``value`` if it is callable (or ``None`` with ``optional``).

    Parameters
    ----------
    value : object
        A function, or None.
    name : str
        The parameter's name, for the error message.
    optional : bool
        Whether ``None`` is allowed.

    Returns
    -------
    callable or None
        The function.

    Examples
    --------
    >>> check_callable(len, "build") is len
    True
    >>> check_callable(1, "build")
    Traceback (most recent call last):
    ...
    TypeError: build must be callable; got int
    """
    if value is None and optional:
        return None
    if not callable(value):
        raise TypeError(f"{name} must be callable; got {_kind(value)}")
    return value


def check_text(value: object, name: str, *, empty: bool = True) -> str:
    """Return ``value`` if it is a string (non-empty unless ``empty``).

    Parameters
    ----------
    value : object
        A name or a text.
    name : str
        The parameter's name, for the error message.
    empty : bool
        Whether the empty string is allowed.

    Returns
    -------
    str
        The string checked.

    Examples
    --------
    >>> check_text("T1a", "id", empty=False)
    'T1a'
    >>> check_text("", "id", empty=False)
    Traceback (most recent call last):
    ...
    ValueError: id must be a non-empty string; got ''
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {_kind(value)}")
    if not value and not empty:
        raise ValueError(f"{name} must be a non-empty string; got ''")
    return value


def check_flag(value: object, name: str) -> bool:
    """Return ``value`` if it is a ``bool``.

    Parameters
    ----------
    value : object
        A switch.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    bool
        The switch.

    Examples
    --------
    >>> check_flag(True, "quick")
    True
    >>> check_flag("yes", "quick")
    Traceback (most recent call last):
    ...
    TypeError: quick must be a bool; got str
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool; got {_kind(value)}")
    return value


def check_count(value: object, name: str, *, high: int | None = None) -> int:
    """Return ``value`` as a positive ``int`` (at most ``high`` when given); bools are refused.

    Parameters
    ----------
    value : object
        A count.
    name : str
        The parameter's name, for the error message.
    high : int, optional
        The largest value allowed.

    Returns
    -------
    int
        The count.

    Examples
    --------
    >>> check_count(3, "n_max")
    3
    >>> check_count(0, "n_max")
    Traceback (most recent call last):
    ...
    ValueError: n_max must be a positive integer; got 0
    >>> check_count(5, "quick_n_max", high=4)
    Traceback (most recent call last):
    ...
    ValueError: quick_n_max must be an integer in [1, 4]; got 5
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a positive integer; got {_kind(value)}")
    count = int(value)
    if count < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    if high is not None and count > high:
        raise ValueError(f"{name} must be an integer in [1, {high}]; got {value!r}")
    return count


def check_seconds(value: object, name: str = "timeout") -> float:
    """Return a positive finite number of seconds as ``float``.

    Parameters
    ----------
    value : object
        A time limit.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    float
        The seconds, as a float.

    Examples
    --------
    >>> check_seconds(5)
    5.0
    >>> check_seconds(-1.0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be > 0; got -1.0
    """
    return check_threshold(value, name)


def check_items(value: object, name: str, kind: Kind, what: str) -> tuple[Any, ...]:
    """Return ``value`` as a tuple if it is a list or tuple whose items are all ``kind``.

    Parameters
    ----------
    value : object
        A list or tuple.
    name : str
        The parameter's name, for the error message.
    kind : type, union of types or tuple of type
        The type of the items.
    what : str
        The items' name in the message (plural).

    Returns
    -------
    tuple
        The items.

    Examples
    --------
    >>> check_items(["a", "b"], "params", str, "strings")
    ('a', 'b')
    >>> check_items("ab", "params", str, "strings")
    Traceback (most recent call last):
    ...
    TypeError: params must be a list or tuple of strings; got str
    >>> check_items([1], "params", str, "strings")
    Traceback (most recent call last):
    ...
    TypeError: params must hold strings; got int at index 0
    """
    if not isinstance(value, list | tuple):
        raise TypeError(f"{name} must be a list or tuple of {what}; got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, kind):
            raise TypeError(f"{name} must hold {what}; got {_kind(item)} at index {index}")
    return tuple(value)


def check_instance(value: object, name: str, kind: Kind, what: str) -> Any:
    """Return ``value`` if it is an instance of ``kind``.

    Parameters
    ----------
    value : object
        An object of any type.
    name : str
        The parameter's name, for the error message.
    kind : type, union of types or tuple of type
        The type wanted.
    what : str
        Its name in the message.

    Returns
    -------
    object
        The object.

    Examples
    --------
    >>> check_instance(1, "claim", str, "a Claim")
    Traceback (most recent call last):
    ...
    TypeError: claim must be a Claim; got int
    """
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be {what}; got {_kind(value)}")
    return value


def check_check(value: object, name: str = "check") -> Any:
    """Return ``value`` if it is a check kind (a ``kind`` string and a ``run`` method).

    Parameters
    ----------
    value : object
        A check, or anything else.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    Check
        The check.

    Examples
    --------
    >>> check_check("smt")
    Traceback (most recent call last):
    ...
    TypeError: check must be a check such as identity(...) or smt(...); got str
    """
    if not (isinstance(getattr(value, "kind", None), str)
            and callable(getattr(value, "run", None))):
        raise TypeError(f"{name} must be a check such as identity(...) or smt(...); "
                        f"got {_kind(value)}")
    return value


def check_formula(value: object, name: str) -> Any:
    """Return ``value`` if it is a z3 Boolean term.

    Parameters
    ----------
    value : object
        A z3 term, or anything else.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    z3.BoolRef
        The term.

    Examples
    --------
    >>> import z3
    >>> check_formula(z3.Real("x") > 0, "conclusion")
    x > 0
    >>> check_formula(True, "conclusion")
    Traceback (most recent call last):
    ...
    TypeError: conclusion must be a z3 Boolean term; got bool
    """
    from .solvers import require

    z3 = require("z3")
    if not (isinstance(value, z3.ExprRef) and z3.is_bool(value)):
        raise TypeError(f"{name} must be a z3 Boolean term; got {_kind(value)}")
    return value


def check_formulas(values: object, name: str) -> tuple[Any, ...]:
    """Return ``values`` as a tuple of z3 Boolean terms.

    Parameters
    ----------
    values : object
        A list or tuple of terms.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    tuple of z3.BoolRef
        The terms.

    Examples
    --------
    >>> import z3
    >>> check_formulas([z3.Real("x") > 0], "hypotheses")
    (x > 0,)
    """
    items: Sequence[Any] = check_items(values, name, object, "z3 Boolean terms")
    return tuple(check_formula(v, f"{name}[{i}]") for i, v in enumerate(items))


def check_claims(value: object, name: str = "claims") -> list[Any]:
    """Return ``value`` as a list if it is a list or tuple of :class:`~ifsod.proof.Claim`.

    Parameters
    ----------
    value : object
        A list or tuple of claims.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    list of Claim
        The claims.

    Examples
    --------
    >>> check_claims([])
    []
    >>> check_claims("T1")
    Traceback (most recent call last):
    ...
    TypeError: claims must be a list or tuple of Claim objects; got str
    """
    from .claim import Claim

    return list(check_items(value, name, Claim, "Claim objects"))


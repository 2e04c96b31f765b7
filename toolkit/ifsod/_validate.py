"""Input checks shared by every public function.

Each check takes the ``name`` of the parameter as the caller spelled it and raises
``ValueError`` or ``TypeError`` whose message starts with that name, so that the caller can
see at once which argument is wrong.  Nothing is clipped or rounded silently: a value that
float64 cannot hold (a ``longdouble`` beyond its range or precision, a ``Fraction`` that
underflows) is refused by name, with the exact mode as the way out.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral, Real
from typing import Literal, cast, overload

import numpy as np

from ._typing import ENGINES, RESETS, Engine, Reset

#: A validated scalar: ``float`` in float mode, ``Fraction`` in exact mode.
Number = float | Fraction

#: Smallest positive normal float64: below it a float keeps fewer than 53 significant bits.
_TINY = float(np.finfo(np.float64).tiny)


def _is_sympy(value: object) -> bool:
    # SymPy is imported only when the user already holds SymPy objects.
    return type(value).__module__.startswith("sympy")


def is_exact_scalar(value: object) -> bool:
    """True for values that select exact arithmetic (``Fraction``, SymPy ``Rational``).

    Parameters
    ----------
    value : object
        Any value.

    Returns
    -------
    bool
        Whether ``value`` selects exact arithmetic.

    Examples
    --------
    >>> is_exact_scalar(Fraction(1, 3)), is_exact_scalar(0.5)
    (True, False)
    """
    if isinstance(value, Fraction):
        return True
    return _is_sympy(value) and bool(getattr(value, "is_Rational", False))


def to_fraction(value: object, name: str) -> Fraction:
    """Convert a real scalar to ``Fraction`` without rounding.

    Floats of every width (``float16`` to ``longdouble``) convert exactly.

    Parameters
    ----------
    value : object
        An integer, float of any width, ``Fraction`` or SymPy ``Rational``.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    Fraction
        ``value`` exactly.

    Examples
    --------
    >>> to_fraction(0.1, "theta")
    Fraction(3602879701896397, 36028797018963968)
    >>> to_fraction(True, "theta")
    Traceback (most recent call last):
    ...
    TypeError: theta must be a real number, not bool
    """
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a real number, not bool")
    # NumPy integers would otherwise live on inside the Fraction, and its comparisons would
    # return NumPy booleans, which do not subtract.
    if isinstance(value, Fraction):
        if type(value.numerator) is int and type(value.denominator) is int:
            return value
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, Integral):
        return Fraction(int(value))
    if _is_sympy(value):
        if getattr(value, "is_Rational", False):
            # A SymPy Rational prints as ``p/q`` (or ``p``), which Fraction reads exactly.
            return Fraction(str(value))
        raise TypeError(f"{name} must be rational for exact arithmetic; got {value!r}")
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise ValueError(f"{name} must be finite; got {value!r}")
        # as_integer_ratio is exact for every NumPy float width; float() would round a
        # longdouble first.
        numerator, denominator = value.as_integer_ratio()
        return Fraction(int(numerator), int(denominator))
    raise TypeError(f"{name} must be a real number; got {type(value).__name__}")


def to_float(value: Fraction, name: str) -> float:
    """``value`` as float64, refusing by name what float64 cannot hold to full precision.

    Refused: values beyond the float64 range, and nonzero values that would round to 0 or to a
    subnormal float (which keeps fewer than 53 significant bits).  Normal-range values round to
    the nearest float, as every float computation does.

    Parameters
    ----------
    value : Fraction
        An exact value, to round to the nearest float64.
    name : str
        Whose value it is, for the refusal.

    Returns
    -------
    float
        The nearest float64.

    Examples
    --------
    >>> to_float(Fraction(1, 4), "theta")
    0.25
    >>> to_float(Fraction(1, 10**400), "theta")
    Traceback (most recent call last):
    ...
    ValueError: theta = 1/10**400 is below the normal float64 range (it would round to 0.0); \
pass exact (Fraction) data to compute with it exactly
    """
    try:
        out = float(value)
    except OverflowError:
        out = math.inf
    if math.isinf(out):
        raise ValueError(f"{name} = {describe(value)} is beyond the float64 range; pass exact "
                         "(Fraction) data to compute with it exactly")
    if value and abs(out) < _TINY and Fraction(out) != value:
        raise ValueError(f"{name} = {describe(value)} is below the normal float64 range (it "
                         f"would round to {out!r}); pass exact (Fraction) data to compute with "
                         "it exactly")
    return out


def describe(value: Fraction | int | np.integer) -> str:
    """A short text for a rational of any size: ``10**400``, ``1/10**400``, ``3/7``.

    Parameters
    ----------
    value : Fraction or int
        A rational.

    Returns
    -------
    str
        Its short text.

    Examples
    --------
    >>> describe(Fraction(-3, 10**400)), describe(2**200)
    ('-3/10**400', '1.6069e60')
    """
    value = Fraction(int(value)) if isinstance(value, np.integer) else Fraction(value)
    def part(n: int) -> str:
        digits = str(n)
        if len(digits) <= 20:
            return digits
        power = len(digits) - 1
        if n == 10**power:
            return f"10**{power}"
        return f"{digits[0]}.{digits[1:5]}e{power}"

    sign = "-" if value < 0 else ""
    value = abs(value)
    if value.denominator == 1:
        return sign + part(value.numerator)
    return f"{sign}{part(value.numerator)}/{part(value.denominator)}"


@overload
def check_real(value: object, name: str, *, exact: Literal[True]) -> Fraction: ...
@overload
def check_real(value: object, name: str, *, exact: Literal[False]) -> float: ...
@overload
def check_real(value: object, name: str, *, exact: bool) -> Number: ...
def check_real(value: object, name: str, *, exact: bool) -> Number:
    """A finite real scalar as ``Fraction`` (exact) or ``float`` (:func:`to_float`).

    In float mode a ``Fraction`` rounds to the nearest float (the caller chose float data); a
    ``longdouble``, like a ``longdouble`` array, must be one that float64 holds exactly.

    Parameters
    ----------
    value : object
        A real scalar: ``int``, ``float``, ``Fraction``, NumPy or SymPy number; never a bool.
    name : str
        The parameter's name that the ``TypeError`` or ``ValueError`` names.
    exact : bool
        ``True``: the exact ``Fraction``; ``False``: the float64 of :func:`to_float`.

    Returns
    -------
    float or Fraction
        The validated value.

    Examples
    --------
    >>> check_real(3, "y0", exact=False), check_real(0.5, "y0", exact=True)
    (3.0, Fraction(1, 2))
    >>> check_real("1", "y0", exact=False)
    Traceback (most recent call last):
    ...
    TypeError: y0 must be a real number; got str
    """
    if isinstance(value, bool | np.bool_) or not (
        isinstance(value, Real | np.number) or is_exact_scalar(value)
    ):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    frac = to_fraction(value, name)
    if exact:
        return frac
    out = to_float(frac, name)
    # A longdouble is data, as in arrays: float mode takes it only when float64 holds it.
    if isinstance(value, np.floating) and value.dtype.itemsize > 8 and Fraction(out) != frac:
        raise ValueError(f"{name} = {value!r} is a {value.dtype} that float64 cannot represent "
                         "exactly; pass it as a Fraction for exact arithmetic, or as a float")
    return out


def as_samples(x: object, name: str = "x", *,
               exact: bool | None = None) -> tuple[np.ndarray, bool]:
    """Return ``(array, exact)`` for sample data.

    Float and integer data become ``float64`` (``float16``/``float32`` widen exactly; a
    ``longdouble`` must hold values float64 represents exactly); data holding ``Fraction`` or
    SymPy ``Rational`` values (or any data when ``exact=True``) become an object array of
    ``Fraction``.  NaN, inf, complex, boolean, non-numeric and ragged input are rejected.

    Parameters
    ----------
    x : object
        Sample data.
    name : str
        The parameter's name, for the error message.
    exact : bool, optional
        ``True`` forces exact arithmetic; ``None`` decides from the data.

    Returns
    -------
    tuple of (numpy.ndarray, bool)
        The samples and whether they are exact.

    Examples
    --------
    >>> as_samples(np.float32([0.5, 2.0]), "x")
    (array([0.5, 2. ]), False)
    >>> as_samples([1.0, float("nan")], "y")
    Traceback (most recent call last):
    ...
    ValueError: y must be finite; it holds NaN or inf
    """
    if isinstance(x, np.ndarray) and x.dtype != object:
        arr = x
    else:
        try:
            arr = np.asarray(x)
        except ValueError as err:
            raise ValueError(f"{name} must be a rectangular array; got ragged input") from err
        if arr.dtype == object:
            arr = _object_samples(arr, name)
    kind = arr.dtype.kind
    if kind == "c":
        raise TypeError(f"{name} must be real; got complex dtype {arr.dtype}")
    if kind == "b":
        raise TypeError(f"{name} must be numeric; got boolean dtype")
    if kind not in "iufO":
        raise TypeError(f"{name} must be numeric; got dtype {arr.dtype}")
    if kind == "O":
        return arr, True
    # A finite sum proves every term finite; only an overflowing sum needs the full scan.
    if kind == "f":
        with np.errstate(over="ignore", invalid="ignore"):
            finite = np.isfinite(np.sum(arr)) or np.all(np.isfinite(arr))
        if not finite:
            raise ValueError(f"{name} must be finite; it holds NaN or inf")
    if exact:
        out = np.empty(arr.shape, dtype=object)
        out.flat[:] = [to_fraction(v, name) for v in arr.flat]
        return out, True
    if kind == "f" and arr.dtype.itemsize > 8:
        return _narrow_longdouble(arr, name), False
    return np.asarray(arr, dtype=np.float64), False


def _narrow_longdouble(arr: np.ndarray, name: str) -> np.ndarray:
    with np.errstate(over="ignore"):
        out = arr.astype(np.float64)
    if not np.array_equal(out.astype(arr.dtype), arr):
        bad = arr[out.astype(arr.dtype) != arr].flat[0]
        raise ValueError(
            f"{name} holds {arr.dtype} values that float64 cannot represent exactly (e.g. "
            f"{bad!r}, beyond its range or precision); convert them to Fraction for exact "
            "arithmetic, or to float64 yourself")
    return out


def _object_samples(arr: np.ndarray, name: str) -> np.ndarray:
    values = list(arr.flat)
    if any(isinstance(v, list | tuple | np.ndarray) for v in values):
        raise ValueError(f"{name} must be a rectangular array; got ragged input")
    if any(is_exact_scalar(v) for v in values):
        out = np.empty(arr.shape, dtype=object)
        out.flat[:] = [to_fraction(v, name) for v in values]
        return out
    for v in values:
        if isinstance(v, complex | np.complexfloating):
            raise TypeError(f"{name} must be real; got complex value {v!r}")
        if isinstance(v, bool | np.bool_) or not isinstance(v, Real | np.number):
            raise TypeError(f"{name} must be numeric; got {type(v).__name__}")
    # Python ints too large for int64 land here; they must fit float64 like any other value.
    floats = [v if isinstance(v, float) else to_float(to_fraction(v, name), name)
              for v in values]
    return np.asarray(floats, dtype=np.float64).reshape(arr.shape)


def as_channels(x: object, name: str = "x", *,
                exact: bool | None = None) -> tuple[np.ndarray, bool]:
    """:func:`as_samples` for data with a time axis: at least one dimension.

    Parameters
    ----------
    x : object
        Sample data with at least one dimension (time, and any channels).
    name : str
        The parameter's name, for the error messages.
    exact : bool, optional
        As for :func:`as_samples`.

    Returns
    -------
    tuple of (numpy.ndarray, bool)
        The samples, at least 1-D, and whether they are exact.

    Examples
    --------
    >>> as_channels([[1, 2]], "a")[0].shape
    (1, 2)
    >>> as_channels(3.0, "a")
    Traceback (most recent call last):
    ...
    ValueError: a must have at least one dimension; got a scalar
    """
    arr, is_exact = as_samples(x, name, exact=exact)
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension; got a scalar")
    return arr, is_exact


def as_pair(a: object, b: object,
            names: tuple[str, str] = ("a", "b")) -> tuple[np.ndarray, np.ndarray, bool]:
    """Two sample arrays of one shape with a time axis, in one arithmetic: exact if either is.

    Parameters
    ----------
    a, b : object
        Sample data.
    names : tuple of str
        Their parameter names, for the error messages.

    Returns
    -------
    tuple of (numpy.ndarray, numpy.ndarray, bool)
        Both arrays and whether they are exact.

    Examples
    --------
    >>> x, s, exact = as_pair([0.5, 1.0], [Fraction(0), Fraction(1)], ("x", "s"))
    >>> exact, x.tolist()
    (True, [Fraction(1, 2), Fraction(1, 1)])
    >>> as_pair([1.0, 2.0], [1.0], ("x", "s"))
    Traceback (most recent call last):
    ...
    ValueError: s must have the shape of x (2,); got (1,)
    """
    a_arr, exact = as_channels(a, names[0])
    b_arr, b_exact = as_samples(b, names[1], exact=exact or None)
    if b_exact and not exact:
        a_arr, exact = as_samples(a_arr, names[0], exact=True)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"{names[1]} must have the shape of {names[0]} {a_arr.shape}; "
                         f"got {b_arr.shape}")
    return a_arr, b_arr, exact


def to_float_array(arr: np.ndarray, name: str) -> np.ndarray:
    """Float64 copy of validated samples; exact values must lie in the float64 range.

    Parameters
    ----------
    arr : numpy.ndarray
        Validated samples.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    numpy.ndarray
        A float64 array.

    Examples
    --------
    >>> to_float_array(np.array([Fraction(1, 2)], dtype=object), "a")
    array([0.5])
    """
    if arr.dtype != object:
        return np.asarray(arr, dtype=np.float64)
    out = np.empty(arr.shape)
    out.flat[:] = [to_float(v, name) if v else 0.0 for v in arr.flat]
    return out


@overload
def check_threshold(value: object, name: str = ..., *, exact: Literal[False] = ...) -> float: ...
@overload
def check_threshold(value: object, name: str = ..., *, exact: Literal[True]) -> Fraction: ...
@overload
def check_threshold(value: object, name: str = ..., *, exact: bool) -> Number: ...
def check_threshold(value: object, name: str = "theta", *, exact: bool = False) -> Number:
    """Return a positive finite threshold as ``Fraction`` (exact) or ``float``.

    Parameters
    ----------
    value : object
        The threshold, a real number > 0 (``float``, ``int``, ``Fraction``, NumPy scalar).
    name : str
        The parameter's name (``theta``, ``delta``, ...) the errors name.
    exact : bool
        ``True`` for exact mode: the threshold comes back as a ``Fraction``.

    Returns
    -------
    float or Fraction
        The validated threshold.

    Examples
    --------
    >>> check_threshold(0.5), check_threshold(2, "delta", exact=True)
    (0.5, Fraction(2, 1))
    >>> check_threshold(10**400)
    Traceback (most recent call last):
    ...
    ValueError: theta = 10**400 is beyond the float64 range; pass exact (Fraction) data to \
compute with it exactly
    """
    frac = check_real(value, name, exact=True)
    if frac <= 0:
        raise ValueError(f"{name} must be > 0; got {value!r}")
    return frac if exact else check_real(value, name, exact=False)


def check_choice(value: object, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise name them all.

    Parameters
    ----------
    value : object
        The name given.
    name : str
        The parameter's name, for the error message.
    choices : tuple of str
        The names accepted.

    Returns
    -------
    str
        ``value``.

    Examples
    --------
    >>> check_choice("box", "kernel", ("box", "exponential"))
    'box'
    """
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value


def check_reset(reset: object, name: str = "reset") -> Reset:
    """Validate an IF reset rule name (D4).

    Parameters
    ----------
    reset : object
        The reset rule's name: ``"mod"``, ``"subtract"`` or ``"zero"``.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    {"mod", "subtract", "zero"}
        ``reset``, narrowed to :data:`ifsod._typing.Reset`.

    Examples
    --------
    >>> check_reset("zero")
    'zero'
    >>> check_reset("floor")
    Traceback (most recent call last):
    ...
    ValueError: reset must be one of ['mod', 'subtract', 'zero']; got 'floor'
    """
    # The membership check in check_choice is what makes the narrowing to Reset true.
    return cast(Reset, check_choice(reset, name, RESETS))


def check_engine(engine: object, name: str = "engine") -> Engine:
    """Validate an engine name.

    Parameters
    ----------
    engine : object
        ``"numba"`` (compiled), ``"python"`` (its plain source), ``"exact"`` (``Fraction``
        arithmetic) or ``"auto"`` (the data decide).
    name : str
        The parameter's name in the caller, for the error.

    Returns
    -------
    {"auto", "numba", "python", "exact"}
        ``engine``, narrowed to :data:`ifsod._typing.Engine`.

    Examples
    --------
    >>> check_engine("python")
    'python'
    """
    return cast(Engine, check_choice(engine, name, ENGINES))


def check_axis(axis: object, ndim: int | None, name: str = "axis") -> int:
    """Return ``axis`` normalised to a non-negative index.

    With ``ndim=None`` (no data yet, as when an encoder is constructed) only the type is
    checked and ``axis`` comes back as an ``int``.

    Parameters
    ----------
    axis : object
        The axis given.
    ndim : int or None
        The number of dimensions of the data, if known.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    int
        The axis, non-negative when ``ndim`` is given.

    Examples
    --------
    >>> check_axis(-1, 2), check_axis(-1, None)
    (1, -1)
    >>> check_axis(5, 1)
    Traceback (most recent call last):
    ...
    ValueError: axis 5 is out of range for an array of dimension 1
    >>> check_axis(1.0, None)
    Traceback (most recent call last):
    ...
    TypeError: axis must be an integer; got float
    """
    if isinstance(axis, bool | np.bool_) or not isinstance(axis, Integral):
        raise TypeError(f"{name} must be an integer; got {type(axis).__name__}")
    index = int(axis)
    if ndim is None:
        return index
    if not -max(ndim, 1) <= index < max(ndim, 1):
        raise ValueError(f"{name} {axis} is out of range for an array of dimension {ndim}")
    return index % max(ndim, 1)


def check_leak(leak: object, n_steps: int, *, exact: bool,
               name: str = "leak") -> Number | np.ndarray | None:
    """Return ``leak`` as a scalar or a 1-D array of per-step factors in (0, 1].

    Returns ``None`` for a leak of exactly 1 (plain IF), so callers can take the faster
    leak-free path.

    Parameters
    ----------
    leak : object
        A scalar, or one factor per step.
    n_steps : int
        The number of time steps.
    exact : bool
        Whether to return exact values.
    name : str
        The parameter's name, for the error message.

    Returns
    -------
    float, Fraction, numpy.ndarray or None
        The factor(s), ``None`` for a leak of exactly 1.

    Examples
    --------
    >>> check_leak(1.0, 3, exact=False) is None
    True
    >>> check_leak([0.5, 1.0], 3, exact=False)
    Traceback (most recent call last):
    ...
    ValueError: leak must be a scalar or have one factor per time step (3); got shape (2,)
    """
    if isinstance(leak, np.ndarray) and leak.ndim == 0:
        leak = leak[()]
    if not isinstance(leak, list | tuple | np.ndarray):
        value = check_real(leak, name, exact=True)
        if not 0 < value <= 1:
            raise ValueError(f"{name} must lie in (0, 1]; got {leak!r}")
        if value == 1:
            return None
        return value if exact else check_real(leak, name, exact=False)
    arr, _ = as_samples(leak, name, exact=exact)
    if arr.ndim != 1 or arr.shape[0] != n_steps:
        raise ValueError(
            f"{name} must be a scalar or have one factor per time step ({n_steps}); "
            f"got shape {arr.shape}")
    if not np.all((arr > 0) & (arr <= 1)):
        raise ValueError(f"{name} factors must lie in (0, 1]")
    if not exact:
        return to_float_array(arr, name)
    return arr

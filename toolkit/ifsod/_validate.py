"""Input checks shared by every public function.

Each check raises ``ValueError`` or ``TypeError`` whose message starts with the name of the
offending parameter, so that the caller can see at once which argument is wrong.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral, Real

import numpy as np

_RESETS = ("mod", "subtract", "zero")
_ENGINES = ("auto", "numba", "python", "exact")


def _is_sympy(value) -> bool:
    # SymPy is imported only when the user already holds SymPy objects.
    return type(value).__module__.startswith("sympy")


def is_exact_scalar(value) -> bool:
    """True for values that select exact arithmetic (``Fraction``, SymPy ``Rational``)."""
    if isinstance(value, Fraction):
        return True
    return _is_sympy(value) and bool(getattr(value, "is_Rational", False))


def to_fraction(value, name: str) -> Fraction:
    """Convert a real scalar to ``Fraction`` without rounding (floats convert exactly)."""
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
            return Fraction(int(value.p), int(value.q))
        raise TypeError(f"{name} must be rational for exact arithmetic; got {value!r}")
    if isinstance(value, Real | np.floating):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite; got {value!r}")
        return Fraction(value)
    raise TypeError(f"{name} must be a real number; got {type(value).__name__}")


def as_samples(x, name: str = "x", *, exact: bool | None = None) -> tuple[np.ndarray, bool]:
    """Return ``(array, exact)`` for sample data.

    Float and integer data become ``float64``; data holding ``Fraction`` or SymPy ``Rational``
    values (or any data when ``exact=True``) become an object array of ``Fraction``.  NaN, inf,
    complex, boolean, non-numeric and ragged input are rejected.
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
    if kind == "f" and not np.isfinite(np.sum(arr)) and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; it holds NaN or inf")
    if exact:
        out = np.empty(arr.shape, dtype=object)
        out.flat[:] = [to_fraction(v, name) for v in arr.flat]
        return out, True
    return np.asarray(arr, dtype=np.float64), False


def _object_samples(arr: np.ndarray, name: str) -> np.ndarray:
    values = list(arr.flat)
    if any(isinstance(v, list | tuple | np.ndarray) for v in values):
        raise ValueError(f"{name} must be a rectangular array; got ragged input")
    if any(is_exact_scalar(v) for v in values):
        out = np.empty(arr.shape, dtype=object)
        out.flat[:] = [to_fraction(v, name) for v in values]
        return out
    for v in values:
        if isinstance(v, complex):
            raise TypeError(f"{name} must be real; got complex value {v!r}")
        if isinstance(v, bool | np.bool_) or not isinstance(v, Real | np.number):
            raise TypeError(f"{name} must be numeric; got {type(v).__name__}")
    return np.asarray([float(v) for v in values], dtype=np.float64).reshape(arr.shape)


def check_threshold(value, name: str = "theta", *, exact: bool = False):
    """Return a positive finite threshold as ``Fraction`` (exact) or ``float``."""
    if isinstance(value, bool | np.bool_) or not (
        isinstance(value, Real | np.number) or is_exact_scalar(value)
    ):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    frac = to_fraction(value, name)
    if frac <= 0:
        raise ValueError(f"{name} must be > 0; got {value!r}")
    return frac if exact else float(frac)


def check_choice(value, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise name them all."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value


def check_reset(reset) -> str:
    """Validate an IF reset rule name (D4)."""
    return check_choice(reset, "reset", _RESETS)


def check_engine(engine) -> str:
    """Validate an engine name."""
    return check_choice(engine, "engine", _ENGINES)


def check_axis(axis, ndim: int) -> int:
    """Return ``axis`` normalised to a non-negative index."""
    if isinstance(axis, bool | np.bool_) or not isinstance(axis, Integral):
        raise TypeError(f"axis must be an integer; got {type(axis).__name__}")
    if not -max(ndim, 1) <= axis < max(ndim, 1):
        raise ValueError(f"axis {axis} is out of range for an array of dimension {ndim}")
    return int(axis) % max(ndim, 1)


def check_leak(leak, n_steps: int, *, exact: bool):
    """Return ``leak`` as a scalar or a 1-D array of per-step factors in (0, 1].

    Returns ``None`` for a leak of exactly 1 (plain IF), so callers can take the faster
    leak-free path.
    """
    if np.ndim(leak) == 0 and not isinstance(leak, list | tuple):
        if isinstance(leak, bool | np.bool_) or not (
            isinstance(leak, Real | np.number) or is_exact_scalar(leak)
        ):
            raise TypeError(f"leak must be a real number or array; got {type(leak).__name__}")
        value = to_fraction(leak, "leak")
        if not 0 < value <= 1:
            raise ValueError(f"leak must lie in (0, 1]; got {leak!r}")
        if value == 1:
            return None
        return value if exact else float(value)
    arr, _ = as_samples(leak, "leak", exact=exact)
    if arr.ndim != 1 or arr.shape[0] != n_steps:
        raise ValueError(
            f"leak must be a scalar or have one factor per time step ({n_steps}); "
            f"got shape {arr.shape}")
    if not np.all((arr > 0) & (arr <= 1)):
        raise ValueError("leak factors must lie in (0, 1]")
    return arr

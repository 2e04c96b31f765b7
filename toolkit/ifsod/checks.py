"""Self-checks shipped with the library: each theorem, tested on the data at hand.

Every test and notebook calls these on the encodings it makes, so that T1 and its friends are
exercised on every signal we touch.  A failed check raises :class:`CheckFailure`.

Float data near the top of the float64 range are judged exactly: when a float residual would
overflow (``x - s`` or a running sum beyond ``1.8e308``), it is recomputed in exact arithmetic on
the stored floats, so a check of finite data never passes on an ``inf`` or ``nan``, and a
failure reports the true residual (in ``CheckFailure.value``).
"""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction

import numpy as np

from ._typing import ArrayLike, Leak, Scalar
from ._validate import Number, as_channels, as_pair, as_samples, check_axis, check_threshold
from .norms import alexiewicz_norm

#: A residual: one per channel, or a scalar for 1-D input; exact in exact mode.
Residual = float | Fraction | np.ndarray

__all__ = [
    "CheckFailure",
    "check_lattice",
    "quantization_residual",
    "rounding_allowance",
    "sod_band_residual",
]


class CheckFailure(AssertionError):
    """A theorem's conclusion does not hold for the data given.

    Parameters
    ----------
    message : str
        What failed.
    value, bound : float, Fraction or None
        The offending quantity and its bound (the attributes).

    Examples
    --------
    >>> err = CheckFailure("T1 fails", value=2.0, bound=1.0)
    >>> err.value, err.bound, isinstance(err, AssertionError)
    (2.0, 1.0, True)

    Attributes
    ----------
    value : float, Fraction or None
        The offending quantity (the largest residual, or the spike off the lattice), exact
        (``Fraction``) when it lies beyond the float64 range.
    bound : float, Fraction or None
        What it had to stay below (for residuals, the threshold; the float check also allows
        :func:`rounding_allowance`).
    """

    def __init__(self, message: str, *, value: object = None, bound: object = None) -> None:
        super().__init__(message)
        self.value = value
        self.bound = bound


#: Unit roundoff of IEEE 754 double precision.
_UNIT_ROUNDOFF = 2.0**-53
#: Half the largest float64: float sums of magnitudes below it leave room for rounding.
_HALF_RANGE = float(np.finfo(np.float64).max) / 2
#: Per sample, two products that underflow, each off by half the smallest subnormal at most.
_UNDERFLOW = 2.0**-1074


def rounding_allowance(x: ArrayLike, theta: Scalar, *, axis: int = -1) -> float | np.ndarray:
    r"""A priori bound on how far rounding moves a float encoding's residual, per channel.

    In floats the membrane of IF is :math:`v_n = \mathrm{fl}(\lambda u_{n-1} + x_n)` and the
    spike :math:`\mathrm{fl}(k\theta)`; each step rounds by at most :math:`2^{-53}` of
    :math:`|v_n| \le |x_n| + \theta` and of :math:`|s_n| \le |x_n| + 2\theta`, plus
    :math:`2^{-1075}` for each of the two products when it underflows.  The errors add up, so
    the exact residual of the stored floats, and the float sum that measures it, can exceed
    the encoder's own :math:`|u_n| < \theta` by at most

    .. math:: 2^{-52} \sum_n (2|x_n| + 4\theta) + 2^{-1074} N,

    which is what :func:`quantization_residual` allows in float mode (none in exact mode).  The
    sum is scaled before it is added up, so it is finite for all finite data.

    Parameters
    ----------
    x : array_like
        Samples, time along ``axis``.
    theta : float or Fraction
        The threshold, > 0.
    axis : int
        The time axis.

    Returns
    -------
    float or numpy.ndarray
        The allowance per channel (a scalar for 1-D input); 0 for exact input.

    Examples
    --------
    >>> float(rounding_allowance([1.0, -1.0], 0.5) * 2**52)
    8.0
    >>> rounding_allowance([1e308, 1e308], 1.0) < 1e293
    True
    """
    arr, exact = as_channels(x, "x")
    axis = check_axis(axis, arr.ndim)
    threshold = check_threshold(theta, exact=exact)
    return 0 if exact else _allowance(arr, float(threshold), axis)


def _allowance(arr: np.ndarray, theta: float, axis: int, *,
               halved: bool = False) -> float | np.ndarray:
    """:func:`rounding_allowance` of validated float samples (``halved``: ``arr`` holds halves
    of the samples, as overflow-free differences do)."""
    scale = 8 * _UNIT_ROUNDOFF if halved else 4 * _UNIT_ROUNDOFF
    terms = np.abs(arr) * scale + theta * (8 * _UNIT_ROUNDOFF)
    bound = np.sum(terms, axis=axis) + arr.shape[axis] * _UNDERFLOW
    return bound if np.ndim(bound) else float(bound)


def _exact(arr: np.ndarray) -> np.ndarray:
    return arr if arr.dtype == object else as_samples(arr, exact=True)[0]


def _show(value: object) -> str:
    """A residual for a message: as the float it is, or (beyond float64) 17 exact digits."""
    if isinstance(value, Fraction):
        try:
            return repr(float(value))
        except OverflowError:
            digits = Context(prec=17)
            return str(digits.divide(Decimal(value.numerator), Decimal(value.denominator)))
    return str(value)


def _exceeds(value: Residual, bound: Number, allowance: float | np.ndarray) -> bool:
    """Whether ``value - bound >= allowance`` anywhere, exactly when ``value`` is exact.

    ``value - bound`` cannot overflow (both are >= 0); ``bound + allowance`` could.
    """
    values = np.asarray(value)
    if values.dtype == object:
        exact_allowance = _exact(np.asarray(allowance, dtype=float))
        return bool(np.any(values - Fraction(bound) >= exact_allowance))
    return bool(np.any(values - bound >= allowance))


def _floats_if_representable(values: Residual) -> Residual:
    """Results as floats; exact results of the overflow path stay exact only where float64
    cannot hold them."""
    try:
        if isinstance(values, np.ndarray):
            if values.dtype != object:
                return values
            return np.array([float(v) for v in values.flat]).reshape(values.shape)
        return float(values)
    except OverflowError:
        return values


def quantization_residual(x: ArrayLike, s: ArrayLike, theta: Scalar, leak: Leak = 1.0, *,
                          axis: int = -1) -> Residual:
    r"""Return :math:`\|x - s\|_{A,\lambda}` and check T1: it must be :math:`< \theta`.

    Also checks that every spike lies on the lattice :math:`\theta\mathbb{Z}` (exactly in exact
    mode, to rounding in floats).

    In exact mode (``Fraction`` input) the inequality is checked exactly.  In floats, the
    residual of a correct encoding can exceed :math:`\theta` by accumulated rounding (about
    :math:`10^{-15}` on the bundled recording, in exact arithmetic on the stored floats); the
    check then allows :func:`rounding_allowance`, a bound derived from IEEE 754, not a tuned
    tolerance.  Pass ``Fraction`` values for a strict check.  A float residual that would
    overflow is computed exactly instead (module docstring).

    Parameters
    ----------
    x : array_like
        Samples, time along ``axis``.
    s : array_like
        Spikes of the shape of ``x``.
    theta : float or Fraction
        The threshold, > 0.
    leak : float, Fraction or array_like
        The leak of the norm (D2), a scalar in (0, 1] or one factor per step.
    axis : int
        The time axis.

    Returns
    -------
    float, Fraction or numpy.ndarray
        One residual per channel (a scalar for 1-D input); exact in exact mode.

    Raises
    ------
    CheckFailure
        If the residual is :math:`\ge \theta` (plus the rounding allowance in floats) in any
        channel, or a spike is off the lattice.

    Examples
    --------
    >>> from ifsod import if_encode
    >>> x = [0.3, 0.9, -2.2]
    >>> quantization_residual(x, if_encode(x, 0.5), 0.5)
    0.3
    >>> quantization_residual(x, [0.0, 0.0, 0.0], 0.5)
    Traceback (most recent call last):
    ...
    ifsod.checks.CheckFailure: T1 fails: Alexiewicz residual 1.2 >= theta = 0.5
    >>> quantization_residual([1e308, 1e308], [0.0, 0.0], 1.0)
    Traceback (most recent call last):
    ...
    ifsod.checks.CheckFailure: T1 fails: Alexiewicz residual 2.0000000000000000E+308 >= theta = 1.0
    """
    x_arr, s_arr, exact = as_pair(x, s, ("x", "s"))
    axis = check_axis(axis, x_arr.ndim)
    threshold = check_threshold(theta, exact=exact)
    _check_lattice(s_arr, threshold, exact, "spike", "theta")
    if exact:
        residual = alexiewicz_norm(x_arr - s_arr, leak=leak, axis=axis)
        allowance: float | np.ndarray = 0
    else:
        allowance = _allowance(x_arr, float(threshold), axis)
        with np.errstate(over="ignore", invalid="ignore"):
            diff = x_arr - s_arr
            total = np.sum(np.abs(diff), axis=axis)
        # With leak <= 1 every running sum is at most the sum of the magnitudes; half the
        # float64 range leaves room for the rounding of either sum.
        if np.all(total <= _HALF_RANGE):
            residual = alexiewicz_norm(diff, leak=leak, axis=axis)
        else:
            residual = alexiewicz_norm(_exact(x_arr) - _exact(s_arr), leak=leak, axis=axis)
    if _exceeds(residual, threshold, allowance):
        worst = np.max(residual) if np.ndim(residual) else residual
        raise CheckFailure(f"T1 fails: Alexiewicz residual {_show(worst)} >= theta = {threshold}",
                           value=worst, bound=threshold)
    return residual if exact else _floats_if_representable(residual)


def check_lattice(s: ArrayLike, theta: Scalar) -> None:
    r"""Check that every entry of ``s`` lies in :math:`\theta\mathbb{Z}` (D3).

    Floats may differ from the lattice by rounding of :math:`k\theta`: the distance
    :math:`|s - k\theta|` to the nearest lattice point (found by the exact remainder ``fmod``,
    so spike counts beyond the float range are judged too) may be up to
    :math:`10^{-12}\max(\theta, |s|)`.

    Parameters
    ----------
    s : array_like
        Spikes.
    theta : float or Fraction
        The threshold, > 0.

    Raises
    ------
    CheckFailure
        If a spike is off the lattice.

    Examples
    --------
    >>> check_lattice([0.0, 1.5, -3.0], 1.5)
    >>> check_lattice([0.7], 1.5)
    Traceback (most recent call last):
    ...
    ifsod.checks.CheckFailure: spike 0.7 is not a multiple of theta = 1.5
    """
    arr, exact = as_samples(s, "s")
    _check_lattice(arr, check_threshold(theta, exact=exact), exact, "spike", "theta")


def _check_lattice(arr: np.ndarray, step: Number, exact: bool, what: str, step_name: str) -> None:
    if exact:
        off = [v for v in arr.flat if (v / step).denominator != 1]
    else:
        fstep = float(step)  # float mode validates the step to a float
        remainder = np.abs(np.fmod(arr, fstep))
        distance = np.minimum(remainder, fstep - remainder)
        off = arr[distance > 1e-12 * np.maximum(fstep, np.abs(arr))].tolist()
    if off:
        raise CheckFailure(f"{what} {off[0]} is not a multiple of {step_name} = {step}",
                           value=off[0], bound=step)


def _band(y: np.ndarray, e: np.ndarray, axis: int) -> np.ndarray:
    """:math:`\\max_n |y_n - y_0 - \\sum_{k\\le n} e_k|` along ``axis`` (floats or exact)."""
    offset = y - np.take(y, [0], axis=axis)
    return np.max(np.abs(offset - np.cumsum(e, axis=axis)), axis=axis)


def sod_band_residual(y: ArrayLike, e: ArrayLike, delta: Scalar, *,
                      axis: int = -1) -> Residual:
    r"""Return :math:`\max_n |y_n - L_n|` of the zero-order hold and check it is :math:`< \Delta`.

    :math:`L_n = y_0 + \sum_{k\le n} e_k` (D6); the check is T4's band.  In floats the
    differences :math:`y_n - y_{n-1}` the encoder sees are rounded, and so is the running sum
    that forms :math:`L_n`; the check allows :func:`rounding_allowance` of the differences plus
    :math:`2^{-52} N (\max_n |y_n - y_0| + 2\Delta)` for the sum, and nothing in exact mode.  A
    band that would overflow in floats is computed exactly instead (module docstring).

    Parameters
    ----------
    y : array_like
        Samples, time along ``axis``.
    e : array_like
        SOD events of the shape of ``y``.
    delta : float or Fraction
        The SOD step, > 0.
    axis : int
        The time axis.

    Returns
    -------
    float, Fraction or numpy.ndarray
        The band per channel (a scalar for 1-D input); exact in exact mode.

    Raises
    ------
    CheckFailure
        If the band reaches ``delta`` (plus the rounding allowance in floats), or an event is
        off the lattice.

    Examples
    --------
    >>> from ifsod import sod_encode
    >>> y = [1.0, 1.4, 2.6, 0.9]
    >>> sod_band_residual(y, sod_encode(y, 0.5), 0.5)
    0.3999999999999999
    """
    y_arr, e_arr, exact = as_pair(y, e, ("y", "e"))
    axis = check_axis(axis, y_arr.ndim)
    step = check_threshold(delta, "delta", exact=exact)
    _check_lattice(e_arr, step, exact, "event", "delta")
    if y_arr.shape[axis] == 0:
        return alexiewicz_norm(y_arr, axis=axis)
    if exact:
        band = _band(y_arr, e_arr, axis)
        allowance: float | np.ndarray = 0
    else:
        # Halves: differences and offsets of finite floats are finite.
        halves = y_arr * 0.5
        first = np.take(halves, [0], axis=axis)
        n = y_arr.shape[axis]
        allowance = _allowance(np.diff(halves, axis=axis, prepend=first), float(step), axis,
                               halved=True) + n * (
            4 * _UNIT_ROUNDOFF * np.max(np.abs(halves - first), axis=axis)
            + 4 * _UNIT_ROUNDOFF * float(step))
        with np.errstate(over="ignore", invalid="ignore"):
            band = _band(y_arr, e_arr, axis)
        if not np.all(np.isfinite(band)):
            band = _band(_exact(y_arr), _exact(e_arr), axis)
    if _exceeds(band, step, allowance):
        worst = np.max(band)
        raise CheckFailure(f"SOD band fails: |y - L| reaches {_show(worst)} >= delta = {step}",
                           value=worst, bound=step)
    return band if exact else _floats_if_representable(band)

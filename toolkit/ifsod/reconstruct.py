r"""Reconstruction from events: zero-order hold (D6) and kernel filters with the bounds of T5.

Kernel bound (T5, derived for this project).  Let :math:`h = x - s` with :math:`s` the IF^M
spikes, :math:`H_n = \sum_{m\le n} h_m` (:math:`|H_n| < \theta`, T1) and a causal kernel
:math:`k_0, k_1, \dots`.  Abel summation of :math:`(k * h)_n = \sum_{m=0}^{n} k_{n-m} h_m` gives
the exact identity

.. math:: (k * h)_n = k_0 H_n + \sum_{m=0}^{n-1} H_m\,(k_{n-m} - k_{n-m-1}),

so :math:`|(k * h)_n| < \theta\,(|k_0| + \sum_{j\ge 0} |k_{j+1} - k_j|) = \theta\,\mathrm{Var}(k)`,
the total variation of the kernel extended by 0 before :math:`n = 0` (the :math:`|k_0|` term is
the boundary term: the jump up at the origin).  Both terms are attained in the limit (take
:math:`H_n \to \theta` and :math:`H_m \to -\theta` where the kernel steps down), so the
constant is sharp.  Box of width :math:`w` and height :math:`1/w`: :math:`2\theta/w`.
Exponential :math:`e^{-n/w}`: :math:`\theta(1 + 1) = 2\theta`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ._typing import KERNELS, ArrayLike, Kernel, Scalar
from ._validate import (
    as_channels,
    check_axis,
    check_choice,
    check_real,
    check_threshold,
    describe,
    is_exact_scalar,
    to_float,
    to_float_array,
)
from .norms import running_sums
from .signal import Signal
from .spiketrain import SpikeTrain

__all__ = ["kernel_error_bound", "kernel_filter", "zero_order_hold"]

#: Box widths above this make 1/width subnormal in float64, where it keeps too few bits.
_MAX_FLOAT_WIDTH = 2**1022


def zero_order_hold(y0: float | Scalar, train: SpikeTrain) -> Signal:
    r"""Zero-order-hold SOD reconstruction :math:`\hat y(t) = y_0 + \sum_{t_k\le t} e_k` (D6).

    Returns a piecewise-constant :class:`Signal` that jumps at the event times (exact algebraic
    jump times in exact mode).  For ``train = sod_events(y, delta)``,
    :math:`\sup_t |y(t) - \hat y(t)| < \Delta` (T4).

    Parameters
    ----------
    y0 : real
        The initial value :math:`y_0`.
    train : SpikeTrain
        The SOD events :math:`e_k` at times :math:`t_k`.

    Returns
    -------
    Signal

    Examples
    --------
    >>> from ifsod.events import sod_events
    >>> y = Signal.from_samples([0.0, 1.0, 2.0], [1.0, 3.5, 3.5])
    >>> y_hat = zero_order_hold(1.0, sod_events(y, 1.0))
    >>> y_hat(0.5), y_hat(2.0), (y - y_hat).sup_norm(attained=True)  # 1 = delta, not attained
    (2.0, 3.0, (1.0, False))
    """
    if not isinstance(train, SpikeTrain):
        raise TypeError(f"train must be a SpikeTrain; got {type(train).__name__}")
    start = check_real(y0, "y0", exact=train.exact or is_exact_scalar(y0))
    return train.to_signal().primitive() + start


def kernel_filter(a: ArrayLike, kernel: Kernel = "box", *, width: float | Scalar,
                  axis: int = -1) -> np.ndarray:
    r"""Causal discrete convolution :math:`y_n = \sum_{j=0}^{n} k_j a_{n-j}` along ``axis``.

    - ``"box"``: :math:`k_j = 1/w` for :math:`0 \le j < w` (``width`` :math:`w` an integer
      >= 1), a moving average: unit sum.  Exact (``Fraction``) for exact input.
    - ``"exponential"``: :math:`k_j = e^{-j/w}` for :math:`j \ge 0` (``width`` :math:`w > 0`),
      **unnormalised**: :math:`k_0 = 1` and :math:`\sum_j k_j = 1/(1 - e^{-1/w})`.  Computed
      in floats (the kernel is irrational), as the recursion :math:`y_n = e^{-1/w} y_{n-1} +
      a_n`.

    Samples before the start count as 0.  Same shape as ``a``.  A box wider than the record
    averages over all samples so far (divided by ``width``); float data take widths up to
    :math:`2^{1022}` (beyond, :math:`1/w` is subnormal).  An exponential filter whose output
    would overflow float64 is refused, naming ``a``.

    Parameters
    ----------
    a : array_like
        Samples (``Fraction`` entries select exact arithmetic for the box kernel).
    kernel : {"box", "exponential"}
        The kernel.
    width : int or real
        The box width (an integer >= 1) or the exponential time constant (> 0), in samples.
    axis : int
        The time axis.

    Returns
    -------
    numpy.ndarray
        The filtered samples, shaped like ``a``: ``float64``, or ``Fraction`` objects for
        exact input to the box kernel.

    Examples
    --------
    >>> kernel_filter([3.0, 0.0, 0.0, 3.0], "box", width=3)
    array([1., 1., 1., 1.])
    >>> kernel_filter([1.0, 0.0], "exponential", width=1.0)
    array([1.        , 0.36787944])
    """
    name = check_choice(kernel, "kernel", KERNELS)
    arr, exact = as_channels(a, "a")
    axis = check_axis(axis, arr.ndim)
    if name == "exponential":
        lam = math.exp(-1.0 / check_threshold(width, "width"))
        data = to_float_array(arr, "a")
        # A width far below one sample underflows the leak to 0: the kernel is then k_0 = 1.
        if lam == 0:
            return data.copy()
        try:
            return running_sums(data, leak=lam, axis=axis)
        except ValueError:  # data and leak are valid: only the float64 range is left
            raise ValueError(f"a: the exponential filter of width {width} exceeds the float64 "
                             "range on these samples; scale them down") from None
    w = _box_width(width, exact)
    if not exact:
        if w == 1 or arr.shape[axis] == 0:
            return arr / w
        # A direct FIR keeps every output a sum of at most w terms; a difference of running
        # sums would lose digits on long float records.  Taps beyond the record never act.
        from scipy.signal import lfilter

        return lfilter(np.full(min(w, arr.shape[axis]), 1.0 / w), [1.0], arr, axis=axis)
    sums = np.cumsum(arr, axis=axis)
    shifted = np.zeros_like(sums)
    if arr.shape[axis] > w:
        src = [slice(None)] * arr.ndim
        dst = [slice(None)] * arr.ndim
        src[axis], dst[axis] = slice(0, arr.shape[axis] - w), slice(w, None)
        shifted[tuple(dst)] = sums[tuple(src)]
    return (sums - shifted) / Fraction(w)


def _box_width(width: object, exact: bool) -> int:
    if isinstance(width, bool | np.bool_) or not isinstance(width, int | np.integer):
        raise TypeError(f"width must be an integer for the box kernel; got {width!r}")
    if width < 1:
        raise ValueError(f"width must be >= 1; got {width}")
    if not exact and width > _MAX_FLOAT_WIDTH:
        raise ValueError(f"width must be at most 2**1022 for float data (1/width is subnormal "
                         f"beyond); got {describe(width)}; pass exact (Fraction) data")
    return int(width)


def kernel_error_bound(theta: float | Scalar, kernel: Kernel = "box", *,
                       width: float | Scalar) -> Fraction | float:
    r"""Sharp bound :math:`\theta\,\mathrm{Var}(k)` of the kernel-filtered IF^M error (T5).

    For every sequence :math:`x` and :math:`s` = ``if_encode(x, theta)`` (reset-to-mod),
    ``max|kernel_filter(x) - kernel_filter(s)| < kernel_error_bound(theta, kernel, width=w)``
    (strict; the derivation is in the module docstring).  Box: :math:`2\theta/w`; exponential
    (unnormalised, :math:`k_0 = 1`): :math:`2\theta`.  Exact for exact ``theta``; a float
    bound that float64 cannot hold (beyond its range, or subnormal) is refused, naming
    ``theta``.

    Parameters
    ----------
    theta : real
        The threshold, > 0.
    kernel : {"box", "exponential"}
        The kernel of :func:`kernel_filter`.
    width : int or real
        Its width, as in :func:`kernel_filter`.

    Returns
    -------
    Fraction or float
        The bound, a ``Fraction`` for exact ``theta``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> kernel_error_bound(Fraction(1, 2), "box", width=4)
    Fraction(1, 4)
    >>> kernel_error_bound(0.5, "exponential", width=10.0)
    1.0
    """
    name = check_choice(kernel, "kernel", KERNELS)
    exact = is_exact_scalar(theta)
    threshold = check_threshold(theta, exact=exact)
    if name == "box":
        bound = 2 * Fraction(threshold) / _box_width(width, exact=True)
    else:
        check_threshold(width, "width")
        bound = 2 * Fraction(threshold)
    if exact:
        return bound
    try:
        return to_float(bound, "bound")
    except ValueError:
        shown = describe(width) if isinstance(width, int | np.integer) else repr(width)
        raise ValueError(f"theta = {threshold!r} with width {shown}: the bound is "
                         "outside the normal float64 range; pass theta as a Fraction for an "
                         "exact bound") from None

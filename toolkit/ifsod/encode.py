"""Discrete Integrate-and-Fire and Send-on-Delta encoders (MATH.md D4, D5)."""

from __future__ import annotations

import numpy as np

from . import _kernels
from ._typing import ArrayLike, Engine, Leak, Reset, Scalar
from ._validate import (
    as_samples,
    check_axis,
    check_engine,
    check_leak,
    check_reset,
    check_threshold,
)
from .interop.labelled import labelled


def _rows(arr: np.ndarray, axis: int) -> np.ndarray:
    """View ``arr`` as (channels, time) with time along ``axis``."""
    n_channels = int(np.prod(arr.shape[:axis] + arr.shape[axis + 1:], dtype=int))
    return np.ascontiguousarray(np.moveaxis(arr, axis, -1)).reshape(n_channels, arr.shape[axis])


def _unrows(rows: np.ndarray, shape: tuple[int, ...], axis: int) -> np.ndarray:
    moved = shape[:axis] + shape[axis + 1:] + (shape[axis],)
    return np.moveaxis(rows.reshape(moved), -1, axis)


def _run(rows, theta, reset, leak, u0, engine):
    """Encode (channels, time) rows; returns ``(spikes, final membranes)``."""
    code = _kernels.RESET_CODES[reset]
    leak_rows = None if leak is None else np.broadcast_to(leak, rows.shape)
    out = np.empty_like(rows)
    kernel = _kernels.encode_rows_numba if engine == "numba" else _kernels.encode_rows
    if engine == "numba" and leak_rows is not None:
        leak_rows = np.asarray(leak_rows, dtype=np.float64)
    u_end = kernel(rows, theta, code, leak_rows, u0, out)
    return out, u_end


def _prepare(x, theta, leak, axis, engine, name="x", threshold_name="theta"):
    engine = check_engine(engine)
    arr, exact = as_samples(x, name, exact=True if engine == "exact" else None)
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension; got a scalar")
    if exact and engine in ("numba", "python"):
        raise ValueError(
            f"engine={engine!r} computes in floats but {name} holds exact values; "
            "use engine='exact' or 'auto', or pass floats")
    if exact:
        engine = "exact"
    elif engine in ("auto", "exact"):
        engine = "numba"
    axis = check_axis(axis, arr.ndim)
    theta = check_threshold(theta, threshold_name, exact=exact)
    leak = check_leak(leak, arr.shape[axis], exact=exact)
    return arr, exact, theta, leak, axis, engine


def _zeros(n: int, exact: bool) -> np.ndarray:
    if exact:
        from fractions import Fraction

        out = np.empty(n, dtype=object)
        out[:] = [Fraction(0)] * n
        return out
    return np.zeros(n)


@labelled("same")
def if_encode(x: ArrayLike, theta: Scalar, *, reset: Reset = "mod", leak: Leak = 1.0,
              axis: int = -1, engine: Engine = "auto") -> np.ndarray:
    r"""Integrate-and-Fire encoding of a sampled signal (MATH.md D4).

    With membrane :math:`u_0 = 0` and, for each sample, :math:`v_n = \lambda_n u_{n-1} + x_n`:

    - ``"mod"`` (reset-to-mod): :math:`s_n = \theta\,\mathrm{trunc}(v_n/\theta)`,
      :math:`u_n = v_n - s_n`; several spikes may fire at once and :math:`|u_n| < \theta`.
    - ``"subtract"``: :math:`s_n = \pm\theta` when :math:`|v_n| \ge \theta`,
      :math:`u_n = v_n - s_n`.
    - ``"zero"``: as ``"subtract"``, but :math:`u_n = 0` after a spike.

    Parameters
    ----------
    x : array_like
        Samples (``x_n`` = integral of the signal over sample ``n``), time along ``axis``.
        Sequences of ``Fraction`` or SymPy ``Rational`` are encoded exactly.
    theta : float or Fraction
        Threshold, > 0.
    reset : {"mod", "subtract", "zero"}
        Reset rule.
    leak : float or array_like
        Leak factor :math:`\lambda` in (0, 1] per step (1 gives IF), or one factor per time step
        (irregular sampling: :math:`e^{-\alpha\,\Delta t_n}`), shared by all channels.
    axis : int
        Time axis; other axes are independent channels.
    engine : {"auto", "numba", "python", "exact"}
        ``"numba"`` compiled loop; ``"python"`` the same loop uninterpreted (ground truth);
        ``"exact"`` rational arithmetic with ``Fraction`` (floats are converted exactly).
        ``"auto"`` picks ``"exact"`` for exact input, else ``"numba"``.

    Returns
    -------
    numpy.ndarray
        Spike weights in :math:`\theta\mathbb{Z}`, same shape as ``x``: ``float64``, or an object
        array of ``Fraction`` in exact mode.

    Examples
    --------
    >>> from fractions import Fraction
    >>> if_encode([0.5, 0.75, 2.5, -0.5], 1.0)
    array([0., 1., 2., 0.])
    >>> if_encode([0.5, 0.75, 2.5, -0.5], 1.0, reset="subtract")
    array([0., 1., 1., 1.])
    >>> if_encode([Fraction(3, 10)], Fraction(1, 10)).tolist()
    [Fraction(3, 10)]
    """
    arr, exact, theta, leak, axis, engine = _prepare(x, theta, leak, axis, engine, "x")
    reset = check_reset(reset)
    rows = _rows(arr, axis)
    spikes, _ = _run(rows, theta, reset, leak, _zeros(rows.shape[0], exact), engine)
    return _unrows(spikes, arr.shape, axis)


@labelled("same")
def sod_encode(y: ArrayLike, delta: Scalar, *, axis: int = -1,
               engine: Engine = "auto") -> np.ndarray:
    r"""Send-on-Delta encoding (MATH.md D5), computed as IF of the first differences (T4).

    The sender holds a level :math:`L` (initially :math:`y_0`) and emits
    :math:`e_n = \Delta\,\mathrm{trunc}((y_n - L_{n-1})/\Delta)`, :math:`L_n = L_{n-1} + e_n`.
    By T4 this equals ``if_encode(np.diff(y, prepend=y[0]), delta, reset="mod")`` exactly, which
    is how it is computed; the zero-order hold :math:`y_0 + \sum_{k\le n} e_k` stays within
    :math:`\Delta` of :math:`y_n`.

    Parameters
    ----------
    y : array_like
        Signal values, time along ``axis`` (exact for ``Fraction``/``Rational`` input).
    delta : float or Fraction
        Step, > 0.
    axis : int
        Time axis.
    engine : {"auto", "numba", "python", "exact"}
        As in :func:`if_encode`.

    Returns
    -------
    numpy.ndarray
        Event weights in :math:`\Delta\mathbb{Z}`, same shape as ``y`` (the first is 0).

    Examples
    --------
    >>> sod_encode([1.0, 1.4, 2.6, 0.9], 0.5)
    array([ 0. ,  0. ,  1.5, -1.5])
    """
    arr, exact, delta, _, axis, engine = _prepare(y, delta, 1, axis, engine, "y", "delta")
    first = np.take(arr, [0], axis=axis) if arr.shape[axis] else arr
    rows = _rows(np.diff(arr, axis=axis, prepend=first), axis)
    events, _ = _run(rows, delta, "mod", None, _zeros(rows.shape[0], exact), engine)
    return _unrows(events, arr.shape, axis)


class IFEncoder:
    r"""Streaming Integrate-and-Fire encoder that carries the membrane between chunks.

    Feeding a recording chunk by chunk gives exactly the spikes of one :func:`if_encode` call on
    the whole array, whatever the chunk sizes (empty chunks included).

    Parameters
    ----------
    theta : float or Fraction
        Threshold, > 0.
    reset : {"mod", "subtract", "zero"}
        Reset rule (D4).
    leak : float
        Leak factor in (0, 1] per step; per-step factors go to :meth:`process`.
    axis : int
        Time axis of the chunks.
    engine : {"auto", "numba", "python", "exact"}
        As in :func:`if_encode`.

    Attributes
    ----------
    membrane : numpy.ndarray or None
        Membrane potential per channel after the last chunk (``None`` before the first
        non-empty chunk).

    Examples
    --------
    >>> enc = IFEncoder(1.0)
    >>> enc.process([0.5, 0.75])
    array([0., 1.])
    >>> enc.membrane
    array(0.25)
    >>> enc.process([2.0])
    array([2.])
    """

    def __init__(self, theta: Scalar, reset: Reset = "mod", leak: Scalar = 1.0, *,
                 axis: int = -1, engine: Engine = "auto") -> None:
        check_threshold(theta)
        self.theta = theta
        self.reset = check_reset(reset)
        if np.ndim(leak) != 0:
            raise ValueError("leak must be a scalar here; pass per-step factors to process()")
        check_leak(leak, 0, exact=False)
        self.leak = leak
        self.axis = axis
        self.engine = check_engine(engine)
        self.reset_state()

    @property
    def membrane(self) -> np.ndarray | None:
        """Membrane potential per channel (shape of a chunk without its time axis)."""
        if self._u is None:
            return None
        return self._u.reshape(self._channel_shape)

    def reset_state(self) -> None:
        """Forget the membrane and channel shape, as before the first chunk."""
        self._u: np.ndarray | None = None
        self._exact: bool | None = None
        self._channel_shape: tuple[int, ...] | None = None

    def process(self, chunk: ArrayLike, leak: Leak | None = None) -> np.ndarray:
        """Encode the next chunk and keep the membrane.

        Parameters
        ----------
        chunk : array_like
            Next samples; every chunk must have the same channel shape.
        leak : float or array_like, optional
            Per-step leak factors for this chunk (default: the encoder's ``leak``).

        Returns
        -------
        numpy.ndarray
            Spikes, same shape as ``chunk``.
        """
        arr, exact, theta, step_leak, axis, engine = _prepare(
            chunk, self.theta, self.leak if leak is None else leak, self.axis, self.engine)
        channel_shape = arr.shape[:axis] + arr.shape[axis + 1:]
        if self._channel_shape is None:
            self._channel_shape = channel_shape
        elif channel_shape != self._channel_shape:
            raise ValueError(
                f"chunk must have channel shape {self._channel_shape}; got {channel_shape}")
        if arr.shape[axis] == 0:
            return np.zeros(arr.shape, dtype=arr.dtype)
        if self._u is None:
            # The arithmetic of the stream is fixed by its first non-empty chunk.
            self._exact = exact
            self._u = _zeros(int(np.prod(channel_shape, dtype=int)), exact)
        elif exact != self._exact:
            raise TypeError("chunk must stay exact (Fraction) or float throughout a stream")
        rows = _rows(arr, axis)
        spikes, self._u = _run(rows, theta, self.reset, step_leak, self._u, engine)
        return _unrows(spikes, arr.shape, axis)

"""Discrete Integrate-and-Fire and Send-on-Delta encoders (D4, D5)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _channels, _integer, _kernels
from ._threads import over_blocks
from ._typing import ENGINES, RESETS, ArrayLike, Engine, Leak, Reset, Scalar
from ._validate import as_samples, check_engine, check_leak, check_reset, check_threshold
from .interop.labelled import labelled

__all__ = ["ENGINES", "RESETS", "IFEncoder", "if_encode", "sod_encode"]

_FLOAT64 = np.dtype(np.float64)


def leak_factors(leak: Any, exact: bool) -> np.ndarray | None:
    """A checked leak as the kernels take it: None, or 1-D factors (length 1 for a scalar).

    Parameters
    ----------
    leak : None, number or numpy.ndarray
        A leak checked by ``check_leak`` (None for plain IF).
    exact : bool
        Keep ``Fraction`` factors (an object array) rather than float64.

    Returns
    -------
    numpy.ndarray or None
        The factors.

    Examples
    --------
    >>> leak_factors(0.5, False)
    array([0.5])
    """
    if leak is None:
        return None
    if np.ndim(leak) == 0:
        return np.array([leak], dtype=object if exact else np.float64)
    return leak if exact else np.asarray(leak, dtype=np.float64)


def encode_rows(rows: np.ndarray, theta: Scalar, reset: str, leak: np.ndarray | None,
                u0: np.ndarray, engine: str,
                workers: int | None = None) -> tuple[np.ndarray, np.ndarray, bool]:
    """Run IF (D4) over (channels, time) rows from membranes ``u0``.

    Every loop computes the values of the one-channel reference loop; many channels go in
    blocks of channels to ``workers`` threads, one of which first faults in the output pages.

    Parameters
    ----------
    rows : numpy.ndarray
        C-contiguous (channels, time) samples: floats, integers (int64 arithmetic) or
        ``Fraction`` values (``engine`` is then ``"exact"``).
    theta : float, int or Fraction
        Threshold, of the arithmetic of ``rows``.
    reset : str
        Reset rule (:data:`RESETS`).
    leak : numpy.ndarray or None
        Leak factors from :func:`leak_factors`.
    u0 : numpy.ndarray
        Initial membrane per channel.
    engine : str
        ``"numba"`` for the compiled loops; anything else runs the interpreted loop.
    workers : int, optional
        Threads for many channels (default: numba's setting).

    Returns
    -------
    tuple
        ``(spikes, final membranes, wrapped)``; ``wrapped`` tells whether a membrane left the
        range of its number type (see :func:`refuse_unrepresentable`).

    Examples
    --------
    >>> spikes, u, wrapped = encode_rows(np.array([[0.5, 0.75]]), 1.0, "mod", None,
    ...                                  np.zeros(1), "numba")
    >>> spikes, u, wrapped
    (array([[0., 1.]]), array([0.25]), False)
    """
    code = _kernels.RESET_CODES[reset]
    integer = rows.dtype.kind in "iu"
    out = np.empty(rows.shape, dtype=np.int64 if integer else rows.dtype)
    if engine != "numba":
        with np.errstate(over="ignore"):  # int64 wraps as compiled code does; it is detected
            u_end, wrapped = _kernels.encode_rows(rows, theta, code, leak, u0, out)
        return out, u_end, bool(wrapped)
    if rows.shape[0] == 1:
        u_end, wrapped = _kernels.encode_rows_numba(rows, theta, code, leak, u0, out)
        return out, u_end, wrapped
    u_end = np.empty_like(u0)

    def encode_some(first: int, stop: int) -> bool:
        u_end[first:stop], bad = _kernels.encode_blocks_numba(
            rows[first:stop], theta, code, leak, u0[first:stop], out[first:stop])
        return bool(bad)

    def touch(first: int, stop: int) -> None:
        _kernels.touch_pages_numba(out[first:stop])

    return out, u_end, over_blocks(encode_some, rows.shape[0], workers, touch)


def refuse_unrepresentable(rows: np.ndarray, u_end: np.ndarray, bad: bool, name: str,
                           shape: tuple[int, ...], axis: int) -> None:
    """Raise ``ValueError`` naming ``name`` when a kernel reported ``bad``.

    A float membrane turns into NaN on non-finite input or when the running membrane leaves
    float64 (the kernels test it once per row, not every sample); an int64 one when it wraps.

    Parameters
    ----------
    rows : numpy.ndarray
        The (channels, time) samples the kernel encoded.
    u_end : numpy.ndarray
        Final membranes the kernel returned.
    bad : bool
        The kernel's report.
    name : str
        The user's name of the input.
    shape : tuple of int
        Shape of the input, and ``axis`` its time axis, to name the channel.
    axis : int
        Time axis of the input.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        When ``bad``: non-finite input, or a membrane beyond its number type.

    Examples
    --------
    >>> refuse_unrepresentable(np.zeros((1, 2)), np.zeros(1), False, "x", (2,), 0)
    >>> refuse_unrepresentable(np.array([[np.nan]]), np.array([np.nan]), True, "x", (1,), 0)
    Traceback (most recent call last):
    ...
    ValueError: x must be finite; it holds NaN or inf
    """
    if not bad:
        return
    if u_end.dtype.kind in "iu":
        raise ValueError(
            f"{name}: the running membrane leaves the int64 range; pass Python ints or "
            "Fraction values to encode exactly")
    row = int(np.flatnonzero(~np.isfinite(u_end))[0])
    if not np.all(np.isfinite(rows[row])):
        raise ValueError(f"{name} must be finite; it holds NaN or inf")
    where = _channels.channel_index(row, shape, axis)
    channel = f" of channel {where}" if where else ""
    raise ValueError(
        f"{name}: the running membrane{channel} leaves the float64 range; scale {name} down "
        "or pass Fraction values to encode exactly")


def _zeros(n: int, kind: str) -> np.ndarray:
    """Initial membranes: ``kind`` is ``"float"``, ``"int"`` or ``"exact"``."""
    if kind == "exact":
        from fractions import Fraction

        out = np.empty(n, dtype=object)
        out[:] = [Fraction(0)] * n
        return out
    return np.zeros(n, dtype=np.int64 if kind == "int" else np.float64)


def _prepare(x, theta, leak, axis, engine, name, threshold_name):
    """Validate; return ``(arr, kind, theta, leak, axis, engine)`` for the encoders.

    ``kind`` is ``"float"``, ``"int"`` (integer data and threshold: int64 arithmetic) or
    ``"exact"``.  Float64 arrays skip the finiteness scan: the kernels detect non-finite
    values on their way (:func:`refuse_unrepresentable`).
    """
    engine = check_engine(engine)
    ints, fits = (None, False) if engine == "exact" else _integer.integer_samples(x)
    if ints is not None:
        arr, kind = ints, _integer_kind(ints, fits, theta, leak, engine, name)
        if kind == "exact":
            arr = _integer.as_fractions(ints)
    elif (engine != "exact" and isinstance(x, np.ndarray) and x.dtype == np.float64):
        arr, kind = x, "float"
    else:
        with np.errstate(over="ignore"):  # the finiteness scan sums; overflow there is fine
            arr, exact = as_samples(x, name, exact=True if engine == "exact" else None)
        kind = "exact" if exact else "float"
    if kind == "exact" and engine in ("numba", "python"):
        raise ValueError(
            f"engine={engine!r} computes in floats but {name} holds exact values; "
            "use engine='exact' or 'auto', or pass floats")
    axis = _channels.time_axis(arr, axis, name)
    exact = kind == "exact"
    checked = check_threshold(theta, threshold_name, exact=exact)
    if kind == "int":
        checked = _integer.integer_threshold(theta)
    elif kind == "float" and arr.dtype != np.float64:
        arr = arr.astype(np.float64)
    leak = check_leak(leak, arr.shape[axis], exact=exact)
    if engine in ("auto", "exact"):
        engine = "exact" if exact else "numba"
    return arr, kind, checked, leak_factors(leak, exact), axis, engine


def _integer_kind(ints: np.ndarray, fits: bool, theta: Any, leak: Any, engine: str,
                  name: str) -> str:
    """How to encode integer data: ``"int"``, ``"float"`` (exactly convertible) or ``"exact"``."""
    plain = np.ndim(leak) == 0 and not isinstance(leak, list | tuple) and leak == 1
    if fits and plain and _integer.integer_threshold(theta) is not None:
        return "int"
    if fits and _integer.magnitude(ints) <= _integer.FLOAT_EXACT:
        return "float"
    if engine == "auto":
        return "exact"
    raise ValueError(
        f"{name} holds integers beyond 2**53, which float64 would round; with engine "
        f"{engine!r} pass an integer threshold and no leak, or use engine='auto' or 'exact'")


def _is_dask(x: object) -> bool:
    return type(x).__module__.split(".")[0] == "dask"


@labelled("same")
def if_encode(x: ArrayLike, theta: Scalar, *, reset: Reset = "mod", leak: Leak = 1.0,
              axis: int = -1, engine: Engine = "auto", workers: int | None = None) -> np.ndarray:
    r"""Integrate-and-Fire encoding of a sampled signal (D4).

    With membrane :math:`u_0 = 0` and, for each sample, :math:`v_n = \lambda_n u_{n-1} + x_n`:

    - ``"mod"`` (reset-to-mod): :math:`s_n = \theta\,\mathrm{trunc}(v_n/\theta)`,
      :math:`u_n = v_n - s_n`; several spikes may fire at once and :math:`|u_n| < \theta`.
    - ``"subtract"``: :math:`s_n = \pm\theta` when :math:`|v_n| \ge \theta`,
      :math:`u_n = v_n - s_n`.
    - ``"zero"``: as ``"subtract"``, but :math:`u_n = 0` after a spike.

    In floats the remainder :math:`u_n` is exact (IEEE ``fmod``) and the spike is the float
    :math:`v_n - u_n`, finite for finite input; a running membrane beyond the float64 range
    is refused.  Integer data with an integer threshold and no leak is encoded in int64
    arithmetic, exactly, and gives integer spikes.

    Parameters
    ----------
    x : array_like or dask.array.Array
        Samples (``x_n`` = integral of the signal over sample ``n``), time along ``axis``.
        Sequences of ``Fraction`` or SymPy ``Rational`` are encoded exactly; a Dask array gives
        a lazy Dask array with the same chunks.
    theta : float or Fraction
        Threshold, > 0.
    reset : {"mod", "subtract", "zero"}
        Reset rule (:data:`RESETS`).
    leak : float or array_like
        Leak factor :math:`\lambda` in (0, 1] per step (1 gives IF), or one factor per time step
        (irregular sampling: :math:`e^{-\alpha\,\Delta t_n}`), shared by all channels.
    axis : int
        Time axis; other axes are independent channels.
    engine : {"auto", "numba", "python", "exact"}
        ``"numba"`` compiled loop; ``"python"`` the same loop uninterpreted (ground truth);
        ``"exact"`` rational arithmetic with ``Fraction`` (floats are converted exactly).
        ``"auto"`` picks ``"exact"`` for exact input (and for integers no int64 or float64
        path can hold), else ``"numba"``.
    workers : int, optional
        Threads for many channels (default: numba's ``NUMBA_NUM_THREADS`` setting).  Every
        thread count gives the same spikes.

    Returns
    -------
    numpy.ndarray
        Spike weights in :math:`\theta\mathbb{Z}`, same shape as ``x``: ``float64``, ``int64``
        for integer data and threshold, or an object array of ``Fraction`` in exact mode.

    Raises
    ------
    ValueError
        If ``x`` is not finite, or the running membrane leaves the range of its number type.

    Examples
    --------
    >>> from fractions import Fraction
    >>> if_encode([0.5, 0.75, 2.5, -0.5], 1.0)
    array([0., 1., 2., 0.])
    >>> if_encode([0.5, 0.75, 2.5, -0.5], 1.0, reset="subtract")
    array([0., 1., 1., 1.])
    >>> if_encode([Fraction(3, 10)], Fraction(1, 10)).tolist()
    [Fraction(3, 10)]
    >>> if_encode(np.array([3, -5, 7], dtype=np.int16), 2)
    array([ 2, -4,  6])
    """
    rule = check_reset(reset)
    if _is_dask(x):
        from . import _dask

        return _dask.if_encode(x, theta, reset=rule, leak=leak, axis=axis, engine=engine)
    arr, kind, theta, factors, axis, engine = _prepare(x, theta, leak, axis, engine, "x",
                                                       "theta")
    rows = _channels.rows(arr, axis)
    spikes, u_end, wrapped = encode_rows(rows, theta, rule, factors,
                                         _zeros(rows.shape[0], kind), engine, workers)
    refuse_unrepresentable(rows, u_end, wrapped, "x", arr.shape, axis)
    return _channels.unrows(spikes, arr.shape, axis)


@labelled("same")
def sod_encode(y: ArrayLike, delta: Scalar, *, axis: int = -1, engine: Engine = "auto",
               workers: int | None = None) -> np.ndarray:
    r"""Send-on-Delta encoding (D5), computed as IF of the first differences (T4).

    The sender holds a level :math:`L` (initially :math:`y_0`) and emits
    :math:`e_n = \Delta\,\mathrm{trunc}((y_n - L_{n-1})/\Delta)`, :math:`L_n = L_{n-1} + e_n`.
    By T4 this equals ``if_encode(np.diff(y, prepend=y[0]), delta, reset="mod")`` exactly, which
    is how it is computed; the zero-order hold :math:`y_0 + \sum_{k\le n} e_k` stays within
    :math:`\Delta` of :math:`y_n`.

    Parameters
    ----------
    y : array_like or dask.array.Array
        Signal values, time along ``axis`` (exact for ``Fraction``/``Rational`` input, int64
        arithmetic for integer data and an integer ``delta``).
    delta : float or Fraction
        Step, > 0.
    axis : int
        Time axis.
    engine : {"auto", "numba", "python", "exact"}
        As in :func:`if_encode`.
    workers : int, optional
        As in :func:`if_encode`.

    Returns
    -------
    numpy.ndarray
        Event weights in :math:`\Delta\mathbb{Z}`, same shape as ``y`` (the first is 0).

    Raises
    ------
    ValueError
        If ``y`` is not finite, or two consecutive values differ by more than its number type
        holds.

    Examples
    --------
    >>> sod_encode([1.0, 1.4, 2.6, 0.9], 0.5)
    array([ 0. ,  0. ,  1.5, -1.5])
    """
    if _is_dask(y):
        from . import _dask

        return _dask.sod_encode(y, delta, axis=axis, engine=engine)
    ints, fits = _integer.integer_samples(y)
    if ints is not None and fits and not _integer.differences_fit(ints):
        if check_engine(engine) != "auto":
            raise ValueError(f"y: consecutive values differ by more than int64 holds; with "
                             f"engine {engine!r} they cannot be encoded exactly")
        engine = "exact"
    arr, kind, delta, _, axis, engine = _prepare(y, delta, 1, axis, engine, "y", "delta")
    diffs = differences(arr, axis)
    rows = _channels.rows(diffs, axis)
    events, u_end, wrapped = encode_rows(rows, delta, "mod", None, _zeros(rows.shape[0], kind),
                                         engine, workers)
    if wrapped and kind == "float" and np.all(np.isfinite(arr)):
        raise ValueError("y: two consecutive values differ by more than float64 holds; "
                         "scale y down or pass Fraction values")
    refuse_unrepresentable(rows, u_end, wrapped, "y", arr.shape, axis)
    return _channels.unrows(events, arr.shape, axis)


def differences(arr: np.ndarray, axis: int) -> np.ndarray:
    """First differences along ``axis`` with the first sample's difference 0 (T4).

    Float overflow gives inf, which the encoder refuses by name.

    Parameters
    ----------
    arr : numpy.ndarray
        Signal values.
    axis : int
        Time axis.

    Returns
    -------
    numpy.ndarray
        The differences, shaped as ``arr``.

    Examples
    --------
    >>> differences(np.array([1.0, 1.5, 0.5]), 0)
    array([ 0. ,  0.5, -1. ])
    """
    first = np.take(arr, [0], axis=axis) if arr.shape[axis] else arr
    with np.errstate(over="ignore", invalid="ignore"):
        return np.diff(arr, axis=axis, prepend=first)


class IFEncoder:
    r"""Streaming Integrate-and-Fire encoder that carries the membrane between chunks.

    Feeding a recording chunk by chunk gives exactly the spikes of one :func:`if_encode` call on
    the whole array, whatever the chunk sizes (empty chunks included).  Parameters are checked
    once, here; C-contiguous float64 chunks with time on the last axis take a fast path.

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
        self._theta_float = check_threshold(theta)
        self.theta = theta
        self.reset = check_reset(reset)
        # Per-step leaks arrive here from callers that ignore the annotation: refused by name.
        if np.ndim(leak) != 0 or isinstance(leak, list | tuple):  # type: ignore[arg-type]
            raise ValueError("leak must be a scalar here; pass per-step factors to process()")
        self._leak_float = leak_factors(check_leak(leak, 0, exact=False), False)
        self.leak = leak
        if isinstance(axis, bool | np.bool_) or not isinstance(axis, int | np.integer):
            raise TypeError(f"axis must be an integer; got {type(axis).__name__}")
        self.axis = int(axis)
        self.engine = check_engine(engine)
        self._code = _kernels.RESET_CODES[self.reset]
        self.reset_state()

    @property
    def membrane(self) -> np.ndarray | None:
        """Membrane potential per channel (shape of a chunk without its time axis).

        Returns
        -------
        numpy.ndarray or None
            A copy, which later chunks leave as it is; ``None`` before the first non-empty
            chunk.

        Examples
        --------
        >>> enc = IFEncoder(1.0)
        >>> enc.membrane is None, enc.process(np.array([[0.5], [1.25]])).tolist(), enc.membrane
        (True, [[0.0], [1.0]], array([0.5 , 0.25]))
        """
        if self._u is None:
            return None
        # The fast path of process() updates the stream's own array in place.
        return self._u.reshape(self._channel_shape).copy()

    def reset_state(self) -> None:
        """Forget the membrane and channel shape, as before the first chunk.

        Returns
        -------
        None

        Examples
        --------
        >>> enc = IFEncoder(1.0)
        >>> _ = enc.process([0.5])
        >>> enc.reset_state()
        >>> enc.membrane is None
        True
        """
        self._u: np.ndarray | None = None
        self._exact: bool | None = None
        self._channel_shape: tuple[int, ...] | None = None
        # The channel shape of chunks that take the fast path of process(), once it applies.
        self._fast_shape: tuple[int, ...] | None = None

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

        Raises
        ------
        ValueError
            If ``chunk`` is not finite, changes the channel shape, or drives the membrane
            beyond the float64 range.

        Examples
        --------
        >>> enc = IFEncoder(1.0)
        >>> chunk = np.array([0.5, 0.75, 0.5])
        >>> enc.process(chunk), enc.process(chunk)
        (array([0., 1., 0.]), array([1., 1., 0.]))
        """
        if (leak is None and type(chunk) is np.ndarray and chunk.dtype is _FLOAT64
                and chunk.shape[:-1] == self._fast_shape and chunk.flags.c_contiguous):
            # Streams of small float64 chunks: one compiled call that boxes no array.  A bad
            # report leaves the membrane as it was, and the checked path refuses by name.
            out = np.empty_like(chunk)
            if not _kernels.stream_into_numba(chunk, self._theta_float, self._code,
                                              self._leak_float, self._u, out):
                return out
        return self._process(chunk, leak)

    def _process(self, chunk: ArrayLike, leak: Leak | None) -> np.ndarray:
        arr, kind, theta, step_leak, axis, engine = _prepare(
            chunk, self.theta, self.leak if leak is None else leak, self.axis, self.engine,
            "chunk", "theta")
        if kind == "int":  # a stream keeps one arithmetic: integers join the float stream
            if _integer.magnitude(arr) > _integer.FLOAT_EXACT:
                raise ValueError("chunk holds integers beyond 2**53, which float64 would "
                                 "round; pass Fraction values for an exact stream")
            arr, kind, theta = arr.astype(np.float64), "float", self._theta_float
        exact = kind == "exact"
        channel_shape = _channels.channel_shape(arr.shape, axis)
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
            self._u = _zeros(int(np.prod(channel_shape, dtype=int)), kind)
        elif exact != self._exact:
            raise TypeError("chunk must stay exact (Fraction) or float throughout a stream")
        rows = _channels.rows(arr, axis)
        spikes, u_end, bad = encode_rows(rows, theta, self.reset, step_leak, self._u, engine, 1)
        refuse_unrepresentable(rows, u_end, bad, "chunk", arr.shape, axis)
        self._u = u_end
        if not exact and engine == "numba" and axis == arr.ndim - 1 and u_end.shape[0]:
            self._fast_shape = channel_shape
        return _channels.unrows(spikes, arr.shape, axis)

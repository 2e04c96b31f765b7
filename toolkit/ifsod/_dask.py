"""Encoders and norms on Dask arrays: lazy, chunk by chunk, the in-memory kernels per chunk.

Channels are independent, so every chunk of channels is its own chain of tasks.  Along time
the membrane is carried from chunk to chunk.  For reset-to-mod without leak (D4) the time chunks
are independent after two cheap passes: a chunk's effect on the running spike count
:math:`K` (spikes :math:`\\theta K`) is the clamp :math:`K \\mapsto \\mathrm{clip}(K,
\\lfloor F_n/\\theta\\rfloor, \\lceil F_n/\\theta\\rceil)` per sample (the lazy path, T6),
clamps compose into a clamp, and a scan over the chunks' clamps gives every chunk its start.
Dask is imported here only, never by ``import ifsod``.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from . import _channels, _integer, _kernels
from ._validate import check_leak, check_threshold
from .encode import (
    check_engine,
    encode_rows,
    leak_factors,
    refuse_unrepresentable,
)


def _moved(x: Any, axis: int, name: str) -> tuple[Any, int]:
    """``x`` with time on the last axis, and the normalised axis."""
    import dask.array as da

    if x.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension; got a scalar")
    axis = _channels.time_axis(np.empty((1,) * x.ndim), axis, name)
    if x.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers; got dtype {x.dtype}")
    return da.moveaxis(x, axis, -1), axis


def _kind(x: Any, theta: Any, leak: Any, name: str, threshold_name: str) -> tuple[str, Any]:
    """``("int", int theta)`` for integer data and threshold without leak, else float."""
    if x.dtype.kind in "iu" and leak is None and _integer.integer_threshold(theta) is not None:
        return "int", _integer.integer_threshold(theta)
    return "float", check_threshold(theta, threshold_name)


def _rows_of(block: np.ndarray, kind: str, name: str) -> np.ndarray:
    """One chunk as (channels, time) rows in the arithmetic of the encoding."""
    rows = block.reshape(-1, block.shape[-1])
    if kind == "int":
        if rows.dtype == np.uint64:
            if rows.size and int(rows.max()) > _integer.INT64_MAX:
                raise ValueError(f"{name} holds integers beyond int64; compute it into memory "
                                 "and encode it exactly")
            rows = rows.view(np.int64)
        return rows
    if rows.dtype.kind in "iu" and _integer.magnitude(rows) > _integer.FLOAT_EXACT:
        raise ValueError(f"{name} holds integers beyond 2**53, which float64 would round; "
                         "pass an integer threshold and no leak")
    return rows.astype(np.float64, copy=False)


def _encode_chunk(block, u0, theta, reset, leak, kind, name):
    """Encode one chunk from membranes ``u0`` (None: zeros); returns ``(spikes, membranes)``."""
    rows = _rows_of(block, kind, name)
    if u0 is None:
        u0 = np.zeros(rows.shape[0], dtype=np.int64 if kind == "int" else np.float64)
    spikes, u_end, bad = encode_rows(rows, theta, reset, leak, u0, "numba", 1)
    refuse_unrepresentable(rows, u_end, bad, name, block.shape, block.ndim - 1)
    return spikes.reshape(block.shape), u_end


def _chunk_sums(block, name):
    rows = _rows_of(block, "float", name)
    if not np.all(np.isfinite(rows)):
        raise ValueError(f"{name} must be finite; it holds NaN or inf")
    return rows.sum(axis=-1)


def _starts(sums):
    """Running sum before each chunk, from the chunks' sums (the first starts at 0)."""
    return list(itertools.accumulate(sums[:-1], initial=np.zeros_like(sums[0])))


def _chunk_clamp(block, start, theta, name):
    rows = _rows_of(block, "float", name)
    low = np.empty(rows.shape[0])
    high = np.empty(rows.shape[0])
    _kernels.clamp_rows_numba(rows, start, theta, low, high)
    return low, high


def _spike_counts(clamps):
    """Spike count :math:`K` before each chunk: the clamps applied in turn from 0."""
    count = np.zeros_like(clamps[0][0])
    counts = []
    for low, high in clamps:
        counts.append(count)
        count = np.clip(count, low, high)
    return counts


def _encode_from(block, start, count, theta, name):
    """Encode one chunk from the running sum ``start`` and spike count ``count`` before it."""
    with np.errstate(over="ignore", invalid="ignore"):
        u0 = start - theta * count
    if not np.all(np.isfinite(u0)):
        raise ValueError(f"{name}: its running sum leaves the float64 range, which the parallel "
                         "chunks of reset-to-mod need; encode it in memory or chunk time once")
    return _encode_chunk(block, u0, theta, "mod", None, "float", name)[0]


def _assemble(moved, build, dtype, passes=1):
    """A Dask array with ``moved``'s chunks from ``build(row of delayed blocks per pass)``.

    With several passes over the data each pass reads its own clone of ``moved``, so a chunk
    is recomputed (or read again) rather than held in memory from one pass to the next.
    """
    import dask.array as da
    from dask.graph_manipulation import clone

    copies = [moved] + [clone(moved) for _ in range(passes - 1)]
    blocks = [copy.to_delayed() for copy in copies]
    grid = np.empty(moved.numblocks, dtype=object)
    for index in np.ndindex(*moved.numblocks[:-1]):
        rows = [list(b[index]) for b in blocks]
        for j, spikes in enumerate(build(*rows)):
            shape = tuple(c[i] for c, i in zip(moved.chunks, (*index, j)))
            grid[(*index, j)] = da.from_delayed(spikes, shape=shape, dtype=dtype)
    return da.block(grid.tolist())


def _encode(moved, theta, reset, leak, kind, name):
    """Lazy IF of ``moved`` (time last), chunks carried or scanned; same chunks."""
    from dask import delayed

    dtype = np.int64 if kind == "int" else np.float64
    edges = np.cumsum((0, *moved.chunks[-1]))
    per_step = leak is not None and np.ndim(leak) == 1

    def carried(row):
        u = None
        for j, block in enumerate(row):
            step = leak[edges[j]:edges[j + 1]] if per_step else leak
            result = delayed(_encode_chunk, nout=2, pure=True)(
                block, u, theta, reset, leak_factors(step, False), kind, name)
            u = result[1]
            yield result[0]

    def scanned(first, second, third):
        sums = [delayed(_chunk_sums, pure=True)(block, name) for block in first]
        starts = delayed(_starts, nout=len(first), pure=True)(sums)
        clamps = [delayed(_chunk_clamp, pure=True)(block, starts[j], theta, name)
                  for j, block in enumerate(second)]
        counts = delayed(_spike_counts, nout=len(first), pure=True)(clamps)
        for j, block in enumerate(third):
            yield delayed(_encode_from, pure=True)(block, starts[j], counts[j], theta, name)

    if reset == "mod" and leak is None and kind == "float" and moved.numblocks[-1] > 1:
        return _assemble(moved, scanned, dtype, passes=3)
    return _assemble(moved, carried, dtype)


def if_encode(x, theta, *, reset, leak, axis, engine):
    """:func:`ifsod.if_encode` of a Dask array: a lazy Dask array with the same chunks.

    Parameters
    ----------
    x : dask.array.Array
        Samples, time along ``axis``, of an integer or float dtype.
    theta, reset, leak, axis, engine
        As for :func:`ifsod.if_encode` (``engine`` ``"auto"`` or ``"numba"``).

    Returns
    -------
    dask.array.Array
        The spikes, lazily, chunked as ``x``.

    Examples
    --------
    >>> import dask.array as da
    >>> x = da.from_array(np.array([0.5, 0.75, 2.5, -0.5]), chunks=2)
    >>> if_encode(x, 1.0, reset="mod", leak=1.0, axis=-1, engine="auto").compute()
    array([0., 1., 2., 0.])
    """
    import dask.array as da

    if check_engine(engine) in ("python", "exact"):
        raise ValueError(f"engine={engine!r} computes in memory; Dask arrays take 'auto' or "
                         "'numba' (compute x first for the others)")
    moved, axis = _moved(x, axis, "x")
    factors = check_leak(leak, moved.shape[-1], exact=False)
    kind, theta = _kind(moved, theta, factors, "x", "theta")
    return da.moveaxis(_encode(moved, theta, reset, factors, kind, "x"), -1, axis)


def sod_encode(y, delta, *, axis, engine):
    """:func:`ifsod.sod_encode` of a Dask array (IF of the differences, T4), lazily.

    Parameters
    ----------
    y : dask.array.Array
        Samples, time along ``axis``.
    delta, axis, engine
        As for :func:`ifsod.sod_encode`.

    Returns
    -------
    dask.array.Array
        The SOD events, lazily, chunked as ``y``.

    Examples
    --------
    >>> import dask.array as da
    >>> y = da.from_array(np.array([1.0, 1.4, 2.6, 0.9]), chunks=2)
    >>> sod_encode(y, 0.5, axis=-1, engine="auto").compute()
    array([ 0. ,  0. ,  1.5, -1.5])
    """
    import dask.array as da

    if check_engine(engine) in ("python", "exact"):
        raise ValueError(f"engine={engine!r} computes in memory; Dask arrays take 'auto' or "
                         "'numba' (compute y first for the others)")
    moved, axis = _moved(y, axis, "y")
    kind, delta = _kind(moved, delta, None, "y", "delta")
    moved = moved.astype(np.int64 if kind == "int" else np.float64)

    depth = {**dict.fromkeys(range(moved.ndim - 1), 0), moved.ndim - 1: (1, 0)}
    diffs = da.map_overlap(_chunk_differences, moved, depth=depth, boundary="none", trim=False,
                           dtype=moved.dtype, chunks=moved.chunks)
    return da.moveaxis(_encode(diffs, delta, "mod", None, kind, "y"), -1, axis)


def _chunk_differences(block, block_info=None):
    """Differences of one chunk of ``y`` (T4); past the first chunk, ``block`` starts with the
    last sample of the chunk before.  Refused by name where they leave the number type."""
    if block_info[0]["array-location"][-1][0] == 0:
        block = np.concatenate([block[..., :1], block], axis=-1)
    later, earlier = block[..., 1:], block[..., :-1]
    with np.errstate(over="ignore", invalid="ignore"):
        diffs = later - earlier
    if block.dtype.kind in "iu":
        if np.any(((later ^ earlier) & (later ^ diffs)) < 0):
            raise ValueError("y: consecutive values differ by more than int64 holds; compute y "
                             "into memory and encode it exactly")
    elif not np.all(np.isfinite(diffs)) and np.all(np.isfinite(block)):
        raise ValueError("y: two consecutive values differ by more than float64 holds; "
                         "scale y down or pass Fraction values")
    return diffs


def _chunk_ranges(block, state, leak):
    """Carry ``(last sum, max |sum|, min sum, max sum)`` per channel over one chunk."""
    rows = block.reshape(-1, block.shape[-1])
    if rows.dtype.kind in "iu":
        bound = np.abs(rows, dtype=np.float64).sum(axis=-1)
        if state is not None:
            bound = bound + np.abs(np.asarray(state[0], dtype=np.float64))
        # int64 while every running sum is sure to fit, Python integers beyond.
        rows = rows.astype(np.int64 if np.all(bound < 2.0**62) else object)
    else:
        rows = rows.astype(np.float64, copy=False)
        if not np.all(np.isfinite(rows)):
            raise ValueError("a must be finite; it holds NaN or inf")
    if state is None:
        zero = np.zeros(rows.shape[0], dtype=rows.dtype)
        state = (zero, zero, zero, zero)
    last, peak, low, high = state
    if leak is None:
        with np.errstate(over="ignore", invalid="ignore"):
            sums = last[:, None] + np.cumsum(rows, axis=-1)
    else:
        sums = np.empty(rows.shape, dtype=rows.dtype)
        _kernels.leaky_cumsum_rows_numba(rows, leak, last.astype(np.float64), sums)
    if sums.dtype.kind == "f" and not np.all(np.isfinite(sums)):
        raise ValueError("a: its running sums exceed the float64 range; compute it into "
                         "memory as Fraction values for exact sums")
    if not sums.shape[-1]:
        return state
    return (sums[:, -1], np.maximum(peak, np.abs(sums).max(axis=-1)),
            np.minimum(low, sums.min(axis=-1)), np.maximum(high, sums.max(axis=-1)))


def _reduce(a, leak, axis, pick):
    """A lazy per-channel reduction of the running sums: ``pick(state)`` of the last chunk."""
    import dask.array as da
    from dask import delayed

    moved, axis = _moved(a, axis, "a")
    factors = check_leak(leak, moved.shape[-1], exact=False)
    edges = np.cumsum((0, *moved.chunks[-1]))
    blocks = moved.to_delayed()
    grid = np.empty(moved.numblocks[:-1], dtype=object)
    integer = moved.dtype.kind in "iu" and factors is None
    for index in np.ndindex(*moved.numblocks[:-1]):
        state = None
        for j, block in enumerate(blocks[index]):
            step = factors[edges[j]:edges[j + 1]] if np.ndim(factors) == 1 else factors
            state = delayed(_chunk_ranges, pure=True)(block, state, leak_factors(step, False))
        shape = tuple(c[i] for c, i in zip(moved.chunks[:-1], index))
        grid[index] = da.from_delayed(delayed(pick, pure=True)(state, shape), shape=shape,
                                      dtype=np.int64 if integer else np.float64)
    return da.block(grid.tolist()) if grid.ndim else grid[()]


def _peak(state, shape):
    return np.asarray(state[1]).reshape(shape)


def _spread(state, shape):
    with np.errstate(over="ignore"):
        spread = np.asarray(state[3] - state[2])
    if spread.dtype.kind == "f" and not np.all(np.isfinite(spread)):
        raise ValueError("a: its discrepancy norm exceeds the float64 range")
    return spread.reshape(shape)


def alexiewicz_norm(a, *, leak, axis):
    """:func:`ifsod.alexiewicz_norm` of a Dask array: a lazy array of one norm per channel.

    Parameters
    ----------
    a : dask.array.Array
        Sequences, time along ``axis``.
    leak, axis
        As for :func:`ifsod.alexiewicz_norm`.

    Returns
    -------
    dask.array.Array
        The norms, lazily (0-d for 1-D input).

    Examples
    --------
    >>> import dask.array as da
    >>> alexiewicz_norm(da.from_array(np.array([1.0, -3.0, 1.0]), chunks=2), leak=1.0,
    ...                 axis=-1).compute()
    array(2.)
    """
    return _reduce(a, leak, axis, _peak)


def discrepancy_norm(a, *, axis):
    """:func:`ifsod.discrepancy_norm` of a Dask array: a lazy array of one norm per channel.

    Parameters
    ----------
    a : dask.array.Array
        Sequences, time along ``axis``.
    axis : int
        The time axis.

    Returns
    -------
    dask.array.Array
        The norms, lazily, one per channel.

    Examples
    --------
    >>> import dask.array as da
    >>> a = da.from_array(np.array([[1.0, -3.0, 1.0], [2.0, 0.0, 0.0]]), chunks=(1, 2))
    >>> discrepancy_norm(a, axis=-1).compute()
    array([3., 2.])
    """
    return _reduce(a, 1.0, axis, _spread)

"""Channels and time: viewing an array as (channels, time) rows and back.

Time runs along ``axis``; every other axis is a channel.  The kernels see a C-contiguous
(channels, time) array, so these views decide whether a call copies its input.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_axis


def time_axis(arr: np.ndarray, axis: object, name: str) -> int:
    """Return ``axis`` normalised for ``arr``, which must have at least one dimension.

    Examples
    --------
    >>> time_axis(np.zeros((2, 3)), -1, "x")
    1
    """
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension; got a scalar")
    return check_axis(axis, arr.ndim)


def channel_shape(shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    """The shape of ``shape`` without its time axis."""
    return shape[:axis] + shape[axis + 1:]


def rows(arr: np.ndarray, axis: int) -> np.ndarray:
    """View ``arr`` as C-contiguous (channels, time) rows with time along ``axis``.

    Examples
    --------
    >>> rows(np.arange(6.0).reshape(3, 2), 0)
    array([[0., 2., 4.],
           [1., 3., 5.]])
    """
    n_channels = int(np.prod(channel_shape(arr.shape, axis), dtype=int))
    return np.ascontiguousarray(np.moveaxis(arr, axis, -1)).reshape(n_channels, arr.shape[axis])


def unrows(values: np.ndarray, shape: tuple[int, ...], axis: int) -> np.ndarray:
    """Inverse of :func:`rows`: (channels, time) rows back to ``shape`` with time on ``axis``."""
    moved = channel_shape(shape, axis) + (shape[axis],)
    return np.moveaxis(values.reshape(moved), -1, axis)


def channel_index(row: int, shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    """Index of channel ``row`` of :func:`rows` in the channel shape.

    Examples
    --------
    >>> channel_index(4, (2, 7, 3), 1)
    (1, 1)
    """
    return tuple(int(i) for i in np.unravel_index(row, channel_shape(shape, axis)))

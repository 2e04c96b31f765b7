"""Channels and time: viewing an array as (channels, time) rows and back.

Time runs along ``axis``; every other axis is a channel.  The kernels see a C-contiguous
(channels, time) array, so these views decide whether a call copies its input.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_axis


def time_axis(arr: np.ndarray, axis: object, name: str) -> int:
    """Return ``axis`` normalised for ``arr``, which must have at least one dimension.

    Parameters
    ----------
    arr : numpy.ndarray
        Validated samples.
    axis : object
        The time axis the caller passed.
    name : str
        The parameter name of ``arr``, which a scalar's error names.

    Returns
    -------
    int
        The non-negative time axis.

    Examples
    --------
    >>> time_axis(np.zeros((2, 3)), -1, "x")
    1
    """
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension; got a scalar")
    return check_axis(axis, arr.ndim)


def channel_shape(shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    """The shape of ``shape`` without its time axis.

    Parameters
    ----------
    shape : tuple of int
        The shape of the samples.
    axis : int
        Its time axis, non-negative.

    Returns
    -------
    tuple of int
        One entry per channel axis.

    Examples
    --------
    >>> channel_shape((2, 7, 3), 1)
    (2, 3)
    """
    return shape[:axis] + shape[axis + 1:]


def rows(arr: np.ndarray, axis: int) -> np.ndarray:
    """View ``arr`` as C-contiguous (channels, time) rows with time along ``axis``.

    Parameters
    ----------
    arr : numpy.ndarray
        Samples of any layout.
    axis : int
        The time axis, non-negative.

    Returns
    -------
    numpy.ndarray
        A (channels, time) array: a view when the layout allows, else a copy.

    Examples
    --------
    >>> rows(np.arange(6.0).reshape(3, 2), 0)
    array([[0., 2., 4.],
           [1., 3., 5.]])
    """
    n_channels = int(np.prod(channel_shape(arr.shape, axis), dtype=int))
    return np.ascontiguousarray(np.moveaxis(arr, axis, -1)).reshape(n_channels, arr.shape[axis])


def unrows(values: np.ndarray, shape: tuple[int, ...], axis: int) -> np.ndarray:
    """Inverse of :func:`rows`: (channels, time) rows back to ``shape`` with time on ``axis``.

    Parameters
    ----------
    values : numpy.ndarray
        One row per channel, as :func:`rows` made them.
    shape : tuple of int
        The shape of the samples the rows came from.
    axis : int
        Their time axis, non-negative.

    Returns
    -------
    numpy.ndarray
        ``values`` in ``shape``.

    Examples
    --------
    >>> a = np.arange(24.0).reshape(2, 3, 4)
    >>> bool(np.array_equal(unrows(rows(a, 1), a.shape, 1), a))
    True
    """
    moved = channel_shape(shape, axis) + (shape[axis],)
    return np.moveaxis(values.reshape(moved), -1, axis)


def channel_index(row: int, shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    """Index of channel ``row`` of :func:`rows` in the channel shape.

    Parameters
    ----------
    row : int
        A row of :func:`rows`.
    shape : tuple of int
        The shape of the samples.
    axis : int
        The time axis, non-negative.

    Returns
    -------
    tuple of int
        Where the channel stands among the channel axes (for error messages).

    Examples
    --------
    >>> channel_index(4, (2, 7, 3), 1)
    (1, 1)
    """
    return tuple(int(i) for i in np.unravel_index(row, channel_shape(shape, axis)))

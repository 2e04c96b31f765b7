"""Threads for many channels: the ``workers=`` setting and the call that honours it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np

from ._kernels import BLOCK

T = TypeVar("T")


def check_workers(workers: object) -> int:
    """Threads to use: ``None`` gives numba's setting (``NUMBA_NUM_THREADS`` by default).

    Examples
    --------
    >>> check_workers(1)
    1
    """
    import numba

    most: int = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]  # set at import
    if workers is None:
        return numba.get_num_threads()
    if isinstance(workers, bool | np.bool_) or not isinstance(workers, int | np.integer):
        raise TypeError(f"workers must be a positive integer or None; got {workers!r}")
    if not 1 <= workers <= most:
        raise ValueError(f"workers must lie in [1, {most}] (NUMBA_NUM_THREADS); got {workers}")
    return int(workers)


def call_blocked(serial: Callable[..., T], parallel: Callable[..., T], n_rows: int,
                 workers: int | None, *args: object) -> T:
    """Call ``parallel(*args)`` on up to ``workers`` threads, or ``serial(*args)`` for one.

    Both compile one source over blocks of ``BLOCK`` rows, so they compute the same values;
    fewer blocks than workers use fewer threads.
    """
    threads = min(check_workers(workers), -(-n_rows // BLOCK))
    if threads <= 1:
        return serial(*args)
    import numba

    previous = numba.get_num_threads()
    numba.set_num_threads(threads)
    try:
        return parallel(*args)
    finally:
        numba.set_num_threads(previous)

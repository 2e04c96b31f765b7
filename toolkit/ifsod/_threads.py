"""Threads for many channels: the ``workers=`` setting and the drivers that honour it."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

from ._kernels import BLOCK

T = TypeVar("T")

# One pool per process: a pool inherited through fork has no threads behind it.
_pools: dict[int, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()
# The most threads ``workers=None`` gives in this process (None: numba's setting).
_cap: list[int | None] = [None]


def cap_workers(most: int | None) -> None:
    """Limit the threads that ``workers=None`` gives in this process, on every thread.

    numba's own setting (:func:`numba.set_num_threads`) holds for the calling thread only.
    Worker processes forked by ``ifsod verify`` set 1: numba's OpenMP layer ends a forked
    child that starts the threads its parent started, and the workers are the parallelism.

    Parameters
    ----------
    most : int or None
        The limit, at least 1; ``None`` lifts it.

    Returns
    -------
    None

    Examples
    --------
    >>> cap_workers(1)
    >>> check_workers(None)
    1
    >>> cap_workers(None)
    """
    _cap[0] = most


def check_workers(workers: object) -> int:
    """Threads to use: ``None`` gives numba's setting (``NUMBA_NUM_THREADS`` by default).

    Parameters
    ----------
    workers : int or None
        Requested threads, in ``[1, NUMBA_NUM_THREADS]``.

    Returns
    -------
    int
        The number of threads.

    Raises
    ------
    TypeError
        If ``workers`` is not an integer or None.
    ValueError
        If ``workers`` lies outside ``[1, NUMBA_NUM_THREADS]``.

    Examples
    --------
    >>> check_workers(1)
    1
    >>> check_workers(None) >= 1
    True
    """
    import numba

    most: int = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]  # set at import
    if workers is None:
        threads: int = numba.get_num_threads()
        return threads if _cap[0] is None else min(threads, _cap[0])
    if isinstance(workers, bool | np.bool_) or not isinstance(workers, int | np.integer):
        raise TypeError(f"workers must be a positive integer or None; got {workers!r}")
    if not 1 <= workers <= most:
        raise ValueError(f"workers must lie in [1, {most}] (NUMBA_NUM_THREADS); got {workers}")
    return int(workers)


def _pool() -> ThreadPoolExecutor:
    import numba

    with _pools_lock:
        pool = _pools.get(os.getpid())
        if pool is None:
            pool = ThreadPoolExecutor(numba.config.NUMBA_NUM_THREADS,  # type: ignore[attr-defined]
                                      thread_name_prefix="ifsod")
            _pools[os.getpid()] = pool
        return pool


def over_blocks(task: Callable[[int, int], bool], n_rows: int, workers: int | None,
                prepare: Callable[[int, int], object] | None = None) -> bool:
    """Call ``task(first, stop)`` over rows ``0:n_rows`` on up to ``workers`` threads.

    The rows go in groups of ``BLOCK``, handed out one at a time to whichever thread is free,
    so a core that other work slows down takes fewer of them (a fixed split would make every
    call wait for its slowest half).  ``task`` must release the GIL (a ``nogil`` kernel) and
    touch only its own rows.  With ``prepare``, one thread first calls ``prepare(first, stop)``
    on the groups in order, then joins the others.  This serves to fault in the pages of a
    fresh output array in one thread while others compute: page faults taken by several
    threads at once contend in the kernel (and, in a virtual machine, in the host).  A group
    that thread is preparing is encoded once prepared; a group it has not reached is claimed
    and encoded unprepared, never prepared after (a fast encoder, or a slow preparer on a busy
    core, would otherwise leave a thread waiting).  One thread calls ``task(0, n_rows)`` once
    and never ``prepare``.

    Parameters
    ----------
    task : callable
        ``task(first, stop) -> bool`` processes rows ``first:stop``.
    n_rows : int
        Number of rows.
    workers : int or None
        As for :func:`check_workers`.
    prepare : callable, optional
        ``prepare(first, stop)`` readies rows ``first:stop`` for ``task``.

    Returns
    -------
    bool
        Whether any call of ``task`` returned true.

    Examples
    --------
    >>> seen = []
    >>> over_blocks(lambda a, b: seen.append((a, b)) or b == 40, 40, None)
    True
    >>> sorted(seen)
    [(0, 16), (16, 32), (32, 40)]
    >>> over_blocks(lambda a, b: seen.append((a, b)) or False, 40, 1), seen[-1]
    (False, (0, 40))
    """
    threads = min(check_workers(workers), -(-n_rows // BLOCK))
    if threads <= 1:
        return bool(task(0, n_rows))
    groups = [(first, min(n_rows, first + BLOCK)) for first in range(0, n_rows, BLOCK)]
    ready = [threading.Event() for _ in groups]
    # Who has a group: None nobody yet, "prepare" the preparing thread, "encode" an encoder
    # that took it unprepared; changed only under the lock.
    owner: list[str | None] = [None] * len(groups)
    next_group = iter(range(len(groups)))
    handing_out = threading.Lock()

    def drain() -> bool:
        flagged = False
        while True:
            with handing_out:
                i = next(next_group, None)
                if i is not None and owner[i] is None:
                    owner[i] = "encode"
            if i is None:
                return flagged
            if owner[i] == "prepare":
                ready[i].wait()
            flagged |= bool(task(*groups[i]))

    def prepare_then_drain() -> bool:
        for i, group in enumerate(groups):
            with handing_out:
                if owner[i] is not None:
                    continue
                owner[i] = "prepare"
            try:
                prepare(*group)  # type: ignore[misc]  # only submitted with a prepare
            finally:  # a failed prepare leaves the rest to the encoders, and raises
                ready[i].set()
        return drain()

    pool = _pool()
    helpers = [pool.submit(drain if prepare is None else prepare_then_drain)]
    helpers += [pool.submit(drain) for _ in range(threads - 2)]
    flagged = drain()
    for helper in helpers:  # every one, before the caller reads the rows
        flagged |= helper.result()
    return flagged


def call_blocked(serial: Callable[..., T], parallel: Callable[..., T], n_rows: int,
                 workers: int | None, *args: object) -> T:
    """Call ``parallel(*args)`` on up to ``workers`` numba threads, or ``serial(*args)``.

    Both compile one source over blocks of ``BLOCK`` rows, so they compute the same values;
    fewer blocks than workers use fewer threads.

    Parameters
    ----------
    serial, parallel : callable
        The kernel compiled without and with ``parallel=True``.
    n_rows : int
        Rows the kernel loops over (in blocks of ``BLOCK``).
    workers : int or None
        As for :func:`check_workers`.
    *args : object
        Arguments of the kernel.

    Returns
    -------
    object
        What the kernel returns.

    Examples
    --------
    >>> call_blocked(len, len, 3, 1, "abc")
    3
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

"""Whether numba can keep compiled kernels on disk, decided once when the package loads.

A read-only install (a system site-packages, a container image) with no writable cache
location would make every ``njit(cache=True)`` fail at import.  The kernels then compile in
memory in each process instead, and one :class:`NumbaCacheWarning` says so.
"""

from __future__ import annotations

import warnings

from numba import njit


class NumbaCacheWarning(UserWarning):
    """numba finds no writable cache location: kernels are compiled afresh in each process.

    Point the environment variable ``NUMBA_CACHE_DIR`` at a writable directory to keep them,
    or filter the warning where compiling afresh is intended.

    Parameters
    ----------
    *args : object
        The message, as for any warning.

    Examples
    --------
    >>> import warnings
    >>> from ifsod import NumbaCacheWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", NumbaCacheWarning)  # an image built read-only
    ...     issubclass(NumbaCacheWarning, UserWarning)
    True
    """


def _probe() -> int:
    return 0


def _cache_available() -> bool:
    # numba looks for a location next to the module's file (then user-wide, then
    # NUMBA_CACHE_DIR first if set) when caching is enabled; a probe here, beside the kernels,
    # asks its own locators the same question they will be asked.
    try:
        njit(cache=True)(_probe)
    except RuntimeError as err:
        warnings.warn(f"numba cannot cache compiled kernels ({err}); compiling them in memory "
                      "in every process. Set NUMBA_CACHE_DIR to a writable directory to keep "
                      "them.", NumbaCacheWarning, stacklevel=2)
        return False
    return True


#: ``cache=`` for every ``njit`` and ``overload`` of the package.
NUMBA_CACHE: bool = _cache_available()

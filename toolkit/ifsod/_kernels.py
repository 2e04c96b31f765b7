"""Loops over samples: one readable Python source, compiled by numba.

Every kernel is written once as plain Python that works on floats and on ``Fraction`` values
alike; that source is the ground truth (``engine="python"`` and ``engine="exact"``) and numba
compiles the very same function for ``engine="numba"``.  The only arithmetic that must differ
between the two worlds is the remainder of reset-to-mod, bridged by ``split_mod`` below.

Kernels work on 2-D arrays (channels x time) and take and return the membrane, so a long
recording can be processed chunk by chunk (``IFEncoder``, or one chunk per Dask block).  Two
loop orders compute the same floats: ``encode_rows`` runs one channel after another (the
reference), ``encode_block`` steps a block of channels through time together, so that the
independent channels fill the pipeline while each waits on its own membrane; threads take
blocks of channels one at a time (``_threads.over_blocks``).

A membrane that is not a finite float (non-finite input, or a running membrane beyond the
float64 range) turns into NaN and stays NaN to the end of its row, and an int64 sum that wraps
sets a flag; the kernels report either as ``bad`` once per row, so that no per-sample branch
slows the loop.  Where the type of the samples rules wrapping out (``wrap_possible``), the rows
are compiled without that test.
"""

from __future__ import annotations

import math
from types import FunctionType

import numpy as np
from numba import njit, prange, types
from numba.extending import overload

from ._numba_cache import NUMBA_CACHE
from ._typing import RESETS

# numba's type stubs list the jit options of overload() without "cache", which it accepts;
# hence the narrow ignores on the overload lines below.

#: The codes the kernels use for the reset rules of D4, in the order of the one table of names.
RESET_CODES = {name: code for code, name in enumerate(RESETS)}

#: Channels a block steps through time together (a multiple of the SIMD width), and the steps
#: of a tile copied channels-last (16 x 1024 float64 samples, 128 KiB, stay in the L2 cache;
#: shorter tiles spend more of their time starting the copies).
BLOCK = 16
TILE = 1024


def split_mod(v, theta):
    """Split ``v`` into ``(theta * trunc(v / theta), remainder)`` (reset-to-mod, D4).

    For floats the remainder is ``fmod``, which IEEE 754 computes exactly, so ``|u| < theta``
    holds after rounding too; the spike ``v - u`` is then the float nearest the lattice point
    ``v - u`` and is finite whenever ``v`` is (no quotient ``v / theta`` that could overflow).

    Parameters
    ----------
    v : float, int or Fraction
        Membrane value after integration.
    theta : float, int or Fraction
        Threshold, > 0, of the type of ``v``.

    Returns
    -------
    tuple
        ``(spike, remainder)`` with ``spike + remainder == v``.

    Examples
    --------
    >>> split_mod(2.5, 1.0), split_mod(-7, 3)
    ((2.0, 0.5), (-6, -1))
    """
    if isinstance(v, float):
        u = math.fmod(v, theta)
        return v - u, u
    if isinstance(v, int | np.integer):
        return _split_mod_integer(v, theta)
    k = math.trunc(v / theta)
    return k * theta, v - k * theta


def _split_mod_integer(v, theta):
    """``split_mod`` in integer arithmetic: floor division, then rounded toward zero."""
    k = v // theta
    if k < 0 and k * theta != v:
        k += 1
    s = k * theta
    return s, v - s


def wraps(v, u, x):
    """Whether the integer sum ``v = u + x`` wrapped around in int64 (never for other types).

    Parameters
    ----------
    v, u, x : number
        The sum as computed, and its two terms.

    Returns
    -------
    bool
        True when ``v`` is an int64 that overflowed.

    Examples
    --------
    >>> wraps(np.int64(-2**63), np.int64(2**63 - 1), np.int64(1)), wraps(3.0, 1.0, 2.0)
    (np.True_, False)
    """
    if isinstance(v, np.integer):
        return ((v ^ u) & (v ^ x)) < 0
    return False


def wrap_possible(x, reset, u, theta):
    """Whether an int64 membrane from ``u`` on samples of the type of ``x`` might wrap.

    Reset-to-mod and to zero keep ``|u| < theta <= 2**60`` after every step (D4), so with
    samples of at most 32 bits ``|u + x| < 2**60 + 2**32`` never leaves int64, provided the
    row starts inside ``(-theta, theta)``; the kernels then skip the per-sample test of
    :func:`wraps`.  Reset by subtraction can drift by a sample a step, and 64-bit samples
    reach the limit at once: those keep it.

    Parameters
    ----------
    x : numpy.ndarray
        The samples (only their type counts).
    reset : int
        Code of the reset rule (:data:`RESET_CODES`).
    u : number
        The row's membrane before its first step.
    theta : number
        Threshold, > 0, at most ``2**60`` for integers.

    Returns
    -------
    bool
        False when no sum of the row can wrap; True for integer rows that need the test (and
        False for floats and fractions, which have no wrap to test).

    Examples
    --------
    >>> x = np.zeros(3, dtype=np.int16)
    >>> wrap_possible(x, 0, 5, 7), wrap_possible(x, 1, 5, 7), wrap_possible(x, 0, 7, 7)
    (False, True, True)
    >>> wrap_possible(x.astype(np.int64), 0, 5, 7), wrap_possible(x.astype(float), 1, 0.0, 1.0)
    (True, False)
    """
    if x.dtype.kind not in "iu":
        return False
    return x.dtype.itemsize > 4 or reset == 1 or not -theta < u < theta


@overload(wrap_possible, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _wrap_possible_numba(x, reset, u, theta):
    if not isinstance(x.dtype, types.Integer):
        return lambda x, reset, u, theta: False
    if x.dtype.bitwidth > 32:
        return lambda x, reset, u, theta: True
    return lambda x, reset, u, theta: reset == 1 or not -theta < u < theta


@overload(split_mod, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _split_mod_numba(v, theta):
    if isinstance(v, types.Integer):
        return _split_mod_integer

    def impl(v, theta):
        u = np.fmod(v, theta)
        return v - u, u

    return impl


@overload(_split_mod_integer, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _split_mod_integer_numba(v, theta):
    return _split_mod_integer


@overload(wraps, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _wraps_numba(v, u, x):
    if isinstance(v, types.Integer):
        return lambda v, u, x: ((v ^ u) & (v ^ x)) < 0
    return lambda v, u, x: False


def fire(v, theta, reset):
    """One IF step after integration: return ``(spike, membrane)`` for membrane value ``v``.

    A non-finite ``v`` gives a NaN membrane for every reset (``v - v``), which the kernels'
    callers detect.

    Parameters
    ----------
    v : float, int or Fraction
        Membrane value after integration.
    theta : float, int or Fraction
        Threshold, > 0.
    reset : int
        Code of the reset rule (:data:`RESET_CODES`: 0 mod, 1 subtract, 2 zero).

    Returns
    -------
    tuple
        ``(spike, membrane)``.

    Examples
    --------
    >>> fire(2.5, 1.0, 0), fire(2.5, 1.0, 1), fire(2.5, 1.0, 2)
    ((2.0, 0.5), (1.0, 1.5), (1.0, 0.0))
    """
    if reset == 0:
        if -2 * theta < v < 2 * theta:
            w = below_two(v, theta)
            return v - w, w
        if -4 * theta < v < 4 * theta:
            return _mod_below_four(v, theta)
        return split_mod(v, theta)
    return fire_once(v, theta, reset)


def fire_once(v, theta, reset):
    """:func:`fire` for reset by subtraction or to zero: at most one spike, of the sign of ``v``.

    Selects only, and one return, so that the block kernel inlines it into its loop over
    lanes and runs it in SIMD; ``v - v`` is a zero of ``v``'s type (NaN when ``v`` is not
    finite).

    Parameters
    ----------
    v, theta
        As for :func:`fire`.
    reset : int
        1 (subtract) or 2 (zero).

    Returns
    -------
    tuple
        ``(spike, membrane)``.

    Examples
    --------
    >>> fire_once(2.5, 1.0, 1), fire_once(-2.5, 1.0, 2), fire_once(0.5, 1.0, 2)
    ((1.0, 1.5), (-1.0, 0.0), (0.0, 0.5))
    """
    up = v >= theta
    down = v <= -theta
    s = theta if up else (-theta if down else v - v)
    u = v - s if reset == 1 else (v - v if up | down else v)
    return s, u


def below_two(v, theta):
    """The membrane after reset-to-mod for ``|v| < 2 theta``: at most one spike (D4).

    ``v -+ theta`` is exact there (Sterbenz), the remainder ``split_mod`` gives.  Selects
    rather than branches, since spikes that come at random would mispredict; in integers,
    masks (``theta & -(v >= theta)``), which no compiler turns back into branches.

    Parameters
    ----------
    v : float, int or Fraction
        Membrane value, ``|v| < 2 theta``.
    theta : float, int or Fraction
        Threshold, > 0.

    Returns
    -------
    float, int or Fraction
        The remainder, ``|remainder| < theta``.

    Examples
    --------
    >>> below_two(1.5, 1.0), below_two(-0.5, 1.0)
    (0.5, -0.5)
    """
    w = v - theta if v >= theta else v
    return v + theta if v <= -theta else w


def _below_two_integer(v, theta):
    return v - (theta & -np.int64(v >= theta)) + (theta & -np.int64(v <= -theta))


def _mod_below_four(v, theta):
    """``split_mod`` for ``2 theta <= |v| < 4 theta`` by binary long division, without ``fmod``.

    Each subtraction of ``2 theta`` or ``theta`` happens only when the value lies in
    ``[c, 2c)`` for the amount ``c`` subtracted, so it is exact in floats (Sterbenz) and the
    remainder is the one ``fmod`` returns.
    """
    a = abs(v)
    a = a - 2 * theta if a >= 2 * theta else a
    a = a - theta if a >= theta else a
    u = a if v >= 0 else -a
    return v - u, u


def encode_rows(x, theta, reset, leak, u0, out):
    """IF over each row of ``x`` (D4), one row after another.

    Parameters
    ----------
    x : numpy.ndarray
        (channels, time) samples.
    theta : float, int or Fraction
        Threshold, > 0.
    reset : int
        Code of the reset rule (:data:`RESET_CODES`).
    leak : numpy.ndarray or None
        ``None`` for plain IF, or 1-D per-step factors shared by the rows (length 1: one
        factor for every step).
    u0 : numpy.ndarray
        Initial membrane per row.
    out : numpy.ndarray
        Receives the spikes, shaped as ``x``.

    Returns
    -------
    tuple
        ``(final membranes, bad)``, ``bad`` telling whether a membrane left the range of its
        number type (NaN, or an int64 sum that wrapped).

    Examples
    --------
    >>> x = np.array([[0.5, 0.75, 2.5, -0.5]])
    >>> out = np.empty_like(x)
    >>> u, bad = encode_rows(x, 1.0, 0, None, np.zeros(1), out)
    >>> out, u, bool(bad)
    (array([[0., 1., 2., 0.]]), array([0.25]), False)
    """
    u_end = u0.copy()
    wrapped = False
    for c in range(x.shape[0]):
        # None is a type of its own: the row's steps are compiled without the test of
        # wrapping, where it cannot fire.
        if wrap_possible(x, reset, u0[c], theta):
            u, bad = encode_row(x, c, theta, reset, leak, u0[c], out, True)
        else:
            u, bad = encode_row(x, c, theta, reset, leak, u0[c], out, None)
        u_end[c] = u
        wrapped |= bad | (u - u != 0)  # NaN for a float beyond range
    return u_end, wrapped


def encode_row(x, c, theta, reset, leak, u, out, checked):
    """The steps of row ``c`` for :func:`encode_rows`, from membrane ``u``.

    Parameters
    ----------
    x, theta, reset, leak, out
        As for :func:`encode_rows`.
    c : int
        The row.
    u : number
        Its membrane before the first step.
    checked : True or None
        True tests every int64 sum for wrapping (:func:`wrap_possible`), None does not.

    Returns
    -------
    tuple
        ``(final membrane, wrapped)``.

    Examples
    --------
    >>> out = np.empty((1, 3), dtype=np.int64)
    >>> u, bad = encode_row(np.array([[5, 4, -2]]), 0, 3, 0, None, np.int64(0), out, True)
    >>> out, int(u), bool(bad)
    (array([[3, 6, 0]]), -2, False)
    """
    wrapped = False
    m = u
    for n in range(x.shape[1]):
        v = integrate(leak, n, m, x[c, n])
        if checked is not None:  # integers come without leak
            wrapped |= wraps(v, m, x[c, n])
        # Each reset as a constant: a loop-invariant branch the processor predicts, and
        # steps compiled for one rule, which ``fire(v, theta, reset)`` would not give.
        if reset == 0:
            s, m = fire(v, theta, 0)
        elif reset == 1:
            s, m = fire(v, theta, 1)
        else:
            s, m = fire(v, theta, 2)
        out[c, n] = s
    return m, wrapped


def stream_into(chunk, theta, reset, leak, u, out):
    """:func:`encode_rows` of a C-contiguous chunk with time on its last axis, in place.

    One compiled call from the stream's fast path: it writes the spikes into ``out`` and the
    final membranes into ``u``, and returns only the report, so the call boxes no array.  On a
    bad report ``u`` is left as it was, for the caller to refuse the chunk by name.

    Parameters
    ----------
    chunk : numpy.ndarray
        C-contiguous samples, time last, one row per membrane of ``u``.
    theta : float
        Threshold, > 0.
    reset : int
        Code of the reset rule.
    leak : numpy.ndarray or None
        As for :func:`encode_rows`.
    u : numpy.ndarray
        Membrane per channel (at least one), updated unless the report is bad.
    out : numpy.ndarray
        C-contiguous, shaped as ``chunk``; receives the spikes.

    Returns
    -------
    bool
        The report of :func:`encode_rows`.

    Examples
    --------
    >>> u, out = np.zeros(2), np.empty((2, 2))
    >>> bool(stream_into(np.array([[0.5, 0.75], [1.5, 0.0]]), 1.0, 0, None, u, out))
    False
    >>> out, u
    (array([[0., 1.],
           [1., 0.]]), array([0.25, 0.5 ]))
    """
    rows = chunk.reshape((u.shape[0], chunk.size // u.shape[0]))
    u_end, bad = encode_rows(rows, theta, reset, leak, u, out.reshape(rows.shape))
    if not bad:
        u[:] = u_end
    return bad


def integrate(leak, n, u, xn):
    """The membrane after integration, ``v_n = lambda_n u_{n-1} + x_n`` (D4).

    Parameters
    ----------
    leak : numpy.ndarray or None
        ``None`` for plain IF, else per-step factors (length 1: one factor for every step).
    n : int
        The step.
    u : number
        Membrane before the step.
    xn : number
        Sample of the step.

    Returns
    -------
    number
        ``v_n``.

    Examples
    --------
    >>> integrate(None, 0, 0.5, 1.0), float(integrate(np.array([0.5]), 3, 0.5, 1.0))
    (1.5, 1.25)
    """
    if leak is None:
        return u + xn
    return leak[n if leak.shape[0] > 1 else 0] * u + xn


def below_four(v, theta):
    """The membrane after reset-to-mod for ``|v| < 4 theta``, by selects only (D4).

    Every candidate ``v -+ theta``, ``v -+ 2 theta``, ``(v -+ 2 theta) -+ theta`` is exact where
    it is selected (Sterbenz), so the result is ``fmod(v, theta)`` bit for bit; without
    branches, a loop over channels runs it in SIMD lanes.

    Parameters
    ----------
    v : float
        Membrane value, ``|v| < 4 theta``.
    theta : float
        Threshold, > 0.

    Returns
    -------
    float
        ``fmod(v, theta)``.

    Examples
    --------
    >>> below_four(3.5, 1.0), below_four(-2.25, 1.0)
    (0.5, -0.25)
    """
    w = v - theta if v >= theta else v
    w = v + theta if v <= -theta else w
    r = v - 2 * theta
    r = r - theta if r >= theta else r
    w = r if v >= 2 * theta else w
    q = v + 2 * theta
    q = q + theta if q <= -theta else q
    return q if v <= -2 * theta else w


def copy_in(src, tile):
    """``tile[:steps, :rows] = src.T`` for ``(rows, steps)`` samples and a ``(TILE, BLOCK)`` tile.

    Time outer and the ``BLOCK`` lanes inner: with a constant trip count the compiler unrolls
    the lanes, so each step is one row of the tile written at once from loads that stream along
    each channel; a block narrower than ``BLOCK`` takes the general loop.

    Parameters
    ----------
    src : numpy.ndarray
        (rows, steps) samples, ``rows <= BLOCK``, any strides.
    tile : numpy.ndarray
        (at least steps, BLOCK) array; its first ``rows`` lanes receive the samples.

    Returns
    -------
    None

    Examples
    --------
    >>> tile = np.zeros((TILE, BLOCK))
    >>> copy_in(np.arange(6.0).reshape(2, 3), tile)
    >>> tile[:3, :3]
    array([[0., 3., 0.],
           [1., 4., 0.],
           [2., 5., 0.]])
    """
    rows, steps = src.shape
    if rows == BLOCK:
        for n in range(steps):
            for c in range(BLOCK):
                tile[n, c] = src[c, n]
    else:
        for n in range(steps):
            for c in range(rows):
                tile[n, c] = src[c, n]


def copy_out(tile, dst):
    """``dst[:] = tile[:steps, :rows].T``: the spikes of a tile back into channel rows.

    Four rows at a time: four streams of stores in flight, where a row at a time waits on each
    strided load from the tile.

    Parameters
    ----------
    tile : numpy.ndarray
        (at least steps, at least rows) values.
    dst : numpy.ndarray
        (rows, steps) array, any strides; receives them.

    Returns
    -------
    None

    Examples
    --------
    >>> dst = np.zeros((3, 2))
    >>> copy_out(np.arange(12.0).reshape(3, 4), dst)
    >>> dst
    array([[0., 4.],
           [1., 5.],
           [2., 6.]])
    """
    rows, steps = dst.shape
    full = rows - rows % 4
    for r in range(0, full, 4):
        d0, d1, d2, d3 = dst[r], dst[r + 1], dst[r + 2], dst[r + 3]
        for n in range(steps):
            lanes = tile[n]
            d0[n] = lanes[r]
            d1[n] = lanes[r + 1]
            d2[n] = lanes[r + 2]
            d3[n] = lanes[r + 3]
    for r in range(full, rows):
        for n in range(steps):
            dst[r, n] = tile[n, r]


def encode_block(x, theta, reset, leak, u, out, first, stop):
    """IF over rows ``first:stop`` of ``x``, time outer and channels inner; updates ``u``.

    Tiles of ``TILE`` steps by ``BLOCK`` lanes are filled channels-last (:func:`copy_in`, into
    the output's type), so the loop over lanes reads and writes memory in order and runs in
    SIMD lanes; each tile's spikes overwrite its samples, one tile in the cache rather than
    two.  A block of fewer than ``BLOCK`` rows leaves the other lanes at zero, where a zero
    membrane fed zeros never fires, so the copy in and the lanes of reset-to-mod loop a
    constant ``BLOCK`` times, which the compiler unrolls.  Reset-to-mod falls back to
    :func:`split_mod` for the rare lanes with ``|v| >= 4 theta``.  The arithmetic is that of
    :func:`encode_rows`, so are the floats.

    Parameters
    ----------
    x, theta, reset, leak, out
        As for :func:`encode_rows`.
    u : numpy.ndarray
        Membrane per row; rows ``first:stop`` are updated in place.
    first, stop : int
        The rows, at most ``BLOCK`` of them.

    Returns
    -------
    bool
        ``bad``, as :func:`encode_rows` returns it.

    Examples
    --------
    >>> x = np.array([[0.5, 0.75], [1.5, 2.5]])
    >>> u, out = np.zeros(2), np.empty((2, 2))
    >>> bool(encode_block(x, 1.0, 0, None, u, out, 0, 2)), out, u
    (False, array([[0., 1.],
           [1., 3.]]), array([0.25, 0.  ]))
    """
    width = stop - first
    local = np.zeros(BLOCK, dtype=u.dtype)
    local[:width] = u[first:stop]
    # An integer tile is the int64 of the output: the samples widen exactly on the way in.
    tile = np.zeros((TILE, BLOCK), dtype=out.dtype)
    before = np.empty(BLOCK, dtype=local.dtype)
    wrapped = False
    checked = False
    for c in range(width):
        checked |= wrap_possible(x, reset, local[c], theta)
    for start in range(0, x.shape[1], TILE):
        steps = min(TILE, x.shape[1] - start)
        copy_in(x[first:stop, start:start + steps], tile)
        # As in encode_rows: the test of wrapping compiled out where it cannot fire.
        if checked:
            wrapped |= encode_tile(tile[:steps], start, theta, reset, leak, local, before, True)
        else:
            wrapped |= encode_tile(tile[:steps], start, theta, reset, leak, local, before, None)
        copy_out(tile, out[first:stop, start:start + steps])
    u[first:stop] = local[:width]
    for c in range(width):
        wrapped |= local[c] - local[c] != 0
    return wrapped


def encode_tile(tile, start, theta, reset, leak, local, before, checked):
    """The steps of a channels-last tile for :func:`encode_block`; spikes overwrite samples.

    Parameters
    ----------
    tile : numpy.ndarray
        (steps, BLOCK) samples from step ``start``; receives the spikes.
    start : int
        The step of the tile's first row (for per-step leaks).
    theta, reset, leak
        As for :func:`encode_rows`.
    local : numpy.ndarray
        Membrane per lane (``BLOCK`` of them), updated.
    before : numpy.ndarray
        Scratch, one value per lane.
    checked : True or None
        As for :func:`encode_row`.

    Returns
    -------
    bool
        Whether an int64 sum wrapped.

    Examples
    --------
    >>> tile, local = np.zeros((2, BLOCK)), np.zeros(BLOCK)
    >>> tile[:, :2] = [[0.5, 1.5], [0.75, 2.5]]
    >>> encode_tile(tile, 0, 1.0, 0, None, local, np.empty(BLOCK), None)
    False
    >>> tile[:, :2], local[:2]
    (array([[0., 1.],
           [1., 3.]]), array([0.25, 0.  ]))
    """
    wrapped = False
    for n in range(tile.shape[0]):
        # The test of the reset stays outside the loops over lanes, which it would keep from
        # running in SIMD.  Here the count of lanes is read from the tile: unrolled as a
        # constant, the float selects of fire_once were left scalar (four times slower).
        if reset != 0:
            for c in range(tile.shape[1]):
                v = integrate(leak, start + n, local[c], tile[n, c])
                if checked is not None:  # integers come without leak
                    wrapped |= wraps(v, local[c], tile[n, c])
                tile[n, c], local[c] = fire_once(v, theta, reset)
            continue
        rare = False
        for c in range(BLOCK):
            v = integrate(leak, start + n, local[c], tile[n, c])
            if checked is not None:
                wrapped |= wraps(v, local[c], tile[n, c])
            before[c] = v
            w = below_four(v, theta)
            rare |= not -4 * theta < v < 4 * theta
            tile[n, c] = v - w
            local[c] = w
        if rare:
            for c in range(BLOCK):
                v = before[c]
                if not -4 * theta < v < 4 * theta:
                    tile[n, c], local[c] = split_mod(v, theta)
    return wrapped


def encode_blocks(x, theta, reset, leak, u0, out):
    """:func:`encode_block` over all rows, ``BLOCK`` at a time.

    Parameters
    ----------
    x, theta, reset, leak, u0, out
        As for :func:`encode_rows`.

    Returns
    -------
    tuple
        ``(final membranes, bad)`` as :func:`encode_rows` returns them.

    Examples
    --------
    >>> out = np.empty((2, 2))
    >>> encode_blocks(np.array([[0.5, 0.75], [1.5, 2.5]]), 1.0, 0, None, np.zeros(2), out)
    (array([0.25, 0.  ]), False)
    """
    u = u0.copy()
    n_blocks = (x.shape[0] + BLOCK - 1) // BLOCK
    wrapped = np.zeros(n_blocks, dtype=np.bool_)
    for b in range(n_blocks):
        wrapped[b] = encode_block(x, theta, reset, leak, u, out, b * BLOCK,
                                  min(x.shape[0], (b + 1) * BLOCK))
    return u, bool(wrapped.any())


def touch_pages(out):
    """Write a zero into every 4096-byte page of the C-contiguous array ``out``.

    Faults a fresh array's pages in, so that the encoders that later fill it find them mapped.

    Parameters
    ----------
    out : numpy.ndarray
        C-contiguous array, about to be overwritten.

    Returns
    -------
    None

    Examples
    --------
    >>> a = np.ones((2, 3))
    >>> touch_pages(a)
    >>> a
    array([[0., 1., 1.],
           [1., 1., 1.]])
    """
    flat = out.reshape(-1)
    step = max(1, 4096 // flat.itemsize)
    for i in range(0, flat.shape[0], step):
        flat[i] = 0


def clamp_rows(x, start, theta, low, high):
    """The clamp :math:`K \\mapsto \\mathrm{clip}(K, lo, hi)` of each row on the spike count.

    Reset-to-mod without leak keeps :math:`K_n = \\mathrm{clip}(K_{n-1}, \\lfloor F_n/\\theta
    \\rfloor, \\lceil F_n/\\theta\\rceil)` with the running sum :math:`F_n` (from
    ``start``); the clamps of a row compose into one (T6).  The quotient comes from the exact
    remainder, so it is exact below 2**53.

    Parameters
    ----------
    x : numpy.ndarray
        (rows, time) float samples.
    start : numpy.ndarray
        Running sum before the first sample, per row.
    theta : float
        Threshold, > 0.
    low, high : numpy.ndarray
        Receive the bounds of each row's clamp.

    Returns
    -------
    None

    Examples
    --------
    >>> low, high = np.empty(1), np.empty(1)
    >>> clamp_rows(np.array([[0.5, 0.75, -2.0]]), np.zeros(1), 1.0, low, high)
    >>> low, high
    (array([0.]), array([0.]))
    """
    for r in range(x.shape[0]):
        total = start[r]
        lo = -np.inf
        hi = np.inf
        for n in range(x.shape[1]):
            total = total + x[r, n]
            rest = np.fmod(total, theta)
            k = np.round((total - rest) / theta)
            floor = k - 1.0 if rest < 0 else k
            ceil = k + 1.0 if rest > 0 else k
            lo = min(max(lo, floor), ceil)
            hi = min(max(hi, floor), ceil)
        low[r] = lo
        high[r] = hi


def leaky_cumsum_rows(a, leak, c0, out):
    """Leaky running sums ``c_n = leak_n c_{n-1} + a_n`` of each row (D2).

    Parameters
    ----------
    a : numpy.ndarray
        (rows, time) samples.
    leak : numpy.ndarray
        1-D per-step factors (length 1: one factor for every step).
    c0 : numpy.ndarray
        Sum before the first sample, per row.
    out : numpy.ndarray
        Receives the sums, shaped as ``a``.

    Returns
    -------
    numpy.ndarray
        The last sum of each row.

    Examples
    --------
    >>> out = np.empty((1, 3))
    >>> leaky_cumsum_rows(np.ones((1, 3)), np.array([0.5]), np.zeros(1), out), out
    (array([1.75]), array([[1.  , 1.5 , 1.75]]))
    """
    c_end = c0.copy()
    for r in range(a.shape[0]):
        c = c0[r]
        for n in range(a.shape[1]):
            c = leak[n if leak.shape[0] > 1 else 0] * c + a[r, n]
            out[r, n] = c
        c_end[r] = c
    return c_end


def sum_range_block(a, leak, first, stop, peak, low, high):
    """Extremes of the running sums of rows ``first:stop`` (time outer, channels inner).

    ``c_n = leak_n c_{n-1} + a_n`` (``leak`` ``None`` for plain sums, which add in the order
    of ``np.cumsum``), in the type of ``peak``, with :math:`c_0 = 0` included.

    Parameters
    ----------
    a : numpy.ndarray
        (rows, time) samples.
    leak : numpy.ndarray or None
        Per-step factors, or ``None``.
    first, stop : int
        The rows.
    peak, low, high : numpy.ndarray
        Receive :math:`\\max_n |c_n|`, :math:`\\min_n c_n` and :math:`\\max_n c_n` per row.

    Returns
    -------
    None

    Examples
    --------
    >>> peak, low, high = np.empty(1), np.empty(1), np.empty(1)
    >>> sum_range_block(np.array([[1.0, -3.0, 1.0]]), None, 0, 1, peak, low, high)
    >>> peak, low, high
    (array([2.]), array([-2.]), array([1.]))
    """
    m = stop - first
    c = np.zeros(m, dtype=peak.dtype)
    top = np.zeros(m, dtype=peak.dtype)
    lo = np.zeros(m, dtype=peak.dtype)
    hi = np.zeros(m, dtype=peak.dtype)
    for n in range(a.shape[1]):
        for k in range(m):
            if leak is None:
                value = c[k] + a[first + k, n]
            else:
                value = leak[n if leak.shape[0] > 1 else 0] * c[k] + a[first + k, n]
            c[k] = value
            top[k] = max(top[k], abs(value))
            lo[k] = min(lo[k], value)
            hi[k] = max(hi[k], value)
    peak[first:stop] = top
    low[first:stop] = lo
    high[first:stop] = hi


def sum_ranges(a, leak, peak, low, high):
    """:func:`sum_range_block` over all rows in blocks of ``BLOCK``.

    Parameters
    ----------
    a, leak, peak, low, high
        As for :func:`sum_range_block`.

    Returns
    -------
    None

    Examples
    --------
    >>> a = np.array([[1.0, 2.0], [-1.0, 0.5]])
    >>> extremes = [np.empty(2) for _ in range(3)]
    >>> sum_ranges(a, np.array([0.5]), *extremes)
    >>> [e.tolist() for e in extremes]
    [[2.5, 1.0], [0.0, -1.0], [2.5, 0.0]]
    """
    n_blocks = (a.shape[0] + BLOCK - 1) // BLOCK
    for b in prange(n_blocks):
        sum_range_block(a, leak, b * BLOCK, min(a.shape[0], (b + 1) * BLOCK), peak, low, high)


@overload(below_two, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _below_two_numba(v, theta):
    return _below_two_integer if isinstance(v, types.Integer) else below_two


@overload(integrate, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _integrate_numba(leak, n, u, xn):
    if leak is None or isinstance(leak, types.NoneType):
        return lambda leak, n, u, xn: u + xn
    return integrate


@overload(encode_rows, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _encode_rows_numba(x, theta, reset, leak, u0, out):
    return encode_rows


@overload(_mod_below_four, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _mod_below_four_numba(v, theta):
    return _mod_below_four


@overload(below_four, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _below_four_numba(v, theta):
    return below_four


@overload(copy_in, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _copy_in_numba(src, tile):
    return copy_in


@overload(copy_out, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _copy_out_numba(tile, dst):
    return copy_out


@overload(encode_row, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _encode_row_numba(x, c, theta, reset, leak, u, out, checked):
    return encode_row


@overload(encode_tile, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _encode_tile_numba(tile, start, theta, reset, leak, local, before, checked):
    return encode_tile


@overload(encode_block, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _encode_block_numba(x, theta, reset, leak, u, out, first, stop):
    return encode_block


@overload(sum_range_block, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _sum_range_block_numba(a, leak, first, stop, peak, low, high):
    return sum_range_block


@overload(fire_once, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _fire_once_numba(v, theta, reset):
    return fire_once


@overload(fire, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _fire_numba(v, theta, reset):
    # The Python source above compiles as it stands once ``split_mod`` has its overload.
    return fire


encode_rows_numba = njit(cache=NUMBA_CACHE, nogil=True)(encode_rows)
leaky_cumsum_rows_numba = njit(cache=NUMBA_CACHE, nogil=True)(leaky_cumsum_rows)
touch_pages_numba = njit(cache=NUMBA_CACHE, nogil=True)(touch_pages)
stream_into_numba = njit(cache=NUMBA_CACHE, nogil=True)(stream_into)
clamp_rows_numba = njit(cache=NUMBA_CACHE, nogil=True)(clamp_rows)
# Threads call the encoder on groups of rows (``_threads.over_blocks``); the norms' sums have
# a serial and a numba-threaded driver from one source.
encode_blocks_numba = njit(cache=NUMBA_CACHE, nogil=True)(encode_blocks)
sum_ranges_numba = njit(cache=NUMBA_CACHE, nogil=True)(sum_ranges)
# numba's on-disk cache keys a function by its name and line, not by its options: under one
# name the serial driver would load the threaded one from the cache.
_sum_ranges_twin = FunctionType(sum_ranges.__code__, sum_ranges.__globals__,
                                "sum_ranges_parallel")
_sum_ranges_twin.__qualname__ = "sum_ranges_parallel"
sum_ranges_parallel = njit(cache=NUMBA_CACHE, nogil=True, parallel=True)(_sum_ranges_twin)

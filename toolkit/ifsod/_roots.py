"""Real roots of a float membrane polynomial on a piece, for the compiled event loop.

The membrane on a piece of :mod:`ifsod._event_kernel` is a polynomial of degree at most
``MAX_DEGREE`` in the time since the piece's anchor.  Its times at a level come from cutting the
piece at the critical points and finding one root on each monotone stretch, with a root at a cut
when the value there is zero within the rounding bound, so tangencies and roots at piece ends
are found as such.

Membranes of degree 1 and 2 are solved in closed form.  On degree 3 and 4 the critical points
do not depend on the level, so they are found once a piece (none where a Taylor bound shows
the slope keeps its sign, the usual case on a finely sampled signal), and each level's first
root in its monotone stretch takes Chebyshev steps from a Newton guess: about one polynomial
evaluation an event.  The same source runs uncompiled, and :mod:`ifsod._poly` runs
:func:`roots_on_cuts` on its own polynomials.
"""

from __future__ import annotations

import math

import numpy as np
from numba.extending import overload

from ._numba_cache import NUMBA_CACHE

#: Highest membrane degree the compiled loop handles (input pieces of degree 3 under IF).
MAX_DEGREE = 4
#: The unit roundoff of float64, in the rounding bounds of the root finders.
EPS = 2.0**-53


def work_arrays(width):
    """Scratch arrays for the root finders of polynomials with ``width`` coefficients.

    Parameters
    ----------
    width : int
        Coefficients a row holds (``MAX_DEGREE + 1`` in the event loop).

    Returns
    -------
    tuple
        ``(derivs, cuts, found, out, q)``, as :func:`roots_on_cuts`,
        :func:`quartic_slope_roots` and :func:`level_times` take them.

    Examples
    --------
    >>> [a.shape for a in work_arrays(3)]
    [(3, 3), (5,), (6,), (6,), (3,)]
    """
    return (np.zeros((width, width)), np.zeros(width + 2), np.zeros(2 * width),
            np.zeros(2 * width), np.zeros(width))


def as_values(a):
    """The ``MAX_DEGREE + 1`` leading entries of ``a`` as a tuple of floats.

    A tuple is a value: the inlined root finders take a piece's coefficients and cuts so,
    where an array argument would have its references counted at every call.

    Parameters
    ----------
    a : numpy.ndarray
        At least ``MAX_DEGREE + 1`` entries (a row of the padded table, or the scratch of
        :func:`quartic_slope_roots`).

    Returns
    -------
    tuple of float

    Examples
    --------
    >>> [float(v) for v in as_values(np.arange(6.0))]
    [0.0, 1.0, 2.0, 3.0, 4.0]
    """
    return (a[0], a[1], a[2], a[3], a[4])


def poly_value(c, deg, x):
    """``c[0] + c[1] x + ... + c[deg] x**deg`` by Horner's rule.

    Parameters
    ----------
    c : numpy.ndarray or tuple
        Coefficients, lowest first.
    deg : int
        Degree (the coefficients used).
    x : float
        The point.

    Returns
    -------
    float
        The value.

    Examples
    --------
    >>> float(poly_value(np.array([1.0, 2.0, 3.0]), 2, 2.0))
    17.0
    """
    acc = 0.0
    for k in range(deg, -1, -1):
        acc = acc * x + c[k]
    return acc


def _bound(c, deg, x, slack):
    ax, acc = abs(x), 0.0
    for k in range(deg, -1, -1):
        acc = acc * ax + abs(c[k])
    return 2 * (deg + 1) * EPS * 1.0001 * acc + slack


def _deriv_value(c, deg, x):
    acc = 0.0
    for k in range(deg, 0, -1):
        acc = acc * x + k * c[k]
    return acc


def _monotone_root(c, deg, a, b, fa):
    x = 0.5 * (a + b)
    for _ in range(200):
        fx = poly_value(c, deg, x)
        if fx == 0:
            return x
        if (fx < 0) == (fa < 0):
            a = x
        else:
            b = x
        d = _deriv_value(c, deg, x)
        step = fx / d if d != 0 else 0.0
        nxt = x - step
        if not a < nxt < b:
            nxt = 0.5 * (a + b)
        if nxt == x or not a < nxt < b:
            return x
        if abs(nxt - x) <= 2 * EPS * abs(x):
            return nxt
        x = nxt
    return x


# Unannotated, as its compiled twin below: numba's overload compares the two signatures.
def roots_on_cuts(c, deg, lo, hi, slack, derivs, knots, found, out):
    """Roots of ``c`` (degree ``deg``) in ``[lo, hi]`` into ``out``; returns how many.

    Level ``j`` holds the ``j``-th derivative; its roots cut the interval for level
    ``j - 1``, from the linear derivative down to ``c`` itself.

    Parameters
    ----------
    c : numpy.ndarray
        Coefficients, lowest power first.
    deg : int
        The degree, >= 1.
    lo, hi : float
        The closed interval searched.
    slack : float
        A bound on the error of ``c[0]``.
    derivs, knots, found : numpy.ndarray
        Work space of shapes ``(deg + 1, deg + 1)``, ``(deg + 3,)``, ``(2 * (deg + 1),)``.
    out : numpy.ndarray
        Receives the roots, sorted.

    Returns
    -------
    int
        How many roots ``out`` holds.

    Examples
    --------
    >>> out = np.zeros(6)
    >>> n = roots_on_cuts(np.array([-1.0, 0.0, 1.0]), 2, -2.0, 2.0, 0.0, np.zeros((3, 3)),
    ...                   np.zeros(5), np.zeros(6), out)
    >>> out[:n].tolist()
    [-1.0, 1.0]
    """
    for k in range(deg + 1):
        derivs[0, k] = c[k]
    for j in range(1, deg):
        for k in range(deg - j + 1):
            derivs[j, k] = derivs[j - 1, k + 1] * (k + 1)
    n_found = 0
    for j in range(deg - 1, -1, -1):
        n_knots = 0
        knots[n_knots] = lo
        n_knots += 1
        for i in range(n_found):
            if lo < found[i] < hi:
                knots[n_knots] = found[i]
                n_knots += 1
        knots[n_knots] = hi
        n_knots += 1
        d = deg - j
        s = slack if j == 0 else 0.0
        n_found = 0
        prev_zero, prev_val = False, 0.0
        for i in range(n_knots):
            v = poly_value(derivs[j], d, knots[i])
            zero = abs(v) <= _bound(derivs[j], d, knots[i], s)
            if i > 0 and not prev_zero and not zero and (prev_val < 0) != (v < 0):
                found[n_found] = _monotone_root(derivs[j], d, knots[i - 1], knots[i],
                                                prev_val)
                n_found += 1
            if zero:
                found[n_found] = knots[i]
                n_found += 1
            prev_zero, prev_val = zero, v
    for i in range(n_found):
        out[i] = found[i]
    return n_found


def _quad_value(q0, q1, q2, x):
    return (q2 * x + q1) * x + q0


def _quad_bound(q0, q1, q2, x, slack):
    ax = abs(x)
    return 6 * EPS * 1.0001 * ((abs(q2) * ax + abs(q1)) * ax + abs(q0)) + slack


def _stretch_root(q0, q1, q2, a, b):
    """The root of ``q2 s^2 + q1 s + q0`` in a monotone stretch ``(a, b)`` where it changes
    sign, in closed form."""
    if q2 == 0:
        r = -q0 / q1
    else:
        disc = max(q1 * q1 - 4 * q2 * q0, 0.0)
        big = -0.5 * (q1 + math.copysign(math.sqrt(disc), q1))
        r = big / q2
        if big != 0 and not a <= r <= b:
            r = q0 / big
    return min(max(r, a), b)


def quadratic_times(q0, q1, q2, anchor, slack, lo, hi):
    """:func:`level_times` for degree 1 and 2 (the common case: piecewise-linear input
    under IF): the critical point and the root of a monotone stretch in closed form, with the
    same cuts, zero tests and order as :func:`roots_on_cuts`.

    Parameters
    ----------
    q0, q1, q2 : float
        Coefficients of ``q(s) = q0 + q1 s + q2 s**2``, ``s = t - anchor``.
    anchor : float
        The time where ``s = 0``.
    slack : float
        Bound on the error of ``q0``, added to the zero test.
    lo, hi : float
        The interval of times, ``lo <= hi``.

    Returns
    -------
    tuple
        ``(count, times)``: the first ``count`` of the three floats ``times`` are the times
        of :func:`level_times`, the others NaN.  A tuple is a value, so the event loop's
        call counts no array reference.

    Examples
    --------
    >>> n, times = quadratic_times(-1.0, 0.0, 1.0, 0.5, 0.0, -2.0, 1.5)
    >>> n, [float(t) for t in times[:n]]
    (2, [-0.5, 1.5])
    """
    s_lo, s_hi = lo - anchor, hi - anchor
    crit = s_hi
    if q2 != 0:
        crit = -q1 / (2 * q2)
        if not s_lo < crit < s_hi:
            crit = s_hi
    # At most three times: a stretch root needs both its ends nonzero.
    m, r0, r1, r2 = 0, math.nan, math.nan, math.nan
    prev_zero, prev_val, prev_x = False, 0.0, s_lo
    for i in range(3):
        x = s_lo if i == 0 else (crit if i == 1 else s_hi)
        if i == 2 and crit == s_hi:
            break
        v = _quad_value(q0, q1, q2, x)
        zero = abs(v) <= _quad_bound(q0, q1, q2, x, slack)
        s = math.nan
        if i > 0 and not prev_zero and not zero and (prev_val < 0) != (v < 0):
            s = _stretch_root(q0, q1, q2, prev_x, x)
        for r in (s, x if zero else math.nan):
            if math.isnan(r):
                continue
            t = lo if r <= s_lo else (hi if r >= s_hi else min(max(r + anchor, lo), hi))
            if m == 0:
                r0, m = t, 1
            elif t != (r0 if m == 1 else r1):
                if m == 1:
                    r1 = t
                else:
                    r2 = t
                m += 1
        prev_zero, prev_val, prev_x = zero, v, x
    return m, (r0, r1, r2)


def monotone_sign(c, s_lo, s_hi):
    """``1`` or ``-1`` when ``P'`` keeps that sign on ``[s_lo, s_hi]`` beyond any rounding of
    the test, else ``0``.

    The Taylor expansion of ``P'`` at the midpoint: when its value there exceeds the sum of
    its other terms over the half-width plus a bound on the rounding of the expansion,
    ``P'`` has no root on the piece, so ``P`` has no critical points there.

    Parameters
    ----------
    c : numpy.ndarray or tuple
        A row of the padded table.
    s_lo, s_hi : float
        The piece, in time since its anchor.

    Returns
    -------
    int
        The sign, or ``0`` where the test cannot show one.

    Examples
    --------
    >>> c = np.array([0.0, -3.0, 0.0, 1.0, 0.0])  # s**3 - 3 s, turning at -1 and 1
    >>> monotone_sign(c, 1.5, 2.0), monotone_sign(c, -0.5, 0.5), monotone_sign(c, 0.0, 2.0)
    (1, -1, 0)
    """
    m, r = 0.5 * (s_lo + s_hi), 0.5 * (s_hi - s_lo)
    e1, e2, e3 = 2 * c[2], 3 * c[3], 4 * c[4]
    lead = ((e3 * m + e2) * m + e1) * m + c[1]
    rest = (((abs(e3) * r + abs(3 * e3 * m + e2)) * r + abs((3 * e3 * m + 2 * e2) * m + e1))
            * r)
    am = abs(m) + r
    size = ((abs(e3) * am + abs(e2)) * am + abs(e1)) * am + abs(c[1])
    if abs(lead) - rest > 64 * EPS * size:
        return 1 if lead > 0 else -1
    return 0


def head(c, x):
    """``(P(x) - c[0], bound)`` for a row ``c`` of the padded table.

    The value at ``x`` but for the constant term, and the sum of ``|c[k]| |x|^k`` over
    ``k >= 1``, as the last Horner steps of :func:`poly_value` and :func:`_bound` see them
    (adding the constant term gives their results bit for bit: the zero coefficients above
    the degree add exact zeros).

    Parameters
    ----------
    c : numpy.ndarray or tuple
        ``MAX_DEGREE + 1`` coefficients, lowest first, zeros above the degree.
    x : float
        The point.

    Returns
    -------
    tuple
        ``(value, bound)``.

    Examples
    --------
    >>> [float(v) for v in head(np.array([5.0, -1.0, 2.0, 0.0, 0.0]), 2.0)]
    [6.0, 10.0]
    """
    ax = abs(x)
    acc = ((c[4] * x + c[3]) * x + c[2]) * x + c[1]
    size = ((abs(c[4]) * ax + abs(c[3])) * ax + abs(c[2])) * ax + abs(c[1])
    return acc * x, size * ax


def _two_product(a, b):
    """``a * b`` and its rounding error, exactly (Dekker's splitting)."""
    p = a * b
    ca, cb = 134217729.0 * a, 134217729.0 * b
    a_hi, b_hi = ca - (ca - a), cb - (cb - b)
    a_lo, b_lo = a - a_hi, b - b_hi
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _slope(c1, c2, c3, c4, x):
    """``P'(x) = c1 + 2 c2 x + 3 c3 x^2 + 4 c4 x^3`` by compensated Horner: as accurate as
    twice the working precision, so its sign holds next to a root."""
    s, err = 4 * c4, 0.0
    for e in (3 * c3, 2 * c2, c1):
        p, p_err = _two_product(s, x)
        s = p + e
        z = s - p
        err = err * x + (p_err + ((p - (s - z)) + (e - z)))
    return s + err


def _polish_critical(c, x):
    """A root of ``P'`` near ``x`` improved by Newton steps on the compensated slope while
    it drops: a turning point at a float (a tangency of exactly representable input) lands
    on that float."""
    c1, c2, c3, c4 = c[1], c[2], c[3], c[4]
    d = _slope(c1, c2, c3, c4, x)
    for _ in range(4):
        curve = (12 * c4 * x + 6 * c3) * x + 2 * c2
        if d == 0 or curve == 0:
            break
        nxt = x - d / curve
        if nxt == x:
            break
        d_nxt = _slope(c1, c2, c3, c4, nxt)
        if not abs(d_nxt) < abs(d):
            break
        x, d = nxt, d_nxt
    return x


def quartic_slope_roots(c, s_lo, s_hi, work):
    """Where the slope of a piece of degree 4 (a cubic) vanishes on ``[s_lo, s_hi]``, by
    :func:`roots_on_cuts`, for :func:`piece_knots` (degree 3 has its quadratic slope's roots
    in closed form from :func:`quadratic_times`).

    Parameters
    ----------
    c : numpy.ndarray or tuple
        The piece's row of the padded table.
    s_lo, s_hi : float
        The piece, in time since its anchor.
    work : tuple
        From :func:`work_arrays`.

    Returns
    -------
    tuple
        ``(count, roots)``: the first ``count`` of the ``MAX_DEGREE + 1`` floats ``roots``,
        sorted.

    Examples
    --------
    >>> c = np.array([0.0, 0.0, -2.0, 0.0, 1.0])  # s**4 - 2 s**2, turning at -1, 0 and 1
    >>> m, roots = quartic_slope_roots(c, -2.0, 2.0, work_arrays(5))
    >>> m, [float(r) for r in roots[:m]]
    (3, [-1.0, 0.0, 1.0])
    """
    derivs, cuts, found, out, q = work
    for k in range(MAX_DEGREE):
        q[k] = (k + 1) * c[k + 1]
    m = roots_on_cuts(q, MAX_DEGREE - 1, s_lo, s_hi, 0.0, derivs, cuts, found, out)
    return min(m, MAX_DEGREE + 1), as_values(out)


def piece_knots(c, m, roots, s_lo, s_hi):
    """The cuts of a piece of degree 3 or 4 for :func:`first_time`, where
    :func:`monotone_sign` cannot show it monotone (a monotone piece's only cut is ``s_hi``).

    Its critical points strictly inside ``(s_lo, s_hi)``, each of the slope's roots polished
    on the compensated slope, and then ``s_hi``, with their :func:`head` values.  A piece of
    degree 4 has at most three turning points; room is left for four, the rest being rounding.

    Parameters
    ----------
    c : numpy.ndarray or tuple
        The piece's row of the padded table (:func:`as_values` of it in the event loop).
    m : int
        How many of ``roots`` are the slope's roots.
    roots : tuple
        The slope's roots, sorted (:func:`quadratic_times` or :func:`quartic_slope_roots`).
    s_lo, s_hi : float
        The piece, in time since its anchor.

    Returns
    -------
    tuple
        ``(count, knots, heads, sizes)``: the first ``count`` of the ``MAX_DEGREE + 1``
        floats ``knots`` are the cuts, ``heads`` and ``sizes`` their :func:`head` values and
        bounds.  Tuples are values: the event loop's call counts no array reference.

    Examples
    --------
    >>> c = np.array([0.0, -3.0, 0.0, 1.0, 0.0])  # s**3 - 3 s
    >>> m, roots = quadratic_times(c[1], 2 * c[2], 3 * c[3], 0.0, 0.0, -2.0, 2.0)
    >>> n, knots, heads, sizes = piece_knots(c, m, roots, -2.0, 2.0)
    >>> n, [float(x) for x in knots[:n]], [float(h) for h in heads[:n]]
    (3, [-1.0, 1.0, 2.0], [2.0, -2.0, 2.0])
    """
    # Unfilled places hold s_hi, so the place after the last critical point is the end cut.
    k0 = k1 = k2 = k3 = s_hi
    n = 0
    for i in range(m):
        x = _polish_critical(c, roots[i])
        last = k0 if n == 1 else (k1 if n == 2 else k2)
        if s_lo < x < s_hi and (n == 0 or x > last) and n < 4:
            if n == 0:
                k0 = x
            elif n == 1:
                k1 = x
            elif n == 2:
                k2 = x
            else:
                k3 = x
            n += 1
    h0, z0 = head(c, k0)
    h1, z1 = head(c, k1)
    h2, z2 = head(c, k2)
    h3, z3 = head(c, k3)
    h4, z4 = head(c, s_hi)
    return n + 1, (k0, k1, k2, k3, s_hi), (h0, h1, h2, h3, h4), (z0, z1, z2, z3, z4)


def turning_knots(c, deg, s_lo, s_hi, work):
    """:func:`piece_knots` of a piece of degree 2 to 4 that :func:`monotone_sign` cannot show
    monotone: its slope's roots in closed form up to degree 3 (:func:`quadratic_times`),
    isolated for degree 4 (:func:`quartic_slope_roots`).

    Parameters
    ----------
    c : numpy.ndarray or tuple
        The piece's row of the padded table.
    deg : int
        Its degree, 2 to 4.
    s_lo, s_hi : float
        The piece, in time since its anchor.
    work : tuple
        From :func:`work_arrays` (used for degree 4).

    Returns
    -------
    tuple
        ``(count, knots, heads, sizes)`` as :func:`piece_knots` returns them.

    Examples
    --------
    >>> c = np.array([0.0, 0.0, -2.0, 0.0, 1.0])  # s**4 - 2 s**2, turning at -1, 0 and 1
    >>> n, knots, heads, sizes = turning_knots(c, 4, -2.0, 2.0, work_arrays(5))
    >>> n, [float(x) for x in knots[:n]], [float(h) for h in heads[:n]]
    (4, [-1.0, 0.0, 1.0, 2.0], [-1.0, 0.0, -1.0, 8.0])
    """
    if deg <= 3:
        m, found = quadratic_times(c[1], 2 * c[2], 3 * c[3], 0.0, 0.0, s_lo, s_hi)
        return piece_knots(c, m, found, s_lo, s_hi)
    m, found5 = quartic_slope_roots(c, s_lo, s_hi, work)
    return piece_knots(c, m, found5, s_lo, s_hi)


def _stretch_newton(c, q0, a, b, fa, fb, origin, guess):
    """The root of ``P(s) - c[0] + q0`` in a monotone stretch ``(a, b)`` where it changes
    sign from ``fa`` to ``fb``, to the precision of the time ``s + origin``; returns it and
    ``1 / P'`` at the last iterate.

    Chebyshev's method (third order, one division a step) from ``guess`` if it lies in the
    stretch, else from the secant point, kept inside the shrinking bracket by bisection.
    Its error shrinks as the cube of the step times ``2 (P''/2P')^2 + |P'''/6P'|``, read
    off the Taylor coefficients at each iterate, so most roots take one evaluation: a piece
    is short against the curvature of its membrane.
    """
    x = guess
    if not a < x < b:
        x = a + (b - a) * (fa / (fa - fb))
        if not a < x < b:
            x = 0.5 * (a + b)
    inv = math.nan
    for _ in range(200):
        # Taylor coefficients at x: value, first, second / 2, third / 6.
        c4, c3, c2 = c[4], c[3], c[2]
        g = 4 * c4 * x + c3
        h = (6 * c4 * x + 3 * c3) * x + c2
        d = ((4 * c4 * x + 3 * c3) * x + 2 * c2) * x + c[1]
        p = (((c4 * x + c3) * x + c2) * x + c[1]) * x + q0
        if p == 0:
            return x, inv
        if (p < 0) == (fa < 0):
            a = x
        else:
            b = x
        nxt, done = 0.5 * (a + b), False
        if d != 0:
            inv = 1 / d
            newton = p * inv
            curve = h * inv
            step = newton + curve * newton * newton
            nxt = x - step
            size = abs(step)
            done = 2 * (2 * curve * curve + abs(g * inv)) * size * size * size <= \
                EPS * (abs(nxt) + abs(origin))
            if not a < nxt < b:
                nxt, done = 0.5 * (a + b), False
        if done:
            return nxt, inv
        if nxt == x or not a < nxt < b:
            return x, inv
        if abs(nxt - x) <= 2 * EPS * abs(x):
            return nxt, inv
        x = nxt
    return x, inv


def first_time(c, deg, anchor, q0, slack, t_lo, b, lo_head, lo_size, knots, heads, sizes,
                n_knots, strict, open_end, after, limit, inv):
    """The first root ``t`` of ``P(t - anchor) - c[0] + q0`` in ``[t_lo, b]`` an event may take.

    That is ``t > t_lo`` if ``strict``, ``t < b`` if ``open_end``, and ``t >= after``; NaN if
    none comes before ``limit``.  The cuts are ``t_lo`` and the piece's knots beyond it
    (:func:`piece_knots`); zero tests and the order of roots are those of
    :func:`level_times`, whose roots the event loop filters the same way, but the search
    stops at the first root taken.

    Parameters
    ----------
    c, deg
        As for :func:`piece_knots`.
    anchor : float
        The piece's anchor.
    q0 : float
        Constant term replacing ``c[0]``.
    slack : float
        Bound on the error of ``q0``.
    t_lo, b : float
        The interval of times.
    lo_head, lo_size : float
        :func:`head` at ``t_lo - anchor``.
    knots, heads, sizes : numpy.ndarray or tuple
        From :func:`piece_knots` (arrays or its tuples), for the whole piece.
    n_knots : int
        How many knots there are.
    strict, open_end : bool
        Whether ``t_lo`` and ``b`` are left out.
    after, limit : float
        Earliest time taken; the search gives up at ``limit``.
    inv : float
        Inverse slope at the last root found (NaN: none), for the first Newton guess.

    Returns
    -------
    tuple
        ``(t, inv)``: the root or NaN, and the inverse slope to pass on.

    Examples
    --------
    >>> c = np.array([0.0, -3.0, 0.0, 1.0, 0.0])  # s**3 - 3 s
    >>> m, roots = quadratic_times(c[1], 2 * c[2], 3 * c[3], 0.0, 0.0, -2.0, 2.0)
    >>> n, knots, heads, sizes = piece_knots(c, m, roots, -2.0, 2.0)
    >>> lo_head, lo_size = head(c, -2.0)
    >>> t, inv = first_time(c, 3, 0.0, 0.0, 0.0, -2.0, 2.0, lo_head, lo_size, knots, heads,
    ...                     sizes, n, False, False, -math.inf, math.inf, math.nan)
    >>> float(t), float(-math.sqrt(3))
    (-1.7320508075688772, -1.7320508075688772)
    """
    s_lo, s_hi = t_lo - anchor, b - anchor
    scale = 2 * (deg + 1) * EPS * 1.0001
    prev_zero, prev_val, prev_x = False, 0.0, s_lo
    for i in range(-1, n_knots):
        if i < 0:
            x, v, size = s_lo, lo_head + q0, lo_size
        else:
            x = knots[i]
            if not x > s_lo:
                continue
            v, size = heads[i] + q0, sizes[i]
        zero = abs(v) <= scale * (size + abs(q0)) + slack
        for pass_ in range(2):
            r = math.nan
            if pass_ == 0:
                if i >= 0 and not prev_zero and not zero and (prev_val < 0) != (v < 0):
                    start = t_lo if prev_x <= s_lo else min(max(prev_x + anchor, t_lo), b)
                    if start >= limit:
                        return math.nan, inv
                    # From t_lo, a Newton step on the slope of the last root found.
                    guess = s_lo - prev_val * inv if prev_x == s_lo else math.nan
                    r, inv = _stretch_newton(c, q0, prev_x, x, prev_val, v, anchor, guess)
            elif zero:
                r = x
            if math.isnan(r):
                continue
            t = t_lo if r <= s_lo else (b if r >= s_hi else min(max(r + anchor, t_lo), b))
            if t >= limit or (t >= b if open_end else t > b):
                return math.nan, inv
            if t >= after and (t > t_lo if strict else t >= t_lo):
                return t, inv
        prev_zero, prev_val, prev_x = zero, v, x
    return math.nan, inv


def level_times(c, deg, anchor, offset, level, lo, hi, work, res):
    """Times ``lo <= t <= hi`` where ``u(t) = P(t - anchor) - offset`` equals ``level``.

    Parameters
    ----------
    c : numpy.ndarray or tuple
        The piece's row of the padded table (:func:`as_values` of it in the event loop).
    deg : int
        Its degree.
    anchor, offset, level : float
        As above.
    lo, hi : float
        The interval of times.
    work : tuple
        From :func:`work_arrays`.
    res : numpy.ndarray
        Receives the times (room for ``2 * (MAX_DEGREE + 1)``).

    Returns
    -------
    int
        How many times ``res`` holds, sorted (a root at an end is that end itself).

    Examples
    --------
    >>> res = np.zeros(10)
    >>> c = np.array([0.0, -3.0, 0.0, 1.0, 0.0])  # s**3 - 3 s
    >>> n = level_times(c, 3, 1.0, 0.0, 2.0, -5.0, 5.0, work_arrays(5), res)
    >>> res[:n].tolist()
    [0.0, 3.0]
    """
    if deg == 0:
        return 0
    slack = 8 * EPS * (abs(c[0]) + abs(offset) + abs(level))
    if deg <= 2:
        m, times = quadratic_times(c[0] - (offset + level), c[1], c[2], anchor, slack, lo, hi)
        for i in range(m):
            res[i] = times[i]
        return m
    return _general_times(c, deg, anchor, offset, level, lo, hi, slack, work, res)


def _general_times(c, deg, anchor, offset, level, lo, hi, slack, work, res):
    """:func:`level_times` for degree 3 and more, by :func:`roots_on_cuts`."""
    derivs, knots, found, out, q = work
    for k in range(deg + 1):
        q[k] = c[k]
    q[0] = c[0] - (offset + level)
    s_lo, s_hi = lo - anchor, hi - anchor
    n = roots_on_cuts(q, deg, s_lo, s_hi, slack, derivs, knots, found, out)
    m = 0
    for i in range(n):
        s = out[i]
        t = lo if s <= s_lo else (hi if s >= s_hi else min(max(s + anchor, lo), hi))
        if m == 0 or t != res[m - 1]:
            res[m] = t
            m += 1
    return m


# The helpers compile as they stand when the compiled loop calls them.  numba's stubs list
# no "cache" key in jit_options, though overload passes it on to the jit that compiles them.
@overload(work_arrays, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _work_arrays_numba(width):
    return work_arrays


@overload(as_values, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _as_values_numba(a):
    return as_values


@overload(poly_value, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _poly_value_numba(c, deg, x):
    return poly_value


@overload(_bound, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _bound_numba(c, deg, x, slack):
    return _bound


@overload(_deriv_value, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _deriv_value_numba(c, deg, x):
    return _deriv_value


@overload(_monotone_root, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _monotone_root_numba(c, deg, a, b, fa):
    return _monotone_root


@overload(roots_on_cuts, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _roots_on_cuts_numba(c, deg, lo, hi, slack, derivs, knots, found, out):
    return roots_on_cuts


@overload(_quad_value, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _quad_value_numba(q0, q1, q2, x):
    return _quad_value


@overload(_quad_bound, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _quad_bound_numba(q0, q1, q2, x, slack):
    return _quad_bound


@overload(_stretch_root, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _stretch_root_numba(q0, q1, q2, a, b):
    return _stretch_root


@overload(quadratic_times, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _quadratic_times_numba(q0, q1, q2, anchor, slack, lo, hi):
    return quadratic_times


@overload(_general_times, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _general_times_numba(c, deg, anchor, offset, level, lo, hi, slack, work, res):
    return _general_times


@overload(monotone_sign, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _monotone_sign_numba(c, s_lo, s_hi):
    return monotone_sign


@overload(head, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _head_numba(c, x):
    return head


@overload(_two_product, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _two_product_numba(a, b):
    return _two_product


@overload(_slope, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _slope_numba(c1, c2, c3, c4, x):
    return _slope


@overload(_polish_critical, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _polish_critical_numba(c, x):
    return _polish_critical


@overload(quartic_slope_roots, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _quartic_slope_roots_numba(c, s_lo, s_hi, work):
    return quartic_slope_roots


@overload(piece_knots, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _piece_knots_numba(c, m, roots, s_lo, s_hi):
    return piece_knots


@overload(turning_knots, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _turning_knots_numba(c, deg, s_lo, s_hi, work):
    return turning_knots


@overload(_stretch_newton, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _stretch_newton_numba(c, q0, a, b, fa, fb, origin, guess):
    return _stretch_newton


@overload(first_time, jit_options={"cache": NUMBA_CACHE}, inline="always")  # type: ignore[typeddict-unknown-key]
def _first_time_numba(c, deg, anchor, q0, slack, t_lo, b, lo_head, lo_size, knots, heads,
                      sizes, n_knots, strict, open_end, after, limit, inv):
    return first_time


@overload(level_times, jit_options={"cache": NUMBA_CACHE})  # type: ignore[typeddict-unknown-key]
def _level_times_numba(c, deg, anchor, offset, level, lo, hi, work, res):
    return level_times

"""Continuous-time signals: piecewise polynomials plus Dirac impulses (MATH.md D7)."""

from __future__ import annotations

import bisect
import itertools
import math
from fractions import Fraction

import numpy as np

from . import _poly
from ._poly import Algebraic, padd, pderiv, peval, pinteg, pscale, pshift
from ._typing import ArrayLike, Scalar
from ._validate import as_samples, check_choice, is_exact_scalar, to_fraction


def _as_list(values, name: str) -> list:
    try:
        return list(values)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of numbers; got "
                        f"{type(values).__name__}") from None


def _numbers(values, name: str, exact: bool | None = None) -> tuple[list, bool]:
    """A 1-D list of finite reals (``Fraction`` in exact mode, else ``float``) and the mode."""
    arr, is_exact = as_samples(_as_list(values, name), name, exact=exact)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {arr.shape}")
    return arr.tolist(), is_exact


def _times(values, name: str) -> tuple[list, bool]:
    """Like :func:`_numbers`, but exact algebraic times (event times of a train) pass as-is."""
    values = _as_list(values, name)
    if any(isinstance(v, Algebraic) for v in values):
        return [v if isinstance(v, Algebraic) else to_fraction(v, name) for v in values], True
    return _numbers(values, name)


def _exactify(values, exact: bool) -> list:
    if not exact:
        return [float(v) for v in values]
    return [v if isinstance(v, Algebraic) else Fraction(v) for v in values]


def _check_increasing(values, name: str) -> None:
    for k, (a, b) in enumerate(itertools.pairwise(values)):
        if not a < b:
            raise ValueError(
                f"{name} must be strictly increasing; entry {k + 1} ({b}) follows {a}")


def _at(terms, t):
    """Value at ``t`` of a sum of ``(anchor, coefficients)`` polynomials.

    At an algebraic ``t`` the polynomials are summed before evaluation, so values that are
    rational (a jump by a rational weight, a piece continued across a split) come out exact.
    """
    if isinstance(t, Algebraic):
        total: list = [Fraction(0)]
        for anchor, coeffs in terms:
            total = padd(total, pshift(list(coeffs), -anchor))
        return _poly.value_at(total, t)
    value = 0 * t
    for anchor, coeffs in terms:
        value += peval(coeffs, t - anchor)
    return value


def _rational(value, what: str):
    if isinstance(value, Algebraic):
        raise ValueError(f"{what} is irrational ({float(value)!r}); this Signal cannot hold it")
    return value


class Signal:
    r"""A piecewise-polynomial function on :math:`[t_0, T]` plus Dirac impulses (MATH.md D7).

    Piece :math:`i` is a polynomial on :math:`[b_i, b_{i+1})` (the last piece also covers
    :math:`T` unless ``end_value`` says otherwise), so the function is right-continuous and may
    jump at breakpoints.  Diracs :math:`w_j\delta(t - \tau_j)` sit at
    :math:`\tau_j \in [t_0, T]`; Diracs at one instant are merged (their weights add) and a
    Dirac of weight 0 is no impulse at all.

    Two number modes: exact (``Fraction``/SymPy ``Rational`` input; every result is exact, event
    times may be exact algebraic numbers) and float.  Mixing them gives exact results (floats
    convert exactly).  Build signals with :meth:`piecewise`, :meth:`from_sympy`,
    :meth:`from_samples` and :meth:`dirac`; combine them with ``+``, ``-`` and scalar ``*``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> f = Signal.piecewise([0, 1, 2], [[F(1)], [F(0), F(-1)]])  # 1 on [0,1), -(t-1) after
    >>> g = f + Signal.dirac([F(1, 2)], [F(3)], (0, 2))
    >>> g(F(3, 2)), g.alexiewicz_norm()
    (Fraction(-1, 2), Fraction(4, 1))
    >>> g.bin_integrals([0, 1, 2]).tolist()
    [Fraction(4, 1), Fraction(-1, 2)]
    """

    __slots__ = ("_bps", "_diracs", "_end", "_exact", "_pieces")

    def __init__(self, breakpoints, pieces, end, diracs, exact: bool) -> None:
        # Trusted constructor: validated, mode-converted input only (see the classmethods).
        self._bps = list(breakpoints)
        self._pieces = list(pieces)  # coefficient lists are never mutated in place
        self._end = end
        self._diracs = _merge_diracs(diracs)
        self._exact = exact

    # ------------------------------------------------------------------------------------------
    # Constructors
    # ------------------------------------------------------------------------------------------

    @classmethod
    def piecewise(cls, breakpoints: ArrayLike, coefficients, *,
                  end_value: Scalar | None = None) -> Signal:
        r"""Piecewise polynomial from breakpoints and per-piece coefficients.

        Parameters
        ----------
        breakpoints : sequence of real
            :math:`t_0 = b_0 < b_1 < \dots < b_n = T`.
        coefficients : sequence of sequences
            ``coefficients[i]`` are the coefficients of piece ``i`` in powers of
            :math:`(t - b_i)`, lowest first.
        end_value : real, optional
            Value at :math:`T` (default: the limit of the last piece).

        Examples
        --------
        >>> f = Signal.piecewise([0.0, 1.0, 3.0], [[1.0, 2.0], [0.0, 0.0, 1.0]])
        >>> f(0.5), f(2.0)
        (2.0, 1.0)
        """
        bps, exact = _numbers(breakpoints, "breakpoints")
        if len(bps) < 2:
            raise ValueError(f"breakpoints must hold at least two times; got {len(bps)}")
        coefficients = list(coefficients)
        if len(coefficients) != len(bps) - 1:
            raise ValueError(f"coefficients must hold one piece per interval ({len(bps) - 1}); "
                             f"got {len(coefficients)}")
        pieces = []
        for i, coeffs in enumerate(coefficients):
            coeffs, piece_exact = _numbers(coeffs, f"coefficients[{i}]")
            if not coeffs:
                raise ValueError(f"coefficients[{i}] must hold at least one coefficient")
            pieces.append(coeffs)
            exact = exact or piece_exact
        if end_value is not None:
            end_list, end_exact = _numbers([end_value], "end_value")
            exact = exact or end_exact
        _check_increasing(bps, "breakpoints")
        bps = _exactify(bps, exact)
        pieces = [(b, _exactify(c, exact)) for b, c in zip(bps, pieces)]
        if end_value is None:
            anchor, last = pieces[-1]
            end = peval(last, bps[-1] - anchor)
        else:
            end = _exactify(end_list, exact)[0]
        return cls(bps, pieces, end, [], exact)

    @classmethod
    def dirac(cls, times: ArrayLike, weights: ArrayLike, t_range) -> Signal:
        r"""Dirac impulses :math:`\sum_j w_j \delta(t - \tau_j)` on ``t_range`` (zero elsewhere).

        Examples
        --------
        >>> Signal.dirac([0.5, 0.5, 1.0], [1.0, 2.0, -1.0], (0.0, 2.0)).diracs
        ((0.5, 3.0), (1.0, -1.0))
        """
        (t0, t_end), times, weights, exact = _impulses(times, weights, t_range)
        zero = Fraction(0) if exact else 0.0
        return cls([t0, t_end], [(t0, [zero])], zero, list(zip(times, weights)), exact)

    @classmethod
    def from_samples(cls, times: ArrayLike, values: ArrayLike, kind: str = "linear") -> Signal:
        """Interpolate samples: ``"linear"`` (continuous) or ``"constant"`` (zero-order hold).

        With ``"constant"`` the value on :math:`[t_k, t_{k+1})` is ``values[k]`` and the value at
        the last time is ``values[-1]``.

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 1.0])
        >>> f(0.5), f(1.5)
        (1.0, 1.5)
        >>> Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 1.0], kind="constant")(1.5)
        2.0
        """
        check_choice(kind, "kind", ("linear", "constant"))
        ts, t_exact = _numbers(times, "times")
        vs, v_exact = _numbers(values, "values")
        if len(ts) != len(vs):
            raise ValueError(f"values must have one entry per time ({len(ts)}); got {len(vs)}")
        if len(ts) < 2:
            raise ValueError(f"times must hold at least two samples; got {len(ts)}")
        _check_increasing(ts, "times")
        exact = t_exact or v_exact
        ts, vs = _exactify(ts, exact), _exactify(vs, exact)
        if kind == "linear":
            coeffs = [[v0, (v1 - v0) / (t1 - t0)]
                      for t0, t1, v0, v1 in zip(ts, ts[1:], vs, vs[1:])]
        else:
            coeffs = [[v] for v in vs[:-1]]
        return cls(ts, list(zip(ts, coeffs)), vs[-1], [], exact)

    @classmethod
    def from_sympy(cls, expr, t, t_range) -> Signal:
        """Signal from a SymPy polynomial or ``Piecewise`` of polynomials in ``t``.

        Conditions of the ``Piecewise`` are read on each interval between the numbers they
        mention; rational coefficients give an exact signal, floats a float one.

        Examples
        --------
        >>> import sympy
        >>> t = sympy.Symbol("t")
        >>> f = Signal.from_sympy(sympy.Piecewise((t**2, t < 1), (2 - t, True)), t, (0, 2))
        >>> f.breakpoints
        (Fraction(0, 1), Fraction(1, 1), Fraction(2, 1))
        >>> [[str(c) for c in piece] for piece in f.coefficients]
        [['0', '0', '1'], ['1', '-1']]
        """
        import sympy

        (t0, t_end), _ = _range(t_range, exact=True)
        expr = sympy.sympify(expr)
        if not isinstance(t, sympy.Symbol):
            raise TypeError(f"t must be a SymPy Symbol; got {type(t).__name__}")
        cuts = {t0, t_end}
        exact = True
        for rel in expr.atoms(sympy.core.relational.Relational):
            if not (rel.lhs - rel.rhs).free_symbols <= {t}:
                raise ValueError(f"expr conditions must compare {t} with numbers; got {rel}")
            try:
                line = sympy.Poly(rel.lhs - rel.rhs, t)
            except sympy.PolynomialError as err:
                raise ValueError(f"expr conditions must compare {t} with numbers; got {rel}"
                                 ) from err
            if line.degree() != 1:
                raise ValueError(f"expr conditions must compare {t} with numbers; got {rel}")
            c1, c0 = line.all_coeffs()
            cut = -c0 / c1
            if cut.is_Rational:
                value = to_fraction(cut, "expr")
            else:
                value, exact = Fraction(float(cut)), False
            if t0 < value < t_end:
                cuts.add(value)
        bps = sorted(cuts)
        pieces = []
        for a, b in itertools.pairwise(bps):
            mid = sympy.Rational((a + b).numerator, 2 * (a + b).denominator)
            branch = _branch(expr, t, mid)
            s = sympy.Dummy("s")
            try:
                poly = sympy.Poly(sympy.expand(branch.subs(t, s + sympy.Rational(
                    a.numerator, a.denominator))), s)
            except sympy.PolynomialError as err:
                raise ValueError(f"expr must be polynomial in {t} on each piece; got {branch}"
                                 ) from err
            coeffs = poly.all_coeffs()[::-1]
            if not all(c.is_Rational for c in coeffs):
                exact = False
            pieces.append(coeffs)
        converted = []
        for i, coeffs in enumerate(pieces):
            try:
                values = [to_fraction(c, "expr") if exact else float(c) for c in coeffs]
            except TypeError as err:
                raise ValueError(f"expr must have real numeric coefficients; piece {i} has "
                                 f"{coeffs}") from err
            if not exact and not all(math.isfinite(v) for v in values):
                raise ValueError("expr must have finite coefficients")
            converted.append(values)
        return cls.piecewise(_exactify(bps, exact), converted)

    # ------------------------------------------------------------------------------------------
    # Inspection
    # ------------------------------------------------------------------------------------------

    @property
    def exact(self) -> bool:
        """True in exact mode."""
        return self._exact

    @property
    def t_range(self) -> tuple:
        """``(t0, T)``."""
        return self._bps[0], self._bps[-1]

    @property
    def breakpoints(self) -> tuple:
        """Piece boundaries :math:`b_0 < \\dots < b_n`."""
        return tuple(self._bps)

    @property
    def coefficients(self) -> tuple:
        """Per piece, the coefficients in powers of ``(t - anchors[i])``, lowest first."""
        return tuple(tuple(c) for _, c in self._pieces)

    @property
    def anchors(self) -> tuple:
        """Expansion points of the pieces, which are the breakpoints except where a piece was
        split (by ``+``, ``restrict`` or ``primitive``) and kept its original expansion point."""
        return tuple(a for a, _ in self._pieces)

    @property
    def end_value(self):
        """The value at :math:`T`."""
        return self._end

    @property
    def diracs(self) -> tuple:
        """``((time, weight), ...)`` sorted by time."""
        return tuple(self._diracs)

    def __repr__(self) -> str:
        mode = "exact" if self._exact else "float"
        return (f"Signal({mode}, t in [{self._bps[0]}, {self._bps[-1]}], "
                f"{len(self._pieces)} pieces, {len(self._diracs)} Diracs)")

    def _index(self, t) -> int:
        """Index of the piece holding ``t`` (``t0 <= t < T``)."""
        return bisect.bisect_right(self._bps, t, 0, len(self._pieces)) - 1

    def _check_time(self, t, name: str = "t"):
        if isinstance(t, Algebraic):
            value = t if self._exact else float(t)
        elif self._exact:
            value = to_fraction(t, name)
        else:
            value = float(to_fraction(t, name))
        if not self._bps[0] <= value <= self._bps[-1]:
            raise ValueError(f"{name} must lie in [t0, T] = [{self._bps[0]}, {self._bps[-1]}]; "
                             f"got {t}")
        return value

    def _value(self, t):
        if t == self._bps[-1]:
            return self._end
        return _at([self._pieces[self._index(t)]], t)

    def _left(self, t):
        """Left limit at ``t > t0``."""
        i = bisect.bisect_left(self._bps, t, 1, len(self._bps)) - 1
        return _at([self._pieces[i]], t)

    def __call__(self, t):
        """Value at ``t`` (right-continuous; Diracs are not values)."""
        if np.ndim(t) == 0:
            return self._value(self._check_time(t))
        values = [self._value(self._check_time(v)) for v in np.asarray(t, dtype=object).flat]
        return np.array(values, dtype=object if self._exact else float).reshape(np.shape(t))

    def limit(self, t, side: str = "left"):
        """One-sided limit at ``t`` (``side="left"`` needs ``t > t0``).

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 1.0], kind="constant")
        >>> f.limit(1.0), f.limit(1.0, "right")
        (0.0, 1.0)
        """
        check_choice(side, "side", ("left", "right"))
        t = self._check_time(t)
        if side == "right":
            if t == self._bps[-1]:
                raise ValueError("t must be < T for a right limit")
            return _at([self._pieces[self._index(t)]], t)
        if t == self._bps[0]:
            raise ValueError("t must be > t0 for a left limit")
        return self._left(t)

    # ------------------------------------------------------------------------------------------
    # Arithmetic
    # ------------------------------------------------------------------------------------------

    def _as_mode(self, exact: bool) -> Signal:
        if exact == self._exact:
            return self
        return Signal(_exactify(self._bps, True),
                      [(Fraction(a), _exactify(c, True)) for a, c in self._pieces],
                      Fraction(self._end),
                      [(Fraction(t), Fraction(w)) for t, w in self._diracs], True)

    def _split(self, times) -> Signal:
        """The same signal with extra breakpoints at ``times`` (pieces keep their anchors)."""
        inner = [t for t in times if self._bps[0] < t < self._bps[-1]]
        if not inner:
            return self
        bps = _sorted_unique(self._bps + inner)
        pieces = [self._pieces[self._index(b)] for b in bps[:-1]]
        return Signal(bps, pieces, self._end, self._diracs, self._exact)

    def __add__(self, other) -> Signal:
        if isinstance(other, Signal):
            exact = self._exact or other._exact
            a, b = self._as_mode(exact), other._as_mode(exact)
            if a.t_range != b.t_range:
                raise ValueError(f"other must have t_range {a.t_range}; got {b.t_range}")
            a, b = a._split(b._bps), b._split(a._bps)
            pieces = [(pa, padd(ca, pshift(cb, pa - pb)))
                      for (pa, ca), (pb, cb) in zip(a._pieces, b._pieces)]
            return Signal(a._bps, pieces, a._end + b._end, a._diracs + b._diracs, exact)
        if not (is_exact_scalar(other) or isinstance(other, int | float | np.number)):
            return NotImplemented
        exact = self._exact or is_exact_scalar(other)
        c = to_fraction(other, "other")
        c = c if exact else float(c)
        a = self._as_mode(exact)
        pieces = [(anchor, padd(coeffs, [c])) for anchor, coeffs in a._pieces]
        return Signal(a._bps, pieces, a._end + c, a._diracs, exact)

    __radd__ = __add__

    def __mul__(self, other) -> Signal:
        if not (is_exact_scalar(other) or isinstance(other, int | float | np.number)) or \
                isinstance(other, bool):
            return NotImplemented
        exact = self._exact or is_exact_scalar(other)
        c = to_fraction(other, "other")
        c = c if exact else float(c)
        a = self._as_mode(exact)
        return Signal(a._bps, [(anchor, pscale(co, c)) for anchor, co in a._pieces], a._end * c,
                      [(t, w * c) for t, w in a._diracs], exact)

    __rmul__ = __mul__

    def __neg__(self) -> Signal:
        return self * -1

    def __sub__(self, other) -> Signal:
        if isinstance(other, Signal):
            return self + (-other)
        if is_exact_scalar(other) or isinstance(other, int | float | np.number):
            return self + (-other)
        return NotImplemented

    def __rsub__(self, other) -> Signal:
        return (-self) + other

    # ------------------------------------------------------------------------------------------
    # Calculus
    # ------------------------------------------------------------------------------------------

    def primitive(self) -> Signal:
        r"""The running integral :math:`F(t) = \int_{[t_0, t]} f`; Diracs become jumps.

        :math:`F` is right-continuous: a Dirac at :math:`\tau` is counted in :math:`F(\tau)`
        (one at :math:`t_0` in :math:`F(t_0)`).

        Examples
        --------
        >>> f = Signal.piecewise([0.0, 2.0], [[1.0]]) + Signal.dirac([1.0], [5.0], (0.0, 2.0))
        >>> F = f.primitive()
        >>> F(0.5), F.limit(1.0), F(1.0), F(2.0)
        (0.5, 1.0, 6.0, 7.0)
        """
        weights = dict(self._diracs)
        split = self._split([t for t, _ in self._diracs])
        zero = Fraction(0) if self._exact else 0.0
        pieces: list = []
        for k, ((anchor, coeffs), b) in enumerate(zip(split._pieces, split._bps)):
            body = pinteg(coeffs, zero)
            # F(b-) + jump - body(b): the constant that makes this piece start at F(b).
            terms = [(anchor, [weights.get(b, zero)]), (anchor, pscale(body, -1))]
            const = _rational(_at(terms + pieces[-1:], b), f"the primitive at piece {k}")
            pieces.append((anchor, padd(body, [const])))
        t_end = split._bps[-1]
        end = _at(pieces[-1:], t_end) + weights.get(t_end, zero)
        return Signal(split._bps, pieces, end, [], self._exact)

    def derivative(self) -> Signal:
        r"""Distributional derivative: the pieces' derivatives plus a Dirac at every jump.

        The value at :math:`t_0` is a starting value, not a jump from 0, so
        ``y.derivative().primitive() == y - y(t0)`` (T4).  A signal with Diracs has no
        derivative in this class (it would need :math:`\delta'`).

        Examples
        --------
        >>> y = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 3.0], kind="constant")
        >>> y.derivative().diracs
        ((1.0, 1.0), (2.0, 2.0))
        """
        if self._diracs:
            raise ValueError("signal must have no Diracs to be differentiated")
        diracs = []
        for k in range(1, len(self._pieces)):
            b = self._bps[k]
            left = (self._pieces[k - 1][0], pscale(self._pieces[k - 1][1], -1))
            jump = _rational(_at([self._pieces[k], left], b), f"the jump at {b}")
            diracs.append((b, jump))
        t_end = self._bps[-1]
        diracs.append((t_end, self._end - _at(self._pieces[-1:], t_end)))
        pieces = [(a, pderiv(c)) for a, c in self._pieces]
        end = _at(pieces[-1:], t_end)
        return Signal(self._bps, pieces, end, diracs, self._exact)

    def restrict(self, a: Scalar, b: Scalar) -> Signal:
        """The signal on :math:`[a, b]` (Diracs in the closed interval are kept).

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 2.0], [0.0, 2.0]) + Signal.dirac([1.5], [1.0], (0, 2))
        >>> g = f.restrict(0.5, 1.5)
        >>> g.t_range, g(1.0), g.diracs
        ((0.5, 1.5), 1.0, ((1.5, 1.0),))
        """
        a, b = self._check_time(a, "a"), self._check_time(b, "b")
        if not a < b:
            raise ValueError(f"b must be > a; got a={a}, b={b}")
        split = self._split([a, b])
        lo, hi = split._bps.index(a), split._bps.index(b)
        diracs = [(t, w) for t, w in self._diracs if a <= t <= b]
        return Signal(split._bps[lo:hi + 1], split._pieces[lo:hi], self._value(b), diracs,
                      self._exact)

    def bin_integrals(self, edges: ArrayLike) -> np.ndarray:
        r"""Integrals over the bins between ``edges``: the discrete :math:`x_n` of D4.

        Bin :math:`n` is :math:`[e_n, e_{n+1})`; the last bin is closed when it ends at
        :math:`T`, so the bins of a full partition hold every Dirac exactly once.

        Returns
        -------
        numpy.ndarray
            ``len(edges) - 1`` values: ``float64``, or ``Fraction`` objects in exact mode.

        Examples
        --------
        >>> f = Signal.from_samples([0.0, 2.0], [0.0, 2.0]) + Signal.dirac([1.0], [3.0], (0, 2))
        >>> f.bin_integrals([0.0, 1.0, 2.0])
        array([0.5, 4.5])
        """
        edges, exact = _numbers(edges, "edges", exact=True if self._exact else None)
        if exact and not self._exact:
            return self._as_mode(True).bin_integrals(edges)
        if len(edges) < 2:
            raise ValueError(f"edges must hold at least two times; got {len(edges)}")
        _check_increasing(edges, "edges")
        for e in (edges[0], edges[-1]):
            self._check_time(e, "edges")
        big_f = self.primitive()
        left = [big_f._left(e) if e > self._bps[0] else 0 * e for e in edges]
        if edges[-1] == self._bps[-1]:
            left[-1] = big_f._end
        out = [b - a for a, b in itertools.pairwise(left)]
        return np.array(out, dtype=object) if self._exact else np.array(out, dtype=float)

    def sup_norm(self, *, attained: bool = False):
        r""":math:`\sup_t |f(t)|` over values and one-sided limits (no Diracs allowed).

        Exact in exact mode (the result may be an algebraic number); the candidates are the
        breakpoints, their one-sided limits and the interior roots of :math:`f'`.

        Parameters
        ----------
        attained : bool
            Also return whether some :math:`t` has :math:`|f(t)|` equal to the supremum.  A
            supremum reached only as a one-sided limit is not attained, so
            :math:`|f(t)| < c` holds at every :math:`t` exactly when ``sup < c``, or
            ``sup == c`` and it is not attained.

        Returns
        -------
        float, Fraction or Algebraic, or a tuple (sup, bool) when ``attained``

        Examples
        --------
        >>> Signal.piecewise([0.0, 2.0], [[0.0, 2.0, -1.0]]).sup_norm()  # 2s - s^2
        1.0
        >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 1.0, 0.0], kind="constant")
        >>> f.sup_norm(attained=True)
        (1.0, True)
        >>> ramp = Signal.piecewise([0.0, 1.0, 2.0], [[0.0, 1.0], [0.0]])  # t, then 0
        >>> ramp.sup_norm(attained=True)  # 1 only as t -> 1 from the left
        (1.0, False)
        """
        if self._diracs:
            raise ValueError("signal must have no Diracs for a sup norm (they are unbounded)")
        best = best_attained = abs(self._end)
        for k, (anchor, coeffs) in enumerate(self._pieces):
            a, b = self._bps[k], self._bps[k + 1]
            lo, hi = _poly.lower(a) - anchor, _poly.upper(b) - anchor
            # Values at a and at the critical points are taken; the one at b is a left limit.
            taken = [a] + [s + anchor for s in _poly.roots_in(pderiv(coeffs), lo, hi,
                                                              self._exact)
                           if a < s + anchor < b]
            for t in taken:
                best_attained = max(best_attained, abs(_at([(anchor, coeffs)], t)))
            best = max(best, best_attained, abs(_at([(anchor, coeffs)], b)))
        return (best, best_attained == best) if attained else best

    def alexiewicz_norm(self, *, leak_rate: Scalar = 0.0):
        r"""Alexiewicz norm :math:`\|f\|_A = \sup_t |\int_{[t_0,t]} f|` (D1), exactly.

        The supremum runs over the primitive's values and one-sided limits (breakpoints, Dirac
        instants and interior critical points); in exact mode the result is a ``Fraction`` or an
        exact algebraic number.  With ``leak_rate`` :math:`\alpha > 0` (float mode only): the
        leaky norm :math:`\sup_t |\int_{[t_0,t]} e^{-\alpha(t-s)} f(s)\,ds|` (D2), its
        interior extrema isolated exactly and polished by Brent's method.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> f = Signal.piecewise([F(0), F(3)], [[F(1), F(-1)]])  # 1 - t: F(t) = t - t^2/2
        >>> f.alexiewicz_norm()
        Fraction(3, 2)
        >>> round(Signal.piecewise([0.0, 50.0], [[1.0]]).alexiewicz_norm(leak_rate=0.5), 9)
        2.0
        """
        from ._signal_leaky import check_leak_rate, leaky_sup

        alpha = check_leak_rate(leak_rate)
        if alpha:
            if self._exact:
                raise ValueError("leak_rate > 0 needs a float signal (exponentials are "
                                 "irrational); got an exact one")
            return leaky_sup(self, alpha)
        return self.primitive().sup_norm()


def _range(t_range, exact: bool | None = None) -> tuple[list, bool]:
    try:
        values = list(t_range)
    except TypeError:
        raise TypeError("t_range must be a pair (t0, T)") from None
    if len(values) != 2:
        raise ValueError(f"t_range must be a pair (t0, T); got {len(values)} values")
    values, is_exact = _numbers(values, "t_range", exact=exact)
    if not values[0] < values[1]:
        raise ValueError(f"t_range must have t0 < T; got {tuple(values)}")
    return values, is_exact


def _sorted_unique(values) -> list:
    out: list = []
    for v in sorted(values):
        if not out or out[-1] != v:
            out.append(v)
    return out


def _impulses(times, weights, t_range, exact: bool = False) -> tuple:
    """Validated impulses: ``((t0, T), times, weights, exact)``, every time in ``[t0, T]``.

    The mode is exact if any input is (or ``exact`` asks for it)."""
    (t0, t_end), range_exact = _range(t_range)
    times, t_exact = _times(times, "times")
    weights, w_exact = _numbers(weights, "weights")
    if len(times) != len(weights):
        raise ValueError(f"weights must have one entry per time ({len(times)}); "
                         f"got {len(weights)}")
    exact = exact or range_exact or t_exact or w_exact
    t0, t_end = _exactify([t0, t_end], exact)
    times, weights = _exactify(times, exact), _exactify(weights, exact)
    for tau in times:
        if not t0 <= tau <= t_end:
            raise ValueError(f"times must lie in [t0, T] = [{t0}, {t_end}]; got {tau}")
    return (t0, t_end), times, weights, exact


def _merge_diracs(diracs) -> list:
    """Sort by time, add weights at equal times, drop zero weights."""
    out: list = []
    for t, w in sorted(diracs, key=lambda d: d[0]):
        if out and out[-1][0] == t:
            out[-1] = (t, out[-1][1] + w)
        else:
            out.append((t, w))
    return [(t, w) for t, w in out if w != 0]


def _branch(expr, t, point):
    """The branch of a (possibly ``Piecewise``) expression that holds at ``point``."""
    import sympy

    if not isinstance(expr, sympy.Piecewise):
        return expr
    for branch, cond in expr.args:
        if bool(cond.subs(t, point)):
            return _branch(branch, t, point)
    raise ValueError(f"expr is undefined at t = {point}")

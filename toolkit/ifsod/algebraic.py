"""Exact real algebraic numbers: the event times and norms of exact continuous-time signals.

An :class:`Algebraic` is an irrational real root of an irreducible rational polynomial, held as
that polynomial and an isolating interval; every comparison with a rational or another
algebraic number is exact.  The continuous encoders return them as event times
(:func:`~ifsod.events.if_events`) and norms (:meth:`~ifsod.signal.Signal.alexiewicz_norm`)
where the exact value is irrational, and ``Fraction`` where it is rational.  SymPy (or
python-flint, when installed: ``pip install 'ifsod[flint]'``) factors polynomials of degree
three and more and computes resultants.  Polynomials are coefficient lists, lowest power
first, as in ``ifsod._poly``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from fractions import Fraction
from typing import Any, SupportsInt, cast

from ._poly import float_roots, padd, pderiv, peval, pshift, ptrim, sign
from ._validate import to_fraction

#: A time or value of a continuous-time signal: ``Fraction`` or :class:`Algebraic` in exact
#: mode, ``float`` otherwise.  Which mixtures are valid depends on the mode, which the code
#: checks at run time, so statically it is open.
Value = Any


class Algebraic:
    """An irrational real root of an irreducible rational polynomial, held exactly.

    Equal numbers have equal ``poly``; comparisons with rationals, floats (by their exact
    value) and other algebraic numbers are exact, refining the intervals by bisection until
    they separate.  ``float(x)`` is the value to within a relative ``2**-60``, rounded.

    Parameters
    ----------
    poly : sequence of Fraction
        Coefficients, lowest power first, of a monic polynomial irreducible over Q of degree
        >= 2 (so it has no rational roots and its roots are simple).
    lo, hi : Fraction
        An open interval ``(lo, hi)`` holding exactly one root of ``poly``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> r = Algebraic([Fraction(-2), Fraction(0), Fraction(1)], Fraction(1), Fraction(2))
    >>> r > Fraction(141, 100), r < Fraction(142, 100), round(float(r), 12)
    (True, True, 1.414213562373)
    >>> r == Algebraic([Fraction(-2), Fraction(0), Fraction(1)], Fraction(7, 5), Fraction(3, 2))
    True
    >>> import ifsod
    >>> ifsod.Algebraic is Algebraic
    True
    """

    __slots__ = ("_slo", "hi", "lo", "poly")

    def __init__(self, poly: Iterable[Fraction | int], lo: Fraction, hi: Fraction) -> None:
        if isinstance(poly, str | Set | Mapping) or not hasattr(poly, "__iter__"):
            raise TypeError(f"poly must be a sequence of rational coefficients; got "
                            f"{type(poly).__name__}")
        self.poly = tuple(to_fraction(c, "poly") for c in poly)
        self.lo, self.hi = to_fraction(lo, "lo"), to_fraction(hi, "hi")
        if len(self.poly) < 3 or self.poly[-1] != 1:
            raise ValueError(f"poly must be monic of degree >= 2; got {list(map(str, poly))}")
        self._slo = sign(peval(self.poly, self.lo))
        if not self.lo < self.hi or self._slo * sign(peval(self.poly, self.hi)) >= 0:
            raise ValueError(f"(lo, hi) = ({lo}, {hi}) must isolate a root of poly: an "
                             "interval with a sign change")
        # Equality and the comparisons rest on both: one irreducible poly per number, and
        # one root of it in the interval.
        if not all(isinstance(r, Algebraic) and r.poly == self.poly
                   for r in exact_roots(list(self.poly))):
            raise ValueError(f"poly must be irreducible over Q; {list(map(str, poly))} has a "
                             "rational root or factor")
        if _count_roots(list(self.poly), self.lo, self.hi) != 1:
            raise ValueError(f"(lo, hi) = ({lo}, {hi}) must isolate one root of poly; it "
                             "holds several")

    @classmethod
    def _isolated(cls, poly: Iterable[Fraction], lo: Fraction, hi: Fraction) -> Algebraic:
        """A root this module has isolated itself: the checks of ``__init__`` hold."""
        out = cls.__new__(cls)
        out.poly, out.lo, out.hi = tuple(poly), lo, hi
        out._slo = sign(peval(out.poly, lo))
        return out

    def refine(self) -> None:
        """Halve the isolating interval.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> r = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
        >>> r.refine()
        >>> r.lo, r.hi
        (Fraction(1, 1), Fraction(3, 2))
        """
        mid = (self.lo + self.hi) / 2
        if sign(peval(self.poly, mid)) == self._slo:
            self.lo = mid
        else:
            self.hi = mid

    def _polish(self) -> None:
        """Narrow the interval to a few float spacings around a float Newton estimate, when
        the signs at its ends confirm it (else bisection does the work)."""
        if max(abs(self.lo), abs(self.hi)) > 2**1000:
            return  # float estimates would overflow; bisection narrows the interval first
        coeffs = [float(c) for c in self.poly]
        lo, hi = float(self.lo), float(self.hi)
        x = 0.5 * (lo + hi)
        for _ in range(8):
            d = peval(pderiv(coeffs), x)
            if d == 0:
                return
            x = min(max(x - peval(coeffs, x) / d, lo), hi)
        step = 4 * math.ulp(x)
        a, b = Fraction(x - step), Fraction(x + step)
        if self.lo <= a < b <= self.hi and sign(peval(self.poly, a)) == self._slo \
                and sign(peval(self.poly, b)) == -self._slo:
            self.lo, self.hi = a, b

    def __float__(self) -> float:
        width = abs(self.lo) * Fraction(1, 2**60) + Fraction(1, 2**1074)
        if self.hi - self.lo > width:
            self._polish()
        while self.hi - self.lo > width:
            self.refine()
        return float((self.lo + self.hi) / 2)

    def __repr__(self) -> str:
        return f"Algebraic(root of {list(map(str, self.poly))} near {float(self)!r})"

    def __neg__(self) -> Algebraic:
        poly = [c if k % 2 == 0 else -c for k, c in enumerate(self.poly)]
        if len(poly) % 2 == 0:  # odd degree: keep it monic
            poly = [-c for c in poly]
        return Algebraic._isolated(poly, -self.hi, -self.lo)

    def __abs__(self) -> Algebraic:
        return -self if self < 0 else self

    def __add__(self, other: object) -> Algebraic:
        # bool is not a number here
        if isinstance(other, bool) or not isinstance(other, Fraction | int):
            return NotImplemented
        return Algebraic._isolated(pshift(list(self.poly), -Fraction(other)),
                                   self.lo + other, self.hi + other)

    __radd__ = __add__

    def __sub__(self, other: object) -> Algebraic:
        if isinstance(other, bool) or not isinstance(other, Fraction | int):
            return NotImplemented
        return self + (-Fraction(other))

    def __truediv__(self, other: object) -> Algebraic:
        """Division by a nonzero rational c: the root of p(c y), still irreducible."""
        if not isinstance(other, Fraction | int):
            return NotImplemented
        c = Fraction(other)
        scaled = [coef * c**k for k, coef in enumerate(self.poly)]
        ends = sorted((self.lo / c, self.hi / c))
        return Algebraic._isolated([coef / scaled[-1] for coef in scaled], *ends)

    def __trunc__(self) -> int:
        # Irrational, so never an integer: refine until the interval holds no integer.
        while math.floor(self.lo) != math.ceil(self.hi) - 1:
            self.refine()
        below = math.floor(self.lo)
        return below if self > 0 else below + 1

    def _cmp(self, other: Algebraic | Fraction | int) -> int:
        if isinstance(other, Algebraic):
            if other.poly == self.poly and _same_root(self, other):
                return 0
            while True:
                if self.hi <= other.lo:
                    return -1
                if other.hi <= self.lo:
                    return 1
                self.refine()
                other.refine()
        value = Fraction(other)
        while True:  # never equal: an irreducible poly of degree >= 2 has no rational root
            if self.hi <= value:
                return -1
            if value <= self.lo:
                return 1
            self.refine()

    def _compare(self, other: object, test: Callable[[int], bool]) -> bool:
        if isinstance(other, float):
            if math.isnan(other):
                return False  # NaN is unordered: every comparison is false
            # An infinity is beyond every real: compare as a number past either end.
            other = Fraction(other) if math.isfinite(other) else \
                (self.hi + 1 if other > 0 else self.lo - 1)
        if not isinstance(other, Algebraic | Fraction | int):
            return NotImplemented
        return test(self._cmp(other))

    def __eq__(self, other: object) -> bool:
        return self._compare(other, lambda c: c == 0)

    def __lt__(self, other: object) -> bool:
        return self._compare(other, lambda c: c < 0)

    def __le__(self, other: object) -> bool:
        return self._compare(other, lambda c: c <= 0)

    def __gt__(self, other: object) -> bool:
        return self._compare(other, lambda c: c > 0)

    def __ge__(self, other: object) -> bool:
        return self._compare(other, lambda c: c >= 0)

    def __hash__(self) -> int:
        return hash(self.poly)

    def to_sympy(self) -> Any:
        """The same number as a SymPy ``CRootOf``.

        Returns
        -------
        sympy.CRootOf
            The root of the same polynomial that this number is.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> Algebraic([F(-2), F(0), F(1)], F(1), F(2)).to_sympy()
        CRootOf(x**2 - 2, 1)
        """
        import sympy

        x = sympy.Dummy("x")
        p = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in self.poly[::-1]], x)
        # Both lists are sorted: the k-th interval isolates the k-th real root.
        for root, ((a, b), _) in zip(p.real_roots(radicals=False), p.intervals(), strict=True):
            if Algebraic(self.poly, _frac(a), _frac(b)) == self:
                return root
        raise AssertionError("no real root of the polynomial matches")  # pragma: no cover


def _frac(x: Any) -> Fraction:
    """A SymPy or gmpy-style rational as ``Fraction``."""
    return Fraction(int(x.numerator), int(x.denominator))


def _same_root(a: Algebraic, b: Algebraic) -> bool:
    """Whether two isolating intervals of one irreducible polynomial hold the same root."""
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo >= hi:
        return False
    # Each interval holds exactly one simple root, so the overlap holds a root iff p changes sign.
    return sign(peval(a.poly, lo)) != sign(peval(a.poly, hi))


def lower(x: Algebraic | Fraction | int) -> Fraction:
    """A rational lower bound of an exact real ``x``.

    Parameters
    ----------
    x : Algebraic, Fraction or int
        An exact real.

    Returns
    -------
    Fraction
        ``x`` itself if rational, else the low end of its isolating interval.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> lower(Algebraic([F(-2), F(0), F(1)], F(1), F(2))), lower(3)
    (Fraction(1, 1), Fraction(3, 1))
    """
    return x.lo if isinstance(x, Algebraic) else Fraction(x)


def upper(x: Algebraic | Fraction | int) -> Fraction:
    """The rational upper bound that goes with :func:`lower`: ``lower(x) <= x <= upper(x)``,
    both ``x`` for a rational, the ends of the isolating interval for an algebraic ``x``
    (where they only move closer as comparisons refine it).

    Parameters
    ----------
    x : Algebraic, Fraction or int
        The number bounded from above.

    Returns
    -------
    Fraction
        The high end of the interval, or ``x`` as a ``Fraction``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    >>> lower(root2) < root2 < upper(root2) == 2 == upper(2)
    True
    """
    return x.hi if isinstance(x, Algebraic) else Fraction(x)


def rational_between(x: Algebraic | Fraction | int, y: Algebraic | Fraction | int
                     ) -> Fraction:
    """A rational strictly between exact reals ``x < y``.

    Parameters
    ----------
    x, y : Algebraic, Fraction or int
        Exact reals with ``x < y``.

    Returns
    -------
    Fraction
        A rational ``q`` with ``x < q < y``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> rational_between(F(1), Algebraic([F(-2), F(0), F(1)], F(1), F(2)))
    Fraction(9, 8)
    """
    while upper(x) >= lower(y):
        for z in (x, y):
            if isinstance(z, Algebraic):
                z.refine()
    return (upper(x) + lower(y)) / 2


# ----------------------------------------------------------------------------------------------
# Real roots
# ----------------------------------------------------------------------------------------------

def monic(p: Sequence[Fraction]) -> list[Fraction]:
    """``p`` divided by its leading coefficient.

    Parameters
    ----------
    p : sequence of Fraction
        Coefficients, lowest power first, the last nonzero.

    Returns
    -------
    list
        The monic polynomial.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> monic([F(2), F(4)])
    [Fraction(1, 2), Fraction(1, 1)]
    """
    return [c / p[-1] for c in p]


def _rational_sqrt(q: Fraction) -> Fraction | None:
    n, d = math.isqrt(q.numerator), math.isqrt(q.denominator)
    return Fraction(n, d) if n * n == q.numerator and d * d == q.denominator else None


def _quadratic_roots(p: Sequence[Fraction]) -> list[Fraction | Algebraic]:
    c, b, a = p
    disc = b * b - 4 * a * c
    if disc < 0:
        return []
    root = _rational_sqrt(disc)
    if root is not None:
        return sorted({(-b - root) / (2 * a), (-b + root) / (2 * a)})
    # sqrt(n/d) = sqrt(n d 4^m)/(d 2^m) lies in [k, k+1)/(d 2^m) with k = isqrt(n d 4^m); the
    # two roots are sqrt(disc)/|a| >= 1/(d|a|) apart, wider than either interval, so each
    # isolates its root.  m makes k hold 70 bits: comparisons and floats need no refinement.
    n, d = disc.numerator, disc.denominator
    m = max(0, (140 - (n * d).bit_length()) // 2 + 1)
    k = math.isqrt(n * d << (2 * m))
    s_lo, s_hi = Fraction(k, d << m), Fraction(k + 1, d << m)
    poly = monic(p)
    out = []
    for sgn in (-1, 1):
        ends = sorted(((-b + sgn * s_lo) / (2 * a), (-b + sgn * s_hi) / (2 * a)))
        out.append(Algebraic._isolated(poly, *ends))
    return sorted(out)


#: Who factors rational polynomials of degree >= 3: ``"flint"`` (python-flint, the
#: ``ifsod[flint]`` extra, when installed) or ``"sympy"``.  benchmarks/bench_exact.py measures
#: both.
FACTOR_BACKEND = "sympy"
try:
    import flint as _flint  # noqa: F401
except ImportError:  # pragma: no cover - the extra is optional
    pass
else:
    FACTOR_BACKEND = "flint"


def irreducible_factors(p: Sequence[Fraction]) -> list[list[Fraction]]:
    """The distinct irreducible factors of rational ``p`` (coefficient lists).

    Parameters
    ----------
    p : sequence of Fraction
        The polynomial factored.

    Returns
    -------
    list of list of Fraction
        The factors, each once.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> sorted(irreducible_factors([F(-2), F(0), F(1)]))
    [[Fraction(-2, 1), Fraction(0, 1), Fraction(1, 1)]]
    """
    if FACTOR_BACKEND == "flint":
        import flint

        poly = flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in p])
        return [[Fraction(int(c.p), int(c.q)) for c in factor.coeffs()]
                for factor, _ in poly.factor()[1]]
    import sympy

    x = sympy.Dummy("x")
    poly = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in p[::-1]], x,
                      domain="QQ")
    return [[_frac(c) for c in factor.all_coeffs()[::-1]] for factor, _ in poly.factor_list()[1]]


def isolate_real_roots(p: Sequence[Fraction]) -> list[tuple[Fraction, Fraction]]:
    """Isolating intervals of the real roots of an irreducible ``p`` of degree >= 3.

    With python-flint: arb's certified root enclosures (disjoint, one root each; a real root
    has an exactly zero imaginary part), their ends checked for a sign change; otherwise, or
    if a check fails, SymPy's intervals (bench_exact.py times both against the
    hand-written Sturm bisection they replaced).

    Parameters
    ----------
    p : sequence of Fraction
        Coefficients, lowest power first, of an irreducible polynomial.

    Returns
    -------
    list of (Fraction, Fraction)
        One interval per real root, each holding exactly that root.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> [lo**3 < 2 < hi**3 for lo, hi in isolate_real_roots([F(-2), F(0), F(0), F(1)])]
    [True]
    """
    if FACTOR_BACKEND == "flint":
        import flint

        scale = math.lcm(*(c.denominator for c in p))
        # python-flint's stub says list[acb]; the call returns (root, multiplicity) pairs.
        roots = cast("list[tuple[flint.acb, int]]",
                     flint.fmpz_poly([int(c * scale) for c in p]).complex_roots())
        out = []
        for root, _ in roots:
            if root.imag != 0:
                continue
            mid, rad = (_dyadic(*x.man_exp()) for x in (root.real.mid(), root.real.rad()))
            lo, hi = mid - rad, mid + rad
            if sign(peval(p, lo)) * sign(peval(p, hi)) >= 0:
                break
            out.append((lo, hi))
        else:
            return out
    import sympy

    return [(_frac(lo), _frac(hi)) for (lo, hi), _ in
            sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in p[::-1]],
                       sympy.Dummy("x"), domain="QQ").intervals()]


def _dyadic(man: SupportsInt, exp: SupportsInt) -> Fraction:
    m, e = int(man), int(exp)
    return Fraction(m << e) if e >= 0 else Fraction(m, 1 << -e)


def _higher_roots(p: Sequence[Fraction]) -> list[Fraction | Algebraic]:
    out: list[Fraction | Algebraic] = []
    for coeffs in irreducible_factors(p):
        if len(coeffs) == 2:
            out.append(-coeffs[0] / coeffs[1])
        elif len(coeffs) == 3:
            out.extend(_quadratic_roots(coeffs))
        else:
            q = monic(coeffs)
            out.extend(Algebraic._isolated(q, lo, hi) for lo, hi in isolate_real_roots(q))
    return sorted(out)


def exact_roots(p: Sequence[Fraction]) -> list[Fraction | Algebraic]:
    """Distinct real roots of a nonzero rational polynomial, sorted, exact.

    Parameters
    ----------
    p : sequence of Fraction
        The polynomial solved, not identically zero.

    Returns
    -------
    list of Fraction or Algebraic
        The roots, rational ones as ``Fraction``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> [float(r) for r in exact_roots([F(-2), F(0), F(0), F(1)])]  # the cube root of 2
    [1.2599210498948732]
    """
    p = ptrim(p)
    if len(p) == 1:
        return []
    if len(p) == 2:
        return [-p[0] / p[1]]
    if len(p) == 3:
        return _quadratic_roots(p)
    return _higher_roots(p)


def roots_in(p: Sequence[Value], lo: Value, hi: Value, exact: bool) -> list[Value]:
    """Distinct real roots of ``p`` in the closed interval ``[lo, hi]``, sorted.

    A polynomial that vanishes identically has no isolated roots and gives ``[]``.

    Parameters
    ----------
    p : sequence of Fraction or float
        The polynomial solved on the interval.
    lo, hi : real
        The interval.
    exact : bool
        Exact roots of a rational ``p``, or float roots of a float one.

    Returns
    -------
    list
        The roots in ``[lo, hi]``, sorted.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> roots_in([F(-1), F(0), F(1)], F(0), F(2), True)
    [Fraction(1, 1)]
    >>> roots_in([-1.0, 0.0, 1.0], -2.0, 0.0, False)
    [-1.0]
    """
    p = ptrim(p)
    if len(p) == 1:
        return []
    roots: list[Value] = exact_roots(p) if exact else float_roots(p)
    return [r for r in roots if lo <= r <= hi]


# ----------------------------------------------------------------------------------------------
# Values of rational polynomials at algebraic points
# ----------------------------------------------------------------------------------------------

def _interval_image(p: Sequence[Fraction], lo: Fraction, hi: Fraction
                    ) -> tuple[Fraction, Fraction]:
    """An enclosure of ``p([lo, hi])`` by interval Horner evaluation."""
    a = b = Fraction(0)
    for c in reversed(p):
        prods = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(prods) + c, max(prods) + c
    return a, b


def value_at(p: Sequence[Fraction], x: Algebraic | Fraction) -> Fraction | Algebraic:
    """Exact value of rational polynomial ``p`` (powers of ``t``) at exact real ``x``.

    Parameters
    ----------
    p : sequence of Fraction
        The polynomial, in powers of ``t``.
    x : Algebraic or Fraction
        The point.

    Returns
    -------
    Fraction or Algebraic
        A ``Fraction`` when the value is rational, else an :class:`Algebraic`.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    >>> value_at([F(1), F(0), F(3)], root2)  # 1 + 3 t^2
    Fraction(7, 1)
    >>> round(float(value_at([F(0), F(2)], root2)), 12)  # 2 sqrt(2)
    2.828427124746
    """
    if not isinstance(x, Algebraic):
        return peval(p, x)
    p = _reduce(p, x.poly)
    if len(p) == 1:
        return p[0]
    import sympy

    t, y = sympy.Dummy("t"), sympy.Dummy("y")
    q = sum(sympy.Rational(c.numerator, c.denominator) * t**k for k, c in enumerate(p))
    m = sum(sympy.Rational(c.numerator, c.denominator) * t**k for k, c in enumerate(x.poly))
    res = sympy.Poly(sympy.resultant(m, y - q, t), y, domain="QQ")
    factors = [[_frac(c) for c in f.all_coeffs()[::-1]]
               for f, _ in res.factor_list()[1] if f.degree() >= 2]
    while True:
        lo, hi = _interval_image(p, x.lo, x.hi)
        hits = [f for f in factors if _count_roots(f, lo, hi) > 0]
        if len(hits) == 1 and _count_roots(hits[0], lo, hi) == 1 and lo < hi:
            return Algebraic._isolated(monic(hits[0]), lo, hi)
        x.refine()


def _reduce(p: Sequence[Fraction], m: Sequence[Fraction]) -> list[Fraction]:
    """Remainder of ``p`` modulo monic ``m``, trimmed."""
    p = list(p)
    d = len(m) - 1
    for k in range(len(p) - 1, d - 1, -1):
        c = p[k]
        if c:
            for j in range(d + 1):
                p[k - d + j] -= c * m[j]
    return ptrim(p[:d] if len(p) > d else p)


def sturm_sequence(p: Sequence[Fraction]) -> list[list[Fraction]]:
    """The Sturm sequence of squarefree ``p``.

    Parameters
    ----------
    p : sequence of Fraction
        Coefficients, lowest power first, of a squarefree polynomial.

    Returns
    -------
    list of list
        ``p``, ``p'`` and the negated remainders.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> sturm_sequence([F(-1), F(0), F(1)])
    [[Fraction(-1, 1), Fraction(0, 1), Fraction(1, 1)], [Fraction(0, 1), Fraction(2, 1)], [Fraction(1, 1)]]
    """  # noqa: E501
    seq = [list(p), pderiv(p)]
    while len(seq[-1]) > 1:
        r = _prem(seq[-2], seq[-1])
        if r == [0]:
            break
        seq.append([-c for c in r])
    return seq


def sign_variations(seq: Iterable[Sequence[Fraction]], x: Fraction) -> int:
    """Sign changes along a Sturm sequence at ``x`` (zeros skipped).

    Parameters
    ----------
    seq : sequence of polynomials
        A Sturm sequence.
    x : Fraction or float
        The point.

    Returns
    -------
    int
        The number of sign changes.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> seq = sturm_sequence([F(-1), F(0), F(1)])
    >>> sign_variations(seq, F(-2)) - sign_variations(seq, F(2))  # roots in (-2, 2]
    2
    """
    signs = [s for s in (sign(peval(q, x)) for q in seq) if s]
    return sum(1 for u, v in itertools.pairwise(signs) if u != v)


def _count_roots(p: Sequence[Fraction], lo: Fraction, hi: Fraction) -> int:
    """Number of distinct real roots of squarefree ``p`` in ``[lo, hi]`` (Sturm)."""
    seq = sturm_sequence(p)
    return sign_variations(seq, lo) - sign_variations(seq, hi) + (1 if peval(p, lo) == 0 else 0)


def _prem(a: Sequence[Fraction], b: Sequence[Fraction]) -> list[Fraction]:
    """Remainder of ``a`` divided by ``b`` (exact)."""
    a = list(a)
    b = ptrim(b)
    while len(ptrim(a)) >= len(b):
        a = ptrim(a)
        c = a[-1] / b[-1]
        shift = len(a) - len(b)
        for j, bj in enumerate(b):
            a[shift + j] -= c * bj
        a.pop()
        if not a:
            return [Fraction(0)]
    return ptrim(a)


def evaluate(terms: Iterable[tuple[Value, Sequence[Value]]], t: Value) -> Value:
    """Value at ``t`` of a sum of polynomials ``(anchor, coefficients)`` in powers of
    ``t - anchor`` (rational anchors; ``t`` a float, ``Fraction`` or :class:`Algebraic`).

    At an algebraic ``t`` the polynomials are summed before evaluation, so values that are
    rational (a jump by a rational weight, a piece continued across a split) come out exact.

    Parameters
    ----------
    terms : iterable of (anchor, coefficients)
        The polynomials.
    t : float, Fraction or Algebraic
        The point.

    Returns
    -------
    float, Fraction or Algebraic
        The value, exact in exact mode.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    >>> evaluate([(F(0), [F(0), F(0), F(1)])], root2)  # t^2 at sqrt(2)
    Fraction(2, 1)
    """
    if isinstance(t, Algebraic):
        total: list[Value] = [Fraction(0)]
        for anchor, coeffs in terms:
            total = padd(total, pshift(list(coeffs), -anchor))
        return value_at(total, t)
    value = 0 * t
    for anchor, coeffs in terms:
        value += peval(coeffs, t - anchor)
    return value

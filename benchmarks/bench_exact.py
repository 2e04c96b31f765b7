"""Exact root work: the hand-written code of ``ifsod.algebraic`` against SymPy and python-flint.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_exact.py [--quick]``).

Each line times one job on the same random rational polynomials, in one process, and prints
the ratio of the library peer to ours (above 1: ours is faster):
- factoring (degree 3-4): python-flint ``fmpq_poly.factor`` against SymPy ``factor_list``
  (the library ``exact_roots`` uses flint when the ``ifsod[flint]`` extra is installed);
- real root isolation of irreducible factors: a hand-written Sturm bisection and python-flint's
  certified arb enclosures (what the library uses with the extra) against SymPy
  ``Poly.intervals`` (what it uses without);
- quadratics: the closed form with an integer square root against SymPy ``real_roots``;
- exact ``if_events`` on cubic pieces with each factoring backend.
"""

from __future__ import annotations

import argparse
import random
import sys
from fractions import Fraction
from functools import partial

import sympy
from _timing import median_seconds

import ifsod
from ifsod import algebraic


def _polys(count: int, degree: int, rng: random.Random) -> list[list[Fraction]]:
    return [[Fraction(rng.randint(-40, 40), rng.randint(1, 12)) for _ in range(degree)]
            + [Fraction(rng.randint(1, 9))] for _ in range(count)]


def _sympy_poly(p):
    x = sympy.Symbol("x")
    return sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in p[::-1]], x,
                      domain="QQ")


def _sturm_isolate(p) -> list:
    """Hand-written isolation by Sturm counts and bisection, the peer of the libraries."""
    seq = algebraic.sturm_sequence(p)
    bound = 1 + max(abs(c / p[-1]) for c in p[:-1])
    out, stack = [], [(-bound, bound)]
    while stack:
        lo, hi = stack.pop()
        count = algebraic.sign_variations(seq, lo) - algebraic.sign_variations(seq, hi)
        if count == 1:
            out.append((lo, hi))
        elif count > 1:
            mid = (lo + hi) / 2
            stack += [(mid, hi), (lo, mid)]
    return out


def _run(func, items):
    for item in items:
        func(item)


def _line(job: str, ours: float, peer: float, peer_name: str) -> None:
    print(f"{job:<38} {ours * 1e6:>9.1f} us {peer * 1e6:>9.1f} us  {peer / ours:>6.2f}  "
          f"({peer_name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer polynomials")
    args = parser.parse_args()
    count = 50 if args.quick else 300
    rng = random.Random(0)
    polys = _polys(count, 3, rng) + _polys(count, 4, rng)
    print(f"{'job (per polynomial)':<38} {'ours':>12} {'peer':>12}  {'ratio':>6}")

    try:
        import flint
    except ImportError:
        print("python-flint not installed (pip install 'ifsod[flint]'): factoring by SymPy")
    else:
        def flint_factor(p):
            flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in p]).factor()

        flint_s = median_seconds(partial(_run, flint_factor, polys), repeat=3) / len(polys)
        sympy_s = median_seconds(partial(_run, lambda p: _sympy_poly(p).factor_list(), polys),
                                 repeat=3) / len(polys)
        _line("factor, degree 3-4: flint", flint_s, sympy_s, "SymPy factor_list")

    algebraic.FACTOR_BACKEND = "sympy"
    irreducible = [algebraic.monic(f) for p in polys for f in algebraic.irreducible_factors(p)
                   if len(f) >= 4]
    sturm = median_seconds(partial(_run, _sturm_isolate, irreducible), repeat=3)
    peer = median_seconds(partial(_run, lambda p: _sympy_poly(p).intervals(), irreducible),
                          repeat=3)
    _line("isolate: Sturm bisection (replaced)", sturm / len(irreducible),
          peer / len(irreducible), "SymPy intervals")
    if "flint" in sys.modules:
        algebraic.FACTOR_BACKEND = "flint"
        ours = median_seconds(partial(_run, algebraic.isolate_real_roots, irreducible), repeat=3)
        _line("isolate: flint arb enclosures", ours / len(irreducible),
              peer / len(irreducible), "SymPy intervals")

    quads = _polys(count, 2, rng)
    ours = median_seconds(partial(_run, algebraic.exact_roots, quads), repeat=3)
    peer = median_seconds(partial(_run, lambda p: _sympy_poly(p).real_roots(), quads),
                          repeat=3)
    _line("quadratic roots: closed form", ours / len(quads), peer / len(quads),
          "SymPy real_roots")

    pieces = 20 if args.quick else 60
    t = [Fraction(k, 4) for k in range(pieces + 1)]
    f = ifsod.Signal.piecewise(t, [[Fraction(rng.randint(-8, 8), 4) for _ in range(3)]
                                   for _ in range(pieces)])
    timings = {}
    for backend in ("flint", "sympy"):
        algebraic.FACTOR_BACKEND = backend
        try:
            timings[backend] = median_seconds(partial(ifsod.if_events, f, Fraction(1, 2)),
                                              repeat=3)
        except ImportError:
            continue
    if len(timings) == 2:
        _line(f"exact if_events, {pieces} quadratic pieces", timings["flint"] / pieces,
              timings["sympy"] / pieces, "same with SymPy factoring")


if __name__ == "__main__":
    main()

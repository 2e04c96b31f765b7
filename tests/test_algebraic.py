"""Exact algebraic numbers (the event times and norms of exact signals) and exact roots."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import pytest

import ifsod
from ifsod import algebraic
from ifsod.algebraic import Algebraic, exact_roots


def test_algebraic_is_exported_and_validates_its_input():
    assert ifsod.Algebraic is Algebraic
    root2 = Algebraic([F(-2), F(0), F(1)], F(1), F(2))
    assert root2 > F(1414, 1000) and float(root2) == math.sqrt(2)
    with pytest.raises(ValueError, match="poly must be monic of degree >= 2"):
        Algebraic([F(-2), F(2)], F(0), F(2))
    with pytest.raises(ValueError, match="poly must be monic"):
        Algebraic([F(-2), F(0), F(2)], F(0), F(2))
    with pytest.raises(ValueError, match=r"\(lo, hi\) = \(2, 3\) must isolate a root"):
        Algebraic([F(-2), F(0), F(1)], F(2), F(3))


@pytest.mark.parametrize("backend", ["flint", "sympy"])
def test_factoring_backends_give_the_same_exact_roots(backend, monkeypatch):
    if backend == "flint":
        pytest.importorskip("flint")
    rng = random.Random(4)
    polys = [[F(rng.randint(-30, 30), rng.randint(1, 9)) for _ in range(rng.choice([4, 5]))]
             for _ in range(40)]
    polys.append([F(-2), F(0), F(0), F(1)])  # irreducible cubic
    polys.append([F(2), F(-3), F(1), F(0), F(0)])  # (t - 1)(t - 2), padded
    polys.append([F(0), F(-6), F(11), F(-6), F(1)])  # t(t-1)(t-2)(t-3): rational roots
    monkeypatch.setattr(algebraic, "FACTOR_BACKEND", "sympy")
    want = [exact_roots(p) for p in polys]
    monkeypatch.setattr(algebraic, "FACTOR_BACKEND", backend)
    got = [exact_roots(p) for p in polys]
    assert got == want
    assert got[-1] == [0, 1, 2, 3] and got[-2] == [1, 2]
    assert [float(r) for r in got[-3]] == [2 ** (1 / 3)]
    for p, roots in zip(polys, got):
        for r in roots:  # each exact root is a root of the float polynomial
            assert abs(sum(float(c) * float(r) ** k for k, c in enumerate(p))) < 1e-6 * sum(
                abs(float(c)) * max(1, abs(float(r))) ** k for k, c in enumerate(p))

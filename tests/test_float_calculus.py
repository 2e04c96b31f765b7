"""Float signals in bulk: the array primitive and derivative and the compiled sup loop, held
to exact mode (D1, D7)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ifsod._event_kernel import padded_rows, row_degrees
from ifsod._sup_kernel import sup_pieces, sup_pieces_numba
from ifsod.signal import Signal

SETTINGS = settings(max_examples=40, deadline=None)

dyadic = st.integers(-64, 64).map(lambda k: F(k, 8))
widths = st.integers(1, 12).map(lambda k: F(k, 4))


@st.composite
def dyadic_signals(draw, max_degree, diracs=True):
    """Exact signals whose float twins hold the same numbers: dyadic breakpoints,
    coefficients and Dirac weights, some Diracs inside pieces and at both ends."""
    n = draw(st.integers(1, 4))
    bps = [F(draw(st.integers(-8, 8)), 4)]
    for _ in range(n):
        bps.append(bps[-1] + draw(widths))
    coeffs = [draw(st.lists(dyadic, min_size=1, max_size=max_degree + 1)) for _ in range(n)]
    f = Signal.piecewise(bps, coeffs)
    if diracs and draw(st.booleans()):
        span = int((bps[-1] - bps[0]) * 8)
        times = draw(st.lists(st.integers(0, span).map(lambda k: bps[0] + F(k, 8)),
                              min_size=1, max_size=4, unique=True))
        f = f + Signal.dirac(times, [draw(dyadic) for _ in times], (bps[0], bps[-1]))
    return f


def _parts(f: Signal) -> tuple:
    return (f.breakpoints, f.anchors, f.coefficients, f.end_value, f.diracs)


@SETTINGS
@given(dyadic_signals(max_degree=1))
def test_float_primitive_equals_exact_mode_where_floats_hold_the_numbers(f):
    # Degree <= 1 integrates by halving: every float of the primitive is exact.
    assert _parts(f.to_float().primitive()) == _parts(f.primitive().to_float())


@SETTINGS
@given(dyadic_signals(max_degree=4, diracs=False))
def test_float_derivative_equals_exact_mode_where_floats_hold_the_numbers(f):
    assert _parts(f.to_float().derivative()) == _parts(f.derivative().to_float())


@SETTINGS
@given(dyadic_signals(max_degree=3))
def test_float_primitive_is_exact_mode_to_rounding_for_any_degree(f):
    ours, exact = f.to_float().primitive(), f.primitive()
    assert ours.breakpoints == exact.to_float().breakpoints
    scale = 1 + sum(abs(w) for _, w in f.diracs) + sum(
        abs(c) for row in f.coefficients for c in row) * 4 ** 4
    for t in list(exact.breakpoints) + [(a + b) / 2 for a, b in
                                        zip(exact.breakpoints, exact.breakpoints[1:])]:
        assert abs(ours(float(t)) - float(exact(t))) <= 1e-13 * scale
        if t > exact.t_range[0]:
            assert abs(ours.limit(float(t)) - float(exact.limit(t))) <= 1e-13 * scale


@SETTINGS
@given(dyadic_signals(max_degree=1), st.lists(st.integers(0, 96), min_size=2, max_size=6,
                                              unique=True))
def test_float_bin_integrals_equal_exact_mode_where_floats_hold_the_numbers(f, ticks):
    t0, t_end = f.t_range
    # Bins between dyadic edges, some at breakpoints and Diracs, the last one often at T.
    edges = sorted({min(t0 + F(k, 8), t_end) for k in ticks})
    if len(edges) < 2:
        return
    ours = f.to_float().bin_integrals([float(e) for e in edges])
    assert ours.tolist() == [float(v) for v in f.bin_integrals(edges)]


def test_float_primitive_keeps_each_piece_width_and_refuses_overflow_by_name():
    f = Signal.piecewise([0.0, 1.0, 2.0], [[1.0], [0.0, 0.0, 3.0]])
    assert f.primitive().coefficients == ((0.0, 1.0), (1.0, 0.0, 0.0, 1.0))
    assert f.derivative().coefficients == ((0.0,), (0.0, 6.0))
    with pytest.raises(ValueError, match="signal: the primitive overflows float64"):
        Signal.piecewise([0.0, 1e300], [[1e300]]).primitive()


def _sup_inputs(f: Signal) -> tuple:
    bps, anchors, table = f.piece_arrays()
    degrees = np.empty(table.shape[0], dtype=np.int64)
    row_degrees(table, degrees)
    return bps, anchors, padded_rows(table), degrees, float(f.end_value)


@SETTINGS
@given(dyadic_signals(max_degree=4, diracs=False))
def test_compiled_sup_is_its_python_source_and_exact_mode_to_rounding(f):
    g = f.to_float()
    args = _sup_inputs(g)
    best, attained = sup_pieces_numba(*args)
    assert (best, attained) == sup_pieces(*args)
    assert g.sup_norm(attained=True) == (best, attained)
    exact = float(f.sup_norm())
    assert abs(best - exact) <= 1e-14 * (1 + exact)


@pytest.mark.parametrize("coeffs, interval, sup", [
    ([0.0, 2.0, -1.0], (0.0, 2.0), 1.0),              # 2s - s^2: 1 at the float s = 1
    ([0.0, -3.0, 0.0, 1.0], (-2.0, 1.5), 2.0),        # s^3 - 3s: 2 at s = -1 and s = -2
    ([0.0, 0.0, -2.0, 0.0, 1.0], (-0.5, 0.5), 0.4375),  # s^4 - 2s^2 at the ends only
    ([0.0, 0.0, -2.0, 0.0, 1.0], (-1.25, 1.25), 1.0),  # turning points at -1, 1: -1
])
def test_float_sup_lands_on_turning_points_at_floats(coeffs, interval, sup):
    f = Signal(list(interval), [(0.0, coeffs)], 0.0, [], False)  # anchored at s = 0
    assert f.sup_norm(attained=True) == (sup, True)
    assert f.to_exact().sup_norm(attained=True) == (F(sup), True)


def test_float_sup_tells_a_left_limit_from_a_value_and_takes_degree_five_too():
    ramp = Signal.piecewise([0.0, 1.0, 2.0], [[0.0, 1.0], [0.0]])
    assert ramp.sup_norm(attained=True) == (1.0, False)
    quintic = Signal([-2.0, 2.0], [(0.0, [0.0, 0.0, 0.0, 0.0, 0.0, 1.0])], 32.0, [], False)
    assert quintic.sup_norm(attained=True) == (32.0, True)  # beyond the compiled degrees


def test_alexiewicz_norm_of_a_cubic_spline_takes_its_quartic_primitive():
    t = np.linspace(0.0, 3.0, 7)
    f = Signal.piecewise(t, np.random.default_rng(3).standard_normal((6, 4)))
    exact = f.to_exact().alexiewicz_norm()
    assert abs(f.alexiewicz_norm() - float(exact)) <= 1e-13 * (1 + abs(float(exact)))

"""Fast exact solvers of ifsod.sparse against exact oracles written here (no CVXPY needed)."""

from __future__ import annotations

from fractions import Fraction
from itertools import accumulate

import numpy as np
import pytest
from exact_reference import min_spike_count
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import nonempty_signals, signals, thetas

from ifsod import if_encode
from ifsod.sparse import _kernels, recover, tv_denoise

PROPERTY = settings(max_examples=150, deadline=None)
small_signals = st.lists(
    st.fractions(min_value=-5, max_value=5, max_denominator=6), min_size=1, max_size=9)


def relaxed_optimum(x, theta):
    """Least total variation of a path in the closed tube, by dynamic programming over the
    values an LP vertex can take (0 and the tube edges F_m +- theta)."""
    sums = list(accumulate(x))
    values = {Fraction(0)} | {f + d for f in sums for d in (-theta, theta)}
    best = {Fraction(0): Fraction(0)}
    for f in sums:
        best = {v: min(c + abs(v - u) for u, c in best.items())
                for v in values if abs(v - f) <= theta}
    return min(best.values())


def _path(increments):
    return list(accumulate(increments))


@PROPERTY
@given(signals, thetas)
def test_greedy_is_the_exact_quantized_optimum(x, theta):
    result = recover(x, theta) if x else recover(np.array(x, dtype=float), float(theta))
    assert result.solver == ("exact" if x else "numba")
    assert result.objective == (theta * min_spike_count(x, theta) if x else 0)
    assert result.feasible and result.status == "optimal"


@PROPERTY
@given(small_signals, thetas)
def test_lazy_and_taut_string_reach_the_exact_relaxed_optimum(x, theta):
    optimum = relaxed_optimum(x, theta)
    for method in ("lazy", "taut-string"):
        result = recover(x, theta, problem="relaxed", method=method)
        assert result.objective == optimum
        assert result.alexiewicz_residual <= theta and result.feasible
    # T6 gap: 0 <= ||IF^M(x)||_1 - LP <= (2R - 1) theta, R = same-sign runs of IF^M.
    greedy = recover(x, theta)
    runs = _same_sign_runs(np.array(greedy.spikes, dtype=float))
    assert optimum <= greedy.objective <= optimum + max(2 * runs - 1, 0) * theta


@PROPERTY
@given(nonempty_signals, thetas)
def test_taut_string_satisfies_the_least_energy_optimality_conditions(x, theta):
    # KKT of min sum y_n^2 over the tube with Y_0 = 0 and a free end (y_{N+1} = 0): the slope
    # may rise only where the path touches the upper edge and fall only at the lower edge.
    y = recover(x, theta, problem="relaxed", method="taut-string").spikes.tolist()
    path, sums = _path(y), list(accumulate(x))
    for n, (yn, ynext) in enumerate(zip(y, [*y[1:], Fraction(0)])):
        assert abs(path[n] - sums[n]) <= theta
        if ynext > yn:
            assert path[n] == sums[n] + theta
        elif ynext < yn:
            assert path[n] == sums[n] - theta
    lazy = recover(x, theta, problem="relaxed", method="lazy").spikes
    assert sum(v * v for v in y) <= sum(v * v for v in lazy)


@PROPERTY
@given(nonempty_signals, thetas)
def test_tv_denoise_satisfies_the_rof_optimality_conditions(y, lam):
    # u solves ROF iff Z = partial sums of (y - u) has |Z_n| <= lam, Z_N = 0, and
    # Z_n = -lam where u rises, +lam where it falls (T6: ||y - u||_A <= lam).
    u = tv_denoise(y, lam).signal.tolist()
    z = list(accumulate(a - b for a, b in zip(y, u)))
    assert z[-1] == 0
    for n in range(len(u) - 1):
        assert abs(z[n]) <= lam
        if u[n + 1] > u[n]:
            assert z[n] == -lam
        elif u[n + 1] < u[n]:
            assert z[n] == lam


def test_compiled_kernels_equal_the_python_source():
    rng = np.random.default_rng(5)
    for n in (1, 2, 17, 500):
        x = rng.standard_normal(n) * rng.choice([0.1, 1, 30], n)
        for radius in (0.05, 1.0, 7.0):
            out_py, out_nb = np.empty(n), np.empty(n)
            _kernels.lazy_path(x, radius, out_py)
            _kernels.lazy_path_numba(x, radius, out_nb)
            np.testing.assert_array_equal(out_py, out_nb)
            for pinned in (False, True):
                _kernels.taut_string(x, radius, pinned, out_py)
                _kernels.taut_string_numba(x, radius, pinned, out_nb)
                np.testing.assert_array_equal(out_py, out_nb)


def test_float_solvers_agree_with_exact_on_dyadic_input():
    rng = np.random.default_rng(11)
    for _ in range(20):
        x = [Fraction(int(k), 16) for k in rng.integers(-200, 200, 60)]
        floats = np.array(x, dtype=float)
        for problem, method in [("quantized", "greedy"), ("relaxed", "lazy"),
                                ("relaxed", "taut-string")]:
            exact = recover(x, Fraction(3, 4), problem=problem, method=method)
            approx = recover(floats, 0.75, problem=problem, method=method)
            assert approx.objective == pytest.approx(float(exact.objective), rel=1e-12)
            np.testing.assert_allclose(approx.spikes, np.array(exact.spikes, dtype=float),
                                       rtol=1e-9, atol=1e-9)


def test_dirac_far_above_theta_and_ties_at_the_threshold():
    # One Dirac of 10^6 theta: one instant, the whole weight, for every solver.
    x = [Fraction(0), Fraction(10**6) + Fraction(1, 3), Fraction(0)]
    assert recover(x, 1).spikes.tolist() == [0, 10**6, 0]
    assert recover(x, 1, problem="relaxed").objective == 10**6 - Fraction(2, 3)
    assert recover(x, 1, problem="relaxed", method="taut-string").objective == \
        10**6 - Fraction(2, 3)
    # Partial sums exactly on the lattice: the open ball forces the spike at the tie.
    tie = recover([Fraction(1), Fraction(1)], 1)
    assert tie.spikes.tolist() == [1, 1] and tie.alexiewicz_residual == 0
    relaxed = recover([Fraction(1), Fraction(1)], 1, problem="relaxed")
    assert relaxed.objective == 1 and relaxed.alexiewicz_residual == 1


def test_quantized_relaxed_gap_bound_on_the_bundled_recording():
    from ifsod.data import load_acceleration

    data = load_acceleration()
    for channel in range(data.samples.shape[1]):
        # Integer milli-g without its rounded mean: every float partial sum is exact.
        x = data.samples[:, channel] - np.round(np.mean(data.samples[:, channel]))
        for theta in (5.0, 50.0, 500.0):  # milli-g
            greedy = recover(x, theta)
            relaxed = recover(x, theta, problem="relaxed")
            runs = _same_sign_runs(greedy.spikes)
            gap = greedy.objective - relaxed.objective
            assert -1e-9 * greedy.objective <= gap <= max(2 * runs - 1, 0) * theta
            assert greedy.feasible and relaxed.feasible


def _same_sign_runs(spikes):
    signs = np.sign(spikes[spikes != 0])
    return int(signs.size and 1 + np.count_nonzero(np.diff(signs)))


def test_gap_grows_with_alternating_input_as_t6_states():
    x = [Fraction(3, 2), Fraction(-3, 2)] * 10
    greedy = recover(x, 1)
    assert greedy.objective == len(x) and _same_sign_runs(greedy.spikes) == len(x)
    assert recover(x, 1, problem="relaxed").objective == Fraction(1, 2)


def test_monotone_input_has_gap_at_most_theta_and_reaches_it():
    x = [Fraction(k % 5, 3) for k in range(40)]
    gap = recover(x, 1).objective - recover(x, 1, problem="relaxed").objective
    assert 0 <= gap < 1
    # F_N on the lattice: the open tube forces S_N = F_N, the closed one stops theta short.
    theta = Fraction(1, 8)
    gap = recover([Fraction(1)], theta).objective - recover(
        [Fraction(1)], theta, problem="relaxed").objective
    assert gap == theta


def test_reconstruct_contains_the_truth():
    rng = np.random.default_rng(3)
    f = np.sin(np.arange(400) / 15.0) + 0.3 * rng.standard_normal(400)
    for theta in (0.25, 1.0, 4.0):
        eta = if_encode(f, theta)
        for criterion in ("tv", "energy"):
            rec = recover(eta, theta, problem="reconstruct", criterion=criterion)
            assert rec.feasible and rec.spikes is None
            error = float(np.max(np.abs(np.cumsum(rec.signal - f))))
            assert error < 2 * theta

"""The fast solvers of ifsod.sparse against the same problems stated in CVXPY (N <= 200)."""

from __future__ import annotations

import numpy as np
import pytest

from ifsod import checks
from ifsod.data import load_acceleration
from ifsod.sparse import recover, tv_denoise

cp = pytest.importorskip("cvxpy")
REL = 1e-8


def _random_inputs(n_cases, seed):
    rng = np.random.default_rng(seed)
    for case in range(n_cases):
        n = int(rng.integers(1, 200))
        x = rng.standard_normal(n) * rng.choice([0.2, 1.0, 5.0])
        if case % 3 == 0:  # Diracs far above theta
            x[rng.integers(0, n, 2)] += rng.choice([-1, 1], 2) * 1e4
        yield x, float(rng.choice([0.3, 1.0, 2.5]))


def _data_slices():
    data = load_acceleration()
    for channel, start, theta in [(0, 0, 20.0), (1, 1500, 50.0), (4, 3000, 10.0),
                                  (7, 5000, 100.0), (8, 6800, 5.0)]:
        yield data.samples[start:start + 200, channel], theta


def _cases():
    return [*_random_inputs(8, 1), *_data_slices()]


@pytest.mark.parametrize(("x", "theta"), _cases())
def test_quantized_greedy_equals_milp_equals_tu_lp(x, theta):
    greedy = recover(x, theta, method="greedy")
    milp = recover(x, theta, method="milp")
    lp = recover(x, theta, method="cvxpy")
    assert milp.solver == lp.solver == "HIGHS"
    for result in (greedy, milp, lp):
        assert result.status == "optimal" and result.feasible
        assert result.objective == pytest.approx(greedy.objective, rel=1e-12)
        checks.check_lattice(result.spikes, theta)


def test_exact_input_gets_the_exact_lattice_box_and_an_exact_optimum():
    from fractions import Fraction

    # Ten tenths reach 1 exactly: the open ball excludes s = 0 there, though float partial
    # sums (0.9999999999999999) would admit it.
    x = [Fraction(1, 10)] * 10
    for method in ("greedy", "milp", "cvxpy"):
        r = recover(x, 1, method=method)
        assert r.objective == 1 and isinstance(r.objective, Fraction), method
        assert r.feasible and r.alexiewicz_residual < 1


@pytest.mark.parametrize(("x", "theta"), list(_data_slices())[:3])
def test_tu_lp_vertex_is_integral_before_any_rounding(x, theta):
    from ifsod.sparse import _cvxpy

    statement = _cvxpy.stated("quantized", x, None)
    low, high = _cvxpy.lattice_box(x, theta)
    statement.set(theta=theta, low=low, high=high)
    statement.problem.solve(solver="HIGHS")
    counts = statement.variable.value
    assert statement.problem.status == "optimal"
    assert np.max(np.abs(counts - np.round(counts))) < 1e-9
    assert theta * statement.problem.value == pytest.approx(recover(x, theta).objective,
                                                            rel=1e-12)


@pytest.mark.parametrize(("x", "theta"), _cases())
def test_relaxed_lazy_taut_string_and_cvxpy_reach_one_optimum(x, theta):
    fast = [recover(x, theta, problem="relaxed", method=m) for m in ("lazy", "taut-string")]
    slow = [recover(x, theta, problem="relaxed", method="cvxpy", solver=s)
            for s in ("CLARABEL", "HIGHS")]
    reference = fast[0].objective
    for result in fast:
        assert result.status == "optimal" and result.feasible
    for result in (*fast, *slow):
        _solver_point_is_near_feasible(result, theta)
        assert result.objective == pytest.approx(reference, rel=REL, abs=1e-9)
    assert reference <= recover(x, theta).objective + 1e-9
    energies = [np.sum(r.spikes ** 2) for r in (*fast, *slow)]
    assert energies[1] <= min(energies) * (1 + 1e-9)


def _solver_point_is_near_feasible(result, theta):
    # A solver's point may leave the closed ball by its tolerance; then feasible and the
    # status say so instead of "optimal".
    assert result.status in ("optimal", "constraint_violated")
    assert result.feasible == (result.status == "optimal")
    assert result.alexiewicz_residual <= theta * (1 + 1e-6)


@pytest.mark.parametrize(("x", "theta"), list(_random_inputs(4, 2)))
def test_taut_string_is_the_least_energy_path_of_the_tube(x, theta):
    for criterion in ("energy", "tv"):
        fast = recover(x, theta, problem="reconstruct", criterion=criterion)
        slow = recover(x, theta, problem="reconstruct", criterion=criterion, method="cvxpy")
        _solver_point_is_near_feasible(slow, theta)
        assert fast.objective == pytest.approx(slow.objective, rel=1e-7)
    energy = recover(x, theta, problem="reconstruct", criterion="energy", method="cvxpy")
    np.testing.assert_allclose(fast.signal, energy.signal, atol=1e-4 * (1 + np.abs(x).max()))


def test_reconstruction_error_bound_on_the_bundled_recording():
    for x, theta in _data_slices():
        eta = recover(x, theta).spikes
        for method in ("taut-string", "cvxpy"):
            rec = recover(eta, theta, problem="reconstruct", method=method)
            assert rec.feasible or method == "cvxpy"
            assert np.max(np.abs(np.cumsum(rec.signal - x))) < 2 * theta


def test_rof_duality_bound_and_agreement_with_cvxpy():
    rng = np.random.default_rng(4)
    for lam in (0.1, 1.0, 10.0):
        y = np.cumsum(rng.standard_normal(150)) + rng.standard_normal(150)
        fast, slow = tv_denoise(y, lam).signal, tv_denoise(y, lam, method="cvxpy").signal
        np.testing.assert_allclose(fast, slow, atol=1e-5)
        rounding = 1e-12 * np.max(np.abs(np.cumsum(y)))
        assert np.max(np.abs(np.cumsum(y - fast))) <= lam + rounding
        assert np.max(np.abs(np.cumsum(y - slow))) <= lam * (1 + 1e-6)


def test_lagrangian_relates_to_the_constrained_problem():
    x = next(_data_slices())[0] - 100.0
    assert recover(x, 1.0, problem="lagrangian", lam=0.5).objective == \
        pytest.approx(0.5 * np.max(np.abs(np.cumsum(x))), rel=1e-7)
    previous_l1, previous_radius = 0.0, np.inf
    for lam in (1.5, 3.0, 10.0, 40.0):
        result = recover(x, 20.0, problem="lagrangian", lam=lam)
        assert result.status == "optimal" and result.method == "radius-search"
        l1 = np.sum(np.abs(result.spikes))
        radius = result.alexiewicz_residual
        # Its minimiser solves the constrained problem at its own radius ...
        constrained = recover(x, radius, problem="relaxed")
        assert l1 == pytest.approx(constrained.objective, rel=1e-6, abs=1e-6)
        # ... and a larger weight buys a smaller radius at a larger l1 cost.
        assert radius <= previous_radius + 1e-6 and l1 >= previous_l1 - 1e-6
        previous_l1, previous_radius = l1, radius


def test_leaky_greedy_is_feasible_and_the_gap_to_the_milp_is_reported():
    # T3 leaky counterexample: LIF^M spends 8 spikes where 7 suffice.
    x = np.array([-2.34605203, -1.21996565, -1.57149586, 1.27205359, -1.07068329, -2.78176823])
    dt = np.array([0.54245998, 0.34182681, 0.4017859, 0.40769893, 0.64512552, 0.43550863])
    leak = np.exp(-2.7097274464875265 * dt)
    greedy = recover(x, 1.0, leak=leak, method="greedy")
    best = recover(x, 1.0, leak=leak)
    assert best.method == "dp" and best.status == "optimal" and best.feasible
    assert greedy.status == "feasible" and greedy.feasible
    assert (greedy.objective, best.objective) == (8.0, 7.0)
    rng = np.random.default_rng(8)
    for _ in range(3):
        x = 2 * rng.standard_normal(30)
        greedy = recover(x, 1.0, leak=0.9, method="greedy")
        best = recover(x, 1.0, leak=0.9, method="milp")
        relaxed = recover(x, 1.0, leak=0.9, problem="relaxed")
        assert greedy.feasible and best.feasible and relaxed.feasible
        assert relaxed.objective <= best.objective + 1e-9 <= greedy.objective + 2e-9


def test_cvxpy_timings_are_reported_separately():
    result = recover(np.ones(50), 0.3, problem="relaxed", method="cvxpy")
    assert result.compile_seconds > 0 and result.solve_seconds > 0


def test_tu_lp_by_an_interior_point_solver_keeps_the_integer_optimum_value():
    # Interior-point solvers may stop inside the face of optima (a fractional point); total
    # unimodularity still makes the LP value the integer optimum, and the status says which.
    for x, theta in list(_random_inputs(4, 9)):
        lp = recover(x, theta, method="cvxpy", solver="CLARABEL")
        assert lp.status in ("optimal", "optimal_fractional")
        assert lp.objective == pytest.approx(recover(x, theta).objective, rel=1e-7)

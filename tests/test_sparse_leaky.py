"""Leaky recovery, channels, time limits, parameter sweeps and the saved Recovery."""

from __future__ import annotations

import subprocess
import sys
import time
from fractions import Fraction
from itertools import product

import numpy as np
import pytest

from ifsod.norms import alexiewicz_norm
from ifsod.sparse import METHODS, Recovery, recover
from ifsod.sparse._recover import _METHODS

# The counterexample to greedy LIF^M with irregular sampling (T3): 8 spikes against 7.
COUNTEREXAMPLE_X = np.array([-2.34605203, -1.21996565, -1.57149586, 1.27205359, -1.07068329,
                             -2.78176823])
COUNTEREXAMPLE_LEAK = np.exp(-2.7097274464875265 * np.array(
    [0.54245998, 0.34182681, 0.4017859, 0.40769893, 0.64512552, 0.43550863]))


def _leaky_cases(n_cases, seed, max_n):
    rng = np.random.default_rng(seed)
    for case in range(n_cases):
        n = int(rng.integers(1, max_n + 1))
        x = rng.standard_normal(n) * rng.choice([0.3, 1.0, 3.0])
        if case % 2:
            leak = rng.uniform(0.2, 1.0, n)  # per-step leaks
        else:
            leak = float(rng.choice([0.3, 0.7, 0.9, 0.99]))
        yield x, float(rng.choice([0.25, 1.0, 2.0])), leak


def _exact_quantized_optimum(x, theta, leak):
    """Fewest spikes in the open leaky ball by enumerating every admissible count (tiny N)."""
    best = None

    def walk(n, u, cost):
        nonlocal best
        if best is not None and cost >= best:
            return
        if n == len(x):
            best = cost
            return
        v = leak[n] * u + x[n]
        low = (v / theta).__floor__()
        for k in (low - 1, low, low + 1, low + 2):
            if abs(v - theta * k) < theta:
                walk(n + 1, v - theta * k, cost + abs(k))

    walk(0, Fraction(0), 0)
    return best


def test_leaky_relaxed_equals_cvxpy_on_500_cases():
    pytest.importorskip("cvxpy")
    worst = 0.0
    for x, theta, leak in _leaky_cases(500, 1, 30):
        fast = recover(x, theta, problem="relaxed", leak=leak)
        slow = recover(x, theta, problem="relaxed", leak=leak, method="cvxpy", solver="HIGHS")
        assert fast.method == "lazy" and fast.status == "optimal" and fast.feasible
        assert slow.spikes is not None
        worst = max(worst, abs(fast.objective - slow.objective) / max(1.0, slow.objective))
        # The fast optimum is the least: no CVXPY point of the ball does better.
        assert fast.objective <= slow.objective * (1 + 1e-9) + 1e-12
    assert worst <= 1e-9


def test_leaky_quantized_dp_equals_the_milp_on_300_cases():
    pytest.importorskip("cvxpy")
    cases = [(COUNTEREXAMPLE_X, 1.0, COUNTEREXAMPLE_LEAK), *_leaky_cases(299, 2, 40)]
    beaten = 0
    for x, theta, leak in cases:
        dp = recover(x, theta, leak=leak)
        milp = recover(x, theta, leak=leak, method="milp")
        greedy = recover(x, theta, leak=leak, method="greedy")
        assert dp.method == "dp" and dp.status == "optimal" and dp.feasible
        assert dp.bound == dp.objective and dp.gap == 0
        assert milp.status == "optimal" and milp.feasible
        assert dp.objective == milp.objective
        assert greedy.feasible and greedy.objective >= dp.objective
        beaten += greedy.objective > dp.objective
    first = recover(COUNTEREXAMPLE_X, 1.0, leak=COUNTEREXAMPLE_LEAK)
    assert first.objective == 7.0 and first.spikes.tolist() == [-3, 0, -1, 0, -1, -2]
    assert beaten >= 10  # the cases do include counterexamples to greedy LIF^M


def _rational_case(rng, max_n, denominator):
    """Samples in [-3, 3] and per-step leaks in (0, 1], multiples of 1/denominator."""
    n = int(rng.integers(1, max_n + 1))
    x = [Fraction(int(k), denominator) for k in rng.integers(-3 * denominator,
                                                             3 * denominator + 1, n)]
    return x, [Fraction(int(k), denominator) for k in rng.integers(1, denominator + 1, n)]


def test_dp_is_exact_in_rationals_against_enumeration():
    rng = np.random.default_rng(3)
    for _ in range(60):
        x, leak = _rational_case(rng, 8, 8)
        theta = Fraction(int(rng.integers(1, 9)), 4)
        result = recover(x, theta, leak=leak)
        assert result.objective == theta * _exact_quantized_optimum(x, theta, leak)
        assert result.alexiewicz_residual < theta and result.feasible
        assert all(isinstance(v, Fraction) for v in result.spikes)


@pytest.mark.parametrize("method", ["dp", "milp", "greedy"])
def test_the_open_ball_is_decided_exactly(method):
    if method == "milp":
        pytest.importorskip("cvxpy")
    # s = 0 leaves |R_1| = 1 = theta, on the sphere: not in the open ball; the optimum is 1.
    for x, theta, leak in [([1, -0.75, 0.5], 1.0, 0.375),
                           ([Fraction(1), Fraction(-3, 4), Fraction(1, 2)], 1, Fraction(3, 8))]:
        result = recover(x, theta, leak=leak, method=method)
        assert result.objective == 1 and result.feasible
        assert result.alexiewicz_residual < 1
    # A train on the sphere is reported infeasible, with the exact decision (no allowance).
    from ifsod.sparse._recover import _judge

    residual, allowance, feasible = _judge(np.array([1.0, -0.75, 0.5]), np.zeros(3), 1.0,
                                           0.375, strict=True)
    assert (residual, allowance, feasible) == (1.0, 0.0, False)


def test_feasibility_is_the_stated_constraint_up_to_the_rounding_allowance():
    from ifsod.checks import rounding_allowance
    from ifsod.sparse._recover import _judge

    x = np.array([0.5000000000106])
    residual, allowance, feasible = _judge(x, np.zeros(1), 0.5, 1.0, strict=False)
    assert residual == 0.5000000000106 and not feasible
    assert allowance == rounding_allowance(np.abs(x), 0.5)
    # Inside the allowance the closed ball holds.
    x = np.array([0.5 + 1e-16])
    assert _judge(x, np.zeros(1), 0.5, 1.0, strict=False)[2]
    result = recover([0.5000000000106], 0.5, problem="relaxed")
    assert result.feasible and result.alexiewicz_residual == 0.5 and result.allowance > 0


def test_dp_time_limit_reports_the_best_train_and_a_proved_bound():
    rng = np.random.default_rng(4)
    x = 2 * rng.standard_normal(3000)
    stopped = recover(x, 1.0, leak=0.99, time_limit=0.05)
    assert stopped.status == "time_limit" and stopped.feasible
    assert stopped.bound <= stopped.objective and stopped.gap == stopped.objective - stopped.bound
    relaxed = recover(x, 1.0, leak=0.99, problem="relaxed").objective
    assert stopped.bound >= np.ceil(relaxed - 1e-6) - 1
    small = x[:300]
    exact = recover(small, 1.0, leak=0.99)
    partial = recover(small, 1.0, leak=0.99, time_limit=1e-4)
    assert partial.bound <= exact.objective <= partial.objective


def test_time_limited_milp_returns_within_its_limit_plus_two_seconds():
    pytest.importorskip("cvxpy")
    rng = np.random.default_rng(0)
    x = 2 * rng.standard_normal(3000)
    start = time.perf_counter()
    result = recover(x, 1.0, leak=0.99, method="milp", time_limit=1.0)
    elapsed = time.perf_counter() - start
    assert elapsed <= 1.0 + 2.0
    assert result.status in ("time_limit", "optimal")
    if result.status == "time_limit":
        assert result.bound <= recover(x, 1.0, leak=0.99).objective


def test_solver_options_and_verbose_reach_the_solver(capfd):
    pytest.importorskip("cvxpy")
    x = [0.5, 1.5, -2.0, 0.25]
    quiet = recover(x, 1.0, problem="relaxed", method="cvxpy", solver="CLARABEL")
    assert capfd.readouterr().out == ""
    loud = recover(x, 1.0, problem="relaxed", method="cvxpy", solver="CLARABEL", verbose=True,
                   solver_options={"max_iter": 1})
    assert "CVXPY" in capfd.readouterr().out
    assert quiet.spikes is not None and loud.status != "optimal"


def test_a_theta_sweep_compiles_once():
    pytest.importorskip("cvxpy")
    from ifsod.sparse import _cvxpy

    rng = np.random.default_rng(6)
    x = rng.standard_normal(400)
    recover(x, 1.0, problem="relaxed", method="cvxpy", leak=0.9)
    kept = dict(_cvxpy._STATED)
    compiled = [s.problem._cache.param_prog for s in kept.values()]
    assert compiled and all(program is not None for program in compiled)
    for theta in (0.5, 2.0, 3.0):
        result = recover(x, theta, problem="relaxed", method="cvxpy", leak=0.9)
        assert result.objective == pytest.approx(
            recover(x, theta, problem="relaxed", leak=0.9).objective, rel=1e-7)
    # The same statements, and CVXPY kept the compiled form of each: only theta changed.
    assert all(_cvxpy._STATED[key] is statement for key, statement in kept.items())
    assert [s.problem._cache.param_prog for s in kept.values()] == compiled


def test_first_call_counts_kernel_loading_as_compile_time():
    code = ("from ifsod.sparse import recover; import numpy as np; x = np.ones(1000); "
            "a = recover(x, 0.3, problem='relaxed', leak=0.9); "
            "b = recover(x, 0.3, problem='relaxed', leak=0.9); "
            "print(a.compile_seconds > 0, b.compile_seconds == 0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.split() == ["True", "True"]


def test_lagrangian_radius_search_equals_cvxpy():
    pytest.importorskip("cvxpy")
    for (x, _, leak), lam in zip(_leaky_cases(40, 7, 60), [0.5, 1.5, 3.0, 10.0, 40.0] * 8):
        fast = recover(x, 1.0, problem="lagrangian", lam=lam, leak=leak)
        slow = recover(x, 1.0, problem="lagrangian", lam=lam, leak=leak, method="cvxpy")
        assert fast.method == "radius-search" and fast.status == "optimal"
        assert fast.objective == pytest.approx(slow.objective, rel=1e-9, abs=1e-12)
    exact = recover([Fraction(3, 2), Fraction(-1, 4), Fraction(5, 2)], 1, problem="lagrangian",
                    lam=Fraction(5, 2), leak=Fraction(1, 2))
    assert isinstance(exact.objective, Fraction)


def test_channels_equal_the_per_channel_loop():
    rng = np.random.default_rng(8)
    x = rng.standard_normal((3, 2, 40))
    for problem, method in [("quantized", "greedy"), ("quantized", "dp"), ("relaxed", "lazy"),
                            ("relaxed", "taut-string"), ("rof", "taut-string")]:
        leak = 0.9 if method in ("dp", "lazy") else 1.0
        for axis in (-1, 0):
            data = x if axis == -1 else np.moveaxis(x, -1, 0)
            together = recover(data, 1.0, problem=problem, method=method, leak=leak, axis=axis)
            assert together.objective.shape == (3, 2) and together.status.shape == (3, 2)
            assert together.solution.shape == data.shape
            for i, j in product(range(3), range(2)):
                alone = recover(x[i, j], 1.0, problem=problem, method=method, leak=leak)
                assert together.objective[i, j] == alone.objective
                assert together.alexiewicz_residual[i, j] == alone.alexiewicz_residual
                assert together.status[i, j] == alone.status
                assert together.feasible[i, j] == alone.feasible
                picked = together.solution[i, j] if axis == -1 else together.solution[:, i, j]
                np.testing.assert_array_equal(picked, alone.solution)


def test_json_round_trip_keeps_every_field_exactly():
    results = [
        recover([0.5, 0.75, 2.5, -0.5], 1.0),
        recover([Fraction(1, 3), Fraction(5, 2)], Fraction(1, 2), problem="relaxed"),
        recover(np.arange(12.0).reshape(3, 4), 2.0, leak=0.5),
        recover([Fraction(1), Fraction(-3, 4)], 1, leak=[Fraction(3, 8), Fraction(1, 2)]),
    ]
    for result in results:
        loaded = Recovery.from_json(result.to_json())
        for name in result.to_dict():
            a, b = getattr(result, name), getattr(loaded, name)
            if isinstance(a, np.ndarray):
                assert a.dtype == b.dtype and a.shape == b.shape
                assert a.tolist() == b.tolist()
            elif isinstance(a, float) and np.isnan(a):
                assert np.isnan(b)
            else:
                assert a == b and type(a) is type(b), name
    with pytest.raises(ValueError, match="lacks the Recovery fields"):
        Recovery.from_dict({"problem": "quantized"})


def test_method_names_are_public_and_the_table_stays():
    assert set(METHODS) == {m for allowed in _METHODS.values() for m in allowed}
    assert "dp" in METHODS and "radius-search" in METHODS


def test_progress_bar_is_opt_in(capsys):
    pytest.importorskip("tqdm")
    x = np.random.default_rng(9).standard_normal(50)
    silent = recover(x, 1.0, leak=0.9)
    assert capsys.readouterr().err == ""
    shown = recover(x, 1.0, leak=0.9, progress=True)
    assert "leaky quantized" in capsys.readouterr().err
    assert shown.objective == silent.objective


def test_leaky_relaxed_exact_on_rationals_and_below_the_quantized_optimum():
    rng = np.random.default_rng(10)
    for _ in range(30):
        x, leak = _rational_case(rng, 11, 4)
        relaxed = recover(x, 1, problem="relaxed", leak=leak)
        assert relaxed.alexiewicz_residual <= 1 and isinstance(relaxed.objective, Fraction)
        assert alexiewicz_norm(np.array(x, dtype=object) - relaxed.spikes, leak=leak) <= 1
        assert relaxed.objective <= recover(x, 1, leak=leak).objective


def test_rof_direct_equals_the_pinned_taut_string_exactly_and_condat_tv():
    rng = np.random.default_rng(11)
    for _ in range(200):
        n = int(rng.integers(1, 14))
        y = [Fraction(int(k), 4) for k in rng.integers(-40, 41, n)]
        lam = Fraction(int(rng.integers(1, 13)), 4)
        direct = recover(y, lam, problem="rof")
        taut = recover(y, lam, problem="rof", method="taut-string")
        assert direct.method == "direct" and direct.signal.tolist() == taut.signal.tolist()
        assert direct.objective == taut.objective and direct.alexiewicz_residual <= lam
    from ifsod.sparse import _kernels

    for n in (1, 2, 17, 500):
        y = rng.standard_normal(n) * rng.choice([0.1, 1.0, 30.0], n)
        out_py, out_nb = np.empty(n), np.empty(n)
        _kernels.rof_direct(y, 0.7, out_py)
        _kernels.rof_direct_numba(y, 0.7, out_nb)
        np.testing.assert_array_equal(out_py, out_nb)
    condat_tv = pytest.importorskip("condat_tv")
    for _ in range(500):
        n = int(rng.integers(1, 300))
        y = np.cumsum(rng.standard_normal(n)) + rng.standard_normal(n)
        lam = float(rng.choice([0.05, 1.0, 10.0]))
        ours = recover(y, lam, problem="rof").signal
        np.testing.assert_allclose(ours, condat_tv.tv_denoise(y.copy(), lam),
                                   rtol=0, atol=1e-11 * (1 + np.abs(y).max()))


def test_channels_with_empty_axes_keep_their_shapes():
    for shape, axis in (((3, 0), -1), ((0, 5), -1), ((2, 3, 0), 1)):
        result = recover(np.zeros(shape), 1.0, axis=axis, leak=0.5)
        channels = tuple(n for i, n in enumerate(shape) if i != axis % len(shape))
        assert result.spikes.shape == shape
        assert result.objective.shape == result.status.shape == channels
        assert Recovery.from_json(result.to_json()).objective.shape == channels
    assert recover(np.zeros((3, 0)), 1.0).feasible.tolist() == [True] * 3

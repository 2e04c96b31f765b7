"""Fast exact sparse-recovery solvers against the same problems in CVXPY, in one process.

Run: ``.venv/bin/python benchmarks/bench_sparse.py [--quick]`` (about ten minutes; ``--quick``
stops at N = 1e4).

Sections, each timed against a peer in the same run:

1. Leaky relaxed problem (leak 0.99, white noise, theta = 1): the leaky lazy path against the
   fastest CVXPY solve (Clarabel, HiGHS); ``faster`` = CVXPY solve time / fast time,
   ``faster*`` with CVXPY's compile time added.  Optima agree to 1e-9 relative (asserted).
2. Leaky quantized problem: the lattice DP against the HiGHS MILP (time limit 60 s each), with
   status, bound and gap; N = 1e5 for the DP only.
3. Greedy LIF^M's gap to the exact optimum on the bundled recording (leak 0.99).
4. The Lagrangian form: the radius search against CVXPY.
5. A theta sweep in CVXPY: Parameters (one compile) against rebuilding the problem each time.
6. ROF: Condat's direct algorithm and the pinned taut string against condat-tv (C).
"""

from __future__ import annotations

import argparse
from functools import partial

import numpy as np
from _timing import median_seconds

from ifsod.data import load_acceleration
from ifsod.sparse import _cvxpy, recover

LEAK = 0.99
LIMIT = 60.0


def _row(*cells):
    print(" ".join(f"{c:>12}" if not isinstance(c, float) else f"{c:>12.4g}" for c in cells))


def _cvxpy_best(x, theta, solvers, **kwargs):
    results = []
    for solver in solvers:
        _cvxpy._STATED.clear()  # a fresh statement: compile time included honestly
        results.append((solver, recover(x, theta, method="cvxpy", solver=solver, **kwargs)))
    return results


def leaky_relaxed(sizes, rng):
    print("\n1. leaky relaxed, leak 0.99")
    _row("N", "method", "compile s", "solve s", "faster", "faster*", "objective")
    for n in sizes:
        x = rng.standard_normal(n)
        slow = _cvxpy_best(x, 1.0, ("CLARABEL", "HIGHS"), problem="relaxed", leak=LEAK)
        fast = recover(x, 1.0, problem="relaxed", leak=LEAK)
        took = median_seconds(partial(recover, x, 1.0, problem="relaxed", leak=LEAK), 7)
        best = min(r.solve_seconds for _, r in slow)
        best_total = min(r.solve_seconds + r.compile_seconds for _, r in slow)
        for solver, r in slow:
            assert abs(r.objective - fast.objective) <= 1e-9 * fast.objective, solver
            _row(n, solver, r.compile_seconds, r.solve_seconds, "", "", r.objective)
        _row(n, "lazy", fast.compile_seconds, took, best / took, best_total / took,
             fast.objective)


def leaky_quantized(sizes, rng):
    print("\n2. leaky quantized, leak 0.99 (time limit 60 s)")
    _row("N", "method", "compile s", "solve s", "status", "objective", "bound", "gap")
    for n in sizes:
        x = rng.standard_normal(n)
        runs = [("dp", recover(x, 1.0, leak=LEAK, time_limit=LIMIT))]
        if n <= 10**4:
            _cvxpy._STATED.clear()
            runs.append(("milp/HIGHS", recover(x, 1.0, leak=LEAK, method="milp",
                                              time_limit=LIMIT)))
        runs.append(("greedy", recover(x, 1.0, leak=LEAK, method="greedy")))
        for label, r in runs:
            _row(n, label, r.compile_seconds, r.solve_seconds, r.status, r.objective,
                 r.bound, r.gap)


def greedy_gap_on_the_recording():
    print("\n3. greedy LIF^M against the exact optimum, bundled recording (leak 0.99, "
          "first 2000 samples per channel)")
    _row("channel", "theta", "greedy", "optimum", "gap", "relaxed", "dp solve s")
    print("(spike counts; relaxed: the relaxed optimum / theta, a lower bound)")
    samples = load_acceleration().samples
    for channel in (0, 4, 8):
        x = samples[:2000, channel] - np.round(np.mean(samples[:2000, channel]))
        for theta in (20.0, 100.0):
            greedy = recover(x, theta, leak=LEAK, method="greedy").objective / theta
            best = recover(x, theta, leak=LEAK)
            relaxed = recover(x, theta, leak=LEAK, problem="relaxed").objective / theta
            assert best.status == "optimal"
            count = best.objective / theta
            _row(channel, theta, int(greedy), int(count), int(greedy - count), relaxed,
                 best.solve_seconds)


def lagrangian(sizes, rng):
    print("\n4. Lagrangian, lam = 5, leak 0.99")
    _row("N", "method", "compile s", "solve s", "faster", "objective")
    for n in sizes:
        x = rng.standard_normal(n)
        _cvxpy._STATED.clear()
        slow = recover(x, 1.0, problem="lagrangian", lam=5.0, leak=LEAK, method="cvxpy")
        fast = recover(x, 1.0, problem="lagrangian", lam=5.0, leak=LEAK)
        took = median_seconds(partial(recover, x, 1.0, problem="lagrangian", lam=5.0,
                                      leak=LEAK), 5)
        assert abs(slow.objective - fast.objective) <= 1e-9 * fast.objective
        _row(n, "cvxpy", slow.compile_seconds, slow.solve_seconds, "", slow.objective)
        _row(n, "radius-search", fast.compile_seconds, took, slow.solve_seconds / took,
             fast.objective)


def theta_sweep(rng):
    print("\n5. theta sweep, relaxed leak 0.99, N = 1e4, 10 radii (CLARABEL)")
    x = rng.standard_normal(10**4)
    thetas = np.linspace(0.5, 5.0, 10)
    totals = {}
    for label, fresh in (("Parameters", False), ("rebuilt", True)):
        _cvxpy._STATED.clear()
        compile_s = solve_s = 0.0
        for theta in thetas:
            if fresh:
                _cvxpy._STATED.clear()
            r = recover(x, float(theta), problem="relaxed", leak=LEAK, method="cvxpy")
            compile_s += r.compile_seconds
            solve_s += r.solve_seconds
        totals[label] = (compile_s, solve_s)
    _row("sweep", "compile s", "solve s")
    for label, (c, s) in totals.items():
        _row(label, c, s)
    print(f"compile time rebuilt / Parameters: "
          f"{totals['rebuilt'][0] / totals['Parameters'][0]:.1f}")


def rof(rng):
    print("\n6. ROF (1-D TV denoising), lam = 1, random walk plus noise")
    try:
        import condat_tv
    except ImportError:
        print("condat-tv is not installed: pip install 'ifsod[sparse]'")
        return
    from ifsod.sparse import _fast

    _row("N", "method", "seconds", "/condat-tv")
    for n in (10**5, 10**6):
        y = np.cumsum(rng.standard_normal(n)) * 0.1 + rng.standard_normal(n)
        peer = median_seconds(partial(condat_tv.tv_denoise, y, 1.0), 9)
        _row(n, "condat-tv", peer, 1.0)
        for label, call in (("direct", partial(_fast.rof_direct, y, 1.0)),
                            ("taut-string", partial(_fast.tv_denoise, y, 1.0))):
            assert np.max(np.abs(call() - condat_tv.tv_denoise(y, 1.0))) < 1e-6
            took = median_seconds(call, 9)
            _row(n, label, took, took / peer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1e3 and 1e4 only")
    args = parser.parse_args()
    sizes = (10**3, 10**4) if args.quick else (10**3, 10**4, 10**5)
    rng = np.random.default_rng(0)
    leaky_relaxed(sizes, rng)
    leaky_quantized(sizes, rng)
    greedy_gap_on_the_recording()
    lagrangian(sizes, rng)
    theta_sweep(rng)
    rof(rng)


if __name__ == "__main__":
    main()

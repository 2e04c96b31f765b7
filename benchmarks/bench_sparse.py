"""Fast exact sparse-recovery solvers against the same problems in CVXPY, in one process.

Run: ``.venv/bin/python benchmarks/bench_sparse.py [--quick]`` (a few minutes; ``--quick``
stops at N = 1e4).

Input: white Gaussian noise, theta = 1.  For each N the table gives the median time of every
method, its ratio to ``np.cumsum`` on the same array, and how many times faster it is than the
fastest CVXPY solve of the same problem (solve time only, and compile + solve).  CVXPY rows
report canonicalisation ("compile") and solver time separately.  Each fast method is timed twice:
the solver alone (``_fast``, what the targets are about) and the whole ``recover`` call, which
also validates the input and certifies the result (objective, residual).  CVXPY is skipped at
N = 1e6, where one solve takes tens of seconds and gigabytes of memory.
"""

from __future__ import annotations

import argparse
from functools import partial

import numpy as np
from _timing import median_seconds

from ifsod.sparse import _fast, recover

FAST = {
    "quantized": [("greedy", partial(_fast.greedy, leak=None))],
    "relaxed": [("lazy", _fast.lazy), ("taut-string", _fast.taut_string)],
}
CVXPY = {
    "quantized": [("milp", "HIGHS"), ("cvxpy", "HIGHS")],
    "relaxed": [("cvxpy", "CLARABEL"), ("cvxpy", "HIGHS")],
}


def _cvxpy_rows(x, theta, problem, repeat):
    """Median compile and solve seconds and the objective of each CVXPY method."""
    rows = []
    for method, solver in CVXPY[problem]:
        runs = [recover(x, theta, problem=problem, method=method, solver=solver)
                for _ in range(repeat)]
        runs.sort(key=lambda r: r.compile_seconds + r.solve_seconds)
        middle = runs[len(runs) // 2]
        label = "TU-LP" if problem == "quantized" and method == "cvxpy" else method
        rows.append((f"{label}/{solver}", middle))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1e3 and 1e4 only")
    args = parser.parse_args()
    sizes = (10**3, 10**4) if args.quick else (10**3, 10**4, 10**5, 10**6)
    rng = np.random.default_rng(0)
    theta = 1.0
    print(f"{'N':>7} {'problem':>9} {'method':>16} {'compile s':>10} {'solve ms':>10} "
          f"{'ns/sample':>9} {'/cumsum':>8} {'faster':>9} {'faster*':>9} {'objective':>17}")
    for n in sizes:
        x = rng.standard_normal(n)
        cumsum = median_seconds(partial(np.cumsum, x), repeat=21)
        print(f"{n:>7.0e} {'':>9} {'np.cumsum':>16} {'':>10} {cumsum * 1e3:>10.4f} "
              f"{cumsum / n * 1e9:>9.2f} {1:>8.2f}")
        for problem in ("quantized", "relaxed"):
            if n <= 10**5:
                repeat = {10**3: 5, 10**4: 3}.get(n, 1)
                slow = _cvxpy_rows(x, theta, problem, repeat)
                best_solve = min(r.solve_seconds for _, r in slow)
                best_total = min(r.solve_seconds + r.compile_seconds for _, r in slow)
                for label, r in slow:
                    print(f"{n:>7.0e} {problem:>9} {label:>16} {r.compile_seconds:>10.3f} "
                          f"{r.solve_seconds * 1e3:>10.1f} {'':>9} {'':>8} {'':>9} {'':>9} "
                          f"{r.objective:>17.10f}")
            else:
                slow, best_solve, best_total = [], None, None
                print(f"{n:>7.0e} {problem:>9} {'CVXPY skipped':>16}")
            for method, solver in FAST[problem]:
                result = recover(x, theta, problem=problem, method=method)
                for _, r in slow:
                    assert abs(r.objective - result.objective) <= 1e-9 * result.objective
                for label, call in ((method, partial(solver, x, theta)),
                                    (f"recover({method})", partial(
                                        recover, x, theta, problem=problem, method=method))):
                    took = median_seconds(call, repeat=21 if n <= 10**5 else 7)
                    faster = f"{best_solve / took:>9.0f}" if slow else f"{'-':>9}"
                    faster_total = f"{best_total / took:>9.0f}" if slow else f"{'-':>9}"
                    print(f"{n:>7.0e} {problem:>9} {label:>16} {'':>10} {took * 1e3:>10.4f} "
                          f"{took / n * 1e9:>9.2f} {took / cumsum:>8.2f} {faster} "
                          f"{faster_total} {result.objective:>17.10f}")
    print()
    print("faster: fastest CVXPY solve time / this time; faster*: fastest CVXPY compile + solve "
          "/ this time.  Every fast optimum equals every CVXPY optimum to 1e-9 relative "
          "(asserted).")


if __name__ == "__main__":
    main()

"""``ifsod solve``: solve a sparse-recovery problem on one CSV column and print the Recovery."""

from __future__ import annotations

import argparse
import csv
import sys

import numpy as np

from .._cli_encode import read_column
from ._recover import _METHODS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV file with a header row")
    parser.add_argument("--theta", type=float, required=True, help="radius, > 0")
    parser.add_argument("--problem", default="quantized", choices=list(_METHODS))
    methods = dict.fromkeys(m for allowed in _METHODS.values() for m in allowed)
    parser.add_argument("--method", default="auto", choices=["auto", *methods])
    parser.add_argument("--leak", type=float, default=1.0, help="leak factor per sample in (0, 1]")
    parser.add_argument("--lam", type=float, help="Lagrangian weight (problem lagrangian)")
    parser.add_argument("--solver", help="CVXPY solver name (methods cvxpy and milp)")
    parser.add_argument("--criterion", choices=["tv", "energy"],
                        help="objective of problem reconstruct (default tv)")
    parser.add_argument("--column", help="column name (default: the first numeric column)")
    parser.add_argument("--output", help="CSV to write the solution to (sample, value)")


def run(args: argparse.Namespace) -> int:
    from . import MissingSolverError, recover

    column, x = read_column(args.file, args.column)
    try:
        result = recover(x, args.theta, problem=args.problem, leak=args.leak, lam=args.lam,
                         method=args.method, solver=args.solver, criterion=args.criterion)
    except MissingSolverError as err:
        print(f"ifsod solve: error: {err}", file=sys.stderr)
        return 3
    solution = result.solution
    print(f"column: {column} ({len(x)} samples)")
    for field in ("problem", "method", "solver", "status", "theta", "objective",
                  "alexiewicz_residual", "feasible", "compile_seconds", "solve_seconds"):
        print(f"{field}: {getattr(result, field)}")
    if solution is not None:
        print(f"nonzero: {int(np.count_nonzero(solution))}")
    if args.output and solution is not None:
        with open(args.output, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["sample", "value"])
            writer.writerows((n, repr(float(v))) for n, v in enumerate(solution))
    return 0 if solution is not None else 1

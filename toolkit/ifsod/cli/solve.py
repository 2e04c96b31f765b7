"""``ifsod solve``: a sparse-recovery problem (T3, T6) on each selected CSV column."""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING

import numpy as np

from .arguments import add_input_arguments, load_selection
from .output import check_output, csv_writer, open_output, plain, write_json

if TYPE_CHECKING:  # the sparse solvers load only when a problem is solved
    from ..sparse import Recovery

HELP = "solve a sparse-recovery problem on CSV columns and report each Recovery"
#: The fields of a ``Recovery`` the report shows, in this order.
FIELDS = ("problem", "method", "solver", "status", "theta", "objective", "alexiewicz_residual",
          "feasible", "compile_seconds", "solve_seconds")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``ifsod solve`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The subcommand's parser.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["x.csv", "--theta", "1", "--problem", "relaxed"]).problem
    'relaxed'
    """
    add_input_arguments(parser)
    parser.add_argument("--theta", type=float, required=True, help="radius, > 0")
    parser.add_argument("--problem", default="quantized",
                        help="quantized, relaxed, lagrangian or reconstruct "
                             "(see ifsod.sparse.recover)")
    parser.add_argument("--method", default="auto",
                        help="auto, or a method the problem allows (see ifsod.sparse.recover)")
    parser.add_argument("--leak", type=float, default=1.0, help="leak factor per sample in (0, 1]")
    parser.add_argument("--lam", type=float, help="Lagrangian weight (problem lagrangian)")
    parser.add_argument("--solver", help="CVXPY solver name (methods cvxpy and milp)")
    parser.add_argument("--criterion", choices=["tv", "energy"],
                        help="objective of problem reconstruct (default tv)")
    # --output and --json of the shared arguments: the solutions as CSV go to --output, the
    # report (text, or JSON with --json) to standard output (standard error if --output is -).


def run(args: argparse.Namespace) -> int:
    """Run ``ifsod solve`` with the parsed ``args``: a report per column, solutions to a file.

    Parameters
    ----------
    args : argparse.Namespace
        Options of :func:`add_arguments`.

    Returns
    -------
    int
        The exit status: 0, or 1 when a column has no solution.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> with open(path, "w") as handle:
    ...     _ = handle.write("a\\n0.5\\n0.75\\n2.5\\n")
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> run(parser.parse_args([path, "--theta", "1", "--json"]))  # doctest: +ELLIPSIS
    {"columns": {"a": {"samples": 3, "problem": "quantized", ..."objective": 3.0, ...}}}
    0
    """
    from ..sparse import MissingSolverError, recover

    check_output(args.output, [args.file])
    selection = load_selection(args, "solve")
    try:
        results = {name: recover(x, args.theta, problem=args.problem, leak=args.leak,
                                 lam=args.lam, method=args.method, solver=args.solver,
                                 criterion=args.criterion)
                   for name, x in zip(selection.names, selection.values)}
    except MissingSolverError as err:
        print(f"ifsod solve: error: {err}", file=sys.stderr)
        return 3
    report = {name: _summary(result, selection.values.shape[1])
              for name, result in results.items()}
    stream = sys.stderr if args.output == "-" else sys.stdout
    if args.json:
        write_json(stream, {"columns": report})
    else:
        for name, fields in report.items():
            print(f"column: {name} ({fields['samples']} samples)", file=stream)
            for field, value in fields.items():
                if field != "samples":
                    print(f"{field}: {value}", file=stream)
    missing = [name for name, result in results.items() if result.solution is None]
    if missing:
        print(f"ifsod solve: no solution for {', '.join(missing)}"
              + ("; nothing written" if args.output else ""), file=sys.stderr)
        return 1
    if args.output:
        with open_output(args.output) as handle:
            _write_solutions(handle, results, selection.times)
    return 0


def _summary(result: Recovery, samples: int) -> dict:
    fields = {"samples": samples, **{field: plain(getattr(result, field)) for field in FIELDS}}
    if result.solution is not None:
        fields["nonzero"] = int(np.count_nonzero(result.solution))
    return fields


def _write_solutions(handle: IO[str], results: dict, times: np.ndarray | None) -> None:
    writer = csv_writer(handle)
    writer.writerow(["sample", *(["time"] if times is not None else []), *results])
    solutions = [result.solution for result in results.values()]
    for n in range(len(solutions[0])):
        stamp = [repr(float(times[n]))] if times is not None else []
        writer.writerow([n, *stamp, *(repr(float(s[n])) for s in solutions)])

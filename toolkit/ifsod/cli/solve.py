"""``ifsod solve``: a sparse-recovery problem (T3, T6) on each selected CSV column."""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING

import numpy as np

from .arguments import INPUT_OPTIONS, LEAK_OPTION, Option, load_selection
from .output import check_output, csv_writer, open_output, plain, write_json

if TYPE_CHECKING:  # the sparse solvers load only when a problem is solved
    from ..sparse import Recovery

HELP = "solve a sparse-recovery problem on CSV columns and report each Recovery"
#: The fields of a ``Recovery`` the report shows, in this order.
FIELDS = ("problem", "method", "solver", "status", "theta", "objective", "alexiewicz_residual",
          "feasible", "compile_seconds", "solve_seconds")


#: The options of ``ifsod solve``.  ``--output`` and ``--json`` of the input options: the
#: solutions as CSV go to ``--output``, the report (text, or JSON with ``--json``) to standard
#: output (standard error if ``--output`` is ``-``).
OPTIONS: tuple[Option, ...] = (
    *INPUT_OPTIONS,
    (("--theta",), {"type": float, "required": True, "help": "radius, > 0"}),
    (("--problem",), {"default": "quantized",
                      "help": "quantized, relaxed, lagrangian or reconstruct (see "
                              "ifsod.sparse.recover)"}),
    (("--method",), {"default": "auto",
                     "help": "auto, or a method the problem allows (see ifsod.sparse.recover)"}),
    LEAK_OPTION,
    (("--lam",), {"type": float, "help": "Lagrangian weight (problem lagrangian)"}),
    (("--solver",), {"help": "CVXPY solver name (methods cvxpy and milp)"}),
    (("--criterion",), {"choices": ["tv", "energy"],
                        "help": "objective of problem reconstruct (default tv)"}),
)


def run(args: argparse.Namespace) -> int:
    """Run ``ifsod solve`` with the parsed ``args``: a report per column, solutions to a file.

    Parameters
    ----------
    args : argparse.Namespace
        Input, problem and method of :data:`OPTIONS`, parsed.

    Returns
    -------
    int
        The exit status: 0; 1 when a column has no solution; 3 when the solver is missing.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from ifsod.cli import build_parser
    >>> path = pathlib.Path(tempfile.mkdtemp(), "x.csv")
    >>> _ = path.write_text("a\\n0.5\\n0.75\\n2.5\\n")
    >>> args = build_parser().parse_args(["solve", str(path), "--theta", "1", "--json"])
    >>> run(args)  # doctest: +ELLIPSIS
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

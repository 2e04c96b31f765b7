"""``ifsod verify``: check the claims of the theorem pages T1-T8 and users' own claims."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cli.arguments import Option


#: The options of ``ifsod verify`` (added by :func:`ifsod.cli.arguments.add_options`).
OPTIONS: tuple[Option, ...] = (
    (("--only",), {"nargs": "+", "metavar": "ID",
                   "help": "claim ids to run (T1 selects T1a, T1b, ...)"}),
    (("--json",), {"metavar": "FILE",
                   "help": "write the results as JSON, and the SMT-LIB 2 text of every proof "
                           "obligation into the folder FILE_smt2 beside it"}),
    (("--smt2",), {"metavar": "DIR",
                   "help": "folder for the SMT-LIB 2 obligations (default: beside --json)"}),
    (("--markdown",), {"metavar": "FILE", "help": "write the results as Markdown"}),
    (("--quick",), {"action": "store_true", "help": "smaller N_max and fewer search cases"}),
    (("--path",), {"action": "append", "default": [], "metavar": "DIR",
                   "help": "also load the proof modules in DIR (or a .py file); repeatable"}),
    (("--no-default",), {"action": "store_true",
                         "help": "do not load the proofs/ directory of the checkout"}),
    (("--mutants",), {"action": "store_true",
                      "help": "run the wrong variants kept next to the claims (MUTANTS) and one "
                              "wrong variant per proof obligation; each must come out "
                              "FALSIFIED"}),
    (("--jobs",), {"type": int, "metavar": "N", "default": None,
                   "help": "worker processes running claims side by side (default: 2, or 1 on "
                           "a single core); the report is the same for every N"}),
)


def run(args: argparse.Namespace) -> int:
    """Run ``ifsod verify``: a table row per claim, then the summary; JSON and Markdown on request.

    Parameters
    ----------
    args : argparse.Namespace
        The claims to run and the reports to write (:data:`OPTIONS`).

    Returns
    -------
    int
        0 when every verdict matches its expectation, else 1.

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "claims.py"), "w") as handle:
    ...     _ = handle.write("CLAIMS = []\\n")
    >>> import contextlib, io
    >>> from ifsod.cli import build_parser
    >>> out = io.StringIO()
    >>> with contextlib.redirect_stdout(out):
    ...     status = run(build_parser().parse_args(["verify", "--no-default", "--path", folder]))
    >>> status, out.getvalue().splitlines()[-1].endswith("every verdict matches its expectation")
    (0, True)
    """
    from ._checks import check_count
    from .report import table_header, table_row, to_json, to_markdown
    from .runner import default_proofs_dir, load_claims, obligation_mutants, select, verify
    from .workers import default_jobs

    paths = [] if args.no_default else [default_proofs_dir()]
    paths += [Path(p) for p in args.path]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ValueError(f"--path: {', '.join(missing)} does not exist")
    if not paths:
        raise ValueError("path: no proof modules to load (--no-default without --path)")
    if args.mutants:
        mutants = load_claims(paths, "MUTANTS")
        claims = select(mutants + obligation_mutants(load_claims(paths)), args.only)
    else:
        claims = select(load_claims(paths), args.only)
    start = time.perf_counter()
    print(table_header())
    jobs = default_jobs() if args.jobs is None else check_count(args.jobs, "--jobs")
    results = verify(claims, quick=args.quick, jobs=jobs,
                     progress=lambda r: print(table_row(r), flush=True))
    seconds = time.perf_counter() - start
    bad = [r.claim.id for r in results if not r.matches_expectation]
    if args.json:
        target = Path(args.json)
        folder = Path(args.smt2) if args.smt2 else target.with_name(f"{target.stem}_smt2")
        target.write_text(to_json(results, folder, target.parent) + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(to_markdown(results), encoding="utf-8")
    summary = (f"{len(results)} claims in {seconds:.1f} s"
               f"{' (quick)' if args.quick else ''}: "
               + (f"{len(bad)} do not match their expected verdict: {bad}" if bad
                  else "every verdict matches its expectation"))
    print(summary, file=sys.stderr if bad else sys.stdout)
    return 1 if bad else 0

"""Arguments shared by ``ifsod encode`` and ``ifsod solve``, and the input they select."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

import numpy as np

from .._validate import check_threshold
from .table import read_table, select_columns


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The input file, its columns, its clock, and where the output goes.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The parser of a command, which gains the options.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> add_input_arguments(parser)
    >>> parser.parse_args(["x.csv", "--rate", "64"]).rate
    64.0
    """
    parser.add_argument("file", help="CSV file with a header row ('-': standard input; "
                                     "gzip is recognised)")
    parser.add_argument("--column", nargs="+", metavar="NAME",
                        help="columns to process (default: every numeric column except those "
                             "that look like time: named t or time, or rising at a steady step)")
    parser.add_argument("--delimiter", metavar="CHAR",
                        help="field delimiter, one character or 'tab' (default: ',' unless the "
                             "header holds exactly one of ';' and tab)")
    parser.add_argument("--no-header", action="store_true",
                        help="the first row is data; columns are named 1, 2, ...")
    clock = parser.add_mutually_exclusive_group()
    clock.add_argument("--rate", type=float, metavar="HZ",
                       help="sampling rate: write event times n / rate")
    clock.add_argument("--time", metavar="NAME", help="column holding the time of each row")
    parser.add_argument("--output", metavar="FILE",
                        help="file to write (default or '-': standard output); replaced only "
                             "when the run succeeds, never the input file")
    parser.add_argument("--json", action="store_true", help="write JSON instead of CSV")


@dataclass(frozen=True)
class Selection:
    """The columns a command processes.

    Parameters
    ----------
    names, values, times
        As the attributes.

    Examples
    --------
    >>> Selection(["a"], np.zeros((1, 3)), None).values.shape
    (1, 3)

    Attributes
    ----------
    names : list of str
        Column names, in the order given (or of the file).
    values : numpy.ndarray
        ``(columns, rows)`` ``float64``: time along the last axis, as the encoders take it.
    times : numpy.ndarray or None
        Time of each row (from ``--rate`` or ``--time``), or ``None``.
    """

    names: list[str]
    values: np.ndarray
    times: np.ndarray | None


def load_selection(args: argparse.Namespace, command: str) -> Selection:
    """Read ``args.file`` and return the selected columns; notes on left-out columns go to
    standard error.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of :func:`add_input_arguments`.
    command : str
        The command's name, for the notes.

    Returns
    -------
    Selection
        The selected columns and their times.

    Examples
    --------
    >>> import argparse, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> with open(path, "w") as handle:
    ...     _ = handle.write("a,b\\n1,2\\n3,4\\n")
    >>> parser = argparse.ArgumentParser()
    >>> add_input_arguments(parser)
    >>> load_selection(parser.parse_args([path, "--rate", "2"]), "encode")
    Selection(names=['a', 'b'], values=array([[1., 3.],
           [2., 4.]]), times=array([0. , 0.5]))
    """
    table = read_table(args.file, delimiter=args.delimiter, header=not args.no_header)
    times = None
    if args.time is not None:
        try:
            times = table.values(args.time)
        except ValueError as err:
            raise ValueError(f"--time: {err}") from None
    names, notes = select_columns(table, args.column,
                                  exclude=(args.time,) if args.time else ())
    for note in notes:
        print(f"ifsod {command}: {note}", file=sys.stderr)
    values = np.stack([table.values(name) for name in names])
    if args.rate is not None:
        times = np.arange(table.length) / float(check_threshold(args.rate, "rate"))
    return Selection(names, values, times)

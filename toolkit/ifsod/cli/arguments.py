"""The options of the ``ifsod`` commands, added in one place, and the input they select."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validate import check_threshold
from .table import read_table, select_columns

#: A command-line option: its names and the keywords of ``ArgumentParser.add_argument``;
#: the keyword ``"exclusive"`` names a group of options that exclude each other.
Option = tuple[tuple[str, ...], dict[str, Any]]

#: The input file, its columns, its clock and where the output goes (``encode``, ``solve``).
INPUT_OPTIONS: tuple[Option, ...] = (
    (("file",), {"help": "CSV file with a header row ('-': standard input; gzip is "
                         "recognised)"}),
    (("--column",), {"nargs": "+", "metavar": "NAME",
                     "help": "columns to process (default: every numeric column except those "
                             "that look like time: named t or time, or rising at a steady "
                             "step)"}),
    (("--delimiter",), {"metavar": "CHAR",
                        "help": "field delimiter, one character or 'tab' (default: ',' unless "
                                "the header holds exactly one of ';' and tab)"}),
    (("--no-header",), {"action": "store_true",
                        "help": "the first row is data; columns are named 1, 2, ..."}),
    (("--rate",), {"type": float, "metavar": "HZ", "exclusive": "clock",
                   "help": "sampling rate: write event times n / rate"}),
    (("--time",), {"metavar": "NAME", "exclusive": "clock",
                   "help": "column holding the time of each row"}),
    (("--output",), {"metavar": "FILE",
                     "help": "file to write (default or '-': standard output); replaced only "
                             "when the run succeeds, never the input file"}),
    (("--json",), {"action": "store_true", "help": "write JSON instead of CSV"}),
)
#: The leak of ``encode`` and ``solve``.
LEAK_OPTION: Option = (("--leak",), {"type": float, "default": 1.0,
                                     "help": "leak factor per sample in (0, 1]"})


def add_options(parser: argparse.ArgumentParser, options: Iterable[Option]) -> None:
    """Add ``options`` (a command's ``OPTIONS``) to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The parser of a command, which gains the options.
    options : iterable of Option
        Names and keywords of each option, in order.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_options(parser, (*INPUT_OPTIONS, LEAK_OPTION))
    >>> args = parser.parse_args(["x.csv", "--rate", "64"])
    >>> args.rate, args.leak
    (64.0, 1.0)
    >>> "[--rate HZ | --time NAME]" in parser.format_usage()
    True
    """
    groups: dict[str, Any] = {}  # group name -> its argparse group
    for names, keywords in options:
        settings = dict(keywords)
        group = settings.pop("exclusive", None)
        if group is not None and group not in groups:
            groups[group] = parser.add_mutually_exclusive_group()
        (parser if group is None else groups[group]).add_argument(*names, **settings)


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
        Parsed options, :data:`INPUT_OPTIONS` among them.
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
    >>> add_options(parser, INPUT_OPTIONS)
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

"""``ifsod encode``: IF-encode columns of a CSV file and write the spike events (D4)."""

from __future__ import annotations

import argparse
import sys
from typing import IO, cast, get_args

import numpy as np

from .._typing import Reset, Scalar
from .._validate import check_reset
from .arguments import INPUT_OPTIONS, LEAK_OPTION, Option, Selection, load_selection
from .output import check_output, csv_writer, open_output, write_json

HELP = "IF-encode CSV columns and write the spike events"


#: The options of ``ifsod encode``.
OPTIONS: tuple[Option, ...] = (
    *INPUT_OPTIONS,
    (("--theta",), {"type": float, "required": True, "help": "threshold, > 0"}),
    (("--reset",), {"default": "mod", "choices": get_args(Reset)}),
    LEAK_OPTION,
)


def encode_columns(selection: Selection, theta: float, reset: str, leak: float) -> dict:
    """The events of every selected column: ``{name: {"samples", "spikes", "instants",
    "sample", ["time",] "weight", "count"}}``.

    Parameters
    ----------
    selection : Selection
        The columns.
    theta : float
        The threshold, > 0.
    reset : str
        A reset rule name (D4), validated here.
    leak : float
        The leak factor in (0, 1].

    Returns
    -------
    dict
        The events of each column, by name.

    Examples
    --------
    >>> import numpy as np
    >>> selection = Selection(["a"], np.array([[0.5, 0.75, 2.5]]), np.array([0.0, 0.5, 1.0]))
    >>> encode_columns(selection, 1.0, "mod", 1.0)["a"]["weight"]
    [1.0, 2.0]
    """
    from ..encode import if_encode

    # Scalar spells reals by the numeric tower, which static checkers do not relate to float.
    spikes = if_encode(selection.values, cast(Scalar, theta), reset=check_reset(reset),
                       leak=leak)
    with np.errstate(over="ignore"):
        counts = np.round(spikes / theta)
    if not (np.all(np.isfinite(spikes)) and np.all(np.isfinite(counts))):
        raise ValueError(f"theta={theta!r} is too small for this data: the spikes or their "
                         "counts overflow float64")
    columns = {}
    for name, row, count in zip(selection.names, spikes, counts):
        fired = np.flatnonzero(row)
        events = {"samples": row.size, "spikes": int(np.abs(count).sum()),
                  "instants": fired.size, "sample": fired.tolist()}
        if selection.times is not None:
            events["time"] = selection.times[fired].tolist()
        events["weight"] = row[fired].tolist()
        events["count"] = [int(c) for c in count[fired]]
        columns[name] = events
    return columns


def run(args: argparse.Namespace) -> int:
    """Run ``ifsod encode`` with the parsed ``args``: the events as CSV (or JSON) rows.

    Parameters
    ----------
    args : argparse.Namespace
        The command line parsed by :data:`OPTIONS`: the input, ``theta``, ``reset`` and
        ``leak``.

    Returns
    -------
    int
        The exit status, 0 (bad input raises, and :func:`~ifsod.cli.main` reports it).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> with open(path, "w") as handle:
    ...     _ = handle.write("a\\n0.5\\n0.75\\n2.5\\n")
    >>> from ifsod.cli import build_parser
    >>> run(build_parser().parse_args(["encode", path, "--theta", "1"]))
    column,sample,weight,count
    a,1,1.0,1
    a,2,2.0,2
    0
    """
    check_output(args.output, [args.file])
    selection = load_selection(args, "encode")
    columns = encode_columns(selection, args.theta, args.reset, args.leak)
    with open_output(args.output) as handle:
        if args.json:
            write_json(handle, {"theta": args.theta, "reset": args.reset, "leak": args.leak,
                                "columns": columns})
        else:
            _write_events(handle, columns, timed=selection.times is not None)
    for name, events in columns.items():
        print(f"{name}: {events['samples']} samples, {events['spikes']} spikes at "
              f"{events['instants']} instants (theta={args.theta}, reset={args.reset})",
              file=sys.stderr)
    return 0


def _write_events(handle: IO[str], columns: dict, *, timed: bool) -> None:
    writer = csv_writer(handle)
    fields = ["sample", *(["time"] if timed else []), "weight", "count"]
    writer.writerow(["column", *fields])
    for name, events in columns.items():
        for row in zip(*(events[field] for field in fields)):
            writer.writerow([name, *(repr(v) for v in row)])

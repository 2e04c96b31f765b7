"""``ifsod encode``: IF-encode columns of a CSV file and write the spike events (D4)."""

from __future__ import annotations

import argparse
import sys
from typing import get_args

import numpy as np

from .._typing import Reset
from .arguments import Selection, add_input_arguments, load_selection
from .output import check_output, csv_writer, open_output, write_json

HELP = "IF-encode CSV columns and write the spike events"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--theta", type=float, required=True, help="threshold, > 0")
    parser.add_argument("--reset", default="mod", choices=get_args(Reset))
    parser.add_argument("--leak", type=float, default=1.0, help="leak factor per sample in (0, 1]")


def encode_columns(selection: Selection, theta: float, reset: str, leak: float) -> dict:
    """The events of every selected column: ``{name: {"samples", "spikes", "instants",
    "sample", ["time",] "weight", "count"}}``.

    Examples
    --------
    >>> import numpy as np
    >>> selection = Selection(["a"], np.array([[0.5, 0.75, 2.5]]), np.array([0.0, 0.5, 1.0]))
    >>> encode_columns(selection, 1.0, "mod", 1.0)["a"]["weight"]
    [1.0, 2.0]
    """
    from ..encode import if_encode

    spikes = if_encode(selection.values, theta, reset=reset, leak=leak)
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


def _write_events(handle, columns: dict, *, timed: bool) -> None:
    writer = csv_writer(handle)
    fields = ["sample", *(["time"] if timed else []), "weight", "count"]
    writer.writerow(["column", *fields])
    for name, events in columns.items():
        for row in zip(*(events[field] for field in fields)):
            writer.writerow([name, *(repr(v) for v in row)])

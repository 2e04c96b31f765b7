"""``ifsod encode``: IF-encode one column of a CSV file and write the spike events."""

from __future__ import annotations

import argparse
import csv
import sys

import numpy as np

from .encode import if_encode


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV file with a header row")
    parser.add_argument("--theta", type=float, required=True, help="threshold, > 0")
    parser.add_argument("--reset", default="mod", choices=["mod", "subtract", "zero"])
    parser.add_argument("--leak", type=float, default=1.0, help="leak factor per sample in (0, 1]")
    parser.add_argument("--column", help="column name (default: the first numeric column)")
    parser.add_argument("--output", help="events CSV to write (default: standard output)")


def read_column(path: str, column: str | None) -> tuple[str, np.ndarray]:
    """Read one numeric column of a CSV file with a header row.

    Without ``column`` the first column whose first value parses as a number is taken.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise ValueError(f"file {path} is empty")
    header, body = rows[0], rows[1:]
    if column is None:
        column = next((name for i, name in enumerate(header)
                       if body and _is_number(body[0][i])), None)
        if column is None:
            raise ValueError(f"file {path} has no numeric column")
    elif column not in header:
        raise ValueError(f"column {column!r} is not in {path}; columns: {header}")
    index = header.index(column)
    try:
        values = np.array([float(row[index]) for row in body])
    except (ValueError, IndexError) as err:
        raise ValueError(f"column {column!r} of {path} has a non-numeric or missing value") \
            from err
    return column, values


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _write_events(handle, spikes: np.ndarray, fired: np.ndarray, theta: float) -> None:
    writer = csv.writer(handle)
    writer.writerow(["sample", "weight", "count"])
    for n in fired:
        writer.writerow([int(n), repr(float(spikes[n])), round(spikes[n] / theta)])


def run(args: argparse.Namespace) -> int:
    column, x = read_column(args.file, args.column)
    spikes = if_encode(x, args.theta, reset=args.reset, leak=args.leak)
    fired = np.flatnonzero(spikes)
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as handle:
            _write_events(handle, spikes, fired, args.theta)
    else:
        _write_events(sys.stdout, spikes, fired, args.theta)
    count = int(np.sum(np.abs(np.round(spikes / args.theta))))
    print(f"{column}: {len(x)} samples, {count} spikes at {len(fired)} instants "
          f"(theta={args.theta}, reset={args.reset})", file=sys.stderr)
    return 0

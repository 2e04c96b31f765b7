"""The bundled recording and the ``ifsod`` command line."""

from __future__ import annotations

import csv
import subprocess
import sys

import numpy as np
import pytest

import ifsod
from ifsod import cli, if_encode
from ifsod.data import load_acceleration


def test_bundled_recording_matches_its_description():
    rec = load_acceleration()
    assert rec.samples.shape == (7040, 9)
    assert rec.samples.dtype == np.float64
    assert abs(rec.rate - 64.0) < 1e-3 * 64
    assert rec.channels[0] == "ankle_horiz_fwd" and rec.channels[-1] == "trunk_horiz_lateral"
    assert set(np.unique(rec.anomaly)) <= {0, 1}
    # Vertical sensors carry gravity: about 1000 milli-g on average.
    assert 700 < rec.samples[:, 1].mean() < 1300


def _read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path, rows):
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_encode_command_writes_the_events_of_if_encode(tmp_path, capsys):
    source = tmp_path / "in.csv"
    _write_csv(source, [["time", "a", "b"], ["t0", "0.5", "3"], ["t1", "0.75", "-7"],
                        ["t2", "2.5", "1"]])
    out = tmp_path / "events.csv"
    assert cli.main(["encode", str(source), "--theta", "1", "--output", str(out)]) == 0
    rows = _read_csv(out)
    expected = if_encode([0.5, 0.75, 2.5], 1.0)
    assert [(int(r["sample"]), float(r["weight"])) for r in rows] == \
        [(int(n), expected[n]) for n in np.flatnonzero(expected)]
    assert "3 spikes at 2 instants" in capsys.readouterr().err

    assert cli.main(["encode", str(source), "--theta", "2", "--column", "b",
                     "--reset", "subtract", "--output", str(out)]) == 0
    rows = _read_csv(out)
    assert [(r["sample"], r["count"]) for r in rows] == [("0", "1"), ("1", "-1"), ("2", "-1")]


def test_encode_command_on_the_bundled_data(tmp_path):
    out = tmp_path / "events.csv"
    data = ifsod.data.__path__[0] + "/daphnet_S06R02E0.csv"
    assert cli.main(["encode", data, "--theta", "50", "--column", "trunk_vert",
                     "--leak", "0.99", "--output", str(out)]) == 0
    rows = _read_csv(out)
    x = load_acceleration().samples[:, 7]
    assert len(rows) == np.count_nonzero(if_encode(x, 50.0, leak=0.99))


@pytest.mark.parametrize("argv, message", [
    (["--theta", "0"], "theta must be > 0"),
    (["--theta", "1", "--column", "zz"], "column 'zz' is not in"),
    (["--theta", "1", "--leak", "2"], "leak must lie in (0, 1]"),
])
def test_encode_command_reports_bad_input(tmp_path, capsys, argv, message):
    source = tmp_path / "in.csv"
    _write_csv(source, [["a"], ["1.0"]])
    assert cli.main(["encode", str(source), *argv]) == 2
    assert message in capsys.readouterr().err


def test_console_script_version():
    run = subprocess.run([sys.executable, "-m", "ifsod.cli", "--version"],
                         capture_output=True, text=True, check=True)
    assert run.stdout.strip() == f"ifsod {ifsod.__version__}"


def test_import_stays_light():
    code = ("import sys, ifsod; heavy = {'cvxpy', 'z3', 'matplotlib', 'hypothesis', 'sympy'}; "
            "print(sorted(heavy & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"

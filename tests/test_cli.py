"""The ``ifsod encode`` and ``ifsod solve`` commands on real files, and the data they keep."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import ifsod
from ifsod import if_encode
from ifsod.cli import encode as encode_command
from ifsod.cli import main
from ifsod.data import load_acceleration
from ifsod.sparse import recover

DAPHNET = Path(ifsod.data.__path__[0]) / "daphnet_S06R02E0.csv"
#: A (time, channel) file as a user writes it: a time column and three signals.
THREE = "time,a,b,c\n0.0,0.5,3,0.25\n0.5,0.75,-7,0.25\n1.0,2.5,1,-2.5\n1.5,-0.5,0.5,0.75\n"
COLUMNS = {"a": [0.5, 0.75, 2.5, -0.5], "b": [3.0, -7.0, 1.0, 0.5],
           "c": [0.25, 0.25, -2.5, 0.75]}


def _cli(*argv, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ifsod.cli", *map(str, argv)], input=stdin,
                          capture_output=True)


class Run:
    """Exit code and output of ``ifsod`` run in this process (faster than a subprocess)."""

    def __init__(self, capsys, monkeypatch, *argv, stdin: bytes | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        self.returncode = main([str(a) for a in argv])
        captured = capsys.readouterr()
        self.stdout, self.stderr = captured.out.encode(), captured.err.encode()


@pytest.fixture
def ifsod_run(capsys, monkeypatch):
    return lambda *argv, stdin=None: Run(capsys, monkeypatch, *argv, stdin=stdin)


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _events(theta: float, columns=COLUMNS, reset: str = "mod") -> list[tuple]:
    out = []
    for name, x in columns.items():
        s = if_encode(x, theta, reset=reset)
        out += [(name, int(n), s[n]) for n in np.flatnonzero(s)]
    return out


@pytest.fixture
def three(tmp_path) -> Path:
    path = tmp_path / "three.csv"
    path.write_text(THREE, encoding="utf-8")
    return path


def test_every_signal_column_is_encoded_and_the_time_column_is_named(three, capsys):
    out = three.with_name("events.csv")
    assert main(["encode", str(three), "--theta", "1", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "column 'time' is left out: it is named time; pass --column time" in err
    rows = _rows(out.read_text())
    assert [(r["column"], int(r["sample"]), float(r["weight"])) for r in rows] == _events(1.0)
    assert [int(r["count"]) for r in rows] == [round(w) for _, _, w in _events(1.0)]
    for name, x in COLUMNS.items():
        spikes = if_encode(x, 1.0)
        assert (f"{name}: 4 samples, {int(np.abs(spikes).sum())} spikes at "
                f"{np.count_nonzero(spikes)} instants") in err
    # Only the columns asked for, with another reset.
    assert main(["encode", str(three), "--theta", "2", "--column", "b", "c",
                 "--reset", "subtract", "--output", str(out)]) == 0
    rows = _rows(out.read_text())
    assert [(r["column"], int(r["sample"]), float(r["weight"])) for r in rows] == \
        _events(2.0, {k: COLUMNS[k] for k in "bc"}, "subtract")


def test_event_times_come_from_the_time_column_or_the_rate(three, ifsod_run):
    timed = ifsod_run("encode", three, "--theta", "1", "--time", "time")
    assert timed.returncode == 0, timed.stderr
    rows = _rows(timed.stdout.decode())
    assert list(rows[0]) == ["column", "sample", "time", "weight", "count"]
    assert [float(r["time"]) for r in rows] == [0.5 * int(r["sample"]) for r in rows]
    rated = ifsod_run("encode", three, "--theta", "1", "--column", "a", "--rate", "4")
    assert [float(r["time"]) for r in _rows(rated.stdout.decode())] == [0.25, 0.5]


def test_json_output_holds_every_column(three, ifsod_run):
    run = ifsod_run("encode", three, "--theta", "1", "--rate", "2", "--json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert (document["theta"], document["reset"], document["leak"]) == (1.0, "mod", 1.0)
    assert list(document["columns"]) == ["a", "b", "c"]
    for name, x in COLUMNS.items():
        spikes = if_encode(x, 1.0)
        fired = np.flatnonzero(spikes)
        events = document["columns"][name]
        assert events["sample"] == fired.tolist()
        assert events["weight"] == spikes[fired].tolist()
        assert events["time"] == (fired / 2).tolist()
        assert events["spikes"] == int(np.abs(spikes).sum()) and events["samples"] == 4


def test_standard_input_and_output_with_newline_line_endings():
    run = _cli("encode", "-", "--theta", "1", "--column", "a", "b", stdin=THREE.encode())
    assert run.returncode == 0, run.stderr
    assert b"\r" not in run.stdout and run.stdout.endswith(b"\n")
    rows = _rows(run.stdout.decode())
    assert [(r["column"], int(r["sample"]), float(r["weight"])) for r in rows] == \
        _events(1.0, {k: COLUMNS[k] for k in "ab"})


def test_gzip_input_from_a_file_and_from_standard_input(tmp_path, ifsod_run):
    packed = tmp_path / "daphnet.csv.gz"
    packed.write_bytes(gzip.compress(DAPHNET.read_bytes()))
    x = load_acceleration().channel("trunk_vert")
    expected = np.count_nonzero(if_encode(x, 50.0, leak=0.99))
    run = ifsod_run("encode", packed, "--theta", "50", "--column", "trunk_vert", "--leak", "0.99")
    assert run.returncode == 0, run.stderr
    assert len(_rows(run.stdout.decode())) == expected
    piped = ifsod_run("encode", "-", "--theta", "50", "--column", "trunk_vert", "--leak", "0.99",
                 stdin=packed.read_bytes())
    assert piped.stdout == run.stdout


def test_the_bundled_recording_encodes_every_channel_but_not_its_timestamps(ifsod_run):
    run = ifsod_run("encode", DAPHNET, "--theta", "50", "--rate", "64", "--json")
    assert run.returncode == 0, run.stderr
    columns = json.loads(run.stdout)["columns"]
    rec = load_acceleration()
    assert list(columns) == [*rec.channels, "is_anomaly"]
    spikes = if_encode(rec.values, 50.0)
    assert [columns[c]["spikes"] for c in rec.channels] == \
        (np.abs(spikes).sum(axis=-1) / 50).astype(int).tolist()
    assert b"column 'timestamp' is left out" in run.stderr


def test_a_file_of_time_alone_asks_for_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("t,n\n0,0\n1,1\n2,2\n3,3\n")
    run = _cli("encode", path, "--theta", "1")
    assert run.returncode == 2
    assert b"'t' is left out: it is named time" in run.stderr
    assert b"'n' is left out: it increases at a steady step" in run.stderr
    assert b"--column" in run.stderr and b"Traceback" not in run.stderr
    forced = _cli("encode", path, "--theta", "1", "--column", "n")
    assert forced.returncode == 0 and len(_rows(forced.stdout.decode())) == 3


def test_solve_solves_every_column_and_writes_json_and_csv(three, capsys):
    out = three.with_name("solution.csv")
    assert main(["solve", str(three), "--theta", "1", "--problem", "relaxed", "--json",
                 "--time", "time", "--output", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)["columns"]
    assert list(report) == ["a", "b", "c"]
    rows = _rows(out.read_text())
    assert list(rows[0]) == ["sample", "time", "a", "b", "c"]
    for name, x in COLUMNS.items():
        result = recover(x, 1.0, problem="relaxed")
        assert report[name]["objective"] == result.objective
        assert report[name]["method"] == result.method == "lazy"
        assert report[name]["nonzero"] == np.count_nonzero(result.spikes)
        assert [float(r[name]) for r in rows] == result.spikes.tolist()
    assert [float(r["time"]) for r in rows] == [0.0, 0.5, 1.0, 1.5]
    assert main(["solve", str(three), "--theta", "1", "--column", "a"]) == 0
    text = capsys.readouterr().out
    assert "column: a (4 samples)" in text and "method: greedy" in text
    assert "column: b" not in text


@pytest.mark.parametrize("command", ["encode", "solve"])
def test_output_equal_to_the_input_is_refused(three, command, ifsod_run):
    before = three.read_bytes()
    for target in (three, three.parent / "." / three.name):
        run = ifsod_run(command, three, "--theta", "1", "--output", target)
        assert run.returncode == 2
        assert b"refusing to overwrite the input file" in run.stderr
    assert three.read_bytes() == before


def test_a_failing_run_leaves_an_existing_output_as_it_was(three):
    out = three.with_name("events.csv")
    out.write_text("earlier results\n")
    run = _cli("encode", three, "--theta", "1e-320", "--output", out)
    assert run.returncode == 2 and b"theta" in run.stderr and b"Traceback" not in run.stderr
    assert out.read_text() == "earlier results\n"
    assert sorted(p.name for p in three.parent.iterdir()) == ["events.csv", "three.csv"]


def test_a_failure_while_writing_leaves_no_partial_file(three, monkeypatch):
    out = three.with_name("events.csv")
    out.write_text("earlier results\n")

    class Failing:
        def __init__(self, handle):
            self.handle, self.rows = handle, 0

        def writerow(self, row):
            self.rows += 1
            if self.rows > 2:
                raise OSError(28, "No space left on device")
            self.handle.write(",".join(map(str, row)) + "\n")

    monkeypatch.setattr(encode_command, "csv_writer", Failing)
    assert main(["encode", str(three), "--theta", "1", "--output", str(out)]) == 2
    assert out.read_text() == "earlier results\n"
    assert sorted(p.name for p in three.parent.iterdir()) == ["events.csv", "three.csv"]


def test_a_new_output_file_gets_ordinary_permissions(three):
    out = three.with_name("events.csv")
    assert main(["encode", str(three), "--theta", "1", "--output", str(out)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("text, extra, message", [
    # A first row of numbers is data, not a header: refused, or read in full with --no-header.
    ("1.5,2\n3,4\n", [], "has no header row: line 1 holds only numbers"),
    # A ';' file with decimal commas: the delimiter is found, the comma is named.
    ("a;b\n1,5;2,5\n", ["--column", "a"], "'1,5', not a decimal number (a decimal comma? "
                                          "write 1.5)"),
    ("a\n1,5\n", [], "line 2: 2 fields, but the header has 1"),
    ("a\n1_0\n", [], "'1_0', not a decimal number"),
    ("a\nnan\n", ["--column", "a"], "'nan', not a decimal number"),
    ("a,b,a\n1,2,3\n", [], "the header names 'a' more than once"),
    ("a,b,c\n1,2\n3,4,5\n", [], "line 2: 2 fields, but the header has 3"),
    ("a,,c\n1,2,3\n", [], "column 2 of the header has no name"),
    ("a,b;c\n1,2\n", [], "the first line holds ',', ';'; pass --delimiter"),
    ("a\n", [], "has a header but no data rows"),
    ("", [], "is empty"),
    ("a\n1\n", ["--column", "zz"], "column 'zz' is not in"),
    ("a\n1\n", ["--theta", "0"], "theta must be > 0"),
    ("a\n1\n", ["--leak", "2"], "leak must lie in (0, 1]"),
    ("a\n1\n", ["--rate", "-1"], "rate must be > 0"),
    ("a\n1\n", ["--delimiter", "ab"], "delimiter must be one character"),
    ("a\n1\n", ["--time", "zz"], "--time: column 'zz' is not in"),
    ("a,t\n1,x\n", ["--time", "t"], "--time: column 't' of"),
])
@pytest.mark.parametrize("command", ["encode", "solve"])
def test_bad_files_get_a_message_and_no_traceback(tmp_path, capsys, command, text, extra,
                                                  message):
    # In process: an exception that escaped main() would fail the test with its traceback.
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    argv = [command, str(path), *(["--theta", "1"] if "--theta" not in extra else []), *extra]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ifsod {command}: error: ") and message in err, err


def test_no_header_keeps_the_first_sample(tmp_path, ifsod_run):
    path = tmp_path / "in.csv"
    path.write_text("0.5,3\n0.75,-7\n2.5,1\n")
    run = ifsod_run("encode", path, "--theta", "1", "--no-header", "--json")
    columns = json.loads(run.stdout)["columns"]
    assert columns["1"]["samples"] == 3
    assert columns["2"]["weight"] == if_encode([3.0, -7.0, 1.0], 1.0).tolist()


def test_semicolon_files_and_named_delimiters(tmp_path, ifsod_run):
    path = tmp_path / "in.csv"
    path.write_text("a;b\n1.5;2.5\n-0.5;1\n")
    run = ifsod_run("encode", path, "--theta", "1", "--json")
    assert json.loads(run.stdout)["columns"]["b"]["weight"] == [2.0, 1.0]
    path.write_text("a\tb\n1.5\t2.5\n")
    assert ifsod_run("encode", path, "--theta", "1", "--delimiter", "tab").returncode == 0


def test_unreadable_input_gets_a_message(tmp_path, ifsod_run):
    missing = ifsod_run("encode", tmp_path / "nothing.csv", "--theta", "1")
    assert missing.returncode == 2 and b"No such file" in missing.stderr
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"a\n\xff\xfe\n")
    run = ifsod_run("encode", binary, "--theta", "1")
    assert run.returncode == 2 and b"is not UTF-8 text" in run.stderr
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(gzip.compress(b"a\n1\n2\n")[:-6])
    run = ifsod_run("encode", broken, "--theta", "1")
    assert run.returncode == 2 and b"Traceback" not in run.stderr


def test_a_closed_pipe_ends_the_run_quietly():
    shell = (f"{sys.executable} -m ifsod.cli encode {DAPHNET} --theta 1 --column ankle_vert "
             "| head -n 2; exit ${PIPESTATUS[0]}")
    run = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "column,sample,weight,count"
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr


def test_console_script_version():
    run = _cli("--version")
    assert run.stdout.decode().strip() == f"ifsod {ifsod.__version__}"


@pytest.mark.parametrize("command", ["encode", "solve"])
def test_usage_errors_show_the_clock_options_as_alternatives(tmp_path, capsys, command):
    path = tmp_path / "in.csv"
    path.write_text("a,t\n1,0\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main([command, str(path), "--theta", "1", "--rate", "2", "--time", "t"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "[--rate HZ | --time NAME]" in err
    assert "argument --time: not allowed with argument --rate" in err

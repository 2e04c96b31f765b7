"""The bundled recording: its layout, its labelled forms, and a light ``import ifsod``."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

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


def test_import_stays_light():
    code = ("import sys, ifsod; heavy = {'cvxpy', 'z3', 'matplotlib', 'hypothesis', 'sympy', "
            "'pandas', 'xarray', 'neo', 'quantities', 'elephant'}; "
            "print(sorted(heavy & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"

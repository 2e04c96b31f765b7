"""The test command runs the linters too: ruff (style and import order) and mypy (types)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_ruff_is_clean():
    run = subprocess.run([_tool("ruff"), "check", "toolkit", "tests", "benchmarks", "proofs",
                          "book/_ext"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


def test_mypy_is_clean():
    # The files to check and the options come from [tool.mypy] in pyproject.toml.
    run = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Success: no issues found" in run.stdout

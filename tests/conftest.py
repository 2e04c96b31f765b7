"""Test-wide settings and the one quick verifier run that several test files read."""

from __future__ import annotations

import contextlib
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# A red CI must mean a regression, not a new random draw: CI derandomizes the property
# searches (local runs keep exploring, and keep the failures they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@dataclass(frozen=True)
class VerifierRun:
    """``ifsod verify --quick --json --markdown``: exit code, stdout, stderr, report files."""

    code: int
    out: str
    err: str
    json: Path
    markdown: Path
    seconds: float


@pytest.fixture(scope="session")
def quick_verify(tmp_path_factory) -> VerifierRun:
    from ifsod.cli import main

    folder = tmp_path_factory.mktemp("verify")
    json_file, md_file = folder / "verify.json", folder / "verify.md"
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["verify", "--quick", "--json", str(json_file), "--markdown", str(md_file)])
    return VerifierRun(code, out.getvalue(), err.getvalue(), json_file, md_file,
                       time.perf_counter() - start)

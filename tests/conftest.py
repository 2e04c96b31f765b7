"""Test-wide settings: under CI the property tests replay the same cases on every run."""

from __future__ import annotations

import os

from hypothesis import settings

# A red CI must mean a regression, not a new random draw: CI derandomizes the property
# searches (local runs keep exploring, and keep the failures they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

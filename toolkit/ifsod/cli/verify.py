"""``ifsod verify``: the proof engine's command (:mod:`ifsod.proof`), registered here."""

from __future__ import annotations

from importlib import import_module

HELP = "check the claims (T1-T8 and users' own) and report a verdict per claim"
#: The engine owns its command line; this module only names it for the ``ifsod`` parser.
_ENGINE = import_module("ifsod.proof._cli")
OPTIONS = _ENGINE.OPTIONS
run = _ENGINE.run

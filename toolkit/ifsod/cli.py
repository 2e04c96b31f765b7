"""Command line: ``ifsod encode | solve | verify``.

Each subcommand lives in its own module exposing ``add_arguments(parser)`` and ``run(args)``;
heavy imports happen inside ``run`` so that ``ifsod --help`` stays quick.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

#: Subcommand name -> (module, one-line help).
_COMMANDS = {
    "encode": ("ifsod._cli_encode", "IF-encode a CSV column and write the spike events"),
    "verify": ("ifsod.proof._cli", "check the claims of MATH.md and report a verdict per claim"),
    "solve": ("ifsod.sparse._cli", "solve a sparse-recovery problem and print the Recovery"),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ifsod`` command."""
    parser = argparse.ArgumentParser(prog="ifsod", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"ifsod {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (module, text) in _COMMANDS.items():
        sub = commands.add_parser(name, help=text, description=text)
        importlib.import_module(module).add_arguments(sub)
        sub.set_defaults(module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``ifsod`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return importlib.import_module(args.module).run(args)
    except (ValueError, TypeError, OSError) as err:
        print(f"ifsod {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

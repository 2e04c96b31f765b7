"""The ``ifsod`` command: one parser, one subcommand module each, errors as messages.

Bad input is reported as ``ifsod COMMAND: error: ...`` with exit status 2, never a traceback; a
closed standard output (``ifsod encode ... | head``) ends the run quietly.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from importlib import import_module

from .. import __version__
from .arguments import add_options

#: Subcommand name -> its module (``HELP``, ``OPTIONS``, ``run(args)``).
COMMANDS = {"encode": "ifsod.cli.encode", "solve": "ifsod.cli.solve",
            "verify": "ifsod.cli.verify"}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ifsod`` command.

    Returns
    -------
    argparse.ArgumentParser
        The parser, one subcommand per entry of ``COMMANDS``.

    Examples
    --------
    >>> build_parser().parse_args(["encode", "x.csv", "--theta", "2"]).theta
    2.0
    """
    parser = argparse.ArgumentParser(prog="ifsod", description="Command line: ifsod encode | "
                                                               "solve | verify.")
    parser.add_argument("--version", action="version", version=f"ifsod {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, module_name in COMMANDS.items():
        module = import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        add_options(sub, module.OPTIONS)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``ifsod`` command; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 when a command found no solution, 2 on bad input, 130 on interrupt.

    Examples
    --------
    >>> main(["encode", "no-such-file.csv", "--theta", "1"])
    2
    """
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except (ValueError, TypeError, OSError, ArithmeticError, csv.Error) as err:
        print(f"ifsod {args.command}: error: {_describe(err)}", file=sys.stderr)
        return 2


def _describe(err: Exception) -> str:
    if isinstance(err, OSError) and err.filename is not None:
        return f"{err.filename}: {err.strerror or err}"
    return str(err)


def _silence_stdout() -> None:
    # The reader went away; Python would report the failed flush of stdout again at exit.
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)

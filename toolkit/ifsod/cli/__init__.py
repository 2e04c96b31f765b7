"""Command line: ``ifsod encode | solve | verify``.

One module per subcommand (:mod:`~ifsod.cli.encode`, :mod:`~ifsod.cli.solve`,
:mod:`~ifsod.cli.verify`), each with ``HELP``, ``OPTIONS`` and ``run(args)``;
``encode`` and ``solve`` read their input with the one CSV reader of :mod:`~ifsod.cli.table`
and write through :mod:`~ifsod.cli.output`.  Heavy imports happen inside ``run``, so that
``ifsod --help`` stays quick.

Examples
--------
>>> from ifsod.cli import COMMANDS
>>> list(COMMANDS)
['encode', 'solve', 'verify']
"""

from .main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "build_parser", "main"]

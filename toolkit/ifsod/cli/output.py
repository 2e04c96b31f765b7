"""Where the commands write: standard output, or a file replaced atomically.

A file is written to a temporary file in the same folder and renamed over the target only when
the whole output is written, so a run that fails leaves an existing file as it was.  A target
that is one of the inputs is refused before anything is read.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import IO, Any


def check_output(output: str | None, inputs: Iterable[str]) -> None:
    """Refuse an output path that names one of the input files.

    Parameters
    ----------
    output : str or None
        The output path (``None`` or ``"-"``: standard output).
    inputs : iterable of str
        The input paths (``"-"``: standard input).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> with open(path, "w"):
    ...     pass
    >>> check_output(path, [path])
    Traceback (most recent call last):
    ...
    ValueError: output: refusing to overwrite the input file ...x.csv
    """
    if output in (None, "-"):
        return
    for source in inputs:
        if source != "-" and os.path.exists(output) and os.path.samefile(output, source):
            raise ValueError(f"output: refusing to overwrite the input file {output}")


@contextlib.contextmanager
def open_output(output: str | None) -> Iterator[IO[str]]:
    """A text handle on ``output`` (``None`` or ``"-"``: standard output), replaced atomically.

    Parameters
    ----------
    output : str or None
        The output path.

    Returns
    -------
    contextlib.AbstractContextManager of IO[str]
        The handle; the file is replaced only when the block ends without an exception.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> with open_output(path) as handle:
    ...     _ = handle.write("a\\n")
    >>> try:
    ...     with open_output(path) as handle:
    ...         _ = handle.write("partial")
    ...         raise ValueError("the run failed")
    ... except ValueError:
    ...     pass
    >>> with open(path) as handle:
    ...     handle.read(), os.listdir(os.path.dirname(path))
    ('a\\n', ['x.csv'])
    """
    if output in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(output))
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(output)}.",
                                             suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(temporary, _mode_for(output))
        os.replace(temporary, output)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _mode_for(output: str) -> int:
    """The permissions a plain ``open(output, "w")`` would leave (mkstemp makes 0600 files)."""
    try:
        return os.stat(output).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def csv_writer(handle: IO[str]) -> Any:
    """A CSV writer with ``\\n`` line endings (the csv module's default is ``\\r\\n``).

    Parameters
    ----------
    handle : IO[str]
        A text handle.

    Returns
    -------
    csv writer
        The writer.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> csv_writer(out).writerow(["a", 1])
    4
    >>> out.getvalue()
    'a,1\\n'
    """
    return csv.writer(handle, lineterminator="\n")


def plain(value: Any) -> Any:
    """A JSON-ready copy of ``value``: NumPy scalars and arrays to Python, ``Fraction`` to
    ``"p/q"``, non-finite floats to ``None``.

    Parameters
    ----------
    value : object
        Numbers, strings and arrays, or dicts, lists and tuples holding them.

    Returns
    -------
    object
        Python numbers, strings, ``None``, lists and dicts, as ``json.dump`` writes them.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction
    >>> plain({"a": np.arange(2), "b": Fraction(1, 3), "c": float("nan"), "d": np.float64(2)})
    {'a': [0, 1], 'b': '1/3', 'c': None, 'd': 2.0}
    """
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):
        return plain(value.tolist())
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value


def write_json(handle: IO[str], document: Any) -> None:
    """Write ``document`` (made :func:`plain`) as one line of JSON and a newline.

    Parameters
    ----------
    handle : IO[str]
        A text handle.
    document : object
        The document.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> import numpy as np
    >>> write_json(out, {"theta": np.float64(0.5)})
    >>> out.getvalue()
    '{"theta": 0.5}\\n'
    """
    json.dump(plain(document), handle, allow_nan=False)
    handle.write("\n")

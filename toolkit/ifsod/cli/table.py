"""The CSV reader shared by ``ifsod encode`` and ``ifsod solve``.

A table is read whole and checked before anything is computed: a header row naming every column
once, the same number of fields on every line, and cells that are plain decimal numbers
(``1.5``, ``-2e3``; not ``1,5``, ``1_0``, ``nan``).  A first row of numbers is refused as a
header (it would lose the first sample) unless ``header=False`` names the columns by position.
The delimiter is ``,`` unless the header holds exactly one of ``;`` or a tab, or the caller
names it.  Gzip input is recognised by its magic bytes, so it works on standard input too.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zlib
from dataclasses import dataclass

import numpy as np

#: A plain decimal number, as every CSV writer prints floats.  Python's ``float`` would also
#: take ``1_0`` (as 10), ``nan``, ``inf`` and surrounding spaces; none of those is data here.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: Column names that say "time", alone or with a unit: ``t``, ``time``, ``time_s``, ``t [s]``.
_TIME_NAME = re.compile(r"(?:t|time|times|timestamp|seconds?)(?:[\s_\[(].*)?", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t")
_GZIP_MAGIC = b"\x1f\x8b"
#: A strictly increasing column whose largest step is at most this many times its smallest is a
#: clock or a sample index, not a signal.
_STEADY = 2.0


def is_number(text: str) -> bool:
    """True if ``text`` is a plain decimal number (no ``_``, no ``nan``/``inf``, no comma).

    Parameters
    ----------
    text : str
        A cell.

    Returns
    -------
    bool
        Whether the cell is a number.

    Examples
    --------
    >>> [is_number(s) for s in ["1.5", "-2e3", ".5", "1,5", "1_0", "nan", ""]]
    [True, True, True, False, False, False, False]
    """
    return _NUMBER.fullmatch(text) is not None


@dataclass(frozen=True)
class Table:
    """A CSV table as read: column names and the raw text of every cell.

    Parameters
    ----------
    source, names, cells, first_line
        As the attributes.

    Examples
    --------
    >>> table = Table("x.csv", ("a",), (("1", "2"),), 2)
    >>> table.length, table.values("a")
    (2, array([1., 2.]))

    Attributes
    ----------
    source : str
        Where it was read from (a path, or ``"standard input"``).
    names : tuple of str
        Column names, distinct.
    cells : tuple of tuple of str
        The cells of each column, top to bottom.
    first_line : int
        Line number of the first data row (2 with a header row, 1 without).
    """

    source: str
    names: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    first_line: int

    @property
    def length(self) -> int:
        """Number of data rows.

        Returns
        -------
        int
            The number of data rows.

        Examples
        --------
        >>> parse_table("a\\n1\\n2\\n", "x.csv").length
        2
        """
        return len(self.cells[0]) if self.cells else 0

    def column(self, name: str) -> tuple[str, ...]:
        """The cells of column ``name``; ``ValueError`` naming the columns if there is none.

        Parameters
        ----------
        name : str
            A name of the header (``1``, ``2``, ... for a file read without one).

        Returns
        -------
        tuple of str
            Its cells.

        Examples
        --------
        >>> parse_table("a,b\\n1,2\\n", "x.csv").column("b")
        ('2',)
        """
        if name not in self.names:
            raise ValueError(f"column {name!r} is not in {self.source}; columns: "
                             f"{', '.join(self.names)}")
        return self.cells[self.names.index(name)]

    def problem(self, name: str) -> str | None:
        """Why column ``name`` is not numeric (its first cell that is no number), else ``None``.

        Parameters
        ----------
        name : str
            A column of the table; ``ValueError`` if there is none.

        Returns
        -------
        str or None
            The line and cell that is no number (with a hint for decimal commas), or ``None``
            for a numeric column.

        Examples
        --------
        >>> parse_table("a;b\\n1.5;2,5\\n", "x.csv").problem("b")
        "line 2 holds '2,5', not a decimal number (a decimal comma? write 2.5)"
        """
        for line, cell in enumerate(self.column(name), start=self.first_line):
            if not is_number(cell):
                hint = (f" (a decimal comma? write {cell.replace(',', '.')})"
                        if is_number(cell.replace(",", ".", 1)) else "")
                return f"line {line} holds {cell!r}, not a decimal number{hint}"
        return None

    def values(self, name: str) -> np.ndarray:
        """Column ``name`` as ``float64``; ``ValueError`` naming the first cell that is no number.

        Parameters
        ----------
        name : str
            The column to read as numbers.

        Returns
        -------
        numpy.ndarray
            The column's numbers.

        Examples
        --------
        >>> parse_table("a,b\\n1.5,2\\n", "x.csv").values("a")
        array([1.5])
        >>> parse_table("a\\n1_0\\n", "x.csv").values("a")
        Traceback (most recent call last):
        ...
        ValueError: column 'a' of x.csv: line 2 holds '1_0', not a decimal number
        """
        problem = self.problem(name)
        if problem:
            raise ValueError(f"column {name!r} of {self.source}: {problem}")
        return np.array([float(cell) for cell in self.column(name)], dtype=np.float64)

    def time_reason(self, name: str) -> str | None:
        """Why column ``name`` looks like time (its name, or a steady increase), else ``None``.

        Parameters
        ----------
        name : str
            A column of the table, judged by its name first, then by its numbers.

        Returns
        -------
        str or None
            Why it looks like time, for the note that leaves it out; ``None`` for a signal.

        Examples
        --------
        >>> table = parse_table("time,a,n\\n0,5,0\\n1,3,10\\n2,4,20\\n", "x.csv")
        >>> [table.time_reason(name) for name in table.names]
        ['it is named time', None, 'it increases at a steady step']
        """
        if _TIME_NAME.fullmatch(name.strip()):
            return "it is named time"
        if self.length < 3 or self.problem(name):
            return None
        steps = np.diff(self.values(name))
        if np.all(steps > 0) and steps.max() <= _STEADY * steps.min():
            return "it increases at a steady step"
        return None


def read_table(path: str, *, delimiter: str | None = None, header: bool = True) -> Table:
    """Read a CSV file (``"-"``: standard input; gzip recognised by its magic bytes).

    Parameters
    ----------
    path : str
        File name, or ``"-"`` for standard input.
    delimiter : str, optional
        Field delimiter; by default ``,`` unless the first line holds exactly one of ``;``, tab.
    header : bool
        Whether the first row names the columns; without it they are named ``1``, ``2``, ...

    Returns
    -------
    Table

    Examples
    --------
    >>> import gzip, os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "x.csv.gz")
    >>> with gzip.open(path, "wt") as handle:
    ...     _ = handle.write("a,b\\n1,2\\n3,4\\n")
    >>> read_table(path).values("b")
    array([2., 4.])
    """
    if path == "-":
        source, raw = "standard input", sys.stdin.buffer.read()
    else:
        source = path
        with open(path, "rb") as handle:
            raw = handle.read()
    if raw[:2] == _GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError, zlib.error) as err:
            raise ValueError(f"{source} is not a complete gzip file ({err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"{source} is not UTF-8 text ({err.reason} at byte {err.start})") \
            from None
    return parse_table(text, source, delimiter=delimiter, header=header)


def parse_table(text: str, source: str, *, delimiter: str | None = None,
                header: bool = True) -> Table:
    """Parse CSV ``text`` (see :func:`read_table`); ``source`` names it in error messages.

    Parameters
    ----------
    text : str
        The CSV text.
    source : str
        Where it came from, for the messages.
    delimiter : str, optional
        The field delimiter (``"tab"`` for a tab); guessed from the header when ``None``.
    header : bool
        Whether the first row names the columns.

    Returns
    -------
    Table
        The table.

    Examples
    --------
    >>> parse_table("a,b\\n1,2\\n", "x.csv").names
    ('a', 'b')
    >>> parse_table("1,2\\n3,4\\n", "x.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: x.csv has no header row: line 1 holds only numbers (1, 2); add a row naming ...
    """
    if not text.strip():
        raise ValueError(f"{source} is empty")
    delimiter = _delimiter(text.splitlines()[0], delimiter)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    while rows and not rows[-1]:
        rows.pop()
    if header:
        names, body, first_line = [name.strip() for name in rows[0]], rows[1:], 2
        if all(is_number(name) for name in names):
            raise ValueError(f"{source} has no header row: line 1 holds only numbers "
                             f"({', '.join(names)}); add a row naming the columns, or pass "
                             "--no-header")
    else:
        names, body, first_line = [str(k) for k in range(1, len(rows[0]) + 1)], rows, 1
    for k, name in enumerate(names, start=1):
        if not name:
            raise ValueError(f"{source}: column {k} of the header has no name")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"{source}: the header names {', '.join(map(repr, duplicates))} more "
                         "than once; rename the columns so that each name is unique")
    for line, row in enumerate(body, start=first_line):
        if len(row) != len(names):
            raise ValueError(f"{source}, line {line}: {len(row)} fields, but the header has "
                             f"{len(names)} (delimiter {delimiter!r}; pass --delimiter if "
                             "that is not it)")
    if not body:
        raise ValueError(f"{source} has a header but no data rows")
    cells = tuple(tuple(cell.strip() for cell in column) for column in zip(*body))
    return Table(source, tuple(names), cells, first_line)


def _delimiter(first_line: str, delimiter: str | None) -> str:
    if delimiter is not None:
        if delimiter in {"tab", "\\t"}:
            return "\t"
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise ValueError(f"delimiter must be one character (or 'tab'); got {delimiter!r}")
        return delimiter
    found = [d for d in _DELIMITERS if d in first_line]
    if len(found) > 1:
        shown = ", ".join("tab" if d == "\t" else repr(d) for d in found)
        raise ValueError(f"delimiter: the first line holds {shown}; pass --delimiter to say "
                         "which one separates the fields")
    return found[0] if found else ","


def select_columns(table: Table, requested: list[str] | None,
                   exclude: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """The columns to process, and notes on the columns left out.

    With ``requested`` those columns (each must exist); otherwise every numeric column except
    ``exclude`` and the columns that look like time
    (:meth:`~ifsod.cli.table.Table.time_reason`), which are named in the notes.  No column
    left is an error that asks for ``--column``.

    Parameters
    ----------
    table : Table
        The table.
    requested : list of str or None
        The columns asked for (``--column``).
    exclude : tuple of str
        Columns never processed (the ``--time`` column).

    Returns
    -------
    tuple of (list of str, list of str)
        The columns and the notes.

    Examples
    --------
    >>> table = parse_table("time,a,b,label\\n0,1,2,x\\n1,3,4,y\\n2,5,1,z\\n", "x.csv")
    >>> select_columns(table, None)
    (['b'], ["column 'time' is left out: it is named time; pass --column time to use it", \
"column 'a' is left out: it increases at a steady step; pass --column a to use it", \
"column 'label' is left out: line 2 holds 'x', not a decimal number"])
    """
    if requested:
        for name in requested:
            table.column(name)
        if len(set(requested)) != len(requested):
            raise ValueError(f"column: {requested} names a column more than once")
        clash = [name for name in requested if name in exclude]
        if clash:
            raise ValueError(f"column: {clash[0]!r} is also the time column")
        return list(requested), []
    chosen, notes = [], []
    for name in table.names:
        if name in exclude:
            continue
        problem = table.problem(name)
        if problem:
            notes.append(f"column {name!r} is left out: {problem}")
            continue
        reason = table.time_reason(name)
        if reason:
            notes.append(f"column {name!r} is left out: {reason}; pass --column {name} to use it")
            continue
        chosen.append(name)
    if not chosen:
        raise ValueError(f"{table.source}: no column to process ({'; '.join(notes) or 'none'}); "
                         "name the columns with --column")
    return chosen, notes

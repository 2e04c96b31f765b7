"""Bad input and valid extremes for every public function, method and command-line subcommand.

One table of rows.  A *bad* row passes one bad argument (NaN, inf, None, strings, complex, bool,
object and ragged arrays, 0-d data, wrong axes, bad thresholds and leaks, unknown names,
unsorted or duplicate times, mismatched lengths) and must get a ``ValueError`` or
``TypeError`` whose message names the parameter the caller passed (never an ``IndexError``,
``OverflowError``, ``MemoryError`` or a warning from inside).  A *valid* row passes a valid
extreme (every dtype from ``float16`` to ``uint64`` and ``longdouble``, non-contiguous and
read-only views, empty data, values near overflow, exact ties) and must get the answer of an
independent oracle: the naive exact references of ``exact_reference.py``, or the library's
exact ``Fraction`` engine.

The walk finds the public surface in the packages' ``__all__`` and fails when an entry point
has no row, so a new public function comes with its rows.  Rows whose fix belongs to another
module are strict expected failures naming that module: they fail the suite once fixed, so the
mark is removed with the fix.  ``python tests/test_bad_input.py`` prints the counts.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import math
import re
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from exact_reference import alexiewicz_reference, if_reference, sod_reference

import ifsod
from ifsod import (
    IFEncoder,
    Signal,
    SpikeTrain,
    alexiewicz_distance,
    alexiewicz_norm,
    checks,
    discrepancy_norm,
    if_encode,
    if_events,
    proof,
    reconstruct,
    running_sums,
    sod_encode,
    sod_events,
    sparse,
)
from ifsod.cli import main as cli_main

NAN, INF = math.nan, math.inf
#: longdouble is wider than float64 on x86 Linux, the same width elsewhere.
WIDE = np.finfo(np.longdouble).nmant > np.finfo(np.float64).nmant


# ------------------------------------------------------------------------------------------
# Rows
# ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One call of one public entry point.

    ``param`` set: a bad row, whose error must name ``param`` (a regular expression for the
    name).  Otherwise a valid row: ``call()`` must equal ``oracle()`` under ``same``; with
    ``or_refused`` a ``ValueError`` naming that parameter is right too (the answer is beyond
    what float64 holds).
    """

    target: str
    label: str
    call: Callable[[], Any]
    param: str | None = None
    oracle: Callable[[], Any] | None = None
    same: Callable[[Any, Any], bool] | None = None
    or_refused: str | None = None

    @property
    def id(self) -> str:
        return f"{self.target}[{self.label}]"


class RowFailure(AssertionError):
    """A row did not get what it must."""


def _names(message: str, param: str, *, anywhere: bool) -> bool:
    """Whether the message starts with the parameter's name (the library's convention), or,
    for a command line message, names it anywhere."""
    if anywhere:
        return re.search(rf"(?<![\w])(?:{param})(?![\w])", message) is not None
    return re.match(rf"(?:{param})(?![\w])", message) is not None


def _clear_error(err: BaseException, param: str, *, anywhere: bool) -> bool:
    return (isinstance(err, ValueError | TypeError) and not isinstance(err, IndexError)
            and _names(str(err), param, anywhere=anywhere))


def run_row(row: Row) -> str:
    """``"clear"`` (bad input refused by name), ``"correct"`` (the oracle's answer) or
    ``"refused"`` (an answer beyond float64 refused by name); raises :class:`RowFailure`
    otherwise."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        anywhere = row.target.startswith("cli ")
        try:
            result = row.call()
        except Exception as err:
            if row.param is not None and _clear_error(err, row.param, anywhere=anywhere):
                return "clear"
            if row.or_refused is not None and _clear_error(err, row.or_refused,
                                                           anywhere=anywhere):
                return "refused"
            raise RowFailure(f"{row.id}: {type(err).__name__}: {err}") from err
    if row.param is not None:
        raise RowFailure(f"{row.id}: bad input accepted; returned {result!r}")
    want = row.oracle()
    same = row.same or _equal
    if not same(result, want):
        raise RowFailure(f"{row.id}: got {result!r}, want {want!r}")
    return "correct"


def _equal(got, want) -> bool:
    """Exact equality of values (floats against the exact oracle, element by element)."""
    if isinstance(want, list | tuple | np.ndarray):
        got_list = np.asarray(got, dtype=object).tolist()
        want_list = np.asarray(want, dtype=object).tolist()
        return np.shape(got) == np.shape(want) and _flat(got_list) == _flat(want_list)
    if _is_real(got):
        return _is_real(want) and _exact(got) == _exact(want)
    return got == want


def _exact(value):
    """``value`` as a Fraction; NaN and inf stay floats (and equal no Fraction)."""
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return float(value)
        return F(*value.as_integer_ratio())
    return F(int(value)) if isinstance(value, np.integer) else F(value)


def _flat(values) -> list:
    if isinstance(values, list):
        return [v for item in values for v in _flat(item)]
    return [_exact(values)]


def _is_real(value) -> bool:
    return isinstance(value, int | float | F | np.number) and not isinstance(value, bool)


def _close(rtol: float) -> Callable[[Any, Any], bool]:
    def same(got, want) -> bool:
        got_f = np.asarray(got, dtype=float)
        want_f = np.asarray(np.asarray(want, dtype=object).tolist(), dtype=float)
        return got_f.shape == want_f.shape and bool(
            np.all(np.abs(got_f - want_f) <= rtol * np.maximum(np.abs(want_f), 1e-300)))

    return same


# ------------------------------------------------------------------------------------------
# Batteries of bad values
# ------------------------------------------------------------------------------------------

X = [0.5, 0.75, 2.5, -0.5, 3.0, -4.0]  # dyadic: exact in float16 and in every float sum
N = len(X)

BAD_ARRAYS: dict[str, Any] = {
    "NaN": [1.0, NAN],
    "+inf": [1.0, INF],
    "-inf": [-INF, 1.0],
    "None": None,
    "string": "1.5",
    "strings": ["1", "2"],
    "complex": [1 + 1j, 0j],
    "bool": [True, False],
    "object": np.array([object(), object()], dtype=object),
    "ragged": [[1.0], [1.0, 2.0]],
    "set": {1.0, 2.0},
    "int beyond float64": [10**400, 1],
}
#: Python integers beyond float64 are exact data for the encoders and norms, which compute with
#: them exactly; elsewhere they are refused by name.
HUGE_INTS = BAD_ARRAYS["int beyond float64"]
FLOAT_ONLY = "int beyond float64"


def without(values: dict[str, Any], *labels: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in labels}

if WIDE:
    BAD_ARRAYS["longdouble beyond float64"] = np.array([np.longdouble("1e400"), 1.0])
    BAD_ARRAYS["longdouble finer than float64"] = np.array(
        [np.longdouble(1) + np.finfo(np.longdouble).eps, 1.0])

BAD_THRESHOLDS: dict[str, Any] = {
    "0": 0, "-1": -1, "NaN": NAN, "inf": INF, "-inf": -INF, '"1"': "1", "10**400": 10**400,
    "True": True, "None": None, "complex": 1j, "array": [1.0],
}
#: Selects exact mode where the threshold decides the mode; refused where data decide floats.
TINY_FRACTION = {"Fraction(1, 10**400)": F(1, 10**400)}

BAD_LEAKS: dict[str, Any] = {
    "0": 0, "1.5": 1.5, "-0.5": -0.5, "NaN": NAN, "inf": INF, '"1"': "1", "True": True,
    "None": None, "wrong length": [0.5] * (N + 1), "ragged": [[0.5], [0.5, 0.5]],
    "NaN factor": [NAN] * N, "zero factor": [0.0] * N, "2-D": [[0.5] * N],
    "Fraction(1, 10**400)": F(1, 10**400),
}
SCALAR_LEAKS = {k: v for k, v in BAD_LEAKS.items() if not isinstance(v, list)}

BAD_AXES: dict[str, Any] = {"5": 5, "-5": -5, "1.5": 1.5, "None": None, '"0"': "0",
                            "True": True}
BAD_NAMES: dict[str, Any] = {"unknown": "nope", "None": None, "int": 1}
BAD_RATES: dict[str, Any] = {"-1": -1.0, "NaN": NAN, "inf": INF, '"1"': "1", "True": True,
                             "None": None, "10**400": 10**400}

#: Valid dtypes: values every one of them holds exactly.
SIGNED = [1, 3, -2, 0, 5, -7]
UNSIGNED = [1, 3, 2, 0, 5, 7]
DTYPES = {
    "float16": (np.float16, X), "float32": (np.float32, X), "float64": (np.float64, X),
    "longdouble": (np.longdouble, X),
    **{t.__name__: (t, SIGNED) for t in (np.int8, np.int16, np.int32, np.int64)},
    **{t.__name__: (t, UNSIGNED) for t in (np.uint8, np.uint16, np.uint32, np.uint64)},
}


def _layouts(values: list) -> dict[str, np.ndarray]:
    """Views of ``values`` a user may hold: strided, reversed twice, read-only."""
    base = np.asarray(values, dtype=np.float64)
    strided = np.repeat(base, 2)[::2]
    reversed_twice = base[::-1].copy()[::-1]
    frozen = base.copy()
    frozen.setflags(write=False)
    return {"strided view": strided, "negative strides": reversed_twice, "read-only": frozen}


def _labelled(context: str, label: str) -> str:
    return f"{context}, {label}" if context else label


def bad_rows(target: str, param: str, values: dict[str, Any], build: Callable[..., Any],
             *, context: str = "") -> Iterator[Row]:
    """One bad row per value, passing it as ``param``."""
    for label, value in values.items():
        yield Row(target, _labelled(context, f"{param}={label}"),
                  lambda value=value: build(**{param: value}), param=param)


def dtype_rows(target: str, build: Callable[[Any], Any], oracle: Callable[[list], Any],
               same=None, *, context: str = "") -> Iterator[Row]:
    """Valid rows: the same values in every dtype and layout give the oracle's answer."""
    for label, (dtype, values) in DTYPES.items():
        yield Row(target, _labelled(context, f"dtype {label}"),
                  lambda dtype=dtype, values=values: build(np.asarray(values, dtype=dtype)),
                  oracle=lambda values=values: oracle(values), same=same)
    for label, view in _layouts(X).items():
        yield Row(target, _labelled(context, label), lambda view=view: build(view),
                  oracle=lambda: oracle(X), same=same)


def valid(target: str, label: str, call, oracle, same=None, *, or_refused=None) -> Row:
    return Row(target, label, call, oracle=oracle, same=same, or_refused=or_refused)


def bad(target: str, label: str, call, param: str) -> Row:
    return Row(target, label, call, param=param)


# ------------------------------------------------------------------------------------------
# The discrete encoders and norms
# ------------------------------------------------------------------------------------------

def _fl(values) -> list[float]:
    return [float(v) for v in values]


def encoder_rows() -> Iterator[Row]:
    def enc(x=X, theta=1.0, reset="mod", leak=1.0, axis=-1, engine="auto"):
        return if_encode(x, theta, reset=reset, leak=leak, axis=axis, engine=engine)

    yield from bad_rows("if_encode", "x", {**without(BAD_ARRAYS, FLOAT_ONLY), "0-d": 1.5}, enc)
    yield valid("if_encode", "int beyond float64, exact", lambda: if_encode(HUGE_INTS, 1.0),
                lambda: if_reference(HUGE_INTS, 1))
    yield from bad_rows("if_encode", "theta", {**BAD_THRESHOLDS, **TINY_FRACTION}, enc)
    yield from bad_rows("if_encode", "reset", BAD_NAMES, enc)
    yield from bad_rows("if_encode", "leak", BAD_LEAKS, enc)
    yield from bad_rows("if_encode", "axis", BAD_AXES, enc)
    yield from bad_rows("if_encode", "engine", BAD_NAMES, enc)
    yield bad("if_encode", "exact data with engine numba", lambda: enc([F(1)], engine="numba"),
              "engine")
    for label, (dtype, _) in DTYPES.items():
        yield valid("if_encode", f"theta of dtype {label}",
                    lambda dtype=dtype: if_encode(X, dtype(2)), lambda: if_reference(X, 2))
    if WIDE:
        yield bad("if_encode", "theta=longdouble finer than float64",
                  lambda: if_encode(X, np.longdouble(1) + np.finfo(np.longdouble).eps), "theta")
    yield from dtype_rows("if_encode", lambda x: if_encode(x, 1.0),
                          lambda v: if_reference(v, 1))
    yield from dtype_rows("if_encode", lambda x: if_encode(x, 0.5, reset="subtract",
                                                           engine="python"),
                          lambda v: if_reference(v, F(1, 2), "subtract"),
                          context="subtract, python engine")
    yield valid("if_encode", "empty", lambda: if_encode([], 1.0), lambda: [])
    yield valid("if_encode", "3 channels, no samples",
                lambda: if_encode(np.zeros((3, 0)), 1.0).shape, lambda: (3, 0), _same_value)
    yield valid("if_encode", "Fortran order, time on axis 0",
                lambda: if_encode(np.asfortranarray(np.array([X, X]).T), 1.0, axis=0),
                lambda: np.array([if_reference(X, 1)] * 2, dtype=object).T)
    yield valid("if_encode", "Dirac weight 1e300", lambda: if_encode([1e300, -1e300], 1.0),
                lambda: if_reference([1e300, -1e300], 1))
    yield valid("if_encode", "exact tie", lambda: if_encode([F(1, 3)] * 3, F(1, 3)),
                lambda: [F(1, 3)] * 3)
    yield valid("if_encode", "per-step leak", lambda: if_encode(X, 1.0, leak=[0.5] * N),
                lambda: if_reference(X, 1, leak=[F(1, 2)] * N))
    # Float overflow of v/theta and of the running sum (the spike v - u is finite).
    for x, theta in (([1.0], 5e-324), ([-1e308], 0.3), ([1e308, 1e308], 1.5e308)):
        yield valid("if_encode", f"x={x}, theta={theta}", lambda x=x, t=theta: if_encode(x, t),
                    lambda x=x, t=theta: _fl(if_reference(x, F(t))), or_refused="x|theta")
    big = np.array([2**53 + 1, -(2**53)], dtype=np.int64)
    yield valid("if_encode", "int64 beyond 2**53", lambda: if_encode(big, 1.0),
                lambda: if_reference(big.tolist(), 1), or_refused="x")
    top = np.array([2**64 - 1], dtype=np.uint64)
    yield valid("if_encode", "uint64 2**64 - 1", lambda: if_encode(top, 1.0),
                lambda: [2**64 - 1], or_refused="x")

    def sod(y=X, delta=0.5, axis=-1, engine="auto"):
        return sod_encode(y, delta, axis=axis, engine=engine)

    yield from bad_rows("sod_encode", "y", {**without(BAD_ARRAYS, FLOAT_ONLY), "0-d": 1.5}, sod)
    yield valid("sod_encode", "int beyond float64, exact", lambda: sod_encode(HUGE_INTS, 0.5),
                lambda: sod_reference(HUGE_INTS, F(1, 2)))
    yield from bad_rows("sod_encode", "delta", {**BAD_THRESHOLDS, **TINY_FRACTION}, sod)
    yield from bad_rows("sod_encode", "axis", BAD_AXES, sod)
    yield from bad_rows("sod_encode", "engine", BAD_NAMES, sod)
    yield from dtype_rows("sod_encode", lambda y: sod_encode(y, 0.5),
                          lambda v: sod_reference(v, F(1, 2)))
    yield valid("sod_encode", "y=[0, 1], delta=1e-310", lambda: sod_encode([0.0, 1.0], 1e-310),
                lambda: _fl(sod_reference([0, 1], F(1e-310))), or_refused="y|delta")
    yield valid("sod_encode", "differences beyond float64",
                lambda: sod_encode([-1e308, 1e308], 1e308),
                lambda: _fl(sod_reference([-1e308, 1e308], F(1e308))), or_refused="y")

    def stream(theta=1.0, reset="mod", leak=1.0, axis=-1, engine="auto"):
        return IFEncoder(theta, reset, leak, axis=axis, engine=engine)

    yield from bad_rows("IFEncoder", "theta", BAD_THRESHOLDS, stream)
    yield from bad_rows("IFEncoder", "reset", BAD_NAMES, stream)
    yield from bad_rows("IFEncoder", "leak", SCALAR_LEAKS, stream)
    yield bad("IFEncoder", "leak=array", lambda: stream(leak=[0.5, 0.5]), "leak")
    # Without data only the type of an axis can be wrong (-5 is fine for 5-D chunks).
    yield from bad_rows("IFEncoder", "axis",
                        without(BAD_AXES, "5", "-5"), stream)
    yield from bad_rows("IFEncoder", "engine", BAD_NAMES, stream)
    yield bad("IFEncoder.process", "axis=5 of the encoder",
              lambda: IFEncoder(1.0, axis=5).process(X), "axis")

    def process(chunk=X, leak=None):
        return IFEncoder(1.0).process(chunk, leak)

    yield from bad_rows("IFEncoder.process", "chunk",
                        {**without(BAD_ARRAYS, FLOAT_ONLY), "0-d": 1.5}, process)
    yield valid("IFEncoder.process", "int beyond float64, exact", lambda: process(HUGE_INTS),
                lambda: if_reference(HUGE_INTS, 1))
    yield from bad_rows("IFEncoder.process", "leak",
                        {k: v for k, v in BAD_LEAKS.items() if v is not None}, process)

    def two_chunks(first, second):
        enc = IFEncoder(1.0)
        enc.process(first)
        return enc.process(second)

    yield bad("IFEncoder.process", "channel shape changes",
              lambda: two_chunks(np.zeros((2, 3)), np.zeros((3, 3))), "chunk")
    yield bad("IFEncoder.process", "float after exact",
              lambda: two_chunks([F(1, 2)], [0.5]), "chunk")
    yield from dtype_rows("IFEncoder.process", lambda x: IFEncoder(1.0).process(x),
                          lambda v: if_reference(v, 1))
    yield valid("IFEncoder.process", "chunks, one empty, like one call",
                lambda: _chunked(X, [2, 0, 3, 1]), lambda: if_reference(X, 1))


def _chunked(x, sizes) -> np.ndarray:
    enc = IFEncoder(1.0)
    out, start = [], 0
    for size in sizes:
        out.append(enc.process(x[start:start + size]))
        start += size
    return np.concatenate(out)


def _same_value(got, want) -> bool:
    return got == want


def _discrepancy(values) -> F:
    sums = [F(0)]
    for v in values:
        sums.append(sums[-1] + F(v))
    return max(sums) - min(sums)


def _cumsum(values) -> list[F]:
    out, total = [], F(0)
    for v in values:
        total += F(v)
        out.append(total)
    return out


def norm_rows() -> Iterator[Row]:
    def sums(a=X, leak=1.0, axis=-1):
        return running_sums(a, leak=leak, axis=axis)

    def norm(a=X, leak=1.0, axis=-1):
        return alexiewicz_norm(a, leak=leak, axis=axis)

    def disc(a=X, axis=-1):
        return discrepancy_norm(a, axis=axis)

    def dist(a=X, b=X, leak=1.0, axis=-1):
        return alexiewicz_distance(a, b, leak=leak, axis=axis)

    for target, build, one, oracle in (
            ("running_sums", sums, sums, _cumsum),
            ("alexiewicz_norm", norm, norm, alexiewicz_reference),
            ("discrepancy_norm", disc, disc, _discrepancy),
            ("alexiewicz_distance", dist, lambda a: dist(a, [1] * len(a)),
             lambda v: alexiewicz_reference([F(p) - 1 for p in v]))):
        yield from bad_rows(target, "a", {**without(BAD_ARRAYS, FLOAT_ONLY), "0-d": 1.5}, build)
        yield valid(target, "int beyond float64, exact", lambda b=one: b(HUGE_INTS),
                    lambda o=oracle: o(HUGE_INTS), or_refused="a")
        yield from bad_rows(target, "axis", BAD_AXES, build)
        if target != "discrepancy_norm":
            yield from bad_rows(target, "leak", BAD_LEAKS, build)
    yield from bad_rows("alexiewicz_distance", "b", {**BAD_ARRAYS, "0-d": 1.5}, dist)
    yield bad("alexiewicz_distance", "mismatched lengths", lambda: dist(b=X[:-1]), "b")

    yield from dtype_rows("running_sums", lambda a: running_sums(a), _cumsum)
    yield from dtype_rows("alexiewicz_norm", lambda a: alexiewicz_norm(a), alexiewicz_reference)
    yield from dtype_rows("alexiewicz_norm", lambda a: alexiewicz_norm(a, leak=0.5),
                          lambda v: alexiewicz_reference(v, leak=[F(1, 2)] * len(v)),
                          context="leak 0.5")
    yield from dtype_rows("discrepancy_norm", lambda a: discrepancy_norm(a), _discrepancy)
    yield from dtype_rows("alexiewicz_distance", lambda a: alexiewicz_distance(a, a[::-1]),
                          lambda v: alexiewicz_reference([F(p) - F(q)
                                                          for p, q in zip(v, v[::-1])]))
    yield valid("alexiewicz_norm", "empty", lambda: alexiewicz_norm([]), lambda: 0)
    big = np.array([2**53 + 1, -(2**53)])
    yield valid("alexiewicz_norm", "int64 beyond 2**53", lambda: alexiewicz_norm(big),
                lambda: 2**53 + 1, or_refused="a")
    for target, build, oracle in (
            ("alexiewicz_norm", alexiewicz_norm, alexiewicz_reference),
            ("discrepancy_norm", discrepancy_norm, _discrepancy),
            ("running_sums", running_sums, _cumsum)):
        yield valid(target, "sums beyond float64", lambda b=build: b([1e308, 1e308]),
                    lambda o=oracle: o([1e308, 1e308]), or_refused="a")


# ------------------------------------------------------------------------------------------
# Continuous time
# ------------------------------------------------------------------------------------------

#: A refused operand: the method names ``other``, or Python's own TypeError names both types.
OPERAND = "other|unsupported operand|can only concatenate|can't multiply"
RAMP = Signal.piecewise([0.0, 2.0], [[0.0, 1.0]])  # f(t) = t
KICKS = Signal.dirac([0.5, 1.0], [1.5, -2.5], (0.0, 2.0))
TIMES_BAD = {"unsorted": [0.0, 2.0, 1.0], "duplicate": [0.0, 1.0, 1.0],
             "NaN": [0.0, NAN, 2.0], "None": None, "string": "abc",
             "complex": [0j, 1j, 2j], "ragged": [[0.0], [1.0, 2.0], [2.0]]}
RANGES_BAD = {"reversed": (2.0, 0.0), "empty": (1.0, 1.0), "three values": (0, 1, 2),
              "NaN": (0.0, NAN), "inf": (0.0, INF), "None": None, "string": "ab"}


def signal_rows() -> Iterator[Row]:
    yield bad("Signal", "direct construction from garbage",
              lambda: Signal([1.0], "pieces", 0.0, 1.0, exact=False), "pieces|diracs|breakpoints")

    def piecewise(breakpoints=(0.0, 1.0, 2.0), coefficients=((1.0,), (0.0, 1.0)),
                  end_value=None):
        return Signal.piecewise(breakpoints, coefficients, end_value=end_value)

    yield from bad_rows("Signal.piecewise", "breakpoints",
                        {**{k: v for k, v in TIMES_BAD.items() if k != "ragged"},
                         "one time": [0.0], "0-d": 1.0}, piecewise)
    yield from bad_rows("Signal.piecewise", "coefficients",
                        {"one piece too few": [[1.0]], "empty piece": [[1.0], []],
                         "NaN": [[NAN], [1.0]], "string": [["a"], [1.0]]}, piecewise)
    yield bad("Signal.piecewise", "coefficients=None", lambda: piecewise(coefficients=None),
              "coefficients")
    yield from bad_rows("Signal.piecewise", "end_value",
                        {"NaN": NAN, '"1"': "1", "complex": 1j, "True": True}, piecewise)
    yield valid("Signal.piecewise", "huge coefficients",
                lambda: piecewise(coefficients=[[1e308], [0.0, 1e308]])(1.5),
                lambda: 5e307)

    def dirac(times=(0.5,), weights=(1.0,), t_range=(0.0, 1.0)):
        return Signal.dirac(times, weights, t_range)

    yield from bad_rows("Signal.dirac", "times",
                        {"NaN": [NAN], "None": None, "string": "a", "outside t_range": [2.0],
                         "complex": [1j]}, dirac)
    yield bad("Signal.dirac", "times=set", lambda: dirac({0.25, 0.5}, [1.0, 2.0]), "times")
    yield from bad_rows("Signal.dirac", "weights",
                        {"NaN": [NAN], "inf": [INF], "string": ["a"], "too many": [1.0, 2.0],
                         "None": None}, dirac)
    yield from bad_rows("Signal.dirac", "t_range", RANGES_BAD, dirac)
    yield from dtype_rows("Signal.dirac", lambda w: Signal.dirac(
        np.arange(len(w), dtype=w.dtype), w, (0, len(w))).diracs,
        lambda v: tuple((F(k), F(w)) for k, w in enumerate(v) if w), _same_diracs)
    yield valid("Signal.primitive", "Dirac weights summing beyond float64",
                lambda: dirac([0.25, 0.5], [1e308, 1e308]).primitive()(1.0),
                lambda: 2 * F(1e308), or_refused="weights|signal|Dirac")
    yield valid("Signal.dirac", "weight 1e300 and duplicates merge",
                lambda: dirac([0.5, 0.5, 0.25], [1e300, 1e300, -1.0]).diracs,
                lambda: ((0.25, -1.0), (0.5, 2e300)), _same_value)

    def samples(times=(0.0, 1.0, 2.0), values=(0.0, 2.0, 1.0), kind="linear"):
        return Signal.from_samples(times, values, kind)

    yield from bad_rows("Signal.from_samples", "times", TIMES_BAD, samples)
    yield bad("Signal.from_samples", "times=one time", lambda: samples([0.0], [1.0]), "times")
    yield from bad_rows("Signal.from_samples", "values",
                        {"mismatched length": [0.0, 1.0], "NaN": [0.0, NAN, 1.0],
                         "string": "abc", "None": None}, samples)
    yield from bad_rows("Signal.from_samples", "kind", BAD_NAMES, samples)
    yield from dtype_rows("Signal.from_samples",
                          lambda v: Signal.from_samples(np.arange(len(v)), v,
                                                        "constant").bin_integrals(
                              np.arange(len(v))),
                          lambda v: [F(a) for a in v[:-1]])

    def sympy_signal(expr="t", t="t", t_range=(0, 1)):
        import sympy

        sym = sympy.Symbol("t")
        return Signal.from_sympy(sym if expr == "t" else expr, sym if t == "t" else t, t_range)

    yield bad("Signal.from_sympy", "t=string", lambda: sympy_signal(t="x"), "t")
    yield from bad_rows("Signal.from_sympy", "t_range", RANGES_BAD, sympy_signal)
    yield bad("Signal.from_sympy", "expr not a polynomial", lambda: _sympy_sin(), "expr")

    def call(t=0.5):
        return RAMP(t)

    yield from bad_rows("Signal.__call__", "t",
                        {"NaN": NAN, "outside": 5.0, '"1"': "1", "None": None, "complex": 1j,
                         "True": True}, call)
    yield valid("Signal.__call__", "array of times, read-only",
                lambda: RAMP(_frozen([0.0, 0.5, 2.0])), lambda: [0.0, 0.5, 2.0])

    def limit(t=1.0, side="left"):
        return RAMP.limit(t, side)

    yield from bad_rows("Signal.limit", "side", BAD_NAMES, limit)
    yield from bad_rows("Signal.limit", "t", {"NaN": NAN, "t0 from the left": 0.0}, limit)

    big = Signal.piecewise([0.0, 1.0], [[1e308]])
    for op, target, overflow in ((lambda s, o: s + o, "Signal.__add__", 1e308),
                                 (lambda s, o: o + s, "Signal.__radd__", 1e308),
                                 (lambda s, o: s - o, "Signal.__sub__", -1e308),
                                 (lambda s, o: o - s, "Signal.__rsub__", -1e308),
                                 (lambda s, o: s * o, "Signal.__mul__", 2.0),
                                 (lambda s, o: o * s, "Signal.__rmul__", 2.0)):
        operand = {'"1"': "1", "None": None, "NaN": NAN, "complex": 1j, "True": True,
                   "ndarray": np.array([1.0, 2.0])}
        if "mul" not in target:
            operand["Signal of another range"] = Signal.piecewise([0.0, 1.0], [[1.0]])
        for label, value in operand.items():
            # Python's own TypeError for an operand no method takes names both types.
            yield Row(target, f"other={label}", lambda op=op, v=value: op(RAMP, v),
                      param=OPERAND)
        want = abs(op(F(1e308), F(overflow)))
        yield valid(target, "result beyond float64",
                    lambda op=op, o=overflow: op(big, o)(0.5), lambda w=want: w,
                    or_refused="other")
    yield valid("Signal.__neg__", "of huge Diracs", lambda: (-KICKS * 1e300).diracs,
                lambda: ((0.5, -1.5e300), (1.0, 2.5e300)), _same_value)

    def restrict(a=0.5, b=1.5):
        return RAMP.restrict(a, b)

    yield from bad_rows("Signal.restrict", "a", {"NaN": NAN, "outside": -1.0, '"1"': "1"},
                        restrict)
    yield from bad_rows("Signal.restrict", "b", {"not above a": 0.5, "outside": 3.0,
                                                 "None": None}, restrict)

    def bins(edges=(0.0, 1.0, 2.0)):
        return KICKS.bin_integrals(edges)

    yield from bad_rows("Signal.bin_integrals", "edges",
                        {**TIMES_BAD, "one edge": [0.0], "outside": [0.0, 3.0]}, bins)
    yield from dtype_rows("Signal.bin_integrals", lambda e: KICKS.bin_integrals(_edges_of(e)),
                          lambda v: [F(3, 2), F(-5, 2)])
    yield valid("Signal.sup_norm", "values near overflow",
                lambda: Signal.piecewise([0.0, 1.0], [[1.7e308, -1.7e308]]).sup_norm(),
                lambda: 1.7e308)

    def norm(leak_rate=0.0):
        return RAMP.alexiewicz_norm(leak_rate=leak_rate)

    yield from bad_rows("Signal.alexiewicz_norm", "leak_rate", BAD_RATES, norm)
    yield valid("Signal.alexiewicz_norm", "exact", lambda: Signal.piecewise(
        [F(0), F(2)], [[F(0), F(1)]]).alexiewicz_norm(), lambda: F(2))


def signal_view_rows() -> Iterator[Row]:
    cuts_bad = {"None": None, "NaN": [NAN], "inf": [INF], "string": "ab", "complex": [1j],
                "0-d": 0.5, "2-D": [[0.5]], "bool": [True], "object": np.array([object()]),
                "set": {0.5}}
    for target, view in (("Signal.pieces", RAMP.pieces), ("Signal.piece_arrays",
                                                           RAMP.piece_arrays)):
        yield from bad_rows(target, "cuts", cuts_bad, lambda cuts, view=view: view(cuts))
    yield valid("Signal.pieces", "cuts at a Dirac, exact",
                lambda: KICKS.to_exact().pieces([F(1, 2)]),
                lambda: ((F(0), F(1, 2), F(0), (F(0),)), (F(1, 2), F(2), F(0), (F(0),))),
                _same_value)
    yield valid("Signal.pieces", "cut at an algebraic time (sqrt 2)",
                lambda: [(p.start, p.stop) for p in RAMP.to_exact().pieces(
                    [ifsod.Algebraic(ROOT2, 1, 2)])],
                lambda: [(0, ifsod.Algebraic(ROOT2, 1, 2)), (ifsod.Algebraic(ROOT2, 1, 2), 2)],
                _same_value)
    yield valid("Signal.piece_arrays", "cuts near overflow of the coefficients",
                lambda: [a.tolist() for a in Signal.piecewise(
                    [0.0, 1.0], [[1.7e308, -1.7e308]]).piece_arrays([0.5])],
                lambda: [[0.0, 0.5, 1.0], [0.0, 0.0], [[1.7e308, -1.7e308]] * 2], _same_value)
    yield bad("Signal.piece_arrays", "exact signal", lambda: RAMP.to_exact().piece_arrays(),
              "signal")
    yield valid("Signal.__eq__", "float and exact forms of one signal",
                lambda: RAMP.__eq__(RAMP.to_exact()), lambda: True, _same_value)
    yield valid("Signal.__eq__", "to a list", lambda: RAMP == [0.0, 1.0], lambda: False,
                _same_value)
    yield valid("Signal.to_float", "exact values round to nearest",
                lambda: Signal.piecewise([0, 1], [[F(1, 3)]]).to_float().coefficients,
                lambda: ((1 / 3,),), _same_value)
    yield bad("Signal.to_float", "coefficient beyond float64",
              lambda: Signal.piecewise([0, 1], [[F(10**400)]]).to_float(), "signal")
    yield valid("Signal.to_exact", "floats convert exactly",
                lambda: Signal.piecewise([0.0, 1.0], [[0.1]]).to_exact().coefficients,
                lambda: ((F(0.1),),), _same_value)


ROOT2 = [F(-2), F(0), F(1)]


def algebraic_rows() -> Iterator[Row]:
    def alg(poly=ROOT2, lo=1, hi=2):
        return ifsod.Algebraic(poly, lo, hi)

    yield from bad_rows("Algebraic", "poly",
                        {"None": None, "NaN": [NAN, 0, 1], "string": "abc", "complex": [1j, 0, 1],
                         "degree 1": [1, 1], "not monic": [-2, 0, 2], "set": {-2, 0, 1}},
                        alg)
    yield bad("Algebraic", "poly=reducible (x^2 - 1)", lambda: alg([-1, 0, 1], 0, 3), "poly")
    yield bad("Algebraic", "poly=reducible quartic (x^2 - 2)(x^2 - 3)",
              lambda: alg([6, 0, -5, 0, 1], 1, F(3, 2)), "poly")
    yield bad("Algebraic", "poly=three roots in (lo, hi)",
              lambda: alg([1, -3, 0, 1], -2, 2), r"poly|lo|hi|\(lo, hi\)")
    for param in ("lo", "hi"):
        yield from bad_rows("Algebraic", param, {"NaN": NAN, "inf": INF, "None": None,
                                                 '"x"': "x", "complex": 1j},
                            alg)
    yield bad("Algebraic", "lo above hi", lambda: alg(lo=2, hi=1), r"\(lo, hi\)|lo|hi")
    yield valid("Algebraic", "hi=10**400 isolates sqrt(2)", lambda: float(alg(hi=10**400)),
                lambda: math.sqrt(2))
    root = alg()
    for target, op in (("Algebraic.__add__", lambda o: root + o),
                       ("Algebraic.__radd__", lambda o: o + root),
                       ("Algebraic.__sub__", lambda o: root - o)):
        for label, value in {"None": None, '"1"': "1", "NaN": NAN, "complex": 1j,
                             "ndarray": np.array([1.0])}.items():
            yield Row(target, f"other={label}", lambda op=op, v=value: op(v), param=OPERAND)
        yield bad(target, "other=True", lambda op=op: op(True), OPERAND)
    yield valid("Algebraic.__add__", "10**400 exactly",
                lambda: (10**400 < root + 10**400 < 10**400 + 2, root + 10**400 - 10**400 == root),
                lambda: (True, True), _same_value)
    yield valid("Algebraic.__sub__", "a Fraction", lambda: root - F(1, 3) < F(1082, 1000),
                lambda: True, _same_value)
    for label, other, want in (("NaN", NAN, False), ("inf", INF, False), ("a float", 1.5, False),
                               ("None", None, False), ("the same root", alg(lo=F(7, 5)), True)):
        yield valid("Algebraic.__eq__", f"to {label}", lambda o=other: root == o,
                    lambda w=want: w, _same_value)
    yield valid("Algebraic.__eq__", "below inf, above -inf", lambda: (root < INF, root > -INF),
                lambda: (True, True), _same_value)


def _edges_of(values) -> list:
    """Bin edges 0, 0.75, 2 whatever dtype the caller's values have (the dtype of edges)."""
    dtype = np.asarray(values).dtype
    if dtype.kind in "iu":
        return np.array([0, 1, 2], dtype=dtype)
    return np.array([0.0, 0.75, 2.0], dtype=dtype)


def _frozen(values) -> np.ndarray:
    arr = np.array(values)
    arr.setflags(write=False)
    return arr


def _sympy_sin():
    import sympy

    t = sympy.Symbol("t")
    return Signal.from_sympy(sympy.sin(t), t, (0, 1))


def train_rows() -> Iterator[Row]:
    def train(times=(0.25, 0.5), weights=(1.0, -1.0), t_range=(0.0, 1.0), theta=None):
        return SpikeTrain(times, weights, t_range, theta)

    yield from bad_rows("SpikeTrain", "times",
                        {"unsorted": [0.5, 0.25], "NaN": [NAN, 0.5], "None": None,
                         "outside t_range": [0.5, 2.0], "string": "ab"}, train)
    yield bad("SpikeTrain", "times=set", lambda: train({0.25, 0.5}), "times")
    yield from bad_rows("SpikeTrain", "weights",
                        {"mismatched length": [1.0], "NaN": [NAN, 1.0], "string": "ab",
                         "off the lattice": [0.5, 1.0]},
                        lambda weights: train(weights=weights, theta=1.0))
    yield from bad_rows("SpikeTrain", "t_range", RANGES_BAD, train)
    yield from bad_rows("SpikeTrain", "copy", {"string": "no", "None": None, "int": 0},
                        lambda copy: SpikeTrain([0.25], [1.0], (0.0, 1.0), copy=copy))
    yield from bad_rows("SpikeTrain", "theta",
                        {k: v for k, v in BAD_THRESHOLDS.items() if v is not None}, train)
    yield valid("SpikeTrain", "duplicate times merge",
                lambda: train([0.5, 0.5], [1.0, 1.0], theta=1.0).weights, lambda: (2.0,),
                _same_value)
    yield from dtype_rows("SpikeTrain", lambda w: SpikeTrain(
        np.arange(len(w), dtype=w.dtype), w, (0, len(w)), theta=0.25).weights,
        lambda v: tuple(F(w) for w in v if w))
    yield valid("SpikeTrain", "theta=5e-324, weight 1.0 (2**1074 spikes)",
                lambda: train([0.5], [1.0], theta=5e-324).weights, lambda: (1.0,),
                _same_value)
    yield valid("SpikeTrain", "weights cancel", lambda: len(train([0.5, 0.5], [1.0, -1.0])),
                lambda: 0)

    base = SpikeTrain([0.25, 0.5], [1.0, -1.0], (0.0, 1.0))
    yield from bad_rows("SpikeTrain.on_grid", "edges",
                        {**TIMES_BAD, "outside": [0.0, 2.0]}, lambda edges: base.on_grid(edges))
    yield valid("SpikeTrain.on_grid", "read-only edges",
                lambda: base.on_grid(_frozen([0.0, 0.4, 1.0])), lambda: [1.0, -1.0])
    yield from bad_rows("SpikeTrain.alexiewicz_distance", "other",
                        {"list": [1.0], "None": None,
                         "train of another range": SpikeTrain([], [], (0.0, 2.0))},
                        lambda other: base.alexiewicz_distance(other))
    yield valid("SpikeTrain.alexiewicz_distance", "to itself",
                lambda: base.alexiewicz_distance(base), lambda: 0)
    yield valid("SpikeTrain.__eq__", "to a list", lambda: base == [1.0], lambda: False,
                _same_value)

    def from_dense(spikes=(0.0, 1.0, 0.0, -2.0), rate=10.0, t_start=0.0, theta=None):
        return SpikeTrain.from_dense(spikes, rate=rate, t_start=t_start, theta=theta)

    yield from bad_rows("SpikeTrain.from_dense", "spikes",
                        {**without(BAD_ARRAYS, FLOAT_ONLY), "0-d": 1.0, "empty": [],
                         "2-D": [[1.0]]}, from_dense)
    yield from bad_rows("SpikeTrain.from_dense", "rate", without(BAD_THRESHOLDS, "10**400"),
                        from_dense)
    yield bad("SpikeTrain.from_dense", "rate=10**400 (times merge in float64)",
              lambda: from_dense(rate=10**400), "rate")
    yield bad("SpikeTrain.from_dense", "t_start=1e16 (times merge in float64)",
              lambda: from_dense([1.0, 1.0], rate=1.0, t_start=1e16), "rate|t_start")
    yield from bad_rows("SpikeTrain.from_dense", "t_start",
                        {"NaN": NAN, "inf": INF, "None": None, '"1"': "1", "True": True},
                        from_dense)
    yield bad("SpikeTrain.from_dense", "spikes off the theta lattice",
              lambda: from_dense(theta=1.5), "weights|spikes")
    yield from dtype_rows("SpikeTrain.from_dense", lambda s: SpikeTrain.from_dense(
        s, rate=F(4)).weights, lambda v: tuple(F(w) for w in v if w))
    yield valid("SpikeTrain.from_dense", "exact rate, weight 1e300",
                lambda: SpikeTrain.from_dense([0, 1e300], rate=F(3)).times, lambda: (F(1, 3),),
                _same_value)
    dense = SpikeTrain([0.25, 1.5], [1.0, 1.0], (0.0, 2.0))

    def to_dense(rate=2.0, n=None):
        return dense.to_dense(rate=rate, n=n)

    yield from bad_rows("SpikeTrain.to_dense", "rate", without(BAD_THRESHOLDS, "10**400"),
                        to_dense)
    yield from bad_rows("SpikeTrain.to_dense", "n",
                        {"0": 0, "-1": -1, "1.5": 1.5, "True": True, '"4"': "4", "too few": 1,
                         "NaN": NAN, "10**400": 10**400}, lambda n: to_dense(n=n))
    yield bad("SpikeTrain.to_dense", "rate=10**400 (more samples than an array holds)",
              lambda: to_dense(rate=10**400), "rate")
    yield valid("SpikeTrain.to_dense", "from_dense round trip, exact",
                lambda: SpikeTrain.from_dense([0, 1, 0, -2], rate=F(10)).to_dense(
                    rate=F(10), n=4), lambda: [0, 1, 0, -2])
    yield valid("SpikeTrain.to_dense", "n=6 pads with zeros", lambda: to_dense(n=6),
                lambda: [1, 0, 0, 1, 0, 0])

    def to_neo(units="s"):
        return dense.to_neo(units=units)

    yield from bad_rows("SpikeTrain.to_neo", "units", {"None": None, "int": 1, "unknown": "nope"},
                        to_neo)
    yield valid("SpikeTrain.to_neo", "exact train round trip",
                lambda: SpikeTrain.from_neo(SpikeTrain([F(1, 3)], [F(10**300)], (0, 1)).to_neo()),
                lambda: SpikeTrain([F(1, 3)], [F(10**300)], (0, 1)), _same_value)
    yield bad("SpikeTrain.to_neo", "algebraic event times",
              lambda: if_events(Signal.piecewise([F(0), F(2)], [[F(0), F(1)]]), F(1)
                                ).to_neo(), "train")
    neo_train = dense.to_neo()

    def from_neo(spiketrain=neo_train, units="s", weight=1.0):
        return SpikeTrain.from_neo(spiketrain, units=units, weight=weight)

    yield from bad_rows("SpikeTrain.from_neo", "spiketrain",
                        {"None": None, "list": [1.0], "SpikeTrain": dense}, from_neo)
    yield from bad_rows("SpikeTrain.from_neo", "units",
                        {"None": None, "int": 1, "unknown": "nope"}, from_neo)
    import neo

    plain = neo.SpikeTrain([0.5], t_stop=1.0, units="s")
    yield from bad_rows("SpikeTrain.from_neo", "weight",
                        {"NaN": NAN, "inf": INF, "None": None, '"1"': "1", "True": True,
                         "0": 0}, lambda weight: from_neo(plain, weight=weight))
    yield valid("SpikeTrain.from_neo", "milliseconds", lambda: from_neo(units="ms").times,
                lambda: (250.0, 1500.0), _same_value)


def event_rows() -> Iterator[Row]:
    def events(signal=RAMP, theta=1.0, reset="mod", leak_rate=0.0):
        return if_events(signal, theta, reset=reset, leak_rate=leak_rate)

    yield from bad_rows("if_events", "signal",
                        {"array": np.array([1.0]), "None": None, "train": SpikeTrain(
                            [], [], (0, 1))}, events)
    yield from bad_rows("if_events", "theta", BAD_THRESHOLDS, events)
    yield from bad_rows("if_events", "reset", BAD_NAMES, events)
    yield from bad_rows("if_events", "leak_rate", BAD_RATES, events)
    yield valid("if_events", "Dirac weight 1e300", lambda: events(
        Signal.dirac([0.5], [1e300], (0.0, 1.0)), 1.0).weights, lambda: (1e300,), _same_value)
    yield valid("if_events", "membrane beyond float64",
                lambda: events(Signal.dirac([0.25, 0.5], [1e308, 1e308], (0.0, 1.0)),
                               1.5e308).weights, lambda: (1.5e308,), _same_value,
                or_refused="signal|theta")
    yield valid("if_events", "theta=5e-324 on a unit Dirac", lambda: events(
        Signal.dirac([0.5], [1.0], (0.0, 1.0)), 5e-324).weights, lambda: (1.0,), _same_value,
        or_refused="signal|theta")
    yield valid("if_events", "Fraction(1, 10**400) selects exact mode",
                lambda: len(if_events(Signal.dirac([F(1, 2)], [F(1, 10**399)], (0, 1)),
                                      F(1, 10**400))), lambda: 1)
    yield valid("if_events", "decimal ties agree with if_encode",
                lambda: if_events(Signal.dirac([0.25, 0.5, 0.75], [0.6, 0.6, 0.2], (0.0, 1.0)),
                                  0.2, reset="zero").count,
                lambda: int(np.sum(np.abs(if_encode([0.6, 0.6, 0.2], 0.2, reset="zero")))
                            / 0.2 + 0.5))
    tangent = Signal.piecewise([0, .75, 1.875, 3], [[-.75, -1.75, 1.5], [-.5, .25, 1.5],
                                                   [1.75]])
    exact_tangent = Signal.piecewise(
        [F(0), F(3, 4), F(15, 8), F(3)],
        [[F(-3, 4), F(-7, 4), F(3, 2)], [F(-1, 2), F(1, 4), F(3, 2)], [F(7, 4)]])
    yield valid("if_events", "tangency found in floats as in exact mode",
                lambda: if_events(tangent, 1.0).times,
                lambda: tuple(float(t) for t in if_events(exact_tangent, F(1)).times),
                _close(1e-12))

    def sod(signal=RAMP, delta=0.5):
        return sod_events(signal, delta)

    yield from bad_rows("sod_events", "signal", {"array": np.array([1.0]), "None": None,
                                                 "with Diracs": KICKS}, sod)
    yield from bad_rows("sod_events", "delta", BAD_THRESHOLDS, sod)
    exact_ramp = Signal.piecewise([F(0), F(2)], [[F(0), F(1)]])
    yield valid("sod_events", "float ramp as the exact one", lambda: sod(RAMP, 0.5).times,
                lambda: sod_events(exact_ramp, F(1, 2)).times)


# ------------------------------------------------------------------------------------------
# Self-checks and reconstruction
# ------------------------------------------------------------------------------------------

def check_rows() -> Iterator[Row]:
    s_ref = _fl(if_reference(X, 1))

    def residual(x=X, s=s_ref, theta=1.0, leak=1.0, axis=-1):
        return checks.quantization_residual(x, s, theta, leak, axis=axis)

    yield from bad_rows("checks.quantization_residual", "x", {**BAD_ARRAYS, "0-d": 1.5},
                        residual)
    yield from bad_rows("checks.quantization_residual", "s",
                        {**BAD_ARRAYS, "0-d": 1.5, "mismatched length": s_ref[:-1]}, residual)
    yield from bad_rows("checks.quantization_residual", "theta",
                        {**BAD_THRESHOLDS, **TINY_FRACTION}, residual)
    yield from bad_rows("checks.quantization_residual", "leak", BAD_LEAKS, residual)
    yield from bad_rows("checks.quantization_residual", "axis", BAD_AXES, residual)
    yield from dtype_rows("checks.quantization_residual",
                          lambda x: checks.quantization_residual(x, if_encode(x, 1.0), 1.0),
                          lambda v: alexiewicz_reference(
                              [F(a) - b for a, b in zip(v, if_reference(v, 1))]))
    yield valid("checks.quantization_residual", "residual beyond float64 fails exactly",
                lambda: _failure(lambda: checks.quantization_residual([1e308, 1e308], [0, 0],
                                                                      1.0)),
                lambda: 2 * F(1e308))
    yield valid("checks.quantization_residual", "valid encoding near overflow",
                lambda: checks.quantization_residual([1.5e308, 1.4e308], [1e308, 1e308],
                                                     1e308),
                lambda: F(9e307), _close(1e-15))

    def allowance(x=X, theta=1.0, axis=-1):
        return checks.rounding_allowance(x, theta, axis=axis)

    yield from bad_rows("checks.rounding_allowance", "x", {**BAD_ARRAYS, "0-d": 1.5},
                        allowance)
    yield from bad_rows("checks.rounding_allowance", "theta",
                        {**BAD_THRESHOLDS, **TINY_FRACTION}, allowance)
    yield from bad_rows("checks.rounding_allowance", "axis", BAD_AXES, allowance)
    yield from dtype_rows("checks.rounding_allowance", lambda x: checks.rounding_allowance(
        x, 1.0), lambda v: F(1, 2**52) * sum(2 * abs(F(a)) + 4 for a in v)
        + len(v) * F(1, 2**1074), _close(1e-15))

    def lattice(s=s_ref, theta=1.0):
        return checks.check_lattice(s, theta)

    yield from bad_rows("checks.check_lattice", "s", BAD_ARRAYS, lattice)
    yield from bad_rows("checks.check_lattice", "theta", {**BAD_THRESHOLDS, **TINY_FRACTION},
                        lattice)
    yield from dtype_rows("checks.check_lattice", lambda s: checks.check_lattice(
        s, 0.25), lambda v: None, _same_value)
    yield valid("checks.check_lattice", "counts beyond float64",
                lambda: checks.check_lattice([1e308, 0.3], 0.1), lambda: None, _same_value)

    y = X
    e = _fl(sod_reference(X, F(1, 2)))

    def band(y=y, e=e, delta=0.5, axis=-1):
        return checks.sod_band_residual(y, e, delta, axis=axis)

    yield from bad_rows("checks.sod_band_residual", "y", {**BAD_ARRAYS, "0-d": 1.5}, band)
    yield from bad_rows("checks.sod_band_residual", "e",
                        {**BAD_ARRAYS, "0-d": 1.5, "mismatched length": e[:-1]}, band)
    yield from bad_rows("checks.sod_band_residual", "delta",
                        {**BAD_THRESHOLDS, **TINY_FRACTION}, band)
    yield from bad_rows("checks.sod_band_residual", "axis", BAD_AXES, band)
    yield from dtype_rows("checks.sod_band_residual",
                          lambda v: checks.sod_band_residual(v, sod_encode(v, 0.5), 0.5),
                          lambda v: max(abs(F(a) - F(v[0]) - h) for a, h in zip(
                              v, _cumsum(sod_reference(v, F(1, 2))))))
    yield valid("checks.sod_band_residual", "differences beyond float64",
                lambda: checks.sod_band_residual([-1e308, 1e308], [0.0, 1.5e308], 1.5e308),
                lambda: 5e307)


def _failure(call) -> Any:
    """The exact value a :class:`~ifsod.checks.CheckFailure` reports."""
    try:
        call()
    except checks.CheckFailure as err:
        return err.value
    raise RowFailure("the check passed")


def reconstruct_rows() -> Iterator[Row]:
    train = SpikeTrain([0.25], [1.0], (0.0, 1.0))

    def hold(y0=0.5, train=train):
        return reconstruct.zero_order_hold(y0, train)

    yield from bad_rows("reconstruct.zero_order_hold", "y0",
                        {"NaN": NAN, "inf": INF, '"1"': "1", "None": None, "True": True,
                         "complex": 1j, "10**400": 10**400, "array": [1.0]}, hold)
    yield from bad_rows("reconstruct.zero_order_hold", "train",
                        {"list": [1.0], "Signal": RAMP, "None": None}, hold)
    for label, (dtype, _) in DTYPES.items():
        yield valid("reconstruct.zero_order_hold", f"y0 of dtype {label}",
                    lambda dtype=dtype: hold(dtype(3))(0.5), lambda: 4)
    yield valid("reconstruct.zero_order_hold", "exact start 10**400",
                lambda: hold(10**400, SpikeTrain([F(1, 4)], [F(1)], (0, 1)))(F(1)),
                lambda: 10**400 + 1)

    def filt(a=X, kernel="box", width=2, axis=-1):
        return reconstruct.kernel_filter(a, kernel, width=width, axis=axis)

    yield from bad_rows("reconstruct.kernel_filter", "a", {**BAD_ARRAYS, "0-d": 1.5}, filt)
    yield from bad_rows("reconstruct.kernel_filter", "kernel", BAD_NAMES, filt)
    yield from bad_rows("reconstruct.kernel_filter", "width",
                        {"0": 0, "2.5": 2.5, "True": True, "None": None, '"2"': "2",
                         "10**400": 10**400}, filt)
    yield from bad_rows("reconstruct.kernel_filter", "width",
                        {"0": 0, "NaN": NAN, "True": True, "10**400": 10**400, '"2"': "2"},
                        lambda width: filt(kernel="exponential", width=width),
                        context="exponential")
    yield from bad_rows("reconstruct.kernel_filter", "axis", BAD_AXES, filt)
    yield from dtype_rows("reconstruct.kernel_filter",
                          lambda a: reconstruct.kernel_filter(a, "box", width=4),
                          lambda v: [sum(F(v[n - j]) for j in range(min(n + 1, 4))) / 4
                                     for n in range(len(v))])
    yield valid("reconstruct.kernel_filter", "width 10**12",
                lambda: filt(width=10**12),
                lambda: [s / 10**12 for s in _cumsum(X)], _close(1e-15))
    yield valid("reconstruct.kernel_filter", "exponential of values near overflow",
                lambda: filt([1e308, 0.0], "exponential", width=1.0),
                lambda: [1e308, 1e308 * math.exp(-1.0)], _close(1e-15))

    def bound(theta=0.5, kernel="box", width=2):
        return reconstruct.kernel_error_bound(theta, kernel, width=width)

    yield from bad_rows("reconstruct.kernel_error_bound", "theta", BAD_THRESHOLDS, bound)
    yield from bad_rows("reconstruct.kernel_error_bound", "kernel", BAD_NAMES, bound)
    yield from bad_rows("reconstruct.kernel_error_bound", "width",
                        {"0": 0, "2.5": 2.5, "True": True, "None": None}, bound)
    yield bad("reconstruct.kernel_error_bound", "float bound beyond float64",
              lambda: bound(1e308, width=1), "theta")
    yield valid("reconstruct.kernel_error_bound", "exact, width 10**300",
                lambda: bound(F(1, 3), width=10**300), lambda: F(2, 3 * 10**300))


# ------------------------------------------------------------------------------------------
# Sparse recovery and the proof engine
# ------------------------------------------------------------------------------------------

def rec_on(x=X, theta=1.0, **options):
    return sparse.recover(x, theta, **options)


def sparse_rows() -> Iterator[Row]:
    def rec(x=X, theta=1.0, problem="quantized", leak=1.0, lam=None, method="auto",
            solver=None, criterion=None):
        return sparse.recover(x, theta, problem=problem, leak=leak, lam=lam, method=method,
                              solver=solver, criterion=criterion)

    yield from bad_rows("sparse.recover", "x", {**BAD_ARRAYS, "0-d": 1.5}, rec)
    yield valid("sparse.recover", "2-D, one problem per channel",
                lambda: rec([X, X[::-1]]).spikes, lambda: [if_reference(X, 1),
                                                           if_reference(X[::-1], 1)])
    yield from bad_rows("sparse.recover", "theta", {**BAD_THRESHOLDS, **TINY_FRACTION}, rec)
    yield from bad_rows("sparse.recover", "problem", BAD_NAMES, rec)
    yield from bad_rows("sparse.recover", "leak", BAD_LEAKS, rec)
    yield from bad_rows("sparse.recover", "lam", {"-1": -1.0, "NaN": NAN, '"1"': "1",
                                                  "True": True},
                        lambda lam: rec(problem="lagrangian", lam=lam, method="cvxpy"))
    yield bad("sparse.recover", "lam=10**400",
              lambda: rec(problem="lagrangian", lam=10**400, method="cvxpy"), "lam")
    yield bad("sparse.recover", "lam missing", lambda: rec(problem="lagrangian"), "lam")
    yield bad("sparse.recover", "lam for quantized", lambda: rec(lam=1.0), "lam")
    yield from bad_rows("sparse.recover", "method", BAD_NAMES, rec)
    yield bad("sparse.recover", "solver unknown",
              lambda: rec(method="cvxpy", solver="NOPE"), "solver")
    yield bad("sparse.recover", "solver with a fast method", lambda: rec(solver="CLARABEL"),
              "solver")
    yield from bad_rows("sparse.recover", "criterion", {"unknown": "nope", "int": 1},
                        lambda criterion: rec(problem="reconstruct", criterion=criterion))
    yield from dtype_rows("sparse.recover", lambda x: rec(x).spikes,
                          lambda v: if_reference(v, 1))
    for problem in ("quantized", "relaxed", "reconstruct"):
        yield valid("sparse.recover", f"{problem}, partial sums beyond float64",
                    lambda p=problem: rec([1e308, 1e308], problem=p).solution,
                    lambda p=problem: sparse.recover([F(1e308)] * 2, 1, problem=p).solution,
                    or_refused="x")

    yield from bad_rows("sparse.recover", "axis", BAD_AXES, lambda axis: rec_on(axis=axis))
    yield valid("sparse.recover", "axis=0, time first",
                lambda: rec_on(np.array([X, X[::-1]]).T, axis=0).spikes,
                lambda: np.array([if_reference(X, 1), if_reference(X[::-1], 1)], dtype=object).T)
    cvx = {"problem": "relaxed", "method": "cvxpy"}
    yield from bad_rows("sparse.recover", "time_limit",
                        {"0": 0, "-1": -1.0, "NaN": NAN, "inf": INF, '"1"': "1", "True": True},
                        lambda time_limit: rec_on(time_limit=time_limit, **cvx))
    yield from bad_rows("sparse.recover", "solver_options",
                        {"list": [1], "string": "x"},
                        lambda solver_options: rec_on(solver_options=solver_options, **cvx))
    yield bad("sparse.recover", "solver_options with a fast method",
              lambda: rec_on(solver_options={}), "solver_options")
    yield bad("sparse.recover", "verbose with a fast method", lambda: rec_on(verbose=True),
              "verbose")
    yield from bad_rows("sparse.recover", "verbose", {'"no"': "no", "None": None},
                        lambda verbose: rec_on(verbose=verbose, **cvx))
    yield bad("sparse.recover", "progress with a greedy method", lambda: rec_on(progress=True),
              "progress")
    exact = sparse.recover([F(1, 3)] * 3, F(1, 3))
    yield valid("sparse.Recovery.from_json", "exact spikes round trip",
                lambda: sparse.Recovery.from_json(exact.to_json()).spikes.tolist(),
                lambda: [F(1, 3)] * 3, _same_value)
    yield valid("sparse.Recovery.to_json", "indent passes through",
                lambda: sparse.Recovery.from_json(exact.to_json(indent=2)).objective,
                lambda: exact.objective)
    yield from bad_rows("sparse.Recovery.from_json", "text",
                        {"None": None, "not JSON": "{", "empty object": "{}", "int": 1},
                        sparse.Recovery.from_json)
    yield from bad_rows("sparse.Recovery.from_dict", "data",
                        {"None": None, "empty": {}, "list": [1]},
                        sparse.Recovery.from_dict)
    yield valid("sparse.Recovery.from_dict", "exact spikes round trip",
                lambda: sparse.Recovery.from_dict(exact.to_dict()).spikes.tolist(),
                lambda: [F(1, 3)] * 3, _same_value)

    def tv(y=X, lam=1.0, method="taut-string", solver=None):
        return sparse.tv_denoise(y, lam, method=method, solver=solver)

    yield from bad_rows("sparse.tv_denoise", "y", {**BAD_ARRAYS, "0-d": 1.5}, tv)
    yield valid("sparse.tv_denoise", "2-D, one problem per channel",
                lambda: tv([X, X[::-1]]).signal,
                lambda: [sparse.tv_denoise([F(a) for a in v], 1).signal for v in (X, X[::-1])],
                _close(1e-12))
    yield from bad_rows("sparse.tv_denoise", "lam", {**BAD_THRESHOLDS, **TINY_FRACTION}, tv)
    yield from bad_rows("sparse.tv_denoise", "method", BAD_NAMES, tv)
    yield bad("sparse.tv_denoise", "solver with taut-string", lambda: tv(solver="CLARABEL"),
              "solver")
    yield from dtype_rows("sparse.tv_denoise", lambda y: tv(y).signal,
                          lambda v: sparse.tv_denoise([F(a) for a in v], 1).signal,
                          _close(1e-12))


_TRIVIAL = object()


def _claim(id="X1", statement="s", provenance="D", steps=_TRIVIAL, expected=True, short="",
           quick=True):
    if steps is _TRIVIAL:
        steps = [proof.Step("trivial", proof.identity(lambda: (1, 1)))]
    return proof.Claim(id, statement, provenance, steps, expected, short, quick=quick)


def proof_rows() -> Iterator[Row]:
    yield from bad_rows("proof.Claim", "id", {"empty": "", "None": None, "int": 1}, _claim)
    yield from bad_rows("proof.Claim", "provenance", BAD_NAMES, _claim)
    yield from bad_rows("proof.Claim", "steps",
                        {"empty": [], "not steps": [1],
                         "corroboration only": [proof.Step("c", proof.identity(
                             lambda: (1, 1)), "corroboration")]}, _claim)
    yield valid("proof.Claim.__eq__", "to a string", lambda: _claim() == "X1", lambda: False,
                _same_value)
    yield valid("proof.Step.__eq__", "to a string", lambda: _claim().steps[0] == "trivial",
                lambda: False, _same_value)
    yield bad("proof.Claim", "steps=None", lambda: _claim(steps=None), "steps")
    yield from bad_rows("proof.Claim", "expected", {'"yes"': "yes", "None": None}, _claim)
    yield from bad_rows("proof.Claim", "quick", {'"no"': "no", "None": None}, _claim)
    yield from bad_rows("proof.Claim", "statement", {"None": None, "int": 1}, _claim)

    def step(text="t", check=None, role="proof"):
        return proof.Step(text, proof.identity(lambda: (1, 1)) if check is None else check,
                          role)

    yield from bad_rows("proof.Step", "role", BAD_NAMES, step)
    yield from bad_rows("proof.Step", "check", {"int": 1, "string": "smt"}, step)
    yield from bad_rows("proof.Step", "text", {"None": None, "int": 1}, step)
    for target, make in (("proof.identity", proof.identity), ("proof.smt", proof.smt)):
        yield from bad_rows(target, "build", {"None": None, "int": 1},
                            lambda build, make=make: make(build))
    yield bad("proof.smt", "oracle=1", lambda: proof.smt(lambda: True, oracle=1), "oracle")
    yield bad("proof.smt", "timeout=-1", lambda: proof.smt(lambda: True, timeout=-1.0),
              "timeout")

    def bounded(build=lambda n: True, n_max=3, quick_n_max=None):
        return proof.bounded(build, n_max, quick_n_max=quick_n_max)

    yield from bad_rows("proof.bounded", "n_max", {"0": 0, "2.5": 2.5, "None": None,
                                                   '"3"': "3"}, bounded)
    yield from bad_rows("proof.bounded", "quick_n_max", {"0": 0, "above n_max": 5}, bounded)
    yield bad("proof.bounded", "build=None", lambda: bounded(build=None), "build")
    for target, make in (("proof.search", proof.search), ("proof.optimize", proof.optimize)):
        yield from bad_rows(target, "max_examples", {"0": 0, "2.5": 2.5, "None": None},
                            lambda max_examples, make=make: make(lambda c: True, lambda: None,
                                                                 max_examples=max_examples))
        yield from bad_rows(target, "quick_examples", {"0": 0, "-1": -1},
                            lambda quick_examples, make=make: make(
                                lambda c: True, lambda: None, quick_examples=quick_examples))
        yield bad(target, "prop=None", lambda make=make: make(None, lambda: None), "prop")
    yield bad("proof.search", "kind unknown",
              lambda: proof.search(lambda c: True, lambda: None, kind="nope"), "kind")
    yield from bad_rows("proof.run_claim", "claim", {"None": None, "string": "T1"},
                        lambda claim: proof.run_claim(claim))
    yield bad("proof.run_claim", "quick=string", lambda: proof.run_claim(_claim(), "yes"),
              "quick")
    # A statement in words is never PROVED, however its steps end; a formula can be.
    yield valid("proof.run_claim", "a trivial identity", lambda: proof.run_claim(
        _claim()).verdict.value, lambda: "NO_COUNTEREXAMPLE", _same_value)
    yield valid("proof.run_claim", "a formula", lambda: proof.run_claim(proof.Claim(
        "X2", _formula(), "D")).verdict.value, lambda: "PROVED", _same_value)
    yield from bad_rows("proof.select", "only", {"unknown id": ["NOPE"], "string": "X1"},
                        lambda only: proof.select([_claim()], only))
    yield bad("proof.select", "claims=None", lambda: proof.select(None, ["X1"]), "claims")
    yield valid("proof.select", "prefix", lambda: [c.id for c in proof.select(
        [_claim("T1a"), _claim("T12")], ["T1"])], lambda: ["T1a"], _same_value)
    yield from bad_rows("proof.load_claims", "paths",
                        {"missing folder": ["/nonexistent/ifsod-proofs"], "None": None,
                         "int": 3}, lambda paths: proof.load_claims(paths))
    yield bad("proof.load_claims", "attribute unknown",
              lambda: proof.load_claims([_proof_dir()], "NOPE"), "attribute")
    yield from bad_rows("proof.verify", "claims", {"None": None, "not claims": [1]},
                        lambda claims: proof.verify(claims))
    yield bad("proof.verify", "progress=1", lambda: proof.verify([_claim()], progress=1),
              "progress")


def _formula():
    """``x > 0 => x + 1 > 1`` over the reals, as a formal statement (the engine refuses one
    that holds without its hypotheses)."""
    import z3

    x = z3.Real("x")
    return proof.Formula(lambda: [x > 0], lambda: x + 1 > 1)


def formal_rows() -> Iterator[Row]:
    import z3

    x = z3.Real("x")
    yield from bad_rows("proof.Formula", "hypotheses", {"None": None, "list": [x > 0]},
                        lambda hypotheses: proof.Formula(hypotheses, lambda: x == x))
    yield from bad_rows("proof.Formula", "conclusion", {"None": None, "bool": True},
                        lambda conclusion: proof.Formula(lambda: [], conclusion))
    yield valid("proof.Formula.__eq__", "to a string", lambda: _formula() == "x",
                lambda: False, _same_value)

    def obligation(name="o", text="t", conclusion=x + 1 > 1, timeout=10.0):
        return proof.Obligation(name, text, (), (x > 0,), conclusion, timeout=timeout)

    yield from bad_rows("proof.Obligation", "name", {"None": None, "int": 1}, obligation)
    yield from bad_rows("proof.Obligation", "timeout", {"0": 0, "-1": -1.0, "NaN": NAN},
                        obligation)
    yield from bad_rows("proof.Obligation", "conclusion", {"None": None, "string": "x"},
                        obligation)
    yield valid("proof.Obligation", "x > 0 => x + 1 > 1 discharges",
                lambda: obligation().discharge().verdict.value, lambda: "PROVED", _same_value)
    yield valid("proof.Obligation.__eq__", "to a string", lambda: obligation() == "o",
                lambda: False, _same_value)
    yield from bad_rows("proof.NormBelow", "term", {"None": None, "int": 1},
                        lambda term: proof.NormBelow(term, lambda p: 1))
    yield valid("proof.NormBelow.__eq__", "to a string",
                lambda: proof.NormBelow(abs, abs) == "n", lambda: False, _same_value)
    yield from bad_rows("proof.Always", "holds", {"None": None, "int": 1},
                        lambda holds: proof.Always(holds))
    yield valid("proof.Always.__eq__", "to a string", lambda: proof.Always(abs) == "a",
                lambda: False, _same_value)
    from ifsod.proof.models import if_model

    def induction(statement=None, invariant=lambda p, s, m: []):
        statement = statement or proof.NormBelow(lambda p, s: s["R"], lambda p: p["theta"])
        return proof.Induction(if_model("mod"), statement, invariant)

    yield from bad_rows("proof.Induction", "statement", {"int": 1, "string": "T1"},
                        lambda statement: induction(statement))
    yield from bad_rows("proof.Induction", "invariant", {"None": None, "int": 1},
                        lambda invariant: induction(invariant=invariant))
    yield from bad_rows("proof.Induction.unrolled", "n",
                        {"0": 0, "-1": -1, "1.5": 1.5, "True": True, '"2"': "2"},
                        lambda n: induction().unrolled(n))
    yield valid("proof.Induction.__eq__", "to a string", lambda: induction() == "T1",
                lambda: False, _same_value)
    yield from bad_rows("proof.obligation_mutants", "claims",
                        {"None": None, "not claims": [1], "string": "T1"},
                        lambda claims: proof.obligation_mutants(claims))
    yield valid("proof.obligation_mutants", "one wrong variant of x > 0 => x + 1 > 1",
                lambda: [(c.id, c.expected) for c in proof.obligation_mutants(
                    [proof.Claim("X2", _formula(), "D")])],
                lambda: [("X2~statement", False)], _same_value)


_SCRATCH = tempfile.TemporaryDirectory(prefix="ifsod-bad-input-")


def _proof_dir() -> str:
    folder = Path(_SCRATCH.name) / "claims"
    folder.mkdir(exist_ok=True)
    (folder / "mine.py").write_text(
        "from ifsod.proof import Claim, Step, identity\n"
        "CLAIMS = [Claim('U1', 's', 'D', [Step('t', identity(lambda: (1, 1)))])]\n")
    return str(folder)


# ------------------------------------------------------------------------------------------
# Figures and labelled data
# ------------------------------------------------------------------------------------------

def _drawn(draw: Callable[[], Any], read: Callable[[Any], Any] = lambda ax: None) -> Any:
    """What ``read`` finds on the figure ``draw`` made; every figure is closed after (a
    refused call may have opened one before refusing)."""
    import matplotlib.pyplot as plt

    try:
        return read(draw())
    finally:
        plt.close("all")


def plot_rows() -> Iterator[Row]:
    from ifsod import plot

    dense = [0.0, 1.0, 0.0, -2.0]
    spikes_bad = {**without(BAD_ARRAYS, FLOAT_ONLY), "0-d": 1.0, "2-D": [dense, dense]}
    theta_bad = without(BAD_THRESHOLDS, "None")

    def stems(spikes=dense, theta=1.0):
        return _drawn(lambda: plot.spike_train(spikes, theta=theta))

    yield from bad_rows("plot.spike_train", "spikes", spikes_bad, stems)
    yield from bad_rows("plot.spike_train", "theta", theta_bad, stems)
    yield valid("plot.spike_train", "weights near overflow, in units of theta",
                lambda: _drawn(lambda: plot.spike_train([0.0, 1.5e308, -1.5e308], theta=0.5e308),
                               lambda ax: [seg.tolist() for seg in
                                           ax.collections[0].get_segments()]),
                lambda: [[[1.0, 0.0], [1.0, 3.0]], [[2.0, 0.0], [2.0, -3.0]]], _same_value)

    def raster(spikes=(dense, dense), theta=1.0):
        return _drawn(lambda: plot.raster(spikes, theta=theta))

    yield from bad_rows("plot.raster", "spikes", without(spikes_bad, "2-D"), raster)
    yield from bad_rows("plot.raster", "theta", theta_bad, raster)
    x = X[:4]
    s = _fl(if_reference(x, 1))

    def membrane(x=x, spikes=s, theta=1.0):
        return _drawn(lambda: plot.membrane(x, spikes, theta))

    yield from bad_rows("plot.membrane", "x", without(spikes_bad, "2-D"), membrane)
    yield from bad_rows("plot.membrane", "theta", theta_bad, membrane)
    yield valid("plot.membrane", "the membrane is the exact running error",
                lambda: _drawn(lambda: plot.membrane(x, s, 1.0),
                               lambda ax: ax.lines[0].get_ydata().tolist()),
                lambda: _cumsum([F(a) - F(b) for a, b in zip(x, s)]))
    e = _fl(sod_reference(x, F(1, 2)))

    def hold(y=x, events=e, delta=0.5):
        return _drawn(lambda: plot.hold(y, events, delta))

    yield from bad_rows("plot.hold", "y", without(spikes_bad, "2-D"), hold)
    yield from bad_rows("plot.hold", "delta", theta_bad, hold)
    yield valid("plot.hold", "the hold is y0 plus the events",
                lambda: _drawn(lambda: plot.hold(x, e, 0.5),
                               lambda ax: ax.lines[1].get_ydata().tolist()),
                lambda: [F(x[0]) + c for c in _cumsum(e)])

    def rebuilt(x=x, spikes=s, theta=1.0, width=2):
        return _drawn(lambda: plot.reconstruction(x, spikes, theta, width=width))

    yield from bad_rows("plot.reconstruction", "x", without(spikes_bad, "2-D"), rebuilt)
    yield from bad_rows("plot.reconstruction", "theta", theta_bad, rebuilt)
    yield from bad_rows("plot.reconstruction", "width", {"0": 0, "None": None, "2.5": 2.5},
                        rebuilt)

    def sweep(thetas=(1, 2, 4), results=None):
        results = results or {"mod": {"rate": [9, 5, 2], "a_error": [.9, 1.8, 3.5],
                                      "rmse": [3, 1, 2]}}
        return _drawn(lambda: plot.theta_sweep(thetas, results))

    yield from bad_rows("plot.theta_sweep", "thetas",
                        {"NaN": [1, NAN, 4], "0": [0, 2, 4], "None": None, "string": "abc",
                         "-1": [-1, 2, 4]}, sweep)
    yield bad("plot.theta_sweep", "results of the wrong length",
              lambda: sweep(results={"m": {"rate": [1], "a_error": [1], "rmse": [1]}}),
              r"results\[")
    yield valid("plot.theta_sweep", "the star at the least RMSE",
                lambda: _drawn(lambda: plot.theta_sweep([1, 2, 4], {"m": {
                    "rate": [9, 5, 2], "a_error": [.9, 1.8, 3.5], "rmse": [3, 1, 2]}}),
                    lambda fig: fig.axes[2].lines[1].get_xdata().tolist()), lambda: [2.0])

    def paths(x=x, trains=None, theta=1.0):
        return _drawn(lambda: plot.paths(x, {"mod": s} if trains is None else trains, theta))

    yield from bad_rows("plot.paths", "x", without(spikes_bad, "2-D"), paths)
    yield from bad_rows("plot.paths", "theta", theta_bad, paths)
    yield from bad_rows("plot.paths", "trains",
                        {"NaN": {"mod": [0.0, NAN, 0.0, 0.0]},
                         "mismatched length": {"mod": [0.0, 1.0]},
                         "string": {"mod": "abc"}}, paths)
    yield valid("plot.paths", "the staircase is the exact running sum of the spikes",
                lambda: _drawn(lambda: plot.paths(x, {"mod": s}, 1.0),
                               lambda ax: ax.lines[1].get_ydata().tolist()),
                lambda: _cumsum(s))
    yield valid("plot.paths", "empty mapping of trains: the primitive and its tube",
                lambda: _drawn(lambda: plot.paths(x, {}, 1.0),
                               lambda ax: ax.lines[0].get_ydata().tolist()),
                lambda: _cumsum(x))

    def log_sweep(x=(1, 2, 4), curves=None):
        return _drawn(lambda: plot.sweep(x, {"gap": [1, 2, 3]} if curves is None else curves))

    yield from bad_rows("plot.sweep", "x",
                        {"NaN": [1, NAN, 4], "0": [0, 2, 4], "None": None, "string": "abc",
                         "-1": [-1, 2, 4]}, log_sweep)
    yield from bad_rows("plot.sweep", "curves",
                        {"NaN": {"gap": [1, NAN, 3]}, "0": {"gap": [0, 1, 2]},
                         "mismatched length": {"gap": [1, 2]}, "string": {"gap": "abc"}},
                        log_sweep)
    yield valid("plot.sweep", "the star at the least value",
                lambda: _drawn(lambda: plot.sweep([1, 2, 4], {"g": [3, 1, 2]}, best="θ*"),
                               lambda ax: ax.lines[1].get_xydata().tolist()),
                lambda: [[2.0, 1.0]], _same_value)

    def rate_distortion(results):
        return _drawn(lambda: plot.rate_distortion(results))

    yield from bad_rows("plot.rate_distortion", "results",
                        {"NaN": {"m": {"rate": [1, NAN], "rmse": [1, 2]}},
                         "0": {"m": {"rate": [1, 2], "rmse": [0, 2]}},
                         "mismatched length": {"m": {"rate": [1, 2], "rmse": [1]}}},
                        rate_distortion)
    yield valid("plot.rate_distortion", "rate along x, error along y",
                lambda: _drawn(lambda: plot.rate_distortion({"m": {"rate": [4, 2],
                                                                   "rmse": [1, 3]}}),
                               lambda ax: ax.lines[0].get_xydata().tolist()),
                lambda: [[4.0, 1.0], [2.0, 3.0]], _same_value)

    def claim_times(report):
        return _drawn(lambda: plot.claim_times(report))

    yield from bad_rows("plot.claim_times", "report",
                        {"None": None, "no seconds": [{"id": "T1", "verdict": "PROVED"}],
                         "NaN": [{"id": "T1", "verdict": "PROVED", "seconds": NAN}],
                         "-1": [{"id": "T1", "verdict": "PROVED", "seconds": -1}]},
                        claim_times)
    yield valid("plot.claim_times", "a bar per claim, as long as its time",
                lambda: _drawn(lambda: plot.claim_times([
                    {"id": "T1a", "verdict": "PROVED", "seconds": 2.5}]),
                    lambda ax: [float(p.get_width()) for p in ax.patches]),
                lambda: [2.5], _same_value)

    def verdicts(report):
        return _drawn(lambda: plot.verdicts(report))

    yield from bad_rows("plot.verdicts", "report",
                        {"None": None, "int": 1, "not claims": [1], "missing file":
                         "/nonexistent/verify.json"}, verdicts)
    yield valid("plot.verdicts", "one claim per group",
                lambda: _drawn(lambda: plot.verdicts([
                    {"id": "T1a", "verdict": "PROVED", "expected": "PROVED"},
                    {"id": "T2", "verdict": "FALSIFIED", "expected": "PROVED"}]),
                    lambda ax: [t.get_text() for t in ax.get_xticklabels()]),
                lambda: ["T1", "T2"], _same_value)


def interop_rows() -> Iterator[Row]:
    import pandas as pd
    import xarray as xr

    from ifsod import interop

    train = SpikeTrain([F(1, 4)], [F(3)], (0, 1), theta=1)
    yield from bad_rows("interop.to_neo", "train", {"None": None, "list": [1.0],
                                                    "Signal": RAMP},
                        lambda train: interop.to_neo(train))
    yield valid("interop.to_neo", "exact train comes back exactly",
                lambda: interop.from_neo(interop.to_neo(train)), lambda: train, _same_value)
    yield from bad_rows("interop.from_neo", "spiketrain", {"None": None, "train": train},
                        lambda spiketrain: interop.from_neo(spiketrain))
    both = xr.DataArray(np.array([X, X]), dims=("channel", "time"))
    yield from bad_rows("if_encode", "dim", {"unknown": "nope", "int": 1},
                        lambda dim: if_encode(both, 1.0, dim=dim), context="DataArray")
    yield bad("if_encode", "dim with a list", lambda: if_encode(X, 1.0, dim="time"), "dim")
    yield bad("if_encode", "axis with a DataArray", lambda: if_encode(both, 1.0, axis=0),
              "axis")
    yield bad("if_encode", "x=Series with NaN", lambda: if_encode(pd.Series([0.5, NAN]), 1.0),
              "x")
    yield valid("if_encode", "DataArray, time first", lambda: if_encode(both.T, 1.0).values,
                lambda: np.array([if_reference(X, 1)] * 2, dtype=object).T)
    series = pd.Series(X, index=pd.Index(range(N), name="t"))
    yield valid("alexiewicz_norm", "Series", lambda: alexiewicz_norm(series),
                lambda: alexiewicz_reference(X))
    yield bad("alexiewicz_distance", "b=Series of another index",
              lambda: alexiewicz_distance(series, pd.Series(X, index=range(1, N + 1))), "b")
    yield bad("alexiewicz_distance", "a=list beside a Series",
              lambda: alexiewicz_distance(X, series), "a")
    yield valid("sod_encode", "DataFrame, columns kept",
                lambda: sod_encode(pd.DataFrame({"a": X, "b": X}), 0.5)["b"].tolist(),
                lambda: sod_reference(X, F(1, 2)))


def parallel_rows() -> Iterator[Row]:
    import dask.array as da

    channels = np.array([X, X[::-1], [0.0] * N])
    workers_bad = {"0": 0, "-1": -1, "1.5": 1.5, "True": True, '"2"': "2", "NaN": NAN,
                   "10**400": 10**400}
    for target, call in (
            ("if_encode", lambda workers: if_encode(channels, 1.0, workers=workers)),
            ("sod_encode", lambda workers: sod_encode(channels, 0.5, workers=workers)),
            ("alexiewicz_norm", lambda workers: alexiewicz_norm(channels, workers=workers))):
        yield from bad_rows(target, "workers", workers_bad, call)
    yield valid("if_encode", "workers=2 as one channel at a time",
                lambda: if_encode(channels, 1.0, workers=2),
                lambda: [if_reference(row, 1) for row in channels.tolist()])
    lazy = da.from_array(channels, chunks=(1, 2))
    yield valid("if_encode", "Dask array in time chunks", lambda: if_encode(lazy, 1.0).compute(),
                lambda: [if_reference(row, 1) for row in channels.tolist()])
    yield valid("alexiewicz_norm", "Dask array in time chunks",
                lambda: alexiewicz_norm(lazy).compute(),
                lambda: [alexiewicz_reference(row) for row in channels.tolist()])
    yield bad("if_encode", "x=Dask array with NaN",
              lambda: if_encode(da.from_array(np.array([[0.5, NAN]]), chunks=1), 1.0).compute(),
              "x")
    yield bad("if_encode", "theta=0 with a Dask array", lambda: if_encode(lazy, 0), "theta")
    yield bad("if_encode", "axis=5 with a Dask array", lambda: if_encode(lazy, 1.0, axis=5),
              "axis")


# ------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------

class CliFailure(ValueError):
    """A subcommand exited non-zero with a message (and no traceback)."""


def cli(*argv: str) -> str:
    """Run ``ifsod argv``; return stdout, or raise :class:`CliFailure` with the message."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    if code:
        raise CliFailure(err.getvalue().strip() or f"exit status {code}, no message")
    return out.getvalue()


def _csv(name: str, text: str) -> str:
    path = Path(_SCRATCH.name) / name
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def _rows_of(output: str) -> list[list[str]]:
    """The event rows of ``ifsod encode`` output (header dropped)."""
    return [line.split(",") for line in output.splitlines()[1:]]


def _exact_events(x: list[float], theta: float, column: str = "a") -> list[list[str]]:
    """The rows ``ifsod encode`` must write for one column, from the exact spikes (counts as
    exact integers)."""
    spikes = if_reference(x, F(theta))
    return [[column, str(n), repr(float(s)), str(int(s / F(theta)))]
            for n, s in enumerate(spikes) if s]


def _scratch_file(name: str) -> str:
    """A pattern for a message naming the scratch file ``name`` by its path."""
    return re.escape(str(Path(_SCRATCH.name) / name))


def _same_diracs(got, want) -> bool:
    return len(got) == len(want) and all(_exact(a) == b and _exact(c) == d
                                         for (a, c), (b, d) in zip(got, want))


def _encode_onto_itself(command: str) -> str:
    path = _csv(f"{command}-self.csv", "a\n0.5\n1.5\n")
    return cli(command, path, "--theta", "1", "--output", path)


def cli_rows() -> Iterator[Row]:
    def good() -> str:
        return _csv("good.csv", "a,b\n0.5,1\n0.75,2\n2.5,3\n")

    def encode(*extra, file=None):
        return cli("encode", file or good(), *extra)

    for label, theta in {"0": "0", "-1": "-1", "NaN": "nan", "inf": "inf", "text": "abc",
                         "1e400": "1e400"}.items():
        yield bad("cli encode", f"--theta {label}", lambda t=theta: encode("--theta", t),
                  "--theta|theta")
    tiny = 1e-320
    yield valid("cli encode", "--theta 1e-320 (spike counts beyond float64)",
                lambda: _rows_of(encode("--theta", repr(tiny))),
                lambda: _exact_events([0.5, 0.75, 2.5], tiny), _same_value,
                or_refused="--theta|theta")
    yield bad("cli encode", "--theta missing", lambda: encode(), "--theta")
    yield bad("cli encode", "--reset unknown", lambda: encode("--theta", "1", "--reset", "x"),
              "--reset")
    for label, leak in {"0": "0", "1.5": "1.5", "NaN": "nan"}.items():
        yield bad("cli encode", f"--leak {label}",
                  lambda v=leak: encode("--theta", "1", "--leak", v), "--leak|leak")
    yield bad("cli encode", "--column unknown",
              lambda: encode("--theta", "1", "--column", "zz"), "--column|column")
    yield bad("cli encode", "file missing",
              lambda: encode("--theta", "1", file="/nonexistent/x.csv"), "file|/nonexistent")
    yield bad("cli encode", "NaN in the data",
              lambda: encode("--theta", "1", file=_csv("nan.csv", "a\n1\nnan\n")), "x|column")
    yield bad("cli encode", "empty file",
              lambda: encode("--theta", "1", file=_csv("empty.csv", "")),
              "file|" + _scratch_file("empty.csv"))
    yield bad("cli encode", "short first row",
              lambda: encode("--theta", "1", "--column", "b",
                             file=_csv("short.csv", "a,b\n1\n2,3\n")),
              "column|row|file|" + _scratch_file("short.csv"))
    yield bad("cli encode", "--output is the input",
              lambda: _encode_onto_itself("encode"), "--output|output")
    events = _exact_events([0.5, 0.75, 2.5], 1.0)
    for label, text, column in (
            ("no header row", "0.5\n0.75\n2.5\n", None),
            ("decimal commas and semicolons", "a;b\n0,5;1\n0,75;2\n2,5;3\n", None),
            ("digit separators", "a\n0.5\n0.75\n2_5\n", None),
            ("duplicate column names", "a,a\n9,0.5\n9,0.75\n9,2.5\n", "a")):
        extra = ("--column", column) if column else ()
        yield valid("cli encode", label, lambda text=text, extra=extra, label=label: _rows_of(
            encode("--theta", "1", *extra, file=_csv(label.replace(" ", "-") + ".csv", text))),
            lambda: events, _same_value, or_refused="file|column|header|delimiter")
    yield valid("cli encode", "events of a short file", lambda: encode("--theta", "1"),
                lambda: "column,sample,weight,count\n" + "".join(
                    ",".join(row) + "\n" for row in events), _same_value)

    for label, rate in {"0": "0", "-1": "-1", "NaN": "nan", "text": "abc"}.items():
        yield bad("cli encode", f"--rate {label}",
                  lambda r=rate: encode("--theta", "1", "--rate", r), "--rate|rate")
    yield bad("cli encode", "--rate with --time",
              lambda: encode("--theta", "1", "--rate", "2", "--time", "a"), "--rate|--time")
    yield valid("cli encode", "--rate 4: event times n / 4",
                lambda: _rows_of(encode("--theta", "1", "--rate", "4")),
                lambda: [[c, n, repr(int(n) / 4), w, k] for c, n, w, k in events],
                _same_value)
    yield bad("cli encode", "--time unknown", lambda: encode("--theta", "1", "--time", "zz"),
              "--time|time")
    timed = _csv("timed.csv", "t,a\n0,0.5\n0.1,0.75\n0.2,2.5\n")
    yield valid("cli encode", "--time t",
                lambda: _rows_of(encode("--theta", "1", "--time", "t", file=timed)),
                lambda: [["a", "1", "0.1", "1.0", "1"], ["a", "2", "0.2", "2.0", "2"]],
                _same_value)
    yield valid("cli encode", "--json", lambda: json.loads(encode("--theta", "1", "--json"))[
        "columns"]["a"], lambda: {"samples": 3, "spikes": 3, "instants": 2, "sample": [1, 2],
                                  "weight": [1.0, 2.0], "count": [1, 2]}, _same_value)
    for label, delimiter in {"two characters": "ab", "empty": ""}.items():
        yield bad("cli encode", f"--delimiter {label}",
                  lambda d=delimiter: encode("--theta", "1", "--delimiter", d),
                  "--delimiter|delimiter")
    for label, text, delimiter in (("--delimiter ;", "a;b\n0.5;1\n0.75;2\n2.5;3\n", ";"),
                                   ("--delimiter tab", "a\tb\n0.5\t1\n0.75\t2\n2.5\t3\n",
                                    "tab")):
        yield valid("cli encode", label, lambda text=text, d=delimiter, label=label: _rows_of(
            encode("--theta", "1", "--delimiter", d,
                   file=_csv(label.replace(" ", "-") + ".csv", text))),
            lambda: events, _same_value)
    yield valid("cli encode", "--no-header names the columns 1, 2, ...",
                lambda: _rows_of(encode("--theta", "1", "--no-header",
                                        file=_csv("headless.csv", "0.5\n0.75\n2.5\n"))),
                lambda: [["1", *row[1:]] for row in events], _same_value)
    yield valid("cli encode", "--column b (a steady step, asked for)",
                lambda: _rows_of(encode("--theta", "1", "--column", "b")),
                lambda: _exact_events([1, 2, 3], 1.0, "b"), _same_value)

    def solve(*extra):
        return cli("solve", good(), *extra)

    yield bad("cli solve", "--rate 0", lambda: solve("--theta", "1", "--rate", "0"),
              "--rate|rate")
    yield valid("cli solve", "--json", lambda: {
        k: v for k, v in json.loads(solve("--theta", "1", "--json"))["columns"]["a"].items()
        if k in ("problem", "method", "status", "objective", "feasible")},
        lambda: {"problem": "quantized", "method": "greedy", "status": "optimal",
                 "objective": 3.0, "feasible": True}, _same_value)

    for label, theta in {"0": "0", "NaN": "nan", "text": "abc"}.items():
        yield bad("cli solve", f"--theta {label}", lambda t=theta: solve("--theta", t),
                  "--theta|theta")
    yield bad("cli solve", "--problem unknown", lambda: solve("--theta", "1", "--problem", "x"),
              "--problem|problem")
    yield bad("cli solve", "--method unknown", lambda: solve("--theta", "1", "--method", "x"),
              "--method|method")
    yield bad("cli solve", "--lam -1", lambda: solve("--theta", "1", "--problem",
                                                     "lagrangian", "--lam", "-1"), "--lam|lam")
    yield bad("cli solve", "--criterion unknown",
              lambda: solve("--theta", "1", "--criterion", "x"), "--criterion")
    yield bad("cli solve", "--output is the input",
              lambda: _encode_onto_itself("solve"), "--output|output")
    yield valid("cli solve", "quantized", lambda: solve("--theta", "1").splitlines()[0:5],
                lambda: ["column: a (3 samples)", "problem: quantized", "method: greedy",
                         "solver: numba", "status: optimal"], _same_value)

    yield bad("cli verify", "--only unknown", lambda: cli("verify", "--only", "NOPE"),
              "--only|only")
    yield bad("cli verify", "--no-default without --path", lambda: cli("verify",
                                                                       "--no-default"),
              "--path|path")
    yield bad("cli verify", "--path missing", lambda: cli("verify", "--no-default", "--path",
                                                          "/nonexistent/proofs"),
              "--path|path")
    yield bad("cli verify", "--json into a missing folder",
              lambda: cli("verify", "--no-default", "--path", _proof_dir(), "--json",
                          "/nonexistent/out.json"), "--json|json|/nonexistent")


# ------------------------------------------------------------------------------------------
# The walk: every public entry point has rows
# ------------------------------------------------------------------------------------------

ROWS: list[Row] = [row for rows in (encoder_rows, norm_rows, signal_rows, signal_view_rows,
                                    algebraic_rows, train_rows, event_rows, check_rows,
                                    reconstruct_rows, sparse_rows, proof_rows, formal_rows,
                                    plot_rows,
                                    interop_rows, parallel_rows, cli_rows) for row in rows()]

#: Public names that take no data from the caller, with the reason.
NOT_CALLED_WITH_DATA = {
    "NumbaCacheWarning": "warning issued at import",
    "checks.CheckFailure": "exception raised by the checks",
    "sparse.MissingSolverError": "exception raised by recover",
    "sparse.Recovery": "result record built by recover",
    "sparse.METHODS": "constant table",
    "sparse.PROBLEMS": "constant table",
    "proof.ClaimResult": "result record built by run_claim",
    "proof.StepResult": "result record built by run_claim",
    "proof.Outcome": "result record built by the checks",
    "proof.Verdict": "enumeration of verdicts",
    "proof.Check": "protocol the check kinds implement",
    "proof.PROVENANCES": "constant table",
    "data.Acceleration": "result record built by load_acceleration",
    "data.CITATION": "constant text",
    "plot.VERDICT_COLORS": "constant table",
    "plot.POSITIVE": "constant colour",
    "plot.NEGATIVE": "constant colour",
    "interop.labelled": "decorator applied to the library's own functions (rows: dim=)",
}
#: Result records that are also read back from what the user holds: their methods have rows.
READ_BACK = {"sparse.Recovery"}
#: Operators a user calls with an operand.
OPERATORS = {"__init__", "__call__", "__add__", "__radd__", "__sub__", "__rsub__", "__mul__",
             "__rmul__", "__neg__", "__eq__"}


def _module_names(module) -> list[str]:
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [name for name, value in vars(module).items()
            if not name.startswith("_") and (getattr(value, "__module__", None)
                                             == module.__name__ or name.isupper())]


def public_surface() -> dict[str, Any]:
    """Every public function, class and method, by the name the rows use."""
    found: dict[str, Any] = {}
    from ifsod import interop, plot

    for package, prefix in ((ifsod, ""), (sparse, "sparse."), (proof, "proof.")):
        for name in package.__all__:
            value = getattr(package, name)
            if inspect.ismodule(value):
                for inner in _module_names(value):
                    found[f"{name}.{inner}"] = getattr(value, inner)
            else:
                found[prefix + name] = value
    for module, prefix in ((plot, "plot."), (interop, "interop.")):
        found.update({prefix + name: getattr(module, name) for name in _module_names(module)})
    for name, value in list(found.items()):
        if inspect.isclass(value) and (name not in NOT_CALLED_WITH_DATA or name in READ_BACK):
            for attr, member in vars(value).items():
                private = attr.startswith("_") and attr not in OPERATORS
                if private or isinstance(member, property):
                    continue
                func = getattr(member, "__func__", member)
                if callable(func) and attr != "__init__":
                    found[f"{name}.{attr}"] = func
    found.update({f"cli {command}": None for command in ("encode", "solve", "verify")})
    return found


def _takes_input(value) -> bool:
    if value is None:  # a subcommand
        return True
    try:
        params = inspect.signature(value).parameters
    except (TypeError, ValueError):
        return True
    return any(p not in ("self", "cls") for p in params)


def test_every_public_entry_point_has_rows():
    surface = public_surface()
    covered = {row.target for row in ROWS}
    missing = sorted(name for name, value in surface.items()
                     if name not in covered and name not in NOT_CALLED_WITH_DATA
                     and _takes_input(value))
    assert not missing, f"public entry points without bad-input rows: {missing}"
    stale = sorted(covered - set(surface))
    assert not stale, f"rows for names that are not public: {stale}"
    assert set(NOT_CALLED_WITH_DATA) <= set(surface)


def test_rows_have_distinct_ids():
    ids = Counter(row.id for row in ROWS)
    assert not [name for name, count in ids.items() if count > 1]


def test_rows_cover_every_kind_of_bad_input():
    labels = " ".join(row.label for row in ROWS if row.param)
    for kind in ("NaN", "inf", "None", "string", "complex", "bool", "object", "ragged", "0-d",
                 "axis=5", "theta=0", "theta=-1", 'theta="1"', "theta=10**400",
                 "leak=0", "leak=1.5", "leak=NaN", "leak=wrong length", "unknown",
                 "unsorted", "duplicate", "mismatched length", "longdouble" if WIDE else ""):
        assert kind in labels, kind
    valid_labels = " ".join(row.label for row in ROWS if not row.param)
    for kind in [*DTYPES, "strided view", "read-only", "negative strides", "empty"]:
        assert kind in valid_labels, kind


# ------------------------------------------------------------------------------------------
# Running the rows, and the counts
# ------------------------------------------------------------------------------------------

OUTCOMES: Counter = Counter()


@pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in ROWS])
def test_row(row: Row):
    try:
        OUTCOMES[run_row(row)] += 1
    except RowFailure:
        OUTCOMES["wrong"] += 1
        raise


def tally() -> dict[str, int]:
    """Run every row once: tried, clear (bad input refused by name), correct (valid extreme
    right), refused (valid, answer beyond float64, refused by name), wrong (anything
    else)."""
    counts = Counter({"tried": len(ROWS), "bad": sum(r.param is not None for r in ROWS),
                      "valid": sum(r.param is None for r in ROWS)})
    for row in ROWS:
        try:
            counts[run_row(row)] += 1
        except RowFailure:
            counts["wrong"] += 1
    return dict(counts)


@pytest.fixture(scope="module", autouse=True)
def _report_counts(request):
    yield
    if OUTCOMES:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        line = (f"bad-input rows of this run: {sum(OUTCOMES.values())} tried, "
                f"{OUTCOMES['clear']} clear errors, {OUTCOMES['correct']} valid and correct, "
                f"{OUTCOMES['refused']} valid with an answer beyond float64 refused by name, "
                f"{OUTCOMES['wrong']} wrong")
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)


if __name__ == "__main__":
    result = tally()
    print(f"{result['tried']} rows tried: {result['bad']} bad inputs, "
          f"{result.get('clear', 0)} refused clearly by name; {result['valid']} valid "
          f"extremes, {result.get('correct', 0)} correct and {result.get('refused', 0)} "
          "refused by name (answer beyond float64); "
          f"{result.get('wrong', 0)} wrong")
    sys.exit(1 if result.get("wrong") else 0)

"""The constructors of :class:`ifsod.Signal` from user data (D7): breakpoints and coefficients,
Diracs, samples and SymPy expressions.

Each checks the user's numbers by parameter name (:mod:`ifsod._signal_input`), picks the number
mode (exact if any number is exact) and hands the parts to the class, which holds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ._poly import peval
from ._signal_input import (
    as_list,
    check_finite,
    check_increasing,
    exactify,
    impulses,
    merge_impulses,
    numbers,
    to_float,
)
from ._typing import ArrayLike, Scalar
from ._validate import as_samples, check_choice
from .algebraic import Value

if TYPE_CHECKING:
    from .signal import Signal


def piecewise(cls: type[Signal], breakpoints: ArrayLike, coefficients: Iterable[ArrayLike], *,
              end_value: float | Scalar | None = None) -> Signal:
    r"""Piecewise polynomial from breakpoints and per-piece coefficients.

    Parameters
    ----------
    breakpoints : sequence of real
        :math:`t_0 = b_0 < b_1 < \dots < b_n = T`.
    coefficients : sequence of sequences
        ``coefficients[i]`` are the coefficients of piece ``i`` in powers of
        :math:`(t - b_i)`, lowest first.
    end_value : real, optional
        Value at :math:`T` (default: the limit of the last piece).

    Returns
    -------
    Signal
        Exact if any breakpoint, coefficient or ``end_value`` is exact.

    Examples
    --------
    >>> from ifsod import Signal
    >>> f = Signal.piecewise([0.0, 1.0, 3.0], [[1.0, 2.0], [0.0, 0.0, 1.0]])
    >>> f(0.5), f(2.0)
    (2.0, 1.0)
    """
    bps, exact = numbers(breakpoints, "breakpoints")
    if len(bps) < 2:
        raise ValueError(f"breakpoints must hold at least two times; got {len(bps)}")
    if isinstance(coefficients, np.ndarray) and coefficients.ndim == 2 \
            and coefficients.dtype.kind in "fiu" and coefficients.shape[1]:
        # One check for a table of coefficients (the many-piece case) instead of one a row.
        table, table_exact = as_samples(coefficients, "coefficients")
        checked: list[Any] = table.tolist()
        exact = exact or table_exact
        floats = True
    else:
        checked, floats = [], False
        for i, row in enumerate(as_list(coefficients, "coefficients")):
            coeffs, piece_exact = numbers(row, f"coefficients[{i}]")
            if not coeffs:
                raise ValueError(f"coefficients[{i}] must hold at least one coefficient")
            checked.append(coeffs)
            exact = exact or piece_exact
    if len(checked) != len(bps) - 1:
        raise ValueError(f"coefficients must hold one piece per interval ({len(bps) - 1}); "
                         f"got {len(checked)}")
    if end_value is not None:
        end_list, end_exact = numbers([end_value], "end_value")
        exact = exact or end_exact
    check_increasing(bps, "breakpoints")
    bps = exactify(bps, exact, "breakpoints")
    if exact or not floats:  # a float table's rows are finite floats (as_samples checked)
        checked = [exactify(c, exact, "coefficients") for c in checked]
    pieces = list(zip(bps, checked))
    if end_value is None:
        anchor, last = pieces[-1]
        end = peval(last, bps[-1] - anchor)
        if not exact:
            check_finite([end], "coefficients: the value at T")
    else:
        end = exactify(end_list, exact, "end_value")[0]
    return cls(bps, pieces, end, [], exact)


def dirac(cls: type[Signal], times: ArrayLike, weights: ArrayLike,
          t_range: Sequence[Value]) -> Signal:
    r"""Dirac impulses :math:`\sum_j w_j \delta(t - \tau_j)` on ``t_range`` (zero elsewhere).

    ``times`` and ``weights`` are paired in order, so both must be ordered sequences (a
    ``set`` is refused).

    Parameters
    ----------
    times : sequence of real
        The instants :math:`\tau_j \in [t_0, T]`.
    weights : sequence of real
        One weight :math:`w_j` per instant.
    t_range : pair of real
        ``(t0, T)``, the range of the zero function the Diracs sit on.

    Returns
    -------
    Signal
        The zero function plus the Diracs, merged where instants coincide.

    Examples
    --------
    >>> from ifsod import Signal
    >>> Signal.dirac([0.5, 0.5, 1.0], [1.0, 2.0, -1.0], (0.0, 2.0)).diracs
    ((0.5, 3.0), (1.0, -1.0))
    """
    (t0, t_end), taus, ws, exact = impulses(times, weights, t_range)
    merged = merge_impulses(zip(taus, ws))
    if not exact:
        check_finite([w for _, w in merged], "weights: the Diracs at one instant add up and")
    zero = Fraction(0) if exact else 0.0
    return cls([t0, t_end], [(t0, [zero])], zero, merged, exact)


def from_samples(cls: type[Signal], times: ArrayLike, values: ArrayLike,
                 kind: str = "linear") -> Signal:
    """Interpolate samples: ``"linear"`` (continuous) or ``"constant"`` (zero-order hold).

    With ``"constant"`` the value on :math:`[t_k, t_{k+1})` is ``values[k]`` and the value at
    the last time is ``values[-1]``.

    Parameters
    ----------
    times : sequence of real
        Strictly increasing sample times, at least two.
    values : sequence of real
        One value per time.
    kind : {"linear", "constant"}
        The interpolation.

    Returns
    -------
    Signal
        Continuous for ``"linear"``, a step function for ``"constant"``.

    Examples
    --------
    >>> from ifsod import Signal
    >>> f = Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 1.0])
    >>> f(0.5), f(1.5)
    (1.0, 1.5)
    >>> Signal.from_samples([0.0, 1.0, 2.0], [0.0, 2.0, 1.0], kind="constant")(1.5)
    2.0
    """
    check_choice(kind, "kind", ("linear", "constant"))
    ts, t_exact = numbers(times, "times")
    vs, v_exact = numbers(values, "values")
    if len(ts) != len(vs):
        raise ValueError(f"values must have one entry per time ({len(ts)}); got {len(vs)}")
    if len(ts) < 2:
        raise ValueError(f"times must hold at least two samples; got {len(ts)}")
    check_increasing(ts, "times")
    exact = t_exact or v_exact
    ts, vs = exactify(ts, exact, "times"), exactify(vs, exact, "values")
    if kind == "linear":
        coeffs = [[v0, (v1 - v0) / (t1 - t0)]
                  for t0, t1, v0, v1 in zip(ts, ts[1:], vs, vs[1:])]
        if not exact:
            check_finite((c[1] for c in coeffs), "values: a slope")
    else:
        coeffs = [[v] for v in vs[:-1]]
    return cls(ts, list(zip(ts, coeffs)), vs[-1], [], exact)


def from_sympy(cls: type[Signal], expr: Any, t: Any, t_range: Sequence[Value]) -> Signal:
    """Signal from a SymPy polynomial or ``Piecewise`` of polynomials in ``t``.

    Conditions of the ``Piecewise`` are read on each interval between the numbers they
    mention; rational coefficients give an exact signal, floats a float one.

    Parameters
    ----------
    expr : sympy.Expr
        A polynomial in ``t``, or a ``Piecewise`` of them whose conditions compare ``t``
        with numbers.
    t : sympy.Symbol
        The time variable.
    t_range : pair of real
        ``(t0, T)``: where ``expr`` is read.

    Returns
    -------
    Signal
        Exact if every coefficient and condition of ``expr`` is rational.

    Examples
    --------
    >>> import sympy
    >>> from ifsod import Signal
    >>> t = sympy.Symbol("t")
    >>> f = Signal.from_sympy(sympy.Piecewise((t**2, t < 1), (2 - t, True)), t, (0, 2))
    >>> f.breakpoints
    (Fraction(0, 1), Fraction(1, 1), Fraction(2, 1))
    >>> [[str(c) for c in piece] for piece in f.coefficients]
    [['0', '0', '1'], ['1', '-1']]
    """
    from ._signal_sympy import sympy_pieces

    return piecewise(cls, *sympy_pieces(expr, t, t_range))


def in_exact_mode(self: Signal) -> Signal:
    """The same signal in exact mode (floats convert exactly).

    Returns
    -------
    Signal
        This signal if it is exact already.

    Examples
    --------
    >>> from ifsod import Signal
    >>> Signal.piecewise([0.0, 1.0], [[0.5]]).to_exact().coefficients
    ((Fraction(1, 2),),)
    """
    if self.exact:
        return self
    # The class converts every float of the parts to the Fraction it equals.
    return type(self)(self.breakpoints, [(p.anchor, p.coefficients) for p in self.pieces()],
                      self.end_value, self.diracs, True)


def in_float_mode(self: Signal) -> Signal:
    """The same signal in float mode, each number rounded to the nearest float.

    Raises ``ValueError`` for a number beyond the float64 range (and for breakpoints that
    rounding would merge).

    Returns
    -------
    Signal
        This signal if it is a float signal already.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from ifsod import Signal
    >>> Signal.piecewise([0, 1], [[F(1, 3)]]).to_float()(0.5)
    0.3333333333333333
    """
    if not self.exact:
        return self
    bps = exactify(self.breakpoints, False, "signal breakpoints")
    check_increasing(bps, "signal breakpoints (rounded to floats)")
    pieces = [(to_float(p.anchor, "signal anchors"), exactify(p.coefficients, False,
                                                              "signal coefficients"))
              for p in self.pieces()]
    diracs = [(to_float(t, "signal Dirac times"), to_float(w, "signal Dirac weights"))
              for t, w in self.diracs]
    return type(self)(bps, pieces, to_float(self.end_value, "signal end_value"), diracs, False)

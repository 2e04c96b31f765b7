"""The :class:`Recovery` result and its lossless JSON form."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any

import numpy as np


@dataclass(frozen=True, eq=False)
class Recovery:
    """Result of :func:`~ifsod.sparse.recover`, with the same fields for every problem and method.

    For input with several channels (``x`` of dimension > 1) ``objective``, ``bound``, ``gap``,
    ``alexiewicz_residual``, ``allowance``, ``feasible`` and ``status`` are arrays of the channel
    shape (time removed), one entry per channel; for 1-D input they are scalars.

    Attributes
    ----------
    problem, method, solver : str
        What was solved and how (``solver`` is the CVXPY solver, or ``"numba"`` / ``"exact"``
        for the compiled and the rational fast solvers).
    status : str or numpy.ndarray
        ``"optimal"`` (proved); ``"feasible"`` (a point of the constraint set, optimality not
        proved: greedy LIF^M with a leak, T3); ``"time_limit"`` (stopped by ``time_limit``: the
        best point found, or none, and ``bound``); ``"constraint_violated"`` (the solver's point
        is outside the stated constraint, see ``feasible``); ``"optimal_fractional"`` (an LP
        stopped inside the face of optima instead of at an integral vertex); otherwise the CVXPY
        status (``"optimal_inaccurate"``, ``"infeasible"``, ``"unbounded"``,
        ``"solver_error: ..."``).
    spikes : numpy.ndarray or None
        Solution ``s`` (or ``y``) of quantized, relaxed and lagrangian problems.
    signal : numpy.ndarray or None
        Solution ``f`` of ``reconstruct`` and ``u`` of ``rof``.
    objective : float or Fraction
        Value of the problem's objective at the solution (``nan`` without a solution).
    bound : float or Fraction
        Proved lower bound on the optimal objective (``objective`` when optimal, ``nan`` when
        unknown).
    gap : float or Fraction
        ``objective - bound``.
    alexiewicz_residual : float or Fraction
        :math:`\\|C_\\lambda(x - s)\\|_\\infty`, leaky for ``leak < 1`` (D2).
    allowance : float or Fraction
        Rounding the residual was allowed: :func:`ifsod.checks.rounding_allowance` of the
        data ``|x| + |s|`` in floats; 0 where the constraint was decided exactly: ``Fraction``
        input, and the open ball of float input whose residual lies within the allowance of
        ``theta`` and equals its exact value on the stored floats (recomputed in rational
        arithmetic when cheap).
    feasible : bool or numpy.ndarray
        Whether the solution satisfies the stated constraint (``< theta`` for quantized,
        ``<= theta`` for relaxed and reconstruct) up to ``allowance``; for lagrangian and rof
        (no constraint) whether a solution exists.
    compile_seconds, solve_seconds : float
        Set-up time (CVXPY's problem construction and canonicalisation; for the compiled fast
        solvers the first call's loading or compiling of the kernel) and the rest of the solve.
    theta : float or Fraction
        The radius (the TV weight for ``rof``).

    Parameters
    ----------
    problem, method, solver, status, spikes, signal, objective, bound, gap
        As the attributes.
    alexiewicz_residual, allowance, feasible, compile_seconds, solve_seconds, theta
        As the attributes.

    Examples
    --------
    >>> from ifsod.sparse import recover
    >>> r = recover([0.5, 0.75, 2.5], 1.0)
    >>> r.problem, r.status, r.objective
    ('quantized', 'optimal', 3.0)
    """

    problem: str
    method: str
    solver: str
    status: Any
    spikes: np.ndarray | None
    signal: np.ndarray | None
    objective: Any
    bound: Any
    gap: Any
    alexiewicz_residual: Any
    allowance: Any
    feasible: Any
    compile_seconds: float
    solve_seconds: float
    theta: float | Fraction

    @property
    def solution(self) -> np.ndarray | None:
        """``signal`` for reconstruct and rof, else ``spikes``.

        Returns
        -------
        numpy.ndarray or None
            The solution, ``None`` when the solve found none.

        Examples
        --------
        >>> from ifsod.sparse import recover
        >>> recover([3.0], 1.0, problem="rof").solution
        array([3.])
        """
        return self.signal if self.problem in ("reconstruct", "rof") else self.spikes

    def to_dict(self) -> dict:
        """Plain JSON-ready dictionary; exact values stay exact (``{"fraction": "p/q"}``).

        Returns
        -------
        dict
            One entry per field.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from ifsod.sparse import recover
        >>> r = recover([Fraction(3, 2)], 1)
        >>> r.to_dict()["objective"]
        {'fraction': '1'}
        >>> Recovery.from_dict(r.to_dict()).objective
        Fraction(1, 1)
        """
        return {f.name: _encode(getattr(self, f.name)) for f in fields(self)}

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as strict JSON (no NaN literals); ``kwargs`` go to ``json.dumps``.

        Parameters
        ----------
        **kwargs
            Keyword arguments of ``json.dumps`` (``indent``, ...).

        Returns
        -------
        str
            One JSON object, its exact values as ``{"fraction": "p/q"}`` and non-finite floats
            as ``{"float": "nan"}``.

        Examples
        --------
        >>> from ifsod.sparse import recover
        >>> text = recover([0.5, 0.75, 2.5], 1.0).to_json()
        >>> Recovery.from_json(text).spikes
        array([0., 1., 2.])
        """
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict) -> Recovery:
        """Inverse of :meth:`to_dict`.

        Parameters
        ----------
        data : dict
            A dictionary made by :meth:`to_dict`.

        Returns
        -------
        Recovery
            The result, equal field by field to the one written.

        Raises
        ------
        TypeError, ValueError
            If ``data`` is not a dictionary of every field, as :meth:`to_dict` writes.

        Examples
        --------
        >>> from ifsod.sparse import recover
        >>> Recovery.from_dict(recover([0.5, 0.75, 2.5], 1.0).to_dict()).objective
        3.0
        """
        return cls(**_fields_of(data, "data", [f.name for f in fields(cls)]))

    @classmethod
    def from_json(cls, text: str) -> Recovery:
        """Inverse of :meth:`to_json`.

        Parameters
        ----------
        text : str
            JSON text made by :meth:`to_json`.

        Returns
        -------
        Recovery
            The result, exact values exact again.

        Raises
        ------
        TypeError, ValueError
            If ``text`` is not JSON, or not the JSON of a :class:`Recovery`.

        Examples
        --------
        >>> from ifsod.sparse import recover
        >>> Recovery.from_json(recover([2.5], 1.0).to_json()).status
        'optimal'
        """
        if not isinstance(text, str | bytes | bytearray):
            raise TypeError(f"text must be JSON text (str); got {type(text).__name__}")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValueError(f"text is not JSON: {err}") from None
        return cls(**_fields_of(data, "text", [f.name for f in fields(cls)]))


def _fields_of(data: object, name: str, names: list[str]) -> dict[str, Any]:
    """The decoded fields ``names`` of a :meth:`Recovery.to_dict` dictionary, refused by
    ``name`` when it is not one."""
    if not isinstance(data, dict):
        raise TypeError(f"{name} must hold a dict of Recovery fields; got {type(data).__name__}")
    missing = [n for n in names if n not in data]
    if missing:
        raise ValueError(f"{name} lacks the Recovery fields {missing}")
    try:
        return {n: _decode(data[n]) for n in names}
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as err:
        raise ValueError(f"{name} holds a malformed Recovery field: {err!r}") from None


def _encode(value):
    if isinstance(value, np.ndarray):
        kind = ("fraction" if value.dtype == object else
                "bool" if value.dtype == bool else "str" if value.dtype.kind == "U" else
                "float64")
        return {"array": [_encode(v) for v in value.ravel().tolist()],
                "shape": list(value.shape), "dtype": kind}
    if isinstance(value, Fraction):
        return {"fraction": str(value)}
    if isinstance(value, float | np.floating) and not math.isfinite(value):
        return {"float": repr(float(value))}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _decode(value):
    if isinstance(value, dict):
        if "fraction" in value:
            return Fraction(value["fraction"])
        if "float" in value:
            return float(value["float"])
        items = [_decode(v) for v in value["array"]]
        dtype = {"fraction": object, "bool": bool, "str": str, "float64": np.float64}[
            value["dtype"]]
        out = np.empty(len(items), dtype=dtype) if dtype is not str else np.array(items)
        if dtype is not str:
            out[:] = items
        return out.reshape(value["shape"])
    return value

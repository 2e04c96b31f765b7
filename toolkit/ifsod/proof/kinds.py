"""The check kinds: ``identity`` (SymPy), ``smt`` and ``bounded`` (z3), ``search`` and
``optimize`` (hypothesis over exact rationals).

Every kind can come out FALSIFIED, and every counterexample it reports is checked again in exact
arithmetic before it is believed: a z3 model is substituted back into the statement with exact
rationals (and, when the check has an ``oracle``, run through the library in ``Fraction``
arithmetic); a SymPy counterexample is an exact rational point where both sides differ; a search
counterexample is fed to the property once more.  A counterexample that does not survive the
recheck makes the verdict ERROR, never FALSIFIED.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._validate import check_choice
from ._checks import check_callable, check_count, check_items, check_seconds
from .cases import case_names
from .claim import Outcome, Verdict
from .solvers import free_constants, smallest_model, z3_check
from .z3models import Term

#: Default z3 time limit per solver call, in seconds.
SMT_TIMEOUT = 60.0


class _Built:
    """The checks made from a ``build`` function (identity, smt, bounded, derivation): it is
    checked to be callable when the check is made.

    Examples
    --------
    >>> identity(None)
    Traceback (most recent call last):
    ...
    TypeError: build must be callable; got NoneType
    """

    build: Callable[..., Any]

    def __post_init__(self) -> None:
        check_callable(self.build, "build")


@dataclass(frozen=True)
class Identity(_Built):
    """``build() -> (lhs, rhs)``: SymPy expressions, equal when ``simplify(lhs - rhs) == 0``.

    Parameters
    ----------
    build : callable
        Returns the two sides.
    kind : str
        ``"identity"``.

    Examples
    --------
    >>> Identity(lambda: (2, 1 + 1)).run(False).verdict.value
    'PROVED'
    """

    build: Callable[[], tuple[Any, Any]]
    kind: str = "identity"

    def run(self, quick: bool) -> Outcome:
        """Simplify ``lhs - rhs``; FALSIFIED with an exact point where the sides differ.

        Parameters
        ----------
        quick : bool
            Unused: simplification has no strength to trade.

        Returns
        -------
        Outcome
            The verdict and the two sides (or the counterexample).

        Examples
        --------
        >>> Identity(lambda: (3, 1 + 1)).run(True).verdict.value
        'FALSIFIED'
        """
        import sympy

        lhs, rhs = (sympy.sympify(side) for side in self.build())
        if sympy.simplify(lhs - rhs) == 0:
            return Outcome(Verdict.PROVED, {"lhs": str(lhs), "rhs": str(rhs)})
        point = _differing_point(lhs, rhs)
        if point is None:
            return Outcome(Verdict.ERROR, {"reason": "simplification did not reach 0 and no "
                                           "rational point separates the sides",
                                           "difference": str(sympy.simplify(lhs - rhs))})
        return Outcome(Verdict.FALSIFIED, {"counterexample": point, "recheck": "exact"})


def _differing_point(lhs: Any, rhs: Any) -> dict[str, Any] | None:
    """An exact rational point where ``lhs`` and ``rhs`` provably differ, or None."""
    import sympy

    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    rationals = [sympy.Rational(1, 2), sympy.Integer(3), sympy.Rational(2, 7),
                 sympy.Rational(5, 3), sympy.Integer(1)]
    integers = [sympy.Integer(k) for k in (1, 3, 2, 5, 4)]
    pools = []
    for sym in symbols:
        pool = integers if sym.is_integer else rationals
        pools.append([-v for v in pool] if sym.is_negative or sym.is_nonpositive else pool)
    for values in itertools.islice(itertools.product(*pools), 200):
        subs = dict(zip(symbols, values, strict=True))
        left, right = lhs.subs(subs), rhs.subs(subs)
        if not (left.is_finite and right.is_finite):
            continue
        gap = sympy.simplify(left - right)
        if gap.is_zero is False:
            point = {str(s): _from_sympy(v) for s, v in subs.items()}
            point.update(lhs=str(sympy.simplify(left)), rhs=str(sympy.simplify(right)),
                         difference=str(gap))
            return point
    return None


def _from_sympy(value):
    return int(value) if value.is_Integer else Fraction(int(value.p), int(value.q))


def identity(build: Callable[[], tuple[Any, Any]]) -> Identity:
    """A SymPy equality ``lhs == rhs``, decided by simplification to 0 (exact).

    If the difference does not simplify to 0, the check looks for an exact rational point where
    the two sides differ and reports it as the counterexample.

    Parameters
    ----------
    build : callable
        ``build() -> (lhs, rhs)``, SymPy expressions.

    Returns
    -------
    Identity
        The check.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> identity(lambda: (sympy.sin(x) ** 2 + sympy.cos(x) ** 2, 1)).run(False).verdict.value
    'PROVED'
    >>> bad = identity(lambda: ((x + 1) ** 2, x**2 + 1)).run(False)
    >>> bad.verdict.value, bad.evidence["counterexample"]["x"]
    ('FALSIFIED', Fraction(1, 2))
    """
    return Identity(build)


def z3_value(value: Term) -> int | Fraction | str:
    """A z3 model value as ``int``, ``Fraction``, or (irrational algebraic) a decimal string.

    Parameters
    ----------
    value : z3.ExprRef
        A value of a z3 model.

    Returns
    -------
    int, Fraction or str
        The value.

    Examples
    --------
    >>> import z3
    >>> z3_value(z3.RealVal("3/4")), z3_value(z3.IntVal(-2))
    (Fraction(3, 4), -2)
    """
    import z3

    if z3.is_int_value(value):
        return value.as_long()
    if z3.is_rational_value(value):
        return Fraction(value.numerator_as_long(), value.denominator_as_long())
    if z3.is_algebraic_value(value):
        return value.as_decimal(30)
    return str(value)


def _decide(statement: Term, oracle: Callable[[dict], bool] | None,
            timeout: float) -> Outcome:
    """Prove ``statement`` (read universally over its free constants) by refuting its negation;
    a refuting model is shrunk (:func:`~ifsod.proof.solvers.smallest_model`) before the recheck."""
    import z3

    answer, model = smallest_model([z3.Not(statement)], timeout)
    if answer == "unsat":
        return Outcome(Verdict.PROVED)
    if answer != "sat":
        return Outcome(Verdict.ERROR, {"reason": f"z3 returned {answer}"})
    values = {c: model.eval(c, model_completion=True) for c in free_constants(statement)}
    counterexample = {str(c): z3_value(v) for c, v in values.items()}
    # The model is substituted back with exact rationals; the closed statement must be false
    # (by simplification, or, under quantifiers, by a fresh solver finding it unsatisfiable).
    closed = z3.simplify(z3.substitute(statement, *values.items()))
    if not z3.is_false(closed) and z3_check([closed], timeout)[0] != "unsat":
        return Outcome(Verdict.ERROR, {"reason": "z3 model does not refute the statement",
                                       "counterexample": counterexample})
    evidence = {"counterexample": counterexample, "recheck": "exact (z3 substitution)"}
    if oracle is not None:
        if oracle(counterexample):
            return Outcome(Verdict.ERROR, {"reason": "library disagrees with the z3 model",
                                           "counterexample": counterexample})
        evidence["recheck"] = "exact (z3 substitution and library in Fraction arithmetic)"
    return Outcome(Verdict.FALSIFIED, evidence)


class _Decided(_Built):
    """The checks z3 decides (smt, bounded): ``oracle`` is callable or None, ``timeout`` a
    positive number of seconds, both checked when the check is made.

    Examples
    --------
    >>> smt(lambda: True, timeout=0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be > 0; got 0
    """

    oracle: Callable[[dict], bool] | None
    timeout: float

    def __post_init__(self) -> None:
        super().__post_init__()
        check_callable(self.oracle, "oracle", optional=True)
        object.__setattr__(self, "timeout", check_seconds(self.timeout))


@dataclass(frozen=True)
class Smt(_Decided):
    """``build() -> z3 BoolRef``, universally quantified over its free constants.

    Parameters
    ----------
    build : callable
        Returns the statement.
    oracle : callable, optional
        Rechecks a counterexample exactly (True when the statement holds there).
    timeout : float
        Seconds per solver.
    kind : str
        ``"smt"``.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> Smt(lambda: x * x >= 0).run(False).verdict.value
    'PROVED'
    """

    build: Callable[[], Any]
    oracle: Callable[[dict], bool] | None = None
    timeout: float = SMT_TIMEOUT
    kind: str = "smt"

    def run(self, quick: bool) -> Outcome:
        """Refute the negation of the statement with z3, rechecked by cvc5.

        Parameters
        ----------
        quick : bool
            Unused: a proof has no strength to trade.

        Returns
        -------
        Outcome
            The verdict and its evidence.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> Smt(lambda: x >= 0).run(False).verdict.value
        'FALSIFIED'
        """
        return _decide(self.build(), self.oracle, self.timeout)


def smt(build: Callable[[], Any], *, oracle: Callable[[dict], bool] | None = None,
        timeout: float = SMT_TIMEOUT) -> Smt:
    """A statement proved by z3 for all values of its free constants (negation unsatisfiable).

    Parameters
    ----------
    build : callable
        Returns the statement as a z3 ``BoolRef``; its free constants are universally quantified.
    oracle : callable, optional
        ``oracle(counterexample) -> bool`` evaluates the statement at a counterexample (a dict of
        constant name to ``int``/``Fraction``) with the library in exact arithmetic; it must
        return False for the counterexample to be believed.
    timeout : float
        Seconds for z3; a timeout gives ERROR.

    Returns
    -------
    Smt
        The check.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> smt(lambda: z3.Implies(x > 1, x * x > x)).run(False).verdict.value
    'PROVED'
    >>> wrong = smt(lambda: z3.Implies(x > 0, x > 1)).run(False)
    >>> wrong.verdict.value, 0 < wrong.evidence["counterexample"]["x"] <= 1
    ('FALSIFIED', True)
    """
    return Smt(build, oracle, timeout)


@dataclass(frozen=True)
class Bounded(_Decided):
    """``build(n) -> z3 BoolRef`` for inputs of length ``n``, proved for every n <= N_max.

    Parameters
    ----------
    build : callable
        Returns the statement for length ``n``.
    n_max, quick_n_max : int
        The longest inputs checked (``quick_n_max`` under ``--quick``).
    oracle : callable, optional
        Rechecks a counterexample exactly.
    timeout : float
        Seconds per solver call.
    kind : str
        ``"bounded"``.

    Examples
    --------
    >>> import z3
    >>> Bounded(lambda n: z3.BoolVal(True), 2, 1).run(True).evidence
    {'N_max': 1}
    """

    build: Callable[[int], Any]
    n_max: int
    quick_n_max: int
    oracle: Callable[[dict], bool] | None = None
    timeout: float = SMT_TIMEOUT
    kind: str = "bounded"

    def __post_init__(self) -> None:
        super().__post_init__()
        check_count(self.n_max, "n_max")
        check_count(self.quick_n_max, "quick_n_max", high=self.n_max)

    def run(self, quick: bool) -> Outcome:
        """Prove the statement for n = 1, 2, ... up to N_max; FALSIFIED at the first failing n.

        Parameters
        ----------
        quick : bool
            Whether to stop at ``quick_n_max``.

        Returns
        -------
        Outcome
            PROVED_UP_TO_N with ``N_max``, or the first counterexample.

        Examples
        --------
        >>> import z3
        >>> Bounded(lambda n: z3.BoolVal(n < 2), 3, 1).run(False).evidence["N"]
        2
        """
        n_max = self.quick_n_max if quick else self.n_max
        for n in range(1, n_max + 1):
            outcome = _decide(self.build(n), self.oracle, self.timeout)
            if outcome.verdict != Verdict.PROVED:
                return Outcome(outcome.verdict, {"N": n, **outcome.evidence})
        return Outcome(Verdict.PROVED_UP_TO_N, {"N_max": n_max})


def bounded(build: Callable[[int], Any], n_max: int, *, quick_n_max: int | None = None,
            oracle: Callable[[dict], bool] | None = None,
            timeout: float = SMT_TIMEOUT) -> Bounded:
    """A statement about inputs of every length ``n <= n_max``, each length proved by z3.

    ``quick_n_max`` (default ``max(1, n_max // 2)``) is used by ``--quick``; ``oracle`` is as
    in :func:`smt`.

    Parameters
    ----------
    build : callable
        ``build(n) -> z3 BoolRef`` for inputs of length ``n``.
    n_max : int
        The longest inputs checked.
    quick_n_max : int, optional
        The longest under ``--quick``.
    oracle : callable, optional
        Rechecks a counterexample exactly.
    timeout : float
        Seconds per solver call.

    Returns
    -------
    Bounded
        The check.

    Examples
    --------
    >>> import z3
    >>> def sum_bound(n):  # |x_1 + ... + x_n| <= |x_1| + ... + |x_n|
    ...     xs = [z3.Real(f"x_{k}") for k in range(1, n + 1)]
    ...     return z3.Abs(z3.Sum(xs)) <= z3.Sum([z3.Abs(v) for v in xs])
    >>> bounded(sum_bound, 4).run(False)
    Outcome(verdict=<Verdict.PROVED_UP_TO_N: 'PROVED_UP_TO_N'>, evidence={'N_max': 4})
    """
    n_max = check_count(n_max, "n_max")
    quick = max(1, n_max // 2) if quick_n_max is None else quick_n_max
    return Bounded(build, n_max, quick, oracle, timeout)


@dataclass(frozen=True)
class Search:
    """Property-based falsification: ``prop(case) -> bool`` over an exhaustive list of small
    cases (``grid``), then cases drawn by hypothesis; only distinct cases are counted.

    Parameters
    ----------
    prop : callable
        ``prop(case) -> bool``.
    strategy : callable
        Returns the hypothesis strategy drawing cases.
    max_examples, quick_examples : int
        Cases tried (``quick_examples`` under ``--quick``).
    kind : str
        ``"search"`` or ``"optimize"``.
    grid : callable, optional
        Returns the cases tried exhaustively first.
    ratio : callable, optional
        How close a case comes to failing, for the evidence.
    names : tuple of str
        The names of the parts of a case, for the report (see
        :func:`~ifsod.proof.cases.case_names`).

    Examples
    --------
    >>> from hypothesis import strategies as st
    >>> check = Search(lambda n: n * n >= 0, lambda: st.integers(), 20, 5)
    >>> check.run(True).verdict.value
    'NO_COUNTEREXAMPLE'
    """

    prop: Callable[[Any], bool]
    strategy: Callable[[], Any]
    max_examples: int
    quick_examples: int
    kind: str = "search"
    grid: Callable[[], Any] | None = None
    ratio: Callable[[Any], Any] | None = None
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_callable(self.prop, "prop")
        check_callable(self.strategy, "strategy")
        check_count(self.max_examples, "max_examples")
        check_count(self.quick_examples, "quick_examples", high=self.max_examples)
        check_choice(self.kind, "kind", ("search", "optimize"))
        check_callable(self.grid, "grid", optional=True)
        check_callable(self.ratio, "ratio", optional=True)
        object.__setattr__(self, "names", check_items(self.names, "names", str, "strings"))

    def run(self, quick: bool) -> Outcome:
        """Try the grid, then hypothesis; FALSIFIED with the shrunk case that fails.

        Parameters
        ----------
        quick : bool
            Whether to try ``quick_examples`` cases only.

        Returns
        -------
        Outcome
            The verdict, the cases tried and the counterexample.

        Examples
        --------
        >>> from hypothesis import strategies as st
        >>> outcome = Search(lambda n: n < 3, lambda: st.integers(0, 10), 50, 10).run(False)
        >>> outcome.verdict.value, outcome.evidence["counterexample"]
        ('FALSIFIED', 3)
        """
        from hypothesis import HealthCheck, Phase, find, settings
        from hypothesis.errors import Flaky, NoSuchExample

        seen: set[str] = set()
        tightest: list = [None, None]  # (ratio, case)

        def note(case: Any) -> None:
            seen.add(repr(case))
            if self.ratio is not None:
                value = self.ratio(case)
                if value is not None and (tightest[0] is None or value > tightest[0]):
                    tightest[0], tightest[1] = value, case

        def fails(case: Any) -> bool:
            note(case)
            return not self.prop(case)

        def sharpness(evidence):
            if tightest[0] is not None:
                evidence["tightest"] = {"ratio": tightest[0], "case": tightest[1]}
            return evidence

        if self.grid is not None:
            for case in self.grid():
                if repr(case) in seen:
                    continue
                if fails(case):
                    if self.prop(_copy(case)):
                        return Outcome(Verdict.ERROR, {"reason": "the grid counterexample "
                                                       "passes on recheck",
                                                       "counterexample": case})
                    return Outcome(Verdict.FALSIFIED, sharpness({
                        "cases": len(seen), "counterexample": case, "names": self._names(case),
                        "recheck": "exact (property run again)", "found_by": "exhaustive grid"}))

        budget = self.quick_examples if quick else self.max_examples
        config = settings(max_examples=budget, database=None, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck),
                          phases=[Phase.generate, Phase.shrink])
        try:
            case = find(self.strategy(), fails, settings=config)
        except NoSuchExample:
            return Outcome(Verdict.NO_COUNTEREXAMPLE, sharpness({"cases": len(seen)}))
        except Flaky:
            return Outcome(Verdict.ERROR, {"reason": "the property gave different answers on "
                                           "the same case (not deterministic)",
                                           "cases": len(seen)})
        tried = len(seen)
        if self.prop(_copy(case)):
            return Outcome(Verdict.ERROR, {"reason": "the shrunk counterexample passes on "
                                           "recheck", "counterexample": case})
        # An optimize property runs a float solver again; a search property is exact.
        recheck = "re-solved" if self.kind == "optimize" else "exact"
        return Outcome(Verdict.FALSIFIED, sharpness({
            "cases": tried, "counterexample": case, "names": self._names(case),
            "recheck": f"{recheck} (property run again)", "found_by": "hypothesis (shrunk)"}))

    def _names(self, case: Any) -> list[str]:
        return list(case_names(case, self.prop, self.names))


def _copy(case: Any) -> Any:
    """A deep copy of ``case`` for the recheck, so that a property caching its value per case
    object (as a search's property and ratio may share one error) computes it again."""
    import copy

    try:
        return copy.deepcopy(case)
    except Exception:  # a case that cannot be copied is rechecked as it is
        return case


def search(prop: Callable[[Any], bool], strategy: Callable[[], Any], *,
           max_examples: int = 300, quick_examples: int | None = None,
           kind: str = "search", grid: Callable[[], Any] | None = None,
           ratio: Callable[[Any], Any] | None = None, names: Sequence[str] = ()) -> Search:
    """Look for a case where ``prop`` is False: first every case of ``grid`` (small inputs,
    smallest first, so the first failure is minimal), then hypothesis, which shrinks what it
    finds.  Cases are counted once however often they are drawn.

    Parameters
    ----------
    prop : callable
        ``prop(case) -> bool``, True when the statement holds for ``case``.  Use exact
        (``Fraction``) arithmetic so that a counterexample is not a rounding artefact.
    strategy : callable
        Returns the hypothesis strategy drawing cases (built lazily: hypothesis is imported only
        when the check runs).
    max_examples, quick_examples : int
        Cases tried (``quick_examples`` under ``--quick``, default a fifth).
    kind : {"search", "optimize"}
        ``"optimize"`` for properties whose evaluation solves an optimisation problem.
    grid : callable, optional
        Returns an iterable of cases tried exhaustively first (see
        :func:`ifsod.proof.strategies.boundary_grid`).
    ratio : callable, optional
        ``ratio(case)`` = left side / bound of the inequality; the largest one seen is reported
        as ``tightest`` (how sharp the constant is).
    names : sequence of str
        Names of the parts of a case (``("x", "theta")``), for the counterexample shown in the
        report; by default they are read from the case or the property
        (:func:`~ifsod.proof.cases.case_names`).

    Returns
    -------
    Search
        The check.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from hypothesis import strategies as st
    >>> fractions = lambda: st.fractions(-10, 10, max_denominator=10)
    >>> search(lambda q: q * q >= 0, fractions, max_examples=50).run(False).verdict.value
    'NO_COUNTEREXAMPLE'
    >>> found = search(lambda q: q * q >= q, fractions, max_examples=50).run(False)
    >>> found.verdict.value, 0 < found.evidence["counterexample"] < 1
    ('FALSIFIED', True)
    """
    max_examples = check_count(max_examples, "max_examples")
    quick = max(1, max_examples // 5) if quick_examples is None else quick_examples
    return Search(prop, strategy, max_examples, quick, kind, grid, ratio,
                  check_items(names, "names", str, "strings"))


def optimize(prop: Callable[[Any], bool], strategy: Callable[[], Any], *,
             max_examples: int = 60, quick_examples: int | None = None,
             names: Sequence[str] = ()) -> Search:
    """A :func:`search` whose property compares the optimum of a solver with a formula.

    Parameters
    ----------
    prop, strategy
        As for :func:`search`; ``prop`` solves the problem of ``case`` again.
    max_examples, quick_examples : int
        Cases tried (fewer by default than a search: each case solves a problem).
    names : sequence of str
        Names of the parts of a case, as in :func:`search`.

    Returns
    -------
    Search
        The check, of kind ``"optimize"``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from hypothesis import strategies as st
    >>> from scipy.optimize import linprog
    >>> def lp_gives_abs(b):  # min t s.t. t >= b, t >= -b  equals |b|
    ...     res = linprog([1], A_ub=[[-1], [-1]], b_ub=[-float(b), float(b)],
    ...                   bounds=[(None, None)])
    ...     return abs(res.fun - abs(float(b))) < 1e-9
    >>> check = optimize(lp_gives_abs, lambda: st.fractions(-5, 5), max_examples=10)
    >>> check.run(False).verdict.value
    'NO_COUNTEREXAMPLE'
    """
    return search(prop, strategy, max_examples=max_examples, quick_examples=quick_examples,
                  kind="optimize", names=names)


_RELATIONS = ("==", "<=", "<")


@dataclass(frozen=True)
class Derivation(_Built):
    """``build() -> [e0, (rel, e1), (rel, e2), ...]``: a chain of SymPy expressions.

    Parameters
    ----------
    build : callable
        ``build()`` gives the chain, first expression first.
    kind : str
        ``"derivation"``.

    Examples
    --------
    >>> import sympy
    >>> a = sympy.Symbol("a", positive=True)
    >>> Derivation(lambda: [a**2, ("==", a * a), ("<", a * a + 1)]).run(False).verdict.value
    'PROVED'
    """

    build: Callable[[], list]
    kind: str = "derivation"

    def run(self, quick: bool) -> Outcome:
        """Check each link of the chain in order, stopping at the first that fails.

        Parameters
        ----------
        quick : bool
            Unused: each link is decided exactly.

        Returns
        -------
        Outcome
            The verdict and the evidence of every link.

        Examples
        --------
        >>> import sympy
        >>> a = sympy.Symbol("a", positive=True)
        >>> Derivation(lambda: [a, ("<", a / 2)]).run(False).verdict.value
        'FALSIFIED'
        """
        import sympy

        chain = self.build()
        steps, current = [], sympy.sympify(chain[0])
        for number, (relation, expr) in enumerate(chain[1:], 1):
            if relation not in _RELATIONS:
                raise ValueError(f"relation of step {number} must be one of {_RELATIONS}; "
                                 f"got {relation!r}")
            expr = sympy.sympify(expr)
            outcome = _derive_step(current, relation, expr)
            steps.append({"step": number, "relation": relation, "from": str(current),
                          "to": str(expr), "verdict": outcome.verdict.value,
                          **outcome.evidence})
            if outcome.verdict != Verdict.PROVED:
                return Outcome(outcome.verdict, {"derivation": steps, "step": number,
                                                 **outcome.evidence})
            current = expr
        return Outcome(Verdict.PROVED, {"derivation": steps})


def _derive_step(lhs: Any, relation: str, rhs: Any) -> Outcome:
    """One link: an equality by SymPy (``.doit()`` evaluates sums and integrals), an
    inequality by z3 over the symbols' assumptions."""
    import sympy

    if relation == "==":
        difference = sympy.simplify((lhs - rhs).doit())
        if difference == 0:
            return Outcome(Verdict.PROVED, {"by": "sympy"})
        point = _differing_point(lhs.doit(), rhs.doit())
        if point is None:
            return Outcome(Verdict.ERROR, {"reason": f"SymPy left {difference} and no rational "
                                           "point separates the sides"})
        return Outcome(Verdict.FALSIFIED, {"counterexample": point, "recheck": "exact"})
    import z3

    symbols = sorted((lhs.free_symbols | rhs.free_symbols), key=str)
    names = {s: z3.Real(str(s)) for s in symbols}
    assume = []
    for s in symbols:
        if s.is_positive:
            assume.append(names[s] > 0)
        elif s.is_nonnegative:
            assume.append(names[s] >= 0)
        elif s.is_negative:
            assume.append(names[s] < 0)
    left, right = _to_z3(lhs.doit(), names), _to_z3(rhs.doit(), names)
    claim = left <= right if relation == "<=" else left < right
    outcome = _decide(z3.Implies(z3.And(*assume), claim), None, SMT_TIMEOUT)
    return Outcome(outcome.verdict, {"by": "z3", **outcome.evidence})


def _to_z3(expr, names):
    """A rational function of the symbols (with Abs, Min, Max) as a z3 term."""
    import sympy
    import z3

    if expr.is_Symbol:
        return names[expr]
    if expr.is_Rational:
        return z3.RealVal(f"{expr.p}/{expr.q}")
    args = [_to_z3(a, names) for a in expr.args]
    if expr.is_Add:
        return sum(args[1:], args[0])
    if expr.is_Mul:
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if expr.is_Pow and expr.exp.is_Integer:
        base, power = args[0], int(expr.exp)
        out = z3.RealVal(1)
        for _ in range(abs(power)):
            out = out * base
        return out if power >= 0 else 1 / out
    if isinstance(expr, sympy.Abs):
        return z3.If(args[0] >= 0, args[0], -args[0])
    raise ValueError(f"an inequality step must be a rational function of its symbols; got "
                     f"{expr}")


def derivation(build: Callable[[], list]) -> Derivation:
    """A chain ``e0 rel1 e1 rel2 e2 ...`` checked link by link: ``"=="`` by SymPy (sums with
    symbolic bounds and integrals are evaluated by ``.doit()``), ``"<="`` and ``"<"`` by z3
    under the symbols' assumptions (``positive=True`` gives ``> 0``).  A false link is
    FALSIFIED with an exact point, and the chain stops there.

    Parameters
    ----------
    build : callable
        ``build() -> [e0, (rel, e1), ...]`` with ``rel`` one of ``"=="``, ``"<="``, ``"<"``.

    Returns
    -------
    Derivation
        The check.

    Examples
    --------
    >>> import sympy
    >>> n, k = sympy.symbols("n k", integer=True, positive=True)
    >>> chain = lambda: [sympy.Sum(2 * k - 1, (k, 1, n)), ("==", n**2), ("<=", n**2 + 1)]
    >>> derivation(chain).run(False).verdict.value
    'PROVED'
    >>> wrong = derivation(lambda: [sympy.Sum(k, (k, 1, n)), ("==", n**2 / 2)]).run(False)
    >>> wrong.verdict.value, wrong.evidence["step"]
    ('FALSIFIED', 1)
    """
    return Derivation(build)

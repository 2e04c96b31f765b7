"""Two SMT solvers on one query: z3 decides it, cvc5 re-checks the SMT-LIB 2 text z3 writes.

A query is a list of z3 assertions; it is *valid* (the obligation holds) when the assertions are
unsatisfiable.  :func:`decide` returns what both solvers said and the SMT-LIB text, which the
report keeps beside the JSON so that anyone can re-run it with any SMT-LIB solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import ModuleType
from typing import Any

from .z3models import Term

#: Seconds per solver call.
TIMEOUT = 30.0

#: z3 resource units (its deterministic ``rlimit``) per solver call, and in all, spent making
#: one counterexample smaller; a budget of work rather than of seconds, so the counterexample
#: shown does not depend on the machine's load.
SHRINK_RLIMIT, SHRINK_BUDGET = 5_000_000, 25_000_000

#: The extra that installs the solvers and the search tools.
VERIFY_EXTRA = "pip install 'ifsod[verify]'"


class MissingExtra(RuntimeError):
    """A check needs a package of the ``verify`` extra that is not installed.

    Parameters
    ----------
    *args : object
        The message, as for any exception.

    Examples
    --------
    >>> issubclass(MissingExtra, RuntimeError)
    True
    """


def require(module: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtra` saying which extra installs it.

    Parameters
    ----------
    module : str
        The module's import name.

    Returns
    -------
    module
        The module.

    Examples
    --------
    >>> require("z3").__name__
    'z3'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtra(f"needs {module.split('.')[0]} ({VERIFY_EXTRA})") from err


@dataclass(frozen=True)
class Answer:
    """The answers of z3 and cvc5 (``"unsat"``, ``"sat"``, ``"unknown"``) to one query.

    Parameters
    ----------
    z3, cvc5 : str
        The answers.
    smt2 : str
        The SMT-LIB 2 text of the query.
    model : dict
        z3's values of the free constants when it says sat.

    Examples
    --------
    >>> Answer("unsat", "unsat", "").agree, Answer("sat", "unsat", "").agree
    (True, False)
    """

    z3: str
    cvc5: str
    smt2: str
    model: dict[str, Any] = field(default_factory=dict)

    @property
    def agree(self) -> bool:
        """No solver says sat where the other says unsat.

        Returns
        -------
        bool
            Whether the answers are compatible.

        Examples
        --------
        >>> Answer("unsat", "unknown", "").agree
        True
        """
        return {self.z3, self.cvc5} != {"sat", "unsat"}


def smt2_text(assertions: Sequence[Term]) -> str:
    """The SMT-LIB 2 benchmark of ``assertions`` (z3's own printer, with a logic line).

    Parameters
    ----------
    assertions : sequence of z3.BoolRef
        The query.

    Returns
    -------
    str
        The SMT-LIB 2 script.

    Examples
    --------
    >>> import z3
    >>> text = smt2_text([z3.Real("x") < 0])
    >>> text.splitlines()[0], text.splitlines()[-1]
    ('(set-logic ALL)', '(check-sat)')
    """
    z3 = require("z3")

    # In a fresh context the printed names of shared subterms do not depend on what was built
    # before (see z3_check).
    context = z3.Context()
    solver = z3.Solver(ctx=context)
    solver.add(*(a.translate(context) for a in assertions))
    return "(set-logic ALL)\n" + solver.to_smt2()


def cvc5_check(text: str, timeout: float = TIMEOUT) -> str:
    """Run an SMT-LIB 2 script through cvc5; its answer to the (last) ``check-sat``.

    Parameters
    ----------
    text : str
        An SMT-LIB 2 script.
    timeout : float
        Seconds.

    Returns
    -------
    str
        ``"sat"``, ``"unsat"`` or ``"unknown"``.

    Examples
    --------
    >>> cvc5_check("(set-logic ALL)(declare-fun x () Real)(assert (< x x))(check-sat)")
    'unsat'
    """
    cvc5 = require("cvc5")

    solver = cvc5.Solver()
    solver.setOption("tlimit-per", str(int(timeout * 1000)))
    parser = cvc5.InputParser(solver)
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, "obligation")
    symbols = parser.getSymbolManager()
    answer = "unknown"
    while True:
        command = parser.nextCommand()
        if command.isNull():
            break
        out = command.invoke(solver, symbols).strip()
        if out:
            answer = out.split()[0]
    return answer if answer in ("sat", "unsat") else "unknown"


def z3_check(assertions: Sequence[Term], timeout: float = TIMEOUT) -> tuple[str, Any]:
    """``(answer, model)`` of z3 on ``assertions``; the model is None unless sat.

    Parameters
    ----------
    assertions : sequence of z3.BoolRef
        The query.
    timeout : float
        Seconds.

    Returns
    -------
    tuple of (str, z3.ModelRef or None)
        The answer and the model.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> z3_check([x > 1, x < 2])
    ('sat', [x = 3/2])
    >>> z3_check([x < x])
    ('unsat', None)
    """
    answer, model, _ = _solve(assertions, timeout)
    return answer, model


def _solve(assertions: Sequence[Term], timeout: float,
           rlimit: int = 0) -> tuple[str, Any, int]:
    z3 = require("z3")

    # A fresh context per query: z3's answer and model then depend on the query alone, not on
    # what other claims built before it (so a claim reports the same run alone, after the
    # others or in a worker process of its own).
    context = z3.Context()
    solver = z3.Solver(ctx=context)
    solver.set("timeout", int(timeout * 1000))
    if rlimit:
        solver.set("rlimit", rlimit)
    solver.add(*(a.translate(context) for a in assertions))
    answer = solver.check()
    home = assertions[0].ctx if assertions else z3.main_ctx()
    model = solver.model().translate(home) if answer == z3.sat else None
    statistics = solver.statistics()
    counted = statistics.keys()
    used = statistics.get_key_value("rlimit count") if "rlimit count" in counted else 0
    return str(answer), model, int(used)


def smallest_model(assertions: Sequence[Term], timeout: float = TIMEOUT) -> tuple[str, Any]:
    """:func:`z3_check`, with the model made small when sat (a drop-in for it).

    A counterexample is shrunk by solving again with more constraints, each kept only when the
    query stays satisfiable: first every numeric constant (by name) is set to 0 where it can
    be, then the sum of the absolute values of the others is bounded by 1, 2, 4, ... and the
    first bound that a model meets is kept.  So no remaining constant can be set to 0, and no
    model with those zeros has half that sum (when the bound is above 1).  Each extra call has
    :data:`SHRINK_RLIMIT` of z3's resource units, all of them :data:`SHRINK_BUDGET`; what is not
    decided within them leaves the model as it was, the same on any machine and at any load.

    Parameters
    ----------
    assertions : sequence of z3.BoolRef
        The query.
    timeout : float
        Seconds for the first call.

    Returns
    -------
    tuple of (str, z3.ModelRef or None)
        The answer and the smallest model found.

    Examples
    --------
    >>> import z3
    >>> x, y = z3.Reals("x y")
    >>> answer, model = smallest_model([x > 100, x + y > 1000])
    >>> values = model_values(model, [x, y])
    >>> answer, values["y"], 1000 < values["x"] <= 1024
    ('sat', Fraction(0, 1), True)
    """
    answer, model = z3_check(assertions, timeout)
    if answer != "sat":
        return answer, model
    return answer, _shrink(list(assertions), model)


def _shrink(assertions: list[Term], model: Any) -> Any:
    z3 = require("z3")
    left = SHRINK_BUDGET
    numeric = [c for e in assertions for c in free_constants(e)
               if c.sort() in (z3.RealSort(), z3.IntSort())]
    numeric = list({str(c): c for c in numeric}.values())

    def attempt(extra: list[Term]) -> Any:
        nonlocal left
        if left <= 0:
            return None
        answer, found, used = _solve([*assertions, *extra], TIMEOUT, min(SHRINK_RLIMIT, left))
        left -= max(used, 1)
        return found if answer == "sat" else None

    zeros: list[Term] = []
    rest = []
    for const in numeric:
        if z3.is_true(z3.simplify(model.eval(const, model_completion=True) == 0)):
            zeros.append(const == 0)
            continue
        found = attempt([*zeros, const == 0])
        if found is None:
            rest.append(const)
        else:
            zeros.append(const == 0)
            model = found
    values = model_values(model, rest) if rest else {}
    if not rest or any(isinstance(v, str) for v in values.values()):
        return model
    size = sum(abs(v) for v in values.values())
    total = z3.Sum([z3.If(c >= 0, c, -c) for c in rest])
    bound = 1
    while bound < size:
        found = attempt([*zeros, total <= bound])
        if found is not None:
            return found
        bound *= 2
    return model


def numeral(value: int | Fraction, sort: Any) -> Term:
    """An exact z3 value of ``sort`` (Int, Real or Bool).

    Parameters
    ----------
    value : int, Fraction or bool
        The value.
    sort : z3.SortRef
        Its sort.

    Returns
    -------
    z3.ExprRef
        The numeral.

    Examples
    --------
    >>> import z3
    >>> from fractions import Fraction
    >>> numeral(Fraction(1, 3), z3.RealSort()), numeral(2, z3.IntSort())
    (1/3, 2)
    """
    z3 = require("z3")

    if sort == z3.IntSort():
        return z3.IntVal(int(value))
    if sort == z3.BoolSort():
        return z3.BoolVal(bool(value))
    if isinstance(value, str):
        raise ValueError(f"an irrational model value {value} cannot be substituted exactly")
    value = Fraction(value)
    return z3.RealVal(f"{value.numerator}/{value.denominator}")


def holds_at(exprs: Sequence[Term], values: dict[str, Any]) -> bool:
    """Whether every formula is true at ``values`` (exact substitution and simplification).

    Parameters
    ----------
    exprs : sequence of z3.BoolRef
        The formulas.
    values : dict
        Values by constant name; a constant without a value makes the answer False.

    Returns
    -------
    bool
        Whether all of them hold there.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> holds_at([x > 1], {"x": 2}), holds_at([x > 1], {"x": 1}), holds_at([x > 1], {})
    (True, False, False)
    """
    z3 = require("z3")

    for expr in exprs:
        pairs = []
        for const in free_constants(expr):
            if str(const) not in values:
                return False
            pairs.append((const, numeral(values[str(const)], const.sort())))
        if not z3.is_true(z3.simplify(z3.substitute(expr, *pairs) if pairs else expr)):
            return False
    return True


def decide(assertions: Sequence[Term], timeout: float = TIMEOUT, second: bool = True) -> Answer:
    """Both solvers on ``assertions``; with ``second=False`` only z3 (satisfiability witnesses,
    which are checked by substitution instead).

    Parameters
    ----------
    assertions : sequence of z3.BoolRef
        The query.
    timeout : float
        Seconds per solver.
    second : bool
        Whether cvc5 re-checks.

    Returns
    -------
    Answer
        Both answers, the SMT-LIB text and the model's values.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> answer = decide([x < x])
    >>> answer.z3, answer.cvc5, answer.agree
    ('unsat', 'unsat', True)
    >>> decide([x > 1, x < 2], second=False).model
    {'x': Fraction(3, 2)}
    """
    answer, model = smallest_model(assertions, timeout)
    text = smt2_text(assertions)
    other = cvc5_check(text, timeout) if second else "not run"
    return Answer(answer, other, text, {} if model is None else model_values(model, assertions))


def model_values(model: Any, assertions: Sequence[Term]) -> dict[str, Any]:
    """The model's values of the free constants of ``assertions`` (``int``/``Fraction``).

    Parameters
    ----------
    model : z3.ModelRef
        A model of ``assertions``.
    assertions : sequence of z3.BoolRef
        The query.

    Returns
    -------
    dict
        Values by constant name.

    Examples
    --------
    >>> import z3
    >>> x, y = z3.Reals("x y")
    >>> query = [x == 2, y == x + 1]
    >>> model_values(z3_check(query)[1], query)
    {'x': Fraction(2, 1), 'y': Fraction(3, 1)}
    """
    from .kinds import z3_value

    z3 = require("z3")
    constants = {}
    for expr in assertions:
        for const in free_constants(expr):
            constants[str(const)] = const
    return {name: z3_value(model.eval(const, model_completion=True))
            for name, const in sorted(constants.items())} if constants else {
        str(d): z3_value(model[d]) for d in model.decls() if z3.is_const(d())}


def free_constants(expr: Term) -> list[Term]:
    """The uninterpreted constants of a z3 expression (under quantifiers too), sorted by name.

    Parameters
    ----------
    expr : z3.ExprRef
        The expression.

    Returns
    -------
    list of z3.ExprRef
        Its constants.

    Examples
    --------
    >>> import z3
    >>> x, y = z3.Reals("x y")
    >>> free_constants(z3.ForAll([y], x + y > 0))
    [x]
    """
    z3 = require("z3")

    seen, found, stack = set(), {}, [expr]
    while stack:
        node = stack.pop()
        if node.get_id() in seen:
            continue
        seen.add(node.get_id())
        if z3.is_const(node) and node.decl().kind() == z3.Z3_OP_UNINTERPRETED:
            found[str(node)] = node
        elif z3.is_quantifier(node):
            stack.append(node.body())
        else:
            stack.extend(node.children())
    return [found[name] for name in sorted(found)]

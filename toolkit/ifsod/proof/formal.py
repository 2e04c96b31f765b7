r"""Formal statements and the proof obligations the engine writes for them.

A claim whose ``statement`` is a :class:`Formula` or an :class:`Induction` is checked from the
statement itself: the engine writes the obligations, and the claim is PROVED only when every
obligation is

- **valid**: z3 finds its negation unsatisfiable and cvc5, reading the SMT-LIB 2 text z3 writes,
  agrees (disagreement is ERROR);
- **not vacuous**: its hypotheses are satisfiable (a model is found, checked by substitution and
  shown in the report);
- **not trivial**: it fails without its hypotheses (that counterexample is the obligation's
  wrong variant, run again by ``ifsod verify --mutants``), it is not a propositional tautology,
  and its conclusion depends on a variable;
- **for every parameter**: each declared parameter (the threshold ``theta``) is a free symbol of
  the obligation, or it is fixed to 1 and licensed by a homogeneity obligation proved the same
  way.

For an :class:`Induction` (a statement about every length N, over an engine-owned
:class:`~ifsod.proof.models.Model`), the obligations are: the base case (n = 0), the inductive
step (n - 1 to n, for every input), and, for a norm statement ``max_{n<=N} |A_n| < B``, the
pointwise bound ``invariant => |A_n| < B`` and the two obligations of the running maximum
``M_n = max(M_{n-1}, |A_n|)`` (``M_0 = 0 < B``; ``M_{n-1} < B`` and ``|A_n| < B`` give
``M_n < B``: the maximum is attained at some n).  Induction over n then gives the statement for
every N; nothing is left to prose.

Examples
--------
>>> import z3
>>> from ifsod.proof.formal import Formula
>>> from ifsod.proof.z3models import zabs
>>> x, theta = z3.Reals("x theta")
>>> statement = Formula(lambda: [theta > 0, zabs(x) < theta], lambda: x * x < theta * theta)
>>> [o.name for o in statement.obligations()]
['statement']
>>> statement.obligations()[0].discharge().verdict.value
'PROVED'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._checks import (
    check_callable,
    check_count,
    check_flag,
    check_formula,
    check_formulas,
    check_instance,
    check_items,
    check_seconds,
    check_text,
)
from .claim import Outcome, Verdict
from .latex import to_latex
from .models import Model
from .solvers import (
    TIMEOUT,
    decide,
    free_constants,
    holds_at,
    model_values,
    smallest_model,
    z3_check,
)
from .z3models import Term, zabs, zmax


@dataclass(frozen=True)
class Obligation:
    """One formula ``assumptions and hypotheses => conclusion``, valid for all free symbols.

    ``assumptions`` (e.g. ``theta > 0``) and ``hypotheses`` (the invariant at n - 1, the
    initial state, the inputs allowed at step n) are both needed; the wrong variant drops both.
    ``params`` are the parameter names that must stay free; ``licence`` names the homogeneity
    obligation that allows a parameter to be fixed.

    Parameters
    ----------
    name, text : str
        Short name and description.
    assumptions, hypotheses : tuple of z3.BoolRef
        What the conclusion may use.
    conclusion : z3.BoolRef
        What must follow.
    params : tuple of str
        Parameters that must stay free.
    licence : str
        The homogeneity obligation that allows a parameter to be fixed.
    timeout : float
        Seconds per solver call.
    wrong_conclusion : z3.BoolRef, optional
        The conclusion of the wrong variant.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> Obligation("positive", "x > 1 => x > 0", (), (x > 1,), x > 0).formula()
    Implies(x > 1, x > 0)
    """

    name: str
    text: str
    assumptions: tuple
    hypotheses: tuple
    conclusion: Any
    params: tuple[str, ...] = ()
    licence: str = ""
    timeout: float = TIMEOUT
    wrong_conclusion: Any = None

    def __post_init__(self) -> None:
        check_text(self.name, "name")
        check_text(self.text, "text")
        object.__setattr__(self, "assumptions", check_formulas(self.assumptions, "assumptions"))
        object.__setattr__(self, "hypotheses", check_formulas(self.hypotheses, "hypotheses"))
        check_formula(self.conclusion, "conclusion")
        object.__setattr__(self, "params", check_items(self.params, "params", str, "strings"))
        check_text(self.licence, "licence")
        object.__setattr__(self, "timeout", check_seconds(self.timeout))
        if self.wrong_conclusion is not None:
            check_formula(self.wrong_conclusion, "wrong_conclusion")

    def formula(self) -> Term:
        """The obligation as one z3 implication (the conclusion alone without hypotheses).

        Returns
        -------
        z3.BoolRef
            The implication.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> Obligation("c", "x*x >= 0", (), (), x * x >= 0).formula()
        x*x >= 0
        """
        import z3

        hypotheses = [*self.assumptions, *self.hypotheses]
        if not hypotheses:
            return self.conclusion
        return z3.Implies(hypotheses[0] if len(hypotheses) == 1 else z3.And(*hypotheses),
                          self.conclusion)

    def discharge(self) -> Outcome:
        """Check the obligation (see the module docstring); the evidence lists every finding.

        Returns
        -------
        Outcome
            PROVED, or the finding that stops it.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> Obligation("positive", "x > 1 => x > 0", (), (x > 1,), x > 0).discharge().verdict.value
        'PROVED'
        """
        import z3

        evidence: dict[str, Any] = {"obligation": self.name, "text": self.text}
        problems = []
        free = {str(c) for c in free_constants(self.formula())}
        if not {str(c) for c in free_constants(self.conclusion)}:
            problems.append("constant identity: the conclusion has no variable")
        fixed = [p for p in self.params if p not in free]
        if fixed and not self.licence:
            problems.append(f"parameter {', '.join(fixed)} fixed without a homogeneity lemma")
        elif fixed:
            evidence["fixed"] = dict.fromkeys(fixed, f"1, licensed by {self.licence}")
        hypotheses = [*self.assumptions, *self.hypotheses]
        answer, model = z3_check(hypotheses, self.timeout)
        if answer == "sat":
            witness = model_values(model, hypotheses)
            if not holds_at(hypotheses, witness):
                problems.append("the model of the hypotheses does not satisfy them")
            evidence["hypotheses_model"] = witness
        elif answer == "unsat":
            problems.append("vacuous: the hypotheses are unsatisfiable")
        else:
            problems.append(f"satisfiability of the hypotheses unknown to z3 ({answer})")
        if _tautology(self.formula()):
            problems.append("tautological: valid by propositional logic alone")
        bare, _ = z3_check([z3.Not(self.conclusion)], self.timeout)
        if bare == "unsat":
            problems.append("holds without its hypotheses")
        wrong = self.wrong()
        answer, wrong_model = z3_check([*wrong.assumptions, *wrong.hypotheses,
                                        z3.Not(wrong.conclusion)], self.timeout)
        if answer == "sat":
            refuted = [*wrong.assumptions, *wrong.hypotheses, z3.Not(wrong.conclusion)]
            cex = model_values(wrong_model, refuted)
            if holds_at(refuted, cex):
                evidence["wrong_variant"] = {"text": wrong.text, "counterexample": cex}
        query = decide([*hypotheses, z3.Not(self.conclusion)], self.timeout)
        evidence["solvers"] = {"z3": query.z3, "cvc5": query.cvc5}
        evidence["smt2"] = query.smt2
        if not query.agree:
            return Outcome(Verdict.ERROR, {**evidence, "reason": "z3 and cvc5 disagree"})
        if query.z3 == "sat" or query.cvc5 == "sat":
            cex = query.model
            if query.z3 == "sat" and holds_at([*hypotheses, z3.Not(self.conclusion)], cex):
                return Outcome(Verdict.FALSIFIED, {**evidence, "counterexample": cex,
                                                   "recheck": "exact (z3 substitution)"})
            return Outcome(Verdict.ERROR, {**evidence, "reason": "the solvers' model does not "
                                           "refute the obligation on substitution"})
        if "unsat" not in (query.z3, query.cvc5) or query.z3 != query.cvc5:
            return Outcome(Verdict.ERROR, {**evidence, "reason": f"not decided by both solvers "
                                           f"(z3 {query.z3}, cvc5 {query.cvc5})"})
        if problems:
            return Outcome(Verdict.ERROR, {**evidence, "reason": "; ".join(problems)})
        return Outcome(Verdict.PROVED, evidence)

    def wrong(self) -> Obligation:
        """The wrong variant: ``wrong_conclusion`` under the same hypotheses when given, else
        the conclusion without assumptions and hypotheses.

        Returns
        -------
        Obligation
            The wrong variant.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> Obligation("positive", "x > 1 => x > 0", (), (x > 1,), x > 0).wrong().formula()
        x > 0
        """
        if self.wrong_conclusion is not None:
            return Obligation(f"{self.name}, wrong variant", f"{self.text}, wrong variant",
                              self.assumptions, self.hypotheses, self.wrong_conclusion, (),
                              "wrong variant", self.timeout)
        return Obligation(f"{self.name} without hypotheses", f"{self.text}, hypotheses dropped",
                          (), (), self.conclusion, (), "wrong variant", self.timeout)


def _tautology(formula: Term) -> bool:
    """Valid with every arithmetic atom replaced by a free Boolean (propositional logic)."""
    import z3

    atoms: dict[int, Any] = {}

    def abstract(e):
        connective = any(z3.is_app_of(e, k) for k in (z3.Z3_OP_AND, z3.Z3_OP_OR, z3.Z3_OP_NOT,
                                                      z3.Z3_OP_IMPLIES, z3.Z3_OP_XOR))
        boolean_eq = z3.is_eq(e) and z3.is_bool(e.children()[0])
        if connective or boolean_eq:
            parts = [abstract(c) for c in e.children()]
            return parts[0] == parts[1] if boolean_eq else e.decl()(*parts)
        if z3.is_true(e) or z3.is_false(e):
            return e
        key = e.get_id()
        atoms.setdefault(key, z3.Bool(f"atom_{len(atoms)}"))
        return atoms[key]

    answer, _ = z3_check([z3.Not(abstract(formula))], 5.0)
    return answer == "unsat"


@dataclass(frozen=True)
class Formula:
    """A closed statement: ``hypotheses() => conclusion()`` for all values of its free symbols.

    Parameters
    ----------
    hypotheses, conclusion : callable
        Return a list of z3 ``BoolRef`` and a ``BoolRef``.
    params : sequence of str
        Parameter names (e.g. ``"theta"``) the statement must hold for every value of.
    names : dict
        LaTeX of the free symbols, for the statement shown in reports.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> print(Formula(lambda: [x > 1], lambda: x > 0).latex())
    x > 1 \\Rightarrow x > 0
    """

    hypotheses: Callable[[], Sequence[Any]]
    conclusion: Callable[[], Any]
    params: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_callable(self.hypotheses, "hypotheses")
        check_callable(self.conclusion, "conclusion")
        object.__setattr__(self, "params", check_items(self.params, "params", str, "strings"))
        check_instance(self.names, "names", dict, "a dict of LaTeX by symbol name")

    def obligations(self) -> list[Obligation]:
        """The single obligation: the statement itself.

        Returns
        -------
        list of Obligation
            The one obligation ``statement``.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> [o.name for o in Formula(lambda: [x > 1], lambda: x > 0).obligations()]
        ['statement']
        """
        return [Obligation("statement", "the statement", (), tuple(self.hypotheses()),
                           self.conclusion(), tuple(self.params))]

    def latex(self) -> str:
        """The statement printed from its formula.

        Returns
        -------
        str
            The LaTeX of the obligation.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> print(Formula(lambda: [], lambda: x * x >= 0).latex())
        x\\,x \\ge 0
        """
        (ob,) = self.obligations()
        return to_latex(ob.formula(), self.names)


@dataclass(frozen=True)
class NormBelow:
    """``max_{n<=N} |term_n| < bound`` for every N: ``term(p, s)``, ``bound(p)``.

    Parameters
    ----------
    term : callable
        ``term(p, s)``, the quantity at step n.
    bound : callable
        ``bound(p)``.
    latex_term : str
        LaTeX of the term (default: printed from it).

    Examples
    --------
    >>> NormBelow(lambda p, s: s["R"], lambda p: p["theta"]).latex_term
    ''
    """

    term: Callable[[dict, dict], Any]
    bound: Callable[[dict], Any]
    latex_term: str = ""

    def __post_init__(self) -> None:
        check_callable(self.term, "term")
        check_callable(self.bound, "bound")
        check_text(self.latex_term, "latex_term")


@dataclass(frozen=True)
class Always:
    """``holds(p, s, m)`` after every step n >= 1 (and at n = 0); ``m`` holds the running
    maxima ``M_name = max_{k<=n} |norms[name](p, s_k)|`` declared in ``norms``.

    Parameters
    ----------
    holds : callable
        ``holds(p, s, m)``, the statement after step n.
    norms : dict
        The running maxima the statement reads, by name.

    Examples
    --------
    >>> Always(lambda p, s, m: s["u"] < p["theta"]).norms
    {}
    """

    holds: Callable[[dict, dict, dict], Any]
    norms: dict[str, Callable[[dict, dict], Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_callable(self.holds, "holds")
        check_instance(self.norms, "norms", dict, "a dict of callables by name")
        for key, term in self.norms.items():
            check_callable(term, f"norms[{key!r}]")


@dataclass(frozen=True)
class Induction:
    """A statement about every length N over an engine-owned model.

    Parameters
    ----------
    model : Model
        The recurrence (see :mod:`ifsod.proof.models`).
    statement : NormBelow or Always
        What holds for every N.
    invariant : callable
        ``invariant(p, s, m) -> list of BoolRef``, the inductive invariant (the statement of an
        :class:`Always` is added to it).
    unit_threshold : bool
        Run the induction with ``theta = 1`` and add the homogeneity obligation that licenses
        it (for models whose spike counts make symbolic thresholds nonlinear).

    Examples
    --------
    >>> from ifsod.proof.models import if_model
    >>> from ifsod.proof.z3models import zabs
    >>> t1 = Induction(if_model("mod"), NormBelow(lambda p, s: s["R"], lambda p: p["theta"]),
    ...                lambda p, s, m: [s["R"] == s["u"], zabs(s["u"]) < p["theta"]])
    >>> discharge_all(t1.obligations()).verdict.value
    'PROVED'
    """

    model: Any
    statement: NormBelow | Always
    invariant: Callable[[dict, dict, dict], Sequence[Any]]
    unit_threshold: bool = False

    def __post_init__(self) -> None:
        check_instance(self.model, "model", Model, "a Model of ifsod.proof.models")
        check_instance(self.statement, "statement", NormBelow | Always, "a NormBelow or an Always")
        check_callable(self.invariant, "invariant")
        check_flag(self.unit_threshold, "unit_threshold")

    def _norms(self) -> dict[str, Callable]:
        if isinstance(self.statement, NormBelow):
            return {}
        return dict(self.statement.norms)

    def _claims(self, p: dict[str, Term], s: dict[str, Term],
                m: dict[str, Term]) -> list[Term]:
        extra = [] if isinstance(self.statement, NormBelow) else [self.statement.holds(p, s, m)]
        return [*self.invariant(p, s, m), *extra]

    def obligations(self) -> list[Obligation]:
        """Base case, inductive step, and (for a norm statement) pointwise bound and running
        maximum; with ``unit_threshold`` also the homogeneity obligation.

        Returns
        -------
        list of Obligation
            The obligations.

        Examples
        --------
        >>> from ifsod.proof.models import if_model
        >>> t1 = Induction(if_model(), NormBelow(lambda p, s: s["R"], lambda p: p["theta"]),
        ...                lambda p, s, m: [s["R"] == s["u"]])
        >>> [o.name for o in t1.obligations()]
        ['base', 'step', 'pointwise', 'max base', 'max step']
        """
        import z3

        model = self.model
        p = model.parameters(unit=self.unit_threshold)
        s, m = model.symbols("state"), {k: z3.Real(f"M_{k}") for k in self._norms()}
        x = model.symbols("inputs")
        nxt = model.step(p, s, x)
        m_next = {k: zmax([m[k], zabs(term(p, nxt))]) for k, term in self._norms().items()}
        params = tuple(v.name for v in model.params)
        licence = "homogeneity" if self.unit_threshold else ""
        assume = tuple(model.assume(p))
        init = model.init(p)
        base_hyps = tuple(s[k] == init[k] for k in s) + tuple(m[k] == 0 for k in m)
        out = [
            Obligation("base", "the invariant holds at n = 0", assume, base_hyps,
                       z3.And(*self._claims(p, s, m)), params, licence),
            Obligation("step", "the invariant at n - 1 and step n give the invariant at n",
                       assume, (*self._claims(p, s, m), *model.admissible(p, s, x, nxt)),
                       z3.And(*self._claims(p, nxt, m_next)), params, licence),
        ]
        if isinstance(self.statement, NormBelow):
            bound = self.statement.bound(p)
            big, a = z3.Real("M"), z3.Real("a")
            out += [
                Obligation("pointwise", "the invariant gives |A_n| < B at every n", assume,
                           tuple(self.invariant(p, s, m)),
                           zabs(self.statement.term(p, s)) < bound, params, licence),
                Obligation("max base", "M_0 = 0 < B", assume, (big == 0,), big < bound,
                           params, licence),
                Obligation("max step", "M_n = max(M_{n-1}, |a_n|) < B when both are (the "
                           "maximum is attained at some n)", assume, (big < bound,
                                                                     zabs(a) < bound),
                           zmax([big, zabs(a)]) < bound, params, licence),
            ]
        if self.unit_threshold:
            out += self._homogeneity()
        return out + list(self.model.facts())

    def _homogeneity(self) -> list[Obligation]:
        """Scaling by theta > 0 commutes with the model: init, step, admissible inputs, norm
        terms and the statement.  With induction over n (the same base/step schema), the
        theta-run on theta*x is theta times the unit run on x, so theta = 1 covers every theta.

        Integer parts are matched by congruence: each ``ToInt(a)`` of the theta-run and the
        ``ToInt(b)`` at the same place of the unit run become one fresh integer, and a separate
        obligation proves ``a = b`` (real arithmetic only, which both solvers decide)."""
        import z3

        model = self.model
        theta = z3.Real("theta")
        unit = model.parameters(unit=True)
        s1, x1 = model.symbols("state"), model.symbols("inputs")
        m1 = {k: z3.Real(f"M_{k}") for k in self._norms()}
        sc = model.scale("state", s1, theta)
        xc = model.scale("inputs", x1, theta)
        pc = model.scale("params", unit, theta)
        mc = {k: theta * v for k, v in m1.items()}
        init1, initc = model.init(unit), model.init(pc)
        step1, stepc = model.step(unit, s1, x1), model.step(pc, sc, xc)
        # (theta-run term, unit-run term, how the unit term scales)
        pairs = [(initc[k], init1[k], k) for k in s1] + [(stepc[k], step1[k], k) for k in s1]
        pairs.append((z3.And(*model.admissible(pc, sc, xc, stepc)),
                      z3.And(*model.admissible(unit, s1, x1, step1)), None))
        pairs += [(term(pc, sc), term(unit, s1), "norm") for term in self._norms().values()]
        if isinstance(self.statement, NormBelow):
            big = z3.Real("M")
            pairs.append((theta * big < self.statement.bound(pc), big < self.statement.bound(unit),
                          None))
            pairs.append((self.statement.term(pc, sc), self.statement.term(unit, s1), "norm"))
        else:
            pairs.append((self.statement.holds(pc, sc, mc), self.statement.holds(unit, s1, m1),
                          None))
        integers: list = []
        for a, b, _ in pairs:
            _match_integer_parts(a, b, integers)
        fresh = [z3.Int(f"k_{i}") for i in range(len(integers))]
        swap = [(a, k) for (a, _), k in zip(integers, fresh)]
        swap += [(b, k) for (_, b), k in zip(integers, fresh)]

        def purify(term):
            return z3.substitute(term, *swap) if swap else term

        tags = {v.name: v.scaled for v in model.state}

        def commute(factor):
            parts = []
            for a, b, how in pairs:
                if how is None:
                    parts.append(purify(a) == purify(b))
                else:
                    scale = factor * theta if how == "norm" or tags[how] else 1
                    parts.append(purify(a) == scale * purify(b))
            return z3.And(*parts)

        assume = (theta > 0, *model.assume(unit))
        # wrong variants: the theta-run as 2 theta times the unit run
        out = [Obligation("homogeneity", "scaling inputs, state and parameters by theta > 0 "
                          "commutes with init, step, admissible inputs and the statement",
                          assume, (), commute(1), ("theta",), wrong_conclusion=commute(2))]
        if integers:
            def arguments(factor):
                return z3.And(*[purify(a.children()[0]) == factor * purify(b.children()[0])
                                for a, b in integers])
            out.insert(0, Obligation(
                "homogeneity (integer parts)", "the arguments of each integer part agree "
                "between the theta-run and the unit run", assume, (), arguments(1),
                ("theta",), wrong_conclusion=arguments(2)))
        return out

    def unrolled(self, n: int) -> tuple[list[Term], Term]:
        """``(hypotheses, statement)`` of the model run for n steps from its initial state, with
        inputs ``name_k`` at step k: the statement at every step k <= n (bounded check).

        Parameters
        ----------
        n : int
            The number of steps.

        Returns
        -------
        tuple of (list of z3.BoolRef, z3.BoolRef)
            The hypotheses and the statement.

        Examples
        --------
        >>> from ifsod.proof.models import if_model
        >>> t1 = Induction(if_model("mod"), NormBelow(lambda p, s: s["R"], lambda p: p["theta"]),
        ...                lambda p, s, m: [])
        >>> hypotheses, statement = t1.unrolled(2)
        >>> statement.sort()
        Bool
        """
        import z3

        check_count(n, "n")

        model = self.model
        p = model.parameters(unit=self.unit_threshold)
        s = model.init(p)
        m = {k: z3.RealVal(0) for k in self._norms()}
        hypotheses, claims = list(model.assume(p)), []
        for k in range(1, n + 1):
            x = {v.name: (z3.Int if v.sort == "int" else z3.Real)(f"{v.name}_{k}")
                 for v in model.inputs}
            nxt = model.step(p, s, x)
            hypotheses += model.admissible(p, s, x, nxt)
            m = {name: zmax([m[name], zabs(term(p, nxt))]) for name, term in self._norms().items()}
            s = nxt
            if isinstance(self.statement, NormBelow):
                claims.append(zabs(self.statement.term(p, s)) < self.statement.bound(p))
            else:
                claims.append(self.statement.holds(p, s, m))
        return hypotheses, z3.And(*claims)

    def latex(self) -> str:
        """The statement and the model's recurrence, printed from the formulas.

        Returns
        -------
        str
            The LaTeX of the statement.

        Examples
        --------
        >>> from ifsod.proof.models import two_run_model
        >>> t2 = Induction(two_run_model(), Always(lambda p, s, m: s["A"] <= s["B"]),
        ...                lambda p, s, m: [])
        >>> r"A_n \\le B_n" in t2.latex()
        True
        """
        import z3

        model = self.model
        p = model.parameters(unit=False)
        s, x = model.symbols("state"), model.symbols("inputs")
        names = model.names()
        now = {v.name: f"{v.latex}_n" for v in model.state}
        if isinstance(self.statement, NormBelow):
            head = (rf"\max_{{n\le N}} \left|{to_latex(self.statement.term(p, s), names | now)}"
                    rf"\right| < {to_latex(self.statement.bound(p), names)}")
        else:
            m = {k: z3.Real(f"M_{k}") for k in self._norms()}
            maxima = {f"M_{k}": rf"\max_{{k\le n}}\left|{to_latex(t(p, s), names | now)}"
                      r"\right|" for k, t in self._norms().items()}
            head = to_latex(self.statement.holds(p, s, m), names | now | maxima)
        return rf"\forall N\ \forall n \le N:\ {head}\quad\text{{where}}\ " + model.latex(p, s, x)


def _match_integer_parts(a: Term, b: Term, found: list[tuple[Term, Term]]) -> None:
    """Collect the ``ToInt`` nodes at the same place of two terms of the same shape."""
    import z3

    if (z3.is_app_of(a, z3.Z3_OP_TO_INT) and z3.is_app_of(b, z3.Z3_OP_TO_INT)
            and not any(a.eq(p) and b.eq(q) for p, q in found)):
        found.append((a, b))
    if (z3.is_app(a) and z3.is_app(b) and a.decl().kind() == b.decl().kind()
            and a.num_args() == b.num_args()):
        for c, d in zip(a.children(), b.children()):
            _match_integer_parts(c, d, found)


def discharge_all(obligations: Sequence[Obligation]) -> Outcome:
    """Run every obligation; PROVED only when each is.  The evidence lists them all.

    Parameters
    ----------
    obligations : sequence of Obligation
        The obligations.

    Returns
    -------
    Outcome
        PROVED when every one is, else the first failure; the evidence lists them all.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> discharge_all(Formula(lambda: [x > 1], lambda: x > 0).obligations()).verdict.value
    'PROVED'
    """
    import time

    results, verdict = [], Verdict.PROVED
    order = [Verdict.PROVED, Verdict.FALSIFIED, Verdict.ERROR]
    for ob in obligations:
        start = time.perf_counter()
        outcome = ob.discharge()
        results.append({**outcome.evidence, "verdict": outcome.verdict.value,
                        "seconds": round(time.perf_counter() - start, 3)})
        if order.index(outcome.verdict) > order.index(verdict):
            verdict = outcome.verdict
    evidence: dict[str, Any] = {"obligations": results}
    failed = [r for r in results if r["verdict"] != "PROVED"]
    if failed:
        first = failed[0]
        evidence["obligation"] = first["obligation"]
        for key in ("reason", "counterexample", "recheck"):
            if key in first:
                evidence[key] = first[key]
    return Outcome(verdict, evidence)


@dataclass(frozen=True)
class Obligations:
    """The check kind of a formal statement: discharge every obligation it generates.

    An :class:`Induction` whose obligations are not all discharged is not refuted by that (a
    failed step may start from an unreachable state): the engine then runs the model from its
    initial state for every N <= ``n_max`` (``quick_n_max`` under ``--quick``), which gives a
    genuine counterexample (FALSIFIED) or PROVED_UP_TO_N.  Solver disagreement stays ERROR.

    Parameters
    ----------
    statement : Formula or Induction
        The formal statement.
    n_max, quick_n_max : int
        The longest bounded runs after a failed induction.
    kind : str
        ``"obligations"``.

    Examples
    --------
    >>> import z3
    >>> x = z3.Real("x")
    >>> Obligations(Formula(lambda: [x > 1], lambda: x > 0)).run(True).verdict.value
    'PROVED'
    """

    statement: Formula | Induction
    n_max: int = 4
    quick_n_max: int = 2
    kind: str = "obligations"

    def run(self, quick: bool) -> Outcome:
        """Discharge every obligation; a failed induction falls back to bounded runs.

        Parameters
        ----------
        quick : bool
            Whether to use ``quick_n_max``.

        Returns
        -------
        Outcome
            The verdict and the evidence of every obligation.

        Examples
        --------
        >>> import z3
        >>> x = z3.Real("x")
        >>> Obligations(Formula(lambda: [x > 0], lambda: x > 1)).run(True).verdict.value
        'FALSIFIED'
        """
        outcome = discharge_all(self.statement.obligations())
        disagree = any("disagree" in o.get("reason", "")
                       for o in outcome.evidence["obligations"])
        if (outcome.verdict == Verdict.PROVED or disagree
                or not isinstance(self.statement, Induction)):
            return outcome
        return self._bounded(self.statement, outcome, self.quick_n_max if quick else self.n_max)

    @staticmethod
    def _bounded(statement: Induction, outcome: Outcome, n_max: int) -> Outcome:
        import z3

        evidence = dict(outcome.evidence)
        evidence["proof_failed"] = {key: evidence.pop(key) for key in
                                    ("obligation", "reason", "counterexample", "recheck")
                                    if key in evidence}
        for n in range(1, n_max + 1):
            hypotheses, conclusion = statement.unrolled(n)
            answer, model = smallest_model([*hypotheses, z3.Not(conclusion)])
            if answer == "sat":
                refuted = [*hypotheses, z3.Not(conclusion)]
                cex = model_values(model, refuted)
                if not holds_at(refuted, cex):
                    return Outcome(Verdict.ERROR, {**evidence, "reason": "the bounded "
                                                   "counterexample fails on substitution"})
                return Outcome(Verdict.FALSIFIED, {**evidence, "N": n, "counterexample": cex,
                                                   "recheck": "exact (z3 substitution)",
                                                   "obligation": f"the model run for N = {n}"})
            if answer != "unsat":
                return Outcome(Verdict.ERROR, {**evidence, "reason": f"bounded run N = {n}: "
                                               f"z3 {answer}"})
        return Outcome(Verdict.PROVED_UP_TO_N, {**evidence, "N_max": n_max})


def is_formal(statement: object) -> bool:
    """Whether ``statement`` is a formal statement (not a LaTeX string).

    Parameters
    ----------
    statement : object
        A claim's statement.

    Returns
    -------
    bool
        Whether it is a :class:`Formula` or an :class:`Induction`.

    Examples
    --------
    >>> is_formal("x < 1")
    False
    """
    return isinstance(statement, Formula | Induction)

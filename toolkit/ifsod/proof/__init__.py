"""Machine-checked claims: the proof engine behind ``ifsod verify``.

A :class:`Claim` is a statement of the book's theorem pages (T1-T8, or a user's) with a
provenance tag and an expected verdict.  Its statement is either formal -- a :class:`Formula`
(one closed formula) or an :class:`Induction` (a statement about every length N over an encoder
model of :mod:`ifsod.proof.models`) -- from which the engine writes the proof obligations
(:mod:`ifsod.proof.formal`), discharges each with z3 and again with cvc5, shows its hypotheses
satisfiable and its wrong variant failing, and prints the LaTeX; or it is LaTeX alone, checked
by a ``calc`` chain of :class:`Step` objects (:func:`identity` (SymPy), :func:`smt` and
:func:`bounded` (z3), :func:`search` and :func:`optimize` (hypothesis over exact rationals)),
and then never PROVED.  :func:`load_claims` imports proof modules, :func:`verify` runs them, and
:mod:`ifsod.proof.report` writes the table, JSON (with the SMT-LIB 2 files) and Markdown.

SymPy, z3, cvc5 and hypothesis are imported only when a check runs.

A claim of your own is a ``.py`` file defining ``CLAIMS = [Claim(...), ...]`` (and, if you
like, ``MUTANTS``: wrong variants expected to be FALSIFIED); ``ifsod verify --path DIR`` loads
every such file in ``DIR`` next to the project's claims.  :mod:`ifsod.proof.z3models` holds the
IF recurrences as z3 terms and :mod:`ifsod.proof.strategies` exact-rational hypothesis
strategies.

Examples
--------
>>> import z3
>>> from ifsod.proof import Claim, Formula, run_claim
>>> from ifsod.proof.z3models import trunc, zabs
>>> v, theta = z3.Reals("v theta")
>>> remainder = Formula(lambda: [theta > 0],
...                     lambda: zabs(v - theta * trunc(v / theta)) < theta, params=("theta",))
>>> result = run_claim(Claim("mod", remainder, "D"))
>>> result.verdict.value, [o["solvers"]["cvc5"] for o in result.steps[0].outcome.evidence[
...     "obligations"]]
('PROVED', ['unsat'])
"""

from .claim import PROVENANCES, Check, Claim, Outcome, Step, Verdict
from .formal import Always, Formula, Induction, NormBelow, Obligation
from .kinds import bounded, identity, optimize, search, smt
from .runner import (
    ClaimResult,
    StepResult,
    default_proofs_dir,
    load_claims,
    obligation_mutants,
    run_claim,
    select,
    verify,
)

__all__ = [
    "PROVENANCES",
    "Always",
    "Check",
    "Claim",
    "ClaimResult",
    "Formula",
    "Induction",
    "NormBelow",
    "Obligation",
    "Outcome",
    "Step",
    "StepResult",
    "Verdict",
    "bounded",
    "default_proofs_dir",
    "identity",
    "load_claims",
    "obligation_mutants",
    "optimize",
    "run_claim",
    "search",
    "select",
    "smt",
    "verify",
]

"""Machine-checked claims: the proof engine behind ``ifsod verify``.

A :class:`Claim` is a statement of MATH.md (or a user's) with a provenance tag, an expected
verdict and a ``calc`` chain of :class:`Step` objects, each decided by one check kind:
:func:`identity` (SymPy), :func:`smt` and :func:`bounded` (z3), :func:`search` and
:func:`optimize` (hypothesis over exact rationals).  :func:`load_claims` imports proof modules,
:func:`verify` runs them, and :mod:`ifsod.proof.report` writes the table, JSON and Markdown.

SymPy, z3 and hypothesis are imported only when a check runs.

A claim of your own is a ``.py`` file defining ``CLAIMS = [Claim(...), ...]`` (and, if you
like, ``MUTANTS``: wrong variants expected to be FALSIFIED); ``ifsod verify --path DIR`` loads
every such file in ``DIR`` next to the claims of MATH.md.  :mod:`ifsod.proof.z3models` holds the
IF recurrences as z3 terms and :mod:`ifsod.proof.strategies` exact-rational hypothesis
strategies.

Examples
--------
>>> import z3
>>> from ifsod.proof import Claim, Step, smt, run_claim
>>> from ifsod.proof.z3models import trunc, zabs
>>> v = z3.Real("v")
>>> claim = Claim("mod", r"|v - \\mathrm{trunc}(v)| < 1", "D",
...               [Step("remainder of trunc", smt(lambda: zabs(v - trunc(v)) < 1))])
>>> run_claim(claim).verdict.value
'PROVED'
"""

from .claim import PROVENANCES, Check, Claim, Outcome, Step, Verdict
from .kinds import bounded, identity, optimize, search, smt
from .runner import (
    ClaimResult,
    StepResult,
    default_proofs_dir,
    load_claims,
    run_claim,
    select,
    verify,
)

__all__ = [
    "PROVENANCES",
    "Check",
    "Claim",
    "ClaimResult",
    "Outcome",
    "Step",
    "StepResult",
    "Verdict",
    "bounded",
    "default_proofs_dir",
    "identity",
    "load_claims",
    "optimize",
    "run_claim",
    "search",
    "select",
    "smt",
    "verify",
]

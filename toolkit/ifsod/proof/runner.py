"""Loading proof modules and running their claims."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.abc import Loader
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from .._validate import check_choice
from ._checks import (
    check_callable,
    check_claims,
    check_count,
    check_flag,
    check_instance,
    check_items,
)
from .claim import Claim, Outcome, Step, Verdict
from .workers import fork_available, run_parallel

if TYPE_CHECKING:
    from .formal import Obligation
    from .z3models import Term

#: Verdicts that count as "true", weakest last.
_TRUE_VERDICTS = (Verdict.PROVED, Verdict.PROVED_UP_TO_N, Verdict.NO_COUNTEREXAMPLE)


#: The package the claims of the project ship in (the ``proofs/`` folder of the source tree).
CLAIMS_PACKAGE = "ifsod_claims"


def default_proofs_dir() -> Path:
    """The folder of the project's claims: the installed package ``ifsod_claims``.

    Returns
    -------
    pathlib.Path
        The folder.

    Examples
    --------
    >>> default_proofs_dir().is_dir()
    True

    Raises
    ------
    FileNotFoundError
        If that package is not installed; pass the directory of proof modules with --path.
    """
    spec = importlib.util.find_spec(CLAIMS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"the claims package {CLAIMS_PACKAGE} is not installed (reinstall ifsod); "
            "pass the directory of your proof modules with --path DIR")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def _installed_claims() -> Path | None:
    try:
        return default_proofs_dir()
    except FileNotFoundError:
        return None


def _module_files(path: Path) -> list[Path]:
    if path.is_file():
        if path.suffix != ".py":
            raise ValueError(f"paths must be directories or .py files; got {path}")
        return [path]
    if not path.is_dir():
        raise ValueError(f"paths: {path} does not exist")
    return sorted(p for p in path.glob("*.py") if not p.name.startswith("_"))


def _import_modules(path: Path) -> list[tuple[Path, ModuleType]]:
    """Import the proof modules under ``path``: a package (with ``__init__.py``, so its modules
    may import each other relatively), a directory of plain files, or one file."""
    tag = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    if path.is_dir() and (path / "__init__.py").is_file():
        name = f"_ifsod_proofs_{tag}"
        if path.resolve() == _installed_claims():
            name = CLAIMS_PACKAGE
            importlib.import_module(name)
        if name not in sys.modules:
            spec, loader = _loadable(importlib.util.spec_from_file_location(
                name, path / "__init__.py", submodule_search_locations=[str(path)]),
                path / "__init__.py")
            package = importlib.util.module_from_spec(spec)
            sys.modules[name] = package
            _guarded(path / "__init__.py", loader.exec_module, package)
        return [(file, _guarded(file, importlib.import_module, f"{name}.{file.stem}"))
                for file in _module_files(path)]
    modules = []
    for file in _module_files(path):
        spec, loader = _loadable(importlib.util.spec_from_file_location(
            f"_ifsod_proofs_{tag}_{file.stem}", file), file)
        module = importlib.util.module_from_spec(spec)
        _guarded(file, loader.exec_module, module)
        modules.append((file, module))
    return modules


def _loadable(spec: ModuleSpec | None, file: Path) -> tuple[ModuleSpec, Loader]:
    """``spec`` and its loader, or an input error naming ``file``."""
    if spec is None or spec.loader is None:
        raise ValueError(f"cannot import proof module {file}: no loader for it")
    return spec, spec.loader


_T = TypeVar("_T")


def _guarded(file: Path, load: Callable[[_T], object], target: _T) -> Any:
    """Run ``load(target)``; a user's module that fails to import is an input error naming it."""
    try:
        return load(target) or target
    except Exception as err:
        raise ValueError(f"cannot import proof module {file}: "
                         f"{type(err).__name__}: {err}") from err


#: The module attributes that hold claims: the claims, and their wrong variants.
ATTRIBUTES = ("CLAIMS", "MUTANTS")


def load_claims(paths: Iterable[str | Path], attribute: str = "CLAIMS") -> list[Claim]:
    """Import every proof module under ``paths`` and collect its ``CLAIMS`` list.

    A proof module is a ``.py`` file (names starting with ``_`` are skipped) defining a list of
    :class:`Claim` under ``attribute``; ``attribute="MUTANTS"`` collects the wrong variants kept
    next to the claims.  A directory with an ``__init__.py`` is imported as a package, so its
    modules can share lemmas.  Claim ids must be unique across all modules.

    Parameters
    ----------
    paths : iterable of str or Path
        Proof modules, or folders of them.
    attribute : str
        The module attribute holding the claims.

    Returns
    -------
    list of Claim
        The claims, in natural order of their ids.

    Examples
    --------
    >>> claims = load_claims([default_proofs_dir()])
    >>> sorted({c.id[:2] for c in claims})
    ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']
    """
    check_choice(attribute, "attribute", ATTRIBUTES)
    if isinstance(paths, str | Path) or not isinstance(paths, Iterable):
        raise TypeError(f"paths must be a list of folders or .py files; got "
                        f"{type(paths).__name__}")
    folders = [check_instance(p, "paths", str | Path, "a list of str or Path") for p in paths]
    claims: dict[str, tuple[Claim, Path]] = {}
    # The same directory given twice (e.g. the default one again) is loaded once.
    for path in dict.fromkeys(Path(p).resolve() for p in folders):
        for file, module in _import_modules(path):
            found = getattr(module, attribute, None)
            if found is None:
                if attribute == ATTRIBUTES[0]:
                    raise ValueError(f"proof module {file} defines no CLAIMS list")
                continue
            if not isinstance(found, list | tuple):
                raise TypeError(f"{attribute} of {file} must be a list of Claim objects; got "
                                f"{type(found).__name__}")
            for claim in found:
                if not isinstance(claim, Claim):
                    raise TypeError(f"{attribute} of {file} must hold Claim objects; got "
                                    f"{type(claim).__name__}")
                if claim.id in claims:
                    raise ValueError(f"claim id {claim.id} of {file} is already defined in "
                                     f"{claims[claim.id][1]}")
                claims[claim.id] = (claim, file)
    return sorted((claim for claim, _ in claims.values()), key=lambda c: _natural(c.id))


def _natural(text: str) -> list:
    """Sort key reading digit runs as numbers: T2 < T10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", text) if part]


@dataclass(frozen=True)
class StepResult:
    """The outcome of one step of a claim's chain.

    Parameters
    ----------
    step : Step
        The step that ran.
    outcome : Outcome
        Its verdict and evidence.
    seconds : float
        How long it took.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, smt
    >>> import z3
    >>> y = z3.Real("y")
    >>> claim = Claim("Y", "y^2 >= 0", "D", [Step("z3", smt(lambda: y * y >= 0))])
    >>> first = run_claim(claim).steps[0]
    >>> first.step.text, first.outcome.verdict.value
    ('z3', 'PROVED')
    """

    step: Step
    outcome: Outcome
    seconds: float


@dataclass(frozen=True)
class ClaimResult:
    """A claim's verdict, whether it matches the expectation, and the evidence per step.

    Parameters
    ----------
    claim : Claim
        The claim that ran.
    verdict : Verdict
        The combined verdict.
    steps : tuple of StepResult
        The steps run.
    seconds : float
        How long the claim took.
    evidence : dict
        Evidence of the combination (e.g. why the verdict is capped).

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> claim = Claim("X", "2x = x + x", "D", [Step("double", identity(lambda: (2 * x, x + x)))])
    >>> run_claim(claim).verdict.value
    'NO_COUNTEREXAMPLE'
    """

    claim: Claim
    verdict: Verdict
    steps: tuple[StepResult, ...]
    seconds: float
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def matches_expectation(self) -> bool:
        """True claims must be proved or survive search; false ones must be FALSIFIED.

        Returns
        -------
        bool
            Whether the verdict is what the claim expects.

        Examples
        --------
        >>> from ifsod.proof import Claim, Step, identity
        >>> import sympy
        >>> x = sympy.Symbol("x")
        >>> step = Step("double", identity(lambda: (2 * x, x + x)))
        >>> claim = Claim("X", "2x = x + x", "D", [step])
        >>> run_claim(claim).matches_expectation
        True
        """
        if self.claim.expected:
            return self.verdict in _TRUE_VERDICTS
        return self.verdict == Verdict.FALSIFIED


def _run_step(claim: Claim, step: Step, quick: bool) -> StepResult:
    from .solvers import VERIFY_EXTRA, MissingExtra

    start = time.perf_counter()
    where = f"claim {claim.id}, step '{step.text}'"
    try:
        outcome = step.check.run(quick)
    except MissingExtra as err:
        outcome = Outcome(Verdict.ERROR, {"reason": f"{where} {err}"})
    except ImportError as err:
        outcome = Outcome(Verdict.ERROR, {"reason": f"{where} needs {err.name or err} "
                                          f"({VERIFY_EXTRA})"})
    except Exception as err:  # a crashing check is reported, never hidden
        outcome = Outcome(Verdict.ERROR, {"reason": f"{where}: {type(err).__name__}: {err}"})
    return StepResult(step, outcome, time.perf_counter() - start)


def _combine(results: Sequence[StepResult], formal: bool) -> tuple[Verdict, dict[str, Any]]:
    evidence: dict[str, Any] = {}
    for r in results:
        if r.outcome.verdict in (Verdict.FALSIFIED, Verdict.ERROR):
            evidence.update(r.outcome.evidence)
            evidence["step"] = r.step.text
            return r.outcome.verdict, evidence
    # The claim's evidence is its proof steps'; corroboration keeps its own in each step.
    proofs = [r.outcome.evidence for r in results if r.step.role == "proof"]
    n_max = [e["N_max"] for e in proofs if "N_max" in e]
    cases = [e["cases"] for e in proofs if "cases" in e]
    if n_max:
        evidence["N_max"] = min(n_max)
    if cases:
        evidence["cases"] = sum(cases)
    # sharpness: the instance closest to the bound over every search of the chain
    tight = [r.outcome.evidence["tightest"] for r in results
             if "tightest" in r.outcome.evidence]
    if tight:
        evidence["tightest"] = max(tight, key=lambda t: t["ratio"])
    proof = [r.outcome.verdict for r in results if r.step.role == "proof"]
    verdict = max(proof, key=_TRUE_VERDICTS.index)
    if verdict == Verdict.PROVED and not formal:
        verdict = Verdict.NO_COUNTEREXAMPLE
        evidence["cap"] = ("the statement is LaTeX, not a formula the engine reads: its steps "
                           "are checked, the step from them to the statement is not")
    return verdict, evidence


def run_claim(claim: Claim, quick: bool = False) -> ClaimResult:
    """Run a claim's steps in order (stopping at the first that fails) and combine verdicts.

    The claim's verdict is the weakest of its proof steps' verdicts (PROVED > PROVED_UP_TO_N >
    NO_COUNTEREXAMPLE), or FALSIFIED/ERROR from the first step (proof or corroboration) that
    fails.  A claim whose statement is LaTeX only is never PROVED (at most NO_COUNTEREXAMPLE,
    or PROVED_UP_TO_N from a ``bounded`` step): only the obligations of a formal statement
    connect the checks to the statement.

    Parameters
    ----------
    claim : Claim
        The claim.
    quick : bool
        Whether the checks trade strength for time.

    Returns
    -------
    ClaimResult
        The verdict and the evidence of each step.

    Examples
    --------
    >>> import sympy
    >>> from ifsod.proof import Claim, Step, identity
    >>> x = sympy.Symbol("x")
    >>> claim = Claim("X", "x + x = 3x", "D", [Step("double", identity(lambda: (x + x, 3 * x)))],
    ...               expected=False)
    >>> result = run_claim(claim)
    >>> result.verdict.value, result.matches_expectation
    ('FALSIFIED', True)
    """
    check_instance(claim, "claim", Claim, "a Claim")
    check_flag(quick, "quick")
    start = time.perf_counter()
    results: list[StepResult] = []
    for step in claim.steps:
        results.append(_run_step(claim, step, quick))
        if results[-1].outcome.verdict in (Verdict.FALSIFIED, Verdict.ERROR):
            break
    verdict, evidence = _combine(results, claim.formal)
    return ClaimResult(claim, verdict, tuple(results), time.perf_counter() - start, evidence)


def select(claims: Sequence[Claim], only: Sequence[str] | None) -> list[Claim]:
    """The claims whose id is in ``only`` or starts with one of its entries followed by a letter
    (``T1`` selects ``T1a``, ``T1b``, ...); all claims when ``only`` is empty.

    Raises ``ValueError`` naming ``only`` if an entry matches no claim.

    Parameters
    ----------
    claims : sequence of Claim
        The claims.
    only : sequence of str or None
        The ids or id prefixes wanted.

    Returns
    -------
    list of Claim
        The claims selected.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity
    >>> claims = [Claim(i, "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))])
    ...           for i in ("T1a", "T1b", "T10")]
    >>> [c.id for c in select(claims, ["T1"])]
    ['T1a', 'T1b']
    """
    claims = check_claims(claims)
    if isinstance(only, str):
        raise TypeError("only must be a list of claim ids, not one string")
    if not only:
        return claims
    only = check_items(only, "only", str, "claim ids")
    unknown = [w for w in only if not any(id_matches(c.id, w) for c in claims)]
    if unknown:
        raise ValueError(f"only: no claim matches {unknown}; known ids: "
                         f"{[c.id for c in claims]}")
    return [c for c in claims if any(id_matches(c.id, w) for w in only)]


def id_matches(claim_id: str, wanted: str) -> bool:
    """Whether ``claim_id`` is ``wanted`` or continues it with anything but a digit.

    Parameters
    ----------
    claim_id : str
        A claim's id.
    wanted : str
        An id or a prefix.

    Returns
    -------
    bool
        Whether the claim is selected by ``wanted``.

    Examples
    --------
    >>> id_matches("T1a", "T1"), id_matches("T1a", "T1a"), id_matches("T12", "T1")
    (True, True, False)
    """
    rest = claim_id[len(wanted):]
    return claim_id.startswith(wanted) and (not rest or not rest[0].isdigit())


def verify(claims: Sequence[Claim], *, quick: bool = False,
           progress: Callable[[ClaimResult], object] | None = None,
           jobs: int = 1) -> list[ClaimResult]:
    """Run every claim (under ``quick``, those whose ``quick`` flag is set); ``progress(result)``
    is called after each one, in the claims' order.

    With ``jobs > 1`` the claims run in that many forked worker processes
    (:mod:`ifsod.proof.workers`); each claim still runs whole, with the same checks, so the
    results are those of a sequential run.

    Parameters
    ----------
    claims : sequence of Claim
        The claims.
    quick : bool
        Whether the checks trade strength for time, and claims marked ``quick=False`` are left
        out.
    progress : callable, optional
        Called with each result, in the order of ``claims``.
    jobs : int
        Worker processes (1: run in this process).

    Returns
    -------
    list of ClaimResult
        One result per claim.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity
    >>> claims = [Claim("X", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))])]
    >>> [r.verdict.value for r in verify(claims)]
    ['NO_COUNTEREXAMPLE']
    """
    claims = check_claims(claims)
    check_flag(quick, "quick")
    check_callable(progress, "progress", optional=True)
    if quick:
        claims = [claim for claim in claims if claim.quick]
    jobs = min(check_count(jobs, "jobs"), len(claims))
    if jobs > 1 and fork_available():
        runs: Iterable[ClaimResult] = run_parallel(claims, quick, jobs,
                                                   partial(run_claim, quick=quick))
    else:
        runs = (run_claim(claim, quick) for claim in claims)
    results = []
    for result in runs:
        results.append(result)
        if progress is not None:
            progress(result)
    return results


def obligation_mutants(claims: Sequence[Claim]) -> list[Claim]:
    """One wrong variant per proof obligation of every true formal claim (its conclusion
    without its hypotheses, or the obligation's own ``wrong_conclusion``), expected FALSIFIED
    (id ``CLAIM~obligation``).

    Parameters
    ----------
    claims : sequence of Claim
        The claims.

    Returns
    -------
    list of Claim
        The wrong variants, none for claims with a LaTeX statement.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity
    >>> obligation_mutants([Claim("X", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))])])
    []
    """
    from .formal import Formula

    mutants = []
    for claim in check_claims(claims):
        if not (claim.formal and claim.expected):
            continue
        for ob in claim.statement.obligations():
            wrong = ob.wrong()
            mutants.append(Claim(
                f"{claim.id}~{ob.name.replace(' ', '-')}",
                Formula(partial(_premises, wrong), partial(_conclusion, wrong)), "D",
                expected=False,
                short=f"{claim.id}: {wrong.text}"))
    return mutants


def _premises(obligation: Obligation) -> list[Term]:
    return [*obligation.assumptions, *obligation.hypotheses]


def _conclusion(obligation: Obligation) -> Term:
    return obligation.conclusion

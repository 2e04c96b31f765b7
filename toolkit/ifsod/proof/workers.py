"""Claims run in worker processes: independent claims on several cores, results in claim order.

The workers are forked from the process that loaded the claims, so they inherit the claims
(closures included) and every module imported so far; each runs whole claims with the same
:func:`~ifsod.proof.run_claim` as a sequential run and sends back only the verdicts,
evidence and times, which the parent joins to its own claim objects.  A result that cannot be
sent (a user's check whose evidence does not pickle) is run again in the parent, so a parallel
run reports exactly what a sequential one does.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .claim import Claim
    from .runner import ClaimResult

#: Solver and search packages most claims use, imported once before the workers are forked
#: so that no worker pays for them again (cvxpy is left to the few claims that need it).
SHARED_IMPORTS = ("z3", "cvc5", "sympy", "hypothesis", "hypothesis.strategies",
                  "scipy.optimize")

#: What a worker sends back for one claim: (verdict, evidence, [(outcome, seconds)], seconds),
#: or None when that does not pickle.
_Payload = tuple[Any, dict, list, float] | None

_CLAIMS: Sequence[Claim] = ()
_QUICK = False


def default_jobs() -> int:
    """The number of worker processes ``ifsod verify`` uses by default: 2, or 1 on one core.

    Returns
    -------
    int
        Two workers where there are two cores or more (more than two only adds start-up and
        waiting on the slowest claims), else one.

    Examples
    --------
    >>> default_jobs() in (1, 2)
    True
    """
    return min(2, os.cpu_count() or 1)


def fork_available() -> bool:
    """Whether worker processes can be forked here (not on Windows, for one).

    Returns
    -------
    bool
        Whether :func:`run_parallel` can run.

    Examples
    --------
    >>> isinstance(fork_available(), bool)
    True
    """
    return "fork" in multiprocessing.get_all_start_methods()


def _install(claims: Sequence[Claim], quick: bool) -> None:
    from .._threads import cap_workers

    global _CLAIMS, _QUICK
    _CLAIMS, _QUICK = claims, quick
    cap_workers(1)  # a forked child must not start the OpenMP threads its parent started


def _run_index(index: int) -> _Payload:
    from .runner import run_claim

    result = run_claim(_CLAIMS[index], _QUICK)
    payload = (result.verdict, result.evidence,
               [(s.outcome, s.seconds) for s in result.steps], result.seconds)
    try:
        pickle.dumps(payload)
    except Exception:  # any evidence that cannot travel is run again in the parent
        return None
    return payload


def run_parallel(claims: Sequence[Claim], quick: bool, jobs: int,
                 rerun: Callable[[Claim], ClaimResult]) -> Iterator[ClaimResult]:
    """Run ``claims`` in ``jobs`` forked workers; yield their results in the order of ``claims``.

    Parameters
    ----------
    claims : sequence of Claim
        The claims (already checked).
    quick : bool
        Whether the checks trade strength for time.
    jobs : int
        The number of workers (at least 2).
    rerun : callable
        Runs one claim in this process, for a result a worker could not send back.

    Yields
    ------
    ClaimResult
        One result per claim, in order, each as soon as it and all before it are done.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity
    >>> from ifsod.proof.runner import run_claim
    >>> claims = [Claim(i, "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))])
    ...           for i in ("A", "B", "C")]
    >>> results = run_parallel(claims, True, 2, run_claim) if fork_available() else [
    ...     run_claim(c) for c in claims]
    >>> [(r.claim.id, r.verdict.value) for r in results]
    [('A', 'NO_COUNTEREXAMPLE'), ('B', 'NO_COUNTEREXAMPLE'), ('C', 'NO_COUNTEREXAMPLE')]
    """
    from .runner import ClaimResult, StepResult

    for name in SHARED_IMPORTS:
        if importlib.util.find_spec(name.split(".")[0]) is not None:
            importlib.import_module(name)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_install,
                             initargs=(claims, quick)) as pool:
        futures = [pool.submit(_run_index, i) for i in range(len(claims))]
        try:
            for claim, future in zip(claims, futures, strict=True):
                payload = future.result()
                if payload is None:
                    yield rerun(claim)
                    continue
                verdict, evidence, steps, seconds = payload
                yield ClaimResult(claim, verdict,
                                  tuple(StepResult(step, outcome, took) for step, (outcome, took)
                                        in zip(claim.steps, steps, strict=False)),
                                  seconds, evidence)
        finally:  # a caller that stops early (an error in progress) does not wait for the rest
            for future in futures:
                future.cancel()

"""The verifier's output: a text table, the JSON list the book renders, and Markdown.

JSON schema (a list, one object per claim): ``id``, ``provenance``, ``statement`` (LaTeX),
``short``, ``checks`` (kinds), ``verdict`` (PROVED, PROVED_UP_TO_N, NO_COUNTEREXAMPLE,
FALSIFIED, ERROR), ``expected`` (bool), ``matches_expectation`` (bool), ``evidence`` (dict:
``N_max``, ``cases``, ``counterexample`` (a search's case as the property received it, with
``names`` for its parts; a z3 model as values by constant name), ``step`` of a failure, and
``steps``: one dict per calc step with ``text``, ``kind``, ``role`` (proof or corroboration),
``verdict``, ``evidence``, ``seconds``), ``seconds``; and, for every claim, ``formal`` (the
statement is a formula the engine reads), ``obligations`` (one dict per proof obligation the
engine wrote: ``name``, ``text``, ``verdict``, ``solvers`` (z3's and cvc5's answers),
``hypotheses_model`` (the model showing the hypotheses satisfiable), ``wrong_variant`` (the
conclusion without hypotheses, and the counterexample that fails it), ``fixed`` (parameters
fixed under a homogeneity licence), ``reason``, ``smt2`` (the SMT-LIB 2 file, relative to the
JSON file), ``seconds``), ``mutation_coverage`` (``obligations``, ``failing_wrong_variants``)
and ``solvers`` (the solvers that both discharged every obligation of a PROVED claim). Exact
rationals are written as strings ``"p/q"``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from .cases import named
from .runner import ClaimResult


def jsonable(value: Any) -> Any:
    """``value`` with Fractions as ``"p/q"`` strings and tuples/sets as lists, recursively.

    Parameters
    ----------
    value : object
        A value, or a container of them.

    Returns
    -------
    object
        The JSON-ready copy.

    Examples
    --------
    >>> from fractions import Fraction
    >>> jsonable({"x": [Fraction(1, 3), 2, (Fraction(4),)]})
    {'x': ['1/3', 2, ['4']]}
    """
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def obligations_of(result: ClaimResult) -> list[dict[str, Any]]:
    """The obligation dicts of a claim's formal statement (empty for a LaTeX statement).

    Parameters
    ----------
    result : ClaimResult
        A claim's result.

    Returns
    -------
    list of dict
        The obligations' evidence.

    Examples
    --------
    >>> from ifsod.proof import Claim, Formula, Step, identity, run_claim
    >>> import z3
    >>> x = z3.Real("x")
    >>> [o["verdict"] for o in obligations_of(run_claim(Claim("X0", Formula(
    ...     lambda: [x > 1], lambda: x > 0), "D")))]
    ['PROVED']
    >>> obligations_of(run_claim(Claim("X1", "1 = 1", "D", [Step("1", identity(lambda: (1, 1)))])))
    []
    """
    for step in result.steps:
        if step.step.check.kind == "obligations":
            return list(step.outcome.evidence.get("obligations", []))
    return []


def _file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.~-]+", "_", text).strip("_") or "obligation"


def to_records(results: Sequence[ClaimResult], smt2_dir: str | Path | None = None,
               relative_to: str | Path | None = None) -> list[dict[str, Any]]:
    """One JSON-ready dict per claim (see the module docstring for the schema).

    With ``smt2_dir``, the SMT-LIB 2 text of every obligation is written there as
    ``CLAIM/OBLIGATION.smt2`` and the records give its path (relative to ``relative_to``).

    Parameters
    ----------
    results : sequence of ClaimResult
        The results.
    smt2_dir : str or Path, optional
        Folder for the SMT-LIB 2 text of every obligation.
    relative_to : str or Path, optional
        Folder the recorded SMT-LIB paths are relative to.

    Returns
    -------
    list of dict
        One record per claim.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity, run_claim
    >>> result = run_claim(Claim("X1", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))]))
    >>> record = to_records([result])[0]
    >>> record["id"], record["verdict"], record["matches_expectation"]
    ('X1', 'NO_COUNTEREXAMPLE', True)
    """
    records = []
    for r in results:
        evidence = dict(r.evidence)
        evidence["steps"] = [
            {"text": s.step.text, "kind": s.step.check.kind, "role": s.step.role,
             "verdict": s.outcome.verdict.value,
             "evidence": {k: v for k, v in s.outcome.evidence.items() if k != "obligations"},
             "seconds": round(s.seconds, 3)}
            for s in r.steps]
        obligations = []
        for ob in obligations_of(r):
            entry = {k: v for k, v in ob.items() if k not in ("smt2", "obligation")}
            entry = {"name": ob["obligation"], **entry}
            if smt2_dir is not None and "smt2" in ob:
                name = f"{_file_name(ob['obligation'])}.smt2"
                path = Path(smt2_dir) / _file_name(r.claim.id) / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(ob["smt2"], encoding="utf-8")
                base = Path(relative_to) if relative_to is not None else Path(smt2_dir).parent
                entry["smt2"] = os.path.relpath(path, base)
            obligations.append(entry)
        both = bool(obligations) and all(o.get("solvers") == {"z3": "unsat", "cvc5": "unsat"}
                                         for o in obligations)
        records.append(jsonable({
            "id": r.claim.id, "provenance": r.claim.provenance, "statement": r.claim.latex,
            "short": r.claim.short, "checks": list(r.claim.kinds), "verdict": r.verdict.value,
            "expected": r.claim.expected, "matches_expectation": r.matches_expectation,
            "formal": r.claim.formal, "obligations": obligations,
            "mutation_coverage": {
                "obligations": len(obligations),
                "failing_wrong_variants": sum("wrong_variant" in o for o in obligations)},
            "solvers": ["z3", "cvc5"] if both and r.verdict.value == "PROVED" else [],
            "evidence": evidence, "seconds": round(r.seconds, 3)}))
    return records


def to_json(results: Sequence[ClaimResult], smt2_dir: str | Path | None = None,
            relative_to: str | Path | None = None) -> str:
    """The JSON list of :func:`to_records`.

    Parameters
    ----------
    results, smt2_dir, relative_to
        As for :func:`to_records`.

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> to_json([])
    '[]'
    """
    return json.dumps(to_records(results, smt2_dir, relative_to), indent=2)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def evidence_text(evidence: dict[str, Any], width: int = 60) -> str:
    """A one-line summary: the counterexample first (what a reader of a failure needs), then
    obligations, N_max and cases.

    Parameters
    ----------
    evidence : dict
        A claim's evidence.
    width : int
        Longest text kept.

    Returns
    -------
    str
        The summary.

    Examples
    --------
    >>> evidence_text({"N_max": 5, "cases": 300})
    'N<=5; 300 cases'
    >>> evidence_text({"cases": 9, "counterexample": ([1], 2), "names": ["x", "theta"]})
    'counterexample x = [1], theta = 2; 9 cases'
    """
    parts = []
    if "counterexample" in evidence:
        parts.append(f"counterexample {named(evidence['counterexample'], evidence.get('names'))}")
    if "obligations" in evidence:
        obs = evidence["obligations"]
        done = sum(o.get("verdict") == "PROVED" for o in obs)
        wrong = sum("wrong_variant" in o for o in obs)
        parts.append(f"{done}/{len(obs)} obligations (z3+cvc5), {wrong}/{len(obs)} wrong "
                     "variants fail")
    if "N_max" in evidence:
        parts.append(f"N<={evidence['N_max']}")
    if "cases" in evidence:
        parts.append(f"{evidence['cases']} cases")
    if "tightest" in evidence and "counterexample" not in evidence:
        ratio = Fraction(evidence["tightest"]["ratio"])
        parts.append(f"tightest lhs/bound = {ratio} ({float(ratio):.4f})")
    if "reason" in evidence:
        parts.append(str(evidence["reason"]))
    return _short("; ".join(parts), width)


def verdict_text(result: ClaimResult) -> str:
    """``PROVED``, ``PROVED N<=5``, ``NO CEX in 300``, ``FALSIFIED`` or ``ERROR``.

    Parameters
    ----------
    result : ClaimResult
        The result whose verdict is shortened.

    Returns
    -------
    str
        The short verdict.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, bounded, run_claim
    >>> import z3
    >>> claim = Claim("X3", "x_n^2 >= 0", "D", [Step("z3", bounded(
    ...     lambda n: z3.Real(f"x_{n}") ** 2 >= 0, 3))])
    >>> verdict_text(run_claim(claim))
    'PROVED N<=3'
    """
    ev = result.evidence
    # Claims capped below PROVED by their statement (not formal) may have run no search.
    searched = f" in {ev['cases']}" if ev.get("cases") is not None else ""
    return {"PROVED_UP_TO_N": f"PROVED N<={ev.get('N_max')}",
            "NO_COUNTEREXAMPLE": f"NO CEX{searched}"}.get(result.verdict.value,
                                                         result.verdict.value)


def table_row(result: ClaimResult) -> str:
    """One line of the text table printed by ``ifsod verify``.

    Parameters
    ----------
    result : ClaimResult
        The result printed as one row.

    Returns
    -------
    str
        The line, starting ``ok`` when the verdict matches the expectation.

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, run_claim, smt
    >>> import z3
    >>> x = z3.Real("x")
    >>> row = table_row(run_claim(Claim("X2", "x > 0", "D", [Step("z3", smt(lambda: x > 0))],
    ...                                 expected=False)))
    >>> row.split()[:3], row.split("  ")[-1]
    (['ok', 'X2', '[D]'], 'counterexample x = 0')
    """
    mark = "ok " if result.matches_expectation else "BAD"
    expect = "" if result.claim.expected else " (expected false)"
    if result.verdict.value == "PROVED":
        expect += " z3+cvc5"
    return (f"{mark} {result.claim.id:<10} [{result.claim.provenance}] "
            f"{_short(result.claim.short, 44):<44} {','.join(result.claim.kinds):<24} "
            f"{verdict_text(result) + expect:<32} {result.seconds:7.2f}s  "
            f"{evidence_text(result.evidence)}")


def table_header() -> str:
    """The header line matching :func:`table_row`.

    Returns
    -------
    str
        The header.

    Examples
    --------
    >>> table_header().split()[:3]
    ['id', 'src', 'statement']
    """
    return (f"{'':3} {'id':<10} {'src':<3} {'statement':<44} {'checks':<24} {'verdict':<32} "
            f"{'seconds':>8}  evidence")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (a bare ``|`` would start a new cell)."""
    return text.replace("|", "\\|")


def to_markdown(results: Sequence[ClaimResult]) -> str:
    """A Markdown report: a summary table, then each claim's statement and calc chain.

    Parameters
    ----------
    results : sequence of ClaimResult
        The results.

    Returns
    -------
    str
        The Markdown text.

    Examples
    --------
    >>> to_markdown([]).splitlines()[0]
    '# Verified claims'
    """
    lines = ["# Verified claims", "",
             "| id | source | claim | checks | verdict | expected | evidence | s |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r.claim.id} | [{r.claim.provenance}] | {_cell(_short(r.claim.short, 60))} | "
            f"{', '.join(r.claim.kinds)} | {verdict_text(r)} | "
            f"{'true' if r.claim.expected else 'false'}"
            f"{'' if r.matches_expectation else ' **MISMATCH**'} | "
            f"{_cell(evidence_text(r.evidence, 80))} | {r.seconds:.2f} |")
    for r in results:
        lines += ["", f"## {r.claim.id} [{r.claim.provenance}]: {verdict_text(r)}", "",
                  f"$${r.claim.latex}$$", ""]
        for ob in obligations_of(r):
            solvers = ob.get("solvers", {})
            lines.append(f"- obligation *{ob['obligation']}* ({ob['text']}): {ob['verdict']}; "
                         f"z3 {solvers.get('z3')}, cvc5 {solvers.get('cvc5')}; hypotheses "
                         f"satisfiable: {named(ob.get('hypotheses_model', {})) or 'none'}; "
                         "wrong variant fails: "
                         + (named(ob['wrong_variant']['counterexample'])
                            if "wrong_variant" in ob else "no")
                         + (f"; {ob['reason']}" if "reason" in ob else ""))
        for i, s in enumerate(r.steps, 1):
            role = "" if s.step.role == "proof" else " (corroboration)"
            lines.append(f"{i}. {s.step.text} -- *{s.step.check.kind}*{role}: "
                         f"{s.outcome.verdict.value} ({s.seconds:.2f} s) "
                         f"{evidence_text(s.outcome.evidence, 200)}")
        if "cap" in r.evidence:
            lines.append(f"Verdict capped: {r.evidence['cap']}.")
        skipped = len(r.claim.steps) - len(r.steps)
        if skipped:
            lines.append(f"({skipped} later step(s) not run after the failure)")
    return "\n".join(lines) + "\n"

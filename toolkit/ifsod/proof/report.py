"""The verifier's output: a text table, the JSON list the book renders, and Markdown.

JSON schema (a list, one object per claim): ``id``, ``provenance``, ``statement`` (LaTeX),
``short``, ``checks`` (kinds), ``verdict`` (PROVED, PROVED_UP_TO_N, NO_COUNTEREXAMPLE, FALSIFIED,
ERROR), ``expected`` (bool), ``matches_expectation`` (bool), ``evidence`` (dict: ``N_max``,
``cases``, ``counterexample``, ``step`` of a failure, and ``steps``: one dict per calc step with
``text``, ``kind``, ``role`` (proof or corroboration), ``verdict``, ``evidence``, ``seconds``),
``seconds``.  Exact rationals are
written as strings ``"p/q"``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .runner import ClaimResult


def jsonable(value: Any) -> Any:
    """``value`` with Fractions as ``"p/q"`` strings and tuples/sets as lists, recursively.

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


def to_records(results: Sequence[ClaimResult]) -> list[dict[str, Any]]:
    """One JSON-ready dict per claim (see the module docstring for the schema)."""
    records = []
    for r in results:
        evidence = dict(r.evidence)
        evidence["steps"] = [
            {"text": s.step.text, "kind": s.step.check.kind, "role": s.step.role,
             "verdict": s.outcome.verdict.value,
             "evidence": s.outcome.evidence, "seconds": round(s.seconds, 3)}
            for s in r.steps]
        records.append(jsonable({
            "id": r.claim.id, "provenance": r.claim.provenance, "statement": r.claim.statement,
            "short": r.claim.short, "checks": list(r.claim.kinds), "verdict": r.verdict.value,
            "expected": r.claim.expected, "matches_expectation": r.matches_expectation,
            "evidence": evidence, "seconds": round(r.seconds, 3)}))
    return records


def to_json(results: Sequence[ClaimResult]) -> str:
    """The JSON list of :func:`to_records`."""
    return json.dumps(to_records(results), indent=2)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def evidence_text(evidence: dict[str, Any], width: int = 60) -> str:
    """A one-line summary: N_max, cases and the counterexample.

    Examples
    --------
    >>> evidence_text({"N_max": 5, "cases": 300})
    'N<=5; 300 cases'
    """
    parts = []
    if "N_max" in evidence:
        parts.append(f"N<={evidence['N_max']}")
    if "cases" in evidence:
        parts.append(f"{evidence['cases']} cases")
    if "counterexample" in evidence:
        parts.append(f"counterexample {json.dumps(jsonable(evidence['counterexample']))}")
    if "reason" in evidence:
        parts.append(str(evidence["reason"]))
    return _short("; ".join(parts), width)


def verdict_text(result: ClaimResult) -> str:
    """``PROVED``, ``PROVED N<=5``, ``NO CEX in 300``, ``FALSIFIED`` or ``ERROR``."""
    ev = result.evidence
    return {"PROVED_UP_TO_N": f"PROVED N<={ev.get('N_max')}",
            "NO_COUNTEREXAMPLE": f"NO CEX in {ev.get('cases')}"}.get(result.verdict.value,
                                                                       result.verdict.value)


def table_row(result: ClaimResult) -> str:
    """One line of the text table printed by ``ifsod verify``."""
    mark = "ok " if result.matches_expectation else "BAD"
    expect = "" if result.claim.expected else " (expected false)"
    return (f"{mark} {result.claim.id:<10} [{result.claim.provenance}] "
            f"{_short(result.claim.short, 44):<44} {','.join(result.claim.kinds):<24} "
            f"{verdict_text(result) + expect:<32} {result.seconds:7.2f}s  "
            f"{evidence_text(result.evidence)}")


def table_header() -> str:
    """The header line matching :func:`table_row`."""
    return (f"{'':3} {'id':<10} {'src':<3} {'statement':<44} {'checks':<24} {'verdict':<32} "
            f"{'seconds':>8}  evidence")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (a bare ``|`` would start a new cell)."""
    return text.replace("|", "\\|")


def to_markdown(results: Sequence[ClaimResult]) -> str:
    """A Markdown report: a summary table, then each claim's statement and calc chain."""
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
                  f"$${r.claim.statement}$$", ""]
        for i, s in enumerate(r.steps, 1):
            role = "" if s.step.role == "proof" else " (corroboration)"
            lines.append(f"{i}. {s.step.text} -- *{s.step.check.kind}*{role}: "
                         f"{s.outcome.verdict.value} ({s.seconds:.2f} s) "
                         f"{evidence_text(s.outcome.evidence, 200)}")
        skipped = len(r.claim.steps) - len(r.steps)
        if skipped:
            lines.append(f"({skipped} later step(s) not run after the failure)")
    return "\n".join(lines) + "\n"

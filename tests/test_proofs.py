"""The claims of proofs/: every claim has a wrong variant that the engine FALSIFIES with a
counterexample that is genuine (re-evaluated here, independently of the engine's recheck)."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy
import z3

from ifsod import alexiewicz_norm, if_encode
from ifsod.proof import Verdict, default_proofs_dir, load_claims, run_claim
from ifsod.proof.formal import Obligations
from ifsod.proof.kinds import Bounded, Derivation, Identity, Search, Smt
from ifsod.proof.solvers import free_constants

CLAIMS = load_claims([default_proofs_dir()])
MUTANTS = load_claims([default_proofs_dir()], "MUTANTS")


def _z3_value(value):
    if isinstance(value, int):
        return z3.IntVal(value)
    return z3.RealVal(f"{Fraction(value).numerator}/{Fraction(value).denominator}")


def assert_genuine(check, evidence):
    """Evaluate the failed check's statement at its counterexample, without the engine."""
    cex = evidence["counterexample"]
    if isinstance(check, Derivation):
        chain = check.build()
        number = evidence["step"]
        before = chain[0] if number == 1 else chain[number - 1][1]
        relation, after = chain[number]
        before, after = sympy.sympify(before).doit(), sympy.sympify(after).doit()
        if relation == "==":
            assert sympy.simplify(before - after) != 0
        else:
            symbols = {str(s): s for s in before.free_symbols | after.free_symbols}
            subs = {symbols[k]: sympy.Rational(str(v)) for k, v in cex.items()}
            left, right = before.subs(subs), after.subs(subs)
            assert not (left <= right if relation == "<=" else left < right)
    elif isinstance(check, Obligations):
        if "N" in evidence:  # the model run from its initial state for N steps
            hypotheses, claim = check.statement.unrolled(evidence["N"])
            statement = z3.Implies(z3.And(*hypotheses), claim)
        else:
            (ob,) = [o for o in check.statement.obligations()
                     if o.name == evidence["obligation"]]
            statement = ob.formula()
        names = {str(c): c for c in free_constants(statement)}
        assert set(names) <= set(cex)
        closed = z3.substitute(statement, *[(names[k], _z3_value(cex[k])) for k in names])
        solver = z3.Solver()
        solver.add(closed)
        assert solver.check() == z3.unsat, "the obligation holds at the counterexample"
    elif isinstance(check, Smt | Bounded):
        statement = check.build(evidence["N"]) if isinstance(check, Bounded) else check.build()
        names = {str(c): c for c in free_constants(statement)}
        assert set(names) == set(cex), "the counterexample must bind every free constant"
        closed = z3.substitute(statement, *[(names[k], _z3_value(v)) for k, v in cex.items()])
        solver = z3.Solver()
        solver.add(closed)
        assert solver.check() == z3.unsat, "the statement holds at the counterexample"
        if check.oracle is not None:
            assert check.oracle(cex) is False, "the library does not confirm the counterexample"
    elif isinstance(check, Identity):
        lhs, rhs = (sympy.sympify(side) for side in check.build())
        symbols = {str(s): s for s in lhs.free_symbols | rhs.free_symbols}
        subs = {symbols[k]: sympy.Rational(str(v)) for k, v in cex.items() if k in symbols}
        assert len(subs) == len(symbols)
        assert sympy.simplify(lhs.subs(subs) - rhs.subs(subs)) != 0
    else:
        assert isinstance(check, Search)
        assert check.prop(cex) is False


def test_every_item_of_math_md_has_claims():
    ids = {c.id for c in CLAIMS}
    for group in ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"):
        assert any(i.startswith(group) for i in ids), group
    # the items the issue names explicitly
    for must in ("T1a", "T1b", "T1c", "T1d", "T1f", "T3c", "T6c", "T6e", "T5d"):
        assert must in ids
    assert {c.id for c in CLAIMS if not c.expected} >= {"T1b", "T1c", "T3c"}


def test_every_claim_has_a_mutant():
    # a claim expected to be false is its own wrong variant (tested below)
    mutated = {m.id.split("~")[0] for m in MUTANTS}
    missing = sorted(c.id for c in CLAIMS if c.expected and c.id not in mutated)
    assert not missing, f"claims without a wrong variant: {missing}"
    assert all(not m.expected for m in MUTANTS)


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.id)
def test_mutant_is_falsified_with_a_genuine_counterexample(mutant):
    result = run_claim(mutant, quick=True)
    assert result.verdict == Verdict.FALSIFIED, result.evidence
    failed = result.steps[-1]
    assert failed.outcome.verdict == Verdict.FALSIFIED
    assert failed.outcome.evidence["recheck"].startswith(("exact", "re-solved"))
    assert_genuine(failed.step.check, failed.outcome.evidence)


@pytest.fixture(scope="module")
def false_results():
    """Each claim expected to be false, run once (the leaky T3 search takes a few seconds)."""
    return {c.id: run_claim(c, quick=True) for c in CLAIMS if not c.expected}


@pytest.mark.parametrize("claim_id", [c.id for c in CLAIMS if not c.expected])
def test_false_claims_come_with_genuine_counterexamples(claim_id, false_results):
    result = false_results[claim_id]
    assert result.verdict == Verdict.FALSIFIED
    failed = result.steps[-1]
    assert_genuine(failed.step.check, failed.outcome.evidence)


def test_subtract_and_zero_fail_on_a_dirac_above_two_theta(false_results):
    for claim_id, reset in (("T1b", "subtract"), ("T1c", "zero")):
        x, theta = false_results[claim_id].evidence["counterexample"]
        spikes = if_encode(x, theta, reset=reset)
        assert alexiewicz_norm([a - b for a, b in zip(x, spikes, strict=True)]) >= theta
        assert max(abs(v) for v in x) >= 2 * theta  # one spike per instant is not enough


def test_leaky_t3_counterexample_of_math_md():
    # the counterexample of the T3 page, in exact arithmetic on the float values given there
    alpha = 2.7097274464875265
    x = [Fraction(v) for v in (-2.34605203, -1.21996565, -1.57149586, 1.27205359, -1.07068329,
                               -2.78176823)]
    dt = (0.54245998, 0.34182681, 0.4017859, 0.40769893, 0.64512552, 0.43550863)
    leaks = [Fraction(math.exp(-alpha * d)) for d in dt]
    greedy = if_encode(x, Fraction(1), leak=leaks)
    assert list(greedy) == [-2, -1, -1, 1, -1, -2]
    sparser = [Fraction(v) for v in (-3, 0, -1, 0, 0, -3)]
    assert alexiewicz_norm([a - b for a, b in zip(x, sparser, strict=True)], leak=leaks) < 1
    assert sum(map(abs, sparser)) == 7 < sum(map(abs, greedy)) == 8


def test_t3c_search_finds_a_leaky_failure_by_itself(false_results):
    result = false_results["T3c"]
    x, leaks = result.evidence["counterexample"]
    greedy = if_encode(x, Fraction(1), leak=leaks)
    check = result.steps[-1].step.check
    assert check.prop((x, leaks)) is False
    # an independent brute force over small trains confirms a sparser one in the leaky ball
    import itertools

    box = range(-4, 5)
    best = min(sum(map(abs, s)) for s in itertools.product(box, repeat=len(x))
               if alexiewicz_norm([a - b for a, b in zip(x, s, strict=True)], leak=leaks) < 1)
    assert best < sum(map(abs, greedy))


def test_t5_constants():
    """The exact constants proved for T5: V(box_w) = 2/w and |k(0)| + Var = 2 for exp(-t/tau)."""
    by_id = {c.id: c for c in CLAIMS}
    box_step = by_id["T5c"].steps[0]
    derived, exp_step = by_id["T5d"].steps[0], by_id["T5d"].steps[2]
    assert exp_step.check.build()[1] == 2
    assert derived.check.build()[-1] == ("==", 2)  # the chain ends in the constant
    assert run_claim(by_id["T5d"]).steps[0].outcome.verdict == Verdict.PROVED
    w = sympy.Symbol("w", positive=True)
    assert sympy.simplify(box_step.check.build()[1] - 2 / w) == 0
    assert run_claim(by_id["T5c"], quick=True).verdict == Verdict.NO_COUNTEREXAMPLE
    assert run_claim(by_id["T5d"], quick=True).verdict == Verdict.NO_COUNTEREXAMPLE

"""Formal statements: the obligations the engine writes, the two solvers, and proofs that must
not come out PROVED (vacuous, unrelated, constant, tautological, theta fixed)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import z3

from ifsod.proof import (
    Claim,
    Formula,
    Induction,
    NormBelow,
    Verdict,
    default_proofs_dir,
    load_claims,
    obligation_mutants,
    run_claim,
)
from ifsod.proof import formal as formal_module
from ifsod.proof.models import if_model
from ifsod.proof.report import to_records
from ifsod.proof.solvers import cvc5_check
from ifsod.proof.z3models import trunc, zabs

CLAIMS = {c.id: c for c in load_claims([default_proofs_dir()])}
x, v, theta = z3.Reals("x v theta")


def _reasons(result) -> str:
    return " ".join(o.get("reason", "") for o in result.steps[0].outcome.evidence["obligations"])


# -- wrong proofs: none is PROVED -----------------------------------------------------------

WRONG = {
    "vacuous": (Formula(lambda: [x > 1, x < 0], lambda: x == 42), "vacuous"),
    "unrelated lemma": (Formula(lambda: [], lambda: x + 0 == x), "holds without"),
    "constant identity": (Formula(lambda: [x > 0], lambda: z3.RealVal(2) == z3.RealVal(2)),
                          "constant identity"),
    "tautological step": (Formula(lambda: [zabs(x) < theta], lambda: zabs(x) < theta,
                                  params=("theta",)), "tautological"),
    "theta fixed": (Formula(lambda: [v >= 0], lambda: v - trunc(v) < 1, params=("theta",)),
                    "fixed without a homogeneity lemma"),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_proofs_are_not_proved(name):
    statement, reason = WRONG[name]
    result = run_claim(Claim("W", statement, "D"))
    assert result.verdict == Verdict.ERROR
    assert reason in _reasons(result)
    assert not result.matches_expectation


def test_induction_with_theta_one_and_no_licence_is_not_proved():
    unlicensed = Induction(if_model("mod"),
                           NormBelow(lambda p, s: s["R"], lambda p: p["theta"]),
                           lambda p, s, m: [zabs(s["u"]) < p["theta"], s["R"] == s["u"]])
    obligations = unlicensed.obligations()
    fixed = [formal_module.Obligation(o.name, o.text, o.assumptions, o.hypotheses,
                                      z3.substitute(o.conclusion, (theta, z3.RealVal(1))),
                                      o.params) for o in obligations[:1]]
    fixed = [formal_module.Obligation(o.name, o.text, tuple(
        z3.substitute(h, (theta, z3.RealVal(1))) for h in o.assumptions), tuple(
        z3.substitute(h, (theta, z3.RealVal(1))) for h in o.hypotheses), o.conclusion,
        o.params) for o in fixed]
    outcome = formal_module.discharge_all(fixed)
    assert outcome.verdict == Verdict.ERROR
    assert "theta fixed without a homogeneity lemma" in outcome.evidence["reason"]


def test_a_true_formula_with_symbolic_theta_is_proved_by_both_solvers():
    statement = Formula(lambda: [theta > 0],
                        lambda: zabs(v - theta * trunc(v / theta)) < theta, params=("theta",))
    result = run_claim(Claim("R", statement, "D"))
    assert result.verdict == Verdict.PROVED
    (ob,) = result.steps[0].outcome.evidence["obligations"]
    assert ob["solvers"] == {"z3": "unsat", "cvc5": "unsat"}
    assert ob["hypotheses_model"]["theta"] > 0
    cex = ob["wrong_variant"]["counterexample"]  # theta <= 0 breaks it
    assert not cex["theta"] > 0


def test_solver_disagreement_is_an_error(monkeypatch):
    monkeypatch.setattr("ifsod.proof.solvers.cvc5_check", lambda text, timeout=0: "sat")
    statement = Formula(lambda: [theta > 0], lambda: theta * theta > 0, params=("theta",))
    result = run_claim(Claim("D1", statement, "D"))
    assert result.verdict == Verdict.ERROR and "disagree" in result.evidence["reason"]


def test_false_formula_is_falsified_with_an_exact_model():
    statement = Formula(lambda: [theta > 0, zabs(x) < theta], lambda: x * 2 < theta,
                        params=("theta",))
    result = run_claim(Claim("F1", statement, "D", expected=False))
    assert result.verdict == Verdict.FALSIFIED and result.matches_expectation
    cex = result.evidence["counterexample"]
    assert abs(cex["x"]) < cex["theta"] <= 2 * cex["x"]


# -- the obligations of the claims ----------------------------------------------------------

def test_t1a_obligations_follow_the_schema_with_symbolic_theta():
    result = run_claim(CLAIMS["T1a"], quick=True)
    assert result.verdict == Verdict.PROVED
    obs = result.steps[0].outcome.evidence["obligations"]
    assert [o["obligation"] for o in obs] == ["base", "step", "pointwise", "max base",
                                              "max step"]
    for o in obs:
        assert o["verdict"] == "PROVED" and o["solvers"] == {"z3": "unsat", "cvc5": "unsat"}
        assert "theta" in o["hypotheses_model"] and "fixed" not in o
        assert "counterexample" in o["wrong_variant"]
    assert CLAIMS["T1a"].latex.startswith(r"\forall N\ \forall n \le N:\ \max_{n\le N}")


@pytest.mark.parametrize("claim_id", ["T3a", "T6b"])
def test_sparsity_is_proved_for_every_theta_through_the_homogeneity_licence(claim_id):
    result = run_claim(CLAIMS[claim_id], quick=True)
    assert result.verdict == Verdict.PROVED
    obs = {o["obligation"]: o for o in result.steps[0].outcome.evidence["obligations"]}
    assert {"base", "step", "homogeneity"} <= set(obs)
    assert obs["step"]["fixed"] == {"theta": "1, licensed by homogeneity"}
    assert "fixed" not in obs["homogeneity"]  # theta is symbolic there


def test_every_obligation_has_a_failing_wrong_variant():
    formal = [c for c in CLAIMS.values() if c.formal and c.expected]
    assert {"T1a", "T1d", "T2a", "T3a", "T4a", "T6b", "T6c", "T6j"} <= {c.id for c in formal}
    mutants = obligation_mutants(formal)
    assert len(mutants) == sum(len(c.statement.obligations()) for c in formal)
    for mutant in mutants:
        result = run_claim(mutant)
        assert result.verdict == Verdict.FALSIFIED, mutant.id


def test_latex_statements_are_never_proved():
    from ifsod.proof import Step, smt

    # a proved lemma does not make an unrelated LaTeX statement PROVED
    claim = Claim("L", r"\|IF^M(x) - x\|_A < \theta", "D",
                  [Step("x + 0 = x", smt(lambda: x + 0 == x))])
    result = run_claim(claim)
    assert not claim.formal and result.steps[0].outcome.verdict == Verdict.PROVED
    assert result.verdict == Verdict.NO_COUNTEREXAMPLE and "not a formula" in result.evidence[
        "cap"]
    with pytest.raises(ValueError, match="steps"):
        Claim("L", r"x + 0 = x", "D")


def test_records_keep_smt2_files_that_cvc5_rechecks(tmp_path):
    result = run_claim(CLAIMS["T6j"], quick=True)
    (record,) = to_records([result], tmp_path / "smt2", tmp_path)
    assert record["solvers"] == ["z3", "cvc5"] and record["formal"] is True
    assert record["mutation_coverage"] == {"obligations": 2, "failing_wrong_variants": 2}
    for ob in record["obligations"]:
        text = (tmp_path / ob["smt2"]).read_text()
        assert "(check-sat)" in text and cvc5_check(text) == "unsat"
    json.dumps(record)


@pytest.mark.parametrize("name", ["T3a", "T4a", "T6b"])
def test_a_wrong_invariant_of_a_true_statement_is_neither_proved_nor_falsified(name):
    from ifsod_claims import _lemmas

    statement = {"T3a": _lemmas.sparsity(slack=1), "T6b": _lemmas.integral_lp(slack=1),
                 "T4a": _lemmas.duality(invariant_offset=Fraction(1, 2))}[name]
    result = run_claim(Claim("W", statement, "D"), quick=True)
    # the failed obligation is reported; the model run from its start finds no counterexample
    assert result.verdict == Verdict.PROVED_UP_TO_N and result.evidence["N_max"] == 2
    assert result.steps[0].outcome.evidence["proof_failed"]["obligation"] in ("base", "step")


def test_t6j_wrong_leak_fails_the_step():
    from ifsod_claims import regularization

    by_id = {m.id: m for m in regularization.MUTANTS}
    result = run_claim(by_id["T6j~leak"])
    assert result.verdict == Verdict.FALSIFIED
    assert result.steps[0].outcome.evidence["proof_failed"]["obligation"] == "step"
    # a genuine run from the initial state: some leak above 1 makes the lazy path dearer
    cex = result.evidence["counterexample"]
    assert any(Fraction(v) > 1 for k, v in cex.items() if k.startswith("lam_"))

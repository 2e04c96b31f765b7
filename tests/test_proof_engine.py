"""The proof engine itself: every check kind can prove, and can falsify with a genuine
counterexample; verdicts combine along calc chains; loading, selection and reports."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from fractions import Fraction

import pytest
import sympy
import z3
from hypothesis import settings
from hypothesis import strategies as hs

from ifsod.proof import (
    Claim,
    Formula,
    Outcome,
    Step,
    Verdict,
    bounded,
    identity,
    load_claims,
    optimize,
    run_claim,
    search,
    select,
    smt,
    verify,
    workers,
)
from ifsod.proof.report import to_json, to_markdown, to_records
from ifsod.proof.z3models import anorm, if_train, reals, trunc, zabs

# -- smt ------------------------------------------------------------------------------------

def test_smt_false_statement_returns_a_model_that_refutes_it():
    x, y = z3.Reals("x y")
    outcome = smt(lambda: z3.Implies(x < y, 2 * x < y)).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    cex = outcome.evidence["counterexample"]
    assert set(cex) == {"x", "y"}
    assert cex["x"] < cex["y"] and not 2 * cex["x"] < cex["y"]


def test_smt_true_statement_is_proved():
    v = z3.Real("v")
    assert smt(lambda: zabs(v - trunc(v)) < 1).run(False).verdict == Verdict.PROVED


def test_smt_oracle_that_disagrees_with_the_model_gives_error():
    x = z3.Real("x")
    outcome = smt(lambda: x > 0, oracle=lambda cex: True).run(False)
    assert outcome.verdict == Verdict.ERROR
    assert "library disagrees" in outcome.evidence["reason"]


def test_smt_unknown_gives_error_not_a_verdict():
    # x^3 + y^3 = z^3 over positive integers: z3 cannot decide it within a millisecond
    x, y, z = z3.Ints("x y z")
    statement = z3.Implies(z3.And(x > 0, y > 0, z > 0), x**3 + y**3 != z**3)
    outcome = smt(lambda: statement, timeout=0.001).run(False)
    assert outcome.verdict == Verdict.ERROR


def test_smt_model_under_a_quantifier_is_rechecked_by_a_solver():
    c, t = z3.Reals("c t")
    below = z3.ForAll([t], z3.Implies(z3.And(t >= 0, t < 1), t <= c))
    outcome = smt(lambda: z3.Implies(below, c < 1)).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    assert outcome.evidence["counterexample"] == {"c": 1}


# -- bounded --------------------------------------------------------------------------------

def _residual_below(bound):
    def build(n):
        xs = reals("x", n)
        from ifsod.proof.z3models import anorm

        return anorm([a - b for a, b in zip(xs, if_train(xs), strict=True)]) < bound
    return build


def test_bounded_states_n_max_and_quick_uses_fewer_lengths():
    check = bounded(_residual_below(1), 4, quick_n_max=2)
    assert check.run(False).evidence == {"N_max": 4}
    assert check.run(True).evidence == {"N_max": 2}
    assert check.run(False).verdict == Verdict.PROVED_UP_TO_N


def test_bounded_reports_the_length_of_its_counterexample():
    outcome = bounded(_residual_below(Fraction(1, 2)), 4).run(False)
    assert outcome.verdict == Verdict.FALSIFIED and outcome.evidence["N"] == 1
    x = outcome.evidence["counterexample"]["x_1"]
    assert abs(x - math.trunc(x)) >= Fraction(1, 2)


@pytest.mark.parametrize("kwargs", [{"n_max": 0}, {"n_max": 3, "quick_n_max": 4}])
def test_bounded_rejects_bad_lengths(kwargs):
    with pytest.raises(ValueError, match="n_max"):
        bounded(_residual_below(1), **kwargs)


# -- identity -------------------------------------------------------------------------------

def test_identity_that_is_not_one_fails_at_an_exact_point():
    a, b = sympy.symbols("a b")
    outcome = identity(lambda: ((a + b) ** 2, a**2 + b**2)).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    point = outcome.evidence["counterexample"]
    value = ((a + b) ** 2 - a**2 - b**2).subs({a: point["a"], b: point["b"]})
    assert value != 0


def test_identity_respects_symbol_assumptions():
    t = sympy.Symbol("t", positive=True)
    outcome = identity(lambda: (sympy.sqrt(t**2), -t)).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    assert outcome.evidence["counterexample"]["t"] > 0
    assert identity(lambda: (sympy.sqrt(t**2), t)).run(False).verdict == Verdict.PROVED


# -- search / optimize ----------------------------------------------------------------------

def _toy_if(x, theta, strict_bug):
    """IF^M with a planted bug: ``>`` instead of ``>=`` at the threshold when ``strict_bug``."""
    u, out = Fraction(0), []
    for value in x:
        v = u + value
        k = math.trunc(v / theta)
        if strict_bug and abs(v) == abs(k) * theta and k != 0:
            k -= 1 if k > 0 else -1  # a tie at a multiple of theta does not fire
        out.append(k * theta)
        u = v - k * theta
    return out


def _toy_matches_t1(strict_bug):
    def prop(x):
        residual, worst = Fraction(0), Fraction(0)
        for value, s in zip(x, _toy_if(x, Fraction(1), strict_bug), strict=True):
            residual += value - s
            worst = max(worst, abs(residual))
        return worst < 1
    return prop


def _signals():
    return hs.lists(hs.fractions(-3, 3, max_denominator=4), min_size=1, max_size=8)


def test_search_reproduces_a_planted_bug_and_shrinks_it():
    outcome = search(_toy_matches_t1(True), _signals, max_examples=200).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    x = outcome.evidence["counterexample"]
    assert not _toy_matches_t1(True)(x) and _toy_matches_t1(False)(x)
    assert len(x) == 1 and abs(x[0]) == 1  # shrunk to the smallest tie
    assert outcome.evidence["cases"] >= 1


def test_search_without_the_bug_counts_its_cases():
    outcome = search(_toy_matches_t1(False), _signals, max_examples=50).run(False)
    assert outcome.verdict == Verdict.NO_COUNTEREXAMPLE
    assert 40 <= outcome.evidence["cases"] <= 60
    quick = search(_toy_matches_t1(False), _signals, max_examples=50).run(True)
    assert quick.evidence["cases"] < outcome.evidence["cases"]


def test_search_counterexample_that_passes_on_recheck_is_an_error():
    calls = []

    def flaky(x):
        calls.append(x)
        return len(calls) > 1  # fails once, then passes
    outcome = search(flaky, _signals, max_examples=20).run(False)
    assert outcome.verdict == Verdict.ERROR


def test_search_and_optimize_validate_their_arguments():
    with pytest.raises(ValueError, match="max_examples"):
        search(bool, _signals, max_examples=0)
    with pytest.raises(ValueError, match="kind"):
        search(bool, _signals, kind="guess")
    assert optimize(bool, _signals).kind == "optimize"


# -- claims and calc chains -----------------------------------------------------------------

def _proved():
    v = z3.Real("v")
    return smt(lambda: zabs(v - trunc(v)) < 1)


def _falsified():
    v = z3.Real("v")
    return smt(lambda: zabs(v - trunc(v)) < Fraction(1, 2))


def _no_cex():
    return search(_toy_matches_t1(False), _signals, max_examples=20)


def test_claim_verdict_is_the_weakest_proof_step():
    claim = Claim("X1", "s", "D", [Step("a", _proved()), Step("b", _no_cex())])
    result = run_claim(claim)
    assert result.verdict == Verdict.NO_COUNTEREXAMPLE and result.matches_expectation
    assert result.evidence["cases"] == result.steps[1].outcome.evidence["cases"]


def _formal():
    theta, v = z3.Reals("theta v")
    return Formula(lambda: [theta > 0], lambda: zabs(v - theta * trunc(v / theta)) < theta,
                   params=("theta",))


def test_corroboration_cannot_strengthen_but_can_falsify():
    proved = run_claim(Claim("X2", _formal(), "D",
                             [Step("b", _no_cex(), role="corroboration")]))
    assert proved.verdict == Verdict.PROVED
    broken = run_claim(Claim("X3", _formal(), "D",
                             [Step("b", _falsified(), role="corroboration")]))
    assert broken.verdict == Verdict.FALSIFIED and not broken.matches_expectation
    assert broken.evidence["step"] == "b"


def test_chain_stops_at_the_first_failure_and_crashes_are_errors():
    def crash(quick):
        raise RuntimeError("boom")

    class Crashing:
        kind = "smt"
        run = staticmethod(crash)

    result = run_claim(Claim("X4", "s", "D", [Step("a", Crashing()), Step("b", _proved())]))
    assert result.verdict == Verdict.ERROR and len(result.steps) == 1
    assert "claim X4, step 'a': RuntimeError: boom" in result.evidence["reason"]
    assert not result.matches_expectation


def test_expected_false_claim_matches_only_when_falsified():
    assert run_claim(Claim("X5", "s", "D", [Step("a", _falsified())],
                           expected=False)).matches_expectation
    assert not run_claim(Claim("X6", _formal(), "D", expected=False)).matches_expectation


@pytest.mark.parametrize("kwargs, match", [
    ({"provenance": "X"}, "provenance"),
    ({"steps": []}, "steps"),
    ({"expected": "yes"}, "expected"),
    ({"id": ""}, "id"),
])
def test_claim_rejects_bad_fields(kwargs, match):
    fields = {"id": "X", "statement": "s", "provenance": "D", "steps": [Step("a", _proved())]}
    fields.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=match):
        Claim(**fields)


def test_step_roles_are_checked_and_a_claim_needs_a_proof_step():
    with pytest.raises(ValueError, match="role"):
        Step("a", _proved(), role="hint")
    with pytest.raises(ValueError, match="proof step"):
        Claim("X", "s", "D", [Step("a", _proved(), role="corroboration")])


# -- loading, selection, reports ------------------------------------------------------------

USER_MODULE = textwrap.dedent('''
    import z3
    from ifsod.proof import Claim, Step, smt

    def build():
        v = z3.Real("v")
        return z3.Or(v >= 0, v < 0)

    CLAIMS = [Claim("U1", "v >= 0 or v < 0", "D", [Step("trichotomy", smt(build))])]
''')


def test_load_claims_from_a_user_directory(tmp_path):
    (tmp_path / "mine.py").write_text(USER_MODULE)
    (tmp_path / "_helper.py").write_text("raise RuntimeError('private modules are skipped')")
    claims = load_claims([tmp_path])
    assert [c.id for c in claims] == ["U1"]
    # a LaTeX statement: the lemma is proved, the claim is capped
    result = run_claim(claims[0])
    assert result.steps[0].outcome.verdict == Verdict.PROVED
    assert result.verdict == Verdict.NO_COUNTEREXAMPLE


def test_load_claims_rejects_duplicates_and_modules_without_claims(tmp_path):
    (tmp_path / "a.py").write_text(USER_MODULE)
    (tmp_path / "b.py").write_text(USER_MODULE)
    with pytest.raises(ValueError, match="U1 .* already defined"):
        load_claims([tmp_path])
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "c.py").write_text("x = 1\n")
    with pytest.raises(ValueError, match="defines no CLAIMS"):
        load_claims([empty])
    with pytest.raises(ValueError, match="^paths: .* does not exist"):
        load_claims([tmp_path / "missing"])


def test_select_by_prefix_and_unknown_ids(tmp_path):
    claims = [Claim(i, "s", "D", [Step("a", _proved())]) for i in ("T1a", "T1b", "T10", "T2")]
    assert [c.id for c in select(claims, ["T1"])] == ["T1a", "T1b"]
    assert [c.id for c in select(claims, ["T10", "T2"])] == ["T10", "T2"]
    assert select(claims, None) == claims
    with pytest.raises(ValueError, match="only: no claim matches"):
        select(claims, ["T3"])


def test_records_follow_the_json_schema():
    results = [run_claim(Claim("X7", r"\alpha", "P", [Step("a", _falsified())],
                               expected=False))]
    (record,) = json.loads(to_json(results))
    assert set(record) == {"id", "provenance", "statement", "short", "checks", "verdict",
                           "expected", "matches_expectation", "evidence", "seconds", "formal",
                           "obligations", "mutation_coverage", "solvers"}
    assert record["verdict"] == "FALSIFIED" and record["expected"] is False
    assert record["matches_expectation"] is True and record["checks"] == ["smt"]
    v = Fraction(record["evidence"]["counterexample"]["v"])
    assert abs(v - math.trunc(v)) >= Fraction(1, 2)
    assert record["evidence"]["steps"][0]["role"] == "proof"
    assert to_records(results)[0] == record
    markdown = to_markdown(results)
    assert "## X7 [P]: FALSIFIED" in markdown and "$$\\alpha$$" in markdown
    piped = run_claim(Claim("X8", "s", "D", [Step("a", _no_cex())], short="||a||_A"))
    assert "| \\|\\|a\\|\\|_A |" in to_markdown([piped])


def test_import_ifsod_stays_light():
    code = ("import sys, ifsod, ifsod.proof, ifsod.cli; "
            "print(sorted(m for m in ('z3', 'cvc5', 'cvxpy', 'hypothesis', 'sympy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


# -- searches that find near misses ---------------------------------------------------------

def test_default_search_falsifies_a_constant_three_percent_below_the_sharp_one():
    from ifsod import alexiewicz_distance, if_encode
    from ifsod.proof import strategies

    def error(case):
        x, theta = case
        return alexiewicz_distance(x, if_encode(x, theta)) / theta

    check = search(lambda c: error(c) < Fraction(97, 100), strategies.signal_and_threshold,
                   grid=strategies.boundary_grid, ratio=error)
    outcome = check.run(True)
    assert outcome.verdict == Verdict.FALSIFIED
    x, theta = outcome.evidence["counterexample"]
    assert len(x) == 1 and error((x, theta)) >= Fraction(97, 100)  # minimal: one sample
    assert outcome.evidence["found_by"] == "exhaustive grid"
    # the true constant survives, and its tightest instance is reported
    true = search(lambda c: error(c) < 1, strategies.signal_and_threshold,
                  grid=lambda: strategies.boundary_grid(1), ratio=error,
                  max_examples=30).run(False)
    assert true.verdict == Verdict.NO_COUNTEREXAMPLE
    assert true.evidence["tightest"]["ratio"] == Fraction(63, 64)


@pytest.mark.parametrize("low, high, top", [(-3, 3, 8), (Fraction(1, 8), 4, 8),
                                             (Fraction(1, 16), 1, 16), (Fraction(1, 8), 3, 8)])
def test_rationals_draw_exactly_the_fractions_in_range(low, high, top):
    from hypothesis import find
    from hypothesis.errors import NoSuchExample

    from ifsod.proof.strategies import rationals

    low, high = Fraction(low), Fraction(high)
    every = {Fraction(n, d) for d in range(1, top + 1)
             for n in range(math.ceil(low * d), math.floor(high * d) + 1)}
    drawn = set()

    def note(q):
        drawn.add(q)
        return False
    with pytest.raises(NoSuchExample):
        find(rationals(low, high, top), note,
             settings=settings(max_examples=400, database=None, derandomize=True))
    assert drawn <= every and low in drawn and high in drawn
    assert len(drawn) > len(every) // 4
    # each value can be reached: the smallest one with the largest denominator is found
    target = min(q for q in every if q.denominator == top)
    assert find(rationals(low, high, top), lambda q: q.denominator == top and q <= target,
                settings=settings(max_examples=2000, database=None)) == target


def test_rationals_refuse_an_empty_range():
    from ifsod.proof.strategies import rationals

    with pytest.raises(ValueError, match="max_value"):
        rationals(2, 1, 4)
    with pytest.raises(ValueError, match="no fraction"):
        rationals(Fraction(1, 3), Fraction(2, 5), 2)


def test_aligned_lists_share_their_length():
    from hypothesis import find

    from ifsod.proof.strategies import aligned

    lists = find(aligned(1, 6, hs.integers(), hs.booleans()), lambda d: len(d[0]) >= 3)
    assert len(lists) == 2 and len(lists[0]) == len(lists[1]) == 3


def test_a_property_caching_its_value_per_case_is_still_rechecked_on_a_copy():
    seen = []

    def prop(case):
        seen.append(case)
        return case[0] < 3
    outcome = search(prop, lambda: hs.just([5]), max_examples=5).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    assert seen[-1] == [5] and seen[-1] is not seen[-2]


def test_searches_count_distinct_cases_only():
    grid = lambda: [([Fraction(1)], Fraction(1))] * 5  # noqa: E731 - one case five times
    outcome = search(lambda c: True, lambda: hs.just(([Fraction(1)], Fraction(1))), grid=grid,
                     max_examples=20).run(False)
    assert outcome.evidence["cases"] == 1


def test_counterexamples_are_shown_with_names():
    from ifsod.proof.report import named

    assert named({"x_2": 3, "x_1": Fraction(1, 2), "theta": 1}) == "theta = 1, x = [1/2, 3]"
    assert named(([Fraction(1, 2)], 1), ["x", "theta"]) == "x = [1/2], theta = 1"
    assert named([Fraction(-2)], ["signal"]) == "signal = [-2]"
    assert named(([1], 2)) == "case = [[1], 2]"  # no names to read


def test_quick_runs_leave_out_claims_marked_for_the_full_run():
    from ifsod.proof import verify

    claims = [Claim(i, "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))], quick=i == "Q1")
              for i in ("Q1", "F1")]
    assert [r.claim.id for r in verify(claims, quick=True)] == ["Q1"]
    assert [r.claim.id for r in verify(claims)] == ["Q1", "F1"]


def test_nested_cases_are_named_through_the_function_the_property_calls():
    """A lambda property that hands its case to a function unpacking it as
    ``(x, theta), width = case`` shows its counterexample part by part, also after JSON."""
    import json

    from ifsod.proof.report import evidence_text, named

    def ratio(case):
        (x, theta), width = case
        return Fraction(sum(x), theta * width)

    strategy = lambda: hs.tuples(hs.tuples(hs.lists(hs.integers(0, 3), min_size=1),  # noqa: E731
                                           hs.integers(1, 3)), hs.integers(1, 3))
    outcome = search(lambda case: ratio(case) < 1, strategy, max_examples=50).run(False)
    assert outcome.verdict == Verdict.FALSIFIED
    assert outcome.evidence["names"] == [("x", "theta"), "width"]
    (x, theta), width = outcome.evidence["counterexample"]
    shown = f"x = [{', '.join(map(str, x))}], theta = {theta}, width = {width}"
    assert f"counterexample {shown}" in evidence_text(outcome.evidence)
    stored = json.loads(json.dumps(outcome.evidence["names"]))
    assert named(outcome.evidence["counterexample"], stored) == shown
    # a part whose value does not have the shape of its names is not guessed at
    assert named(([1], 2), [["x", "theta"], "width"]) == "case = [[1], 2]"


def _below_sharp(case):
    """T1 with the constant 9/10: false, a near miss of the sharp constant 1."""
    from ifsod import alexiewicz_distance, if_encode

    x, theta = case
    return alexiewicz_distance(x, if_encode(x, theta)) < Fraction(9, 10) * theta


@pytest.mark.parametrize("grid", [None, "boundary"])
def test_search_counterexample_is_minimal_and_named_in_the_table(grid):
    """Minimal: no case with one sample deleted fails (hypothesis shrinks, the grid runs
    shortest first); named: the table shows ``x = [...], theta = ...``, not a bare list."""
    from ifsod.proof import strategies
    from ifsod.proof.report import table_row

    check = search(_below_sharp, strategies.signal_and_threshold,
                   grid=strategies.boundary_grid if grid else None)
    result = run_claim(Claim("X7", "T1 at 9/10", "D", [Step("search", check)], expected=False))
    assert result.verdict == Verdict.FALSIFIED
    x, theta = result.evidence["counterexample"]
    assert not _below_sharp((x, theta))
    assert all(_below_sharp((x[:i] + x[i + 1:], theta)) for i in range(len(x)) if len(x) > 1)
    if grid:  # the shortest input on the grid, smallest magnitude first
        assert (x, theta) == ([Fraction(-63, 64)], 1)
    assert result.evidence["names"] == ["x", "theta"]
    shown = ", ".join(f"{v}" for v in x)
    assert f"counterexample x = [{shown}], theta = {theta}" in table_row(result)


def test_names_are_read_from_the_property_or_given():
    def prop(case):
        pieces, level = case
        return len(pieces) < 2 or level > 3

    outcome = search(prop, lambda: hs.tuples(hs.lists(hs.integers(0, 3)), hs.integers(0, 3)),
                     max_examples=50).run(False)
    assert outcome.evidence["names"] == ["pieces", "level"]
    outcome = search(lambda c: len(c[0]) < 2, lambda: hs.tuples(hs.lists(hs.integers(0, 3)),
                                                                  hs.integers(0, 3)),
                     max_examples=50, names=("values", "scale")).run(False)
    assert outcome.evidence["names"] == ["values", "scale"]


def test_z3_counterexample_is_the_shortest_and_smallest():
    """Bounded: the first failing N is reported, so N - 1 holds; the model is shrunk until no
    constant can be set to 0 and the sum of |x_k| is within a factor 2 of the least one.  For
    reset-by-subtraction, ||x - IF(x)||_A < 1 fails first at N = 1, and least at |x_1| = 2."""
    def residual(n):
        xs = reals("x", n)
        return anorm([a - b for a, b in zip(xs, if_train(xs, "subtract"), strict=True)]) < 1

    outcome = bounded(residual, 4).run(False)
    assert outcome.verdict == Verdict.FALSIFIED and outcome.evidence["N"] == 1
    assert abs(outcome.evidence["counterexample"]["x_1"]) == 2  # exactly the least magnitude
    # a model z3 leaves large is made small: y goes to 0, x to at most 1024 (the least is 1000)
    x, y = z3.Reals("x y")
    outcome = smt(lambda: z3.Implies(x > 100, x + y <= 1000)).run(False)
    cex = outcome.evidence["counterexample"]
    assert cex["y"] == 0 and 1000 < cex["x"] <= 1024


def test_smallest_model_keeps_zeros_and_halves_no_further():
    from ifsod.proof.solvers import model_values, smallest_model

    xs = reals("x", 3)
    query = [z3.Sum(xs) > 37, xs[0] - xs[1] > 5]
    answer, model = smallest_model(query)
    values = model_values(model, query)
    assert answer == "sat"
    total = sum(abs(v) for v in values.values())
    # no non-zero constant can be set to 0 on top of the zeros found
    zeros = [c == 0 for c in xs if values[str(c)] == 0]
    for c in xs:
        if values[str(c)] != 0:
            assert z3_answer([*query, *zeros, c == 0]) == "unsat"
    # the sum is below the first power of two that admits a model, and half of it admits none
    bound = 1
    while bound < total:
        bound *= 2
    assert z3_answer([*query, *zeros, z3.Sum([z3.If(c >= 0, c, -c) for c in xs]) <= bound // 2]
                     ) == "unsat"


def z3_answer(query):
    solver = z3.Solver()
    solver.add(*query)
    return str(solver.check())


def test_missing_extra_is_reported_by_claim_id(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_hypothesis(name, *args, **kwargs):
        if name.startswith("hypothesis"):
            raise ImportError("No module named 'hypothesis'", name="hypothesis")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_hypothesis)
    result = run_claim(Claim("X9", "s", "D", [Step("draws", _no_cex())]))
    assert result.verdict == Verdict.ERROR
    assert result.evidence["reason"] == ("claim X9, step 'draws' needs hypothesis "
                                         "(pip install 'ifsod[verify]')")


# -- worker processes -----------------------------------------------------------------------

def _content(results):
    """A run's report without its times (the part that must not depend on how it ran)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "seconds"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(to_records(results))


@pytest.mark.skipif(not workers.fork_available(), reason="worker processes need fork")
def test_claims_run_in_two_workers_report_what_a_sequential_run_reports():
    # formal claims with models and wrong variants, a FALSIFIED z3 counterexample, searches
    from ifsod.proof import default_proofs_dir

    claims = select(load_claims([default_proofs_dir()]), ["T1a", "T2a", "T3b", "T6c", "T7b"])
    sequential = verify(claims, quick=True)
    order = []
    parallel = verify(claims, quick=True, jobs=2, progress=lambda r: order.append(r.claim.id))
    assert order == [c.id for c in claims]
    assert [r.claim for r in parallel] == claims
    assert _content(parallel) == _content(sequential)
    assert any(r.verdict == Verdict.FALSIFIED for r in parallel)


class _Opaque:
    """Evidence pickle cannot send back from a worker (it refuses to be pickled)."""

    def __reduce__(self):
        raise TypeError("not picklable")


class _OpaqueCheck:
    kind = "identity"

    def run(self, quick):
        return Outcome(Verdict.NO_COUNTEREXAMPLE, {"opaque": _Opaque()})


@pytest.mark.skipif(not workers.fork_available(), reason="worker processes need fork")
def test_a_result_that_cannot_leave_its_worker_is_run_again_here():
    plain = Claim("P", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))])
    opaque = Claim("Q", "opaque", "D", [Step("opaque", _OpaqueCheck())])
    results = verify([plain, opaque], jobs=2)
    assert [r.claim.id for r in results] == ["P", "Q"]
    assert [r.verdict for r in results] == [Verdict.NO_COUNTEREXAMPLE] * 2
    assert isinstance(results[1].steps[0].outcome.evidence["opaque"], _Opaque)


@pytest.mark.skipif(not workers.fork_available(), reason="worker processes need fork")
def test_claims_in_workers_may_run_threaded_kernels_this_process_already_ran():
    # numba's OpenMP layer ends a forked child that starts the threads its parent started.
    import numpy as np

    from ifsod import alexiewicz_norm

    rows = np.ones((64, 100))
    assert np.max(alexiewicz_norm(rows, workers=2)) == 100.0  # threads started here
    claims = [Claim(name, "the norm of ones", "D", [Step("norm", identity(
        lambda: (float(np.max(alexiewicz_norm(rows))), 100.0)))]) for name in ("A", "B")]
    results = verify(claims, jobs=2)
    assert [r.verdict for r in results] == [Verdict.NO_COUNTEREXAMPLE] * 2


def test_verify_refuses_a_job_count_that_is_not_positive():
    claims = [Claim("X", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))])]
    with pytest.raises(ValueError, match="jobs"):
        verify(claims, jobs=0)


def test_shrinking_is_bounded_by_solver_work_not_seconds(monkeypatch):
    """With no work left, the counterexample stays as z3 first found it; with the default
    budget of resource units it is made small, whatever the machine's load."""
    from ifsod.proof import solvers

    x, y = z3.Reals("x y")
    query = [x > 100, x + y > 1000]
    first = solvers.model_values(solvers.z3_check(query)[1], [x, y])
    small = solvers.model_values(solvers.smallest_model(query)[1], [x, y])
    assert small["y"] == 0 and 1000 < small["x"] <= 1024
    monkeypatch.setattr(solvers, "SHRINK_BUDGET", 0)
    unshrunk = solvers.model_values(solvers.smallest_model(query)[1], [x, y])
    assert unshrunk == first != small

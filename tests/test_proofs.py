"""The claims of proofs/: every claim has a wrong variant that the engine FALSIFIES with a
counterexample that is genuine (re-evaluated here, independently of the engine's recheck)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
import sympy
import z3
from hypothesis import given, settings
from hypothesis import strategies as st

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


# The continuous-time models of T3f, T5g and T5h against the library's exact event-driven
# encoder: piecewise-constant signals plus Diracs (exact rational event times), at random and
# at ties (Dirac weights and piece integrals at multiples of theta).
_HALVES = st.integers(-6, 6).map(lambda k: Fraction(k, 2))
_VALUES = st.one_of(_HALVES, st.fractions(-3, 3, max_denominator=5))


def _continuous_signal(durations, levels, diracs):
    from ifsod import Signal

    bps = [Fraction(0)]
    for d in durations:
        bps.append(bps[-1] + d)
    f = Signal.piecewise(bps, [[v] for v in levels[:len(durations)]])
    if diracs:
        f = f + Signal.dirac([t * bps[-1] for t, _ in diracs], [w for _, w in diracs],
                             (bps[0], bps[-1]))
    return f


_CONTINUOUS = st.builds(
    _continuous_signal,
    st.lists(st.sampled_from([Fraction(1, 2), Fraction(1), Fraction(3, 2)]), min_size=1,
             max_size=4),
    st.lists(_VALUES, min_size=4, max_size=4),
    st.lists(st.tuples(st.sampled_from([Fraction(0), Fraction(1, 4), Fraction(1, 2),
                                        Fraction(1)]), _VALUES), max_size=3))
_THETAS = st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(3, 4)])


def _event_samples(f, theta, extra=()):
    """(times, c, w): the event-time sampling of f (events, Diracs, the end and ``extra``),
    the increment of F over each open piece and the Dirac at its right end."""
    from ifsod import if_events

    big_f = f.primitive()
    start, end = big_f.t_range
    times = sorted({*if_events(f, theta).times, *(t for t, _ in f.diracs), end, *extra})
    def before(t):
        return Fraction(0) if t == start else big_f.limit(t, "left")
    previous, c, w = Fraction(0), [], []
    for t in times:
        c.append(before(t) - previous)
        w.append(big_f(t) - before(t))
        previous = big_f(t)
    return times, c, w


def _running_spikes(train, times):
    return [sum((wt for tk, wt in zip(train.times, train.weights) if tk <= t), Fraction(0))
            for t in times]


def _holds_exactly(formulas):
    return all(z3.is_true(z3.simplify(f)) for f in formulas)


@settings(max_examples=40, deadline=None)
@given(f=_CONTINUOUS, theta=_THETAS)
def test_event_models_fire_as_the_continuous_library_encoder(f, theta):
    from ifsod import if_events
    from ifsod.proof.event_models import event_competitor_model, event_kernel_model

    train = if_events(f, theta)
    times, c, w = _event_samples(f, theta)
    fired = _running_spikes(train, times)
    steps = [{"c": a, "w": b, "j": 0} for a, b in zip(c, w)]
    states = event_competitor_model().simulate({"theta": theta}, steps)
    assert [theta * s["K"] for s in states] == fired
    assert states[-1]["cK"] * theta == train.l1
    kernel = event_kernel_model()
    rows = [{"c": a, "w": b, "lam": Fraction(1, 2), "m": 0} for a, b in zip(c, w)]
    u = Fraction(0)
    for row, state, spikes, t in zip(rows, kernel.simulate({"theta": theta}, rows), fired,
                                     times):
        # the model's membrane is F - S of the library, and IF^M fires nothing before t_n
        assert state["u"] == f.primitive()(t) - spikes
        x = {k: z3.RealVal(str(v)) for k, v in row.items()}
        s = {"u": z3.RealVal(str(u)), "s": z3.RealVal(0), "W": z3.RealVal(0)}
        assert _holds_exactly(kernel.admissible({"theta": z3.RealVal(str(theta))}, s, x, s))
        u = state["u"]


@settings(max_examples=40, deadline=None)
@given(f=_CONTINUOUS, theta=_THETAS, spikes=st.lists(st.tuples(
    st.sampled_from([Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(2)]),
    st.integers(-3, 3)), max_size=4))
def test_t3f_model_admits_every_competitor_the_library_puts_in_the_ball(f, theta, spikes):
    """A competitor train in the open continuous ball meets the model's admissible inputs at
    the event-time samples, and the library's IF^M spends no more spikes (T3f)."""
    from ifsod import SpikeTrain, if_events
    from ifsod.proof.event_models import event_competitor_model

    start, end = f.t_range
    inside = sorted((t, k) for t, k in spikes if start <= t <= end and k)
    eta = SpikeTrain([t for t, _ in inside], [theta * k for _, k in inside], (start, end),
                     theta=theta)
    if eta.alexiewicz_distance(f) >= theta:
        return
    times, c, w = _event_samples(f, theta, eta.times)
    held = _running_spikes(eta, times)
    counts = [h / theta for h in held]
    steps = [{"c": a, "w": b, "j": int(k - k0)}
             for a, b, k, k0 in zip(c, w, counts, [0, *counts[:-1]])]
    model = event_competitor_model()
    z = {"theta": z3.RealVal(str(theta))}
    state = {k: z3.simplify(v) for k, v in model.init(z).items()}
    for row in steps:
        x = {"c": z3.RealVal(str(row["c"])), "w": z3.RealVal(str(row["w"])),
             "j": z3.IntVal(row["j"])}
        nxt = {k: z3.simplify(v) for k, v in model.step(z, state, x).items()}
        assert _holds_exactly(model.admissible(z, state, x, nxt))
        state = nxt
    assert if_events(f, theta).l1 <= eta.l1


@settings(max_examples=40, deadline=None)
@given(h=st.lists(_VALUES, min_size=1, max_size=6), g=st.lists(_VALUES, min_size=6,
                                                               max_size=6))
def test_abel_model_is_abel_summation(h, g):
    """The model's integral, variation and remainder are those of Abel summation (T5g)."""
    from itertools import accumulate, pairwise

    from ifsod.proof.event_models import abel_model

    g = g[:len(h)]
    states = abel_model().simulate({"theta": Fraction(1)},
                                   [{"h": a, "g": b} for a, b in zip(h, g)])
    partial = list(accumulate(h))
    last = states[-1]
    assert last["I"] == sum((a * b for a, b in zip(h, g)), Fraction(0))
    assert last["V"] == sum((abs(b - a) for a, b in pairwise(g)), Fraction(0))
    assert last["I"] == partial[-1] * g[-1] - sum(
        (partial[k] * (g[k + 1] - g[k]) for k in range(len(h) - 1)), Fraction(0))
    assert abs(last["I"]) <= alexiewicz_norm(h) * (abs(g[-1]) + last["V"])


class _Kernel:
    """A right-continuous piecewise-linear kernel, 0 before 0 and after its pieces
    ``(duration, value at the start, slope)``: jumps, slopes and the jump back to 0."""

    def __init__(self, pieces):
        self.starts, start = [], Fraction(0)
        for duration, _, _ in pieces:
            self.starts.append(start)
            start += duration
        self.pieces, self.end = pieces, start

    def _piece(self, sigma, right: bool):
        for start, (duration, value, slope) in zip(self.starts, self.pieces):
            if (start <= sigma < start + duration) if right else (
                    start < sigma <= start + duration):
                return value + slope * (sigma - start)
        return Fraction(0)

    def __call__(self, sigma):
        return self._piece(sigma, right=True)

    def atom(self, sigma):
        return self(sigma) - self._piece(sigma, right=False)

    def slope(self, sigma):
        for start, (duration, _, slope) in zip(self.starts, self.pieces):
            if start < sigma < start + duration:
                return slope
        return Fraction(0)

    def breakpoints(self):
        return [*self.starts, self.end]

    def variation(self):
        points = self.breakpoints()
        return (sum((abs(self.atom(b)) for b in points), Fraction(0))
                + sum((abs(slope) * duration for duration, _, slope in self.pieces),
                      Fraction(0)))


_KERNELS = st.lists(st.tuples(st.sampled_from([Fraction(1, 4), Fraction(1, 2), Fraction(1)]),
                              _VALUES, _VALUES), min_size=1, max_size=3).map(_Kernel)


def _filtered_error(f, train, kernel, t):
    """((f - IF^M f) * k)(t), exactly: f is constant and k(t - s) linear between the cuts."""
    cuts = sorted({Fraction(0), t, *(b for b in f.breakpoints if b < t),
                   *(t - b for b in kernel.breakpoints() if b < t)})
    total = Fraction(0)
    for p, q in itertools.pairwise(cuts):
        mid = (p + q) / 2
        total += f(mid) * kernel(t - mid) * (q - p)
    total += sum((w * kernel(t - tau) for tau, w in f.diracs if tau <= t), Fraction(0))
    return total - sum((w * kernel(t - tk) for tk, w in zip(train.times, train.weights)
                        if tk <= t), Fraction(0))


@settings(max_examples=40, deadline=None)
@given(f=_CONTINUOUS, theta=_THETAS, kernel=_KERNELS,
       where=st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(1)]))
def test_filter_model_is_the_continuous_filtered_error(f, theta, kernel, where):
    """The T5i model, fed the event-time sampling of the library's encoder and the parts of dk
    it meets, ends at the exact filtered error ((f - IF^M f) * k)(t), computed independently,
    with every input admissible, and the bound theta V(k) holds (ties included)."""
    from ifsod import if_events
    from ifsod.proof.event_models import event_filter_model

    start, end = f.t_range
    t = start + where * (end - start)
    train = if_events(f, theta)
    extra = {start, t, *(b for b in f.breakpoints if b <= t),
             *(t - b for b in kernel.breakpoints() if start <= t - b)}
    times, c, w = _event_samples(f, theta, extra)
    kept = [(tn, cn, wn) for tn, cn, wn in zip(times, c, w) if tn <= t]
    model = event_filter_model()
    z = {"theta": z3.RealVal(str(theta))}
    state = {k: z3.simplify(v) for k, v in model.init(z).items()}
    rows, previous = [], None
    for tn, cn, wn in [*kept, (t, Fraction(0), Fraction(0))]:
        u = Fraction(str(z3.simplify(state["u"])))
        if previous is None:
            a = d = m = Fraction(0)
        else:
            a = kernel.atom(t - previous)
            slope = kernel.slope(t - (previous + tn) / 2)
            d = abs(slope) * (tn - previous)
            # u is linear on the open piece, so its integral there is (u_{n-1} + c_n / 2) dt
            m = (1 if slope > 0 else -1) * (u + cn / 2) if d else Fraction(0)
        row = {"c": cn, "w": wn, "a": a, "d": d, "m": m}
        x = {k: z3.RealVal(str(v)) for k, v in row.items()}
        nxt = {k: z3.simplify(v) for k, v in model.step(z, state, x).items()}
        assert _holds_exactly(model.admissible(z, state, x, nxt))
        rows.append(row)
        state, previous = nxt, tn
    last = model.simulate({"theta": theta}, rows)[-1]
    assert last["E"] == _filtered_error(f, train, kernel, t)
    assert last["V"] <= kernel.variation()
    assert abs(last["E"]) <= theta * kernel.variation()


def _abel_reading(h_signal, g, b):
    """The T5g model's inputs for int_{(a,b]} h g, h piecewise constant plus Diracs (sampled at
    its breakpoints and Diracs only) and g of bounded variation (right-continuous piecewise
    linear with jumps, its breakpoints inside the pieces): per piece, two pseudo-steps for each
    Jordan part of dg over (t_{n-1}, t_n] (H moves to the part's mean m and back while g moves
    by the part's mass, which adds (H_{n-1} - m) * mass, that part's share of
    -int (H(s-) - H_{n-1}) dg), then the piece itself.  Returns the rows and the largest
    |H(t)|, left limits included, H(t) = int_{(a,t]} h."""
    primitive = h_signal.primitive()
    start, _ = primitive.t_range

    def big(t):
        return primitive(t) - primitive(start)
    rows, H, sup, previous = [], Fraction(0), Fraction(0), start
    for t in sorted({*(x for x in h_signal.breakpoints if start < x <= b),
                     *(x for x, _ in h_signal.diracs if start < x <= b), b}):
        left = primitive.limit(t, "left") - primitive(start)
        slope_h = (left - H) / (t - previous)
        cuts = sorted({previous, t, *(x for x in g.breakpoints() if previous < x < t)})
        parts = {1: [Fraction(0), Fraction(0)], -1: [Fraction(0), Fraction(0)]}
        # the atoms of dg in (t_{n-1}, t_n], met by H(x-), and its linear parts (H is linear on
        # the piece): (mass, value of H met)
        met = [(g.atom(x), H + slope_h * (x - previous)) for x in cuts[1:]] + [
            (g.slope((p + q) / 2) * (q - p), H + slope_h * ((p + q) / 2 - previous))
            for p, q in itertools.pairwise(cuts)]
        for mass, value in met:
            if mass:
                part = parts[1 if mass > 0 else -1]
                part[0] += abs(mass)
                part[1] += mass * value  # int H dmu over this Jordan part
        level = g(previous)
        for sign, (mass, integral) in parts.items():
            if mass:
                mean = integral / (sign * mass)
                rows += [{"h": mean - H, "g": level}, {"h": H - mean, "g": level + sign * mass}]
                level += sign * mass
        assert level == g(t)
        rows.append({"h": big(t) - H, "g": g(t)})
        sup = max(sup, abs(left), abs(big(t)))
        H, previous = big(t), t
    return rows, sup


@settings(max_examples=40, deadline=None)
@given(h=_CONTINUOUS, g=_KERNELS)
def test_abel_model_reads_every_function_of_bounded_variation(h, g):
    """T5g beyond step functions: g of bounded variation, its jumps and slopes inside the pieces
    of h, read into the step model by pseudo-steps; the model's integral is the exact
    int_{(a,b]} h g (a Dirac at a left out), every pseudo-sample is admissible with
    A = sup |H| and its variation is at most Var_{(a,b]} g, so the proved bound holds for g."""
    from ifsod.proof.event_models import abel_model

    start, end = h.t_range
    rows, sup = _abel_reading(h, g, end)
    model = abel_model()
    z = {"theta": z3.RealVal(str(sup))}
    state = {k: z3.simplify(v) for k, v in model.init(z).items()}
    for row in rows:
        x = {k: z3.RealVal(str(v)) for k, v in row.items()}
        nxt = {k: z3.simplify(v) for k, v in model.step(z, state, x).items()}
        assert _holds_exactly(model.admissible(z, state, x, nxt))
        state = nxt
    last = model.simulate({"theta": sup}, rows)[-1]
    cuts = sorted({start, end, *(x for x in h.breakpoints if start < x < end),
                   *(x for x in g.breakpoints() if start < x < end)})
    exact = sum((h((p + q) / 2) * g((p + q) / 2) * (q - p) for p, q in itertools.pairwise(cuts)),
                Fraction(0)) + sum((w * g(x) for x, w in h.diracs if x > start), Fraction(0))
    assert last["I"] == exact
    inside = [x for x in g.breakpoints() if start < x <= end]
    variation = sum((abs(g.atom(x)) for x in inside), Fraction(0)) + sum(
        (abs(g.slope((p + q) / 2)) * (q - p) for p, q in itertools.pairwise(
            sorted({start, end, *inside}))), Fraction(0))
    assert last["V"] <= variation
    assert abs(exact) <= sup * (abs(g(end)) + variation)


def test_continuous_formal_claims_are_proved_and_their_wrong_variants_fail():
    by_id = {c.id: c for c in CLAIMS}
    for claim_id in ("T3f", "T5g", "T5h", "T5i"):
        result = run_claim(by_id[claim_id], quick=True)
        assert result.verdict == Verdict.PROVED, (claim_id, result.evidence)
        solvers = [o["solvers"] for o in result.steps[0].outcome.evidence["obligations"]]
        assert all(s == {"z3": "unsat", "cvc5": "unsat"} for s in solvers)
    closed = {m.id: m for m in MUTANTS}["T3f~closed"]
    result = run_claim(closed, quick=True)
    assert result.verdict == Verdict.FALSIFIED
    cex = result.steps[0].outcome.evidence["counterexample"]
    # the competitor at distance theta exactly spends fewer spikes than IF^M
    assert any(key.startswith("c_") for key in cex)


@settings(max_examples=40, deadline=None)
@given(f=st.lists(_VALUES, min_size=1, max_size=6), g=st.lists(_VALUES, min_size=6, max_size=6),
       theta=_THETAS)
def test_pair_models_fire_as_the_library(f, g, theta):
    """The two-run models of T2d and T4d against if_encode and sod_encode (ties included)."""
    from itertools import accumulate

    from ifsod import sod_encode
    from ifsod.proof.pair_models import two_count_model, two_sod_model

    g = g[:len(f)]
    steps = []
    for big_f, big_g in zip(accumulate(f), accumulate(g)):
        mf, mg = math.floor(big_f / theta), math.floor(big_g / theta)
        steps.append({"mf": mf, "rf": big_f / theta - mf, "mg": mg, "rg": big_g / theta - mg})
    states = two_count_model().simulate({"theta": theta}, steps)
    for name, x in (("Kf", f), ("Kg", g)):
        assert [theta * s[name] for s in states] == list(accumulate(if_encode(x, theta)))
    assert [s["A"] for s in states] == [b - a for a, b in zip(accumulate(f), accumulate(g))]
    sod = two_sod_model().simulate({"theta": theta, "f0": f[0], "g0": g[0]},
                                   [{"f": a, "g": b} for a, b in zip(f[1:], g[1:])])
    for name, y in (("Lf", f), ("Lg", g)):
        assert [s[name] for s in sod] == [y[0] + v for v in accumulate(sod_encode(y, theta))][1:]
    assert [s["B"] - s["A"] for s in sod] == [
        (s["Lg"] - b) - (s["Lf"] - a) for s, a, b in zip(sod, f[1:], g[1:])]

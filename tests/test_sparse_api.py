"""recover(): input checks, missing solvers, status reporting, import hygiene and the CLI."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

from ifsod.cli import main
from ifsod.sparse import MissingSolverError, Recovery, recover, tv_denoise


@pytest.mark.parametrize(("kwargs", "error", "names"), [
    ({"x": [1.0, np.nan]}, ValueError, "x must be finite"),
    ({"x": [1.0, np.inf]}, ValueError, "x must be finite"),
    ({"x": [[1.0], [2.0, 3.0]]}, ValueError, "x must be a rectangular"),
    ({"x": 1.0}, ValueError, "x must have at least one dimension"),
    ({"axis": 1}, ValueError, "axis 1 is out of range"),
    ({"x": ["a", "b"]}, TypeError, "x must be numeric"),
    ({"x": [True, False]}, TypeError, "x must be numeric"),
    ({"theta": 0.0}, ValueError, "theta must be > 0"),
    ({"theta": -1}, ValueError, "theta must be > 0"),
    ({"theta": np.nan}, ValueError, "theta must be finite"),
    ({"theta": "1"}, TypeError, "theta must be a real number"),
    ({"problem": "lasso"}, ValueError, "problem must be one of"),
    ({"method": "simplex"}, ValueError, "method must be one of"),
    ({"method": "lazy"}, ValueError, "method must be one of"),
    ({"problem": "relaxed", "method": "greedy"}, ValueError, "method must be one of"),
    ({"leak": 0.0}, ValueError, "leak must lie in (0, 1]"),
    ({"leak": 1.5}, ValueError, "leak must lie in (0, 1]"),
    ({"leak": [0.5, 0.5]}, ValueError, "leak must be a scalar or have one factor"),
    ({"problem": "lagrangian"}, ValueError, "lam is required"),
    ({"problem": "lagrangian", "lam": -1.0}, ValueError, "lam must be >= 0"),
    ({"problem": "lagrangian", "lam": np.inf}, ValueError, "lam must be finite"),
    ({"problem": "lagrangian", "lam": "2"}, TypeError, "lam must be a real number"),
    ({"lam": 1.0}, ValueError, "lam applies to problem='lagrangian' only"),
    ({"problem": "reconstruct", "criterion": "l2"}, ValueError, "criterion must be one of"),
    ({"criterion": "energy"}, ValueError, "criterion applies to problem='reconstruct' only"),
    ({"solver": "HIGHS"}, ValueError, "solver applies to the CVXPY methods only"),
    ({"problem": "relaxed", "method": "taut-string", "leak": 0.5}, ValueError, "leak=1 only"),
    ({"problem": "rof", "leak": 0.5}, ValueError, "leak applies to the Alexiewicz problems"),
    ({"time_limit": 0.0}, ValueError, "time_limit must be > 0"),
    ({"time_limit": "1"}, TypeError, "time_limit must be a number"),
    ({"solver_options": {"a": 1}}, ValueError, "solver_options applies to the CVXPY"),
    ({"method": "milp", "solver_options": [1]}, TypeError, "solver_options must be a dict"),
    ({"verbose": True}, ValueError, "verbose applies to the CVXPY methods only"),
    ({"progress": True}, ValueError, "progress applies to method='dp' only"),
    ({"problem": "relaxed", "method": "cvxpy", "verbose": "no"}, TypeError,
     "verbose must be True or False"),
    ({"method": "dp", "progress": None}, TypeError, "progress must be True or False"),
    ({"problem": "lagrangian", "lam": 10**400}, ValueError,
     "lam = 10**400 is beyond the float64 range"),
    ({"x": [1e308, 1e308]}, ValueError, "x: the sum of |x| along the time axis exceeds"),
    ({"x": [1e308, -1e308], "problem": "relaxed"}, ValueError, "x: the sum of |x|"),
    ({"method": "milp", "solver": "OSQP", "time_limit": 1.0}, ValueError,
     "cannot solve integer problems"),
    ({"method": "cvxpy", "leak": 0.5}, ValueError, "method='cvxpy' (the totally unimodular LP)"),
])
def test_bad_input_names_the_parameter(kwargs, error, names):
    args = {"x": [0.5, 1.5, -2.0], "theta": 1.0, **kwargs}
    with pytest.raises(error) as caught:
        recover(args.pop("x"), args.pop("theta"), **args)
    assert names in str(caught.value)


def test_tv_denoise_is_the_rof_problem_of_recover():
    with pytest.raises(ValueError, match="lam must be > 0"):
        tv_denoise([1.0, 2.0], 0.0)
    with pytest.raises(ValueError, match="solver applies"):
        tv_denoise([1.0], 1.0, solver="OSQP")
    result = tv_denoise([0.0, 4.0, 0.0, 0.0], 1.0)
    assert isinstance(result, Recovery) and result.problem == "rof"
    assert result.signal.tolist() == recover([0.0, 4.0, 0.0, 0.0], 1.0,
                                             problem="rof").signal.tolist()
    # Pinned right end (ROF) against the free one (relaxed) on the smallest input.
    assert recover([3.0], 1.0, problem="rof").signal.tolist() == [3.0]
    assert recover([3.0], 1.0, problem="relaxed").spikes.tolist() == [2.0]


def test_empty_and_length_one_inputs():
    for method in ("greedy", "milp", "cvxpy"):
        empty = recover([], 1.0, method=method)
        assert empty.spikes.shape == (0,) and empty.objective == 0 and empty.feasible
    one = recover([Fraction(7, 2)], Fraction(1, 2), problem="relaxed", method="taut-string")
    assert one.spikes.tolist() == [3] and one.objective == 3
    assert recover([0.25], 1.0).spikes.tolist() == [0.0]


def test_missing_milp_solver_is_a_clear_error(monkeypatch):
    cvxpy = pytest.importorskip("cvxpy")
    monkeypatch.setattr(cvxpy, "installed_solvers", lambda: ["CLARABEL", "OSQP", "SCS"])
    with pytest.raises(MissingSolverError, match="MILP.*install 'highspy'"):
        recover([1.5, -1.5], 1.0, method="milp")
    with pytest.raises(MissingSolverError, match="simplex.*install 'highspy'"):
        recover([1.5, -1.5], 1.0, method="cvxpy")
    with pytest.raises(MissingSolverError, match="'GUROBI' is not installed.*'gurobipy'"):
        recover([1.5, -1.5], 1.0, method="milp", solver="GUROBI")
    with pytest.raises(ValueError, match="solver must be a CVXPY solver name; got 'HIGSH'"):
        recover([1.5, -1.5], 1.0, method="milp", solver="HIGSH")
    # The fast methods and the remaining solvers still work.
    assert recover([1.5, -1.5], 1.0, problem="relaxed", method="cvxpy").spikes is not None
    assert recover([1.5, -1.5], 1.0).objective == 2.0


def test_non_integer_solver_for_milp_is_rejected():
    pytest.importorskip("cvxpy")
    with pytest.raises(ValueError, match="solver 'CLARABEL' cannot solve integer problems"):
        recover([1.5], 1.0, method="milp", solver="CLARABEL")


def test_missing_cvxpy_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "cvxpy", None)  # makes "import cvxpy" fail
    with pytest.raises(MissingSolverError, match="needs the 'cvxpy' package"):
        recover([1.0], 1.0, problem="lagrangian", lam=2.0, method="cvxpy")
    assert recover([1.0], 1.0).objective == 1.0


@pytest.mark.parametrize("status", ["infeasible", "unbounded", "infeasible_inaccurate"])
def test_solver_verdicts_are_reported_in_status(monkeypatch, status):
    cvxpy = pytest.importorskip("cvxpy")

    def verdict(problem, *args, **kwargs):
        problem._status = status
        problem._compilation_time = 0.0

    monkeypatch.setattr(cvxpy.Problem, "solve", verdict)
    result = recover([1.5, -1.5], 1.0, problem="relaxed", method="cvxpy")
    assert result.status == status and result.spikes is None and not result.feasible
    assert np.isnan(result.objective)


def test_solver_error_is_reported_not_raised(monkeypatch):
    cvxpy = pytest.importorskip("cvxpy")

    def fail(problem, *args, **kwargs):
        raise cvxpy.error.SolverError("numerical trouble")

    monkeypatch.setattr(cvxpy.Problem, "solve", fail)
    result = recover([1.5, -1.5], 1.0, method="milp")
    assert result.status == "solver_error: numerical trouble" and result.solution is None


def test_recovery_is_frozen_with_the_same_fields_for_every_method():
    results = [recover([0.5, 2.5], 1.0, problem="relaxed", method=m)
               for m in ("lazy", "taut-string", "cvxpy")]
    for result in results:
        assert type(result.objective) is float and type(result.alexiewicz_residual) is float
        assert result.spikes.dtype == np.float64 and result.signal is None
        assert result.objective == pytest.approx(results[0].objective, rel=1e-9)
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.status = "changed"


def test_importing_sparse_does_not_import_cvxpy():
    code = ("import sys, ifsod, ifsod.sparse; ifsod.sparse.recover([1.0], 1.0, "
            "problem='relaxed'); print('cvxpy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_solve_command_prints_the_recovery(tmp_path, capsys):
    path = tmp_path / "signal.csv"
    path.write_text("t,x\n0,0.5\n1,0.75\n2,2.5\n3,-0.5\n", encoding="utf-8")
    out = tmp_path / "solution.csv"
    assert main(["solve", str(path), "--theta", "1", "--column", "x",
                 "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "objective: 3.0" in printed and "method: greedy" in printed
    assert "feasible: True" in printed and "status: optimal" in printed
    assert out.read_text(encoding="utf-8").splitlines()[1:] == ["0,0.0", "1,1.0", "2,2.0",
                                                                 "3,0.0"]
    assert main(["solve", str(path), "--theta", "1", "--problem", "relaxed",
                 "--column", "x"]) == 0
    assert "objective: 2.75" in capsys.readouterr().out


def test_solve_command_reports_errors(tmp_path, capsys, monkeypatch):
    path = tmp_path / "signal.csv"
    path.write_text("x\n1.0\n", encoding="utf-8")
    assert main(["solve", str(path), "--theta", "0"]) == 2
    assert "theta must be > 0" in capsys.readouterr().err
    cvxpy = pytest.importorskip("cvxpy")
    monkeypatch.setattr(cvxpy, "installed_solvers", lambda: ["CLARABEL"])
    assert main(["solve", str(path), "--theta", "1", "--method", "milp"]) == 3
    assert "install 'highspy'" in capsys.readouterr().err


def test_recovery_json_refuses_what_it_did_not_write_by_name():
    with pytest.raises(TypeError, match="^text must be JSON text"):
        Recovery.from_json(None)
    with pytest.raises(ValueError, match="^text is not JSON"):
        Recovery.from_json("{")
    with pytest.raises(ValueError, match="^text lacks the Recovery fields"):
        Recovery.from_json("{}")
    with pytest.raises(TypeError, match="^text must hold a dict"):
        Recovery.from_json("[1]")
    with pytest.raises(TypeError, match="^data must hold a dict"):
        Recovery.from_dict(None)
    broken = recover([Fraction(1, 3)], Fraction(1, 3)).to_dict()
    broken["objective"] = {"fraction": "one third"}
    with pytest.raises(ValueError, match="^data holds a malformed Recovery field"):
        Recovery.from_dict(broken)
    # Partial sums beyond float64 are solved exactly from Fraction input.
    top = Fraction(1e308)
    assert recover([top, top], 1).spikes.tolist() == [top, top]


def test_data_beyond_the_float_range_is_refused_by_the_float_solvers_by_name():
    with pytest.raises(ValueError, match=r"^y: the sum of \|y\| along the time axis"):
        tv_denoise([1e308, 1e308], 1.0)
    with pytest.raises(ValueError, match=r"^x = 10\*\*400 is beyond the float64 range.*"
                                         r"method='cvxpy' computes in float64"):
        recover([Fraction(10**400)], 1, problem="relaxed", method="cvxpy")
    # The fast methods take the same data exactly.
    assert recover([Fraction(10**400)], 1, problem="relaxed").spikes.tolist() == [10**400 - 1]

"""``ifsod verify``: the table, exit codes, JSON/Markdown output, --only, --path, --mutants."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path

import pytest

from ifsod.cli import main
from ifsod.proof import default_proofs_dir, runner

VERDICTS = {"PROVED", "PROVED_UP_TO_N", "NO_COUNTEREXAMPLE", "FALSIFIED", "ERROR"}


def _run_and_log(capsys, argv, label):
    start = time.perf_counter()
    code = main(argv)
    seconds = time.perf_counter() - start
    out = capsys.readouterr()
    with capsys.disabled():
        print(f"\n[{label}] ifsod {' '.join(argv)}: {seconds:.1f} s")
    return code, out


def _check_records(records):
    assert isinstance(records, list) and records
    for r in records:
        assert set(r) >= {"id", "provenance", "statement", "checks", "verdict", "expected",
                          "matches_expectation", "evidence", "seconds"}
        assert r["provenance"] in {"P", "C", "D"}
        assert r["verdict"] in VERDICTS
        assert isinstance(r["expected"], bool) and isinstance(r["matches_expectation"], bool)
        assert set(r["checks"]) <= {"obligations", "identity", "derivation", "smt", "bounded",
                                    "search", "optimize"}
        if r["verdict"] == "PROVED":
            assert r["formal"] and r["solvers"] == ["z3", "cvc5"]
            assert all(o["solvers"] == {"z3": "unsat", "cvc5": "unsat"}
                       and "hypotheses_model" in o and "wrong_variant" in o
                       for o in r["obligations"])
            assert r["mutation_coverage"]["failing_wrong_variants"] == len(r["obligations"])
        assert isinstance(r["evidence"], dict) and r["seconds"] >= 0
        if r["verdict"] == "PROVED_UP_TO_N":
            assert r["evidence"]["N_max"] >= 1
        if r["verdict"] == "FALSIFIED":
            assert "counterexample" in r["evidence"]


@pytest.mark.parametrize("quick", [True, False], ids=["quick", "full"])
def test_verify_every_claim_matches_its_expectation(tmp_path, capsys, quick, quick_verify):
    if quick:  # the session's quick run, which the book tests read as well
        run = quick_verify
        with capsys.disabled():
            print(f"\n[quick] ifsod verify --quick: {run.seconds:.1f} s")
        code, stdout, stderr, json_file, md_file = (run.code, run.out, run.err, run.json,
                                                    run.markdown)
    else:
        json_file, md_file = tmp_path / "v.json", tmp_path / "v.md"
        argv = ["verify", "--json", str(json_file), "--markdown", str(md_file)]
        code, out = _run_and_log(capsys, argv, "full")
        stdout, stderr = out.out, out.err
    records = json.loads(json_file.read_text())
    _check_records(records)
    assert code == 0, stderr
    assert all(r["matches_expectation"] for r in records)
    ids = [r["id"] for r in records]
    assert len(stdout.splitlines()) == len(ids) + 2  # header, one row per claim, summary
    markdown = md_file.read_text()
    assert all(f"## {i} [" in markdown for i in ids)
    by_id = {r["id"]: r for r in records}
    assert by_id["T1a"]["verdict"] == "PROVED"
    assert by_id["T1b"]["verdict"] == "FALSIFIED" and by_id["T1b"]["expected"] is False
    assert by_id["T3a"]["verdict"] == "PROVED" and by_id["T6c"]["verdict"] == "PROVED"
    assert by_id["T6j"]["verdict"] == "PROVED"
    smt2 = json_file.with_name(f"{json_file.stem}_smt2")
    assert all((json_file.parent / o["smt2"]).is_file() and str(smt2.name) in o["smt2"]
               for r in records for o in r["obligations"])
    assert by_id["T7b"]["verdict"] == "PROVED_UP_TO_N"


def test_only_selects_claims_and_unknown_ids_fail(capsys):
    assert main(["verify", "--only", "T1a", "T7b", "--quick"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:-1]
    assert [row.split()[1] for row in rows] == ["T1a", "T7b"]
    assert main(["verify", "--only", "T99"]) == 2
    assert "only: no claim matches ['T99']" in capsys.readouterr().err


# Written from the documentation of ifsod.proof (its module docstring and formal.Formula).
USER_MODULE = textwrap.dedent('''
    import z3
    from ifsod.proof import Claim, Formula
    from ifsod.proof.z3models import trunc, zabs

    v, theta = z3.Reals("v theta")
    remainder = Formula(lambda: [theta > 0],
                        lambda: zabs(v - theta * trunc(v / theta)) < BOUND * theta,
                        params=("theta",))
    CLAIMS = [Claim("USER1", remainder, "D")]
''')


@pytest.mark.parametrize("bound, code", [("1", 0), ("z3.RealVal('1/2')", 1)])
def test_path_adds_users_modules(tmp_path, capsys, bound, code):
    (tmp_path / "mine.py").write_text(USER_MODULE.replace("BOUND", bound))
    json_file = tmp_path / "out.json"
    assert main(["verify", "--path", str(tmp_path), "--only", "USER1", "T1a", "--quick",
                 "--json", str(json_file)]) == code
    records = {r["id"]: r for r in json.loads(json_file.read_text())}
    assert set(records) == {"USER1", "T1a"}
    assert records["USER1"]["verdict"] == ("PROVED" if code == 0 else "FALSIFIED")
    assert records["USER1"]["statement"].startswith(r"\theta > 0 \Rightarrow")
    if code:
        assert "do not match their expected verdict: ['USER1']" in capsys.readouterr().err
        assert records["USER1"]["evidence"]["obligation"] == "statement"


def test_user_errors_name_the_claim_and_the_step(tmp_path, capsys):
    (tmp_path / "mine.py").write_text(textwrap.dedent('''
        from ifsod.proof import Claim, Step, search

        def prop(case):
            raise ZeroDivisionError("division by zero in my property")

        CLAIMS = [Claim("USER2", "a statement", "D",
                        [Step("my search", search(prop, lambda: __import__(
                            "hypothesis").strategies.integers()))])]
    '''))
    json_file = tmp_path / "out.json"
    assert main(["verify", "--no-default", "--path", str(tmp_path), "--json",
                 str(json_file)]) == 1
    (record,) = json.loads(json_file.read_text())
    assert record["verdict"] == "ERROR"
    assert "claim USER2, step 'my search'" in record["evidence"]["reason"]


def test_mutants_are_all_falsified(capsys):
    assert main(["verify", "--mutants", "--quick", "--only", "T1", "T2", "T6c", "T6j"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:-1]
    assert rows and all("FALSIFIED" in row for row in rows)
    ids = {row.split()[1] for row in rows}
    # one wrong variant per obligation of the formal claims
    assert {"T1a~base", "T1a~step", "T1a~pointwise", "T1a~max-base", "T1a~max-step",
            "T6j~base", "T6j~step", "T2a~step"} <= ids


def test_no_default_without_path_is_an_error(capsys):
    assert main(["verify", "--no-default"]) == 2
    assert "path:" in capsys.readouterr().err


def test_a_job_count_below_one_is_an_error_naming_the_option(capsys):
    assert main(["verify", "--jobs", "0", "--only", "T1a"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_claims_are_found_through_the_installed_package(tmp_path, monkeypatch):
    import ifsod_claims

    assert default_proofs_dir() == Path(ifsod_claims.__file__).parent.resolve()
    monkeypatch.chdir(tmp_path)  # any working directory
    assert main(["verify", "--quick", "--only", "T6j"]) == 0


def test_missing_claims_package_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(runner, "CLAIMS_PACKAGE", "no_such_claims_package")
    with pytest.raises(FileNotFoundError, match="--path DIR"):
        default_proofs_dir()


@pytest.mark.parametrize(("source", "message"), [
    ("import no_such_module\nCLAIMS = []\n", "cannot import proof module .*ModuleNotFoundError"),
    ("CLAIMS = 3\n", "CLAIMS of .* must be a list of Claim objects; got int"),
])
def test_broken_user_modules_are_named_errors(tmp_path, capsys, source, message):
    module = tmp_path / "mine.py"
    module.write_text(source, encoding="utf-8")
    assert main(["verify", "--no-default", "--path", str(module)]) == 2
    assert re.search(message, capsys.readouterr().err)

"""``ifsod verify``: the table, exit codes, JSON/Markdown output, --only, --path, --mutants."""

from __future__ import annotations

import json
import re
import textwrap
import time

import pytest

import ifsod
from ifsod.cli import main
from ifsod.proof import default_proofs_dir

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
        assert set(r["checks"]) <= {"identity", "smt", "bounded", "search", "optimize"}
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
    assert by_id["T7b"]["verdict"] == "PROVED_UP_TO_N"


def test_only_selects_claims_and_unknown_ids_fail(capsys):
    assert main(["verify", "--only", "T1a", "T7b", "--quick"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:-1]
    assert [row.split()[1] for row in rows] == ["T1a", "T7b"]
    assert main(["verify", "--only", "T99"]) == 2
    assert "only: no claim matches ['T99']" in capsys.readouterr().err


USER_MODULE = textwrap.dedent('''
    import z3
    from ifsod.proof import Claim, Step, smt
    from ifsod.proof.z3models import trunc, zabs

    def build():
        v = z3.Real("v")
        return zabs(v - trunc(v)) < BOUND

    CLAIMS = [Claim("USER1", r"|v - trunc(v)| < b", "D", [Step("remainder", smt(build))])]
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
    if code:
        assert "do not match their expected verdict: ['USER1']" in capsys.readouterr().err


def test_mutants_are_all_falsified(capsys):
    assert main(["verify", "--mutants", "--quick", "--only", "T1", "T2", "T6c"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:-1]
    assert rows and all("FALSIFIED" in row for row in rows)


def test_no_default_without_path_is_an_error(capsys):
    assert main(["verify", "--no-default"]) == 2
    assert "path:" in capsys.readouterr().err


def test_missing_proofs_directory_says_how_to_fix_it(tmp_path, monkeypatch):
    fake = tmp_path / "site-packages" / "ifsod" / "__init__.py"
    fake.parent.mkdir(parents=True)
    monkeypatch.setattr(ifsod, "__file__", str(fake))
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

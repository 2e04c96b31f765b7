"""The distributions: an sdist with the book's sources and a wheel that works outside the repo.

The wheel and the sdist are built from this checkout without fetching a build backend
(``python -m build --no-isolation``); the wheel is installed into a fresh virtual environment
in a temporary folder, which sees this environment's dependencies through a path file (nothing
is downloaded) but not its editable ifsod.  Every command then runs from that folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import ifsod
from ifsod import if_encode
from ifsod.data import load_acceleration

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                            str(out), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns its folder (also the working folder)."""
    home = tmp_path_factory.mktemp("elsewhere")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = Path(subprocess.run([venv / "bin" / "python", "-c",
                                "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # A plain path line: the dependencies of this environment, without its .pth files (the
    # editable install of the checkout is one).
    (site / "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(dist.glob("ifsod-*.whl"))
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    return home


def _run(home: Path, *argv) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return subprocess.run([str(home / "venv" / "bin" / argv[0]), *map(str, argv[1:])],
                          cwd=home, env=env, capture_output=True, text=True)


def test_the_wheel_holds_the_package_data_licence_and_metadata(dist):
    wheel = zipfile.ZipFile(next(dist.glob("ifsod-*.whl")))
    names = set(wheel.namelist())
    for member in ["ifsod/py.typed", "ifsod_claims/sparsity.py", "ifsod_claims/_lemmas.py",
                   "ifsod/data/daphnet_S06R02E0.csv", "ifsod/data/README.md",
                   "ifsod/cli/table.py", "ifsod/plot.py", "ifsod/interop/neo.py",
                   f"ifsod-{ifsod.__version__}.dist-info/licenses/LICENSE"]:
        assert member in names, member
    metadata = wheel.read(f"ifsod-{ifsod.__version__}.dist-info/METADATA").decode()
    assert "License-Expression: BSD-3-Clause" in metadata
    assert "Project-URL: Paper, https://arxiv.org/abs/2501.11453" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    for extra in ["verify", "sparse", "plot", "labelled", "neo", "book", "dask", "flint"]:
        assert f"Provides-Extra: {extra}" in metadata, extra
    entry = wheel.read(f"ifsod-{ifsod.__version__}.dist-info/entry_points.txt").decode()
    assert "ifsod = ifsod.cli:main" in entry
    licence = wheel.read(f"ifsod-{ifsod.__version__}.dist-info/licenses/LICENSE").decode()
    assert licence.startswith("BSD 3-Clause License") and "ifsod developers" in licence


def test_the_sdist_holds_notebooks_book_sources_and_no_build(dist):
    with tarfile.open(next(dist.glob("ifsod-*.tar.gz"))) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    expected = {"LICENSE", "README.md", "Makefile", "book/_config.yml", "book/_toc.yml",
                "book/intro.md", "book/theory/quantization.md", "book/references.bib",
                "book/_ext/ifsod_book.py", "notebooks/01_tour.md",
                "notebooks/06_elephant_distances.md", "proofs/quantization.py",
                "tests/test_cli.py", "toolkit/ifsod/py.typed"}
    assert expected <= names, expected - names
    assert not any(name.startswith(("book/_build", "book/_generated")) for name in names)


def test_the_installed_wheel_is_the_one_imported(installed):
    run = _run(installed, "python", "-c", "import ifsod; print(ifsod.__file__)")
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.strip()).is_relative_to(installed / "venv"), run.stdout
    version = _run(installed, "ifsod", "--version")
    assert version.stdout.strip() == f"ifsod {ifsod.__version__}"


def test_encode_runs_from_the_installed_wheel(installed):
    data = _run(installed, "python", "-c", "import ifsod.data as d; print(d.__path__[0])")
    source = Path(data.stdout.strip()) / "daphnet_S06R02E0.csv"
    assert source.is_relative_to(installed / "venv")
    run = _run(installed, "ifsod", "encode", source, "--theta", "50", "--column", "ankle_vert",
               "--json", "--output", "events.json")
    assert run.returncode == 0, run.stderr
    events = json.loads((installed / "events.json").read_text())["columns"]["ankle_vert"]
    expected = if_encode(load_acceleration().channel("ankle_vert"), 50.0)
    assert events["spikes"] == int(abs(expected).sum() / 50)


def test_verify_runs_from_the_installed_wheel(installed):
    run = _run(installed, "ifsod", "verify", "--quick", "--json", "verify.json")
    assert run.returncode == 0, run.stderr[-3000:]
    claims = json.loads((installed / "verify.json").read_text())
    assert claims and all(c["matches_expectation"] for c in claims)

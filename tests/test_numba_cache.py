"""``import ifsod`` on a read-only install: the kernels compile without the disk cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import ifsod

SCRIPT = """
import warnings
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    import ifsod
    spikes = ifsod.if_encode([0.4, 0.4, 0.4], 1.0).tolist()
    from ifsod import NumbaCacheWarning
    from ifsod._numba_cache import NUMBA_CACHE
print(ifsod.__file__)
print(spikes, NUMBA_CACHE)
print([type(w.message).__name__ for w in caught if issubclass(w.category, NumbaCacheWarning)])
"""
SPARSE_SCRIPT = """
import ifsod.sparse
print(ifsod.sparse.recover([0.4, 0.4, 0.4], 1.0).spikes.tolist())
"""


def _run(tmp_path: Path, cache_dir: Path, home: Path, script: str = SCRIPT) -> list[str]:
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache_dir), HOME=str(home),
               XDG_CACHE_HOME=str(home), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=str(tmp_path / "site"))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=600, check=True)
    return done.stdout.splitlines()


def _read_only_copy(tmp_path: Path) -> Path:
    """The package copied with no writable place for caches: a file stands where every
    ``__pycache__`` folder would go (which keeps it unwritable for root too), and the
    folders lose their write permission."""
    target = tmp_path / "site" / "ifsod"
    shutil.copytree(Path(ifsod.__file__).parent, target,
                    ignore=shutil.ignore_patterns("__pycache__"))
    folders = [target, *(p for p in target.rglob("*") if p.is_dir())]
    for folder in folders:
        (folder / "__pycache__").write_text("")
    for folder in folders:
        folder.chmod(0o555)
    return target


def test_import_without_a_writable_cache_warns_once_and_computes(tmp_path):
    package = _read_only_copy(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("")  # a file: nothing can be created below it
    try:
        where, result, warned = _run(tmp_path, blocker / "numba", blocker)
    finally:
        for folder in [package, *(p for p in package.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
    assert where == str(package / "__init__.py")
    assert result == "[0.0, 0.0, 1.0] False"
    assert warned == "['NumbaCacheWarning']"


def test_sparse_imports_without_a_writable_cache(tmp_path):
    package = _read_only_copy(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    try:
        assert _run(tmp_path, blocker / "numba", blocker, SPARSE_SCRIPT) == ["[0.0, 0.0, 1.0]"]
    finally:
        for folder in [package, *(p for p in package.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)


def test_a_writable_cache_is_used_without_a_warning(tmp_path):
    shutil.copytree(Path(ifsod.__file__).parent, tmp_path / "site" / "ifsod",
                    ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    _, result, warned = _run(tmp_path, cache, tmp_path)
    assert result == "[0.0, 0.0, 1.0] True"
    assert warned == "[]"
    assert any(cache.rglob("*.nbi")), "numba wrote no cache index"


THREADED_THEN_SERIAL = """
import sys
import numba
import numpy as np
from ifsod import _kernels
rows = np.ones((64, 100))
extremes = [np.empty(64) for _ in range(3)]
kernel = _kernels.sum_ranges_parallel if sys.argv[1] == "threaded" else _kernels.sum_ranges_numba
kernel(rows, None, *extremes)
try:
    print(numba.threading_layer())
except ValueError:  # no threads were started
    print("none")
"""


def test_the_serial_norm_driver_never_loads_the_threaded_one_from_the_disk_cache(tmp_path):
    # The two drivers share one source; numba's cache tells functions apart by name and line.
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "cache"))
    seen = [subprocess.run([sys.executable, "-c", THREADED_THEN_SERIAL, which], env=env,
                           capture_output=True, text=True, timeout=600,
                           check=True).stdout.strip()
            for which in ("threaded", "serial", "serial")]
    assert seen[0] != "none"
    assert seen[1:] == ["none", "none"]

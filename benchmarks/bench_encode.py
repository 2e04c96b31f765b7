"""Speed of ``if_encode`` as a ratio to ``np.cumsum`` on the same array, in one process.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_encode.py [--quick]``).

Two inputs per size, because reset-to-mod does more work when many samples fire:
- ``dense``: white Gaussian noise, theta = 1 (about 38 % of samples fire);
- ``sparse``: a slow sine plus noise, theta = 1 (about 3 % of samples fire).
The first call of a fresh process (numba compiling, or loading the on-disk cache) is measured
separately in subprocesses.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from functools import partial

import numpy as np
from _timing import median_seconds

import ifsod

RESETS = ("mod", "subtract", "zero")


def _inputs(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    t = np.arange(n)
    return {
        "dense": rng.standard_normal(n),
        "sparse": 0.05 * np.sin(t * 1e-3) + 0.01 * rng.standard_normal(n),
    }


def _first_call_seconds(cache_dir: str) -> float:
    code = ("import time, numpy as np, ifsod; x = np.random.default_rng(0).standard_normal(1000);"
            "t = time.perf_counter(); [ifsod.if_encode(x, 1.0, reset=r) for r in "
            "('mod', 'subtract', 'zero')]; print(time.perf_counter() - t)")
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    return float(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1e5 and 1e6 only")
    args = parser.parse_args()
    sizes = (10**5, 10**6) if args.quick else (10**6, 10**7)
    rng = np.random.default_rng(0)

    with tempfile.TemporaryDirectory() as cache:
        cold = _first_call_seconds(cache)
        warm = _first_call_seconds(cache)
    print(f"first call, all three resets: compile {cold:.2f} s, from disk cache {warm:.2f} s")
    print()
    print(f"{'N':>9} {'input':>7} {'reset':>9} {'fired':>6} {'cumsum ms':>10} "
          f"{'encode ms':>10} {'ratio':>6}")
    for n in sizes:
        for name, x in _inputs(n, rng).items():
            peer = median_seconds(partial(np.cumsum, x))
            for reset in RESETS:
                spikes = ifsod.if_encode(x, 1.0, reset=reset)
                ifsod.checks.check_lattice(spikes[:1000], 1.0)
                took = median_seconds(partial(ifsod.if_encode, x, 1.0, reset=reset))
                print(f"{n:>9.0e} {name:>7} {reset:>9} {np.mean(spikes != 0):>6.1%} "
                      f"{peer * 1e3:>10.1f} {took * 1e3:>10.1f} {took / peer:>6.2f}")

    channels, n = (64, 10**5) if args.quick else (64, 10**6)
    x = rng.standard_normal((channels, n))
    peer = median_seconds(lambda: np.cumsum(x, axis=-1), repeat=3)
    took = median_seconds(lambda: ifsod.if_encode(x, 1.0), repeat=3)
    print()
    print(f"{channels} channels x {n:.0e} samples (dense, mod): cumsum {peer:.3f} s, "
          f"encode {took:.3f} s, ratio {took / peer:.2f}, "
          f"{took / x.size * 1e9:.2f} ns/sample")


if __name__ == "__main__":
    main()

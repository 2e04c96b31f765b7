"""Speed of the discrete encoders as ratios to a peer timed in turns with them, in one process.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_encode.py [--quick]``).

- One channel, N = 1e7 (1e6 with ``--quick``), against ``np.cumsum`` of the same array:
  white Gaussian noise, theta = 1 (about 38 % of samples fire), and a slow sine plus noise
  (about 3 % fire).
- 384 channels x 1e6 float64 samples (1e5 with ``--quick``) on every core (``workers``),
  against ``np.cumsum(axis=-1)`` of the same array, and on one core.
- int16 data encoded in integers against the float path on the same values as float64.

The last two write 3 GB arrays, and on a virtual machine the first write of memory the host
has not yet backed (or has taken back) costs several times the encoding; it falls on whichever
call gets such memory.  They report the fastest of five calls in turns, the least disturbed by
it, and the medians beside it.
- ``IFEncoder.process`` on chunks of 16 float64 samples: time a call, and against
  ``np.cumsum`` of the same chunk.
- ``alexiewicz_norm`` along the last axis of 384 channels against ``np.cumsum``, ``np.abs``
  and ``np.max``.
- The first call of a fresh process (numba compiling, or loading the on-disk cache).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from functools import partial

import numba
import numpy as np
from _timing import paired_seconds, paired_times

import ifsod
from ifsod.encode import RESETS


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


def single_channel(n: int, rng: np.random.Generator) -> None:
    print(f"one channel, N = {n:.0e}: if_encode time / np.cumsum time")
    print(f"{'input':>7} {'reset':>9} {'fired':>6} {'cumsum ms':>10} {'encode ms':>10} "
          f"{'ratio':>6}")
    for name, x in _inputs(n, rng).items():
        for reset in RESETS:
            spikes = ifsod.if_encode(x, 1.0, reset=reset)
            ifsod.checks.check_lattice(spikes[:1000], 1.0)
            peer, took = paired_seconds(partial(np.cumsum, x),
                                        partial(ifsod.if_encode, x, 1.0, reset=reset))
            print(f"{name:>7} {reset:>9} {np.mean(spikes != 0):>6.1%} {peer * 1e3:>10.1f} "
                  f"{took * 1e3:>10.1f} {took / peer:>6.2f}")


def _fastest_and_median(times: list[float]) -> tuple[float, float]:
    return min(times), sorted(times)[len(times) // 2]


def many_channels(channels: int, n: int, rng: np.random.Generator) -> None:
    x = rng.standard_normal((channels, n))
    cores = numba.config.NUMBA_NUM_THREADS
    times = paired_times(lambda: np.cumsum(x, axis=-1), lambda: ifsod.if_encode(x, 1.0),
                         lambda: ifsod.if_encode(x, 1.0, workers=1), repeat=5)
    (peer, peer_med), (every, every_med), (one, one_med) = map(_fastest_and_median, times)
    print(f"\n{channels} channels x {n:.0e} samples (white noise, mod), fastest of 5 calls "
          f"each (medians in brackets): np.cumsum(axis=-1) {peer:.3f} s ({peer_med:.3f} s)")
    print(f"  {cores} workers: {every:.3f} s, ratio {every / peer:.2f} "
          f"({every_med / peer_med:.2f}; {every / x.size * 1e9:.2f} ns a sample)")
    print(f"  1 worker:  {one:.3f} s, ratio {one / peer:.2f} ({one_med / peer_med:.2f}); "
          f"{cores} workers / 1 worker speed-up {one / every:.2f} ({one_med / every_med:.2f})")


def integers(channels: int, n: int, rng: np.random.Generator) -> None:
    print("\nint16 data (Gaussian, sd 1000), theta = 1000: integer path time / float path time, "
          "fastest of 5 calls each (medians in brackets)")
    for shape in ((n * 10,), (channels, n)):
        ints = np.clip(np.round(rng.standard_normal(shape) * 1000), -32768, 32767)
        ints = ints.astype(np.int16)
        floats = ints.astype(np.float64)
        assert np.array_equal(ifsod.if_encode(ints, 1000), ifsod.if_encode(floats, 1000.0))
        times = paired_times(partial(ifsod.if_encode, ints, 1000),
                             partial(ifsod.if_encode, floats, 1000.0), repeat=5)
        (fast, fast_med), (peer, peer_med) = map(_fastest_and_median, times)
        print(f"  shape {shape}: int16 {fast * 1e3:.1f} ms, float64 {peer * 1e3:.1f} ms, "
              f"ratio {fast / peer:.2f} ({fast_med / peer_med:.2f})")


def streaming(rng: np.random.Generator) -> None:
    chunk = rng.standard_normal(16)
    enc = ifsod.IFEncoder(1.0)
    enc.process(chunk)
    calls = 20000

    def stream():
        for _ in range(calls):
            enc.process(chunk)

    def peer():
        for _ in range(calls):
            np.cumsum(chunk)

    took, base = paired_seconds(stream, peer, repeat=5)
    print(f"\nIFEncoder.process, chunks of 16 float64 samples: {took / calls * 1e6:.2f} us a "
          f"call; np.cumsum of the chunk {base / calls * 1e6:.2f} us; ratio {took / base:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes divided by 10")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    rng = np.random.default_rng(0)

    with tempfile.TemporaryDirectory() as cache:
        cold = _first_call_seconds(cache)
        warm = _first_call_seconds(cache)
    print(f"first call, all three resets: compile {cold:.2f} s, from disk cache {warm:.2f} s\n")
    # The per-call figure first, before the large arrays below, so that they cannot sway it.
    # Its peer runs in the same process: small calls here take one of two speeds per process.
    streaming(rng)
    print()
    single_channel(10**7 // scale, rng)
    many_channels(384, 10**6 // scale, rng)
    integers(384, 10**6 // scale, rng)
    a = rng.standard_normal((384, 10**6 // scale))
    took, peer = paired_seconds(lambda: ifsod.alexiewicz_norm(a),
                                lambda: np.max(np.abs(np.cumsum(a, axis=-1)), axis=-1), repeat=3)
    print(f"\nalexiewicz_norm of {a.shape[0]} x {a.shape[1]:.0e} along the last axis: "
          f"{took * 1e3:.0f} ms, ratio {took / peer:.2f} to max |np.cumsum(axis=-1)|")


if __name__ == "__main__":
    main()

"""Out-of-core encoding of a recording larger than memory, with Dask, on 1 and 2 workers.

Run: ``make bench`` (a reduced size) or ``.venv/bin/python benchmarks/bench_scale.py
[--samples N] [--channels C]``; the environment variable ``IFSOD_BENCH_SAMPLES`` sets ``N`` too.
The full size is 64 channels x 1e8 float64 samples (51 GB): ``--samples 100000000``.

The recording is never stored: each chunk (all channels x 2**17 samples) is drawn from its own
seeded generator when a task needs it, encoded (reset-to-mod, theta = 1, parallel time chunks by
the scan of clamps, each of its three passes drawing the chunk afresh) and reduced to its count
of firing samples per channel, so memory holds a few chunks at a time.  Reported: samples per
second with 1 and 2 worker threads, their ratio, and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import dask
import dask.array as da
import numpy as np

import ifsod

CHUNK = 2**17


def _chunk(block_info=None):
    """One chunk of white noise, uniform on [-2, 2), from a generator seeded by its place.

    Uniform rather than Gaussian noise: it is drawn several times faster, and every pass of
    the encoder draws it afresh.
    """
    info = block_info[None]
    (c0, _), (t0, t1) = info["array-location"]
    out = np.random.default_rng([c0, t0]).random((info["chunk-shape"][0], t1 - t0))
    out *= 4.0
    out -= 2.0
    return out


def recording(channels: int, samples: int) -> da.Array:
    """A lazy (channels, samples) float64 recording, generated chunk by chunk."""
    chunks = ((channels,), tuple(min(CHUNK, samples - t) for t in range(0, samples, CHUNK)))
    return da.map_blocks(_chunk, chunks=chunks, dtype=np.float64, meta=np.empty((0, 0)))


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--samples", type=int,
                        default=int(float(os.environ.get("IFSOD_BENCH_SAMPLES", 1e7))),
                        help="samples per channel (full size: 1e8)")
    args = parser.parse_args()
    # Compiling (or loading the compiled kernels) is not part of the throughput.
    (ifsod.if_encode(recording(args.channels, 3 * CHUNK), 1.0) != 0).sum().compute()
    x = recording(args.channels, args.samples)
    counts = (ifsod.if_encode(x, 1.0) != 0).sum(axis=-1)
    print(f"recording: {args.channels} channels x {args.samples:.2g} float64 samples "
          f"({x.nbytes / 1e9:.1f} GB), chunks of {CHUNK} samples, reset-to-mod, theta = 1")
    rates = {}
    result = {}
    for workers in (1, 2):
        start = time.perf_counter()
        with dask.config.set(scheduler="threads", num_workers=workers):
            result[workers] = counts.compute()
        took = time.perf_counter() - start
        rates[workers] = x.size / took
        print(f"{workers} worker(s): {took:.1f} s, {rates[workers]:.3g} samples/s, "
              f"peak RSS so far {_peak_rss_gb():.2f} GB")
    assert np.array_equal(result[1], result[2])
    print(f"2 workers / 1 worker throughput: {rates[2] / rates[1]:.2f}; "
          f"firing samples {result[1].sum() / x.size:.1%}; peak RSS {_peak_rss_gb():.2f} GB")


if __name__ == "__main__":
    main()

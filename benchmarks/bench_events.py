"""Events per second of ``if_events`` on a continuous signal, against ``if_encode`` of its bins.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_events.py [--quick]``).

The signal is a float piecewise-linear random walk plus a sine with 1e5 pieces (1e4 with
``--quick``).  The peer is the discrete encoder on the same signal's bin integrals, one bin per
piece, measured in the same process; it sees the same spikes up to the timing inside a bin.
Reported: events per second of each and their ratio, the time to compute the bin integrals, and
one exact-mode run on a short piece of the signal (rational samples, algebraic event times).
"""

from __future__ import annotations

import argparse
from fractions import Fraction
from functools import partial

import numpy as np
from _timing import median_seconds

import ifsod


def _signal(n: int, rng: np.random.Generator) -> tuple[np.ndarray, ifsod.Signal]:
    t = np.arange(n + 1) * 0.01
    v = 0.1 * np.cumsum(rng.standard_normal(n + 1)) + 2.0 * np.sin(t)
    return t, ifsod.Signal.from_samples(t, v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1e4 pieces instead of 1e5")
    args = parser.parse_args()
    n = 10**4 if args.quick else 10**5
    rng = np.random.default_rng(0)
    t, f = _signal(n, rng)

    print(f"{'theta':>6} {'events':>8} {'if_events ev/s':>15} {'if_encode ev/s':>15} "
          f"{'ratio':>7} {'bins s':>7}")
    for theta in (0.05, 0.5):
        train = ifsod.if_events(f, theta)
        bins = median_seconds(partial(f.bin_integrals, t), repeat=3)
        x = f.bin_integrals(t)
        spikes = ifsod.if_encode(x, theta)
        discrete_events = int(np.sum(np.abs(spikes)) / theta + 0.5)
        took = median_seconds(partial(ifsod.if_events, f, theta), repeat=3)
        peer = median_seconds(partial(ifsod.if_encode, x, theta))
        rate, peer_rate = train.count / took, discrete_events / peer
        print(f"{theta:>6} {train.count:>8} {rate:>15.3g} {peer_rate:>15.3g} "
              f"{peer_rate / rate:>7.0f} {bins:>7.2f}")
        # Same signal, same spikes: the discrete count can only miss crossings inside a bin.
        assert discrete_events <= train.count

    m = 200
    exact = ifsod.Signal.from_samples([Fraction(k, 100) for k in range(m + 1)],
                                      [Fraction(float(v)).limit_denominator(1000)
                                       for v in f(t[:m + 1])])
    train = ifsod.if_events(exact, Fraction(1, 20))
    took = median_seconds(partial(ifsod.if_events, exact, Fraction(1, 20)), repeat=3)
    print(f"\nexact mode, {m} pieces: {train.count} events "
          f"({sum(not isinstance(x, Fraction) for x in train.times)} irrational times), "
          f"{train.count / took:.3g} events/s")


if __name__ == "__main__":
    main()

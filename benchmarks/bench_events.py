"""Events per second of the continuous encoders, against ``if_encode`` of the bin integrals.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_events.py [--quick]``).

The signals have 1e6 pieces (1e5 with ``--quick``): a piecewise-linear random walk plus a sine
(``linear``), and the cubic spline through the same samples (``cubic``, SciPy's
``CubicSpline``, whose primitive is quartic), so both fire about as often and their events per
second compare the two root paths.  The peer is the discrete encoder on the same signal's bin
integrals, one bin per piece, measured in the same process; it sees the same spikes up to the
timing inside a bin.  Reported per signal and threshold: events, events and pieces per second
of ``if_events``, ``if_encode`` events per second and the ratio, and events per second of
``sod_events`` with the signal as its level (a linear membrane on the linear signal, a
cubic one on the spline), at ``delta = theta``, where it fires about once a piece so that its
cost is that of a piece, and at ``delta = theta / 10``, where it makes about as many events
as ``if_events``.  Then the primitive and derivative of the cubic spline against building it
(``Signal.piecewise`` of its table); its sup and Alexiewicz norms against the maxima over the
breakpoints of ``|f|`` and of the bin integrals' running sum; the vectorised float evaluation
``f(t)`` of 2e5 points against ``np.interp`` of the same points; and one exact-mode run on a
short piece of the signal (rational samples, algebraic times).
"""

from __future__ import annotations

import argparse
from fractions import Fraction
from functools import partial

import numpy as np
from _timing import median_seconds
from scipy.interpolate import CubicSpline

import ifsod


def _signals(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, dict]:
    t = np.arange(n + 1) * 0.01
    v = 0.1 * np.cumsum(rng.standard_normal(n + 1)) + 2.0 * np.sin(t)
    spline = CubicSpline(t, v)
    # SciPy holds the highest power first; Signal.piecewise takes the lowest first.
    cubic = ifsod.Signal.piecewise(t, spline.c[::-1].T.copy())
    return t, v, {"linear": ifsod.Signal.from_samples(t, v), "cubic": cubic}


def calculus(f: ifsod.Signal) -> None:
    """Primitive, derivative and norms of the cubic spline, each against a peer of its size."""
    t, _, table = f.piece_arrays()
    build = median_seconds(partial(ifsod.Signal.piecewise, t, table), repeat=3)
    print(f"\ncubic spline, {len(t) - 1} pieces: Signal.piecewise of its table {build:.2f} s")
    for name in ("primitive", "derivative"):
        took = median_seconds(getattr(f, name), repeat=3)
        print(f"  {name + '()':>13}: {took:.2f} s, {took / build:.2f} x Signal.piecewise")
    x = f.bin_integrals(t)
    for name, norm, peer, what in (
            ("sup_norm", f.sup_norm, lambda: np.max(np.abs(f(t))), "max |f(b_k)|"),
            ("alexiewicz_norm", f.alexiewicz_norm,
             lambda: np.max(np.abs(np.cumsum(x))), "max |cumsum(bin integrals)|")):
        took, base = median_seconds(norm, repeat=3), median_seconds(peer, repeat=3)
        # The peers take the candidates at the breakpoints only: lower bounds of the norms.
        assert peer() <= norm() * (1 + 1e-12)
        print(f"  {name + '()':>17}: {took:.3f} s, {took / base:.1f} x {what} ({base:.3f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1e5 pieces instead of 1e6")
    args = parser.parse_args()
    n = 10**5 if args.quick else 10**6
    rng = np.random.default_rng(0)
    t, v, signals = _signals(n, rng)

    print(f"{n} pieces")
    print(f"{'signal':>7} {'theta':>6} {'events':>9} {'if_events ev/s':>15} {'pieces/s':>9} "
          f"{'if_encode ev/s':>15} {'ratio':>6} {'sod_events ev/s':>16} "
          f"{'at theta/10: events':>20} {'ev/s':>9}")
    for name, f in signals.items():
        x = f.bin_integrals(t)
        for theta in (0.05, 0.02):
            train = ifsod.if_events(f, theta)
            took = median_seconds(partial(ifsod.if_events, f, theta), repeat=3)
            spikes = ifsod.if_encode(x, theta)
            discrete_events = int(np.sum(np.abs(spikes)) / theta + 0.5)
            peer = median_seconds(partial(ifsod.if_encode, x, theta))
            rate, peer_rate = len(train) / took, discrete_events / peer
            sod = []
            for delta in (theta, theta / 10):
                sod_train = ifsod.sod_events(f, delta)
                sod_took = median_seconds(partial(ifsod.sod_events, f, delta), repeat=3)
                sod.append((len(sod_train), len(sod_train) / sod_took))
            print(f"{name:>7} {theta:>6} {len(train):>9} {rate:>15.3g} {n / took:>9.3g} "
                  f"{peer_rate:>15.3g} "
                  f"{peer_rate / rate:>6.2f} {sod[0][1]:>16.3g} {sod[1][0]:>20} "
                  f"{sod[1][1]:>9.3g}")
            # Same signal, same spikes: the discrete count can only miss crossings in a bin.
            assert discrete_events <= train.count

    calculus(signals["cubic"])

    f = signals["linear"]
    points = np.sort(rng.uniform(t[0], t[-1], 200_000))
    ours = median_seconds(partial(f, points), repeat=5)
    interp = median_seconds(partial(np.interp, points, t, v), repeat=5)
    assert np.allclose(f(points), np.interp(points, t, v), rtol=0, atol=1e-9)
    print(f"\nf(t) at 2e5 points: {ours:.3g} s, {ours / interp:.1f} x np.interp")

    m = 200
    exact = ifsod.Signal.from_samples([Fraction(k, 100) for k in range(m + 1)],
                                      [Fraction(float(y)).limit_denominator(1000)
                                       for y in v[:m + 1]])
    train = ifsod.if_events(exact, Fraction(1, 20))
    took = median_seconds(partial(ifsod.if_events, exact, Fraction(1, 20)), repeat=3)
    print(f"exact mode, {m} pieces: {train.count} events "
          f"({sum(not isinstance(x, Fraction) for x in train.times)} irrational times), "
          f"{train.count / took:.3g} events/s")


if __name__ == "__main__":
    main()

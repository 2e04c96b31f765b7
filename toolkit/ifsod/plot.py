"""Figures of spike trains, membranes, holds, reconstructions, threshold sweeps and verdicts.

Each function draws on the ``ax`` (or ``axes``) it is given, or on a new figure, and returns
what it drew on, so that figures compose and tests can read back their artists.  Needs
matplotlib (``pip install 'ifsod[plot]'``); ``import ifsod`` does not import this module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from ._typing import Kernel
from ._validate import as_samples, check_threshold, to_float_array
from .norms import running_sums
from .reconstruct import kernel_error_bound, kernel_filter
from .signal import Signal
from .spiketrain import SpikeTrain

#: Verdicts of ``ifsod verify`` in the order the figure stacks them, with their colours.
VERDICT_COLORS = {"PROVED": "#1a7f37", "PROVED_UP_TO_N": "#2f6f9f",
                  "NO_COUNTEREXAMPLE": "#6e5a00", "FALSIFIED": "#b35900", "ERROR": "#cf222e"}
POSITIVE, NEGATIVE = "tab:blue", "tab:red"


def _samples(values: Any, name: str, *, ndim: int = 1,
             shape: str = "one channel (1-D)") -> np.ndarray:
    """``values`` as float64 samples (exact ones rounded), refused by name when they are not
    finite real data of 1 to ``ndim`` dimensions (``shape`` says which)."""
    arr, exact = as_samples(values, name)
    if not 1 <= arr.ndim <= ndim:
        raise ValueError(f"{name} must be {shape}; got shape {arr.shape}")
    return to_float_array(arr, name) if exact else arr


def _threshold(value: Any, name: str = "theta") -> float | None:
    return None if value is None else check_threshold(value, name)


def _axes(ax: Any) -> Any:
    return plt.subplots(figsize=(8, 3))[1] if ax is None else ax


def _events(spikes: Any, times: Any) -> tuple[np.ndarray, np.ndarray]:
    """Event times and weights of a SpikeTrain or of a dense 1-D spike array."""
    if isinstance(spikes, SpikeTrain):
        return (np.array([float(t) for t in spikes.times]),
                np.array([float(w) for w in spikes.weights]))
    dense = _samples(spikes, "spikes", shape="a SpikeTrain or 1-D")
    fired = np.flatnonzero(dense)
    grid = np.arange(dense.size) if times is None else np.asarray(times, dtype=float)
    if grid.shape != dense.shape:
        raise ValueError(f"times must have one entry per sample ({dense.size}); got shape "
                         f"{grid.shape}")
    return grid[fired], dense[fired]


def _window(grid: np.ndarray, window: tuple[float, float] | None, *arrays: np.ndarray
            ) -> tuple[np.ndarray, ...]:
    """``grid`` and ``arrays`` restricted to ``window`` (computed on the whole record first, so
    running quantities are those of the whole record)."""
    if window is None:
        return (grid, *arrays)
    keep = (grid >= window[0]) & (grid <= window[1])
    if not keep.any():
        raise ValueError(f"window {window} holds no sample of times {grid[0]}..{grid[-1]}")
    return (grid[keep], *(a[keep] for a in arrays))


def spike_train(spikes: Any, *, times: Any = None, theta: Any = None, ax: Any = None,
                label: str | None = None) -> Any:
    """Stems at the event times, as high as the weights (in units of ``theta`` if given).

    Parameters
    ----------
    spikes : SpikeTrain or array_like
        A train, or the dense output of :func:`ifsod.if_encode` (one channel).
    times : array_like, optional
        Time of each sample of a dense array (default: the sample index).
    theta : float, optional
        Draw weights in units of ``theta`` (spike counts).
    ax : matplotlib.axes.Axes, optional
    label : str, optional
        Legend label of the stems.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = spike_train([0.0, 1.0, -2.0, 0.0], theta=1.0)
    >>> ax.collections[0].get_segments()[1].tolist()
    [[2.0, 0.0], [2.0, -2.0]]
    >>> plt.close(ax.figure)
    """
    theta = _threshold(theta)
    t, w = _events(spikes, times)
    ax = _axes(ax)
    heights = w / theta if theta is not None else w
    colors = np.where(heights > 0, POSITIVE, NEGATIVE)
    ax.vlines(t, 0, heights, colors=colors, lw=1.2, label=label)
    ax.scatter(t, heights, c=colors, s=12, zorder=3)
    ax.axhline(0, color="black", lw=0.5)
    ax.set_ylabel(r"spikes ($\theta$)" if theta is not None else "weight")
    ax.set_xlabel("sample $n$" if times is None and not isinstance(spikes, SpikeTrain)
                  else "time")
    return ax


def raster(spikes: Any, *, times: Any = None, channels: Sequence[str] | None = None,
           theta: Any = None, ax: Any = None) -> Any:
    """One row of events per channel; marker area grows with the spike count, colour by sign.

    Parameters
    ----------
    spikes : array_like or sequence of SpikeTrain
        Dense spikes, channels x samples (time along the last axis), or one train per channel.
    times : array_like, optional
        Time of each sample (dense input).
    channels : sequence of str, optional
        Row labels.
    theta : float, optional
        Threshold: marker areas scale with ``|weight| / theta``.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = raster([[0.0, 1.0], [2.0, 0.0]], channels=["a", "b"], theta=1.0)
    >>> [tick.get_text() for tick in ax.get_yticklabels()]
    ['a', 'b']
    >>> ax.collections[1].get_offsets().tolist()
    [[0.0, 1.0]]
    >>> plt.close(ax.figure)
    """
    rows = list(spikes) if isinstance(spikes, Sequence) and spikes and \
        isinstance(spikes[0], SpikeTrain) else list(np.atleast_2d(_samples(
        spikes, "spikes", ndim=2, shape="channels x samples (2-D) or one channel")))
    scale = _threshold(theta) or 1.0
    ax = _axes(ax)
    for k, row in enumerate(rows):
        t, w = _events(row, times)
        ax.scatter(t, np.full(t.shape, k), s=12 * np.abs(w) / scale, marker="|",
                   c=np.where(w > 0, POSITIVE, NEGATIVE), linewidths=1.5)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(channels if channels is not None else [str(k) for k in range(len(rows))])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("sample $n$" if times is None else "time")
    return ax


def membrane(x: Any, spikes: Any, theta: Any, *, leak: Any = 1.0, times: Any = None,
             window: tuple[float, float] | None = None, ax: Any = None,
             points: int = 2001) -> Any:
    r"""The running error against :math:`\pm\theta`: :math:`u_n = (C_\lambda(x - s))_n` for
    samples, :math:`u(t) = F(t) - S(t)` for a :class:`~ifsod.Signal` and its train.

    For reset-to-mod and reset-by-subtraction this is the membrane; T1 says it stays strictly
    inside the band for reset-to-mod (in continuous time it may reach :math:`\theta` only as a
    limit just before a spike).  For reset-to-zero it is the Alexiewicz error, which keeps what
    the membrane forgot.

    Parameters
    ----------
    x : array_like or Signal
        One channel of samples, or a signal on its time range.
    spikes : array_like or SpikeTrain
        Its spikes (dense for samples, a train for a signal).
    theta : float
        Threshold.
    leak : float or array_like
        Leak (D2) of sampled input, as given to the encoder.
    times : array_like, optional
        Time of each sample.
    window : (float, float), optional
        Time interval to draw; everything is computed from the start of the record.
    ax : matplotlib.axes.Axes, optional
    points : int
        Grid points of a signal's time range (event times are added).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from ifsod import if_encode
    >>> x = [0.5, 0.75, 2.5, -0.5]
    >>> ax = membrane(x, if_encode(x, 1.0), 1.0)
    >>> ax.lines[0].get_ydata().tolist()
    [0.5, 0.25, 0.75, 0.25]
    >>> plt.close(ax.figure)
    """
    th = check_threshold(theta, "theta")
    if not isinstance(x, Signal):
        x, spikes = _samples(x, "x"), _samples(spikes, "spikes")
    ax = _axes(ax)
    if isinstance(x, Signal):
        t, u = _continuous_error(x, spikes, points)
        t, u = _window(t, window, u)
        ax.plot(t, u, color="black", lw=1, label="$F - S$")
        ax.set_xlabel("time")
    else:
        u = np.asarray(running_sums(x - spikes, leak=leak), dtype=float)
        grid, u = _window(np.arange(u.size) if times is None else
                          np.asarray(times, dtype=float), window, u)
        ax.step(grid, u, where="post", color="black", lw=1, label="membrane $u_n$")
        ax.set_xlabel("sample $n$" if times is None else "time")
    ax.axhspan(-th, th, color="gray", alpha=0.2, label=r"$|u| < \theta$")
    for level in (-th, th):
        ax.axhline(level, color="gray", ls="--", lw=0.8)
    ax.set_ylabel("membrane")
    ax.legend(fontsize=8, loc="upper right")
    return ax


def _continuous_error(f: Signal, train: SpikeTrain, points: int) -> tuple[np.ndarray, np.ndarray]:
    """:math:`F - S` on a grid of the time range, with each event time on both sides."""
    if not isinstance(train, SpikeTrain):
        raise TypeError(f"spikes must be a SpikeTrain for a Signal x; got {type(train).__name__}")
    t0, t_end = (float(v) for v in f.t_range)
    events = np.array([float(t) for t in train.times])
    grid = np.unique(np.concatenate([np.linspace(t0, t_end, points), events]))
    primitive = np.asarray(f.primitive()(grid.tolist()), dtype=float)
    weights = np.cumsum([float(w) for w in train.weights])
    index = np.searchsorted(events, grid, side="right")
    staircase = np.where(index > 0, weights[np.maximum(index - 1, 0)] if weights.size else 0, 0)
    return grid, primitive - staircase


def hold(y: Any, events: Any, delta: Any, *, times: Any = None,
         window: tuple[float, float] | None = None, ax: Any = None) -> Any:
    r"""A signal against its Send-on-Delta zero-order hold :math:`L_n = y_0 + \sum_{k\le n} e_k`
    and the band :math:`L \pm \Delta` that T4 keeps it in.

    Parameters
    ----------
    y : array_like
        One channel of samples.
    events : array_like
        Its events, ``sod_encode(y, delta)``.
    delta : float
        The step.
    times : array_like, optional
        Time of each sample.
    window : (float, float), optional
        Time interval to draw; everything is computed from the start of the record.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from ifsod import sod_encode
    >>> y = [0.0, 0.4, 1.2, 0.1]
    >>> ax = hold(y, sod_encode(y, 0.5), 0.5)
    >>> ax.lines[1].get_ydata().tolist()
    [0.0, 0.0, 1.0, 0.5]
    >>> plt.close(ax.figure)
    """
    d = check_threshold(delta, "delta")
    values, events = _samples(y, "y"), _samples(events, "events")
    ax = _axes(ax)
    level = values[0] + np.cumsum(events)
    grid, values, level = _window(np.arange(values.size) if times is None else
                                  np.asarray(times, dtype=float), window, values, level)
    ax.fill_between(grid, level - d, level + d, step="post", color="tab:orange", alpha=0.25,
                    label=r"band $L \pm \Delta$")
    ax.plot(grid, values, color="tab:blue", lw=1.2, label="signal $y$")
    ax.step(grid, level, where="post", color="tab:orange", lw=1.2,
            label=r"zero-order hold $L$")
    ax.set_xlabel("sample $n$" if times is None else "time")
    ax.legend(fontsize=8, loc="upper right")
    return ax


def reconstruction(x: Any, spikes: Any, theta: Any, *, kernel: Kernel = "box", width: Any,
                   times: Any = None, window: tuple[float, float] | None = None,
                   scale: float = 1.0, ax: Any = None) -> Any:
    """The kernel-filtered signal against the filtered spikes, in the error band of T5.

    Parameters
    ----------
    x, spikes : array_like
        One channel of samples and its reset-to-mod spikes.
    theta : float
        Threshold.
    kernel, width
        As in :func:`ifsod.reconstruct.kernel_filter`.
    times : array_like, optional
        Time of each sample.
    window : (float, float), optional
        Time interval to draw; everything is computed from the start of the record.
    scale : float
        Factor applied to everything drawn (``1/dt`` turns sample integrals into rates).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from ifsod import if_encode
    >>> x = [0.5, 0.75, 2.5, -0.5]
    >>> ax = reconstruction(x, if_encode(x, 1.0), 1.0, width=2)
    >>> [line.get_label() for line in ax.lines]
    ['filtered signal', 'filtered spikes']
    >>> plt.close(ax.figure)
    """
    theta = check_threshold(theta, "theta")
    reference = kernel_filter(_samples(x, "x"), kernel, width=width) * scale
    rebuilt = kernel_filter(_samples(spikes, "spikes"), kernel, width=width) * scale
    bound = float(kernel_error_bound(theta, kernel, width=width)) * scale
    ax = _axes(ax)
    grid, reference, rebuilt = _window(np.arange(reference.size) if times is None else
                                       np.asarray(times, dtype=float), window, reference,
                                       rebuilt)
    ax.fill_between(grid, reference - bound, reference + bound, color="tab:orange", alpha=0.25,
                    label="T5 error band")
    ax.plot(grid, reference, color="tab:blue", lw=1.2, label="filtered signal")
    ax.plot(grid, rebuilt, color="black", lw=1, label="filtered spikes")
    ax.set_xlabel("sample $n$" if times is None else "time")
    ax.legend(fontsize=8, loc="upper right")
    return ax


def theta_sweep(thetas: Any, results: Mapping[str, Mapping[str, Any]], *,
                bounds: Mapping[str, Any] | None = None, axes: Any = None,
                ylabels: Sequence[str] = ("spikes per second", "Alexiewicz error", "RMSE"),
                xlabel: str = r"threshold $\theta$") -> Any:
    r"""Rate, Alexiewicz error and RMSE against the threshold (log-log), one curve per method;
    a star marks each method's :math:`\theta^*`, its least RMSE.

    Parameters
    ----------
    thetas : array_like
        Thresholds of the sweep.
    results : mapping
        ``{label: {"rate": ..., "a_error": ..., "rmse": ...}}``, one value per threshold.
    bounds : mapping, optional
        Reference curves drawn dashed, keyed ``"rate"``, ``"a_error"``, ``"rmse"``:
        ``{key: (values, label)}``.
    axes : sequence of matplotlib.axes.Axes, optional
        Three axes to draw rate, error and RMSE on (default: a new figure).
    ylabels : sequence of str
        The three axis labels.
    xlabel : str

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = theta_sweep([1, 2, 4], {"mod": {"rate": [9, 5, 2], "a_error": [.9, 1.8, 3.5],
    ...                                       "rmse": [3, 1, 2]}})
    >>> star = fig.axes[2].lines[1]
    >>> star.get_xdata().tolist(), star.get_label()
    ([2.0], 'θ* (mod) = 2')
    >>> plt.close(fig)
    """
    keys = ("rate", "a_error", "rmse")
    thetas = _samples(thetas, "thetas")
    if np.any(thetas <= 0):
        raise ValueError(f"thetas must be > 0 (a logarithmic axis); got {thetas.tolist()}")
    if axes is None:
        fig, axes = plt.subplots(3, 1, figsize=(8, 9), sharex=True)
    fig = axes[0].figure
    for label, values in results.items():
        color = None
        for ax, key in zip(axes, keys):
            data = np.asarray(values[key], dtype=float)
            if data.shape != thetas.shape:
                raise ValueError(f"results[{label!r}][{key!r}] must have one value per theta "
                                 f"({thetas.size}); got shape {data.shape}")
            (line,) = ax.loglog(thetas, data, "o-", ms=3, color=color, label=label)
            color = line.get_color()
        best = int(np.argmin(np.asarray(values["rmse"], dtype=float)))
        axes[2].plot([thetas[best]], [values["rmse"][best]], "*", ms=14, color=color,
                     markeredgecolor="black", label=f"θ* ({label}) = {thetas[best]:.3g}")
    for ax, key, ylabel in zip(axes, keys, ylabels):
        if bounds and key in bounds:
            values, label = bounds[key]
            ax.loglog(thetas, np.asarray(values, dtype=float), "k--", lw=1, label=label)
        ax.set_ylabel(ylabel)
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize=8)
    axes[-1].set_xlabel(xlabel)
    return fig


def _claims(report: Any) -> list[dict]:
    if isinstance(report, str | Path):
        try:
            report = json.loads(Path(report).read_text(encoding="utf-8"))
        except OSError as err:
            raise ValueError(f"report: cannot read {report}: {err.strerror}") from None
    if not isinstance(report, list) or not all(isinstance(c, dict) and {"id", "verdict"}
                                               <= set(c) for c in report):
        raise ValueError("report must be the JSON of `ifsod verify --json` (a list of claims "
                         "with id and verdict) or its path")
    return report


def _group(claim_id: str) -> str:
    """The theorem a claim belongs to: ``T1`` for ``T1a``; other ids stand alone."""
    match = re.match(r"[A-Za-z]+\d+", claim_id)
    return match.group(0) if match else claim_id


def verdicts(report: Any, *, ax: Any = None) -> Any:
    """Verdicts per theorem group (T1, T2, ...) as stacked bars, from ``ifsod verify --json``.

    Claims whose verdict differs from their expectation are counted in the title.

    Parameters
    ----------
    report : str, pathlib.Path or list of dict
        The JSON report, or its path.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = verdicts([{"id": "T1a", "verdict": "PROVED", "matches_expectation": True},
    ...                {"id": "T1b", "verdict": "FALSIFIED", "matches_expectation": True},
    ...                {"id": "T2", "verdict": "PROVED", "matches_expectation": True}])
    >>> [(t.get_text(), float(p.get_height())) for p, t in zip(ax.patches[:2],
    ...                                                         ax.get_xticklabels())]
    [('T1', 1.0), ('T2', 1.0)]
    >>> ax.get_title()
    '3 claims: every verdict as expected'
    >>> plt.close(ax.figure)
    """
    claims = _claims(report)
    ax = _axes(ax)
    group = {c["id"]: _group(c["id"]) for c in claims}
    groups = sorted(set(group.values()), key=lambda g: (len(g), g))
    bottom = np.zeros(len(groups))
    for verdict, color in VERDICT_COLORS.items():
        counts = np.array([sum(1 for c in claims if group[c["id"]] == g and
                               c["verdict"] == verdict) for g in groups], dtype=float)
        ax.bar(groups, counts, bottom=bottom, color=color, label=verdict)
        bottom += counts
    unexpected = [c["id"] for c in claims if not c.get("matches_expectation", True)]
    ax.set_title(f"{len(claims)} claims: " + (f"{len(unexpected)} differ from their "
                                              f"expectation ({', '.join(unexpected)})"
                                              if unexpected else "every verdict as expected"))
    ax.set_ylabel("claims")
    ax.set_xlabel("theorem group")
    ax.legend(fontsize=7)
    return ax

"""Figures of spike trains, membranes, holds, reconstructions, paths in the Alexiewicz tube,
sweeps and verdicts.

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
    grid = _grid(times, dense.size)
    if grid.shape != dense.shape:
        raise ValueError(f"times must have one entry per sample ({dense.size}); got shape "
                         f"{grid.shape}")
    return grid[fired], dense[fired]


def _grid(times: Any, size: int) -> np.ndarray:
    """The time of each of ``size`` samples: ``times``, or the sample index."""
    return np.arange(size) if times is None else np.asarray(times, dtype=float)


def _time_label(times: Any) -> str:
    return "sample $n$" if times is None else "time"


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
        The axes, holding the stems (``collections[0]``) and their heads.

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
        The axes, one collection of markers per channel, top row first.

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
    ax.set_xlabel(_time_label(times))
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
        The axes, the running error as its first line.

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
        grid, u = _window(_grid(times, u.size), window, u)
        ax.step(grid, u, where="post", color="black", lw=1, label="membrane $u_n$")
        ax.set_xlabel(_time_label(times))
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
        The axes, with the signal and the hold as its first two lines.

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
    grid, values, level = _window(_grid(times, values.size), window, values, level)
    ax.fill_between(grid, level - d, level + d, step="post", color="tab:orange", alpha=0.25,
                    label=r"band $L \pm \Delta$")
    ax.plot(grid, values, color="tab:blue", lw=1.2, label="signal $y$")
    ax.step(grid, level, where="post", color="tab:orange", lw=1.2,
            label=r"zero-order hold $L$")
    ax.set_xlabel(_time_label(times))
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
        The axes, with the filtered signal and the filtered spikes as lines.

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
    grid, reference, rebuilt = _window(_grid(times, reference.size), window, reference,
                                       rebuilt)
    ax.fill_between(grid, reference - bound, reference + bound, color="tab:orange", alpha=0.25,
                    label="T5 error band")
    ax.plot(grid, reference, color="tab:blue", lw=1.2, label="filtered signal")
    ax.plot(grid, rebuilt, color="black", lw=1, label="filtered spikes")
    ax.set_xlabel(_time_label(times))
    ax.legend(fontsize=8, loc="upper right")
    return ax


def paths(x: Any, trains: Mapping[str, Any], theta: Any, *, relative: bool = False,
          times: Any = None, window: tuple[float, float] | None = None,
          points: bool = False, ax: Any = None) -> Any:
    r"""Cumulative sums :math:`S_n = \sum_{k \le n} s_k` of several spike trains against the
    primitive :math:`F_n = \sum_{k \le n} x_k` and the tube :math:`F_n \pm \theta`.

    A train is in the Alexiewicz ball of radius :math:`\theta` around ``x`` exactly when its
    staircase stays in the tube: strictly inside for reset-to-mod (T1), on the closed tube for
    the optima of the relaxed problem (T6).  Drawn ``relative`` to the primitive, the tube is
    the band :math:`\pm\theta` and each curve is :math:`S_n - F_n`.

    Parameters
    ----------
    x : array_like
        One channel of samples (exact ones are drawn as the nearest floats).
    trains : mapping
        ``{label: spikes}``, dense spikes of the same length as ``x``, drawn in this order.
    theta : float
        Radius of the tube.
    relative : bool
        Draw :math:`S_n - F_n` in the band :math:`\pm\theta` instead of :math:`S_n` in
        :math:`F_n \pm \theta`.
    times : array_like, optional
        Time of each sample.
    window : (float, float), optional
        Time interval to draw; everything is computed from the start of the record.
    points : bool
        Draw each sample as a point instead of a staircase, for short sequences such as
        counterexamples: the tube as a bar, the primitive as a dash, the trains' sums as
        markers side by side (shifted by a fraction of a sample) joined by dotted lines.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The axes, one line per train in the order of ``trains`` (after the primitive when not
        ``relative``).

    Examples
    --------
    >>> from ifsod import if_encode
    >>> x = [0.5, 0.75, 2.5]
    >>> ax = paths(x, {"mod": if_encode(x, 1.0)}, 1.0, relative=True)
    >>> ax.lines[0].get_label(), ax.lines[0].get_ydata().tolist()
    ('mod', [-0.5, -0.25, -0.75])
    >>> plt.close(ax.figure)
    """
    th = check_threshold(theta, "theta")
    values = _samples(x, "x")
    primitive = np.cumsum(values)
    sums = {}
    for label, spikes in trains.items():
        s = _samples(spikes, f"trains[{label!r}]")
        if s.shape != values.shape:
            raise ValueError(f"trains[{label!r}] must have one spike entry per sample of x "
                             f"({values.size}); got shape {s.shape}")
        sums[label] = np.cumsum(s) - primitive if relative else np.cumsum(s)
    grid, primitive, *curves = _window(_grid(times, values.size), window, primitive,
                                       *sums.values())
    ax = _axes(ax)
    centre = np.zeros_like(primitive) if relative else primitive
    tube = r"tube $\pm\theta$" if relative else r"tube $F_n \pm \theta$"
    if points:
        spacing = float(np.min(np.diff(grid))) if grid.size > 1 else 1.0
        ax.vlines(grid, centre - th, centre + th, color="gray", lw=10, alpha=0.25, label=tube)
        if not relative:
            ax.plot(grid, primitive, "k_", ms=18, mew=2, label="primitive $F_n$")
        markers = ("o", "s", "^", "D", "v")
        for k, (label, curve) in enumerate(zip(sums, curves)):
            shift = 0.06 * spacing * (k - (len(curves) - 1) / 2)
            ax.plot(grid + shift, curve, marker=markers[k % len(markers)], ls=":", ms=6,
                    label=label)
        ax.set_xlim(grid[0] - spacing / 2, grid[-1] + spacing / 2)
    else:
        ax.fill_between(grid, centre - th, centre + th, step="post", color="gray",
                        alpha=0.25, label=tube)
        if not relative:
            ax.step(grid, primitive, where="post", color="black", lw=1.2,
                    label="primitive $F_n$")
        styles = ("-", "--", ":", "-.")
        for k, (label, curve) in enumerate(zip(sums, curves)):
            ax.step(grid, curve, where="post", ls=styles[k % len(styles)], lw=1.4,
                    label=label)
    ax.set_xlabel(_time_label(times))
    ax.set_ylabel("$S_n - F_n$" if relative else "cumulative sum")
    ax.legend(fontsize=8)
    return ax


def _per_point(values: Any, size: int, name: str, what: str) -> np.ndarray:
    """One finite value > 0 (a logarithmic axis) per point, refused by name otherwise."""
    data = _positive(values, name)
    if data.shape != (size,):
        raise ValueError(f"{name} must have one value per {what} ({size}); got shape "
                         f"{data.shape}")
    return data


def _positive(values: Any, name: str) -> np.ndarray:
    data = _samples(values, name)
    if np.any(data <= 0):
        raise ValueError(f"{name} must be > 0 (a logarithmic axis); got {data.tolist()}")
    return data


def _panel(ax: Any, x: np.ndarray, curves: Mapping[str, np.ndarray],
           references: Mapping[str, np.ndarray], best: str | None,
           colors: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Log-log curves with dashed references; a star at each curve's least value when
    ``best`` names it.  Returns the colour of each curve."""
    drawn = {}
    for label, y in curves.items():
        (line,) = ax.loglog(x, y, "o-", ms=3, label=label,
                            color=None if colors is None else colors[label])
        drawn[label] = line.get_color()
        if best is not None:
            k = int(np.argmin(y))
            ax.plot([x[k]], [y[k]], "*", ms=14, color=drawn[label], markeredgecolor="black",
                    label=f"{best} ({label}) = {x[k]:.3g}")
    styles = ("--", ":", "-.")
    for k, (label, y) in enumerate(references.items()):
        ax.loglog(x, y, color="black", ls=styles[k % len(styles)], lw=1, label=label)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8)
    return drawn


def sweep(x: Any, curves: Mapping[str, Any], *, references: Mapping[str, Any] | None = None,
          best: str | None = None, ax: Any = None, xlabel: str = "", ylabel: str = "") -> Any:
    """One quantity against a swept parameter on log-log axes: a curve per method, reference
    curves (bounds) in black, and optionally a star at each curve's least value.

    Parameters
    ----------
    x : array_like
        The swept values (thresholds, sizes, shifts), all > 0.
    curves : mapping
        ``{label: values}``, one value per entry of ``x``.
    references : mapping, optional
        ``{label: values}`` drawn in black with dashed, dotted, dash-dotted lines.
    best : str, optional
        Name of the argument of the least value (as ``"θ*"``); marks it with a star.
    ax : matplotlib.axes.Axes, optional
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, each curve followed by its star, then the references.

    Examples
    --------
    >>> ax = sweep([1, 2, 4], {"gap": [0.5, 1.5, 1.0]}, references={"bound": [1, 2, 4]},
    ...            best="θ*")
    >>> [(line.get_label(), line.get_ydata().tolist()) for line in ax.lines]
    [('gap', [0.5, 1.5, 1.0]), ('θ* (gap) = 1', [0.5]), ('bound', [1.0, 2.0, 4.0])]
    >>> plt.close(ax.figure)
    """
    x = _positive(x, "x")
    curves = {k: _per_point(v, x.size, f"curves[{k!r}]", "x") for k, v in curves.items()}
    references = {k: _per_point(v, x.size, f"references[{k!r}]", "x")
                  for k, v in (references or {}).items()}
    ax = _axes(ax)
    _panel(ax, x, curves, references, best)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def theta_sweep(thetas: Any, results: Mapping[str, Mapping[str, Any]], *,
                bounds: Mapping[str, Any] | None = None, axes: Any = None,
                ylabels: Sequence[str] = ("spikes per second", "Alexiewicz error", "RMSE"),
                xlabel: str = r"threshold $\theta$") -> Any:
    r"""Rate, Alexiewicz error and RMSE against the threshold (log-log), one curve per method
    in one colour on every panel; a star marks each method's :math:`\theta^*`, its least RMSE.

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
        The figure of the three panels, rate on top.

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
    thetas = _positive(thetas, "thetas")
    if axes is None:
        axes = plt.subplots(3, 1, figsize=(8, 9), sharex=True)[1]
    colors = None
    for ax, key, ylabel in zip(axes, keys, ylabels):
        curves = {label: _per_point(values[key], thetas.size, f"results[{label!r}][{key!r}]",
                                    "theta") for label, values in results.items()}
        references = {}
        if bounds and key in bounds:
            values, label = bounds[key]
            references[label] = _per_point(values, thetas.size, f"bounds[{key!r}]", "theta")
        colors = _panel(ax, thetas, curves, references, "θ*" if key == "rmse" else None,
                        colors)
        ax.set_ylabel(ylabel)
    axes[-1].set_xlabel(xlabel)
    return axes[0].figure


def rate_distortion(results: Mapping[str, Mapping[str, Any]], *,
                    xlabel: str = "spikes per second", ylabel: str = "RMSE",
                    ax: Any = None) -> Any:
    """Distortion against rate (log-log), one curve per method, from the ``results`` of
    :func:`theta_sweep`: a method that keeps improving with more spikes keeps falling.

    Parameters
    ----------
    results : mapping
        ``{label: {"rate": ..., "rmse": ...}}``, equal numbers of rates and errors.
    xlabel, ylabel : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The axes, one line per method, rate along x.

    Examples
    --------
    >>> ax = rate_distortion({"mod": {"rate": [9, 5, 2], "rmse": [1, 2, 4]}})
    >>> ax.lines[0].get_xydata().tolist()
    [[9.0, 1.0], [5.0, 2.0], [2.0, 4.0]]
    >>> plt.close(ax.figure)
    """
    ax = _axes(ax)
    for label, values in results.items():
        rate = _positive(values["rate"], f"results[{label!r}]['rate']")
        error = _per_point(values["rmse"], rate.size, f"results[{label!r}]['rmse']", "rate")
        ax.loglog(rate, error, "o-", ms=3, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8)
    return ax


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
        The axes, one bar container per verdict.

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


def claim_times(report: Any, *, ax: Any = None) -> Any:
    """Time per claim of ``ifsod verify --json`` as horizontal bars on a logarithmic axis,
    coloured by verdict, in the report's order from the top.

    A claim that took less than a millisecond is drawn one millisecond long (a logarithmic
    axis has no zero); the bar labels keep the measured time.

    Parameters
    ----------
    report : str, pathlib.Path or list of dict
        The JSON report (each claim with ``seconds``), or its path.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The axes, one bar per claim.

    Examples
    --------
    >>> ax = claim_times([{"id": "T1a", "verdict": "PROVED", "seconds": 2.5},
    ...                   {"id": "T2", "verdict": "FALSIFIED", "seconds": 0.0}])
    >>> [(float(p.get_width()), t.get_text()) for p, t in zip(ax.patches, ax.get_yticklabels())]
    [(2.5, 'T1a'), (0.001, 'T2')]
    >>> plt.close(ax.figure)
    """
    claims = _claims(report)
    try:
        seconds = np.array([float(c["seconds"]) for c in claims])
    except (KeyError, TypeError, ValueError):
        raise ValueError("report: every claim needs its time in seconds (`ifsod verify "
                         "--json` writes it)") from None
    if np.any(~np.isfinite(seconds) | (seconds < 0)):
        raise ValueError(f"report: seconds must be finite and >= 0; got {seconds.tolist()}")
    ax = _axes(ax)
    bars = ax.barh([c["id"] for c in claims], np.maximum(seconds, 1e-3),
                   color=[VERDICT_COLORS.get(c["verdict"], "gray") for c in claims])
    ax.bar_label(bars, labels=[f"{s:.3g}" for s in seconds], fontsize=5, padding=2)
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=6)
    ax.set_xlabel("seconds (log scale)")
    return ax

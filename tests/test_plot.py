"""ifsod.plot draws what it is given: artists, data and labels read back (Agg, no pixels)."""

from __future__ import annotations

import json
import re
from fractions import Fraction as F
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from ifsod import Signal, SpikeTrain, if_encode, if_events, plot, running_sums, sod_encode
from ifsod.data import load_acceleration
from ifsod.reconstruct import kernel_error_bound, kernel_filter

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.md"))
#: Matplotlib calls that draw data (spike trains, membranes, paths, reconstructions, sweeps,
#: verdicts).  The notebooks leave them to ifsod.plot; reference lines at one value
#: (``axvline``), titles, labels and legends stay theirs.
DRAWING = re.compile(r"\.(plot|loglog|semilogx|semilogy|step|stem|stairs|vlines|hlines|bar|barh|"
                     r"scatter|fill_between|fill_betweenx|axhspan|axvspan|errorbar|hist|imshow|"
                     r"pcolormesh|contourf?)\(|(?<![\w.])stem\(")
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.S | re.M)

REC = load_acceleration()
X = REC.values[:3, :400] / REC.rate


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_spike_train_stems_have_the_weights_and_signs():
    eta = SpikeTrain([0.5, 1.25, 2.0], [2.0, -1.0, 1.0], (0.0, 3.0), theta=1.0)
    ax = plot.spike_train(eta, theta=0.5)
    stems = ax.collections[0]
    assert [seg.tolist() for seg in stems.get_segments()] == \
        [[[0.5, 0.0], [0.5, 4.0]], [[1.25, 0.0], [1.25, -2.0]], [[2.0, 0.0], [2.0, 2.0]]]
    assert [to_hex(c) for c in stems.get_colors()] == \
        [to_hex("tab:blue"), to_hex("tab:red"), to_hex("tab:blue")]
    assert ax.get_ylabel() == r"spikes ($\theta$)" and ax.get_xlabel() == "time"


def test_spike_train_of_a_dense_array_uses_the_sample_times():
    x = X[0]
    s = if_encode(x, 2.0)
    times = REC.times[:400]
    ax = plot.spike_train(s, times=times)
    heads = ax.collections[1].get_offsets()
    np.testing.assert_array_equal(heads[:, 0], times[np.flatnonzero(s)])
    np.testing.assert_array_equal(heads[:, 1], s[np.flatnonzero(s)])
    with pytest.raises(ValueError, match="times must have one entry per sample"):
        plot.spike_train(s, times=times[:10])
    with pytest.raises(ValueError, match="spikes must be a SpikeTrain or 1-D"):
        plot.spike_train(np.zeros((2, 3)))


def test_raster_has_one_row_per_channel_with_areas_from_counts():
    s = if_encode(X, 1.0)
    ax = plot.raster(s, channels=REC.channels[:3], theta=1.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(REC.channels[:3])
    for k, row in enumerate(ax.collections):
        fired = np.flatnonzero(s[k])
        offsets = row.get_offsets()
        np.testing.assert_array_equal(offsets[:, 0], fired)
        assert set(offsets[:, 1]) == {k}
        np.testing.assert_allclose(row.get_sizes(), 12 * np.abs(s[k, fired]))
    trains = [SpikeTrain([0.1, 0.2], [1.0, -3.0], (0.0, 1.0))]
    offsets = plot.raster(trains).collections[0].get_offsets()
    assert offsets.tolist() == [[0.1, 0.0], [0.2, 0.0]]


def test_membrane_is_the_running_error_inside_the_band():
    x, theta = X[1], 1.5
    s = if_encode(x, theta)
    ax = plot.membrane(x, s, theta, times=REC.times[:400])
    u = ax.lines[0].get_ydata()
    np.testing.assert_array_equal(u, running_sums(x - s))
    assert np.abs(u).max() < theta  # T1
    band = ax.patches[0]
    assert (band.get_y(), band.get_y() + band.get_height()) == (-theta, theta)
    assert sorted(line.get_ydata()[0] for line in ax.lines[1:]) == [-theta, theta]
    shown = plot.membrane(x, s, theta, times=REC.times[:400], window=(2.0, 3.0)).lines[0]
    inside = (REC.times[:400] >= 2.0) & (REC.times[:400] <= 3.0)
    np.testing.assert_array_equal(shown.get_xdata(), REC.times[:400][inside])
    np.testing.assert_array_equal(shown.get_ydata(), running_sums(x - s)[inside])
    with pytest.raises(ValueError, match=r"window \(20.0, 30.0\) holds no sample"):
        plot.membrane(x, s, theta, times=REC.times[:400], window=(20.0, 30.0))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == \
        ["membrane $u_n$", r"$|u| < \theta$"]


def test_membrane_of_a_signal_is_its_primitive_minus_the_staircase():
    f = Signal.piecewise([0, 2, 4], [[F(3, 4)], [F(-1, 2)]]) + Signal.dirac([3], [F(5, 2)],
                                                                           (0, 4))
    eta = if_events(f, F(1))
    ax = plot.membrane(f, eta, 1, points=401)
    t, u = ax.lines[0].get_xydata().T
    assert {float(tau) for tau in eta.times} <= set(t)
    primitive = f.primitive()
    for k in (0, 57, 200, 399):
        staircase = sum(float(w) for tau, w in zip(eta.times, eta.weights) if tau <= t[k])
        assert u[k] == pytest.approx(float(primitive(F(t[k]))) - staircase, abs=1e-12)
    assert np.abs(u).max() <= 1  # T1 in continuous time: |F - S| <= theta
    with pytest.raises(TypeError, match="spikes must be a SpikeTrain for a Signal x"):
        plot.membrane(f, [0.0, 1.0], 1)


def test_hold_is_the_level_of_the_sod_events_in_its_band():
    y, delta = REC.channel("ankle_vert")[:300], 50.0
    e = sod_encode(y, delta)
    ax = plot.hold(y, e, delta, times=REC.times[:300])
    signal, level = (line.get_ydata() for line in ax.lines)
    np.testing.assert_array_equal(signal, y)
    np.testing.assert_array_equal(level, y[0] + np.cumsum(e))
    assert np.abs(signal - level).max() < delta  # T4
    vertices = ax.collections[0].get_paths()[0].vertices
    assert np.isclose(vertices[:, 1].max(), level.max() + delta)


def test_reconstruction_band_is_the_t5_bound_around_the_filtered_signal():
    x, theta, width, dt = X[2], 2.0, 16, 1 / REC.rate
    s = if_encode(x, theta)
    ax = plot.reconstruction(x, s, theta, width=width, scale=1 / dt)
    reference, rebuilt = (line.get_ydata() for line in ax.lines)
    np.testing.assert_allclose(reference, kernel_filter(x, "box", width=width) / dt)
    np.testing.assert_allclose(rebuilt, kernel_filter(s, "box", width=width) / dt)
    bound = kernel_error_bound(theta, "box", width=width) / dt
    vertices = ax.collections[0].get_paths()[0].vertices
    assert np.isclose(vertices[:, 1].max(), reference.max() + bound)
    assert np.isclose(vertices[:, 1].min(), reference.min() - bound)
    assert np.abs(rebuilt - reference).max() < bound  # T5, as drawn


def test_theta_sweep_draws_three_log_panels_and_marks_the_best_theta():
    thetas = np.array([0.5, 1.0, 2.0, 4.0])
    results = {"mod": {"rate": [40, 20, 10, 5], "a_error": [0.4, 0.9, 1.9, 3.9],
                       "rmse": [1.0, 2.0, 4.0, 8.0]},
               "subtract": {"rate": [30, 20, 10, 5], "a_error": [9, 3, 1.9, 3.9],
                            "rmse": [6.0, 3.0, 4.0, 8.0]}}
    fig = plot.theta_sweep(thetas, results, bounds={"a_error": (thetas, "T1 bound")},
                           ylabels=("rate", "A", "RMSE"))
    top, middle, bottom = fig.axes
    assert all(ax.get_xscale() == ax.get_yscale() == "log" for ax in fig.axes)
    assert [ax.get_ylabel() for ax in fig.axes] == ["rate", "A", "RMSE"]
    np.testing.assert_array_equal(top.lines[1].get_ydata(), [30, 20, 10, 5])
    stars = [line for line in bottom.lines if line.get_marker() == "*"]
    assert [(s.get_xdata()[0], s.get_ydata()[0]) for s in stars] == [(0.5, 1.0), (1.0, 3.0)]
    assert "T1 bound" in [t.get_text() for t in middle.get_legend().get_texts()]
    with pytest.raises(ValueError, match=r"results\['mod'\]\['rate'\] must have one value"):
        plot.theta_sweep(thetas[:2], results)


def test_verdicts_count_claims_per_group_from_the_json_report(tmp_path):
    claims = [{"id": "T1a", "verdict": "PROVED", "matches_expectation": True},
              {"id": "T1b", "verdict": "FALSIFIED", "matches_expectation": True},
              {"id": "T1c", "verdict": "PROVED", "matches_expectation": True},
              {"id": "T10", "verdict": "ERROR", "matches_expectation": False},
              {"id": "T2", "verdict": "NO_COUNTEREXAMPLE", "matches_expectation": True}]
    path = tmp_path / "verify.json"
    path.write_text(json.dumps(claims))
    ax = plot.verdicts(path)
    groups = [t.get_text() for t in ax.get_xticklabels()]
    assert groups == ["T1", "T2", "T10"]
    heights = {}
    for container, verdict in zip(ax.containers, plot.VERDICT_COLORS):
        for group, bar in zip(groups, container):
            heights[group, verdict] = bar.get_height()
    assert heights["T1", "PROVED"] == 2 and heights["T1", "FALSIFIED"] == 1
    assert heights["T10", "ERROR"] == 1 and heights["T2", "NO_COUNTEREXAMPLE"] == 1
    assert sum(heights.values()) == len(claims)
    assert ax.get_title() == "5 claims: 1 differ from their expectation (T10)"
    with pytest.raises(ValueError, match="report must be the JSON of `ifsod verify --json`"):
        plot.verdicts({"id": "T1"})


def test_theta_sweep_keeps_one_colour_per_method_on_every_panel():
    thetas = [1.0, 2.0]
    results = {"a": {"rate": [2, 1], "a_error": [1, 2], "rmse": [1, 2]},
               "b": {"rate": [3, 1], "a_error": [1, 3], "rmse": [2, 1]}}
    fig = plot.theta_sweep(thetas, results)
    for label in results:
        colours = {to_hex(line.get_color()) for ax in fig.axes for line in ax.lines
                   if line.get_label() == label}
        assert len(colours) == 1


def test_paths_are_the_cumulative_sums_in_the_tube_around_the_primitive():
    from ifsod.sparse import recover

    x, theta = X[0, :200], 1.0
    greedy, lazy = recover(x, theta).spikes, recover(x, theta, problem="relaxed").spikes
    trains = {"greedy": greedy, "lazy": lazy}
    ax = plot.paths(x, trains, theta, times=REC.times[:200])
    primitive, *curves = ax.lines
    np.testing.assert_allclose(primitive.get_ydata(), np.cumsum(x))
    assert [line.get_label() for line in curves] == ["greedy", "lazy"]
    for line, s in zip(curves, trains.values()):
        np.testing.assert_array_equal(line.get_xdata(), REC.times[:200])
        np.testing.assert_allclose(line.get_ydata(), np.cumsum(s))
    tube = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert np.isclose(tube.max(), np.cumsum(x).max() + theta)
    assert np.isclose(tube.min(), np.cumsum(x).min() - theta)
    assert ax.get_xlabel() == "time" and ax.get_ylabel() == "cumulative sum"

    rel = plot.paths(x, trains, theta, relative=True, window=(10, 60))
    greedy_line, lazy_line = rel.lines
    inside = slice(10, 61)
    np.testing.assert_allclose(greedy_line.get_ydata(), (np.cumsum(greedy) - np.cumsum(x))[inside])
    assert np.abs(greedy_line.get_ydata()).max() < theta  # T1: strictly inside
    assert np.abs(lazy_line.get_ydata()).max() <= theta * (1 + 1e-12)  # T6: the closed tube
    band = rel.collections[0].get_paths()[0].vertices[:, 1]
    assert (band.min(), band.max()) == (-theta, theta)
    assert rel.get_ylabel() == "$S_n - F_n$"


def test_paths_of_exact_input_and_bad_trains():
    x = [F(1, 3), F(2, 3), F(5, 2)]
    s = if_encode(x, F(1))
    ax = plot.paths(x, {"mod": s, "none": [0, 0, 0]}, 1, points=True)
    tube, = ax.collections
    assert [seg.tolist() for seg in tube.get_segments()] == \
        [[[n, f - 1], [n, f + 1]] for n, f in enumerate(np.cumsum([1 / 3, 2 / 3, 5 / 2]))]
    primitive, mod, none = ax.lines
    assert primitive.get_marker() == "_" and primitive.get_linestyle() == "None"
    assert mod.get_ydata().tolist() == [0.0, 1.0, 3.0]
    assert none.get_ydata().tolist() == [0.0, 0.0, 0.0]
    np.testing.assert_allclose(mod.get_xdata(), [-0.03, 0.97, 1.97])  # side by side
    np.testing.assert_allclose(none.get_xdata(), [0.03, 1.03, 2.03])
    assert (mod.get_marker(), none.get_marker()) == ("o", "s")
    assert ax.get_xlim() == (-0.5, 2.5)
    with pytest.raises(ValueError, match=r"trains\['short'\] must have one spike entry per "
                                         r"sample of x \(3\); got shape \(2,\)"):
        plot.paths(x, {"short": [0.0, 1.0]}, 1)
    with pytest.raises(ValueError, match="theta"):
        plot.paths(x, {"mod": s}, -1)


def test_sweep_draws_curves_references_and_least_values():
    x = np.array([0.125, 0.5, 2.0])
    ax = plot.sweep(x, {"gap": [0.1, 0.4, 0.3], "monotone": [0.1, 0.2, 0.9]},
                    references={"bound": 3 * x, "θ": x}, best="θ*", xlabel="θ", ylabel="gap")
    labels = [line.get_label() for line in ax.lines]
    assert labels == ["gap", "θ* (gap) = 0.125", "monotone", "θ* (monotone) = 0.125",
                      "bound", "θ"]
    np.testing.assert_array_equal(ax.lines[4].get_ydata(), 3 * x)
    assert [ax.lines[k].get_linestyle() for k in (4, 5)] == ["--", ":"]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("θ", "gap")
    assert "bound" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(ValueError, match=r"curves\['gap'\] must have one value per x \(3\)"):
        plot.sweep(x, {"gap": [1.0, 2.0]})
    with pytest.raises(ValueError, match=r"references\['bound'\] must have one value per x"):
        plot.sweep(x, {}, references={"bound": [1.0]})
    with pytest.raises(ValueError, match=r"x must be > 0 \(a logarithmic axis\)"):
        plot.sweep([0.0, 1.0], {"gap": [1.0, 2.0]})
    # A value a logarithmic axis cannot show is refused, not left out of the curve.
    with pytest.raises(ValueError, match=r"curves\['gap'\] must be > 0 \(a logarithmic axis\)"):
        plot.sweep(x, {"gap": [0.0, 1.0, 2.0]})
    with pytest.raises(ValueError, match=r"curves\['gap'\]"):
        plot.sweep(x, {"gap": [np.nan, 1.0, 2.0]})


def test_rate_distortion_pairs_rate_with_error_per_method():
    results = {"mod": {"rate": [40, 20, 10], "rmse": [1.0, 2.0, 4.0]},
               "subtract": {"rate": [30, 20], "rmse": [6.0, 3.0]}}
    ax = plot.rate_distortion(results, ylabel="RMSE (mg)")
    assert [line.get_label() for line in ax.lines] == ["mod", "subtract"]
    assert ax.lines[1].get_xydata().tolist() == [[30.0, 6.0], [20.0, 3.0]]
    assert ax.get_ylabel() == "RMSE (mg)" and ax.get_xscale() == "log"
    with pytest.raises(ValueError, match=r"results\['mod'\]\['rmse'\] must have one value per "
                                         r"rate \(2\)"):
        plot.rate_distortion({"mod": {"rate": [1, 2], "rmse": [1.0]}})


def test_claim_times_are_bars_coloured_by_verdict():
    claims = [{"id": "T1a", "verdict": "PROVED", "seconds": 3.0},
              {"id": "T3", "verdict": "FALSIFIED", "seconds": 0.0002},
              {"id": "T9", "verdict": "ERROR", "seconds": 0.5}]
    ax = plot.claim_times(claims)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T1a", "T3", "T9"]
    assert [p.get_width() for p in ax.patches] == [3.0, 1e-3, 0.5]
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == \
        [plot.VERDICT_COLORS[c["verdict"]].lower() for c in claims]
    assert [t.get_text() for t in ax.texts] == ["3", "0.0002", "0.5"]
    assert ax.get_xscale() == "log" and ax.yaxis_inverted()
    with pytest.raises(ValueError, match="every claim needs its time in seconds"):
        plot.claim_times([{"id": "T1", "verdict": "PROVED"}])
    with pytest.raises(ValueError, match="seconds must be finite and >= 0"):
        plot.claim_times([{"id": "T1", "verdict": "PROVED", "seconds": -1}])


def drawing_calls(source: str) -> list[str]:
    """The lines of the code cells of a MyST notebook that call matplotlib to draw data."""
    return [line.strip() for cell in CODE_CELL.findall(source) for line in cell.splitlines()
            if DRAWING.search(line.split("#")[0])]


def test_the_scan_finds_direct_drawing_in_code_cells_only():
    source = ("Text may say ax.plot(x).\n\n```{code-cell} ipython3\nfig, ax = plt.subplots()\n"
              "ax.loglog(x, y)  # by hand\nplot.sweep(x, {'a': y}, ax=ax)\nstem(x)\n"
              "plt.plot(x)\nax.axvline(1.0)\n```\n")
    assert drawing_calls(source) == ["ax.loglog(x, y)  # by hand", "stem(x)", "plt.plot(x)"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_draw_with_ifsod_plot(notebook):
    source = notebook.read_text(encoding="utf-8")
    assert CODE_CELL.findall(source), f"{notebook.name} has no code cells"
    assert drawing_calls(source) == [], f"{notebook.name} draws with matplotlib directly"

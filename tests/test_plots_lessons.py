"""The lesson figures draw the real numbers they are given."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from lstmlab import lstm_gates
from lstmlab.plots.gates import gate_bars_figure
from lstmlab.plots.cost import params_time_figure
from lstmlab.plots.unrolled import fmt_vector, unrolled_figure
from lstmlab.explore.cell_core import cell_trace


def weights(rng, features=3, units=2):
    return rng.normal(size=(features, 4 * units)), rng.normal(size=(units, 4 * units)), rng.normal(size=4 * units)


def test_gate_bars_are_the_gate_values(rng):
    gates = lstm_gates(rng.normal(size=(2, 3)), np.zeros((2, 2)), np.zeros((2, 2)), *weights(rng))
    fig = gate_bars_figure(gates, sample=1)
    assert isinstance(fig, Figure) and len(fig.axes) == 6
    for ax, key in zip(fig.axes, ("i", "f", "c_tilde", "o", "c", "h")):
        heights = [p.get_height() for p in ax.patches]
        np.testing.assert_allclose(heights, gates[key][1])


def test_gate_bars_need_every_gate(rng):
    with pytest.raises(ValueError, match="missing"):
        gate_bars_figure({"i": np.zeros((1, 2))})


def test_unrolled_figure_prints_each_steps_h(rng):
    x = rng.normal(size=(8, 3))
    trace = cell_trace(x, *weights(rng))
    fig = unrolled_figure(x, trace, max_timesteps=4)
    texts = [t.get_text() for t in fig.axes[0].texts]
    for t in range(4):
        assert f"h[{t}] = {fmt_vector(trace['h'][t])}" in texts
    assert not any(s.startswith("h[4]") for s in texts)
    assert any("first 4 of 8 steps" in s for s in texts)


def test_fmt_vector():
    assert fmt_vector([0.123, -0.3]) == "[0.12, -0.30]"
    assert fmt_vector(np.arange(5)) == "[0.00, 1.00, 2.00, ...]"


def test_unrolled_figure_explains_mismatched_shapes(rng):
    with pytest.raises(ValueError, match="same timesteps"):
        unrolled_figure(np.zeros((3, 2)), {"h": np.zeros((4, 2)), "c": np.zeros((4, 2))})


def test_params_time_figure_plots_the_given_numbers():
    fig = params_time_figure([1, 2, 3], [96, 96, 96], {"NumPy": [0.001, 0.002, 0.003], "Keras": [0.01, 0.02, 0.04]})
    left, middle, right = fig.axes
    assert left.lines[0].get_ydata().tolist() == [96, 96, 96]
    np.testing.assert_allclose(middle.lines[0].get_ydata(), [1, 2, 3])  # seconds -> milliseconds
    np.testing.assert_allclose(right.lines[0].get_ydata(), [10, 20, 40])
    assert "Keras" in right.get_title()
    with pytest.raises(ValueError, match="one value per timesteps"):
        params_time_figure([1, 2], [96], {})


def test_activation_curves_are_the_formulas():
    from lstmlab.plots.activations import activation_curves_figure
    fig = activation_curves_figure(("sigmoid", "hard_sigmoid_keras2"), lo=-5, hi=5)
    sig, hard2 = fig.axes[0].lines[:2]
    x = sig.get_xdata()
    np.testing.assert_allclose(sig.get_ydata(), 1 / (1 + np.exp(-x)), atol=1e-12)
    np.testing.assert_allclose(hard2.get_ydata(), np.clip(0.2 * x + 0.5, 0, 1))  # Keras 2's formula, by hand
    with pytest.raises(ValueError, match="unknown activation"):
        activation_curves_figure(("sigmoidd",))


def test_weight_blocks_figure_draws_each_weight_with_gate_borders(rng):
    from lstmlab.plots.weights import weight_blocks_figure
    kernel, rk, bias = weights(rng, features=3, units=2)
    fig = weight_blocks_figure(kernel, rk, bias)
    images = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    np.testing.assert_allclose(images[0], kernel)
    np.testing.assert_allclose(images[1], rk)
    np.testing.assert_allclose(images[2], bias[None, :])
    borders = sorted(line.get_xdata()[0] for line in fig.axes[0].lines)
    assert borders == [1.5, 3.5, 5.5]  # between the i|f, f|c and c|o blocks of 2 units each
    with pytest.raises(ValueError, match="recurrent_kernel must be"):
        weight_blocks_figure(kernel, rk.T, bias)


def test_unit_response_figure_draws_each_response(rng):
    from lstmlab.lessons.mixing import independent_units, unit_response
    from lstmlab.plots.mixing import unit_response_figure
    kernel, rk, bias = weights(rng, features=3, units=3)
    x, h, c = rng.normal(size=(1, 3)), rng.normal(size=(1, 3)), rng.normal(size=(1, 3))
    full = unit_response(x, h, c, kernel, rk, bias, unit=1)
    diag = unit_response(x, h, c, kernel, independent_units(rk), bias, unit=1)
    fig = unit_response_figure({"full U": full, "block-diagonal U": diag}, unit=1)
    assert len(fig.axes) == 8
    tops = lambda ax: [p.get_y() + p.get_height() for p in ax.patches]  # bars stand on the log axis's floor
    np.testing.assert_allclose(tops(fig.axes[1]), full["f"])
    np.testing.assert_allclose(tops(fig.axes[4])[1], diag["i"][1])
    assert [t.get_text() for t in fig.axes[4].texts] == ["0", "0"]  # the units that do not move, said in words
    with pytest.raises(ValueError, match="missing"):
        unit_response_figure({"bad": {"i": [0]}})


def test_every_unit_response_panel_shows_its_nudged_units_bar():
    """Lesson 01's numbers: the nudged unit's f moves by 4e-7 while other units' f move by 2e-4; its bar still shows."""
    from lstmlab.plots.mixing import unit_response_figure
    full = {"i": [2.1e-4, 1.6e-4, 4.4e-5, 8.6e-5], "f": [4.2e-7, 7.8e-5, 1.6e-4, 4.8e-5],
            "c_tilde": [8.6e-5, 3.5e-4, 5.9e-4, 3.1e-4], "o": [5.4e-5, 1.5e-4, 2.0e-4, 6.0e-5]}
    diag = {"i": [2.2e-4, 0, 0, 0], "f": [3.8e-7, 0, 0, 0], "c_tilde": [1.2e-4, 0, 0, 0], "o": [4.9e-5, 0, 0, 0]}
    fig = unit_response_figure({"Keras's U": full, "block-diagonal U": diag}, unit=0)
    fig.canvas.draw()
    for ax in fig.axes:
        bar = ax.patches[0].get_window_extent()  # the nudged unit's bar, in pixels
        assert bar.height > 0.1 * ax.get_window_extent().height, ax.get_title()  # not a sliver: a visible bar

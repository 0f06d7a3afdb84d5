"""The cost formulas against independent counts, and the fused-kernel conditions against Keras's own check."""
import numpy as np
import pytest

from lstmlab import LSTM, Bidirectional, Dense, Stack
from lstmlab.lessons import cost


def test_flops_equal_a_count_of_the_matmuls():
    """Per step: x @ kernel is batch*features*4u multiply-adds, h @ recurrent_kernel batch*units*4u; 2 FLOPs each."""
    batch, timesteps, features, units = 3, 7, 5, 11
    per_step = batch * features * (4 * units) + batch * units * (4 * units)
    assert cost.lstm_flops(batch, timesteps, features, units) == 2 * timesteps * per_step
    with pytest.raises(ValueError, match="units"):
        cost.lstm_flops(1, 1, 1, 0)


def test_stack_flops_follow_the_shapes():
    stack = Stack(input_shape=(5, 2), layers=[Bidirectional(LSTM(4, return_sequences=True)), LSTM(3), Dense(1)])
    rows = cost.stack_flops(stack, batch=2)
    assert [r[1] for r in rows] == [2 * cost.lstm_flops(2, 5, 2, 4), cost.lstm_flops(2, 5, 8, 3)]


@pytest.mark.parametrize("timesteps", [1, 5, 50])
def test_params_are_flat_in_timesteps(keras, timesteps):
    model = keras.Sequential([keras.Input((timesteps, 4)), keras.layers.LSTM(10)])
    assert model.count_params() == cost.lstm_params(4, 10) == 4 * (10 * (4 + 10) + 10)


@pytest.mark.parametrize("kwargs", [{}, {"activation": "relu"}, {"recurrent_activation": "hard_sigmoid"},
                                    {"unroll": True}, {"use_bias": False}, {"recurrent_dropout": 0.2},
                                    {"activation": "relu", "dropout": 0.2, "recurrent_dropout": 0.2}])
def test_fused_report_agrees_with_keras(keras, kwargs):
    """Keras's own test of the arguments (its GPU check aside), plus the recurrent_dropout rule in LSTM.inner_loop."""
    from keras.src.backend.tensorflow.rnn import _do_lstm_arguments_support_cudnn
    layer = keras.layers.LSTM(4, **kwargs)
    keras_says = _do_lstm_arguments_support_cudnn(layer.activation, layer.recurrent_activation, layer.unroll,
                                                   layer.use_bias) and not layer.recurrent_dropout
    spec = LSTM(4, **kwargs)
    assert cost.uses_fused_kernel(spec, gpu=True) == keras_says
    assert cost.uses_fused_kernel(layer, gpu=True) == keras_says
    assert not cost.uses_fused_kernel(layer, gpu=False)


def test_seed_004_model_cannot_use_the_fused_kernel():
    report = cost.fused_kernel_report(LSTM(10, activation="relu", dropout=0.2, recurrent_dropout=0.2), gpu=True)
    failed = {name for name, _, _, ok in report if not ok}
    assert failed == {"activation", "recurrent_dropout"}


def test_rnn_of_lstmcells_computes_the_same_as_stacked_lstm(keras):
    keras.utils.set_random_seed(0)
    layers = cost.keras_stack(6, 3, 5, depth=2)
    cells = cost.keras_stack(6, 3, 5, depth=2, cells=True)
    assert layers.count_params() == cells.count_params()
    cells.set_weights(layers.get_weights())
    x, _ = cost.random_batch(4, 6, 3)
    np.testing.assert_allclose(cells.predict_on_batch(x), layers.predict_on_batch(x), atol=1e-6)


def test_unrolled_model_computes_the_same(keras):
    keras.utils.set_random_seed(0)
    rolled, unrolled = cost.keras_stack(4, 3, 5), cost.keras_stack(4, 3, 5, unroll=True)
    unrolled.set_weights(rolled.get_weights())
    x, _ = cost.random_batch(2, 4, 3)
    np.testing.assert_allclose(unrolled.predict_on_batch(x), rolled.predict_on_batch(x), atol=1e-6)


def test_bptt_memory_grows_with_timesteps():
    """BPTT keeps every step's gates: the caches of 200 steps outweigh those of 20 (bytes, not time)."""
    short, long = cost.numpy_training_memory(16, 20, 4, 16), cost.numpy_training_memory(16, 200, 4, 16)
    cache_bytes_per_step = 16 * 16 * 8 * 10  # batch * units * 8 bytes * ~10 kept arrays (gates, states)
    assert long - short > 180 * cache_bytes_per_step


def test_sweep_rows_carry_flops_and_params(keras):
    rows = cost.sweep("timesteps", [2, 4], base=dict(batch=2, units=3, features=2), repeat=1)
    assert [r["flops"] for r in rows] == [cost.lstm_flops(2, t, 2, 3) for t in (2, 4)]
    assert rows[0]["params"] == rows[1]["params"] == cost.lstm_params(2, 3) + 3 + 1
    assert all(r["keras_s"] > 0 and r["numpy_s"] > 0 for r in rows)
    with pytest.raises(ValueError, match="can sweep"):
        cost.sweep("layers", [1])


def test_figures_draw_the_numbers_they_are_given():
    from lstmlab.reference.dropout import dropout_masks
    from lstmlab.plots.cost import bars_figure, memory_figure, sweep_figure
    from lstmlab.plots.training import dropout_masks_figure, gradient_flow_figure, loss_curves_figure
    rows = [dict(value=v, flops=cost.lstm_flops(2, v, 2, 3), keras_s=0.001 * v, numpy_s=0.002 * v) for v in (1, 2, 4)]
    fig = sweep_figure({"timesteps": rows, "batch": rows})
    assert list(fig.axes[0].lines[0].get_ydata()) == [1.0, 2.0, 4.0]  # ms
    assert len(fig.axes) == 4  # two panels, each with a FLOP twin axis
    fig = memory_figure([10, 20], [1e6, 2e6], [100, 100])
    assert list(fig.axes[1].lines[0].get_ydata()) == [1.0, 2.0]
    fig = bars_figure({"a": 0.001, "b": 0.002}, title="t")
    assert [p.get_width() for p in fig.axes[0].patches] == [1.0, 2.0]
    fig = loss_curves_figure({"NumPy": [1.0, 0.5], "Keras": [1.0, 0.4]})
    assert len(fig.axes[0].lines) == 2
    fig = gradient_flow_figure({"LSTM": np.array([0.5, 1.0, 2.0])}, {"LSTM": np.array([1.0, 2.0])})
    assert list(fig.axes[0].lines[0].get_ydata()) == [0.25, 0.5, 1.0]
    masks = dropout_masks(3, 4, 5, dropout=0.5, recurrent_dropout=0.5, seed=0)
    fig = dropout_masks_figure(masks)
    assert fig.axes[0].images[0].get_array().shape == (4, 4) and fig.axes[1].images[0].get_array().shape == (4, 5)
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array()[2], masks["recurrent"][2][0] > 0)
